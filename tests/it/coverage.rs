//! Content checks for the shipped questionnaires, and the generator of
//! docs/coverage.md (which report sections are cited by which questions).
//!
//! This reads the TOML with `toml::Value` on purpose: it checks the content
//! against the format contract independently of the loader, so a loader bug
//! cannot hide a content bug (and the other way round).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use toml::{Table, Value};

/// The numbered sections of the country report, in order, as the shipped
/// corpus parses them: the table is recomputed from the corpus, so a new
/// edition of the report makes a stale docs/coverage.md fail.
fn corpus() -> &'static gehoor::corpus::Corpus {
    static CORPUS: std::sync::OnceLock<gehoor::corpus::Corpus> = std::sync::OnceLock::new();
    CORPUS.get_or_init(|| {
        gehoor::corpus::Corpus::load(&gehoor::assets::FileSet::embedded_corpus())
            .expect("the shipped corpus loads")
    })
}

pub(crate) fn sections() -> &'static [(String, String)] {
    static SECTIONS: std::sync::OnceLock<Vec<(String, String)>> = std::sync::OnceLock::new();
    SECTIONS.get_or_init(|| {
        let doc = corpus().document(REPORT).expect("the report is shipped");
        doc.sections
            .iter()
            .filter_map(|s| s.number.clone().map(|n| (n, s.title.clone())))
            .collect()
    })
}

/// Sections left uncited on purpose, with the reason shown in docs/coverage.md.
const UNCITED: &[(&str, &str)] = &[
    (
        "1.4",
        "heading only (one line of own text); its subsections 1.4.1–1.4.3 are cited",
    ),
    (
        "3.3",
        "heading only (no own text); its subsection 3.3.1 is cited",
    ),
    (
        "4.2",
        "list of eight abbreviations; makes no claim an interviewer could ask about",
    ),
];

const DOCUMENTS: &[&str] = &[
    "ambtsbericht-rf-2025",
    "brief-moratorium-2022",
    "persbericht-kuzmin-2026-en",
    "persbericht-kuzmin-2026-nl",
    "artikel-moechametov-2025",
];
pub(crate) const REPORT: &str = "ambtsbericht-rf-2025";

const TOPICS: &[&str] = &["military", "lgbtiq", "critics", "identity"];
// The key and kind lists are the loader's: the content rules below are checked
// independently, but the vocabulary is the format's one definition.
use gehoor::questionnaire::{Kind, QUESTION_KEYS, QUESTIONNAIRE_KEYS as TOP_KEYS};
const KINDS: &[&str] = &Kind::NAMES;
const COVERAGE_PATH: &str = "docs/coverage.md";
const REGENERATE: &str = "run `UPDATE_COVERAGE=1 cargo test --test it coverage::` to regenerate";

pub(crate) fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// All questionnaire files (not profiles.toml), sorted by file name.
pub(crate) fn load_questionnaires() -> Vec<(String, Table)> {
    let dir = root().join("questionnaires");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
        .map(|e| e.expect("directory entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .filter(|p| p.file_stem().is_some_and(|s| s != "profiles"))
        .collect();
    paths.sort();
    paths.iter().map(|p| (stem(p), parse(p))).collect()
}

fn stem(path: &Path) -> String {
    path.file_stem()
        .and_then(|s| s.to_str())
        .expect("UTF-8 file name")
        .to_owned()
}

pub(crate) fn parse(path: &Path) -> Table {
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    text.parse::<Table>()
        .unwrap_or_else(|e| panic!("{} is not valid TOML: {e}", path.display()))
}

fn valid_id(id: &str) -> bool {
    let mut chars = id.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

fn valid_profile_id(id: &str) -> bool {
    let mut chars = id.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

pub(crate) fn tables<'a>(t: &'a Table, key: &str) -> Vec<&'a Table> {
    match t.get(key) {
        Some(Value::Array(items)) => items.iter().filter_map(Value::as_table).collect(),
        _ => Vec::new(),
    }
}

pub(crate) fn str_of<'a>(t: &'a Table, key: &str) -> Option<&'a str> {
    t.get(key).and_then(Value::as_str)
}

pub(crate) fn strings(t: &Table, key: &str) -> Vec<String> {
    match t.get(key) {
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(Value::as_str)
            .map(str::to_owned)
            .collect(),
        _ => Vec::new(),
    }
}

/// The section a report ref points at (`ambtsbericht-rf-2025#1.1.3` -> `1.1.3`).
fn report_section(reference: &str) -> Option<&str> {
    reference
        .strip_prefix(REPORT)
        .and_then(|rest| rest.strip_prefix('#'))
}

