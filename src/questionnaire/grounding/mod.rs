//! Grounding rules: the numbers in a hint or guidance (amounts, years, dates,
//! article numbers) must be in the text or footnotes of a section the
//! question cites; Dutch and English state the same numbers; a section named
//! in the text as "(1.1.3)" is among the question's sources; a questionnaire
//! says `as_of` which reporting period its guidance describes.
//!
//! Numbers written out in words are not checked: the rules catch the figures
//! a reader would look up, not every claim.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

mod numbers;

use numbers::{Found, normalize, numbers, scan};

use super::code::Code;
use super::diag::{Diagnostic, Severity, make};
use super::load::Loaded;
use super::model::{Question, Questionnaire, Text};
use crate::corpus::Corpus;

/// The marker that lets one number through for one question, with a reason:
/// `# grounding-exception 1995: the press release's dates, given as context`.
pub const EXCEPTION_MARKER: &str = "grounding-exception";

/// What the corpus says, reduced to what the rules need.
#[derive(Debug, Clone, Default)]
pub struct Grounds {
    passages: Vec<Passage>,
    /// Document id → last month of its reporting period (`YYYY-MM`).
    periods: BTreeMap<String, String>,
    /// Every section number of every document.
    sections: BTreeSet<String>,
}

#[derive(Debug, Clone)]
struct Passage {
    reference: String,
    doc: String,
    section: Option<String>,
    numbers: BTreeSet<String>,
}

impl Grounds {
    pub fn from_corpus(corpus: &Corpus) -> Grounds {
        let mut g = Grounds::default();
        for d in &corpus.documents {
            let id = &d.meta.id;
            if let Some(p) = &d.meta.reporting_period {
                g.periods
                    .insert(id.clone(), p.to.chars().take(7).collect::<String>());
            }
            for s in &d.sections {
                g.sections.insert(s.id.clone());
            }
            for (i, p) in d.paragraphs.iter().enumerate() {
                let mut text = p.text.clone();
                if let Some(h) = &p.subheading {
                    text.push(' ');
                    text.push_str(h);
                }
                for f in p.footnotes.iter().filter_map(|&n| d.footnote(n)) {
                    text.push(' ');
                    text.push_str(&f.text);
                }
                g.passages.push(Passage {
                    reference: d.paragraph_ref(i),
                    doc: id.clone(),
                    section: p.section.map(|s| d.sections[s].id.clone()),
                    numbers: numbers(&text).into_iter().map(|n| n.value).collect(),
                });
            }
        }
        g
    }

    fn is_empty(&self) -> bool {
        self.passages.is_empty()
    }

    /// The passages a source ref covers: a document, a section's own
    /// paragraphs (not its subsections'), or one paragraph.
    fn covered<'a>(&'a self, source: &'a str) -> impl Iterator<Item = &'a Passage> + 'a {
        let (doc, rest) = source.split_once('#').unwrap_or((source, ""));
        self.passages.iter().filter(move |p| {
            p.doc == doc
                && (rest.is_empty()
                    || p.reference == source
                    || (!rest.contains('/') && p.section.as_deref() == Some(rest)))
        })
    }

    /// Up to three paragraph refs where `number` occurs, or none.
    fn locate(&self, number: &str) -> Vec<&str> {
        self.passages
            .iter()
            .filter(|p| p.numbers.contains(number))
            .map(|p| p.reference.as_str())
            .take(3)
            .collect()
    }
}

/// `YYYY-MM`, month 01–12.
pub fn is_year_month(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 7
        && b[..4].iter().all(u8::is_ascii_digit)
        && b[4] == b'-'
        && matches!((b[5], b[6]), (b'0', b'1'..=b'9') | (b'1', b'0'..=b'2'))
}

/// The file text from this question's `[[question]]` header to the next.
fn region(file: &str, q: &Question) -> Range<usize> {
    let at = q.spans.id.start.min(file.len());
    let start = file[..at].rfind("[[question]]").unwrap_or(at);
    let end = file[at..]
        .find("[[question]]")
        .map_or(file.len(), |e| at + e);
    start..end
}

