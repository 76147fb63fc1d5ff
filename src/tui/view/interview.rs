//! The interview screen: question tree (left), question and answer
//! (centre), sources (right, or below on narrow terminals).

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
use crate::tui::app::{App, InterviewState, Pane};
use crate::tui::editor::Editor;
use crate::tui::update::mode;

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

pub fn render(app: &App, st: &InterviewState, frame: &mut Frame, area: Rect) {
    let l = interview_layout(area);
    header(app, st, frame, l.header);
    tree(app, st, frame, l.tree);
    question(app, st, frame, l.question);
    sources(app, st, frame, l.sources);
    status_line(app, st, frame, l.status);
    footer(app, mode(app), frame, l.footer);
}

fn header(app: &App, st: &InterviewState, frame: &mut Frame, area: Rect) {
    let s = app.strings();
    let session = &st.session;
    let mut spans = vec![
        Span::styled(
            crate::sanitize::clean_line(&session.case_ref),
            app.palette.title(),
        ),
        Span::raw(format!(
            "  ·  {}  ·  {}",
            crate::sanitize::clean_line(&session.interviewer),
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
                        &crate::sanitize::clean_line(&st.changed_questionnaires.join(", "))
                    )]
                )
            ),
            app.palette.warn(),
        ));
    }
    frame.render_widget(Line::from(spans), area);
}

fn marker(app: &App, answer: Option<&Answer>, required: bool) -> Span<'static> {
    match answer {
        Some(a) if a.is_answered() && a.status != AnswerStatus::Answered => {
            Span::styled("~ ", app.palette.dim())
        }
        Some(a) if a.is_answered() => Span::styled("✓ ", app.palette.ok()),
        _ if required => Span::styled("! ", app.palette.warn()),
        _ => Span::raw("· "),
    }
}

/// The title of the repeat group a group or instance row belongs to.
fn group_title(
    qn: &crate::questionnaire::Questionnaire,
    row: &crate::interview::Row,
    lang: crate::i18n::Lang,
) -> String {
    row.question
        .and_then(|qi| qn.questions[qi].group.as_deref())
        .and_then(|g| qn.group(g))
        .map_or(String::new(), |g| {
            crate::sanitize::clean_line(g.title.get(lang))
        })
}

fn tree(app: &App, st: &InterviewState, frame: &mut Frame, area: Rect) {
    let s = app.strings();
    let cat = &app.data.catalog;
    let lang = app.lang;
    let items: Vec<ListItem> = st
        .rows
        .iter()
        .map(|r| {
            let indent = "  ".repeat(r.depth as usize);
            let qn = &cat.questionnaires[r.qn];
            match &r.kind {
                RowKind::Topic => ListItem::new(Line::styled(
                    crate::sanitize::clean_line(qn.title.get(lang)),
                    app.palette.title(),
                )),
                RowKind::Group { count, .. } => {
                    ListItem::new(format!("{indent}⟳ {} ({count})", group_title(qn, r, lang)))
                }
                RowKind::Instance { n, .. } => {
                    ListItem::new(format!("{indent}{} {n}", group_title(qn, r, lang)))
                }
                RowKind::Question { key, .. } => {
                    let q = &qn.questions[r.question.unwrap_or(0)];
                    let answer = st.session.answers.get(key);
                    let mut spans = vec![
                        Span::raw(indent),
                        marker(app, answer, q.required == Required::Must),
                        Span::raw(crate::sanitize::clean_line(q.text.get(lang))),
                    ];
                    if answer.is_some_and(|a| a.flagged) {
                        spans.insert(1, Span::styled("⚑", app.palette.warn()));
                    }
                    if st
                        .session
                        .comments
                        .iter()
                        .any(|c| c.target.as_deref() == Some(key))
                    {
                        // Before the text: long questions are cut at the pane's edge.
                        spans.insert(1, Span::styled("✎", app.palette.warn()));
                    }
                    ListItem::new(Line::from(spans))
                }
            }
        })
        .collect();
    let p = &st.progress;
    let title = crate::i18n::fill(
        &s.tui.tree_title,
        &[
            ("done", &p.answered.to_string()),
            ("total", &p.total().to_string()),
        ],
    );
    let mut state = ListState::default()
        .with_selected(Some(st.cursor))
        .with_offset(st.tree_offset);
    frame.render_stateful_widget(
        List::new(items)
            .block(pane_block(app, title, st.focus == Pane::Tree))
            .highlight_style(app.palette.selected()),
        area,
        &mut state,
    );
}

