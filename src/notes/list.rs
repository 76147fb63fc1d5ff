//! A fast summary for the sessions list: a syntax-only pass (toml_parser
//! events) that counts answers, flags and comments, checks required keys and
//! value kinds (`list_values.rs`), and parses the small header; about four
//! times faster than the full parse. Anything unexpected (older schema,
//! dotted or inline tables, unknown keys or tables, duplicates, a syntax
//! error) returns `None` and the caller parses the whole file, so a file
//! listed as readable opens and errors keep their exact message.

use std::collections::BTreeMap;
use std::path::PathBuf;

use jiff::Zoned;
use serde::Deserialize;
use serde::de::IgnoredAny;
use toml_parser::decoder::{Encoding, ScalarKind};
use toml_parser::parser::{EventReceiver, parse_document};
use toml_parser::{ErrorSink, ParseError, Source, Span};
use uuid::Uuid;

#[path = "list_values.rs"]
mod list_values;
use super::store::SessionSummary;
use super::{SCHEMA_VERSION, Status, stamp};
use list_values::{self as values, Table};

/// Every top-level key of the session format, so a misspelt one sends the
/// file to the full parse, which names it.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Head {
    schema_version: u32,
    id: Uuid,
    case_ref: String,
    interviewer: String,
    #[serde(with = "stamp")]
    created: Zoned,
    #[serde(with = "stamp")]
    updated: Zoned,
    status: Status,
    lang: crate::i18n::Lang,
    #[serde(default)]
    note: String,
    #[serde(default)]
    answers: BTreeMap<String, IgnoredAny>,
    #[serde(default)]
    comments: Vec<IgnoredAny>,
    #[serde(default)]
    history: Vec<IgnoredAny>,
    #[serde(default)]
    removed: Vec<IgnoredAny>,
    #[serde(default)]
    questionnaires: Vec<IgnoredAny>,
    #[serde(default)]
    groups: BTreeMap<String, u32>,
}

use list_values::{
    AMENDMENT, ANSWER, COMMENT, HISTORY, QUESTIONNAIRE, REMOVED, SNAPSHOT, SUBMISSION, Shape,
    unquote,
};

#[derive(Default)]
struct AnswerFacts {
    has_value: bool,
    declared_answered: bool,
    flagged: bool,
    keys: Vec<String>,
}

#[derive(PartialEq, Clone, Copy)]
enum Kind {
    /// `[answers]` itself: only sub-tables may follow.
    AnswersRoot,
    Answer,
    AnswerValue,
    Comment,
    History,
    Questionnaire,
    /// `[[removed]]` and its `[removed.answer]`.
    Removed,
    RemovedAnswer,
    /// `[groups]`: counts under any group id.
    Groups,
    /// Tables that do not change the summary but must have their shape:
    /// `[[submissions]]`, their answers, and answers' `amendments`.
    Shaped,
    /// Anything else; it marks the scan `unusual`.
    Other,
}

impl Kind {
    fn table(self) -> Option<Table> {
        Some(match self {
            Kind::Answer | Kind::RemovedAnswer => Table::Answer,
            Kind::AnswerValue => Table::AnswerValue,
            Kind::Comment => Table::Comment,
            Kind::History => Table::History,
            Kind::Questionnaire => Table::Questionnaire,
            Kind::Removed => Table::Removed,
            Kind::Groups => Table::Groups,
            // Which shaped table it is: `Scan::table`.
            Kind::AnswersRoot | Kind::Other | Kind::Shaped => return None,
        })
    }
}

/// `[answers.k.value]` as read so far: its `type`, and its `value` (a
/// scalar, or an array of strings).
#[derive(Default)]
struct ValueTable {
    ty: Option<String>,
    scalar: Option<(ScalarKind, String)>,
    array: bool,
}

#[derive(Default)]
struct Scan<'a> {
    src: Option<Source<'a>>,
    /// Standard table headers seen: one defined twice is an error.
    tables: std::collections::HashSet<Vec<String>>,
    /// The header before the current one: a shaped answer's value table
    /// must follow its answer.
    last_header: Vec<String>,
    value: Option<ValueTable>,
    first_table: Option<usize>,
    in_header: bool,
    header_keys: Vec<(String, bool)>,
    body_keys: Vec<String>,
    depth: u32,
    kind: Option<Kind>,
    answer: Option<String>,
    answers: BTreeMap<String, AnswerFacts>,
    comments: Vec<Vec<String>>,
    history: Vec<Vec<String>>,
    questionnaires: Vec<Vec<String>>,
    removed: Vec<Vec<String>>,
    removed_answers: Vec<Vec<String>>,
    /// Each `Shaped` table's keys with the shape they must fit.
    shaped: Vec<(Vec<String>, &'static Shape)>,
    unusual: bool,
    failed: bool,
}

