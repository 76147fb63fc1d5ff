//! The walk through an interview: which questions of the session's
//! questionnaires are shown, in which order, with which progress. Pure: it
//! reads a `Catalog` and a `Session` and never writes either.

mod answers;
mod rows;
pub mod timeline;
mod topic;

pub use answers::SessionAnswers;
pub use rows::{
    Orphan, Progress, Row, RowKind, orphaned_answers, progress, required_status_only, resume_at,
    rows,
};
pub use topic::{kept_in_topic, never_opened};

use crate::notes::{QuestionnaireUse, Session};
use crate::questionnaire::{Catalog, Questionnaire};

/// The questionnaires a session was started with, as `QuestionnaireUse`
/// records (id, version, content hash).
pub fn uses(questionnaires: &[&Questionnaire]) -> Vec<QuestionnaireUse> {
    questionnaires
        .iter()
        .map(|q| QuestionnaireUse {
            id: q.id.clone(),
            version: q.version,
            hash: q.content_hash.clone(),
        })
        .collect()
}

/// Questionnaire ids the session uses whose file changed since the session
/// started (other version or content hash), or that no longer exist.
pub fn changed_questionnaires(catalog: &Catalog, session: &Session) -> Vec<String> {
    session
        .questionnaires
        .iter()
        .filter(|u| {
            catalog
                .questionnaire(&u.id)
                .is_none_or(|q| q.version != u.version || q.content_hash != u.hash)
        })
        .map(|u| u.id.clone())
        .collect()
}

/// Questionnaire ids the session uses that are not loaded at all (a
/// session started with `--questionnaires DIR`, reopened without it), as
/// opposed to loaded in another version.
pub fn missing_questionnaires(catalog: &Catalog, session: &Session) -> Vec<String> {
    session
        .questionnaires
        .iter()
        .filter(|u| catalog.questionnaire(&u.id).is_none())
        .map(|u| u.id.clone())
        .collect()
}

/// The session's answers that belong to the questionnaires in `ids`, by key.
pub fn answers_of<'a>(
    session: &'a Session,
    ids: &[String],
) -> Vec<(&'a String, &'a crate::notes::Answer)> {
    session
        .answers
        .iter()
        .filter(|(k, _)| {
            crate::questionnaire::FullId::split(crate::notes::parse_answer_key(k).0)
                .is_some_and(|f| ids.iter().any(|i| i == f.questionnaire))
        })
        .collect()
}

/// Move answers stored under a question's earlier id (`renamed_from`) to its
/// current id, so a renamed question keeps its answer. Returns the keys moved
/// as `(old, new)`. An answer is never overwritten: if both keys hold one,
/// the old one stays where it is and shows as orphaned. An answer to a
/// question that has since moved into a repeat group becomes the answer of
/// the group's first instance.
pub fn adopt_renames(catalog: &Catalog, session: &mut Session) -> Vec<(String, String)> {
    let mut moved = Vec::new();
    for u in &session.questionnaires {
        let Some(qn) = catalog.questionnaire(&u.id) else {
            continue;
        };
        for q in &qn.questions {
            for old in &q.renamed_from {
                let old_full = format!("{}.{old}", qn.id);
                let new_full = q.full_id(&qn.id);
                let keys: Vec<String> = session
                    .answers
                    .keys()
                    .filter(|k| crate::notes::parse_answer_key(k).0 == old_full)
                    .cloned()
                    .collect();
                for key in keys {
                    let (_, mut instance) = crate::notes::parse_answer_key(&key);
                    // A question that moved into a repeat group: its one
                    // earlier answer is the group's first event.
                    if let (Some(g), None) = (&q.group, instance) {
                        instance = Some(1);
                        let count = session.groups.entry(format!("{}.{g}", qn.id)).or_insert(0);
                        *count = (*count).max(1);
                    }
                    let new_key = crate::notes::answer_key(&new_full, instance);
                    if session.answers.contains_key(&new_key) {
                        continue;
                    }
                    if let Some(a) = session.answers.remove(&key) {
                        session.answers.insert(new_key.clone(), a);
                        moved.push((key, new_key));
                    }
                }
            }
        }
    }
    moved
}
