//! The life of a session as a legal record: submit (which keeps a copy of
//! the answers), reopen with a reason, return, and approve under the
//! four-eyes rule. Every change of status is a `StatusChange` in the
//! history, and every function takes the time as data.

use std::collections::BTreeMap;

use jiff::Zoned;
use serde::{Deserialize, Serialize};

use super::{Answer, Session, Status, StatusChange, stamp};
use crate::error::{Error, Result};
use crate::questionnaire::{AnswerStatus, Value};

/// What the user's configuration allows beyond the default rules.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Policy {
    /// Let someone approve a session they interviewed or amended. Off by
    /// default: four eyes see every record.
    pub allow_self_approval: bool,
}

/// Why the lifecycle refused a change; rendered through the string table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// The session is submitted or approved; it changes only by reopening.
    ReadOnly { status: Status },
    /// `who` interviewed or amended the session and may not approve it.
    SelfApproval { who: String },
    /// A reopen or return needs a reason; an amendment needs a source.
    ReasonRequired,
    /// An amendment must correct the value or add text.
    EmptyAmendment,
}

/// An answer's content as it stood at a submission: what a later change is
/// compared with. Timestamps and flags are left out: they are not what the
/// applicant said.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnswerState {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<Value>,
    pub status: AnswerStatus,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cited: Vec<String>,
}

impl AnswerState {
    /// `None` for an answer that holds nothing a reader would see.
    pub fn of(a: &Answer) -> Option<AnswerState> {
        let state = AnswerState {
            value: a.value.clone(),
            status: a.status,
            note: a.note.clone(),
            cited: a.cited.clone(),
        };
        let empty = state.value.is_none()
            && state.status == AnswerStatus::Answered
            && state.note.trim().is_empty()
            && state.cited.is_empty();
        (!empty).then_some(state)
    }
}

/// The answers at one submission.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Submission {
    pub by: String,
    #[serde(with = "stamp")]
    pub at: Zoned,
    #[serde(default)]
    pub answers: BTreeMap<String, AnswerState>,
}

/// One answer that differs between two versions of a session.
#[derive(Debug, Clone, PartialEq)]
pub struct AnswerChange {
    pub key: String,
    pub before: Option<AnswerState>,
    pub after: Option<AnswerState>,
}

/// Names are compared the way people type them: case and outer spaces
/// do not make another person.
fn same_person(a: &str, b: &str) -> bool {
    a.trim().to_lowercase() == b.trim().to_lowercase()
}

impl Session {
    /// Refuse any edit of the record while it is submitted or approved.
    pub fn ensure_editable(&self) -> Result<()> {
        if self.status.is_read_only() {
            return Err(Error::Refused(Refusal::ReadOnly {
                status: self.status,
            }));
        }
        Ok(())
    }

    fn change_status(
        &mut self,
        to: Status,
        by: &str,
        reason: Option<String>,
        at: &Zoned,
    ) -> Result<()> {
        if !self.status.can_become(to) {
            return Err(Error::InvalidTransition {
                from: self.status.code().to_string(),
                to: to.code().to_string(),
            });
        }
        self.history.push(StatusChange {
            from: self.status,
            to,
            by: by.to_string(),
            at: at.clone(),
            reason,
        });
        self.status = to;
        self.updated = at.clone();
        Ok(())
    }

    /// Submit for review, keeping the answers as they stand now.
    pub fn submit(&mut self, by: &str, at: &Zoned) -> Result<()> {
        self.change_status(Status::Submitted, by, None, at)?;
        let answers = self
            .answers
            .iter()
            .filter_map(|(k, a)| AnswerState::of(a).map(|s| (k.clone(), s)))
            .collect();
        self.submissions.push(Submission {
            by: by.to_string(),
            at: at.clone(),
            answers,
        });
        Ok(())
    }

    /// Make a submitted session editable again; the reason is recorded.
    pub fn reopen(&mut self, by: &str, reason: &str, at: &Zoned) -> Result<()> {
        if reason.trim().is_empty() {
            return Err(Error::Refused(Refusal::ReasonRequired));
        }
        if self.status != Status::Submitted {
            return Err(Error::InvalidTransition {
                from: self.status.code().to_string(),
                to: Status::Draft.code().to_string(),
            });
        }
        self.change_status(Status::Draft, by, Some(reason.to_string()), at)
    }

    pub fn return_for_work(&mut self, by: &str, reason: &str, at: &Zoned) -> Result<()> {
        if reason.trim().is_empty() {
            return Err(Error::Refused(Refusal::ReasonRequired));
        }
        self.change_status(Status::Returned, by, Some(reason.to_string()), at)
    }

    /// Approve, unless `by` interviewed, submitted or amended this session
    /// and `policy` does not allow that.
    pub fn approve(&mut self, by: &str, at: &Zoned, policy: Policy) -> Result<()> {
        if !policy.allow_self_approval && self.took_part(by) {
            return Err(Error::Refused(Refusal::SelfApproval {
                who: by.to_string(),
            }));
        }
        self.change_status(Status::Approved, by, None, at)
    }

    /// Whether `who` interviewed, submitted or amended this session.
    pub fn took_part(&self, who: &str) -> bool {
        same_person(who, &self.interviewer)
            || self.submissions.iter().any(|s| same_person(who, &s.by))
            || self
                .answers
                .values()
                .flat_map(|a| &a.amendments)
                .any(|m| same_person(who, &m.by))
    }

    /// The submission that was last taken back (by a return or a reopen):
    /// the version a supervisor compares the resubmitted session with.
    pub fn returned_version(&self) -> Option<&Submission> {
        // Each submit appends one history entry and one submission, so the
        // submits before the last return or reopen count to it. Files from
        // before submissions were kept have fewer submissions than submits.
        let back = self.history.iter().rposition(|h| {
            h.from.is_read_only() && matches!(h.to, Status::Draft | Status::Returned)
        })?;
        let submitted = |h: &&StatusChange| h.to == Status::Submitted;
        let before = self.history[..back].iter().filter(submitted).count();
        let unrecorded = self
            .history
            .iter()
            .filter(submitted)
            .count()
            .saturating_sub(self.submissions.len());
        before
            .checked_sub(unrecorded + 1)
            .and_then(|i| self.submissions.get(i))
    }

    /// Every answer that differs from `base`, in key order.
    pub fn changes_since(&self, base: &Submission) -> Vec<AnswerChange> {
        let mut keys: Vec<&String> = self.answers.keys().chain(base.answers.keys()).collect();
        keys.sort();
        keys.dedup();
        keys.into_iter()
            .filter_map(|k| {
                let before = base.answers.get(k).cloned();
                let after = self.answers.get(k).and_then(AnswerState::of);
                (before != after).then(|| AnswerChange {
                    key: k.clone(),
                    before,
                    after,
                })
            })
            .collect()
    }

    /// What changed since the version that was returned or reopened; empty
    /// when the session was never taken back.
    pub fn changes_since_returned(&self) -> Vec<AnswerChange> {
        self.returned_version()
            .map(|base| self.changes_since(base))
            .unwrap_or_default()
    }
}

#[cfg(test)]
#[path = "lifecycle_tests.rs"]
mod tests;
