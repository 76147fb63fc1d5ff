//! What a topic row tells beyond its questions: answers kept although
//! their question is not shown, and follow-ups the walk never opened.

use super::{Orphan, Row, RowKind, orphaned_answers};
use crate::notes::Session;
use crate::questionnaire::{Catalog, Question};

/// Answers under topic `qn_index` that the walk does not show, with why.
pub fn kept_in_topic(
    catalog: &Catalog,
    session: &Session,
    rows: &[Row],
    qn_index: usize,
) -> Vec<(String, Orphan)> {
    let prefix = format!("{}.", catalog.questionnaires[qn_index].id);
    orphaned_answers(catalog, session, rows)
        .into_iter()
        .filter(|(k, _)| k.starts_with(&prefix))
        .collect()
}

/// Follow-up questions of topic `qn_index` that no answer opened.
pub fn never_opened<'a>(catalog: &'a Catalog, rows: &[Row], qn_index: usize) -> Vec<&'a Question> {
    let qn = &catalog.questionnaires[qn_index];
    let shown: Vec<&str> = rows
        .iter()
        .filter(|r| r.qn == qn_index)
        .filter_map(|r| match &r.kind {
            RowKind::Question { full_id, .. } => Some(full_id.as_str()),
            _ => None,
        })
        .collect();
    qn.questions
        .iter()
        .filter(|q| !q.retired && q.show_if.is_some())
        .filter(|q| !shown.contains(&q.full_id(&qn.id).as_str()))
        .collect()
}
