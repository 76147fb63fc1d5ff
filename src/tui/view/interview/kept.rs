#[allow(unused_imports)]
use super::*;

/// On a topic's row: answers kept although their question is now hidden,
/// renamed away or removed, and (when reviewing) follow-ups never opened.
pub(super) fn topic_notes(app: &App, st: &InterviewState, qn_index: usize) -> Vec<Line<'static>> {
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
