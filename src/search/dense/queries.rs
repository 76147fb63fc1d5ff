//! Vectors of queries known ahead of time: the questionnaires' question
//! texts, which the source pane searches with. They are embedded once (at
//! build time for the built-in questionnaires, `examples/embed_corpus.rs`;
//! in the background for a `--questionnaires DIR`) and only looked up on a
//! keystroke, never embedded there.
//!
//! Keyed by a SHA-256 of the exact text the model embeds
//! (`Index::dense_query` of the question text), so an edited question, or
//! a glossary that rewrites it differently, simply has no vector yet.

use sha2::{Digest, Sha256};

use super::Model;
use crate::i18n::Lang;
use crate::questionnaire::Catalog;
use crate::search::Index;

const MAGIC: &[u8; 4] = b"GHQ1";
const BATCH: usize = 16;

/// The key of a model input.
pub fn key(input: &str) -> [u8; 32] {
    Sha256::digest(input.as_bytes()).into()
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct QueryVectors {
    pub dim: usize,
    /// Sorted, unique; row `i` of `data` belongs to `keys[i]`.
    pub keys: Vec<[u8; 32]>,
    /// Row-major, L2-normalised rows.
    pub data: Vec<f32>,
}

impl QueryVectors {
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    pub fn get(&self, input: &str) -> Option<&[f32]> {
        let i = self.keys.binary_search(&key(input)).ok()?;
        Some(&self.data[i * self.dim..(i + 1) * self.dim])
    }

    /// The inputs among `inputs` that have no vector here.
    pub fn missing<'a>(&self, inputs: &'a [String]) -> Vec<&'a str> {
        inputs
            .iter()
            .map(String::as_str)
            .filter(|t| self.get(t).is_none())
            .collect()
    }

    /// These vectors plus `inputs` embedded as queries (each "query: "
    /// prefixed by the engine, as a typed search); `progress(done, total)`
    /// after each batch.
    pub fn extended(
        &self,
        model: &Model,
        inputs: &[&str],
        mut progress: impl FnMut(usize, usize),
    ) -> QueryVectors {
        let dim = model.dim();
        let mut rows: Vec<([u8; 32], Vec<f32>)> = self
            .keys
            .iter()
            .enumerate()
            .filter(|_| self.dim == dim)
            .map(|(i, k)| (*k, self.data[i * dim..(i + 1) * dim].to_vec()))
            .collect();
        let mut done = 0;
        for chunk in inputs.chunks(BATCH) {
            for text in chunk {
                rows.push((key(text), model.query(text)));
            }
            done += chunk.len();
            progress(done, inputs.len());
        }
        rows.sort_by_key(|r| r.0);
        rows.dedup_by(|a, b| a.0 == b.0);
        QueryVectors {
            dim,
            keys: rows.iter().map(|r| r.0).collect(),
            data: rows.into_iter().flat_map(|r| r.1).collect(),
        }
    }

    /// `MAGIC`, dim and count (u32 LE), the sorted keys, then the floats.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(12 + self.len() * (32 + self.dim * 4));
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&(self.dim as u32).to_le_bytes());
        out.extend_from_slice(&(self.len() as u32).to_le_bytes());
        for k in &self.keys {
            out.extend_from_slice(k);
        }
        for x in &self.data {
            out.extend_from_slice(&x.to_le_bytes());
        }
        out
    }

    /// `None` for anything but a complete file of this format.
    pub fn from_bytes(bytes: &[u8]) -> Option<QueryVectors> {
        let rest = bytes.strip_prefix(MAGIC)?;
        let dim = u32::from_le_bytes(rest.get(0..4)?.try_into().ok()?) as usize;
        let count = u32::from_le_bytes(rest.get(4..8)?.try_into().ok()?) as usize;
        let keys_end = 8 + count.checked_mul(32)?;
        let keys: Vec<[u8; 32]> = rest
            .get(8..keys_end)?
            .chunks_exact(32)
            .map(|c| c.try_into().expect("32 bytes"))
            .collect();
        let floats = rest.get(keys_end..)?;
        if dim == 0
            || floats.len() != dim.checked_mul(count)?.checked_mul(4)?
            || !keys.windows(2).all(|w| w[0] < w[1])
        {
            return None;
        }
        let data = floats
            .chunks_exact(4)
            .map(|c| f32::from_le_bytes(c.try_into().expect("4 bytes")))
            .collect();
        Some(QueryVectors { dim, keys, data })
    }
}

/// What the model embeds for every question of `catalog`, in both
/// languages (the interface can switch), without repeats: the inputs the
/// source pane looks up (`Index::source_pane`).
pub fn question_inputs(catalog: &Catalog, index: &Index) -> Vec<String> {
    let mut out: Vec<String> = catalog
        .questionnaires
        .iter()
        .flat_map(|qn| &qn.questions)
        .flat_map(|q| Lang::ALL.map(|lang| index.dense_query(q.text.get(lang))))
        .collect();
    out.sort();
    out.dedup();
    out
}

/// Gives `index` the built-in question vectors if they cover every input;
/// `false` (and nothing set) when some question has none there.
pub fn attach_builtin(index: &Index, inputs: &[String]) -> bool {
    match super::builtin_question_vectors() {
        Some(v) if v.missing(inputs).is_empty() => index.set_query_vectors(v),
        _ => false,
    }
}

/// Gives `index` the built-in question vectors plus those of the inputs
/// they lack, embedded on this thread: seconds to minutes for a folder of
/// questionnaires, so never on the UI thread.
pub fn attach_computed(index: &Index, inputs: &[String]) -> bool {
    let builtin = super::builtin_question_vectors().unwrap_or_default();
    let missing = builtin.missing(inputs);
    index.set_query_vectors(builtin.extended(super::model(), &missing, |_, _| {}))
}