fn raw<'a>(src: &Option<Source<'a>>, span: Span) -> &'a str {
    src.as_ref()
        .and_then(|s| s.get(span))
        .map_or("", |r| r.as_str())
}

impl Scan<'_> {
    fn table_keys(&mut self) -> &mut Vec<String> {
        match self.kind {
            Some(Kind::Answer) => {
                let k = self.answer.clone().unwrap_or_default();
                &mut self.answers.entry(k).or_default().keys
            }
            Some(Kind::Comment) => self.comments.last_mut().expect("opened"),
            Some(Kind::History) => self.history.last_mut().expect("opened"),
            Some(Kind::Questionnaire) => self.questionnaires.last_mut().expect("opened"),
            Some(Kind::Removed) => self.removed.last_mut().expect("opened"),
            Some(Kind::RemovedAnswer) => self.removed_answers.last_mut().expect("opened"),
            Some(Kind::Shaped) => &mut self.shaped.last_mut().expect("opened").0,
            _ => &mut self.body_keys,
        }
    }
}

impl EventReceiver for Scan<'_> {
    fn std_table_open(&mut self, span: Span, _e: &mut dyn ErrorSink) {
        self.finish_value();
        // Keys of the head, `[groups]` and value tables: one table's worth.
        self.body_keys.clear();
        self.first_table.get_or_insert(span.start());
        self.in_header = true;
        self.header_keys.clear();
    }
    fn array_table_open(&mut self, span: Span, e: &mut dyn ErrorSink) {
        self.std_table_open(span, e);
    }
    fn std_table_close(&mut self, _span: Span, _e: &mut dyn ErrorSink) {
        self.in_header = false;
        let path: Vec<String> = self.header_keys.iter().map(|(k, _)| k.clone()).collect();
        let prev = std::mem::replace(&mut self.last_header, path.clone());
        if !self.tables.insert(path.clone()) {
            self.unusual = true;
        }
        if path.len() == 4 && path[..3] != prev[..prev.len().min(3)] {
            // `[submissions.answers.k.value]` without its answer just before.
            if path[0] == "submissions" || path[2] == "amendments" {
                self.unusual = true;
            }
        }
        let keys: Vec<&str> = self.header_keys.iter().map(|(k, _)| k.as_str()).collect();
        if self.header_keys.first().is_some_and(|(_, quoted)| *quoted) {
            self.unusual = true;
        }
        self.kind = Some(match keys.as_slice() {
            ["answers"] => Kind::AnswersRoot,
            ["answers", k] => {
                self.answer = Some(k.to_string());
                self.answers.entry(k.to_string()).or_default();
                Kind::Answer
            }
            ["answers", k, "value"] => {
                self.answers.entry(k.to_string()).or_default().has_value = true;
                self.value = Some(ValueTable::default());
                Kind::AnswerValue
            }
            ["groups"] => Kind::Groups,
            ["submissions", "answers", _] if !self.shaped.is_empty() => {
                self.shaped.push((Vec::new(), &SNAPSHOT));
                Kind::Shaped
            }
            ["submissions", "answers", _, "value"] | ["answers", _, "amendments", "value"] => {
                self.value = Some(ValueTable::default());
                Kind::AnswerValue
            }
            // Exactly one per removed entry, after it.
            ["removed", "answer"] if self.removed.len() == self.removed_answers.len() + 1 => {
                self.removed_answers.push(Vec::new());
                Kind::RemovedAnswer
            }
            ["removed", "answer", "value"] if self.removed.len() == self.removed_answers.len() => {
                self.value = Some(ValueTable::default());
                Kind::AnswerValue
            }
            _ => {
                self.unusual = true;
                Kind::Other
            }
        });
    }
    fn array_table_close(&mut self, _span: Span, _e: &mut dyn ErrorSink) {
        self.in_header = false;
        self.last_header = self.header_keys.iter().map(|(k, _)| k.clone()).collect();
        let keys: Vec<&str> = self.header_keys.iter().map(|(k, _)| k.as_str()).collect();
        if self.header_keys.first().is_some_and(|(_, quoted)| *quoted) {
            self.unusual = true;
        }
        self.kind = Some(match keys.as_slice() {
            ["comments"] => {
                self.comments.push(Vec::new());
                Kind::Comment
            }
            ["history"] => {
                self.history.push(Vec::new());
                Kind::History
            }
            ["questionnaires"] => {
                self.questionnaires.push(Vec::new());
                Kind::Questionnaire
            }
            ["removed"] if self.removed.len() == self.removed_answers.len() => {
                self.removed.push(Vec::new());
                Kind::Removed
            }
            ["submissions"] => {
                self.shaped.push((Vec::new(), &SUBMISSION));
                Kind::Shaped
            }
            ["answers", _, "amendments"] => {
                self.shaped.push((Vec::new(), &AMENDMENT));
                Kind::Shaped
            }
            _ => {
                self.unusual = true;
                Kind::Other
            }
        });
    }
    fn inline_table_open(&mut self, _span: Span, _e: &mut dyn ErrorSink) -> bool {
        // The store writes no inline tables below the header.
        if self.kind.is_some() {
            self.unusual = true;
        }
        self.value_start();
        self.depth += 1;
        true
    }
    fn inline_table_close(&mut self, _span: Span, _e: &mut dyn ErrorSink) {
        self.depth = self.depth.saturating_sub(1);
    }
    fn array_open(&mut self, _span: Span, _e: &mut dyn ErrorSink) -> bool {
        if let Some(kind) = self.kind.filter(|_| !self.in_header) {
            let key = self.table_keys().last().cloned().unwrap_or_default();
            let fits =
                self.depth == 0 && self.table().is_some_and(|t| values::string_array(t, &key));
            if !fits {
                self.unusual = true;
            }
            if let Some(v) = self.value.as_mut().filter(|_| kind == Kind::AnswerValue) {
                v.array = true;
            }
        }
        self.value_start();
        self.depth += 1;
        true
    }
    fn array_close(&mut self, _span: Span, _e: &mut dyn ErrorSink) {
        self.depth = self.depth.saturating_sub(1);
    }
    fn simple_key(&mut self, span: Span, kind: Option<Encoding>, e: &mut dyn ErrorSink) {
        // Decoded for its errors (an empty bare key, a bad escape).
        toml_parser::Raw::new_unchecked(raw(&self.src, span), kind, span)
            .decode_key(&mut String::new(), e);
        let text = raw(&self.src, span);
        if self.in_header {
            let decoded = unquote(text, kind);
            if decoded.is_none() {
                self.unusual = true;
            }
            self.header_keys
                .push((decoded.unwrap_or_default().to_string(), kind.is_some()));
        } else if self.depth == 0 {
            if self.kind == Some(Kind::AnswersRoot) {
                self.unusual = true;
            }
            // Group ids are quoted keys; elsewhere a quoted key is unusual.
            if kind.is_some()
                && self
                    .kind
                    .is_some_and(|k| !matches!(k, Kind::Groups | Kind::Other))
            {
                self.unusual = true;
            }
            self.pending_key(text);
        }
    }
    fn key_sep(&mut self, _span: Span, _e: &mut dyn ErrorSink) {
        if !self.in_header && self.depth == 0 {
            // Dotted keys in a body: not what the store writes.
            self.unusual = true;
        }
    }
    fn scalar(&mut self, span: Span, kind: Option<Encoding>, e: &mut dyn ErrorSink) {
        // Every scalar is decoded, so a string cut off or badly escaped, or
        // a value that is no TOML value, is an error here as in the full
        // parse; below the header, its kind must be what the key holds.
        let mut decoded = String::new();
        let scalar_kind = Some(
            toml_parser::Raw::new_unchecked(raw(&self.src, span), kind, span)
                .decode_scalar(&mut decoded, e),
        );
        if self.in_header {
            return;
        }
        if let (Some(table), Some(sk)) = (self.table(), scalar_kind) {
            if self.depth > 0 {
                if !matches!(sk, ScalarKind::String) {
                    self.unusual = true;
                }
            } else {
                let key = self.table_keys().last().cloned().unwrap_or_default();
                if !values::scalar_ok(table, &key, sk, &decoded) {
                    self.unusual = true;
                }
                if let Some(v) = self.value.as_mut().filter(|_| table == Table::AnswerValue) {
                    match key.as_str() {
                        "type" => v.ty = Some(decoded.clone()),
                        _ => v.scalar = Some((sk, decoded.clone())),
                    }
                }
            }
        }
        if self.depth > 0 {
            return;
        }
        let text = raw(&self.src, span);
        let key = self.table_keys().last().cloned().unwrap_or_default();
        if self.kind == Some(Kind::Answer) {
            let a = self
                .answers
                .get_mut(self.answer.as_deref().unwrap_or_default())
                .expect("opened");
            match key.as_str() {
                "status" => match unquote(text, kind) {
                    Some(s) => a.declared_answered = s == "answered",
                    None => self.unusual = true,
                },
                "flagged" => a.flagged = text == "true",
                "value" => a.has_value = true,
                _ => {}
            }
        }
    }
    fn error(&mut self, _span: Span, _e: &mut dyn ErrorSink) {
        self.failed = true;
    }
}

