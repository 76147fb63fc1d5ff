//! A one-line excerpt around the densest cluster of matched words, with the
//! matches' byte ranges moved into the excerpt.

use std::ops::Range;

use crate::sanitize::clean_line;

const ELLIPSIS: &str = "…";

/// `marks` are sorted, non-overlapping byte ranges into `text`. The excerpt
/// holds at most about `max_bytes` bytes of `text`, starts near the window
/// with the most marks, and is cleaned for terminal output piece by piece so
/// the ranges stay exact.
pub fn make(text: &str, marks: &[Range<usize>], max_bytes: usize) -> (String, Vec<Range<usize>>) {
    let (start, end) = window(text, marks, max_bytes);
    let mut out = String::with_capacity(end - start + 8);
    let mut ranges = Vec::new();
    if start > 0 {
        out.push_str(ELLIPSIS);
        out.push(' ');
    }
    let mut pos = start;
    for m in marks.iter().filter(|m| m.start >= start && m.end <= end) {
        push_clean(&mut out, &text[pos..m.start]);
        let from = out.len();
        push_clean(&mut out, &text[m.clone()]);
        ranges.push(from..out.len());
        pos = m.end;
    }
    push_clean(&mut out, &text[pos..end]);
    if end < text.len() {
        out.push(' ');
        out.push_str(ELLIPSIS);
    }
    (out, ranges)
}

/// Whitespace runs become one space, so a paragraph reads as one line.
fn push_clean(out: &mut String, piece: &str) {
    for c in clean_line(piece).chars() {
        if c.is_whitespace() {
            if !out.ends_with(' ') && !out.is_empty() {
                out.push(' ');
            }
        } else {
            out.push(c);
        }
    }
}

fn window(text: &str, marks: &[Range<usize>], max_bytes: usize) -> (usize, usize) {
    if text.len() <= max_bytes {
        return (0, text.len());
    }
    // The mark that starts the window holding most marks.
    let mut best = (0usize, 0usize);
    let mut j = 0;
    for (i, m) in marks.iter().enumerate() {
        j = j.max(i);
        while j < marks.len() && marks[j].end <= m.start + max_bytes * 3 / 4 {
            j += 1;
        }
        if j - i > best.1 {
            best = (i, j - i);
        }
    }
    let anchor = marks.get(best.0).map_or(0, |m| m.start);
    // A little context before the first match, cut at a word boundary.
    let mut start = anchor.saturating_sub(max_bytes / 4);
    if start > 0 {
        start = floor_boundary(text, start);
        // Step over the whole space: U+00A0 and other Unicode spaces are
        // more than one byte, and landing inside one panics when sliced.
        if let Some((sp, c)) = text[start..anchor]
            .char_indices()
            .find(|(_, c)| c.is_whitespace())
        {
            start += sp + c.len_utf8();
        }
    }
    let mut end = floor_boundary(text, (start + max_bytes).min(text.len()));
    if end < text.len()
        && let Some(sp) = text[start..end].rfind(char::is_whitespace)
        && sp > 0
    {
        end = start + sp;
    }
    (start, end)
}

fn floor_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marked(s: &str, r: &[Range<usize>]) -> Vec<String> {
        r.iter().map(|r| s[r.clone()].to_string()).collect()
    }

    #[test]
    fn short_text_is_kept_whole_with_exact_ranges() {
        let text = "De oproep\nkwam per post.";
        let (s, r) = make(text, &[3..9, 19..23], 200);
        assert_eq!(s, "De oproep kwam per post.");
        assert_eq!(marked(&s, &r), ["oproep", "post"]);
    }

    #[test]
    fn long_text_is_cut_around_the_matches_on_char_boundaries() {
        let filler = "één woord ".repeat(40);
        let text = format!("{filler}het uitreisverbod geldt {filler}");
        let at = text.find("uitreisverbod").unwrap();
        let (s, r) = make(&text, std::slice::from_ref(&(at..at + 13)), 120);
        assert!(s.starts_with('…') && s.ends_with('…'), "{s}");
        assert_eq!(marked(&s, &r), ["uitreisverbod"]);
        assert!(s.len() < 140);
    }

    /// Found by the `search_query` fuzz target: the context before the
    /// first match was cut one byte past the start of a no-break space.
    #[test]
    fn multibyte_space_before_the_window_is_stepped_over() {
        let text = std::str::from_utf8(b"oproep \xc2\xa0\xe1\xa4\xb0 a").unwrap();
        let at = text.len() - 1;
        for max in 1..=text.len() {
            let (s, r) = make(text, std::slice::from_ref(&(at..at + 1)), max);
            assert_eq!(marked(&s, &r), ["a"], "max {max}");
        }
        let filler = "woord\u{2003}".repeat(30);
        let text = format!("{filler}oproep");
        let at = text.find("oproep").unwrap();
        let (s, r) = make(&text, std::slice::from_ref(&(at..at + 6)), 40);
        assert_eq!(marked(&s, &r), ["oproep"]);
    }

    #[test]
    fn control_characters_are_removed_without_shifting_ranges() {
        let text = "a\u{1b}[31mred\u{202e} word";
        let at = text.find("word").unwrap();
        let (s, r) = make(text, std::slice::from_ref(&(at..at + 4)), 200);
        assert!(!s.contains('\u{1b}') && !s.contains('\u{202e}'));
        assert_eq!(marked(&s, &r), ["word"]);
    }
}
