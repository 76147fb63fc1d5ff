//! Corrections and additions made after the interview, when the record is
//! read back to the applicant or a lawyer writes in. They are kept beside
//! the answer they concern; the answer as first given is never changed.

use jiff::Zoned;
use serde::{Deserialize, Serialize};

use super::{Answer, Refusal, Session, stamp};
use crate::error::{Error, Result};
use crate::questionnaire::Value;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Amendment {
    /// Who recorded it.
    pub by: String,
    #[serde(with = "stamp")]
    pub at: Zoned,
    /// Where it came from: "applicant at read-back", "lawyer's letter of
    /// 3 March 2026".
    pub source: String,
    /// The corrected value, when the correction is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<Value>,
    /// The correction or addition in words.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub text: String,
}

impl Session {
    /// Record an amendment of the answer under `key` (which need not have
    /// an answer yet: an addition may fill a question left open). Only an
    /// editable session takes amendments; a submitted one is reopened first,
    /// so the history says why the record changed.
    pub fn amend(&mut self, key: &str, amendment: Amendment) -> Result<()> {
        self.ensure_editable()?;
        if amendment.source.trim().is_empty() || amendment.by.trim().is_empty() {
            return Err(Error::Refused(Refusal::ReasonRequired));
        }
        if amendment.value.is_none() && amendment.text.trim().is_empty() {
            return Err(Error::Refused(Refusal::EmptyAmendment));
        }
        self.updated = amendment.at.clone();
        self.answers
            .entry(key.to_string())
            .or_insert_with(|| Answer::new(&amendment.at))
            .amendments
            .push(amendment);
        Ok(())
    }
}
