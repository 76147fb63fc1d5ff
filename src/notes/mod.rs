//! Interview sessions: the pure model, and `store` (the only writer of user data).
//!
//! A session is someone's asylum story. The model never drops an answer:
//! removing a repeat-group instance moves its answers into `removed`, and
//! answers whose question disappeared from a questionnaire stay in `answers`.

mod amend;
mod atomic;
mod autosave;
mod case_ref;
pub mod convert;
pub mod crypt;
mod draft;
mod group;
mod key;
pub mod keys;
mod lifecycle;
mod list;
mod listing;
mod lock;
mod merge;
mod migrate;
pub mod rescue;
mod review;
mod safe_fs;
mod sealed;
mod short_id;
mod stamp;
mod status;
pub mod store;
mod suggest;
mod three_way;

use std::collections::BTreeMap;

use jiff::Zoned;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::error::{Error, Result};
use crate::i18n::Lang;
use crate::questionnaire::{AnswerStatus, Value};

pub use amend::Amendment;
pub use atomic::write as write_atomic;
pub use autosave::{Autosave, install_signal_flags};
pub use case_ref::{PersonalData, personal_data, sessions_for_case};
pub use crypt::{Codec, Keyring};
pub use draft::changes as draft_changes;
pub use group::is_group_folder;
pub use key::{AnswerKey, answer_key, parse_answer_key};
pub use lifecycle::{AnswerChange, AnswerState, Policy, Refusal, Submission};
pub use lock::LockHolder;
pub use migrate::{SCHEMA_VERSION, parse_session};
pub use review::ReviewChange;
pub use short_id::short_ids;
pub use stamp::parse as parse_stamp;
pub use store::{ListEntry, SessionSummary, Store, WriteHandle};

/// The current time, to the second, in the system time zone: what every
/// timestamp in a session file is stamped with.
pub fn now() -> Zoned {
    let z = Zoned::now();
    z.round(jiff::Unit::Second).unwrap_or(z)
}

pub use status::Status;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuestionnaireUse {
    pub id: String,
    pub version: u32,
    pub hash: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Answer {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<Value>,
    pub status: AnswerStatus,
    #[serde(default)]
    pub note: String,
    #[serde(default)]
    pub cited: Vec<String>,
    /// `"<ref> sha256:<hex>"`, the passage as it read when cited, followed
    /// by ` <text>` when the config keeps cited text (absent in sessions
    /// from before this was kept).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cited_passages: Vec<String>,
    #[serde(default)]
    pub flagged: bool,
    #[serde(with = "stamp")]
    pub created: Zoned,
    #[serde(with = "stamp")]
    pub updated: Zoned,
    /// When a value or a non-answer status was first given (a note or a
    /// citation alone is not an answer), so the record can show the order
    /// in which things were said.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "stamp::option"
    )]
    pub given: Option<Zoned>,
    /// Corrections and additions after the interview, oldest first; the
    /// answer above stays as originally given.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub amendments: Vec<Amendment>,
}

impl Answer {
    pub fn new(at: &Zoned) -> Answer {
        Answer {
            value: None,
            status: AnswerStatus::Answered,
            note: String::new(),
            cited: Vec::new(),
            cited_passages: Vec::new(),
            flagged: false,
            created: at.clone(),
            updated: at.clone(),
            given: None,
            amendments: Vec::new(),
        }
    }

    /// The stored hash of a cited passage, if one was kept.
    pub fn cited_hash(&self, reference: &str) -> Option<&str> {
        let rest = entry(&self.cited_passages, reference)?;
        Some(rest.split_once(' ').map_or(rest, |(h, _)| h))
    }

    /// The stored text of a cited passage, if one was kept.
    pub fn cited_text(&self, reference: &str) -> Option<&str> {
        entry(&self.cited_passages, reference)?
            .split_once(' ')
            .map(|(_, t)| t)
    }

    /// A real answer: a value given with the status `Answered`.
    pub fn has_value(&self) -> bool {
        self.value.is_some() && self.status == AnswerStatus::Answered
    }

    /// Only a non-answer status (declined, unclear, n.a., not asked).
    pub fn is_status_only(&self) -> bool {
        self.status != AnswerStatus::Answered
    }

    /// Answered with a value, or given an explicit non-answer status.
    pub fn is_answered(&self) -> bool {
        self.value.is_some() || self.status != AnswerStatus::Answered
    }
}