fn question(app: &App, st: &InterviewState, frame: &mut Frame, area: Rect) {
    let s = app.strings();
    let cat = &app.data.catalog;
    let lang = app.lang;
    let focused = st.focus == Pane::Question || st.editor.is_some();
    if let Some(Editor::SessionNote { input }) = &st.editor {
        let mut t = input.clone();
        t.set_block(
            Block::bordered()
                .title(s.tui.session_note.as_str())
                .border_style(app.palette.focus_border()),
        );
        frame.render_widget(&t, area);
        return;
    }
    let Some(row) = st.rows.get(st.cursor) else {
        frame.render_widget(
            Paragraph::new(s.tui.no_questions.as_str()).block(pane_block(app, "", focused)),
            area,
        );
        return;
    };
    let qn = &cat.questionnaires[row.qn];
    let (key, q) = match (&row.kind, row.question) {
        (RowKind::Question { key, .. }, Some(qi)) => (key.clone(), &qn.questions[qi]),
        _ => {
            let mut lines = vec![
                Line::styled(
                    crate::sanitize::clean_line(qn.title.get(lang)),
                    app.palette.title(),
                ),
                Line::from(""),
                Line::from(crate::sanitize::clean(qn.description.get(lang))),
            ];
            if let RowKind::Group { count, .. } = &row.kind {
                lines.push(Line::from(""));
                lines.push(Line::styled(
                    crate::i18n::fill(&s.tui.group_help, &[("count", &count.to_string())]),
                    app.palette.dim(),
                ));
            }
            if row.kind == RowKind::Topic {
                lines.extend(topic_notes(app, st, row.qn));
            }
            frame.render_widget(
                Paragraph::new(lines)
                    .wrap(Wrap { trim: false })
                    .block(pane_block(app, "", focused)),
                area,
            );
            return;
        }
    };
    let answer = st.session.answers.get(&key);
    let editor_height = match &st.editor {
        Some(Editor::Long { .. } | Editor::Note { .. } | Editor::SessionNote { .. }) => {
            area.height / 2
        }
        Some(Editor::Choice { values, .. }) => values.len() as u16 + 2,
        Some(Editor::Line { .. }) => 4,
        None => 0,
    };
    let [text_area, editor_area] =
        Layout::vertical([Constraint::Min(3), Constraint::Length(editor_height)]).areas(area);

    let mut lines: Vec<Line> = Vec::new();
    lines.push(Line::styled(
        crate::sanitize::clean(q.text.get(lang)),
        app.palette.title(),
    ));
    if st.show_russian {
        match &q.text.ru {
            Some(ru) => lines.push(Line::from(format!("RU: {}", crate::sanitize::clean(ru)))),
            None => lines.push(Line::styled(s.tui.no_russian.as_str(), app.palette.dim())),
        }
    }
    if !q.hint.is_empty() {
        lines.push(Line::styled(
            crate::sanitize::clean(q.hint.get(lang)),
            app.palette.dim(),
        ));
    }
    let required = if q.required == Required::Must {
        format!(" · {}", s.tui.required)
    } else {
        String::new()
    };
    lines.push(Line::styled(
        format!("{}{required}", kind_label(&q.kind, s)),
        app.palette.dim(),
    ));
    lines.push(Line::from(""));
    // The current answer.
    match answer {
        Some(a) => {
            let value = a
                .value
                .as_ref()
                .map(|v| crate::questionnaire::display_value(v, Some(&q.kind), lang))
                .unwrap_or_else(|| "—".into());
            lines.push(Line::from(vec![
                Span::styled(format!("{}: ", s.tui.answer), app.palette.title()),
                Span::raw(crate::sanitize::clean(&value)),
            ]));
            if a.status != AnswerStatus::Answered {
                lines.push(Line::styled(
                    format!("{}: {}", s.tui.status, status_word(a.status, s)),
                    app.palette.warn(),
                ));
            }
            if !a.note.is_empty() {
                lines.push(Line::styled(
                    format!("{}:", s.tui.note),
                    app.palette.title(),
                ));
                for l in crate::sanitize::clean(&a.note).lines() {
                    lines.push(Line::from(l.to_string()));
                }
            }
            if !a.cited.is_empty() {
                lines.push(Line::styled(
                    format!(
                        "{}: {}",
                        s.tui.cited_refs,
                        crate::sanitize::clean_line(&a.cited.join(", "))
                    ),
                    app.palette.dim(),
                ));
                lines.extend(super::edition::changed_citations(app, a));
            }
        }
        None => lines.push(Line::styled(s.tui.not_answered.as_str(), app.palette.dim())),
    }
    for c in st
        .session
        .comments
        .iter()
        .filter(|c| c.target.as_deref() == Some(key.as_str()))
    {
        lines.push(Line::styled(
            format!(
                "✎ {} ({}): {}",
                crate::sanitize::clean_line(&c.author),
                c.at.strftime("%Y-%m-%d %H:%M"),
                crate::sanitize::clean_line(&c.text)
            ),
            app.palette.warn(),
        ));
    }
    if st.show_guidance && !q.guidance.is_empty() {
        lines.push(Line::from(""));
        lines.push(Line::styled(s.tui.guidance.as_str(), app.palette.title()));
        lines.push(Line::from(crate::sanitize::clean(q.guidance.get(lang))));
    } else if !q.guidance.is_empty() {
        lines.push(Line::styled(
            s.tui.guidance_hint.as_str(),
            app.palette.dim(),
        ));
    }
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(pane_block(
                app,
                key.as_str(),
                focused && st.editor.is_none(),
            )),
        text_area,
    );
    if let Some(e) = &st.editor {
        editor(app, e, frame, editor_area);
    }
}

