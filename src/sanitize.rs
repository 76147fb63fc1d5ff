//! Untrusted text (corpus, questionnaires, notes, pastes) is cleaned here,
//! at the boundary, before it reaches a terminal or an export: ratatui drops
//! control characters but prints the rest of an escape sequence, and nothing
//! filters bidi overrides.

/// Text that went through `clean` or `clean_line`. Views draw data only
/// as `Clean` (see `tui/view/text.rs`), so a new pane cannot forget to
/// clean what it shows: there is no other way to get it on screen.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Clean(String);

impl Clean {
    /// Cleaned, keeping newlines and tabs.
    pub fn text(text: &str) -> Clean {
        Clean(clean(text))
    }

    /// Cleaned onto one line.
    pub fn line(text: &str) -> Clean {
        Clean(clean_line(text))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

impl std::ops::Deref for Clean {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for Clean {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<Clean> for String {
    fn from(c: Clean) -> String {
        c.0
    }
}

impl From<Clean> for std::borrow::Cow<'static, str> {
    fn from(c: Clean) -> Self {
        std::borrow::Cow::Owned(c.0)
    }
}

/// Remove C0/C1 controls (keeping newline and tab), ESC-introduced sequences,
/// bidi embedding/override/isolate controls and other invisible format
/// characters that can reorder or hide text. Only the sequence itself is
/// removed: a sequence that never ends (an OSC without BEL or ST before the
/// end of the line, a CSI without a final byte) loses its introducer and
/// keeps the text after it, so a stray ESC never swallows a note.
pub fn clean(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        rest = &rest[c.len_utf8()..];
        match c {
            '\u{1b}' => rest = skip_escape(rest),
            '\u{9b}' => rest = skip_csi_body(rest),
            // 8-bit OSC, DCS, SOS, PM, APC: the payload goes with them.
            '\u{9d}' | '\u{90}' | '\u{98}' | '\u{9e}' | '\u{9f}' => {
                rest = skip_string(rest).unwrap_or(rest)
            }
            c if is_allowed(c) => out.push(c),
            _ => {}
        }
    }
    out
}

/// Pasted text as it goes into an editor: line breaks of any convention
/// (CRLF, and the lone CR tmux sends for LF) become newlines before the
/// controls go, CR among them, so paragraphs survive; a single-line field
/// gets spaces instead.
pub fn pasted(text: &str, single_line: bool) -> String {
    let text = clean(&text.replace("\r\n", "\n").replace('\r', "\n"));
    if single_line { clean_line(&text) } else { text }
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

/// Serialised JSON made safe to print: every character `clean` would remove
/// that JSON does not already escape (DEL, C1 controls, bidi and zero-width
/// characters) becomes a `\uXXXX` escape. The JSON means exactly the same
/// (such characters only occur inside strings), so values round-trip, but
/// no raw control or bidi character reaches a terminal or a pager.
pub fn escape_json(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        if c == '\n' || c == '\t' || c == '\r' || is_allowed(c) {
            out.push(c);
        } else {
            // All of them are in the Basic Multilingual Plane.
            out.push_str(&format!("\\u{:04x}", c as u32));
        }
    }
    out
}

/// A character as a diagnostic should name it: itself when it is visible,
/// `U+202E` when `clean` would remove it.
pub fn describe_char(c: char) -> String {
    if c != '\n' && c != '\t' && is_allowed(c) {
        c.to_string()
    } else {
        format!("U+{:04X}", c as u32)
    }
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

/// How far an OSC/DCS/APC string is searched for its terminator. Longer
/// ones (a huge clipboard write) are treated as unterminated: their text
/// stays visible, which is harmless once the introducer is gone.
const MAX_STRING_SEQUENCE: usize = 4096;

/// After an ESC: the rest of the text without the sequence it starts.
fn skip_escape(rest: &str) -> &str {
    let mut chars = rest.char_indices();
    match chars.next() {
        Some((_, '[')) => skip_csi_body(&rest[1..]),
        // OSC, DCS, SOS, PM, APC: run to BEL or ST (ESC \ or U+009C).
        Some((_, ']' | 'P' | 'X' | '^' | '_')) => skip_string(&rest[1..]).unwrap_or(&rest[1..]),
        // nF sequences (ESC ( B), then Fp/Fe/Fs ones such as ESC c (reset):
        // intermediates 0x20..=0x2f, then one final byte 0x30..=0x7e.
        Some((_, ' '..='/')) => {
            let body = rest.trim_start_matches(|c: char| (' '..='/').contains(&c));
            match body.chars().next() {
                Some(f @ '0'..='~') => &body[f.len_utf8()..],
                _ => body,
            }
        }
        Some((_, f @ '0'..='~')) => &rest[f.len_utf8()..],
        // ESC before anything else (a letter of another script, a newline):
        // only the ESC goes.
        _ => rest,
    }
}

/// The text after an OSC/DCS/SOS/PM/APC string's terminator (BEL or ST:
/// ESC \\ or U+009C); `None` when another escape or the end of the line
/// comes first: the string never ended, and only its introducer goes.
fn skip_string(body: &str) -> Option<&str> {
    for (i, c) in body.char_indices().take(MAX_STRING_SEQUENCE) {
        match c {
            '\u{7}' | '\u{9c}' => return Some(&body[i + c.len_utf8()..]),
            '\u{1b}' if body[i + 1..].starts_with('\\') => return Some(&body[i + 2..]),
            '\u{1b}' | '\n' => return None,
            _ => {}
        }
    }
    None
}

/// After CSI (ESC [ or U+009B): parameter bytes 0x30..=0x3f, intermediate
/// bytes 0x20..=0x2f, then one final byte 0x40..=0x7e. Without a final byte
/// nothing but the introducer is dropped.
fn skip_csi_body(rest: &str) -> &str {
    let body = rest.trim_start_matches(|c: char| ('0'..='?').contains(&c));
    let body = body.trim_start_matches(|c: char| (' '..='/').contains(&c));
    match body.chars().next() {
        Some(f @ '@'..='~') => &body[f.len_utf8()..],
        _ => rest,
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
        assert_eq!(clean("a\u{1b}(Bb\u{1b}cd"), "abd");
    }

    #[test]
    fn a_sequence_that_never_ends_keeps_the_text_after_it() {
        assert_eq!(clean("\u{9b}повестка"), "повестка");
        assert_eq!(clean("a\u{9b}\nb"), "a\nb");
        assert_eq!(clean("a\u{1b}[12\nb"), "a12\nb");
        assert_eq!(clean("a\u{1b}]0;title\nb"), "a0;title\nb");
        assert_eq!(clean("a\u{1b}]0;t\u{1b}[31mb"), "a0;tb");
        assert_eq!(clean("x\u{1b}\u{1b}y\u{1b}"), "x");
        let long = format!("\u{1b}]52;c;{}\u{7}z", "A".repeat(5000));
        assert!(clean(&long).ends_with("AAz"));
    }

    #[test]
    fn json_escaping_keeps_the_meaning() {
        let value = "a\u{1b}[31m\u{202e}\u{9b}\u{200b}\u{7f}b\n\u{0}";
        let json = escape_json(&serde_json::to_string(&value).unwrap());
        assert!(json.is_ascii(), "{json}");
        assert_eq!(serde_json::from_str::<String>(&json).unwrap(), value);
        assert_eq!(escape_json("{\n  \"k\": \"ж\"\n}"), "{\n  \"k\": \"ж\"\n}");
        assert_eq!(describe_char('\u{202e}'), "U+202E");
        assert_eq!(describe_char('ж'), "ж");
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
