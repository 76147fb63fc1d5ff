use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Clear, Paragraph};

use unicode_width::UnicodeWidthStr;

use super::text::wrap_words;

use crate::tui::app::App;
use crate::tui::focus::screen_mode;
use crate::tui::keymap::{self, BINDINGS, Mode};

/// Every binding of the current mode, then the global and editor ones,
/// generated from the keymap table: one line per action with all its keys.
pub fn render(app: &App, scroll: u16, frame: &mut Frame, area: Rect) {
    let s = app.strings();
    let popup = area.centered(Constraint::Percentage(80), Constraint::Percentage(90));
    let inner_width = popup.width.saturating_sub(2) as usize;
    let visible = popup.height.saturating_sub(2) as usize;
    let mut text = help_lines(app);
    text.push(s.tui.help_close.clone());
    let last = text.len() - 1;
    // Wrapped here rather than by the paragraph, so the title can say
    // exactly which lines are in view.
    let mut lines: Vec<Line> = Vec::new();
    for (i, l) in text.iter().enumerate() {
        let style = if i == last {
            app.palette.dim()
        } else {
            ratatui::style::Style::new()
        };
        if l.width() <= inner_width {
            lines.push(Line::styled(l.clone(), style));
            continue;
        }
        // A binding keeps its key column (`format!` pads by characters);
        // its description wraps under itself.
        let split = match l.char_indices().nth(KEY_COLUMN) {
            Some((at, _)) if l.starts_with("  ") => at,
            _ => 0,
        };
        let (keys, rest) = l.split_at(split);
        let room = inner_width.saturating_sub(keys.width()).max(1);
        for (n, chunk) in wrap_words(rest, room, usize::MAX).into_iter().enumerate() {
            let lead = if n == 0 {
                keys.to_string()
            } else {
                " ".repeat(keys.width())
            };
            lines.push(Line::styled(format!("{lead}{chunk}"), style));
        }
    }
    let total = lines.len();
    // The update lets the scroll run on; the view stops at the last page.
    let scroll = (scroll as usize).min(total.saturating_sub(visible));
    let title = if total > visible {
        crate::i18n::fill(
            &s.tui.help_title_scroll,
            &[
                ("from", &(scroll + 1).to_string()),
                ("to", &(scroll + visible).min(total).to_string()),
                ("total", &total.to_string()),
            ],
        )
    } else {
        s.tui.help_title.clone()
    };
    frame.render_widget(Clear, popup);
    frame.render_widget(
        Paragraph::new(lines)
            .scroll((scroll as u16, 0))
            .block(Block::bordered().title(title)),
        popup,
    );
}

/// Where a binding's description starts: two spaces, 16 for the keys, one.
const KEY_COLUMN: usize = 19;

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
