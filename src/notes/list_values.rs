//! What the sessions list's fast scan accepts as a value, key by key, so
//! that a file it lists as a session also loads (issue 17: a file cut off
//! inside a string was listed as healthy and failed on opening). The rule
//! is one-sided: anything not exactly what the store writes is "unsure",
//! and the caller parses the whole file instead, which decides.

use toml_parser::decoder::{Encoding, ScalarKind};

/// The tables the scan tells apart (see `list.rs`).
#[derive(PartialEq, Clone, Copy, Debug)]
pub enum Table {
    Answer,
    AnswerValue,
    Comment,
    History,
    Questionnaire,
    Removed,
    Groups,
    /// `[[submissions]]`, an answer as submitted, and an amendment.
    Submission,
    Snapshot,
    Amendment,
}

const ANSWER_STATUS: &[&str] = &[
    "answered",
    "declined",
    "unclear",
    "not_asked",
    "not_applicable",
];
const STATUS: &[&str] = &["draft", "submitted", "approved", "returned"];
pub const VALUE_TYPES: &[&str] = &["yes_no", "choice", "choices", "date", "number", "text"];

fn stamp(s: &str) -> bool {
    super::stamp::parse(s).is_ok()
}

/// Whether `key = <scalar>` in `table` is certainly what the full parse
/// accepts. `text` is the decoded scalar.
pub fn scalar_ok(table: Table, key: &str, kind: ScalarKind, text: &str) -> bool {
    let string = matches!(kind, ScalarKind::String);
    let whole = || matches!(kind, ScalarKind::Integer(_)) && text.parse::<u32>().is_ok();
    match (table, key) {
        (Table::Answer, "status") => string && ANSWER_STATUS.contains(&text),
        (Table::Answer, "flagged") => matches!(kind, ScalarKind::Boolean(_)),
        (Table::Answer, "note") => string,
        (
            Table::Answer | Table::Comment | Table::History | Table::Removed,
            "created" | "updated" | "at" | "removed",
        )
        | (Table::Answer, "given") => string && stamp(text),
        (Table::Comment, "id") => string && text.parse::<uuid::Uuid>().is_ok(),
        (Table::Comment, "author" | "text" | "target") => string,
        (Table::History, "from" | "to") => string && STATUS.contains(&text),
        (Table::History, "by" | "reason") => string,
        (Table::Questionnaire, "id" | "hash") => string,
        (Table::Questionnaire, "version") => whole(),
        (Table::Removed, "key") => string,
        (Table::Groups, _) => whole(),
        (Table::Submission | Table::Amendment, "at") => string && stamp(text),
        (Table::Submission, "by") => string,
        (Table::Amendment, "by" | "source" | "text") => string,
        (Table::Snapshot, "status") => string && ANSWER_STATUS.contains(&text),
        (Table::Snapshot, "note") => string,
        (Table::AnswerValue, "type") => string && VALUE_TYPES.contains(&text),
        // Checked against its type once the table is complete.
        (Table::AnswerValue, "value") => true,
        _ => false,
    }
}

/// The decoded value of `[answers.k.value]` fits its `type`.
pub fn value_fits(ty: &str, kind: ScalarKind, text: &str) -> bool {
    match (ty, kind) {
        ("yes_no", ScalarKind::Boolean(_)) => true,
        ("choice" | "text", ScalarKind::String) => true,
        ("date", ScalarKind::String) => text.parse::<crate::questionnaire::PartialDate>().is_ok(),
        ("number", ScalarKind::Float) => true,
        ("number", ScalarKind::Integer(_)) => text.parse::<i64>().is_ok(),
        _ => false,
    }
}

/// Keys whose value is an array of strings.
pub fn string_array(table: Table, key: &str) -> bool {
    matches!(
        (table, key),
        (Table::Answer | Table::Snapshot, "cited")
            | (Table::Answer, "cited_passages")
            | (Table::AnswerValue, "value")
    )
}

/// The keys a table must have, and the optional ones it may have.
pub struct Shape {
    required: &'static [&'static str],
    optional: &'static [&'static str],
}

impl Shape {
    pub fn fits(&self, keys: &[String]) -> bool {
        self.required.iter().all(|r| keys.iter().any(|k| k == r))
            && keys
                .iter()
                .all(|k| self.required.contains(&k.as_str()) || self.optional.contains(&k.as_str()))
    }
}

pub const ANSWER: Shape = Shape {
    required: &["status", "created", "updated"],
    optional: &[
        "value",
        "note",
        "cited",
        "cited_passages",
        "flagged",
        "given",
    ],
};
pub const COMMENT: Shape = Shape {
    required: &["id", "author", "at", "text"],
    optional: &["target"],
};
pub const HISTORY: Shape = Shape {
    required: &["from", "to", "by", "at"],
    optional: &["reason"],
};
pub const QUESTIONNAIRE: Shape = Shape {
    required: &["id", "version", "hash"],
    optional: &[],
};
pub const REMOVED: Shape = Shape {
    required: &["key", "removed"],
    optional: &[],
};
pub const SUBMISSION: Shape = Shape {
    required: &["by", "at"],
    optional: &["answers"],
};
pub const SNAPSHOT: Shape = Shape {
    required: &["status"],
    optional: &["value", "note", "cited"],
};
pub const AMENDMENT: Shape = Shape {
    required: &["by", "at", "source"],
    optional: &["value", "text"],
};

/// A quoted key or string's content when it has no escapes; bare text as is.
pub fn unquote(text: &str, kind: Option<Encoding>) -> Option<&str> {
    match kind {
        None => Some(text),
        Some(Encoding::BasicString) => text
            .strip_prefix('"')?
            .strip_suffix('"')
            .filter(|s| !s.contains('\\')),
        Some(Encoding::LiteralString) => text.strip_prefix('\'')?.strip_suffix('\''),
        Some(_) => None,
    }
}
