use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use crate::tui::app::App;
use crate::tui::keymap::{self, BINDINGS, Mode};
use crate::tui::update::mode;

/// Every binding of the current mode, then the global and editor ones,
/// generated from the keymap table: one line per action with all its keys.
pub fn render(app: &App, scroll: u16, frame: &mut Frame, area: Rect) {
    let s = app.strings();
    let mut lines: Vec<Line> = help_lines(app).into_iter().map(Line::from).collect();
    lines.push(Line::from(s.tui.help_close.as_str()).style(app.palette.dim()));
    let popup = area.centered(Constraint::Percentage(80), Constraint::Percentage(90));
    frame.render_widget(Clear, popup);
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .scroll((scroll, 0))
            .block(Block::bordered().title(s.tui.help_title.as_str())),
        popup,
    );
}

/// The help text for the current screen: one line per action with its keys.
pub fn help_lines(app: &App) -> Vec<String> {
    let s = app.strings();
    let current = match mode(app) {
        Mode::Global => underlying_mode(app),
        m => m,
    };
    let mut lines: Vec<String> = Vec::new();
    for m in [current, Mode::Global, Mode::Editor] {
        if m == Mode::Global && current == Mode::Global {
            continue;
        }
        if current == Mode::Editor && m == Mode::Editor && !lines.is_empty() {
            continue;
        }
        let mut seen = Vec::new();
        for b in BINDINGS.iter().filter(|b| b.mode == m) {
            if seen.contains(&b.action) {
                continue;
            }
            seen.push(b.action);
            let keys: Vec<&str> = BINDINGS
                .iter()
                .filter(|o| o.mode == m && o.action == b.action)
                .map(|o| o.key)
                .collect();
            lines.push(format!(
                "{:<14} {}",
                keys.join(", "),
                keymap::describe(b.action, s)
            ));
        }
        lines.push(String::new());
    }
    lines
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
