//! Refs: `DOC`, `DOC#SECTION`, `DOC#SECTION/pN`, `DOC#pN` (paragraphs
//! outside any section, i.e. in documents without numbered sections).

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use serde::Serialize;

use super::Corpus;
use super::model::{Document, Footnote, Paragraph, Section};

/// What a ref points at: a document, optionally one section, and the
/// paragraphs it covers (a section's own paragraphs; all for a document).
#[derive(Debug, Clone, Copy)]
pub struct Resolved<'a> {
    pub document: &'a Document,
    pub section: Option<&'a Section>,
    /// Index of the first covered paragraph in `document.paragraphs`.
    pub first: usize,
    pub paragraphs: &'a [Paragraph],
    /// The `N` when the ref named one paragraph (`/pN` or `#pN`).
    pub paragraph: Option<usize>,
}

impl<'a> Resolved<'a> {
    /// The canonical form of the ref that was resolved.
    pub fn reference(&self) -> String {
        let id = &self.document.meta.id;
        match (self.section, self.paragraph) {
            (_, Some(_)) => self.document.paragraph_ref(self.first),
            (Some(s), None) => format!("{id}#{}", s.id),
            (None, None) => id.clone(),
        }
    }

    /// The footnotes cited by the covered paragraphs, in order of citation,
    /// each once.
    pub fn footnotes(&self) -> Vec<&'a Footnote> {
        let mut seen = Vec::new();
        for p in self.paragraphs {
            for &n in &p.footnotes {
                if !seen.contains(&n) {
                    seen.push(n);
                }
            }
        }
        seen.iter()
            .filter_map(|&n| self.document.footnote(n))
            .collect()
    }

    /// The canonical ref of each covered paragraph.
    pub fn paragraph_refs(&self) -> impl Iterator<Item = String> + '_ {
        (self.first..self.first + self.paragraphs.len()).map(|i| self.document.paragraph_ref(i))
    }
}

/// One paragraph with everything the search index and the source pane need.
#[derive(Debug, Clone, Serialize)]
pub struct PassageView<'a> {
    pub reference: String,
    pub doc_id: &'a str,
    pub doc_title: &'a str,
    pub language: &'a str,
    pub section_id: Option<&'a str>,
    pub section_number: Option<&'a str>,
    pub section_title: Option<&'a str>,
    pub subheading: Option<&'a str>,
    pub text: &'a str,
    pub footnotes: Vec<&'a Footnote>,
    #[serde(skip)]
    pub paragraph: &'a Paragraph,
}

impl<'a> PassageView<'a> {
    pub(super) fn new(doc: &'a Document, index: usize) -> PassageView<'a> {
        let p = &doc.paragraphs[index];
        let section = p.section.map(|s| &doc.sections[s]);
        PassageView {
            reference: doc.paragraph_ref(index),
            doc_id: &doc.meta.id,
            doc_title: &doc.meta.title,
            language: &doc.meta.language,
            section_id: section.map(|s| s.id.as_str()),
            section_number: section.and_then(|s| s.number.as_deref()),
            section_title: section.map(|s| s.title.as_str()),
            subheading: p.subheading.as_deref(),
            text: &p.text,
            footnotes: p
                .footnotes
                .iter()
                .filter_map(|&n| doc.footnote(n))
                .collect(),
            paragraph: p,
        }
    }
}

impl Corpus {
    /// Resolve a ref; surrounding whitespace is ignored, everything else is exact.
    pub fn resolve(&self, reference: &str) -> Option<Resolved<'_>> {
        let r = super::Ref::split(reference.trim());
        let doc = self.document(r.doc)?;
        if r.section.is_none() && r.paragraph.is_none() {
            return Some(Resolved {
                document: doc,
                section: None,
                first: 0,
                paragraphs: &doc.paragraphs,
                paragraph: None,
            });
        }
        // A section may be called like a paragraph ("p4") in a simple layout.
        let (section_id, para) = match (r.section, r.paragraph) {
            (None, Some(p)) if doc.section(p).is_some() => (Some(p), None),
            other => other,
        };
        let section_index = match section_id {
            Some(id) => Some(doc.sections.iter().position(|s| s.id == id)?),
            None => None,
        };
        let section = section_index.map(|i| &doc.sections[i]);
        let range = match section {
            Some(s) => s.paragraphs.clone(),
            None => {
                let start = doc.paragraphs.iter().position(|p| p.section.is_none())?;
                let len = doc.paragraphs[start..]
                    .iter()
                    .take_while(|p| p.section.is_none())
                    .count();
                start..start + len
            }
        };
        let number = para.map(paragraph_number);
        let range = match number {
            None => range,
            Some(n) => {
                let n = n?;
                if n == 0 || n > range.len() {
                    return None;
                }
                let i = range.start + n - 1;
                i..i + 1
            }
        };
        Some(Resolved {
            document: doc,
            section,
            first: range.start,
            paragraphs: &doc.paragraphs[range],
            paragraph: number.flatten(),
        })
    }

    /// Every valid ref: documents, sections, paragraphs, in document order.
    pub fn refs(&self) -> Vec<String> {
        let mut out = Vec::new();
        for d in &self.documents {
            out.push(d.meta.id.clone());
            let mut last_section = None;
            for (i, p) in d.paragraphs.iter().enumerate() {
                // Sections come before their paragraphs; empty ones too.
                if let Some(s) = p.section {
                    let from = last_section.map_or(0, |l: usize| l + 1);
                    for si in from..=s {
                        out.push(d.section_ref(si));
                    }
                    last_section = Some(s);
                }
                out.push(d.paragraph_ref(i));
            }
            let from = last_section.map_or(0, |l| l + 1);
            for si in from..d.sections.len() {
                out.push(d.section_ref(si));
            }
        }
        out
    }

    /// The `n` valid refs nearest to a mistyped one (fuzzy match; shorter
    /// refs win ties so a section beats its paragraphs).
    pub fn suggest(&self, reference: &str, n: usize) -> Vec<String> {
        let reference = reference.trim();
        let matcher = SkimMatcherV2::default();
        let mut scored: Vec<(i64, String)> = self
            .refs()
            .into_iter()
            .filter_map(|r| {
                let score = matcher
                    .fuzzy_match(&r, reference)
                    .or_else(|| {
                        // Fall back to the part after '#', then to shared prefix.
                        let doc = super::Ref::split(reference).doc;
                        let tail = reference[doc.len()..].trim_start_matches('#');
                        matcher.fuzzy_match(&r, tail).map(|s| s / 2)
                    })
                    .unwrap_or_else(|| common_prefix(&r, reference) as i64);
                // Nearer in length breaks near-ties: a section beats its paragraphs.
                let len_gap = (r.len() as i64 - reference.len() as i64).abs();
                (score > 0).then_some((score * 4 - len_gap, r))
            })
            .collect();
        // Refs of the same shape as the query (paragraph or not) come first.
        let same_shape = |r: &str| r.contains('/') == reference.contains('/');
        scored.sort_by(|a, b| {
            same_shape(&b.1)
                .cmp(&same_shape(&a.1))
                .then(b.0.cmp(&a.0))
                .then(a.1.len().cmp(&b.1.len()))
                .then(a.1.cmp(&b.1))
        });
        scored.into_iter().take(n).map(|(_, r)| r).collect()
    }
}

fn paragraph_number(s: &str) -> Option<usize> {
    s.strip_prefix('p')?.parse().ok()
}

fn common_prefix(a: &str, b: &str) -> usize {
    a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count()
}
