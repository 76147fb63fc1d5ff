use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use crate::tui::app::App;
use crate::tui::focus::screen_mode;
use crate::tui::keymap::{self, BINDINGS, Mode};

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

/// The help text: the keys of what has focus (and what it falls back to)
/// first, then every other mode's under its own heading, one line per
/// action with all its keys. Generated from the keymap table.
pub fn help_lines(app: &App) -> Vec<String> {
    let s = app.strings();
    let current = screen_mode(app);
    let mut order: Vec<Mode> = std::iter::successors(Some(current), |m| m.fallback()).collect();
    let rest: Vec<Mode> = Mode::ALL
        .into_iter()
        .filter(|m| !order.contains(m))
        .collect();
    order.extend(rest);
    let mut lines: Vec<String> = Vec::new();
    for m in order {
        let mut seen = Vec::new();
        let mut section = Vec::new();
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
            section.push(format!(
                "  {:<16} {}",
                keys.join(", "),
                keymap::describe(b.action, s)
            ));
        }
        if section.is_empty() {
            continue;
        }
        lines.push(keymap::mode_title(m, s).to_string());
        lines.extend(section);
        lines.push(String::new());
    }
    lines
}
