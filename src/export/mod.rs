//! The interview record: what goes into the case file. A `Record` is built
//! once from a session (`build.rs`, in interview order, in the session's
//! language) and rendered as Markdown, self-contained HTML or JSON. All of
//! it returns values; nothing here prints or writes files. The JSON shape
//! is documented by docs/record.schema.json.

mod build;
pub mod derived;
mod html;
mod json;
mod markdown;
pub mod record;
pub mod words;

pub use build::build;
pub use html::html;
pub use json::json;
pub use markdown::markdown;
pub use record::Record;

use crate::corpus::citation::CitationState;

pub const JSON_FORMAT: &str = "gehoor-record";
pub const JSON_FORMAT_VERSION: u32 = 3;

/// The passages behind cited refs; `None` when a ref resolves nowhere (the
/// record then shows the ref alone).
pub trait Passages {
    /// A title line and the passage text.
    fn passage(&self, reference: &str) -> Option<(String, String)>;
    /// Whether a cited passage still reads as it did (`stored` is the hash
    /// the session kept); unknown counts as the same.
    fn citation_state(&self, _reference: &str, _stored: Option<&str>) -> CitationState {
        CitationState::Same
    }
}

impl Passages for crate::corpus::Corpus {
    fn passage(&self, reference: &str) -> Option<(String, String)> {
        let r = self.resolve(reference)?;
        let section = r
            .section
            .and_then(|s| r.document.sections.iter().position(|x| std::ptr::eq(x, s)));
        let title = r.document.heading(section);
        let text = r
            .paragraphs
            .iter()
            .map(|p| p.text.as_str())
            .collect::<Vec<_>>()
            .join("\n\n");
        Some((title, text))
    }

    fn citation_state(&self, reference: &str, stored: Option<&str>) -> CitationState {
        crate::corpus::citation::citation_state(self, reference, stored)
    }
}

/// No corpus at hand: the record shows refs only.
pub struct NoPassages;

impl Passages for NoPassages {
    fn passage(&self, _reference: &str) -> Option<(String, String)> {
        None
    }
}

#[cfg(test)]
mod tests;
