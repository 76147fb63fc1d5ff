use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Row, Table, TableState};

use super::home::status_label;
use super::text::{date, date_time};
use super::{footer, with_footer};
use crate::notes::ListEntry;
use crate::tui::app::{App, SessionsState, SortKey};
use crate::tui::filter;
use crate::tui::focus::mode;

pub fn render(app: &App, st: &SessionsState, frame: &mut Frame, area: Rect) {
    let s = app.strings();
    let (main, foot) = with_footer(area);
    // A message (an error opening a session) on lines of its own.
    let message: Vec<Line> = app
        .status
        .as_deref()
        .map(|m| {
            super::text::wrap_words(&crate::sanitize::Clean::line(m), main.width as usize, 4)
                .into_iter()
                .map(|l| Line::styled(l, app.palette.warn()))
                .collect()
        })
        .unwrap_or_default();
    let [main, message_area] =
        Layout::vertical([Constraint::Min(3), Constraint::Length(message.len() as u16)])
            .areas(main);
    // Dates are written one way on every screen (2026-12-04 12:54); below
    // 100 columns the creation date gives way so the case keeps its room.
    let wide = main.width >= 100;
    let rows: Vec<Row> = filter::table(app)
        .iter()
        .map(|x| {
            let stats = app.stats.get(&x.id);
            Row::new(vec![
                crate::sanitize::Clean::line(&x.case_ref).into_string(),
                crate::sanitize::Clean::line(&x.interviewer).into_string(),
                date(&x.created),
                date_time(&x.updated),
                status_label(x.status, s).to_string(),
                stats.map_or("-".into(), |p| format!("{}/{}", p.answered, p.total())),
                stats.map_or("-".into(), |p| p.required_missing.to_string()),
                x.flagged.to_string(),
                x.comments.to_string(),
            ])
        })
        .collect();
    let header = Row::new(vec![
        s.review.col_case.as_str(),
        s.review.col_interviewer.as_str(),
        s.review.col_created.as_str(),
        s.review.col_updated.as_str(),
        s.review.col_status.as_str(),
        s.review.col_progress.as_str(),
        s.review.col_missing.as_str(),
        s.review.col_flagged.as_str(),
        s.review.col_comments.as_str(),
    ])
    .style(app.palette.title());
    let sort = match st.sort {
        SortKey::Updated => &s.review.col_updated,
        SortKey::Case => &s.review.col_case,
        SortKey::Status => &s.review.col_status,
        SortKey::Interviewer => &s.review.col_interviewer,
    };
    let filter_text = crate::tui::app::input_text(&st.filter);
    let title = format!(
        "{} — {}: {}{}",
        s.review.table_title,
        s.review.sorted_by,
        sort,
        if st.filtering || !filter_text.is_empty() {
            format!(" — / {filter_text}")
        } else {
            String::new()
        }
    );
    let unreadable = app
        .sessions
        .iter()
        .filter(|e| matches!(e, ListEntry::Unreadable { .. }))
        .count();
    let table = Table::new(
        rows,
        [
            Constraint::Fill(3),
            Constraint::Fill(2),
            Constraint::Length(if wide { 10 } else { 0 }),
            Constraint::Length(16),
            // "teruggestuurd", the longest status name.
            Constraint::Length(13),
            Constraint::Length(7),
            Constraint::Length(5),
            Constraint::Length(5),
            Constraint::Length(5),
        ],
    )
    .header(header)
    .block(
        Block::bordered()
            .title(title)
            .title_bottom(if unreadable > 0 {
                Line::styled(
                    crate::i18n::fill(
                        &s.tui.unreadable_sessions,
                        &[("count", &unreadable.to_string())],
                    ),
                    app.palette.warn(),
                )
            } else {
                Line::from("")
            }),
    )
    .row_highlight_style(app.palette.selected());
    let mut state = TableState::default().with_selected(Some(st.cursor));
    frame.render_stateful_widget(table, main, &mut state);
    frame.render_widget(ratatui::widgets::Paragraph::new(message), message_area);
    footer(app, mode(app), frame, foot);
}
