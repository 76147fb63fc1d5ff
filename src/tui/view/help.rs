use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Clear, Paragraph};

use crate::tui::app::App;
use crate::tui::keymap::{self, BINDINGS};

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let s = app.strings();
    let mut lines: Vec<Line> = BINDINGS
        .iter()
        .map(|b| Line::from(format!("{:<10} {}", b.key, keymap::describe(b.action, s))))
        .collect();
    lines.push(Line::from(""));
    lines.push(Line::from(s.tui.help_close.as_str()));
    let popup = area.centered(Constraint::Percentage(70), Constraint::Percentage(80));
    frame.render_widget(Clear, popup);
    frame.render_widget(
        Paragraph::new(lines).block(Block::bordered().title(s.tui.help_title.as_str())),
        popup,
    );
}
