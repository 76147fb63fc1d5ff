//! Two editions of a document: which section became which, what changed
//! inside, and what that means for a ref into the old edition. Pure: the
//! CLI prints, `check` and `questionnaires migrate` use the verdicts.
//! See docs/corpus.md ("When a new edition comes out").

mod align;
mod content;
mod fate;
pub mod rewrite;
mod words;

use std::collections::BTreeMap;

use serde::Serialize;

use super::Document;

pub use align::Change;
pub use content::normalize as content_normalize;
pub use fate::{Fate, fate};
pub use words::{FootnoteChange, SectionDiff, SentenceChange, Tag, Words, inline, word_diff};

/// The sections of `old` aligned with those of `new`.
pub struct EditionDiff<'a> {
    pub old: &'a Document,
    pub new: &'a Document,
    /// One per section of `old`, in its order.
    pub changes: Vec<Change>,
    /// Sections of `new` that nothing in `old` became.
    pub added: Vec<usize>,
    /// For each `Edited` change, what changed; empty otherwise.
    pub details: Vec<SectionDiff>,
}

/// How many sections of the old edition fell in each class.
#[derive(Debug, Default, Clone, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub unchanged: usize,
    pub renumbered: usize,
    pub edited: usize,
    pub split: usize,
    pub merged: usize,
    pub removed: usize,
    pub new: usize,
}

impl<'a> EditionDiff<'a> {
    pub fn compare(old: &'a Document, new: &'a Document) -> EditionDiff<'a> {
        let old_text = content::section_texts(old);
        let new_text = content::section_texts(new);
        let (changes, added) = align::align(&old_text, &new_text);
        let details = changes
            .iter()
            .enumerate()
            .map(|(o, c)| match c {
                Change::Edited { new } => words::section_diff(&old_text[o], &new_text[*new]),
                _ => SectionDiff::default(),
            })
            .collect();
        EditionDiff {
            old,
            new,
            changes,
            added,
            details,
        }
    }

    pub fn counts(&self) -> Counts {
        let mut c = Counts {
            new: self.added.len(),
            ..Counts::default()
        };
        for change in &self.changes {
            *match change {
                Change::Unchanged { .. } => &mut c.unchanged,
                Change::Renumbered { .. } => &mut c.renumbered,
                Change::Edited { .. } => &mut c.edited,
                Change::Split { .. } => &mut c.split,
                Change::Merged { .. } => &mut c.merged,
                Change::Removed => &mut c.removed,
            } += 1;
        }
        c
    }

    /// What became of the old section with this id.
    pub fn change_of(&self, section_id: &str) -> Option<(usize, &Change)> {
        let o = self.old.sections.iter().position(|s| s.id == section_id)?;
        Some((o, &self.changes[o]))
    }

    /// The new section's ref, `NEW#ID`.
    pub fn new_ref(&self, new_section: usize) -> String {
        self.new.section_ref(new_section)
    }

    /// "1.1.3.1 Title" of a section of either edition, for listings.
    pub fn label(doc: &Document, section: usize) -> String {
        let s = &doc.sections[section];
        match &s.number {
            Some(n) => format!("{n} {}", s.title),
            None => s.title.clone(),
        }
    }
}

/// What a newer edition did with one section of an older one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Newer {
    /// The newer document's id.
    pub doc: String,
    /// `Change::class`: unchanged, renumbered, edited, split, merged, removed.
    pub class: &'static str,
    /// Refs of the sections it went to.
    pub targets: Vec<String>,
}

/// Keyed by section ref (`OLD#1.1.3`): every section of every document that
/// another document `supersedes`. Empty when no document supersedes another.
pub fn newer_editions(documents: &[Document]) -> BTreeMap<String, Newer> {
    let mut out = BTreeMap::new();
    for new in documents {
        let Some(old) = new
            .meta
            .supersedes
            .as_ref()
            .and_then(|id| documents.iter().find(|d| &d.meta.id == id))
        else {
            continue;
        };
        let diff = EditionDiff::compare(old, new);
        for (o, change) in diff.changes.iter().enumerate() {
            out.insert(
                old.section_ref(o),
                Newer {
                    doc: new.meta.id.clone(),
                    class: change.class(),
                    targets: change.targets().iter().map(|&n| diff.new_ref(n)).collect(),
                },
            );
        }
    }
    out
}

#[cfg(test)]
mod tests;
