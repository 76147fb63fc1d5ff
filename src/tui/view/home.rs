use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Block, List, ListItem, ListState, Paragraph};

use crate::tui::app::{App, HomeItem};
use crate::tui::keymap::{self, BINDINGS, Mode};

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let s = app.strings();
    let [main, status, footer] = Layout::vertical([
        Constraint::Min(3),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    let items: Vec<ListItem> = HomeItem::ALL
        .iter()
        .map(|i| {
            ListItem::new(match i {
                HomeItem::New => s.tui.home_new.as_str(),
                HomeItem::Resume => s.tui.home_resume.as_str(),
                HomeItem::Review => s.tui.home_review.as_str(),
                HomeItem::Quit => s.tui.home_quit.as_str(),
            })
        })
        .collect();
    let list = List::new(items)
        .block(Block::bordered().title(s.tui.home_title.as_str()))
        .highlight_style(Style::new().add_modifier(Modifier::REVERSED))
        .highlight_symbol("> ");
    let mut state = ListState::default().with_selected(Some(app.home_selected));
    frame.render_stateful_widget(list, main, &mut state);
    if let Some(msg) = &app.status {
        frame.render_widget(Paragraph::new(msg.as_str()), status);
    }
    let hints: Vec<String> = BINDINGS
        .iter()
        .filter(|b| b.hint && (b.mode == Mode::Home || b.mode == Mode::Global))
        .map(|b| format!("{} {}", b.key, keymap::describe(b.action, s)))
        .collect();
    frame.render_widget(
        Line::from(hints.join("  ·  ")).style(Style::new().add_modifier(Modifier::DIM)),
        footer,
    );
}