fn kind_label(kind: &Kind, s: &crate::i18n::Strings) -> String {
    match kind {
        Kind::YesNo => s.tui.kind_yes_no.clone(),
        Kind::SingleChoice { .. } => s.tui.kind_single.clone(),
        Kind::MultiChoice { .. } => s.tui.kind_multi.clone(),
        Kind::Date { precision } => {
            use crate::questionnaire::DatePrecision as P;
            let p = match precision {
                P::Day => &s.tui.precision_day,
                P::Month => &s.tui.precision_month,
                P::Year | P::Approximate => &s.tui.precision_year,
            };
            format!("{} ({p})", s.tui.kind_date)
        }
        Kind::Number { unit, .. } => match unit {
            Some(u) => format!(
                "{} ({})",
                s.tui.kind_number,
                crate::sanitize::clean_line(u.get(s.lang))
            ),
            None => s.tui.kind_number.clone(),
        },
        Kind::ShortText => s.tui.kind_short.clone(),
        Kind::LongText => s.tui.kind_long.clone(),
    }
}

fn editor(app: &App, e: &Editor, frame: &mut Frame, area: Rect) {
    let s = app.strings();
    match e {
        Editor::Choice {
            labels,
            multi,
            cursor,
            checked,
            ..
        } => {
            let items: Vec<ListItem> = labels
                .iter()
                .enumerate()
                .map(|(i, l)| {
                    let mark = if *multi {
                        if checked.get(i).copied().unwrap_or(false) {
                            "[x] "
                        } else {
                            "[ ] "
                        }
                    } else {
                        ""
                    };
                    ListItem::new(format!("{mark}{}", crate::sanitize::clean_line(l)))
                })
                .collect();
            let title = if *multi {
                &s.tui.editor_multi
            } else {
                &s.tui.editor_choice
            };
            let mut state = ListState::default().with_selected(Some(*cursor));
            frame.render_stateful_widget(
                List::new(items)
                    .block(
                        Block::bordered()
                            .title(title.as_str())
                            .border_style(app.palette.focus_border()),
                    )
                    .highlight_style(app.palette.selected())
                    .highlight_symbol("> "),
                area,
                &mut state,
            );
        }
        Editor::Line { input, error, .. } => {
            let [a, b] =
                Layout::vertical([Constraint::Length(3), Constraint::Length(1)]).areas(area);
            let mut t = input.clone();
            t.set_block(
                Block::bordered()
                    .title(s.tui.editor_line.as_str())
                    .border_style(app.palette.focus_border()),
            );
            frame.render_widget(&t, a);
            if let Some(e) = error {
                frame.render_widget(Line::styled(e.as_str(), app.palette.error()), b);
            }
        }
        Editor::Long { input } | Editor::Note { input } | Editor::SessionNote { input } => {
            let title = if matches!(e, Editor::Note { .. }) {
                &s.tui.editor_note
            } else {
                &s.tui.editor_long
            };
            let mut t = input.clone();
            t.set_block(
                Block::bordered()
                    .title(title.as_str())
                    .border_style(app.palette.focus_border()),
            );
            frame.render_widget(&t, area);
        }
    }
}

