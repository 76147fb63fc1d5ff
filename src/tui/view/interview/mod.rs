//! The interview screen: question tree (left), question and answer
//! (centre), sources (right, or below on narrow terminals).

mod amendments;
mod answer_editor;
mod kept;
mod question;
mod sources;
mod status;
mod tree;
use answer_editor::*;
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
    pub tree: Rect,
    pub question: Rect,
    pub sources: Rect,
    pub status: Rect,
    pub footer: Rect,
}

/// Three columns from 120 columns on; below that, sources go under the
/// question so 80×24 stays usable.
pub fn interview_layout(area: Rect) -> InterviewLayout {
    let [header, body, status, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(5),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    let (tree, question, sources) = if area.width >= 120 {
        let [tree, question, sources] = Layout::horizontal([
            Constraint::Percentage(26),
            Constraint::Percentage(38),
            Constraint::Percentage(36),
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
        tree,
        question,
        sources,
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
    let l = interview_layout(area);
    header(app, st, frame, l.header);
    tree(app, st, frame, l.tree);
    question(app, st, frame, l.question);
    sources(app, st, frame, l.sources);
    status_line(app, st, frame, l.status);
    footer(app, mode(app), frame, l.footer);
    FrameLayout {
        tree: l.tree,
        question: l.question,
        sources: l.sources,
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
    if !st.changed_questionnaires.is_empty() {
        spans.push(Span::styled(
            format!(
                "  ·  {}",
                crate::i18n::fill(
                    &s.tui.questionnaire_changed,
                    &[(
                        "ids",
                        &crate::sanitize::Clean::line(&st.changed_questionnaires.join(", "))
                    )]
                )
            ),
            app.palette.warn(),
        ));
    }
    frame.render_widget(Line::from(spans), area);
}
