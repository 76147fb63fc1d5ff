//! The interview screen: question tree (left), question and answer
//! (centre), sources (right, or below on narrow terminals).

mod amendments;
mod answer_editor;
mod banner;
mod kept;
mod question;
mod sources;
mod status;
mod tree;
use answer_editor::*;
use banner::*;
use kept::*;
use question::*;
use sources::*;
use status::*;
use tree::*;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, List, ListItem, ListState, Paragraph, Wrap};

use super::footer;
use super::text::highlighted;
use crate::interview::RowKind;
use crate::notes::Answer;
use crate::questionnaire::{AnswerStatus, Kind, Required};
use crate::tui::app::{App, FrameLayout, InterviewState, Pane};
use crate::tui::editor::Editor;
use crate::tui::focus::mode;

#[derive(Debug, Clone, Copy)]
pub struct InterviewLayout {
    pub header: Rect,
    /// Empty unless something must be read first (see `banner`).
    pub banner: Rect,
    pub tree: Rect,
    pub question: Rect,
    pub sources: Rect,
    /// The status message, on lines of its own (empty without one).
    pub message: Rect,
    pub status: Rect,
    pub footer: Rect,
}

/// Three columns from 120 columns on, with a wider tree from 160 so its
/// questions can be told apart; below 120, sources go under the question so
/// 80×24 stays usable. `banner` and `message` are the lines those need.
pub fn interview_layout(area: Rect, banner: u16, message: u16) -> InterviewLayout {
    let [header, banner, body, message, status, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(banner),
        Constraint::Min(5),
        Constraint::Length(message),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    let (tree, question, sources) = if area.width >= 120 {
        // The tree's extra room comes from the question pane, which wraps
        // its text; the sources keep their width.
        let (t, q, s) = if area.width >= 160 {
            (30, 34, 36)
        } else {
            (26, 38, 36)
        };
        let [tree, question, sources] = Layout::horizontal([
            Constraint::Percentage(t),
            Constraint::Percentage(q),
            Constraint::Percentage(s),
        ])
        .areas(body);
        (tree, question, sources)
    } else {
        let [tree, right] =
            Layout::horizontal([Constraint::Length(28), Constraint::Min(40)]).areas(body);
        let [question, sources] =
            Layout::vertical([Constraint::Percentage(60), Constraint::Percentage(40)]).areas(right);
        (tree, question, sources)
    };
    InterviewLayout {
        header,
        banner,
        tree,
        question,
        sources,
        message,
        status,
        footer,
    }
}

fn pane_block<'a>(app: &App, title: impl Into<Line<'a>>, focused: bool) -> Block<'a> {
    let b = Block::bordered().title(title);
    if focused {
        b.border_style(app.palette.focus_border())
    } else {
        b
    }
}

fn status_word(status: AnswerStatus, s: &crate::i18n::Strings) -> &str {
    match status {
        AnswerStatus::Answered => &s.tui.status_answered,
        AnswerStatus::Declined => &s.tui.status_declined,
        AnswerStatus::Unclear => &s.tui.status_unclear,
        AnswerStatus::NotAsked => &s.tui.status_not_asked,
        AnswerStatus::NotApplicable => &s.tui.status_na,
    }
}

/// Draw the screen; returns where the panes went, for clicks and scrolling.
pub fn render(app: &App, st: &InterviewState, frame: &mut Frame, area: Rect) -> FrameLayout {
    // The banner takes at most a quarter of the body, the message three
    // lines: the panes keep room to work in at 80×24.
    let banner_text = banner_lines(app, st, area.width, area.height.saturating_sub(3) / 4);
    let message = message_lines(app, area.width, 3);
    let l = interview_layout(area, banner_text.len() as u16, message.len() as u16);
    header(app, st, frame, l.header);
    banner(banner_text, frame, l.banner);
    let (tree_first, tree_selected_lines) = tree(app, st, frame, l.tree);
    question(app, st, frame, l.question);
    sources(app, st, frame, l.sources);
    frame.render_widget(Paragraph::new(message), l.message);
    status_line(app, st, frame, l.status);
    footer(app, mode(app), frame, l.footer);
    FrameLayout {
        tree: l.tree,
        question: l.question,
        sources: l.sources,
        tree_first,
        tree_selected: st.cursor,
        tree_selected_lines,
    }
}

fn header(app: &App, st: &InterviewState, frame: &mut Frame, area: Rect) {
    let s = app.strings();
    let session = &st.session;
    let mut spans = vec![
        Span::styled(
            crate::sanitize::Clean::line(&session.case_ref),
            app.palette.title(),
        ),
        Span::raw(format!(
            "  ·  {}  ·  {}",
            crate::sanitize::Clean::line(&session.interviewer),
            super::home::status_label(session.status, s)
        )),
    ];
    if st.review {
        spans.push(Span::styled(
            format!("  ·  {}", s.tui.review_mode),
            app.palette.warn(),
        ));
    } else if st.read_only {
        spans.push(Span::styled(
            format!("  ·  {}", s.tui.read_only_mode),
            app.palette.warn(),
        ));
    }
    // A questionnaire that is not loaded at all is not "changed": say which.
    let missing = crate::interview::missing_questionnaires(&app.data.catalog, session);
    let changed: Vec<&str> = st
        .changed_questionnaires
        .iter()
        .filter(|id| !missing.contains(id))
        .map(String::as_str)
        .collect();
    for (template, ids) in [
        (&s.tui.questionnaire_missing, missing.join(", ")),
        (&s.tui.questionnaire_changed, changed.join(", ")),
    ] {
        if ids.is_empty() {
            continue;
        }
        spans.push(Span::styled(
            format!(
                "  ·  {}",
                crate::i18n::fill(template, &[("ids", &crate::sanitize::Clean::line(&ids))])
            ),
            app.palette.warn(),
        ));
    }
    frame.render_widget(Line::from(spans), area);
}
