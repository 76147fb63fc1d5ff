use super::*;

pub(super) fn marker(app: &App, answer: Option<&Answer>, required: bool) -> Span<'static> {
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
pub(super) fn group_title(
    qn: &crate::questionnaire::Questionnaire,
    row: &crate::interview::Row,
    lang: crate::i18n::Lang,
) -> String {
    row.question
        .and_then(|qi| qn.questions[qi].group.as_deref())
        .and_then(|g| qn.group(g))
        .map_or(String::new(), |g| {
            crate::sanitize::Clean::line(g.title.get(lang)).into_string()
        })
}

pub(super) fn tree(app: &App, st: &InterviewState, frame: &mut Frame, area: Rect) {
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
                    crate::sanitize::Clean::line(qn.title.get(lang)),
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
                        Span::raw(crate::sanitize::Clean::line(q.text.get(lang))),
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