impl Scan<'_> {
    /// The table whose values are being read, shaped ones included.
    fn table(&self) -> Option<Table> {
        match (self.kind?, self.shaped.last()) {
            (Kind::Shaped, Some((_, shape))) => Some(if std::ptr::eq(*shape, &SUBMISSION) {
                Table::Submission
            } else if std::ptr::eq(*shape, &SNAPSHOT) {
                Table::Snapshot
            } else {
                Table::Amendment
            }),
            (kind, _) => kind.table(),
        }
    }

    fn pending_key(&mut self, text: &str) {
        // A key twice in one table is an error in the full parse.
        if self.table_keys().iter().any(|k| k == text) {
            self.unusual = true;
        }
        self.table_keys().push(text.to_string());
    }

    /// The value table just read must be one the full parse accepts.
    fn finish_value(&mut self) {
        let Some(v) = self.value.take() else { return };
        let ok = match (v.ty.as_deref(), v.scalar, v.array) {
            (Some("choices"), None, true) => true,
            (Some(ty), Some((kind, text)), false) => values::value_fits(ty, kind, &text),
            _ => false,
        };
        if !ok {
            self.unusual = true;
        }
    }

    /// An array or inline table as a value at the top of a body.
    fn value_start(&mut self) {
        if self.depth == 0 && !self.in_header && self.kind == Some(Kind::Answer) {
            let key = self.table_keys().last().cloned().unwrap_or_default();
            if key == "value" {
                let k = self.answer.clone().unwrap_or_default();
                self.answers.entry(k).or_default().has_value = true;
            }
        }
    }
}