/// The value of `"<ref> <value>"` in `list` for `reference`.
fn entry<'a>(list: &'a [String], reference: &str) -> Option<&'a str> {
    list.iter()
        .filter_map(|e| e.split_once(' '))
        .find(|(r, _)| *r == reference)
        .map(|(_, v)| v)
}

/// An answer taken out of `answers` when its repeat-group instance was
/// removed; kept so nothing typed is ever lost.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RemovedAnswer {
    /// The key the answer had when it was removed.
    pub key: String,
    #[serde(with = "stamp")]
    pub removed: Zoned,
    pub answer: Answer,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Comment {
    pub id: Uuid,
    pub author: String,
    #[serde(with = "stamp")]
    pub at: Zoned,
    /// An answer key, or `None` for the whole session.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StatusChange {
    pub from: Status,
    pub to: Status,
    pub by: String,
    #[serde(with = "stamp")]
    pub at: Zoned,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// One interview. Field order is the order in the file: scalars first so the
/// file reads top-down like a case sheet.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Session {
    pub schema_version: u32,
    pub id: Uuid,
    pub case_ref: String,
    pub interviewer: String,
    #[serde(with = "stamp")]
    pub created: Zoned,
    #[serde(with = "stamp")]
    pub updated: Zoned,
    pub lang: Lang,
    pub status: Status,
    #[serde(default)]
    pub note: String,
    #[serde(default)]
    pub questionnaires: Vec<QuestionnaireUse>,
    /// Instance count per repeat group, keyed by full group id
    /// (`summons.summonses`).
    #[serde(default)]
    pub groups: BTreeMap<String, u32>,
    /// Keyed by `answer_key`: `<questionnaire>.<question>` or
    /// `<questionnaire>.<question>#<n>` inside a repeat group.
    #[serde(default)]
    pub answers: BTreeMap<String, Answer>,
    #[serde(default)]
    pub removed: Vec<RemovedAnswer>,
    #[serde(default)]
    pub comments: Vec<Comment>,
    #[serde(default)]
    pub history: Vec<StatusChange>,
    /// The answers as they stood at each submission, oldest first: what the
    /// record compares with after a reopen or a return.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub submissions: Vec<Submission>,
}

impl Session {
    pub fn new(
        case_ref: impl Into<String>,
        interviewer: impl Into<String>,
        lang: Lang,
        questionnaires: Vec<QuestionnaireUse>,
        at: &Zoned,
    ) -> Session {
        let at = at.clone();
        Session {
            schema_version: SCHEMA_VERSION,
            id: Uuid::now_v7(),
            case_ref: case_ref.into(),
            interviewer: interviewer.into(),
            created: at.clone(),
            updated: at,
            lang,
            status: Status::Draft,
            note: String::new(),
            questionnaires,
            groups: BTreeMap::new(),
            answers: BTreeMap::new(),
            removed: Vec::new(),
            comments: Vec::new(),
            history: Vec::new(),
            submissions: Vec::new(),
        }
    }

    fn answer_mut(&mut self, key: &str, at: &Zoned) -> &mut Answer {
        self.updated = at.clone();
        let a = self
            .answers
            .entry(key.to_string())
            .or_insert_with(|| Answer::new(at));
        a.updated = at.clone();
        a
    }

    /// Set (or clear, with `None`) the value. A value means `Answered`.
    pub fn set_value(&mut self, key: &str, value: Option<Value>, at: &Zoned) {
        let a = self.answer_mut(key, at);
        if value.is_some() {
            a.status = AnswerStatus::Answered;
            a.given.get_or_insert_with(|| at.clone());
        }
        a.value = value;
    }

    /// A status other than `Answered` keeps any value typed before, so an
    /// accidental "declined" loses nothing.
    pub fn set_status(&mut self, key: &str, status: AnswerStatus, at: &Zoned) {
        let a = self.answer_mut(key, at);
        if status != AnswerStatus::Answered {
            a.given.get_or_insert_with(|| at.clone());
        }
        a.status = status;
    }

    pub fn set_note(&mut self, key: &str, note: impl Into<String>, at: &Zoned) {
        self.answer_mut(key, at).note = note.into();
    }

    pub fn set_flagged(&mut self, key: &str, flagged: bool, at: &Zoned) {
        self.answer_mut(key, at).flagged = flagged;
    }

