//! Small text helpers shared by views.

use ratatui::style::Style;
use ratatui::text::{Line, Span, Text};

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
}