/// Problems with one `{ nl, en }` text; `ru` only where `allow_ru`.
fn check_text(problems: &mut Vec<String>, at: &str, value: Option<&Value>, allow_ru: bool) {
    let Some(t) = value.and_then(Value::as_table) else {
        problems.push(format!("{at}: missing or not a table"));
        return;
    };
    for lang in ["nl", "en"] {
        if str_of(t, lang).is_none_or(|s| s.trim().is_empty()) {
            problems.push(format!("{at}: missing `{lang}`"));
        }
    }
    for key in t.keys() {
        let allowed = key == "nl" || key == "en" || (allow_ru && key == "ru");
        if !allowed {
            problems.push(format!("{at}: unknown language key `{key}`"));
        }
    }
}

fn check_refs(problems: &mut Vec<String>, at: &str, refs: &[String]) {
    let known: BTreeSet<&str> = sections().iter().map(|(n, _)| n.as_str()).collect();
    for r in refs {
        let (doc, rest) = r.split_once('#').unwrap_or((r.as_str(), ""));
        if !DOCUMENTS.contains(&doc) {
            problems.push(format!("{at}: ref `{r}` names unknown document `{doc}`"));
            continue;
        }
        if doc == REPORT {
            if !rest.is_empty() && !known.contains(rest) {
                problems.push(format!("{at}: ref `{r}` names no numbered section"));
            }
        } else if !rest.is_empty() {
            problems.push(format!("{at}: ref `{r}`: cite `{doc}` as a whole"));
        }
    }
}

#[derive(Debug, PartialEq)]
enum Token {
    Ident(String),
    Str(String),
    Op(String),
    Other,
}

fn tokenize(expr: &str) -> Result<Vec<Token>, String> {
    let chars: Vec<char> = expr.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
        } else if c == '"' {
            let end = chars[i + 1..]
                .iter()
                .position(|&d| d == '"')
                .ok_or("unterminated string")?;
            out.push(Token::Str(chars[i + 1..i + 1 + end].iter().collect()));
            i += end + 2;
        } else if c.is_ascii_digit() {
            while i < chars.len() && (chars[i].is_ascii_digit() || "-.".contains(chars[i])) {
                i += 1;
            }
            out.push(Token::Other);
        } else if c.is_ascii_alphabetic() || c == '_' {
            let start = i;
            while i < chars.len() && (chars[i].is_ascii_alphanumeric() || "_.".contains(chars[i])) {
                i += 1;
            }
            out.push(Token::Ident(chars[start..i].iter().collect()));
        } else if "=!<>".contains(c) {
            let two = chars.get(i + 1) == Some(&'=');
            if (c == '=' || c == '!') && !two {
                return Err(format!("`{c}` must be followed by `=`"));
            }
            let len = if two { 2 } else { 1 };
            out.push(Token::Op(chars[i..i + len].iter().collect()));
            i += len;
        } else if c == '(' || c == ')' {
            out.push(Token::Other);
            i += 1;
        } else {
            return Err(format!("unexpected character `{c}`"));
        }
    }
    Ok(out)
}

const EXPR_WORDS: &[&str] = &["and", "or", "not", "in", "true", "false", "answered"];

/// Kind and choice values of every question, by full id.
type Index = BTreeMap<String, (String, Vec<String>)>;

fn index(all: &[(String, Table)]) -> Index {
    let mut idx = Index::new();
    for (qid, t) in all {
        for q in tables(t, "question") {
            let values = tables(q, "choices")
                .iter()
                .filter_map(|c| str_of(c, "value").map(str::to_owned))
                .collect();
            let kind = str_of(q, "kind").unwrap_or_default().to_owned();
            let id = str_of(q, "id").unwrap_or_default();
            idx.insert(format!("{qid}.{id}"), (kind, values));
        }
    }
    idx
}

