//! Passage vectors: what is embedded for a passage, the vectors of a whole
//! corpus keyed by a hash of those texts, and their file form (committed for
//! the built-in corpus, cached for `--corpus DIR`).

use sha2::{Digest, Sha256};

use super::Model;
use crate::search::Passage;

const MAGIC: &[u8; 4] = b"GHV1";
/// Passages embedded per engine call: small enough to report progress often.
const BATCH: usize = 16;

/// At most this many bytes of a passage are embedded (about 1,500 tokens:
/// three of the model's windows); the built-in corpus's longest is 3,334.
const MAX_INPUT: usize = 6000;

/// The text the model sees for a passage: the section title gives a short
/// paragraph its topic, and footnotes carry facts some questions ask about.
/// Capped, so a pasted megabyte paragraph costs what a long one does.
pub fn passage_input(p: &Passage) -> String {
    let mut s = String::with_capacity(p.text.len() + 64);
    if !p.section_title.is_empty() {
        s.push_str(&p.section_title);
        s.push_str(": ");
    }
    s.push_str(&p.text);
    for f in &p.footnotes {
        s.push_str(" (");
        s.push_str(f);
        s.push(')');
    }
    if s.len() > MAX_INPUT {
        let mut end = MAX_INPUT;
        while !s.is_char_boundary(end) {
            end -= 1;
        }
        s.truncate(end);
    }
    s
}

/// SHA-256 over every passage's ref and model input, in order: vectors are
/// valid for a corpus exactly when this matches.
pub fn content_hash(passages: &[Passage]) -> [u8; 32] {
    let mut h = Sha256::new();
    h.update(MAGIC);
    for p in passages {
        h.update(p.reference.as_bytes());
        h.update([0]);
        h.update(passage_input(p).as_bytes());
        h.update([0]);
    }
    h.finalize().into()
}

#[derive(Debug, Clone, PartialEq)]
pub struct PassageVectors {
    pub hash: [u8; 32],
    pub dim: usize,
    /// Row-major, one L2-normalised row per passage.
    pub data: Vec<f32>,
}

impl PassageVectors {
    pub fn len(&self) -> usize {
        self.data.len() / self.dim.max(1)
    }

    pub fn is_empty(&self) -> bool {
        self.data.is_empty()
    }

    pub fn row(&self, i: usize) -> &[f32] {
        &self.data[i * self.dim..(i + 1) * self.dim]
    }

    /// Embeds every passage; `progress(done, total)` after each batch.
    pub fn compute(
        model: &Model,
        passages: &[Passage],
        mut progress: impl FnMut(usize, usize),
    ) -> PassageVectors {
        let inputs: Vec<String> = passages.iter().map(passage_input).collect();
        let mut data = Vec::with_capacity(passages.len() * model.dim());
        for chunk in inputs.chunks(BATCH) {
            let texts: Vec<&str> = chunk.iter().map(String::as_str).collect();
            data.extend(model.passages(&texts));
            progress(data.len() / model.dim(), passages.len());
        }
        PassageVectors {
            hash: content_hash(passages),
            dim: model.dim(),
            data,
        }
    }

    /// `MAGIC`, dim and count (u32 LE), the hash, then the floats (f32 LE).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(44 + self.data.len() * 4);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&(self.dim as u32).to_le_bytes());
        out.extend_from_slice(&(self.len() as u32).to_le_bytes());
        out.extend_from_slice(&self.hash);
        for x in &self.data {
            out.extend_from_slice(&x.to_le_bytes());
        }
        out
    }

    /// `None` for anything but a complete file of this format.
    pub fn from_bytes(bytes: &[u8]) -> Option<PassageVectors> {
        let rest = bytes.strip_prefix(MAGIC)?;
        let dim = u32::from_le_bytes(rest.get(0..4)?.try_into().ok()?) as usize;
        let count = u32::from_le_bytes(rest.get(4..8)?.try_into().ok()?) as usize;
        let hash: [u8; 32] = rest.get(8..40)?.try_into().ok()?;
        let floats = rest.get(40..)?;
        if dim == 0 || floats.len() != dim.checked_mul(count)?.checked_mul(4)? {
            return None;
        }
        let data = floats
            .chunks_exact(4)
            .map(|c| f32::from_le_bytes(c.try_into().expect("4 bytes")))
            .collect();
        Some(PassageVectors { hash, dim, data })
    }

    /// The vectors if they were made for exactly these passages.
    pub fn matching(self, passages: &[Passage]) -> Option<PassageVectors> {
        (self.len() == passages.len() && self.hash == content_hash(passages)).then_some(self)
    }
}

/// Lower-case hex of a hash, for cache file names.
pub fn hex(hash: &[u8; 32]) -> String {
    hash.iter().map(|b| format!("{b:02x}")).collect()
}
