//! What a ref into the old edition should become. A ref is only `Certain`
//! when the text it shows is the same in the new edition; anything else
//! goes to a person with the reason and the diff.

use serde::Serialize;

use super::content::paragraph_text;
use super::{Change, EditionDiff, inline};
use crate::corpus::Ref;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "fate")]
pub enum Fate {
    /// The same text is at `new_ref`; the ref can be rewritten.
    Certain { new_ref: String },
    /// The text moved on: `class` is `edited`, `split` or `merged`;
    /// `candidates` are the new refs to look at; `hint` is a one-line diff
    /// or the list of parts.
    Changed {
        class: &'static str,
        candidates: Vec<String>,
        hint: String,
    },
    /// Nothing in the new edition matches.
    Removed,
    /// The ref does not resolve in the old edition.
    Unknown,
}

impl Fate {
    pub fn code(&self) -> &'static str {
        match self {
            Fate::Certain { .. } => "certain",
            Fate::Changed { .. } => "changed",
            Fate::Removed => "removed",
            Fate::Unknown => "unknown",
        }
    }
}

/// Characters of unchanged text kept around a change in a hint.
const HINT_CONTEXT: usize = 30;

/// The fate of `reference` if it points into the old edition of `diff`,
/// else `None`.
pub fn fate(diff: &EditionDiff<'_>, reference: &str) -> Option<Fate> {
    let r = Ref::split(reference.trim());
    if r.doc != diff.old.meta.id {
        return None;
    }
    // The whole document: its successor is the whole new edition.
    let Some(section_id) = r.section else {
        return Some(match r.paragraph {
            None => Fate::Certain {
                new_ref: diff.new.meta.id.clone(),
            },
            // `DOC#pN`: text outside any section, which the alignment
            // does not cover.
            Some(_) => Fate::Unknown,
        });
    };
    let para = match (r.paragraph, r.paragraph_number()) {
        (None, _) => None,
        (Some(_), Some(n)) if n > 0 => Some(n),
        (Some(_), _) => return Some(Fate::Unknown),
    };
    let Some((o, change)) = diff.change_of(section_id) else {
        return Some(Fate::Unknown);
    };
    let section = &diff.old.sections[o];
    if let Some(n) = para {
        if n > section.paragraphs.len() {
            return Some(Fate::Unknown);
        }
        return Some(paragraph_fate(
            diff,
            o,
            change,
            section.paragraphs.start + n - 1,
        ));
    }
    Some(section_fate(diff, o, change))
}

fn section_fate(diff: &EditionDiff<'_>, o: usize, change: &Change) -> Fate {
    let refs: Vec<String> = change.targets().iter().map(|&n| diff.new_ref(n)).collect();
    match change {
        Change::Unchanged { new } | Change::Renumbered { new } => Fate::Certain {
            new_ref: diff.new_ref(*new),
        },
        Change::Edited { .. } => Fate::Changed {
            class: change.class(),
            candidates: refs,
            hint: edited_hint(diff, o),
        },
        Change::Split { .. } | Change::Merged { .. } if !refs.is_empty() => Fate::Changed {
            class: change.class(),
            hint: change
                .targets()
                .iter()
                .map(|&n| format!("{} ({})", diff.new_ref(n), EditionDiff::label(diff.new, n)))
                .collect::<Vec<_>>()
                .join("; "),
            candidates: refs,
        },
        _ => Fate::Removed,
    }
}

/// The first changes of an edited section on one line.
fn edited_hint(diff: &EditionDiff<'_>, o: usize) -> String {
    let d = &diff.details[o];
    let mut parts: Vec<String> = Vec::new();
    if let Some((old, new)) = &d.title {
        parts.push(format!("[-{old}-] {{+{new}+}}"));
    }
    parts.extend(
        d.sentences
            .iter()
            .take(2)
            .map(|s| inline(&s.words, HINT_CONTEXT)),
    );
    if parts.is_empty() {
        parts.extend(
            d.footnotes
                .iter()
                .take(1)
                .map(|f| inline(&f.words, HINT_CONTEXT)),
        );
    }
    let more = d.sentences.len().saturating_sub(2) + d.footnotes.len();
    let mut hint = parts.join(" / ");
    if more > 0 && !parts.is_empty() {
        hint.push_str(&format!(" (+{more})"));
    }
    hint
}

/// A paragraph is certain when the very same paragraph (text, sub-heading,
/// footnote texts) is in a section the old one went to.
fn paragraph_fate(diff: &EditionDiff<'_>, o: usize, change: &Change, index: usize) -> Fate {
    let wanted = paragraph_text(diff.old, index);
    if let Change::Unchanged { new } | Change::Renumbered { new } = change {
        let number = diff.old.paragraphs[index].number;
        return Fate::Certain {
            new_ref: format!("{}/p{number}", diff.new_ref(*new)),
        };
    }
    for n in change.targets() {
        let range = diff.new.sections[n].paragraphs.clone();
        let hits: Vec<usize> = range
            .filter(|&i| paragraph_text(diff.new, i) == wanted)
            .collect();
        if let [i] = hits.as_slice() {
            return Fate::Certain {
                new_ref: diff.new.paragraph_ref(*i),
            };
        }
    }
    section_fate(diff, o, change)
}
