//! From files to a `Catalog`: syntax, keys, types, ids, duplicates and
//! references inside one file. Checks that need the whole catalog (show_if
//! meaning, cycles, corpus refs) are in `analyze`.

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
                            "duplicate_questionnaire",
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
                                "duplicate_questionnaire",
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
        sink.error("toml_syntax", span, &[("detail", &detail)]);
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
        sink.error("invalid_id", id_span.clone(), &[("id", &id)]);
        return None;
    }
    if id != stem {
        sink.error(
            "id_file_mismatch",
            id_span.clone(),
            &[("id", &id), ("stem", stem)],
        );
    }
    let version = match top.integer(sink, "version", true) {
        Some((v, span)) if v < 1 || v > i64::from(u32::MAX) => {
            sink.error("version_range", span, &[("version", &v.to_string())]);
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
                "duplicate_question",
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
        sections,
        groups,
        questions,
        content_hash: hash(text),
        path: path.to_path_buf(),
        spans: QuestionnaireSpans {
            id: id_span,
            sources: source_spans,
        },
    })
}

fn invalid_value(sink: &mut Sink, key: &str, value: &str, span: Range<usize>, allowed: &[&str]) {
    let list = allowed.join(", ");
    sink.push(
        Severity::Error,
        "invalid_value",
        span,
        &[("key", key), ("value", value), ("allowed", &list)],
        did_you_mean(value, allowed.iter().copied()),
    );
}