fn check_show_if(problems: &mut Vec<String>, at: &str, expr: &str, file: &str, idx: &Index) {
    let tokens = match tokenize(expr) {
        Ok(t) => t,
        Err(e) => {
            problems.push(format!("{at}: show_if `{expr}`: {e}"));
            return;
        }
    };
    let full = |name: &str| {
        if name.contains('.') {
            name.to_owned()
        } else {
            format!("{file}.{name}")
        }
    };
    for (i, token) in tokens.iter().enumerate() {
        let Token::Ident(name) = token else { continue };
        if EXPR_WORDS.contains(&name.as_str()) {
            continue;
        }
        let Some((kind, values)) = idx.get(&full(name)) else {
            problems.push(format!("{at}: show_if names unknown question `{name}`"));
            continue;
        };
        let compared = match (
            i.checked_sub(2).map(|j| &tokens[j..i]),
            tokens.get(i + 1..i + 3),
        ) {
            (_, Some([Token::Op(op), Token::Str(s)])) if op == "==" || op == "!=" => Some(s),
            (Some([Token::Str(s), Token::Op(op)]), _) if op == "==" || op == "!=" => Some(s),
            (Some([Token::Str(s), Token::Ident(w)]), _) if w == "in" => Some(s),
            _ => None,
        };
        if let Some(lit) = compared {
            let ok = match kind.as_str() {
                "yes_no" => lit == "yes" || lit == "no",
                "single_choice" | "multi_choice" => values.contains(lit),
                _ => true,
            };
            if !ok {
                problems.push(format!(
                    "{at}: show_if compares `{name}` ({kind}) with `{lit}`, which it cannot hold"
                ));
            }
        }
    }
}

/// Every content problem in the given questionnaires (empty = all good).
fn content_problems(all: &[(String, Table)]) -> Vec<String> {
    let idx = index(all);
    let mut problems = Vec::new();
    let mut seen_ids = BTreeSet::new();
    for (file, t) in all {
        let p = &mut problems;
        let id = str_of(t, "id").unwrap_or_default();
        if id != file {
            p.push(format!("{file}: id `{id}` must equal the file stem"));
        }
        if !valid_id(id) || !seen_ids.insert(id.to_owned()) {
            p.push(format!("{file}: id `{id}` is invalid or duplicated"));
        }
        for key in t.keys() {
            if !TOP_KEYS.contains(&key.as_str()) {
                p.push(format!("{file}: unknown key `{key}`"));
            }
        }
        if t.get("version")
            .and_then(Value::as_integer)
            .is_none_or(|v| v < 1)
        {
            p.push(format!("{file}: version must be an integer >= 1"));
        }
        if !str_of(t, "topic").is_some_and(|s| TOPICS.contains(&s)) {
            p.push(format!("{file}: topic must be one of {TOPICS:?}"));
        }
        check_text(p, &format!("{file}.title"), t.get("title"), false);
        check_text(
            p,
            &format!("{file}.description"),
            t.get("description"),
            false,
        );
        check_refs(p, &format!("{file}.sources"), &strings(t, "sources"));

        let mut sections = BTreeSet::new();
        for s in tables(t, "section") {
            let sid = str_of(s, "id").unwrap_or_default();
            if !valid_id(sid) || !sections.insert(sid.to_owned()) {
                p.push(format!(
                    "{file}: section id `{sid}` is invalid or duplicated"
                ));
            }
            check_text(
                p,
                &format!("{file} section {sid} title"),
                s.get("title"),
                false,
            );
        }
        let mut groups = BTreeSet::new();
        for g in tables(t, "group") {
            let gid = str_of(g, "id").unwrap_or_default();
            if !valid_id(gid) || !groups.insert(gid.to_owned()) {
                p.push(format!("{file}: group id `{gid}` is invalid or duplicated"));
            }
            check_text(
                p,
                &format!("{file} group {gid} title"),
                g.get("title"),
                false,
            );
            if let Some(expr) = str_of(g, "show_if") {
                check_show_if(p, &format!("{file} group {gid}"), expr, file, &idx);
            }
        }

        // Interviewers meet sections in file order, so a section's questions stay together.
        let order: Vec<&str> = tables(t, "question")
            .iter()
            .filter_map(|q| str_of(q, "section"))
            .collect();
        if !sections.is_empty() && order.len() != tables(t, "question").len() {
            p.push(format!(
                "{file}: declares sections, so every question needs one"
            ));
        }
        for (i, s) in order.iter().enumerate() {
            if i > 0 && order[i - 1] != *s && order[..i - 1].contains(s) {
                p.push(format!(
                    "{file}: questions of section `{s}` are not contiguous"
                ));
            }
        }

        let mut questions = BTreeSet::new();
        for q in tables(t, "question") {
            let qid = str_of(q, "id").unwrap_or_default();
            let at = format!("{file}.{qid}");
            if !valid_id(qid) || !questions.insert(qid.to_owned()) {
                p.push(format!("{at}: question id is invalid or duplicated"));
            }
            for key in q.keys() {
                if !QUESTION_KEYS.contains(&key.as_str()) {
                    p.push(format!("{at}: unknown key `{key}`"));
                }
            }
            let kind = str_of(q, "kind").unwrap_or_default();
            if !KINDS.contains(&kind) {
                p.push(format!("{at}: unknown kind `{kind}`"));
            }
            check_text(p, &format!("{at}.text"), q.get("text"), true);
            check_text(p, &format!("{at}.hint"), q.get("hint"), false);
            check_text(p, &format!("{at}.guidance"), q.get("guidance"), false);
            let refs = strings(q, "sources");
            if refs.is_empty() {
                p.push(format!("{at}: needs at least one source"));
            }
            check_refs(p, &at, &refs);
            if refs.iter().any(|r| r.contains("/p")) {
                p.push(format!("{at}: cite sections, not paragraphs"));
            }
            if strings(q, "keywords").iter().all(|k| k.trim().is_empty()) {
                p.push(format!("{at}: needs at least one keyword"));
            }
            if let Some(s) = str_of(q, "section").filter(|s| !sections.contains(*s)) {
                p.push(format!("{at}: section `{s}` is not declared"));
            }
            if let Some(g) = str_of(q, "group").filter(|g| !groups.contains(*g)) {
                p.push(format!("{at}: group `{g}` is not declared"));
            }
            let required = str_of(q, "required").unwrap_or("ask");
            if required != "ask" && required != "must" {
                p.push(format!("{at}: required must be \"ask\" or \"must\""));
            }
            if required == "must" && (q.contains_key("show_if") || q.contains_key("group")) {
                p.push(format!(
                    "{at}: a `must` question may not depend on show_if or a group"
                ));
            }
            if let Some(expr) = str_of(q, "show_if") {
                check_show_if(p, &at, expr, file, &idx);
            }
            let is_choice = kind == "single_choice" || kind == "multi_choice";
            let choices = tables(q, "choices");
            if is_choice != q.contains_key("choices") || (is_choice && choices.len() < 2) {
                p.push(format!("{at}: choices (>= 2) belong to choice kinds only"));
            }
            let mut values = BTreeSet::new();
            for c in &choices {
                let v = str_of(c, "value").unwrap_or_default();
                if !valid_id(v) || !values.insert(v) {
                    p.push(format!("{at}: choice value `{v}` is invalid or duplicated"));
                }
                check_text(p, &format!("{at} choice {v}"), c.get("label"), false);
            }
            if q.contains_key("precision") && kind != "date" {
                p.push(format!("{at}: precision is only for dates"));
            }
            for key in ["min", "max", "unit"] {
                if q.contains_key(key) && kind != "number" {
                    p.push(format!("{at}: `{key}` is only for numbers"));
                }
            }
        }
    }
    problems
}

