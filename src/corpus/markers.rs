//! Footnote markers in PDF-exported text: bare digits glued to the word,
//! punctuation or even the number before them ("maart 20231" = 2023 + fn 1).
//!
//! Markers are found in sequence: marker k lies after marker k-1, and is
//! looked for before the first confident candidate for k+1. A confident
//! candidate is glued to a letter or to punctuation that follows a
//! non-digit; weaker ones (after a decimal point, at the end of a longer
//! digit run, or standing alone after punctuation) are taken only when no
//! confident one exists in that window. No generic "digits at the end"
//! rule is used, because "20.070" and "2.022" are real numbers.

/// Where marker `number` was found in item `item`: byte span to remove
/// from the item's text (including a separating space for loose markers).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Marker {
    pub number: u32,
    pub item: usize,
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Tier {
    Strong,
    Weak,
}

/// Locate markers for `numbers` (ascending) in `texts`. Returns one entry
/// per number, `None` when no marker was found.
pub fn locate(texts: &[String], numbers: &[u32]) -> Vec<Option<Marker>> {
    let mut all = String::new();
    let mut starts = Vec::with_capacity(texts.len());
    for t in texts {
        starts.push(all.len());
        all.push_str(t);
        all.push('\n');
    }
    let bytes = all.as_bytes();
    // Markers are dense (hundreds of bytes apart), so the look-ahead for the
    // next marker is bounded; a miss then costs a window, not the whole text.
    const WINDOW: usize = 40_000;
    let mut cursor = 0;
    let mut prev_end = usize::MAX;
    let mut out = Vec::with_capacity(numbers.len());
    for (i, &k) in numbers.iter().enumerate() {
        let hi = numbers
            .get(i + 1)
            .and_then(|&next| {
                let limit = (cursor + WINDOW).min(bytes.len());
                first(&all, next, cursor, limit, prev_end, Tier::Strong)
            })
            .map_or((cursor + WINDOW).min(bytes.len()), |(s, _, _)| s);
        let found = pick(&all, k, cursor, hi, prev_end)
            .or_else(|| pick(&all, k, cursor, bytes.len(), prev_end));
        match found {
            Some((start, digits_end, cut_start)) => {
                cursor = digits_end;
                prev_end = digits_end;
                let item = starts.partition_point(|&s| s <= start) - 1;
                out.push(Some(Marker {
                    number: k,
                    item,
                    start: cut_start - starts[item],
                    end: digits_end - starts[item],
                }));
            }
            None => out.push(None),
        }
    }
    out
}

fn pick(all: &str, k: u32, lo: usize, hi: usize, prev_end: usize) -> Option<(usize, usize, usize)> {
    first(all, k, lo, hi, prev_end, Tier::Strong)
        .or_else(|| first(all, k, lo, hi, prev_end, Tier::Weak))
}

/// First candidate for marker `k` in `b[lo..hi]` of exactly `tier`:
/// (digits start, digits end, start of the span to cut).
fn first(
    all: &str,
    k: u32,
    lo: usize,
    hi: usize,
    prev_end: usize,
    tier: Tier,
) -> Option<(usize, usize, usize)> {
    let digits = k.to_string();
    let b = all.as_bytes();
    let mut from = lo;
    // Every bound is the end or start of an ASCII digit run (or 0 / the
    // end), and `hi` may fall inside a multi-byte char only via the window.
    let hi = floor_boundary(all, hi);
    while from + digits.len() <= hi {
        let rel = all[from..hi].find(digits.as_str())?;
        let s = from + rel;
        let e = s + digits.len();
        from = s + 1;
        if let Some((t, cut)) = classify(b, s, e, prev_end)
            && t == tier
        {
            return Some((s, e, cut));
        }
    }
    None
}

/// Runs of spaces become one: markers cut out of "roebel. 45 46 De" and
/// column padding in the abbreviation list leave gaps.
fn collapse_spaces(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if !(c == ' ' && out.ends_with(' ')) {
            out.push(c);
        }
    }
    out
}

