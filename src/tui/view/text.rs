//! Small text helpers shared by views.

use ratatui::style::Style;
use ratatui::text::{Line, Span, Text};

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use crate::sanitize::Clean;

// Data reaches the screen as `Clean` text; these (and `Span`'s `From` for
// anything that becomes a `Cow<str>`) are the ways in.
impl From<Clean> for Line<'static> {
    fn from(c: Clean) -> Self {
        Line::from(c.into_string())
    }
}

impl From<Clean> for Text<'static> {
    fn from(c: Clean) -> Self {
        Text::from(c.into_string())
    }
}

/// `text` with the byte ranges in `highlights` styled, split into lines.
pub fn highlighted(
    text: &str,
    highlights: &[std::ops::Range<usize>],
    style: Style,
) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    let mut offset = 0;
    for raw in text.split('\n') {
        let start = offset;
        let end = start + raw.len();
        let mut spans = Vec::new();
        let mut pos = start;
        for h in highlights
            .iter()
            .filter(|h| h.start >= start && h.end <= end)
        {
            if h.start < pos || !text.is_char_boundary(h.start) || !text.is_char_boundary(h.end) {
                continue;
            }
            spans.push(Span::raw(text[pos..h.start].to_string()));
            spans.push(Span::styled(text[h.start..h.end].to_string(), style));
            pos = h.end;
        }
        spans.push(Span::raw(text[pos..end].to_string()));
        lines.push(Line::from(spans));
        offset = end + 1;
    }
    lines
}

/// A moment as every screen writes it: `2026-12-04 12:54`, year first, so
/// no reader takes the month for the day.
pub fn date_time(t: &jiff::Zoned) -> String {
    t.strftime("%Y-%m-%d %H:%M").to_string()
}

/// A day as every screen writes it: `2026-12-04`.
pub fn date(t: &jiff::Zoned) -> String {
    t.strftime("%Y-%m-%d").to_string()
}

/// `text` cut to `width` columns, ending in `…` when something was cut.
pub fn ellipsize(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_string();
    }
    if width == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > width - 1 {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

/// `text` broken into lines of at most `width` columns, at spaces where it
/// can and inside a word only when one word is wider than a line. At most
/// `max_lines` lines; the last one ends in `…` when text was left over.
pub fn wrap_words(text: &str, width: usize, max_lines: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let sep = usize::from(!line.is_empty());
        if line.width() + sep + word.width() <= width {
            if sep == 1 {
                line.push(' ');
            }
            line.push_str(word);
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        // A word longer than a whole line is split where the line ends.
        for c in word.chars() {
            if line.width() + c.width().unwrap_or(0) > width {
                lines.push(std::mem::take(&mut line));
            }
            line.push(c);
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    if lines.len() > max_lines.max(1) {
        let keep = max_lines.max(1);
        let rest = lines[keep - 1..].join(" ");
        lines.truncate(keep - 1);
        lines.push(ellipsize(&rest, width));
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn highlights_land_on_their_words() {
        let lines = highlighted("de oproep\nvia Gosuslugi", &[3..9, 14..23], Style::new());
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0].spans[1].content, "oproep");
        assert_eq!(lines[1].spans[1].content, "Gosuslugi");
    }

    #[test]
    fn cut_text_ends_in_an_ellipsis_and_keeps_its_width() {
        assert_eq!(ellipsize("Heeft u een oproep", 8), "Heeft u…");
        assert_eq!(ellipsize("kort", 8), "kort");
        assert_eq!(ellipsize("abc", 0), "");
    }

    #[test]
    fn wrapping_breaks_at_spaces_and_marks_what_is_left_out() {
        assert_eq!(
            wrap_words("Heeft u een oproep ontvangen", 12, 5),
            vec!["Heeft u een", "oproep", "ontvangen"]
        );
        assert_eq!(
            wrap_words("Heeft u een oproep ontvangen", 12, 2),
            vec!["Heeft u een", "oproep ontv…"]
        );
        assert_eq!(wrap_words("abcdefgh", 3, 5), vec!["abc", "def", "gh"]);
        assert_eq!(wrap_words("", 3, 5), vec![""]);
    }
}