/// Problems in profiles.toml, given the questionnaire ids that exist.
fn profile_problems(profiles: &Table, known: &BTreeSet<String>) -> Vec<String> {
    let mut problems = Vec::new();
    let list = tables(profiles, "profile");
    if list.is_empty() {
        problems.push("profiles.toml: no [[profile]]".to_owned());
    }
    let mut ids = BTreeSet::new();
    for pr in list {
        let id = str_of(pr, "id").unwrap_or_default();
        if !valid_profile_id(id) || !ids.insert(id) {
            problems.push(format!("profile `{id}`: id is invalid or duplicated"));
        }
        check_text(
            &mut problems,
            &format!("profile {id} title"),
            pr.get("title"),
            false,
        );
        let at = format!("profile {id} description");
        check_text(&mut problems, &at, pr.get("description"), false);
        let topics = strings(pr, "topics");
        if topics.first().map(String::as_str) != Some("identity_travel") {
            problems.push(format!("profile `{id}`: must start with identity_travel"));
        }
        let unique: BTreeSet<&String> = topics.iter().collect();
        if unique.len() != topics.len() {
            problems.push(format!("profile `{id}`: a questionnaire is listed twice"));
        }
        for t in topics.iter().filter(|t| !known.contains(*t)) {
            problems.push(format!("profile `{id}`: unknown questionnaire `{t}`"));
        }
    }
    problems
}

/// Full question ids citing each report section (only the section cited).
fn citations(all: &[(String, Table)]) -> BTreeMap<String, Vec<String>> {
    let mut map: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (file, t) in all {
        for q in tables(t, "question") {
            let full = format!("{file}.{}", str_of(q, "id").unwrap_or_default());
            for r in strings(q, "sources") {
                if let Some(section) = report_section(&r) {
                    let section = section.split('/').next().unwrap_or(section);
                    let list = map.entry(section.to_owned()).or_default();
                    if !list.contains(&full) {
                        list.push(full.clone());
                    }
                }
            }
        }
    }
    map
}