fn floor_boundary(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn classify(b: &[u8], s: usize, e: usize, prev_end: usize) -> Option<(Tier, usize)> {
    if !follows_ok(b, e) {
        return None;
    }
    let c1 = s.checked_sub(1).map(|i| b[i]);
    let c0 = s.checked_sub(2).map(|i| b[i]);
    match c1 {
        None | Some(b'\n') => None,
        Some(c) if c.is_ascii_digit() => {
            // Suffix of a longer digit run: "20231" = 2023 + 1.
            let run_start = (0..s).rev().take_while(|&i| b[i].is_ascii_digit()).last()?;
            let prefix = s - run_start;
            let before_run = run_start.checked_sub(1).map(|i| b[i]);
            let in_decimal = before_run.is_some_and(|c| c == b'.' || c == b',')
                && run_start
                    .checked_sub(2)
                    .is_some_and(|i| b[i].is_ascii_digit());
            (prefix >= 3 && prefix + (e - s) <= 7 && !in_decimal).then_some((Tier::Weak, s))
        }
        Some(b'.') | Some(b',') => {
            if c0.is_some_and(|c| c.is_ascii_digit()) {
                Some((Tier::Weak, s))
            } else {
                Some((Tier::Strong, s))
            }
        }
        Some(b' ') => {
            // A loose marker: "roebel. 45 46 De", "ingegaan) 100,".
            let loose_after_punct =
                c0.is_some_and(|c| b".,;:)".contains(&c)) || ends_with_close_quote(&b[..s - 1]);
            let after_prev_marker = s - 1 == prev_end;
            (loose_after_punct || after_prev_marker).then_some((Tier::Weak, s - 1))
        }
        Some(c) if c.is_ascii_alphabetic() => Some((Tier::Strong, s)),
        Some(c) if b");:]\"'".contains(&c) => Some((Tier::Strong, s)),
        Some(c) if c >= 0x80 => match last_char(&b[..s]) {
            // Non-ASCII: a letter ("Oekraïne5") or a closing quote ("”384").
            Some(ch) if ch.is_alphabetic() || "”’»".contains(ch) => Some((Tier::Strong, s)),
            _ => None,
        },
        _ => None,
    }
}

fn last_char(b: &[u8]) -> Option<char> {
    (1..=4)
        .filter(|&n| n <= b.len())
        .find_map(|n| std::str::from_utf8(&b[b.len() - n..]).ok())
        .and_then(|t| t.chars().next_back())
}

fn next_char(b: &[u8]) -> Option<char> {
    (1..=4)
        .filter(|&n| n <= b.len())
        .find_map(|n| std::str::from_utf8(&b[..n]).ok())
        .and_then(|t| t.chars().next())
}

fn ends_with_close_quote(b: &[u8]) -> bool {
    last_char(b).is_some_and(|c| "”’»\"".contains(c))
}

fn follows_ok(b: &[u8], e: usize) -> bool {
    match b.get(e) {
        None => true,
        Some(c) if c.is_ascii_digit() || c.is_ascii_alphabetic() => false,
        Some(b'.') | Some(b',') => !b.get(e + 1).is_some_and(u8::is_ascii_digit),
        Some(c) if c.is_ascii_whitespace() => true,
        // A closing quote or dash may follow; a letter may not.
        Some(c) if *c >= 0x80 => next_char(&b[e..]).is_some_and(|ch| !ch.is_alphanumeric()),
        Some(c) => b";:)]\"'!?-".contains(c),
    }
}

/// Remove the located spans from each item's text.
pub fn strip(texts: &mut [String], markers: &[Option<Marker>]) {
    let mut by_item: Vec<Vec<(usize, usize)>> = vec![Vec::new(); texts.len()];
    for m in markers.iter().flatten() {
        by_item[m.item].push((m.start, m.end));
    }
    for (text, spans) in texts.iter_mut().zip(by_item) {
        for (s, e) in spans.into_iter().rev() {
            text.replace_range(s..e, "");
        }
        *text = collapse_spaces(text.trim());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str, numbers: &[u32]) -> (String, Vec<Option<u32>>) {
        let mut texts = vec![text.to_string()];
        let m = locate(&texts, numbers);
        let found = m.iter().map(|m| m.as_ref().map(|m| m.number)).collect();
        strip(&mut texts, &m);
        (texts.remove(0), found)
    }

    #[test]
    fn hard_cases() {
        assert_eq!(
            run("Federatie van maart 20231 van de", &[1]).0,
            "Federatie van maart 2023 van de"
        );
        assert_eq!(
            run("op minimaal 159.72 Tijdens", &[72]).0,
            "op minimaal 159. Tijdens"
        );
        assert_eq!(
            run("tussen de 100328 en 150 arrestaties", &[328]).0,
            "tussen de 100 en 150 arrestaties"
        );
        assert_eq!(
            run("circa 34.380 Deze daling", &[380]).0,
            "circa 34. Deze daling"
        );
        assert_eq!(
            run("30.000 roebel. 45 46 De beperkende", &[45, 46]).0,
            "30.000 roebel. De beperkende"
        );
        assert_eq!(
            run("(art. 280.3 WvS). Nu tijd.280 Daarna", &[280]).0,
            "(art. 280.3 WvS). Nu tijd. Daarna"
        );
        assert_eq!(
            run("30.000 roebel135;136 er", &[135, 136]).0,
            "30.000 roebel; er"
        );
        assert_eq!(run("Girkin”384. Volgens", &[384]).0, "Girkin”. Volgens");
        assert_eq!(run("de COI2-organisaties", &[2]).0, "de COI-organisaties");
    }

    #[test]
    fn real_numbers_are_not_markers() {
        let (text, found) = run("in totaal 20.070 arrestaties en 2.022 mensen", &[70, 22]);
        assert_eq!(text, "in totaal 20.070 arrestaties en 2.022 mensen");
        assert_eq!(found, [None, None]);
    }
}
