//! What a reviewer writes into a session: a comment or a status change,
//! applied by the store to the file on disk (see `Store::add_review`).

use jiff::Zoned;

use super::Session;
use crate::error::Result;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReviewChange {
    Comment {
        /// The answer key commented on; `None` for the whole session.
        target: Option<String>,
        text: String,
    },
    /// Approve under the four-eyes rule as configured.
    Approve {
        policy: super::Policy,
    },
    Return {
        reason: String,
    },
}

impl ReviewChange {
    pub fn apply(&self, session: &mut Session, by: &str, at: &Zoned) -> Result<()> {
        match self {
            ReviewChange::Comment { target, text } => {
                session.add_comment(by, target.as_deref(), text, at);
                Ok(())
            }
            ReviewChange::Approve { policy } => session.approve(by, at, *policy),
            ReviewChange::Return { reason } => session.return_for_work(by, reason, at),
        }
    }
}
