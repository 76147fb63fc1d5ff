//! Every factual sentence of a hint or guidance has a row in the fact table
//! (docs/facts.toml, rendered into docs/coverage.md).
//!
//! "Factual" is mechanical, so the rule cannot be argued with: a sentence of
//! the English `hint` or `guidance` of a live (not retired) question is
//! factual when it contains an ASCII digit. That catches numbers, amounts,
//! years, dates, article numbers and every section citation such as
//! "(1.1.3)". Interview advice without a number is out of scope, and so are
//! the numbered references to law outside the corpus listed in
//! `OUTSIDE_THE_CORPUS` (Article 1F, UNHCR Guideline No. 9). The English
//! text stands for the Dutch one: `gehoor check` already fails when the nl
//! and en texts of a field carry different numbers.
//!
//! A sentence is covered when a fact row for the same question has a `claim`
//! that occurs in the sentence (whitespace aside). The Dutch text is held to
//! the same rows by count: each field has as many factual sentences in nl as
//! in en, so a Dutch fact cannot exist without the English one that has a row. `LIST_FACT_SENTENCES=1
//! cargo test --test it coverage_sentences:: -- --nocapture` prints every
//! factual sentence (nl and en) with its status: the script the table was
//! built with.

use crate::coverage::{
    Fact, facts, load_questionnaires, section_text, squash, str_of, strings, tables,
};
use std::collections::BTreeMap;
use toml::{Table, Value};

/// Abbreviations whose full stop does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "e.g.", "i.e.", "art.", "arts.", "no.", "cf.", "approx.", "St.", "ca.", "bijv.", "o.a.",
    "m.n.", "d.w.z.", "z.g.", "nr.", "incl.", "vs.",
];

/// Splits a text into sentences: a `.`, `?` or `!` (with any closing
/// bracket or quote) ends one when whitespace and an upper-case letter,
/// an opening quote or bracket follow, unless it closes an abbreviation.
pub(crate) fn sentences(text: &str) -> Vec<String> {
    let text = squash(text);
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < chars.len() {
        if matches!(chars[i], '.' | '?' | '!') {
            let mut end = i + 1;
            while end < chars.len() && matches!(chars[end], ')' | '’' | '”' | '"' | '\'') {
                end += 1;
            }
            let next = chars.get(end + 1).copied();
            let breaks = chars.get(end) == Some(&' ')
                && next.is_some_and(|c| c.is_uppercase() || matches!(c, '‘' | '“' | '(' | '"'));
            let word: String = chars[start..end]
                .iter()
                .collect::<String>()
                .rsplit(' ')
                .next()
                .unwrap_or_default()
                .trim_start_matches('(')
                .to_owned();
            if breaks && !ABBREVIATIONS.contains(&word.as_str()) {
                out.push(chars[start..end].iter().collect::<String>());
                start = end + 1;
                i = end;
            }
        }
        i += 1;
    }
    if start < chars.len() {
        out.push(chars[start..].iter().collect::<String>());
    }
    out.into_iter()
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
        .collect()
}

/// Numbered references to law and guidance outside the corpus (the Refugee
/// Convention's exclusion clause, UNHCR's numbered guidelines): they carry a
/// digit but state nothing about Russia or the report.
const OUTSIDE_THE_CORPUS: &[&str] = &[
    "Guidelines on International Protection No. 9",
    "Guideline No. 10",
    "Guideline 9",
    "UNHCR-richtlijn 9",
    "Article 1F",
    "artikel 1F",
    "1F",
];

pub(crate) fn is_factual(sentence: &str) -> bool {
    let mut rest = sentence.to_owned();
    for reference in OUTSIDE_THE_CORPUS {
        rest = rest.replace(reference, "");
    }
    rest.chars().any(|c| c.is_ascii_digit())
}

/// One factual sentence: question id, field, language, text.
pub(crate) struct Sentence {
    pub(crate) question: String,
    pub(crate) field: &'static str,
    pub(crate) lang: &'static str,
    pub(crate) text: String,
}

pub(crate) fn factual_sentences(all: &[(String, Table)], lang: &'static str) -> Vec<Sentence> {
    let mut out = Vec::new();
    for (file, t) in all {
        for q in tables(t, "question") {
            if q.get("retired").and_then(Value::as_bool) == Some(true) {
                continue;
            }
            let id = format!("{file}.{}", str_of(q, "id").unwrap_or_default());
            for field in ["hint", "guidance"] {
                let Some(text) = q
                    .get(field)
                    .and_then(Value::as_table)
                    .and_then(|t| str_of(t, lang))
                else {
                    continue;
                };
                for s in sentences(text).into_iter().filter(|s| is_factual(s)) {
                    out.push(Sentence {
                        question: id.clone(),
                        field,
                        lang,
                        text: s,
                    });
                }
            }
        }
    }
    out
}

/// The first question of the shipped summons.toml, for tests that plant a
/// sentence in it.
fn first_summons_question(all: &mut [(String, Table)]) -> &mut Table {
    let (_, t) = all
        .iter_mut()
        .find(|(f, _)| f == "summons")
        .expect("summons ships");
    t.get_mut("question")
        .and_then(Value::as_array_mut)
        .and_then(|a| a.first_mut())
        .and_then(Value::as_table_mut)
        .expect("summons has questions")
}

