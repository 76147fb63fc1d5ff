use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, List, ListItem, ListState, Paragraph, Wrap};

use super::{footer, with_footer};
use crate::notes::{ListEntry, Status};
use crate::tui::app::{App, HomeItem, HomeState};
use crate::tui::filter;
use crate::tui::focus::mode;

pub fn status_label(status: Status, s: &crate::i18n::Strings) -> &str {
    match status {
        Status::Draft => &s.common.status_draft,
        Status::Submitted => &s.common.status_submitted,
        Status::Approved => &s.common.status_approved,
        Status::Returned => &s.common.status_returned,
    }
}

pub fn render(app: &App, h: &HomeState, frame: &mut Frame, area: Rect) {
    let s = app.strings();
    let (main, foot) = with_footer(area);
    let [menu_area, list_area, status_area] = Layout::vertical([
        Constraint::Length(HomeItem::ALL.len() as u16 + 2),
        Constraint::Min(3),
        Constraint::Length(2),
    ])
    .areas(main);
    let items: Vec<ListItem> = HomeItem::ALL
        .iter()
        .map(|i| {
            ListItem::new(match i {
                HomeItem::New => s.tui.home_new.as_str(),
                HomeItem::Review => s.tui.home_review.as_str(),
                HomeItem::Quit => s.tui.home_quit.as_str(),
            })
        })
        .collect();
    let mut state = ListState::default().with_selected(h.list.is_none().then_some(h.menu));
    frame.render_stateful_widget(
        List::new(items)
            .block(
                Block::bordered()
                    .title(Span::styled(s.tui.home_title.as_str(), app.palette.title())),
            )
            .highlight_style(app.palette.selected())
            .highlight_symbol("> "),
        menu_area,
        &mut state,
    );

    let ids = filter::home_sessions(app);
    let sessions: Vec<ListItem> = ids
        .iter()
        .filter_map(|id| {
            app.sessions.iter().find_map(|e| match e {
                ListEntry::Session(x) if x.id.to_string() == *id => Some(x),
                _ => None,
            })
        })
        .map(|x| {
            ListItem::new(Line::from(vec![
                Span::styled(
                    format!("{:<14}", status_label(x.status, s)),
                    app.palette.title(),
                ),
                Span::raw(format!(
                    "{}  ·  {}  ·  {}  ·  {} ✓",
                    crate::sanitize::Clean::line(&x.case_ref),
                    crate::sanitize::Clean::line(&x.interviewer),
                    super::text::date_time(&x.updated),
                    // Real answers, not statuses, where the full count is known.
                    app.stats.get(&x.id).map_or(x.answered, |p| p.answered)
                )),
            ]))
        })
        .collect();
    let unreadable = app
        .sessions
        .iter()
        .filter(|e| matches!(e, ListEntry::Unreadable { .. }))
        .count();
    let mut title = s.tui.home_recent.clone();
    let filter_text = crate::tui::app::input_text(&h.filter);
    if h.filtering || !filter_text.is_empty() {
        title = format!(
            "{title} — / {filter_text}{}",
            if h.filtering { "▏" } else { "" }
        );
    }
    if sessions.is_empty() {
        frame.render_widget(
            Paragraph::new(s.tui.home_none.as_str()).block(Block::bordered().title(title)),
            list_area,
        );
    } else {
        let mut st = ListState::default().with_selected(h.list);
        frame.render_stateful_widget(
            List::new(sessions)
                .block(Block::bordered().title(title))
                .highlight_style(app.palette.selected())
                .highlight_symbol("> "),
            list_area,
            &mut st,
        );
    }
    let mut status_lines = Vec::new();
    if let Some(msg) = &app.status {
        status_lines.push(Line::from(crate::sanitize::Clean::line(msg)));
    }
    if unreadable > 0 {
        status_lines.push(Line::styled(
            crate::i18n::fill(
                &s.tui.unreadable_sessions,
                &[("count", &unreadable.to_string())],
            ),
            app.palette.warn(),
        ));
    }
    frame.render_widget(
        Paragraph::new(status_lines).wrap(Wrap { trim: true }),
        status_area,
    );
    footer(app, mode(app), frame, foot);
}