fn render_coverage(all: &[(String, Table)]) -> String {
    let cited = citations(all);
    let reasons: BTreeMap<&str, &str> = UNCITED.iter().copied().collect();
    let count = sections()
        .iter()
        .filter(|(n, _)| cited.contains_key(n.as_str()))
        .count();
    let mut out = String::new();
    out.push_str("# Coverage of the country report by the questionnaires\n\n");
    out.push_str(
        "Generated by `tests/it/coverage.rs` from `questionnaires/*.toml`; do not edit by hand \
         (`UPDATE_COVERAGE=1 cargo test --test it coverage::` regenerates it).\n\n",
    );
    out.push_str(
        "One row per numbered section of the *Thematisch ambtsbericht Russische Federatie* \
         (14 February 2025, `ambtsbericht-rf-2025`), with the full ids of the questions whose \
         `sources` cite that section. A question counts only for the section it cites, not \
         for that section's parent or children. The unnumbered introduction (Inleiding) and \
         the bibliography fragment are not numbered sections and are left out.\n\n",
    );
    out.push_str(&format!(
        "{count} of {} numbered sections are cited.\n\n",
        sections().len()
    ));
    out.push_str("| Section | Title | Questions |\n|---|---|---|\n");
    for (number, title) in sections() {
        let cell = match (cited.get(number.as_str()), reasons.get(number.as_str())) {
            (Some(ids), _) => ids
                .iter()
                .map(|id| format!("`{id}`"))
                .collect::<Vec<_>>()
                .join(", "),
            (None, Some(_)) => "— (deliberately uncited, see below)".to_owned(),
            (None, None) => "— (not cited)".to_owned(),
        };
        out.push_str(&format!("| {number} | {title} | {cell} |\n"));
    }
    out.push_str("\n## Deliberately uncited sections\n\n");
    for (number, reason) in UNCITED {
        out.push_str(&format!("- **{number}**: {reason}.\n"));
    }
    out.push_str(&render_facts(&facts()));
    // The audit is written by hand; the generated document carries it so
    // the figures sit beside the table they measure.
    let audit = root().join(AUDIT_PATH);
    let audit = std::fs::read_to_string(&audit)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", audit.display()));
    out.push('\n');
    out.push_str(
        audit
            .split_once("-->\n")
            .map_or(audit.as_str(), |(_, rest)| rest),
    );
    out
}

const AUDIT_PATH: &str = "docs/audit-figures.md";

/// One row of docs/facts.toml: a claim in a question's hint or guidance,
/// the section that says it and the report's own words.
pub(crate) struct Fact {
    pub(crate) question: String,
    pub(crate) claim: String,
    pub(crate) section: String,
    pub(crate) quote: String,
}

const FACTS_PATH: &str = "docs/facts.toml";

pub(crate) fn facts() -> Vec<Fact> {
    let t = parse(&root().join(FACTS_PATH));
    tables(&t, "fact")
        .iter()
        .map(|f| {
            let get = |k: &str| str_of(f, k).unwrap_or_default().to_owned();
            Fact {
                question: get("question"),
                claim: get("claim"),
                section: get("section"),
                quote: get("quote"),
            }
        })
        .collect()
}

pub(crate) fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A section's own text and the footnotes its paragraphs cite, as one
/// whitespace-normalised string.
pub(crate) fn section_text(number: &str) -> Option<String> {
    // A fact taken from one of the other, unsectioned documents (the
    // moratorium letter, a case document) names that document as a whole.
    if DOCUMENTS.contains(&number) && number != REPORT {
        let doc = corpus().document(number)?;
        let mut text = String::new();
        for p in &doc.paragraphs {
            text.push_str(&p.text);
            text.push(' ');
        }
        for f in &doc.footnotes {
            text.push_str(&f.text);
            text.push(' ');
        }
        return Some(squash(&text));
    }
    let doc = corpus().document(REPORT)?;
    let section = doc.section(number)?;
    let mut text = String::new();
    for p in &doc.paragraphs[section.paragraphs.clone()] {
        text.push_str(&p.text);
        text.push(' ');
        for f in p.footnotes.iter().filter_map(|&n| doc.footnote(n)) {
            text.push_str(&f.text);
            text.push(' ');
        }
    }
    Some(squash(&text))
}

