//! Full-text search (BM25F) over corpus paragraphs, the COI glossary that
//! expands queries across Dutch, English and Russian, and fuzzy pickers for
//! short strings. Pure: no I/O.

mod adapter;
pub mod bm25;
pub mod dense;
mod derive;
pub mod eval;
mod fused;
pub mod fuzzy;
pub mod glossary;
mod pane;
pub mod snapshot;
pub mod snippet;
pub mod tokenize;

use std::ops::Range;

use serde::Serialize;

pub use adapter::{glossary_from, index_files, index_files_with_vectors, passages_from};
pub use bm25::{Index, IndexConfig};
pub use fused::{Method, Ranks};
pub use glossary::{Entry, Glossary, Note};

use crate::corpus::Ref;
use crate::i18n::Lang;

/// One searchable unit: a paragraph, with what it is indexed alongside.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct Passage {
    /// `DOC#SECTION/pN` or `DOC#pN`.
    pub reference: String,
    pub doc: String,
    /// Section number such as `1.1.3.2`; empty for unnumbered documents.
    pub section: String,
    pub section_title: String,
    pub text: String,
    pub footnotes: Vec<String>,
    pub lang: Lang,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hit {
    #[serde(rename = "ref")]
    pub reference: String,
    pub doc: String,
    pub section: String,
    pub section_title: String,
    pub score: f32,
    /// One line, already cleaned of control and bidi characters.
    pub snippet: String,
    /// Byte ranges into `snippet` of the words that matched.
    pub highlights: Vec<Range<usize>>,
    /// Why the hit ranks where it does (`search --explain`); set by the
    /// fused ranking.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ranks: Option<Ranks>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchOptions {
    pub limit: usize,
    /// Only passages of this document id.
    pub doc: Option<String>,
    /// Expand the query through the glossary.
    pub expand: bool,
}

impl Default for SearchOptions {
    fn default() -> Self {
        SearchOptions {
            limit: 10,
            doc: None,
            expand: true,
        }
    }
}

/// Whether a passage falls under a ref: `DOC` takes the whole document,
/// `DOC#1.1.3` the section and its subsections, `DOC#1.1.3/p2` or `DOC#p2`
/// exactly that paragraph.
pub fn passage_within(passage: &Passage, target: &str) -> bool {
    let t = Ref::split(target);
    if passage.doc != t.doc {
        return false;
    }
    match (t.section, t.paragraph) {
        (None, None) => true,
        (_, Some(_)) => passage.reference == target,
        (Some(section), None) => section_within(&passage.section, section),
    }
}

/// `1.1.3.2` is within `1.1.3`; `1.1.30` is not.
pub fn section_within(section: &str, target: &str) -> bool {
    section == target
        || (section.starts_with(target) && section.as_bytes().get(target.len()) == Some(&b'.'))
}

/// The section part of a passage ref (`DOC#1.1.3/p2` → `1.1.3`).
pub fn ref_section(reference: &str) -> &str {
    Ref::split(reference).section.unwrap_or("")
}

/// Whether a hit's ref answers a target section ref (the evaluation rule).
pub fn ref_within(reference: &str, target: &str) -> bool {
    let t = Ref::split(target);
    Ref::split(reference).doc == t.doc
        && t.section
            .is_none_or(|s| section_within(ref_section(reference), s))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn passage(reference: &str, section: &str) -> Passage {
        Passage {
            reference: reference.into(),
            doc: reference.split('#').next().unwrap().into(),
            section: section.into(),
            section_title: String::new(),
            text: String::new(),
            footnotes: vec![],
            lang: Lang::Nl,
        }
    }

    #[test]
    fn refs_select_documents_sections_and_paragraphs() {
        let p = passage("rap#1.1.3.2/p2", "1.1.3.2");
        assert!(passage_within(&p, "rap"));
        assert!(passage_within(&p, "rap#1.1.3"));
        assert!(passage_within(&p, "rap#1.1.3.2/p2"));
        assert!(!passage_within(&p, "rap#1.1.3.2/p1"));
        assert!(!passage_within(&p, "rap#1.1.30"));
        assert!(!passage_within(&p, "other#1.1.3"));
        let q = passage("brief#p3", "");
        assert!(passage_within(&q, "brief#p3"));
        assert!(!passage_within(&q, "brief#p4"));
    }

    #[test]
    fn hit_refs_are_matched_by_section_prefix() {
        assert!(ref_within("rap#1.1.3.2/p2", "rap#1.1.3"));
        assert!(!ref_within("rap#1.1.30/p1", "rap#1.1.3"));
        assert!(!ref_within("rap#1.1/p1", "rap#1.1.3"));
        assert!(ref_within("brief#p2", "brief"));
        assert_eq!(ref_section("brief#p2"), "");
        assert_eq!(ref_section("rap#2.2.1/p4"), "2.2.1");
    }
}
