use super::*;

pub(super) fn question(app: &App, st: &InterviewState, frame: &mut Frame, area: Rect) {
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
        // No rows: either the questionnaires are not loaded (their answers
        // are listed, with the banner saying how to load them) or none.
        let mut lines = missing_answers(app, st);
        if lines.is_empty() {
            lines.push(Line::from(s.tui.no_questions.as_str()));
        } else {
            lines.remove(0);
        }
        frame.render_widget(
            Paragraph::new(lines)
                .wrap(Wrap { trim: false })
                .block(pane_block(app, "", focused)),
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
                    crate::sanitize::Clean::line(qn.title.get(lang)),
                    app.palette.title(),
                ),
                Line::from(""),
                Line::from(crate::sanitize::Clean::text(qn.description.get(lang))),
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
                if st.cursor == 0 {
                    lines.extend(missing_answers(app, st));
                }
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
        Some(Editor::Choice {
            labels,
            multi,
            checked,
            ..
        }) => {
            let lines: usize = choice_items(labels, *multi, checked, area.width)
                .iter()
                .map(|i| i.height())
                .sum();
            // Leave the question's first lines in view above the choices.
            (lines as u16 + 2).min(area.height.saturating_sub(3))
        }
        Some(Editor::Line { .. }) => 4,
        None => 0,
    };
    let [text_area, editor_area] =
        Layout::vertical([Constraint::Min(3), Constraint::Length(editor_height)]).areas(area);

    let mut lines: Vec<Line> = Vec::new();
    lines.push(Line::styled(
        crate::sanitize::Clean::text(q.text.get(lang)),
        app.palette.title(),
    ));
    if st.show_russian {
        match &q.text.ru {
            Some(ru) => lines.push(Line::from(format!(
                "RU: {}",
                crate::sanitize::Clean::text(ru)
            ))),
            None => lines.push(Line::styled(s.tui.no_russian.as_str(), app.palette.dim())),
        }
    }
    if !q.hint.is_empty() {
        lines.push(Line::styled(
            crate::sanitize::Clean::text(q.hint.get(lang)),
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
    // A computed question shows its value where the answer would be.
    let instance = match &row.kind {
        RowKind::Question { instance, .. } => *instance,
        _ => None,
    };
    let answers = crate::interview::SessionAnswers(&st.session);
    let derived = crate::export::derived::view(q, &qn.id, instance, &answers, lang);
    if let Some(d) = &derived {
        lines.push(Line::from(vec![
            Span::styled(format!("{}: ", s.record.derived), app.palette.title()),
            Span::raw(crate::sanitize::Clean::text(&d.text)),
        ]));
    }
    // The current answer.
    match answer {
        Some(a) => {
            let value = a
                .value
                .as_ref()
                .map(|v| crate::questionnaire::display_value(v, Some(&q.kind), lang))
                .unwrap_or_else(|| "—".into());
            // Beside amendments, the answer is the original one.
            let label = if a.amendments.is_empty() {
                &s.tui.answer
            } else {
                &s.lifecycle.original
            };
            lines.push(Line::from(vec![
                Span::styled(format!("{label}: "), app.palette.title()),
                Span::raw(crate::sanitize::Clean::text(&value)),
            ]));
            lines.extend(super::amendments::lines(app, a, &q.kind));
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
                for l in crate::sanitize::Clean::text(&a.note).lines() {
                    lines.push(Line::from(l.to_string()));
                }
            }
            if !a.cited.is_empty() {
                lines.push(Line::styled(
                    format!(
                        "{}: {}",
                        s.tui.cited_refs,
                        crate::sanitize::Clean::line(&a.cited.join(", "))
                    ),
                    app.palette.dim(),
                ));
                lines.extend(crate::tui::view::edition::changed_citations(app, a));
            }
        }
        None if derived.is_some() => {}
        None => lines.push(Line::styled(s.tui.not_answered.as_str(), app.palette.dim())),
    }
    lines.extend(super::amendments::changed_since_returned(
        app,
        &st.session,
        &key,
        &q.kind,
    ));
    // Comments on this answer, under it, whole (the pane wraps them).
    let comments: Vec<_> = st
        .session
        .comments
        .iter()
        .filter(|c| c.target.as_deref() == Some(key.as_str()))
        .collect();
    if !comments.is_empty() {
        lines.push(Line::from(""));
        lines.push(Line::styled(
            s.tui.comments_heading.as_str(),
            app.palette.title(),
        ));
    }
    for c in comments {
        lines.push(Line::styled(session_comment(c), app.palette.warn()));
    }
    if st.show_guidance && !q.guidance.is_empty() {
        lines.push(Line::from(""));
        lines.push(Line::styled(s.tui.guidance.as_str(), app.palette.title()));
        lines.push(Line::from(crate::sanitize::Clean::text(
            q.guidance.get(lang),
        )));
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
        answer_editor(app, e, frame, editor_area);
    }
}

pub(super) fn kind_label(kind: &Kind, s: &crate::i18n::Strings) -> String {
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
                crate::sanitize::Clean::line(u.get(s.lang))
            ),
            None => s.tui.kind_number.clone(),
        },
        Kind::ShortText => s.tui.kind_short.clone(),
        Kind::LongText => s.tui.kind_long.clone(),
    }
}