    /// Cite a corpus ref for an answer; citing twice is a no-op.
    pub fn cite(&mut self, key: &str, reference: &str, at: &Zoned) {
        let a = self.answer_mut(key, at);
        if !a.cited.iter().any(|r| r == reference) {
            a.cited.push(reference.to_string());
        }
    }

    /// Cite a ref and keep a hash of the passage text it shows now (and
    /// the text itself when `keep_text`), so a later change is noticed.
    pub fn cite_passage(
        &mut self,
        key: &str,
        reference: &str,
        text: &str,
        keep_text: bool,
        at: &Zoned,
    ) {
        self.cite(key, reference, at);
        let a = self.answer_mut(key, at);
        a.cited_passages
            .retain(|e| e.split_once(' ').is_none_or(|(r, _)| r != reference));
        let mut entry = format!(
            "{reference} {}",
            crate::corpus::citation::passage_hash(text)
        );
        if keep_text {
            entry.push(' ');
            entry.push_str(text);
        }
        a.cited_passages.push(entry);
    }

    /// Cite a ref of `corpus`, keeping a hash of what it says now.
    pub fn cite_in(
        &mut self,
        corpus: &crate::corpus::Corpus,
        key: &str,
        reference: &str,
        keep: bool,
        at: &Zoned,
    ) {
        match crate::corpus::citation::passage_text(corpus, reference) {
            Some(text) => self.cite_passage(key, reference, &text, keep, at),
            None => self.cite(key, reference, at),
        }
    }

    pub fn uncite(&mut self, key: &str, reference: &str, at: &Zoned) {
        if self.answers.contains_key(key) {
            let a = self.answer_mut(key, at);
            a.cited.retain(|r| r != reference);
            a.cited_passages
                .retain(|e| e.split_once(' ').is_none_or(|(r, _)| r != reference));
        }
    }

    pub fn group_count(&self, group: &str) -> u32 {
        self.groups.get(group).copied().unwrap_or(0)
    }

    /// Add an instance to a repeat group; returns its 1-based number.
    pub fn add_group_instance(&mut self, group: &str, at: &Zoned) -> u32 {
        self.updated = at.clone();
        let n = self.groups.entry(group.to_string()).or_insert(0);
        *n += 1;
        *n
    }

    /// Remove instance `instance` (1-based) of `group`, whose questions are
    /// `question_ids` (full ids). Its answers move to `removed`; later
    /// instances are renumbered down so instances stay 1..=count. Returns the
    /// number of answers archived.
    pub fn remove_group_instance(
        &mut self,
        group: &str,
        instance: u32,
        question_ids: &[&str],
        at: &Zoned,
    ) -> Result<usize> {
        let count = self.group_count(group);
        if instance == 0 || instance > count {
            return Err(Error::Usage {
                detail: crate::message::Msg::new(
                    "no_group_instance",
                    &[
                        ("group", group),
                        ("instance", &instance.to_string()),
                        ("count", &count.to_string()),
                    ],
                ),
            });
        }
        let mut archived = 0;
        for q in question_ids {
            let key = answer_key(q, Some(instance as usize));
            if let Some(answer) = self.answers.remove(&key) {
                self.removed.push(RemovedAnswer {
                    key,
                    removed: at.clone(),
                    answer,
                });
                archived += 1;
            }
            for n in instance + 1..=count {
                if let Some(a) = self.answers.remove(&answer_key(q, Some(n as usize))) {
                    self.answers.insert(answer_key(q, Some(n as usize - 1)), a);
                }
            }
        }
        self.groups.insert(group.to_string(), count - 1);
        self.updated = at.clone();
        Ok(archived)
    }

    /// Add a comment on an answer key (or the whole session); returns its id.
    pub fn add_comment(
        &mut self,
        author: &str,
        target: Option<&str>,
        text: &str,
        at: &Zoned,
    ) -> Uuid {
        let id = Uuid::now_v7();
        self.comments.push(Comment {
            id,
            author: author.to_string(),
            at: at.clone(),
            target: target.map(str::to_string),
            text: text.to_string(),
        });
        id
    }

    pub fn flagged_count(&self) -> usize {
        self.answers.values().filter(|a| a.flagged).count()
    }

    /// The session as a TOML document.
    pub fn to_toml(&self) -> String {
        toml::to_string(self).expect("a session always serialises")
    }
}

#[cfg(test)]
mod tests;