fn render_facts(facts: &[Fact]) -> String {
    let mut out = String::from("\n## Facts checked against the report\n\n");
    out.push_str(&format!(
        "{} facts from `{FACTS_PATH}`: the claim as the question's English hint or guidance \
         words it, the section that says it, and the report's own words (Dutch). \
         `tests/it/coverage.rs` checks that each quote occurs in that section's text or \
         footnotes, that the question cites the section, and that the claim is in the \
         question.\n\n\
         Which sentences need a row is mechanical (`tests/it/coverage_sentences.rs`): every \
         sentence of the English hint or guidance of a live question that contains a digit \
         (a number, amount, year, date, article or a section cited as \"(1.1.3)\") is \
         factual and must contain the claim of a row for its question; the test fails \
         otherwise. Numbered references to law outside the corpus (Article 1F, UNHCR \
         Guideline No. 9) do not count, and neither does interview advice without a \
         number, which is out of scope. The Dutch text stands with the English one: \
         `gehoor check` fails when the two carry different numbers, and the test fails \
         when a field has more or fewer factual sentences in Dutch than in English. A \
         claim from the \
         moratorium letter or a case document names that document instead of a \
         section. `LIST_FACT_SENTENCES=1 cargo test --test it coverage_sentences:: -- \
         --nocapture` lists every factual sentence in Dutch and English; \
         `tools/fact_candidates.py` proposes the nearest report sentence for a new one, \
         which is then read against the report before it becomes a row.\n\n",
        facts.len()
    ));
    out.push_str("| Question | Claim | Section | The report's words |\n|---|---|---|---|\n");
    for f in facts {
        let cell = |s: &str| s.replace('|', "\\|");
        out.push_str(&format!(
            "| `{}` | {} | {} | “{}” |\n",
            f.question,
            cell(&f.claim),
            f.section,
            cell(&f.quote)
        ));
    }
    out
}

/// Problems with the fact table: a quote not in its section, a question
/// that does not cite the section, a claim the question no longer makes.
fn fact_problems(facts: &[Fact], all: &[(String, Table)]) -> Vec<String> {
    let mut problems = Vec::new();
    for f in facts {
        let at = format!("{} ({})", f.question, f.section);
        match section_text(&f.section) {
            None => problems.push(format!("{at}: no section {}", f.section)),
            Some(text) if !text.contains(&squash(&f.quote)) => {
                problems.push(format!("{at}: quote not in the section: {}", f.quote))
            }
            Some(_) => {}
        }
        let (file, id) = f.question.split_once('.').unwrap_or_default();
        let Some(q) = all
            .iter()
            .filter(|(name, _)| name == file)
            .flat_map(|(_, t)| tables(t, "question"))
            .find(|q| str_of(q, "id") == Some(id))
        else {
            problems.push(format!("{at}: no such question"));
            continue;
        };
        let cites = strings(q, "sources")
            .iter()
            .any(|r| *r == format!("{REPORT}#{}", f.section) || *r == f.section);
        if !cites {
            problems.push(format!("{at}: the question does not cite {}", f.section));
        }
        let english = ["hint", "guidance"]
            .iter()
            .filter_map(|k| q.get(*k).and_then(Value::as_table))
            .filter_map(|t| str_of(t, "en"))
            .any(|en| squash(en).contains(&squash(&f.claim)));
        if !english {
            problems.push(format!("{at}: claim not in the question: {}", f.claim));
        }
    }
    problems
}

#[test]
fn questionnaires_follow_the_content_rules() {
    let all = load_questionnaires();
    assert!(all.len() >= 13, "expected the 13 shipped questionnaires");
    let problems = content_problems(&all);
    assert!(
        problems.is_empty(),
        "content problems:\n{}",
        problems.join("\n")
    );
}

#[test]
fn profiles_name_existing_questionnaires() {
    let known: BTreeSet<String> = load_questionnaires()
        .into_iter()
        .map(|(id, _)| id)
        .collect();
    let profiles = parse(&root().join("questionnaires/profiles.toml"));
    let problems = profile_problems(&profiles, &known);
    assert!(
        problems.is_empty(),
        "profile problems:\n{}",
        problems.join("\n")
    );
    for expected in [
        "draft-evader",
        "reserve-officer",
        "deserter-contract",
        "lgbtiq",
        "critic-activist",
    ] {
        assert!(
            tables(&profiles, "profile")
                .iter()
                .any(|p| str_of(p, "id") == Some(expected)),
            "profile `{expected}` is missing"
        );
    }
}

#[test]
fn every_section_is_cited_or_explained() {
    let cited = citations(&load_questionnaires());
    for (number, title) in sections() {
        let explained = UNCITED.iter().any(|(n, _)| n == number);
        assert!(
            cited.contains_key(number.as_str()) || explained,
            "section {number} ({title}) is cited by no question and has no reason in UNCITED"
        );
        assert!(
            !(cited.contains_key(number.as_str()) && explained),
            "section {number} is cited now; remove it from UNCITED"
        );
    }
}

