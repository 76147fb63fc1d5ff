use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Row, Table, TableState};

use super::home::status_label;
use super::{footer, with_footer};
use crate::notes::ListEntry;
use crate::tui::app::{App, SessionsState, SortKey};
use crate::tui::filter;
use crate::tui::focus::mode;

pub fn render(app: &App, st: &SessionsState, frame: &mut Frame, area: Rect) {
    let s = app.strings();
    let (main, foot) = with_footer(area);
    let rows: Vec<Row> = filter::table(app)
        .iter()
        .map(|x| {
            let stats = app.stats.get(&x.id);
            Row::new(vec![
                crate::sanitize::Clean::line(&x.case_ref).into_string(),
                crate::sanitize::Clean::line(&x.interviewer).into_string(),
                x.created.strftime("%Y-%m-%d").to_string(),
                x.updated.strftime("%m-%d %H:%M").to_string(),
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
            Constraint::Length(10),
            Constraint::Length(11),
            Constraint::Length(12),
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
    footer(app, mode(app), frame, foot);
}
