//! Where a session is in its life: draft, submitted, approved, returned.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    #[default]
    Draft,
    Submitted,
    Approved,
    Returned,
}

impl Status {
    pub const ALL: [Status; 4] = [
        Status::Draft,
        Status::Submitted,
        Status::Approved,
        Status::Returned,
    ];

    /// Submitted and approved work changes only after a supervisor
    /// returns it; until then the interviewer opens it read-only.
    pub fn interviewer_may_edit(self) -> bool {
        match self {
            Status::Draft | Status::Returned => true,
            Status::Submitted | Status::Approved => false,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::Submitted => "submitted",
            Status::Approved => "approved",
            Status::Returned => "returned",
        }
    }

    /// Draft/Returned → Submitted (interviewer), Submitted → Draft (a
    /// reopen, with its reason), Submitted → Approved, Submitted/Approved →
    /// Returned (reviewer).
    pub fn can_become(self, to: Status) -> bool {
        matches!(
            (self, to),
            (Status::Draft | Status::Returned, Status::Submitted)
                | (Status::Submitted, Status::Draft)
                | (Status::Submitted, Status::Approved)
                | (Status::Submitted | Status::Approved, Status::Returned)
        )
    }

    /// Submitted and approved sessions are the record: they change only
    /// through a recorded status change.
    pub fn is_read_only(self) -> bool {
        !self.interviewer_may_edit()
    }
}
