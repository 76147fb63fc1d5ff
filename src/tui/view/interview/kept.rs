use super::*;

/// On a topic's row: answers kept although their question is now hidden,
/// renamed away or removed, and (when reviewing) follow-ups never opened.
pub(super) fn topic_notes(app: &App, st: &InterviewState, qn_index: usize) -> Vec<Line<'static>> {
    let s = app.strings();
    let cat = &app.data.catalog;
    let mut lines = Vec::new();
    let orphans = crate::interview::kept_in_topic(cat, &st.session, &st.rows, qn_index);
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
                crate::sanitize::Clean::line(&format!("{key}: {value} ({why})")),
                app.palette.warn(),
            ));
        }
    }
    if st.review {
        let never: Vec<String> = crate::interview::never_opened(cat, &st.rows, qn_index)
            .into_iter()
            .map(|q| format!("- {}", crate::sanitize::Clean::line(q.text.get(app.lang))))
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

/// Answers of questionnaires that are not loaded, so they do not look
/// lost: shown instead of the empty question pane, and on the first topic.
pub(super) fn missing_answers(app: &App, st: &InterviewState) -> Vec<Line<'static>> {
    let missing = crate::interview::missing_questionnaires(&app.data.catalog, &st.session);
    let answers = crate::interview::answers_of(&st.session, &missing);
    if answers.is_empty() {
        return Vec::new();
    }
    let mut lines = vec![
        Line::from(""),
        Line::styled(
            app.strings().tui.missing_answers.clone(),
            app.palette.warn(),
        ),
    ];
    for (key, a) in answers {
        let value = a
            .value
            .as_ref()
            .map(|v| crate::questionnaire::display_value(v, None, app.lang))
            .unwrap_or_else(|| "—".into());
        lines.push(Line::from(crate::sanitize::Clean::line(&format!(
            "{key}: {value}"
        ))));
        if !a.note.is_empty() {
            lines.push(Line::styled(
                crate::sanitize::Clean::line(&format!("  {}", a.note)),
                app.palette.dim(),
            ));
        }
    }
    lines
}
