//! The built index as bytes and back. Building stems every word of the
//! corpus and was most of a `gehoor search` process's own time; reading a
//! snapshot back is a few milliseconds (`index_cache.rs` keeps them).

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use super::tokenize::Analyzer;
use super::{Glossary, Index, IndexConfig, Passage};

const MAGIC: &[u8; 4] = b"GHX1";

#[derive(Serialize)]
struct Out<'a> {
    documents: &'a [String],
    passages: &'a [Passage],
    vocab: &'a HashMap<String, u32>,
    postings: &'a [Vec<(u32, f32)>],
    norms: &'a [f32],
    glossary: &'a Glossary,
    expansions: &'a [Vec<(u32, f32)>],
    config: &'a IndexConfig,
    passage_hash: [u8; 32],
}

#[derive(Deserialize)]
struct In {
    documents: Vec<String>,
    passages: Vec<Passage>,
    vocab: HashMap<String, u32>,
    postings: Vec<Vec<(u32, f32)>>,
    norms: Vec<f32>,
    glossary: Glossary,
    expansions: Vec<Vec<(u32, f32)>>,
    config: IndexConfig,
    passage_hash: [u8; 32],
}

impl Index {
    /// The index (without vectors, which have files of their own) and the
    /// ids of the documents it was built from.
    pub fn to_snapshot(&self, documents: &[String]) -> Vec<u8> {
        let hash = self.passage_hash();
        let out = Out {
            documents,
            passages: &self.passages,
            vocab: &self.vocab,
            postings: &self.postings,
            norms: &self.norms,
            glossary: &self.glossary,
            expansions: &self.expansions,
            config: &self.config,
            passage_hash: hash,
        };
        let mut bytes = MAGIC.to_vec();
        bytes.extend(postcard::to_stdvec(&out).expect("an index serialises"));
        bytes
    }

    /// `None` for anything but a whole snapshot whose parts agree (a
    /// truncated or foreign file is rebuilt, never trusted).
    pub fn from_snapshot(bytes: &[u8]) -> Option<(Index, Vec<String>)> {
        let s: In = postcard::from_bytes(bytes.strip_prefix(MAGIC)?).ok()?;
        let n = s.passages.len();
        let consistent = s.norms.len() == n
            && s.postings.len() == s.vocab.len()
            && s.vocab.values().all(|&t| (t as usize) < s.postings.len())
            && s.postings.iter().flatten().all(|&(p, _)| (p as usize) < n)
            && s.glossary.consistent()
            && s.expansions.len() == s.glossary.len()
            && s.expansions
                .iter()
                .flatten()
                .all(|&(t, _)| (t as usize) < s.postings.len());
        if !consistent {
            return None;
        }
        let index = Index {
            passages: s.passages,
            vocab: s.vocab,
            postings: s.postings,
            norms: s.norms,
            glossary: s.glossary,
            dense: OnceLock::new(),
            passage_hash: OnceLock::from(s.passage_hash),
            queries: OnceLock::new(),
            expansions: s.expansions,
            analyzer: Analyzer::default(),
            config: s.config,
        };
        Some((index, s.documents))
    }
}
