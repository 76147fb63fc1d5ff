//! The window a quit leaves up when the text could be written nowhere:
//! what happened, every place tried with the system's reason, and the
//! three ways on (the footer lists their keys too).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph, Wrap};

use crate::sanitize::Clean;
use crate::tui::app::App;

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let s = &app.strings().leaving;
    let Some(st) = &app.stranded else {
        return;
    };
    let mut lines = Vec::new();
    // First, so a small window never cuts it off.
    if st.lose_armed {
        lines.push(Line::styled(s.lose_warning.as_str(), app.palette.error()));
        lines.push(Line::from(""));
    }
    lines.extend([Line::from(s.body.as_str()), Line::from("")]);
    lines.extend(st.tried.iter().map(|place| {
        Line::from(crate::i18n::fill(
            &s.tried,
            &[("place", &Clean::line(place).into_string())],
        ))
    }));
    lines.push(Line::from(""));
    lines.push(Line::from(s.refused.as_str()));
    frame.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: false }).block(
            Block::bordered()
                .title(s.title.as_str())
                .border_style(app.palette.error()),
        ),
        area,
    );
}