fn covered(s: &Sentence, facts: &[Fact]) -> bool {
    let text = squash(&s.text);
    facts.iter().any(|f| {
        f.question == s.question && !f.claim.is_empty() && text.contains(&squash(&f.claim))
    })
}

/// The factual English sentences no fact row covers.
fn uncovered(all: &[(String, Table)], facts: &[Fact]) -> Vec<String> {
    factual_sentences(all, "en")
        .iter()
        .filter(|s| !covered(s, facts))
        .map(|s| format!("{} {}: {}", s.question, s.field, s.text))
        .collect()
}

#[test]
fn every_factual_sentence_has_a_row_in_the_fact_table() {
    let all = load_questionnaires();
    let facts = facts();
    if std::env::var_os("LIST_FACT_SENTENCES").is_some() {
        for lang in ["nl", "en"] {
            for s in factual_sentences(&all, lang) {
                let status = if lang == "en" && !covered(&s, &facts) {
                    "MISSING"
                } else {
                    ""
                };
                println!(
                    "{status}\t{}\t{}\t{}\t{}",
                    s.question, s.field, s.lang, s.text
                );
            }
        }
        // The section texts and each question's sources, for a script that
        // proposes the report sentence nearest to each uncovered claim.
        for (n, _) in crate::coverage::sections() {
            println!("SECTION\t{n}\t{}", section_text(n).unwrap_or_default());
        }
        for (file, t) in &all {
            for q in tables(t, "question") {
                let id = str_of(q, "id").unwrap_or_default();
                println!("SOURCES\t{file}.{id}\t{}", strings(q, "sources").join(" "));
            }
        }
    }
    let missing = uncovered(&all, &facts);
    assert!(
        missing.is_empty(),
        "{} factual hint/guidance sentences have no row in docs/facts.toml:\n{}",
        missing.len(),
        missing.join("\n")
    );
}

#[test]
fn the_sentence_rule_flags_a_new_fact_and_splits_as_documented() {
    assert_eq!(
        sentences("Under art. 328 it is 2 years (1.4.1). Ask why! ‘Quoted’ here."),
        [
            "Under art. 328 it is 2 years (1.4.1).",
            "Ask why!",
            "‘Quoted’ here."
        ]
    );
    assert!(is_factual("see (1.1.3)"));
    assert!(!is_factual("Ask what happened next."));
    assert!(!is_factual("Be alert to possible 1F aspects."));
    assert!(is_factual("Article 1F and art. 275 apply."));
    let mut all = load_questionnaires();
    let facts = facts();
    let q = first_summons_question(&mut all);
    let id = format!("summons.{}", str_of(q, "id").unwrap_or_default());
    let hint = q
        .entry("hint")
        .or_insert_with(|| Value::Table(Table::new()))
        .as_table_mut()
        .expect("hint is a table");
    hint.insert(
        "en".into(),
        Value::String("Fines rose to 99,999 roubles in 2031 (1.1.3).".into()),
    );
    let missing = uncovered(&all, &facts).join("\n");
    assert!(
        missing.contains(&format!("{id} hint: Fines rose to 99,999 roubles")),
        "{missing}"
    );
}

/// Factual sentences per question and field, in one language.
fn counts(all: &[(String, Table)], lang: &'static str) -> BTreeMap<(String, &'static str), usize> {
    let mut out = BTreeMap::new();
    for s in factual_sentences(all, lang) {
        *out.entry((s.question, s.field)).or_insert(0) += 1;
    }
    out
}

fn count_mismatches(all: &[(String, Table)]) -> Vec<String> {
    let (nl, en) = (counts(all, "nl"), counts(all, "en"));
    let keys: std::collections::BTreeSet<_> = nl.keys().chain(en.keys()).collect();
    keys.into_iter()
        .filter(|k| nl.get(*k) != en.get(*k))
        .map(|(q, f)| {
            let n =
                |m: &BTreeMap<(String, &str), usize>| m.get(&(q.clone(), *f)).copied().unwrap_or(0);
            format!(
                "{q} {f}: {} factual sentences in nl, {} in en",
                n(&nl),
                n(&en)
            )
        })
        .collect()
}

#[test]
fn dutch_and_english_have_as_many_factual_sentences() {
    let mut all = load_questionnaires();
    let problems = count_mismatches(&all);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    // A Dutch fact added without its English counterpart is caught.
    let q = first_summons_question(&mut all);
    let g = q
        .entry("guidance")
        .or_insert_with(|| Value::Table(Table::new()))
        .as_table_mut()
        .expect("guidance is a table");
    let nl = format!(
        "{} Boetes stegen in 2031 (1.1.3).",
        str_of(g, "nl").unwrap_or_default()
    );
    g.insert("nl".into(), Value::String(nl));
    let found = count_mismatches(&all).join("\n");
    assert!(
        found.contains("summons.") && found.contains("in nl"),
        "{found}"
    );
}
