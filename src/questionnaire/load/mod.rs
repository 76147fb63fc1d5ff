//! From files to a `Catalog`: syntax, keys, types, ids, duplicates and
//! references inside one file. Checks that need the whole catalog (show_if
//! meaning, cycles, corpus refs) are in `analyze`.

mod parts;
mod profiles;
mod question;
use crate::questionnaire::Code;
use parts::*;
use profiles::*;
use question::*;

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::path::Path;

use sha2::{Digest, Sha256};
use toml::de::DeTable;

use super::diag::{Diagnostic, Severity, Sink, did_you_mean};
use super::expr::{self, Expr};
use super::model::*;
use super::table::{Item, Table};
use super::value::DatePrecision;
use crate::assets::FileSet;

pub const QUESTIONNAIRE_KEYS: &[&str] = &[
    "id",
    "version",
    "topic",
    "order",
    "title",
    "description",
    "sources",
    "as_of",
    "section",
    "group",
    "question",
];
pub const SECTION_KEYS: &[&str] = &["id", "title"];
pub const GROUP_KEYS: &[&str] = &["id", "title", "show_if"];
pub const QUESTION_KEYS: &[&str] = &[
    "id",
    "section",
    "group",
    "kind",
    "text",
    "hint",
    "guidance",
    "sources",
    "keywords",
    "required",
    "show_if",
    "computed",
    "renamed_from",
    "retired",
    "choices",
    "precision",
    "min",
    "max",
    "unit",
];
pub const CHOICE_KEYS: &[&str] = &["value", "label"];
const PROFILE_FILE_KEYS: &[&str] = &["profile"];
pub const PROFILE_KEYS: &[&str] = &["id", "title", "description", "topics"];
pub(crate) const PROFILES_FILE: &str = "profiles.toml";

/// `[a-z][a-z0-9_]*`
pub(crate) fn is_id(s: &str) -> bool {
    let mut b = s.bytes();
    matches!(b.next(), Some(b'a'..=b'z'))
        && b.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'_')
}

fn is_profile_id(s: &str) -> bool {
    let mut b = s.bytes();
    matches!(b.next(), Some(b'a'..=b'z'))
        && b.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'-')
}

/// What the loader knows beyond the catalog, for the checks that follow.
#[derive(Default)]
pub(crate) struct Loaded {
    pub catalog: Catalog,
    pub diagnostics: Vec<Diagnostic>,
    /// Questionnaire ids and full question ids that exist but could not be
    /// read; references to them are not reported a second time.
    pub broken: HashSet<String>,
    /// File text by display path, for line:col of later diagnostics.
    pub texts: HashMap<std::path::PathBuf, String>,
}

/// Load every `*.toml` file of the set: questionnaires and `profiles.toml`.
/// Items with errors are left out of the catalog or kept in their best form;
/// the diagnostics say which.
pub fn load(files: &FileSet) -> (Catalog, Vec<Diagnostic>) {
    let l = load_all(files);
    (l.catalog, l.diagnostics)
}

pub(crate) fn load_all(files: &FileSet) -> Loaded {
    let mut out = Loaded::default();
    let mut seen: HashMap<String, (std::path::PathBuf, usize)> = HashMap::new();
    for file in files.files.iter().filter(|f| f.rel.ends_with(".toml")) {
        let path = files.display_path(file);
        let name = file.rel.rsplit('/').next().unwrap_or(&file.rel);
        let stem = name.trim_end_matches(".toml");
        let mut diags = Vec::new();
        let mut sink = Sink {
            path: &path,
            text: &file.text,
            out: &mut diags,
            lines: Default::default(),
        };
        if name == PROFILES_FILE {
            out.catalog
                .profiles
                .extend(load_profiles(&mut sink, &path, &file.text));
        } else {
            match load_questionnaire(&mut sink, &path, stem, &file.text, &mut out.broken) {
                Some(q) => {
                    let line = crate::error::line_col(&file.text, q.spans.id.start).0;
                    if let Some((first, first_line)) = seen.get(&q.id) {
                        let at = format!("{}:{first_line}", first.display());
                        sink.error(
                            Code::DuplicateQuestionnaire,
                            q.spans.id.clone(),
                            &[("id", &q.id), ("first", &at)],
                        );
                        // Also at the first definition: either file may be the one to fix.
                        if let Some(kept) = out.catalog.questionnaire(&q.id)
                            && let Some(text) = out.texts.get(first)
                        {
                            let here = format!("{}:{line}", path.display());
                            out.diagnostics.push(super::diag::make(
                                Severity::Error,
                                Code::DuplicateQuestionnaire,
                                first,
                                text,
                                kept.spans.id.clone(),
                                &[("id", &q.id), ("first", &here)],
                                None,
                            ));
                        }
                    } else {
                        seen.insert(q.id.clone(), (path.clone(), line));
                        out.catalog.questionnaires.push(q);
                    }
                }
                None => {
                    out.broken.insert(stem.to_string());
                }
            }
        }
        out.diagnostics.extend(diags);
        out.texts.insert(path, file.text.clone());
    }
    duplicate_profiles(&mut out);
    out
}

fn parse_doc<'i>(sink: &mut Sink, text: &'i str) -> Option<toml::Spanned<DeTable<'i>>> {
    let (doc, errors) = DeTable::parse_recoverable(text);
    if errors.is_empty() {
        return Some(doc);
    }
    for e in &errors {
        let span = e.span().unwrap_or(0..0);
        let detail = e.message().trim().to_string();
        sink.error(Code::TomlSyntax, span, &[("detail", &detail)]);
    }
    None
}