#[test]
fn every_fact_quote_occurs_in_its_section() {
    let facts = facts();
    assert!(facts.len() >= 30, "{} facts", facts.len());
    let problems = fact_problems(&facts, &load_questionnaires());
    assert!(problems.is_empty(), "fact table:\n{}", problems.join("\n"));
}

#[test]
fn the_fact_check_rejects_a_misquote() {
    let mut facts = facts();
    facts.truncate(1);
    facts[0].quote.push_str(" en dat is verzonnen");
    facts[0].claim = "a claim no question makes".into();
    let problems = fact_problems(&facts, &load_questionnaires()).join("\n");
    assert!(problems.contains("quote not in the section"), "{problems}");
    assert!(problems.contains("claim not in the question"), "{problems}");
}

#[test]
fn coverage_doc_is_up_to_date() {
    let rendered = render_coverage(&load_questionnaires());
    let path = root().join(COVERAGE_PATH);
    if std::env::var_os("UPDATE_COVERAGE").is_some() {
        std::fs::write(&path, &rendered)
            .unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
    }
    let on_disk = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        on_disk == rendered,
        "{COVERAGE_PATH} is stale or missing; {REGENERATE}"
    );
}

fn sample(text: &str) -> Vec<(String, Table)> {
    vec![(
        "bad".to_owned(),
        text.parse::<Table>().expect("sample parses"),
    )]
}

#[test]
fn the_checks_reject_bad_content() {
    let bad = r#"
        id = "bad"
        version = 1
        topic = "military"
        colour = "red"
        title = { nl = "x", en = "x" }
        description = { nl = "x" }
        sources = ["nosuchdoc#1"]

        [[question]]
        id = "Q1"
        kind = "yes_no"
        text = { nl = "x", en = "x", ru = "x" }
        hint = { nl = "x", en = "x", ru = "x" }
        guidance = { nl = "x", en = "x" }
        sources = ["ambtsbericht-rf-2025#9.9", "brief-moratorium-2022#1"]
        keywords = []
        show_if = 'missing == "yes"'

        [[section]]
        id = "one"
        title = { nl = "x", en = "x" }

        [[section]]
        id = "two"
        title = { nl = "x", en = "x" }

        [[question]]
        id = "first"
        section = "one"
        kind = "yes_no"
        text = { nl = "x", en = "x" }
        hint = { nl = "x", en = "x" }
        guidance = { nl = "x", en = "x" }
        sources = ["brief-moratorium-2022"]
        keywords = ["k"]

        [[question]]
        id = "second"
        section = "two"
        kind = "yes_no"
        text = { nl = "x", en = "x" }
        hint = { nl = "x", en = "x" }
        guidance = { nl = "x", en = "x" }
        sources = ["brief-moratorium-2022"]
        keywords = ["k"]

        [[question]]
        id = "pick"
        section = "one"
        kind = "single_choice"
        required = "must"
        show_if = 'pick == "maybe"'
        text = { nl = "x", en = "x" }
        hint = { nl = "x", en = "x" }
        guidance = { nl = "x", en = "x" }
        sources = ["ambtsbericht-rf-2025#1.1/p2"]
        keywords = ["k"]
        choices = [{ value = "a", label = { nl = "a", en = "a" } }]
    "#;
    let problems = content_problems(&sample(bad)).join("\n");
    for expected in [
        "unknown key `colour`",
        "description: missing `en`",
        "unknown document `nosuchdoc`",
        "question id is invalid",
        "hint: unknown language key `ru`",
        "`ambtsbericht-rf-2025#9.9` names no numbered section",
        "cite `brief-moratorium-2022` as a whole",
        "needs at least one keyword",
        "unknown question `missing`",
        "may not depend on show_if",
        "compares `pick` (single_choice) with `maybe`",
        "cite sections, not paragraphs",
        "choices (>= 2)",
        "section `one` are not contiguous",
        "declares sections, so every question needs one",
    ] {
        assert!(
            problems.contains(expected),
            "expected `{expected}` in:\n{problems}"
        );
    }
    let profiles: Table = r#"
        [[profile]]
        id = "Bad"
        title = { nl = "x", en = "x" }
        description = { nl = "x", en = "x" }
        topics = ["summons", "nope"]
    "#
    .parse()
    .expect("sample parses");
    let known: BTreeSet<String> = ["summons".to_owned()].into();
    let problems = profile_problems(&profiles, &known).join("\n");
    assert!(problems.contains("id is invalid"), "{problems}");
    assert!(
        problems.contains("must start with identity_travel"),
        "{problems}"
    );
    assert!(
        problems.contains("unknown questionnaire `nope`"),
        "{problems}"
    );
}