/// The list summary of a schema-1 file, or `None` when the caller must parse
/// it fully.
pub fn fast_summary(path: PathBuf, text: &str) -> Option<SessionSummary> {
    // Too deep for the header's parse; the full parse names the place.
    crate::toml_depth::check(&path, text).ok()?;
    // A lone carriage return slips through the lexer; the full parse names it.
    text.replace("\r\n", "\n")
        .find('\r')
        .is_none()
        .then_some(())?;
    let source = Source::new(text);
    let tokens: Vec<_> = source.lex().collect();
    let mut scan = Scan {
        src: Some(source),
        ..Scan::default()
    };
    let mut errors: Vec<ParseError> = Vec::new();
    parse_document(&tokens, &mut scan, &mut errors);
    scan.finish_value();
    if scan.failed || scan.unusual || !errors.is_empty() {
        return None;
    }
    let head_text = &text[..scan.first_table.unwrap_or(text.len())];
    let head: Head = toml::from_str(head_text).ok()?;
    if head.schema_version != SCHEMA_VERSION || !head.answers.is_empty() {
        return None;
    }
    let fits = |lists: &[Vec<String>], shape: &Shape| lists.iter().all(|k| shape.fits(k));
    let answers_ok = scan.answers.values().all(|a| ANSWER.fits(&a.keys));
    let ok = answers_ok
        && fits(&scan.comments, &COMMENT)
        && fits(&scan.history, &HISTORY)
        && fits(&scan.questionnaires, &QUESTIONNAIRE)
        && scan.removed.len() == scan.removed_answers.len()
        && fits(&scan.removed, &REMOVED)
        && fits(&scan.removed_answers, &ANSWER)
        && scan.shaped.iter().all(|(keys, shape)| shape.fits(keys));
    if !ok {
        return None;
    }
    let count = |f: fn(&AnswerFacts) -> bool| scan.answers.values().filter(|a| f(a)).count();
    Some(SessionSummary {
        id: head.id,
        case_ref: head.case_ref,
        interviewer: head.interviewer,
        created: head.created,
        updated: head.updated,
        status: head.status,
        answered: count(|a| a.has_value && a.declared_answered),
        status_only: count(|a| !a.declared_answered),
        flagged: count(|a| a.flagged),
        comments: scan.comments.len() + head.comments.len(),
        path,
    })
}

#[cfg(test)]
mod tests;