fn hash(text: &str) -> String {
    Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn load_questionnaire(
    sink: &mut Sink,
    path: &Path,
    stem: &str,
    text: &str,
    broken: &mut HashSet<String>,
) -> Option<Questionnaire> {
    let doc = parse_doc(sink, text)?;
    let top = Table {
        table: doc.get_ref(),
        span: 0..0,
    };
    top.unknown_keys(sink, "questionnaire", QUESTIONNAIRE_KEYS);
    let (id, id_span) = top.string(sink, "id", true)?;
    if !is_id(&id) {
        sink.error(Code::InvalidId, id_span.clone(), &[("id", &id)]);
        return None;
    }
    if id != stem {
        sink.error(
            Code::IdFileMismatch,
            id_span.clone(),
            &[("id", &id), ("stem", stem)],
        );
    }
    let version = match top.integer(sink, "version", true) {
        Some((v, span)) if v < 1 || v > i64::from(u32::MAX) => {
            sink.error(Code::VersionRange, span, &[("version", &v.to_string())]);
            1
        }
        Some((v, _)) => v as u32,
        None => 1,
    };
    let topic = match top.string(sink, "topic", true) {
        Some((t, span)) => Topic::parse(&t).or_else(|| {
            let allowed: Vec<&str> = Topic::ALL.iter().map(|t| t.name()).collect();
            invalid_value(sink, "topic", &t, span, &allowed);
            None
        }),
        None => None,
    };
    let order = top.integer(sink, "order", false).map(|(o, _)| o);
    let title = top.text(sink, text, "title", true, false);
    let description = top.text(sink, text, "description", false, false);
    let (sources, source_spans) = top.strings(sink, "sources").into_iter().unzip();
    let (as_of, as_of_span) = match top.string(sink, "as_of", false) {
        Some((v, span)) if super::grounding::is_year_month(&v) => (Some(v), span),
        Some((v, span)) => {
            invalid_value(sink, "as_of", &v, span.clone(), &["YYYY-MM"]);
            (None, span)
        }
        None => (None, 0..0),
    };

    let sections = load_sections(sink, text, &top);
    let groups = load_groups(sink, text, &top);
    let mut questions = Vec::new();
    let mut first_line_of: HashMap<String, usize> = HashMap::new();
    for item in top.array(sink, "question") {
        let Some(q) = load_question(sink, text, item, &sections, &groups) else {
            if let Some(t) = Table::new(item, text)
                && let Some(qid) = t.get("id").and_then(|v| v.get_ref().as_str())
            {
                broken.insert(format!("{id}.{qid}"));
            }
            continue;
        };
        // The line is only worked out for a duplicate: doing it for every
        // question made loading quadratic in the file's length.
        if let Some(first) = first_line_of.get(&q.id) {
            let line = crate::error::line_col(text, *first).0;
            sink.error(
                Code::DuplicateQuestion,
                q.spans.id.clone(),
                &[("id", &q.id), ("line", &line.to_string())],
            );
            continue;
        }
        first_line_of.insert(q.id.clone(), q.spans.id.start);
        questions.push(q);
    }
    renames(sink, &questions);
    mark_siblings(&mut questions);

    let index = questions
        .iter()
        .enumerate()
        .map(|(i, q)| (q.id.clone(), i))
        .collect();
    Some(Questionnaire {
        index,
        id,
        version,
        topic: topic?,
        order,
        title,
        description,
        sources,
        as_of,
        sections,
        groups,
        questions,
        content_hash: hash(text),
        path: path.to_path_buf(),
        spans: QuestionnaireSpans {
            id: id_span,
            as_of: as_of_span,
            sources: source_spans,
        },
    })
}

fn invalid_value(sink: &mut Sink, key: &str, value: &str, span: Range<usize>, allowed: &[&str]) {
    let list = allowed.join(", ");
    sink.push(
        Severity::Error,
        Code::InvalidValue,
        span,
        &[("key", key), ("value", value), ("allowed", &list)],
        did_you_mean(value, allowed.iter().copied()),
    );
}

/// Checks an id value and reports a duplicate; returns the id when usable.
fn unique_id(
    sink: &mut Sink,
    t: &Table,
    code: Code,
    seen: &mut HashMap<String, usize>,
    valid: fn(&str) -> bool,
) -> Option<(String, Range<usize>)> {
    let (id, span) = t.string(sink, "id", true)?;
    if !valid(&id) {
        sink.error(Code::InvalidId, span, &[("id", &id)]);
        return None;
    }
    if let Some(first) = seen.get(&id) {
        let line = crate::error::line_col(sink.text, *first).0;
        sink.error(code, span, &[("id", &id), ("line", &line.to_string())]);
        return None;
    }
    seen.insert(id.clone(), span.start);
    Some((id, span))
}

fn table_items<'a, 'i>(
    sink: &mut Sink,
    text: &str,
    top: &Table<'a, 'i>,
    key: &str,
) -> Vec<Table<'a, 'i>> {
    let mut out = Vec::new();
    for item in top.array(sink, key) {
        match Table::new(item, text) {
            Some(t) => out.push(t),
            None => Table::wrong_type(sink, key, item, "table"),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_follow_the_pattern() {
        assert!(is_id("summons"));
        assert!(is_id("a1_b"));
        assert!(!is_id("1a"));
        assert!(!is_id("A"));
        assert!(!is_id(""));
        assert!(!is_id("a-b"));
        assert!(is_profile_id("draft-evader"));
    }

    #[test]
    fn content_start_finds_literal_strings() {
        let text = "show_if = 'a == \"x\"'";
        let span = 10..text.len();
        assert_eq!(content_start(text, &span, "a == \"x\""), Some(11));
        let text = r#"show_if = "a == \"x\"""#;
        let span = 10..text.len();
        assert_eq!(content_start(text, &span, "a == \"x\""), None);
    }
}
