//! The source documents: parsed into sections, paragraphs and footnotes,
//! addressed by stable refs (`DOC#1.1.3.1/p2`). See docs/corpus.md.

pub mod citation;
pub mod edition;
pub mod import;
mod markers;
pub mod meta;
mod model;
mod parsed;
mod reference;
mod refs;
mod report;
mod simple;
mod text;

use std::path::PathBuf;

use crate::assets::FileSet;
use crate::error::{Error, Result};

pub use meta::{DocumentMeta, Kind, Layout, LineHyphen, Period};
pub use model::{
    Document, Figure, Footnote, LinkList, Paragraph, ParagraphKind, ParseProblem, ProblemKind,
    Section,
};
pub use reference::Ref;
pub use refs::{PassageView, Resolved};

#[derive(Debug, Clone, Default)]
pub struct Corpus {
    /// Sorted by id.
    pub documents: Vec<Document>,
    pub problems: Vec<ParseProblem>,
    /// For sections of documents that a newer one supersedes, by section
    /// ref: what the newer edition did with them.
    pub newer: std::collections::BTreeMap<String, edition::Newer>,
}

impl Corpus {
    /// Every `<id>/document.toml` in `files`, with the text file it names.
    /// A bad `document.toml` or a missing text file is an error; a text the
    /// parser cannot fully place is kept, with `problems` saying where.
    pub fn load(files: &FileSet) -> Result<Corpus> {
        let mut corpus = Corpus::default();
        for file in &files.files {
            let Some(folder) = file.rel.strip_suffix("/document.toml") else {
                continue;
            };
            if folder.contains('/') {
                continue;
            }
            let path = files.display_path(file);
            let meta = meta::parse(&path, &file.text, folder)?;
            let text_rel = format!("{folder}/{}", meta.text);
            let Some(text) = files.get(&text_rel) else {
                return Err(Error::Parse {
                    path,
                    line: 1,
                    col: 1,
                    detail: crate::message::Msg::new("doc_text_missing", &[("file", &text_rel)]),
                });
            };
            let (doc, problems) = parse_document(meta, &text.text);
            corpus.problems.extend(problems);
            corpus.documents.push(doc);
        }
        corpus.documents.sort_by(|a, b| a.meta.id.cmp(&b.meta.id));
        corpus.newer = edition::newer_editions(&corpus.documents);
        Ok(corpus)
    }

    pub fn document(&self, id: &str) -> Option<&Document> {
        self.documents.iter().find(|d| d.meta.id == id)
    }

    /// What a newer edition did with the section `reference` is in (a
    /// paragraph ref counts for its section).
    pub fn newer_edition(&self, reference: &str) -> Option<&edition::Newer> {
        self.newer.get(&Ref::split(reference.trim()).section_ref())
    }

    pub fn footnote(&self, doc: &str, number: u32) -> Option<&Footnote> {
        self.document(doc)?.footnote(number)
    }

    /// (document id, section id, title) for every section, in order.
    pub fn sections(&self) -> impl Iterator<Item = (&str, &str, &str)> + '_ {
        self.documents.iter().flat_map(|d| {
            d.sections
                .iter()
                .map(move |s| (d.meta.id.as_str(), s.id.as_str(), s.title.as_str()))
        })
    }

    /// Every paragraph with its ref and context, for the search index.
    pub fn passages(&self) -> impl Iterator<Item = PassageView<'_>> + '_ {
        self.documents
            .iter()
            .flat_map(|d| (0..d.paragraphs.len()).map(move |i| PassageView::new(d, i)))
    }

    /// Where a file path in a problem or diagnostic points for a document.
    pub fn text_path(files: &FileSet, doc: &Document) -> PathBuf {
        let rel = format!("{}/{}", doc.meta.id, doc.meta.text);
        match files.get(&rel) {
            Some(f) => files.display_path(f),
            None => PathBuf::from(rel),
        }
    }
}

/// Parse one text with the layout its metadata names.
pub fn parse_document(meta: DocumentMeta, text: &str) -> (Document, Vec<ParseProblem>) {
    let parsed = match meta.layout {
        Layout::PdfReport => report::parse(text, meta.line_hyphen),
        layout @ (Layout::Letter | Layout::PressRelease | Layout::Article) => {
            simple::parse(text, layout, meta.line_hyphen)
        }
    };
    let mut problems: Vec<ParseProblem> = parsed
        .problems
        .into_iter()
        .map(|(line, kind)| ParseProblem {
            doc: meta.id.clone(),
            line,
            kind,
        })
        .collect();
    if parsed.paragraphs.is_empty() && parsed.sections.is_empty() {
        problems.push(ParseProblem {
            doc: meta.id.clone(),
            line: 0,
            kind: ProblemKind::Empty,
        });
    }
    let doc = Document {
        meta,
        sections: parsed.sections,
        paragraphs: parsed.paragraphs,
        footnotes: parsed.footnotes,
        figures: parsed.figures,
        link_lists: parsed.link_lists,
    };
    (doc, problems)
}
