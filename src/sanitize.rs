//! Untrusted text (corpus, questionnaires, notes, pastes) is cleaned here,
//! at the boundary, before it reaches a terminal or an export: ratatui drops
//! control characters but prints the rest of an escape sequence, and nothing
//! filters bidi overrides.

/// Remove C0/C1 controls (keeping newline and tab), ESC-introduced sequences,
/// bidi embedding/override/isolate controls and other invisible format
/// characters that can reorder or hide text.
pub fn clean(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            skip_escape(&mut chars);
            continue;
        }
        if c == '\u{9b}' {
            skip_csi_body(&mut chars);
            continue;
        }
        if is_allowed(c) {
            out.push(c);
        }
    }
    out
}

/// Like `clean`, but for a single display line: newlines and tabs become spaces.
pub fn clean_line(text: &str) -> String {
    clean(text)
        .chars()
        .map(|c| {
            if c == '\n' || c == '\t' || c == '\r' {
                ' '
            } else {
                c
            }
        })
        .collect()
}

fn is_allowed(c: char) -> bool {
    if c == '\n' || c == '\t' {
        return true;
    }
    if c.is_control() {
        return false;
    }
    !matches!(c,
        '\u{200b}'..='\u{200f}' // zero-width and LRM/RLM marks
        | '\u{202a}'..='\u{202e}' // bidi embeddings and overrides
        | '\u{2066}'..='\u{2069}' // bidi isolates
        | '\u{061c}' // Arabic letter mark
        | '\u{feff}' // byte-order mark
    )
}

fn skip_escape(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    match chars.peek().copied() {
        Some('[') => {
            chars.next();
            skip_csi_body(chars);
        }
        // OSC, DCS, SOS, PM, APC: run to BEL or ST (ESC \).
        Some(']' | 'P' | 'X' | '^' | '_') => {
            chars.next();
            while let Some(c) = chars.next() {
                if c == '\u{7}' {
                    break;
                }
                if c == '\u{1b}' {
                    if chars.peek() == Some(&'\\') {
                        chars.next();
                    }
                    break;
                }
            }
        }
        // Two-character sequences such as ESC c (reset).
        Some(_) => {
            chars.next();
        }
        None => {}
    }
}

fn skip_csi_body(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    // Parameters and intermediates, then one final byte in @..~.
    for c in chars.by_ref() {
        if ('@'..='~').contains(&c) {
            break;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_escape_sequences_whole() {
        assert_eq!(clean("a\u{1b}[31mred\u{1b}[0m b"), "ared b");
        assert_eq!(clean("x\u{1b}]0;title\u{7}y"), "xy");
        assert_eq!(clean("x\u{1b}]8;;http://e\u{1b}\\y"), "xy");
        assert_eq!(clean("\u{9b}2Jz"), "z");
    }

    #[test]
    fn strips_bidi_and_controls_keeps_text() {
        assert_eq!(clean("abc\u{202e}fed\u{2066}"), "abcfed");
        assert_eq!(clean("a\u{0}b\u{7}c\r"), "abc");
        assert_eq!(
            clean("повестка — Oekraïne\n\tok"),
            "повестка — Oekraïne\n\tok"
        );
        assert_eq!(clean_line("a\nb\tc"), "a b c");
    }
}