fn sources(app: &App, st: &InterviewState, frame: &mut Frame, area: Rect) {
    let s = app.strings();
    let mut lines: Vec<Line> = Vec::new();
    for g in &st.glossary {
        lines.push(Line::styled(format!("≡ {g}"), app.palette.dim()));
    }
    if !st.glossary.is_empty() {
        lines.push(Line::from(""));
    }
    if st.sources.is_empty() {
        lines.push(Line::styled(
            if app.index.is_none() {
                s.tui.index_building.as_str()
            } else {
                s.tui.no_sources.as_str()
            },
            app.palette.dim(),
        ));
    }
    for (i, item) in st.sources.iter().enumerate() {
        let selected = i == st.source_cursor && st.focus == Pane::Sources;
        let head_style = if selected {
            app.palette.selected()
        } else {
            app.palette.title()
        };
        let tag = match (item.cited, item.explicit) {
            (true, _) => format!("[{}] ", s.tui.cited_tag),
            (false, true) => "★ ".to_string(),
            (false, false) => String::new(),
        };
        lines.push(Line::styled(format!("{tag}{}", item.heading), head_style));
        lines.push(super::edition::reference_line(app, &item.reference));
        lines.extend(highlighted(
            &item.text,
            &item.highlights,
            app.palette.highlight(),
        ));
        for f in &item.footnotes {
            lines.push(Line::styled(format!("  [{f}]"), app.palette.dim()));
        }
        lines.push(Line::from(""));
    }
    // Keep the selected passage in view by scrolling to its heading.
    let scroll = st.source_scroll.saturating_add(selected_offset(st));
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .scroll((scroll, 0))
            .block(pane_block(
                app,
                s.tui.sources_title.as_str(),
                st.focus == Pane::Sources,
            )),
        area,
    );
}

fn selected_offset(st: &InterviewState) -> u16 {
    if st.focus != Pane::Sources {
        return 0;
    }
    let glossary = if st.glossary.is_empty() {
        0
    } else {
        st.glossary.len() + 1
    };
    let before: usize = st.sources[..st.source_cursor.min(st.sources.len())]
        .iter()
        .map(|i| 3 + i.text.lines().count() + i.footnotes.len())
        .sum();
    (glossary + before) as u16
}

