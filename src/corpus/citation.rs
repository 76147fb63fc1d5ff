//! What a session keeps of a cited passage: a hash of its text, so a later
//! edition that changes or drops the passage is noticed when the session is
//! read again.

use sha2::{Digest, Sha256};

use super::Corpus;
use super::edition::content_normalize;

/// The text a ref shows: its paragraphs, whitespace-normalised, one per line.
pub fn passage_text(corpus: &Corpus, reference: &str) -> Option<String> {
    let r = corpus.resolve(reference)?;
    Some(
        r.paragraphs
            .iter()
            .map(|p| content_normalize(&p.text))
            .collect::<Vec<_>>()
            .join("\n"),
    )
}

/// `sha256:` and the lowercase hex digest of `text`.
pub fn passage_hash(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    format!("sha256:{hex}")
}

/// A cited passage now, compared with what was stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CitationState {
    /// The same text, or nothing stored to compare with.
    Same,
    /// The ref resolves to other text than was cited.
    Changed,
    /// The ref resolved when cited and no longer does.
    Gone,
}

pub fn citation_state(corpus: &Corpus, reference: &str, stored: Option<&str>) -> CitationState {
    match passage_text(corpus, reference) {
        // Without a hash nobody knows the ref ever resolved (older sessions).
        None if stored.is_none() => CitationState::Same,
        None => CitationState::Gone,
        Some(text) => match stored {
            Some(h) if h != passage_hash(&text) => CitationState::Changed,
            _ => CitationState::Same,
        },
    }
}
