use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use crate::tui::app::App;
use crate::tui::keymap::{self, BINDINGS, Mode};
use crate::tui::update::mode;

/// Every binding of the current mode, then the global ones, generated from
/// the keymap table.
pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let s = app.strings();
    let current = match mode(app) {
        Mode::Global => underlying_mode(app),
        m => m,
    };
    let mut lines: Vec<Line> = Vec::new();
    for m in [current, Mode::Global, Mode::Editor] {
        if m == Mode::Global && current == Mode::Global {
            continue;
        }
        for b in BINDINGS.iter().filter(|b| b.mode == m) {
            lines.push(Line::from(format!(
                "{:<10} {}",
                b.key,
                keymap::describe(b.action, s)
            )));
        }
        lines.push(Line::from(""));
    }
    lines.push(Line::from(s.tui.help_close.as_str()).style(app.palette.dim()));
    let popup = area.centered(Constraint::Percentage(80), Constraint::Percentage(90));
    frame.render_widget(Clear, popup);
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(Block::bordered().title(s.tui.help_title.as_str())),
        popup,
    );
}

fn underlying_mode(app: &App) -> Mode {
    use crate::tui::app::Screen;
    match &app.screen {
        Screen::Home(_) => Mode::Home,
        Screen::Sessions(_) => Mode::Sessions,
        Screen::Interview(i) if i.review => Mode::Review,
        Screen::Interview(_) => Mode::Interview,
        Screen::NewInterview(_) => Mode::Editor,
    }
}