fn status_line(app: &App, st: &InterviewState, frame: &mut Frame, area: Rect) {
    let s = app.strings();
    let save = if st.review {
        s.tui.review_save_state.clone()
    } else if st.read_only {
        s.tui.read_only.clone()
    } else if let Some(err) = &st.save_error {
        // The hint first: a long error is cut at the window's edge.
        format!(
            "{} ({}): {}",
            s.tui.save_failed,
            s.tui.save_copy_hint,
            crate::sanitize::clean_line(err)
        )
    } else if st.autosave.pending() {
        s.tui.unsaved.clone()
    } else if let Some(t) = st.saved_at {
        crate::i18n::fill(
            &s.tui.saved_ago,
            &[(
                "secs",
                &app.now.saturating_duration_since(t).as_secs().to_string(),
            )],
        )
    } else {
        s.tui.saved.clone()
    };
    let save_style: Style = if st.save_error.is_some() {
        app.palette.error()
    } else {
        app.palette.ok()
    };
    let p = &st.progress;
    let mut spans = vec![
        Span::styled(save, save_style),
        Span::raw(format!(
            "  ·  {}",
            crate::i18n::fill(
                &s.tui.progress,
                &[
                    ("done", &p.answered.to_string()),
                    ("total", &p.total().to_string()),
                    ("missing", &p.required_missing.to_string()),
                    ("flagged", &p.flagged.to_string()),
                ],
            )
        )),
    ];
    if let Some(msg) = &app.status {
        spans.push(Span::styled(
            format!("  ·  {}", crate::sanitize::clean_line(msg)),
            app.palette.warn(),
        ));
    }
    frame.render_widget(Line::from(spans), area);
}

/// On a topic's row: answers kept although their question is now hidden,
/// renamed away or removed, and (when reviewing) follow-ups never opened.
fn topic_notes(app: &App, st: &InterviewState, qn_index: usize) -> Vec<Line<'static>> {
    let s = app.strings();
    let cat = &app.data.catalog;
    let qn = &cat.questionnaires[qn_index];
    let prefix = format!("{}.", qn.id);
    let mut lines = Vec::new();
    let orphans: Vec<_> = crate::interview::orphaned_answers(cat, &st.session, &st.rows)
        .into_iter()
        .filter(|(k, _)| k.starts_with(&prefix))
        .collect();
    if !orphans.is_empty() {
        lines.push(Line::from(""));
        lines.push(Line::styled(s.tui.kept_answers.clone(), app.palette.warn()));
        for (key, why) in orphans {
            let a = &st.session.answers[&key];
            let value = a
                .value
                .as_ref()
                .map(|v| crate::questionnaire::display_value(v, None, app.lang))
                .unwrap_or_else(|| "—".into());
            let why = match why {
                crate::interview::Orphan::Hidden => &s.tui.orphan_hidden,
                crate::interview::Orphan::Removed => &s.tui.orphan_removed,
            };
            lines.push(Line::styled(
                crate::sanitize::clean_line(&format!("{key}: {value} ({why})")),
                app.palette.warn(),
            ));
        }
    }
    if st.review {
        let shown: Vec<&str> = st
            .rows
            .iter()
            .filter(|r| r.qn == qn_index)
            .filter_map(|r| match &r.kind {
                RowKind::Question { full_id, .. } => Some(full_id.as_str()),
                _ => None,
            })
            .collect();
        let never: Vec<String> = qn
            .questions
            .iter()
            .filter(|q| !q.retired && q.show_if.is_some())
            .filter(|q| !shown.contains(&q.full_id(&qn.id).as_str()))
            .map(|q| format!("- {}", crate::sanitize::clean_line(q.text.get(app.lang))))
            .collect();
        if !never.is_empty() {
            lines.push(Line::from(""));
            lines.push(Line::styled(s.tui.not_opened.clone(), app.palette.title()));
            lines.extend(
                never
                    .into_iter()
                    .map(|l| Line::styled(l, app.palette.dim())),
            );
        }
    }
    lines
}
