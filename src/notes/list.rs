//! A fast summary for the sessions list: a syntax-only pass over the file
//! (toml_parser events, no values built) that counts answers, flags and
//! comments and checks every table has its required keys, plus a full parse
//! of the small header. About four times faster than parsing the session;
//! anything it does not expect (an older schema, inline or dotted answer
//! tables, quoted table names, a key the session format does not have, a
//! table it does not model such as `[[removed]]`, any syntax error) returns
//! `None` and the caller parses the whole file, so errors keep their exact
//! message and a file listed as readable opens. Value types inside the
//! scanned tables are not checked (see docs/reliability.md).

use std::collections::BTreeMap;
use std::path::PathBuf;

use jiff::Zoned;
use serde::Deserialize;
use serde::de::IgnoredAny;
use toml_parser::decoder::Encoding;
use toml_parser::parser::{EventReceiver, parse_document};
use toml_parser::{ErrorSink, ParseError, Source, Span};
use uuid::Uuid;

use super::store::SessionSummary;
use super::{SCHEMA_VERSION, Status, stamp};

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

/// The keys a table must have, and the optional ones it may have.
struct Shape {
    required: &'static [&'static str],
    optional: &'static [&'static str],
}

impl Shape {
    fn fits(&self, keys: &[String]) -> bool {
        self.required.iter().all(|r| keys.iter().any(|k| k == r))
            && keys
                .iter()
                .all(|k| self.required.contains(&k.as_str()) || self.optional.contains(&k.as_str()))
    }
}

const ANSWER: Shape = Shape {
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
const COMMENT: Shape = Shape {
    required: &["id", "author", "at", "text"],
    optional: &["target"],
};
const HISTORY: Shape = Shape {
    required: &["from", "to", "by", "at"],
    optional: &["reason"],
};
const QUESTIONNAIRE: Shape = Shape {
    required: &["id", "version", "hash"],
    optional: &[],
};
const REMOVED: Shape = Shape {
    required: &["key", "removed"],
    optional: &[],
};
const SUBMISSION: Shape = Shape {
    required: &["by", "at"],
    optional: &["answers"],
};
const SNAPSHOT: Shape = Shape {
    required: &["status"],
    optional: &["value", "note", "cited"],
};
const AMENDMENT: Shape = Shape {
    required: &["by", "at", "source"],
    optional: &["value", "text"],
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

#[derive(Default)]
struct Scan<'a> {
    src: Option<Source<'a>>,
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
        self.first_table.get_or_insert(span.start());
        self.in_header = true;
        self.header_keys.clear();
    }
    fn array_table_open(&mut self, span: Span, e: &mut dyn ErrorSink) {
        self.std_table_open(span, e);
    }
    fn std_table_close(&mut self, _span: Span, _e: &mut dyn ErrorSink) {
        self.in_header = false;
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
                Kind::AnswerValue
            }
            ["groups"] => Kind::Groups,
            ["submissions", "answers", _] if !self.shaped.is_empty() => {
                self.shaped.push((Vec::new(), &SNAPSHOT));
                Kind::Shaped
            }
            ["submissions", "answers", _, "value"] | ["answers", _, "amendments", "value"] => {
                Kind::AnswerValue
            }
            // Exactly one per removed entry, after it.
            ["removed", "answer"] if self.removed.len() == self.removed_answers.len() + 1 => {
                self.removed_answers.push(Vec::new());
                Kind::RemovedAnswer
            }
            ["removed", "answer", "value"] if self.removed.len() == self.removed_answers.len() => {
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
        self.value_start();
        self.depth += 1;
        true
    }
    fn inline_table_close(&mut self, _span: Span, _e: &mut dyn ErrorSink) {
        self.depth = self.depth.saturating_sub(1);
    }
    fn array_open(&mut self, _span: Span, _e: &mut dyn ErrorSink) -> bool {
        self.value_start();
        self.depth += 1;
        true
    }
    fn array_close(&mut self, _span: Span, _e: &mut dyn ErrorSink) {
        self.depth = self.depth.saturating_sub(1);
    }
    fn simple_key(&mut self, span: Span, kind: Option<Encoding>, _e: &mut dyn ErrorSink) {
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
    fn scalar(&mut self, span: Span, kind: Option<Encoding>, _e: &mut dyn ErrorSink) {
        if self.depth > 0 || self.in_header {
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
    fn pending_key(&mut self, text: &str) {
        self.table_keys().push(text.to_string());
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

/// A quoted key or string's content when it has no escapes; bare text as is.
fn unquote(text: &str, kind: Option<Encoding>) -> Option<&str> {
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

/// The list summary of a schema-1 file, or `None` when the caller must parse
/// it fully.
pub fn fast_summary(path: PathBuf, text: &str) -> Option<SessionSummary> {
    // Too deep for the header's parse; the full parse names the place.
    crate::toml_depth::check(&path, text).ok()?;
    let source = Source::new(text);
    let tokens: Vec<_> = source.lex().collect();
    let mut scan = Scan {
        src: Some(source),
        ..Scan::default()
    };
    let mut errors: Vec<ParseError> = Vec::new();
    parse_document(&tokens, &mut scan, &mut errors);
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
    Some(SessionSummary {
        id: head.id,
        case_ref: head.case_ref,
        interviewer: head.interviewer,
        created: head.created,
        updated: head.updated,
        status: head.status,
        answered: scan
            .answers
            .values()
            .filter(|a| a.has_value || !a.declared_answered)
            .count(),
        flagged: scan.answers.values().filter(|a| a.flagged).count(),
        comments: scan.comments.len() + head.comments.len(),
        path,
    })
}

#[cfg(test)]
mod tests;
