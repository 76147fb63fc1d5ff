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
    optional: &["value", "note", "cited", "flagged"],
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
        && fits(&scan.removed_answers, &ANSWER);
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
mod tests {
    use super::*;
    use crate::i18n::Lang;
    use crate::notes::{Session, parse_session};
    use crate::questionnaire::{AnswerStatus, Value};
    use std::path::Path;

    fn full(text: &str) -> SessionSummary {
        SessionSummary::of(&parse_session(Path::new("x"), text).unwrap(), "x".into())
    }

    fn sessions() -> Vec<Session> {
        let empty = Session::new("TEST-EMPTY", "A", Lang::Nl, Vec::new());
        let mut rich = Session::new("TEST-RICH \"q\"", "A \\ B", Lang::En, Vec::new());
        rich.note = "line\n[answers.\"fake\"]\nflagged = true\n[[comments]]".into();
        rich.set_value("a.b", Some(Value::Text("x\n[[comments]]\nid = 1".into())));
        rich.set_status("a.declined", AnswerStatus::Declined);
        rich.set_note("a.note_only", "just a note");
        rich.set_flagged("a.note_only", true);
        rich.set_value("a.date#1", Some(Value::Date("2024-02".parse().unwrap())));
        rich.set_flagged("a.date#1", true);
        rich.set_status("a.date#1", AnswerStatus::Unclear);
        rich.add_group_instance("a.g");
        rich.add_group_instance("a.g");
        rich.set_value("a.gone#2", Some(Value::YesNo(true)));
        rich.remove_group_instance("a.g", 2, &["a.gone"]).unwrap();
        rich.add_comment("B", Some("a.b"), "c1");
        rich.add_comment("B", None, "c2\n[answers.\"x\"]");
        rich.submit("A").unwrap();
        rich.return_for_work("B", "why").unwrap();
        let mut one_comment = Session::new("TEST-ONE", "A", Lang::Nl, Vec::new());
        one_comment.add_comment("B", None, "only");
        vec![empty, rich, one_comment]
    }

    #[test]
    fn fast_summary_agrees_with_the_full_parse() {
        for s in sessions() {
            let text = s.to_toml();
            let fast = fast_summary("x".into(), &text)
                .unwrap_or_else(|| panic!("fast path refused:\n{text}"));
            assert_eq!(fast, full(&text), "{text}");
        }
    }

    #[test]
    fn anything_unexpected_falls_back() {
        let text = sessions()[1].to_toml();
        // Truncated at a line boundary inside an answer: required keys missing.
        let at = text.find("\n[answers.").unwrap() + 1;
        let status_line = text[at..].find("status = ").unwrap() + at;
        let truncated = &text[..text[status_line..].find('\n').unwrap() + status_line + 1];
        assert!(parse_session(Path::new("x"), truncated).is_err());
        assert!(fast_summary("x".into(), truncated).is_none());
        assert!(
            fast_summary(
                "x".into(),
                &text.replace("schema_version = 1", "schema_version = 0")
            )
            .is_none()
        );
        assert!(fast_summary("x".into(), &format!("{text}\n[answers.\"a.b\"\n")).is_none());
        assert!(
            fast_summary(
                "x".into(),
                &format!("{text}\n[answers.\"z\"]\nstatus.x = 1\n")
            )
            .is_none()
        );
        assert!(
            fast_summary(
                "x".into(),
                &text.replace("[[comments]]", "[[\"comments\"]]")
            )
            .is_none()
        );
        // A misspelt key anywhere, or a table the scan does not model.
        for (from, to) in [
            ("\nnote = ", "\nnte = "),
            ("\nflagged = ", "\nflaged = "),
            ("\nauthor = ", "\nauthr = "),
            ("\nby = ", "\nbye = "),
        ] {
            // The last one: the rich session's note holds look-alike lines.
            let at = text.rfind(from).unwrap_or_else(|| panic!("{from:?}"));
            let bad = format!("{}{to}{}", &text[..at], &text[at + from.len()..]);
            assert!(parse_session(Path::new("x"), &bad).is_err(), "{to:?}");
            assert!(fast_summary("x".into(), &bad).is_none(), "{to:?}");
        }
        assert!(
            fast_summary(
                "x".into(),
                &format!(
                    "{text}
[[removed]]
key = \"a.b\"
remvoed = 1
"
                )
            )
            .is_none()
        );
        let v0 = include_str!("../../tests/fixtures/sessions/v0-draft.toml");
        assert!(fast_summary("x".into(), v0).is_none());
        let empty = sessions()[0].to_toml();
        assert!(empty.contains("history = []"));
        let inline = empty.replace("[answers]\n", "").replacen(
            "history = []",
            "history = []\nanswers = { \"q.a\" = { status = \"answered\" } }",
            1,
        );
        assert!(fast_summary("x".into(), &inline).is_none());
    }
}