/// Checks an id value and reports a duplicate; returns the id when usable.
fn unique_id(
    sink: &mut Sink,
    t: &Table,
    code: &'static str,
    seen: &mut HashMap<String, usize>,
    valid: fn(&str) -> bool,
) -> Option<(String, Range<usize>)> {
    let (id, span) = t.string(sink, "id", true)?;
    if !valid(&id) {
        sink.error("invalid_id", span, &[("id", &id)]);
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

fn load_sections(sink: &mut Sink, text: &str, top: &Table) -> Vec<Section> {
    let mut seen = HashMap::new();
    let mut out = Vec::new();
    for t in table_items(sink, text, top, "section") {
        t.unknown_keys(sink, "[[section]]", SECTION_KEYS);
        let title = t.text(sink, text, "title", true, false);
        if let Some((id, span)) = unique_id(sink, &t, "duplicate_section", &mut seen, is_id) {
            out.push(Section { id, title, span });
        }
    }
    out
}

fn load_groups(sink: &mut Sink, text: &str, top: &Table) -> Vec<Group> {
    let mut seen = HashMap::new();
    let mut out = Vec::new();
    for t in table_items(sink, text, top, "group") {
        t.unknown_keys(sink, "[[group]]", GROUP_KEYS);
        let title = t.text(sink, text, "title", true, false);
        let show_if = show_if(sink, text, &t);
        if let Some((id, span)) = unique_id(sink, &t, "duplicate_group", &mut seen, is_id) {
            out.push(Group {
                id,
                title,
                show_if: show_if.flatten(),
                span,
            });
        }
    }
    out
}

/// `None` when absent, `Some(None)` when present but unreadable.
fn show_if(sink: &mut Sink, text: &str, t: &Table) -> Option<Option<Expr>> {
    let (src, span) = t.string(sink, "show_if", false)?;
    let base = content_start(text, &span, &src);
    let parsed = expr::parse(&src, base.unwrap_or(span.start));
    Some(match parsed {
        Ok(e) => Some(e),
        Err(e) => {
            let at = if base.is_some() { e.span } else { span };
            sink.error(e.code, at, &[("found", &e.found)]);
            None
        }
    })
}

/// Where the characters of a string value start in the file, when they
/// appear there verbatim (no escapes), so expression spans can be exact.
fn content_start(text: &str, span: &Range<usize>, value: &str) -> Option<usize> {
    let raw = text.get(span.clone())?;
    let mut start = span.start
        + if raw.starts_with("'''") || raw.starts_with("\"\"\"") {
            3
        } else {
            1
        };
    if raw.len() >= 3 && (raw.starts_with("'''") || raw.starts_with("\"\"\"")) {
        if text[start..].starts_with("\r\n") {
            start += 2;
        } else if text[start..].starts_with('\n') {
            start += 1;
        }
    }
    (text.get(start..start + value.len()) == Some(value)).then_some(start)
}

fn load_question(
    sink: &mut Sink,
    text: &str,
    item: &Item,
    sections: &[Section],
    groups: &[Group],
) -> Option<Question> {
    let Some(t) = Table::new(item, text) else {
        Table::wrong_type(sink, "question", item, "table");
        return None;
    };
    t.unknown_keys(sink, "[[question]]", QUESTION_KEYS);
    let id = t.string(sink, "id", true);
    if let Some((id, span)) = &id
        && !is_id(id)
    {
        sink.error("invalid_id", span.clone(), &[("id", id)]);
    }
    let kind = kind(sink, text, &t);
    let q_text = t.text(sink, text, "text", true, true);
    let hint = t.text(sink, text, "hint", false, false);
    let guidance = t.text(sink, text, "guidance", false, false);
    let (sources, source_spans) = t.strings(sink, "sources").into_iter().unzip();
    let keywords = t
        .strings(sink, "keywords")
        .into_iter()
        .map(|(s, _)| s)
        .collect();
    let (required, required_span) = match t.string(sink, "required", false) {
        Some((r, span)) => match r.as_str() {
            "ask" => (Required::Ask, span),
            "must" => (Required::Must, span),
            _ => {
                invalid_value(sink, "required", &r, span.clone(), &["ask", "must"]);
                (Required::Ask, span)
            }
        },
        None => (Required::Ask, 0..0),
    };
    let show = show_if(sink, text, &t);
    let (renamed_from, renamed_spans): (Vec<String>, Vec<Range<usize>>) =
        t.strings(sink, "renamed_from").into_iter().unzip();
    for (old, span) in renamed_from.iter().zip(&renamed_spans) {
        if !is_id(old) {
            sink.error("invalid_id", span.clone(), &[("id", old)]);
        }
    }
    let retired = t.boolean(sink, "retired").unwrap_or(false);
    let section = reference(
        sink,
        &t,
        "section",
        "unknown_section",
        sections.iter().map(|s| s.id.as_str()),
    );
    let group = reference(
        sink,
        &t,
        "group",
        "unknown_group",
        groups.iter().map(|g| g.id.as_str()),
    );
    let (id, id_span) = id?;
    if !is_id(&id) {
        return None;
    }
    Some(Question {
        id,
        kind: kind?,
        text: q_text,
        hint,
        guidance,
        sources,
        keywords,
        required,
        show_if: show.flatten(),
        renamed_from,
        retired,
        section,
        group,
        spans: QuestionSpans {
            id: id_span,
            required: required_span,
            sources: source_spans,
            renamed_from: renamed_spans,
        },
    })
}

fn reference<'a>(
    sink: &mut Sink,
    t: &Table,
    key: &str,
    code: &'static str,
    defined: impl Iterator<Item = &'a str> + Clone,
) -> Option<String> {
    let (name, span) = t.string(sink, key, false)?;
    if defined.clone().any(|d| d == name) {
        return Some(name);
    }
    let list: Vec<&str> = defined.clone().collect();
    let list = if list.is_empty() {
        "-".to_string()
    } else {
        list.join(", ")
    };
    sink.push(
        Severity::Error,
        code,
        span,
        &[("name", &name), ("defined", &list)],
        did_you_mean(&name, defined),
    );
    None
}

fn kind(sink: &mut Sink, text: &str, t: &Table) -> Option<Kind> {
    let (name, span) = t.string(sink, "kind", true)?;
    let specific: [(&str, &[&str]); 5] = [
        ("choices", &["single_choice", "multi_choice"]),
        ("precision", &["date"]),
        ("min", &["number"]),
        ("max", &["number"]),
        ("unit", &["number"]),
    ];
    if Kind::NAMES.contains(&name.as_str()) {
        for (key, kinds) in specific {
            if !kinds.contains(&name.as_str())
                && let Some(key_span) = t.key_span(key)
            {
                sink.error(
                    "kind_key",
                    key_span,
                    &[("key", key), ("kind", &name), ("kinds", &kinds.join(", "))],
                );
            }
        }
    }
    Some(match name.as_str() {
        "yes_no" => Kind::YesNo,
        "single_choice" => Kind::SingleChoice {
            choices: choices(sink, text, t, &span)?,
        },
        "multi_choice" => Kind::MultiChoice {
            choices: choices(sink, text, t, &span)?,
        },
        "date" => Kind::Date {
            precision: match t.string(sink, "precision", false) {
                Some((p, pspan)) => match p.as_str() {
                    "day" => DatePrecision::Day,
                    "month" => DatePrecision::Month,
                    "year" => DatePrecision::Year,
                    _ => {
                        invalid_value(sink, "precision", &p, pspan, &["day", "month", "year"]);
                        DatePrecision::Day
                    }
                },
                None => DatePrecision::Day,
            },
        },
        "number" => {
            let min = t.number(sink, "min");
            let max = t.number(sink, "max");
            if let (Some((lo, _)), Some((hi, span))) = (&min, &max)
                && lo > hi
            {
                sink.error(
                    "min_max",
                    span.clone(),
                    &[("min", &lo.to_string()), ("max", &hi.to_string())],
                );
            }
            let unit = t
                .get("unit")
                .map(|_| t.text(sink, text, "unit", false, false));
            Kind::Number {
                min: min.map(|(n, _)| n),
                max: max.map(|(n, _)| n),
                unit,
            }
        }
        "short_text" => Kind::ShortText,
        "long_text" => Kind::LongText,
        _ => {
            invalid_value(sink, "kind", &name, span, &Kind::NAMES);
            return None;
        }
    })
}

fn choices(
    sink: &mut Sink,
    text: &str,
    t: &Table,
    kind_span: &Range<usize>,
) -> Option<Vec<Choice>> {
    if t.get("choices").is_none() {
        sink.error("missing_choices", kind_span.clone(), &[]);
        return Some(Vec::new());
    }
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut out = Vec::new();
    let items = t.array(sink, "choices");
    for item in items {
        let Some(c) = Table::new(item, text) else {
            Table::wrong_type(sink, "choices", item, "table { value, label }");
            continue;
        };
        let c = Table {
            table: c.table,
            span: item.span(),
        };
        c.unknown_keys(sink, "choices", CHOICE_KEYS);
        let label = c.text(sink, text, "label", true, false);
        let Some((value, span)) = c.string(sink, "value", true) else {
            continue;
        };
        if value.trim().is_empty() || value.contains('"') {
            sink.error("invalid_choice_value", span, &[("value", &value)]);
            continue;
        }
        if let Some(first) = seen.get(&value) {
            let line = crate::error::line_col(text, *first).0;
            sink.error(
                "duplicate_choice",
                span,
                &[("id", &value), ("line", &line.to_string())],
            );
            continue;
        }
        seen.insert(value.clone(), span.start);
        out.push(Choice { value, label, span });
    }
    if items.len() < 2 {
        let span = t.get("choices").map_or(kind_span.clone(), |c| c.span());
        sink.error("too_few_choices", span, &[]);
    }
    Some(out)
}

/// `renamed_from` must not name a current question (its answers would
/// belong to two questions) nor appear under two questions.
fn renames(sink: &mut Sink, questions: &[Question]) {
    let mut claimed: HashMap<&str, &str> = HashMap::new();
    for q in questions {
        for (old, span) in q.renamed_from.iter().zip(&q.spans.renamed_from) {
            if questions.iter().any(|o| &o.id == old) {
                sink.error(
                    "reused_id",
                    span.clone(),
                    &[("id", old), ("question", &q.id)],
                );
            } else if let Some(other) = claimed.get(old.as_str()) {
                sink.error(
                    "renamed_collision",
                    span.clone(),
                    &[("id", old), ("other", other)],
                );
            } else {
                claimed.insert(old, &q.id);
            }
        }
    }
}

/// Within a repeat group, a bare reference to another question of the same
/// group means the same instance.
fn mark_siblings(questions: &mut [Question]) {
    let groups: HashMap<String, Option<String>> = questions
        .iter()
        .map(|q| (q.id.clone(), q.group.clone()))
        .collect();
    for q in questions.iter_mut() {
        let Some(g) = q.group.clone() else { continue };
        if let Some(e) = &mut q.show_if {
            e.refs_mut(&mut |r| {
                r.sibling = r.questionnaire.is_none()
                    && groups
                        .get(&r.question)
                        .is_some_and(|tg| tg.as_deref() == Some(&g));
            });
        }
    }
}

fn load_profiles(sink: &mut Sink, path: &Path, text: &str) -> Vec<Profile> {
    let Some(doc) = parse_doc(sink, text) else {
        return Vec::new();
    };
    let top = Table {
        table: doc.get_ref(),
        span: 0..0,
    };
    top.unknown_keys(sink, "profiles.toml", PROFILE_FILE_KEYS);
    let mut out = Vec::new();
    let mut seen = HashMap::new();
    for t in table_items(sink, text, &top, "profile") {
        t.unknown_keys(sink, "[[profile]]", PROFILE_KEYS);
        let title = t.text(sink, text, "title", true, false);
        let description = t.text(sink, text, "description", false, false);
        if t.get("topics").is_none() {
            sink.error("missing_key", t.span.clone(), &[("key", "topics")]);
        }
        let (topics, topic_spans) = t.strings(sink, "topics").into_iter().unzip();
        let Some((id, span)) = unique_id(sink, &t, "duplicate_profile", &mut seen, is_profile_id)
        else {
            continue;
        };
        out.push(Profile {
            id,
            title,
            description,
            topics,
            path: path.to_path_buf(),
            span,
            topic_spans,
        });
    }
    out
}

/// Two `profiles.toml` files (say in subfolders) defining the same id.
fn duplicate_profiles(out: &mut Loaded) {
    let mut first: HashMap<&str, &Profile> = HashMap::new();
    let mut extra = Vec::new();
    for p in &out.catalog.profiles {
        let Some(f) = first.get(p.id.as_str()) else {
            first.insert(&p.id, p);
            continue;
        };
        let (Some(text), Some(first_text)) = (out.texts.get(&p.path), out.texts.get(&f.path))
        else {
            continue;
        };
        let line = crate::error::line_col(first_text, f.span.start).0;
        let at = format!("{line} ({})", f.path.display());
        let mut v = Vec::new();
        Sink {
            path: &p.path,
            text,
            out: &mut v,
            lines: Default::default(),
        }
        .error(
            "duplicate_profile",
            p.span.clone(),
            &[("id", &p.id), ("line", &at)],
        );
        extra.extend(v);
    }
    out.diagnostics.extend(extra);
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