/// Exceptions written in the question's region: number → reason, and the
/// span of each marker.
fn exceptions(file: &str, region: &Range<usize>) -> Vec<(String, String, Range<usize>)> {
    let mut out = Vec::new();
    let mut offset = region.start;
    for line in file[region.clone()].split_inclusive('\n') {
        if let Some(pos) = line.find('#')
            && let Some(rest) = line[pos + 1..].trim_start().strip_prefix(EXCEPTION_MARKER)
        {
            let (number, reason) = rest.split_once(':').unwrap_or((rest, ""));
            let span = offset + pos..offset + line.trim_end().len();
            out.push((normalize(number.trim()), reason.trim().to_string(), span));
        }
        offset += line.len();
    }
    out
}

struct Out<'a> {
    loaded: &'a Loaded,
    diags: Vec<Diagnostic>,
}

impl Out<'_> {
    fn warn(
        &mut self,
        qn: &Questionnaire,
        code: Code,
        span: Range<usize>,
        args: &[(&'static str, &str)],
    ) {
        let text = self.loaded.texts.get(&qn.path).map_or("", String::as_str);
        self.diags.push(make(
            Severity::Warning,
            code,
            &qn.path,
            text,
            span,
            args,
            None,
        ));
    }
}

/// Where `raw` is written in the question's `field` (`hint`, `guidance`),
/// or failing that anywhere in its region, or the question id.
fn span_of(
    file: &str,
    region: &Range<usize>,
    field: &str,
    raw: &str,
    q: &Question,
) -> Range<usize> {
    let text = &file[region.clone()];
    let key = [format!("\n{field} ="), format!(".{field}]")]
        .iter()
        .filter_map(|k| text.find(k.as_str()))
        .min()
        .unwrap_or(0);
    text[key..]
        .find(raw)
        .map(|i| key + i)
        .or_else(|| text.find(raw))
        .map_or(q.spans.id.clone(), |i| {
            region.start + i..region.start + i + raw.len()
        })
}

pub(crate) fn check(loaded: &Loaded, grounds: &Grounds) -> Vec<Diagnostic> {
    let mut out = Out {
        loaded,
        diags: Vec::new(),
    };
    for qn in &loaded.catalog.questionnaires {
        let file = loaded.texts.get(&qn.path).map_or("", String::as_str);
        as_of(&mut out, qn, grounds);
        for q in &qn.questions {
            let reg = region(file, q);
            let allowed = exceptions(file, &reg);
            for (number, reason, span) in &allowed {
                if reason.is_empty() {
                    out.warn(
                        qn,
                        Code::GroundingMarker,
                        span.clone(),
                        &[("number", number)],
                    );
                }
            }
            let excepted = |v: &str| allowed.iter().any(|(n, r, _)| n == v && !r.is_empty());
            let used = std::cell::RefCell::new(BTreeSet::new());
            // An exception counts as used when it lets through a number that
            // would otherwise be reported.
            let let_through = |v: &str| {
                let yes = excepted(v);
                if yes {
                    used.borrow_mut().insert(v.to_string());
                }
                yes
            };
            for (field, text) in [("hint", &q.hint), ("guidance", &q.guidance)] {
                check_text(
                    &mut out,
                    qn,
                    q,
                    field,
                    text,
                    grounds,
                    file,
                    &reg,
                    &let_through,
                );
            }
            // Without the corpus the grounding of numbers is not checked, so
            // an exception may look unused when it is not.
            if !grounds.is_empty() {
                for (number, reason, span) in &allowed {
                    if !reason.is_empty() && !used.borrow().contains(number) {
                        out.warn(
                            qn,
                            Code::UnusedException,
                            span.clone(),
                            &[("number", number)],
                        );
                    }
                }
            }
        }
    }
    out.diags
}

#[allow(clippy::too_many_arguments)]
fn check_text(
    out: &mut Out,
    qn: &Questionnaire,
    q: &Question,
    field: &str,
    text: &Text,
    grounds: &Grounds,
    file: &str,
    reg: &Range<usize>,
    excepted: &dyn Fn(&str) -> bool,
) {
    let nl = scan(&text.nl, &grounds.sections);
    let en = scan(&text.en, &grounds.sections);
    let values =
        |f: &Found| -> BTreeSet<String> { f.figures.iter().map(|n| n.value.clone()).collect() };
    let (nl_set, en_set) = (values(&nl), values(&en));
    let mut reported = BTreeSet::new();
    for (has, lacks, found, missing) in [("nl", "en", &nl, &en_set), ("en", "nl", &en, &nl_set)] {
        for n in &found.figures {
            if !missing.contains(&n.value) && !excepted(&n.value) && reported.insert(&n.value) {
                let span = span_of(file, reg, field, &n.raw, q);
                out.warn(
                    qn,
                    Code::NumberMismatch,
                    span,
                    &[
                        ("field", field),
                        ("question", &q.id),
                        ("number", &n.raw),
                        ("has", has),
                        ("lacks", lacks),
                    ],
                );
            }
        }
    }
    if grounds.is_empty() {
        return;
    }
    let cited: BTreeSet<&String> = q
        .sources
        .iter()
        .flat_map(|s| grounds.covered(s))
        .flat_map(|p| p.numbers.iter())
        .collect();
    let mut seen = BTreeSet::new();
    for n in nl.figures.iter().chain(&en.figures) {
        if cited.contains(&n.value) || !seen.insert(n.value.clone()) || excepted(&n.value) {
            continue;
        }
        let places = grounds.locate(&n.value).join(", ");
        let code = if places.is_empty() {
            Code::UnknownNumber
        } else {
            Code::UngroundedNumber
        };
        let span = span_of(file, reg, field, &n.raw, q);
        out.warn(
            qn,
            code,
            span,
            &[
                ("field", field),
                ("question", &q.id),
                ("number", &n.raw),
                ("found", &places),
            ],
        );
    }
    let mut named = BTreeSet::new();
    for s in nl.sections.iter().chain(&en.sections) {
        let listed = q.sources.iter().any(|r| {
            r.split_once('#')
                .is_some_and(|(_, rest)| rest.split('/').next() == Some(&s.raw))
        });
        if !listed && named.insert(s.raw.clone()) {
            let cited = format!("({}", s.raw);
            let span = match file[reg.clone()].find(&cited) {
                Some(i) => reg.start + i + 1..reg.start + i + cited.len(),
                None => span_of(file, reg, field, &s.raw, q),
            };
            out.warn(
                qn,
                Code::UncitedSection,
                span,
                &[("field", field), ("question", &q.id), ("section", &s.raw)],
            );
        }
    }
}

/// The questionnaire's `as_of` against the reporting periods it cites.
fn as_of(out: &mut Out, qn: &Questionnaire, grounds: &Grounds) {
    let docs: BTreeSet<&str> = qn
        .sources
        .iter()
        .chain(qn.questions.iter().flat_map(|q| q.sources.iter()))
        .map(|r| r.split('#').next().unwrap_or(r))
        .collect();
    let Some((doc, to)) = docs
        .iter()
        .filter_map(|d| grounds.periods.get(*d).map(|t| (*d, t)))
        .max_by(|a, b| a.1.cmp(b.1))
    else {
        return;
    };
    match &qn.as_of {
        None => out.warn(
            qn,
            Code::AsOfMissing,
            qn.spans.id.clone(),
            &[("doc", doc), ("to", to)],
        ),
        Some(v) if v != to => out.warn(
            qn,
            Code::AsOfMismatch,
            qn.spans.as_of.clone(),
            &[("value", v), ("doc", doc), ("to", to)],
        ),
        Some(_) => {}
    }
}

#[cfg(test)]
mod tests {
    use super::is_year_month;

    #[test]
    fn year_month_is_strict() {
        assert!(is_year_month("2025-01"));
        assert!(!is_year_month("2025-13"));
        assert!(!is_year_month("2025-1"));
        assert!(!is_year_month("januari 2025"));
    }
}