#[test]
fn coverage_counts_only_the_cited_section() {
    let one = sample(
        r#"
        id = "bad"
        [[question]]
        id = "q"
        sources = ["ambtsbericht-rf-2025#1.1.3.2", "brief-moratorium-2022"]
        "#,
    );
    let cited = citations(&one);
    assert_eq!(cited.get("1.1.3.2"), Some(&vec!["bad.q".to_owned()]));
    assert!(!cited.contains_key("1.1.3"), "parents must not be credited");
    let doc = render_coverage(&one);
    assert!(doc.contains("| 1.1.3.2 | Negeren van oproepen – andere maatregelen | `bad.q` |"));
    assert!(doc.contains("| 1.1.3 | Digitale oproep en invallen | — (not cited) |"));
}

/// Problems in one case walk-through (docs/cases/*.md): each numbered row
/// must name at least one existing, non-retired question of the profile.
fn case_problems(name: &str, text: &str, all: &[(String, Table)], profiles: &Table) -> Vec<String> {
    let mut problems = Vec::new();
    let profile = text
        .lines()
        .find_map(|l| l.strip_prefix("Profile: `"))
        .and_then(|l| l.split('`').next())
        .unwrap_or_default();
    let topics: Vec<String> = tables(profiles, "profile")
        .iter()
        .find(|p| str_of(p, "id") == Some(profile))
        .map(|p| strings(p, "topics"))
        .unwrap_or_default();
    if topics.is_empty() {
        problems.push(format!("{name}: no known `Profile:` line"));
    }
    let live = |full: &str| {
        let (file, id) = full.split_once('.').unwrap_or_default();
        all.iter()
            .filter(|(f, _)| f == file)
            .flat_map(|(_, t)| tables(t, "question"))
            .any(|q| {
                str_of(q, "id") == Some(id)
                    && q.get("retired").and_then(Value::as_bool) != Some(true)
            })
    };
    let mut rows = 0;
    for line in text.lines() {
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        if cells.len() < 4 || !cells[1].chars().all(|c| c.is_ascii_digit()) || cells[1].is_empty() {
            continue;
        }
        rows += 1;
        let captured = cells[cells.len() - 2];
        let ids: Vec<&str> = captured.split('`').skip(1).step_by(2).collect();
        if ids.is_empty() {
            problems.push(format!("{name} row {}: no question", cells[1]));
        }
        for id in ids {
            let in_profile = topics
                .iter()
                .any(|t| id.split('.').next() == Some(t.as_str()));
            if !live(id) || !in_profile {
                problems.push(format!(
                    "{name} row {}: `{id}` is not a live question of profile `{profile}`",
                    cells[1]
                ));
            }
        }
    }
    // The list of what the story leaves open names questions too.
    for line in text.lines().filter(|l| l.starts_with("- ")) {
        for id in line
            .split('`')
            .skip(1)
            .step_by(2)
            .filter(|i| i.contains('.'))
        {
            if !live(id)
                || !topics
                    .iter()
                    .any(|t| id.split('.').next() == Some(t.as_str()))
            {
                problems.push(format!(
                    "{name}: `{id}` is not a live question of `{profile}`"
                ));
            }
        }
    }
    if rows < 15 {
        problems.push(format!("{name}: only {rows} facts"));
    }
    problems
}

#[test]
fn case_walkthroughs_map_every_fact_to_a_question_of_the_profile() {
    let all = load_questionnaires();
    let profiles = parse(&root().join("questionnaires/profiles.toml"));
    let mut problems = Vec::new();
    for name in ["kuzmin.md", "moechametov.md", "fictional-lgbtiq.md"] {
        let path = root().join("docs/cases").join(name);
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        problems.extend(case_problems(name, &text, &all, &profiles));
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    let bad = "Profile: `lgbtiq`.\n\n| 1 | a fact | `summons.received` |\n| 2 | a note only | — |\n| 3 | gone | `conscription.age_on_2024` |\n";
    let found = case_problems("bad.md", bad, &all, &profiles).join("\n");
    assert!(found.contains("row 2: no question"), "{found}");
    assert!(
        found.contains("`conscription.age_on_2024` is not a live question"),
        "{found}"
    );
}
