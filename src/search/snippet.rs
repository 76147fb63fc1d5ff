//! A one-line excerpt around the best cluster of matched words, with the
//! matches' byte ranges moved into the excerpt. The best cluster holds the
//! most weight of distinct terms (inflections of one word count once), so
//! "uitreisverbod" once beats "oproep" three times. Without the corpus's
//! statistics a term weighs its length: long words are rare words (Zipf's
//! law of abbreviation); the search index knows each term's IDF and passes
//! it to `make_weighted`, so the rarest matched terms win there.

use std::ops::Range;

use crate::sanitize::clean_line;

const ELLIPSIS: &str = "…";

/// `marks` are sorted, non-overlapping byte ranges into `text`. The excerpt
/// holds at most about `max_bytes` bytes of `text`, starts near the window
/// with the most weight of distinct terms, and is cleaned for terminal
/// output piece by piece so the ranges stay exact.
pub fn make(text: &str, marks: &[Range<usize>], max_bytes: usize) -> (String, Vec<Range<usize>>) {
    let weights: Vec<f32> = marks
        .iter()
        .map(|m| text[m.clone()].chars().count() as f32)
        .collect();
    make_weighted(text, marks, &weights, max_bytes)
}

/// Two matched words are one term when one is the other plus an ending
/// ("oproep", "oproepen"), compared without case; words under 4 letters
/// only when equal.
fn same_term(a: &str, b: &str) -> bool {
    let common = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
    let shorter = a.chars().count().min(b.chars().count());
    a == b || (shorter >= 4 && (common == shorter || (common >= 4 && common + 2 >= shorter)))
}

/// As `make`, with a weight per mark (a caller that knows how rare each
/// matched term is in the whole corpus passes its IDF). Marks of the same
/// term count once per window.
pub fn make_weighted(
    text: &str,
    marks: &[Range<usize>],
    weights: &[f32],
    max_bytes: usize,
) -> (String, Vec<Range<usize>>) {
    let (start, end) = window(text, marks, weights, max_bytes);
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

/// The index of the mark that starts the window with the most weight of
/// distinct words; ties go to more marks, then to the earlier window.
fn best_start(text: &str, marks: &[Range<usize>], weights: &[f32], span: usize) -> usize {
    let words: Vec<String> = marks
        .iter()
        .map(|m| text[m.clone()].to_lowercase())
        .collect();
    let mut best = (0usize, f32::MIN, 0usize);
    let mut seen: Vec<&str> = Vec::new();
    for (i, m) in marks.iter().enumerate() {
        seen.clear();
        let (mut weight, mut n) = (0.0f32, 0usize);
        for (j, mj) in marks.iter().enumerate().skip(i) {
            if mj.end > m.start + span {
                break;
            }
            n += 1;
            if !seen.iter().any(|s| same_term(s, &words[j])) {
                weight += weights.get(j).copied().unwrap_or(1.0);
                seen.push(&words[j]);
            }
        }
        let better = weight > best.1 + 1e-6 || ((weight - best.1).abs() <= 1e-6 && n > best.2);
        if better {
            best = (i, weight, n);
        }
    }
    best.0
}

fn window(text: &str, marks: &[Range<usize>], weights: &[f32], max_bytes: usize) -> (usize, usize) {
    if text.len() <= max_bytes {
        return (0, text.len());
    }
    let best = best_start(text, marks, weights, max_bytes * 3 / 4);
    let anchor = marks.get(best).map_or(0, |m| m.start);
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

    #[test]
    fn the_rarer_word_wins_over_a_cluster_of_a_common_one() {
        let filler = "en dan ".repeat(40);
        let text =
            format!("de oproep, een oproep, weer een oproep {filler} het uitreisverbod {filler}");
        let mut marks: Vec<Range<usize>> = ["oproep", "uitreisverbod"]
            .iter()
            .flat_map(|w| text.match_indices(w).map(|(at, m)| at..at + m.len()))
            .collect();
        marks.sort_by_key(|r| r.start);
        let (s, r) = make(&text, &marks, 120);
        assert_eq!(marked(&s, &r), ["uitreisverbod"], "{s}");
        // Inflections are one term: "oproepen" does not outweigh "oproep".
        assert!(same_term("oproep", "oproepen") && same_term("uitreisverbod", "uitreisverboden"));
        assert!(!same_term("oproep", "uitreisverbod") && !same_term("na", "nagel"));
        // Both words within reach: the window holds both.
        let text = format!("{filler}de oproep om het uitreisverbod {filler} oproep oproep");
        let mut marks: Vec<Range<usize>> = ["oproep", "uitreisverbod"]
            .iter()
            .flat_map(|w| text.match_indices(w).map(|(at, m)| at..at + m.len()))
            .collect();
        marks.sort_by_key(|r| r.start);
        let (s, r) = make(&text, &marks, 120);
        assert_eq!(marked(&s, &r), ["oproep", "uitreisverbod"], "{s}");
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
