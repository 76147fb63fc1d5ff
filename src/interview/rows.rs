//! The question tree shown on the left of the interview screen, recomputed
//! after every change so follow-ups appear and disappear live.

use super::SessionAnswers;
use crate::notes::{Session, answer_key, parse_answer_key};
use crate::questionnaire::{self, Catalog, Group, Questionnaire, Required, Scope};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RowKind {
    Topic,
    /// A repeat group's header; `count` instances exist.
    Group {
        full_id: String,
        count: u32,
    },
    /// The header of instance `n` (1-based) of a group.
    Instance {
        full_id: String,
        n: u32,
    },
    Question {
        key: String,
        full_id: String,
        instance: Option<usize>,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// Index into `catalog.questionnaires`.
    pub qn: usize,
    /// Index into that questionnaire's questions, for question rows and the
    /// group row (its first question).
    pub question: Option<usize>,
    pub depth: u16,
    pub kind: RowKind,
}

impl Row {
    pub fn key(&self) -> Option<&str> {
        match &self.kind {
            RowKind::Question { key, .. } => Some(key),
            _ => None,
        }
    }
}

/// Every row to show, in interview order: topics in the session's order,
/// then their visible questions; repeat groups expand per instance.
pub fn rows(catalog: &Catalog, session: &Session) -> Vec<Row> {
    let answers = SessionAnswers(session);
    let mut out = Vec::new();
    for u in &session.questionnaires {
        let Some(qn_index) = catalog.questionnaires.iter().position(|q| q.id == u.id) else {
            continue;
        };
        let qn = &catalog.questionnaires[qn_index];
        out.push(Row {
            qn: qn_index,
            question: None,
            depth: 0,
            kind: RowKind::Topic,
        });
        let mut groups_done: Vec<&str> = Vec::new();
        for (qi, q) in qn.questions.iter().enumerate() {
            if q.retired {
                continue;
            }
            match &q.group {
                None => {
                    if questionnaire::visible(catalog, qn, q, &answers, None) {
                        out.push(Row {
                            qn: qn_index,
                            question: Some(qi),
                            depth: 1,
                            kind: RowKind::Question {
                                key: q.full_id(&qn.id),
                                full_id: q.full_id(&qn.id),
                                instance: None,
                            },
                        });
                    }
                }
                Some(g) if !groups_done.contains(&g.as_str()) => {
                    groups_done.push(g);
                    let Some(group) = qn.group(g) else { continue };
                    if !group_visible(qn, group, &answers) {
                        continue;
                    }
                    let full_group = format!("{}.{}", qn.id, g);
                    let count = session.group_count(&full_group);
                    out.push(Row {
                        qn: qn_index,
                        question: Some(qi),
                        depth: 1,
                        kind: RowKind::Group {
                            full_id: full_group.clone(),
                            count,
                        },
                    });
                    for n in 1..=count {
                        out.push(Row {
                            qn: qn_index,
                            question: Some(qi),
                            depth: 2,
                            kind: RowKind::Instance {
                                full_id: full_group.clone(),
                                n,
                            },
                        });
                        for (gi, gq) in qn.questions.iter().enumerate() {
                            if gq.retired || gq.group.as_deref() != Some(g.as_str()) {
                                continue;
                            }
                            let instance = Some(n as usize);
                            if questionnaire::visible(catalog, qn, gq, &answers, instance) {
                                let full_id = gq.full_id(&qn.id);
                                out.push(Row {
                                    qn: qn_index,
                                    question: Some(gi),
                                    depth: 3,
                                    kind: RowKind::Question {
                                        key: answer_key(&full_id, instance),
                                        full_id,
                                        instance,
                                    },
                                });
                            }
                        }
                    }
                }
                Some(_) => {}
            }
        }
    }
    out
}

/// A group's own condition, read outside any instance (as `visible` does).
fn group_visible(qn: &Questionnaire, group: &Group, answers: &SessionAnswers<'_>) -> bool {
    let scope = Scope {
        questionnaire: &qn.id,
        instance: None,
    };
    group
        .show_if
        .as_ref()
        .is_none_or(|e| e.eval(answers, &scope))
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Progress {
    /// Real answers: a value, given with the status "answered".
    pub answered: usize,
    /// Only a status: declined, unclear, not applicable, not asked.
    pub status_only: usize,
    pub unanswered: usize,
    pub required_missing: usize,
    /// Required questions answered only with a status: submit lists them.
    pub required_status_only: usize,
    pub flagged: usize,
}

impl Progress {
    pub fn total(&self) -> usize {
        self.answered + self.status_only + self.unanswered
    }
}

/// Required questions in `rows` answered only with a status (declined,
/// unclear, n.a., not asked): submit lists them and asks for confirmation.
pub fn required_status_only(catalog: &Catalog, session: &Session, rows: &[Row]) -> Vec<String> {
    rows.iter()
        .filter_map(|row| Some((row.key()?, row.question?, row.qn)))
        .filter(|&(key, qi, qn)| {
            catalog.questionnaires[qn].questions[qi].required == Required::Must
                && session.answers.get(key).is_some_and(|a| a.is_status_only())
        })
        .map(|(key, _, _)| key.to_string())
        .collect()
}

/// Counts over the visible questions in `rows`.
pub fn progress(catalog: &Catalog, session: &Session, rows: &[Row]) -> Progress {
    let mut p = Progress::default();
    for row in rows {
        let (Some(key), Some(qi)) = (row.key(), row.question) else {
            continue;
        };
        let q = &catalog.questionnaires[row.qn].questions[qi];
        // A computed question is never asked: nothing to count.
        if q.computed.is_some() {
            continue;
        }
        let answer = session.answers.get(key);
        if answer.is_some_and(|a| a.is_status_only()) {
            p.status_only += 1;
            if q.required == Required::Must {
                p.required_status_only += 1;
            }
        } else if answer.is_some_and(|a| a.has_value()) {
            p.answered += 1;
        } else {
            p.unanswered += 1;
            if q.required == Required::Must {
                p.required_missing += 1;
            }
        }
        if answer.is_some_and(|a| a.flagged) {
            p.flagged += 1;
        }
    }
    p
}

/// Why an answer has no visible question any more.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Orphan {
    /// The question exists but its condition now hides it.
    Hidden,
    /// The question was retired or removed in a newer questionnaire version.
    Removed,
}

/// Answers the walk does not show, with the reason. They are kept in the
/// session and shown as such; nothing is deleted.
pub fn orphaned_answers(
    catalog: &Catalog,
    session: &Session,
    rows: &[Row],
) -> Vec<(String, Orphan)> {
    session
        .answers
        .keys()
        .filter(|k| !rows.iter().any(|r| r.key() == Some(k.as_str())))
        .map(|k| {
            let (full_id, _) = parse_answer_key(k);
            let reason = match catalog.question(full_id) {
                Some((_, q)) if !q.retired => Orphan::Hidden,
                _ => Orphan::Removed,
            };
            (k.clone(), reason)
        })
        .collect()
}

/// Where an interviewer picks a session up again: the question after the
/// one answered last (by time, not by position), or that one when nothing
/// follows it; `None` for a session without answers on screen.
pub fn resume_at(session: &Session, rows: &[Row]) -> Option<usize> {
    let (last, _) = rows
        .iter()
        .enumerate()
        .filter_map(|(i, r)| Some((i, &session.answers.get(r.key()?)?.updated)))
        .max_by(|a, b| a.1.cmp(b.1).then(a.0.cmp(&b.0)))?;
    let next = rows[last + 1..]
        .iter()
        .position(|r| r.key().is_some())
        .map(|p| last + 1 + p);
    Some(next.unwrap_or(last))
}
