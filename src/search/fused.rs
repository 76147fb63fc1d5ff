//! The ranking every search uses: reciprocal rank fusion (RRF) of the
//! lexical ranking (BM25F and glossary) and the dense (e5) ranking over
//! paragraphs, then the best paragraph per section, so one section cannot
//! fill the first places.
//!
//! Until passage vectors are there (a `--corpus DIR` still being embedded),
//! or for `Method::Lexical`, it is the lexical ranking as it always was.

use std::collections::HashMap;

use serde::Serialize;

use super::bm25::top_k;
use super::dense::{self, dot};
use super::{Hit, Index, SearchOptions};

/// RRF's constant: 1 / (K + rank). Tuned on the tune half (docs/performance.md).
const RRF_K: f32 = 30.0;
/// How deep each ranking is read; below this a paragraph adds nothing.
const DEPTH: usize = 200;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// BM25F with glossary expansion, paragraphs as they rank.
    Lexical,
    /// Cosine similarity of e5 vectors, best paragraph per section.
    Dense,
    /// Both, fused by RRF, best paragraph per section.
    Fused,
}

/// A hit's place in each ranking (1-based, over paragraphs) and its fused
/// score.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Ranks {
    pub lexical: Option<usize>,
    pub dense: Option<usize>,
    pub fused: f32,
}

impl Index {
    /// Fused when the passage vectors are there, lexical until then. Embeds
    /// the query (tens of milliseconds): not for a keystroke on the UI thread.
    pub fn search(&self, query: &str, opts: &SearchOptions) -> Vec<Hit> {
        let qv = self
            .vectors()
            .map(|_| dense::model().query(&self.dense_query(query)));
        self.search_with(query, opts, Method::Fused, qv.as_deref())
    }

    /// What the model embeds for a query: the query with each Russian or
    /// transliterated glossary term in it (povestka, zapret na vyezd)
    /// replaced by the term's Dutch and English headwords; the model reads
    /// transliterated Russian poorly, and the glossary knows what it means.
    pub fn dense_query(&self, query: &str) -> String {
        let mut out = query.to_lowercase();
        for e in self.glossary().entries_in(query) {
            let mut spellings: Vec<String> =
                e.ru.iter()
                    .chain(&e.translit)
                    .map(|t| t.to_lowercase())
                    .collect();
            spellings.sort_by_key(|s| std::cmp::Reverse(s.len()));
            if let Some(found) = spellings.iter().find(|t| out.contains(t.as_str())) {
                let meaning = format!(
                    "{} / {}",
                    e.headword(crate::i18n::Lang::Nl),
                    e.headword(crate::i18n::Lang::En)
                );
                out = out.replacen(found.as_str(), &meaning, 1);
            }
        }
        out
    }

    /// `query_vector` is the model's vector of `query` (`dense::model().query`),
    /// computed by the caller, off the UI thread where it matters. Without it,
    /// or without passage vectors, every method ranks lexically.
    pub fn search_with(
        &self,
        query: &str,
        opts: &SearchOptions,
        method: Method,
        query_vector: Option<&[f32]>,
    ) -> Vec<Hit> {
        let (groups, lexical) = self.lexical_scores(query, opts);
        let dense = match (self.vectors(), query_vector) {
            (Some(v), Some(q)) if method != Method::Lexical && q.len() == v.dim => {
                let keep = |p: usize| {
                    opts.doc
                        .as_deref()
                        .is_none_or(|d| self.passages()[p].doc == d)
                };
                let scores = (0..v.len())
                    .filter(|&p| keep(p))
                    .map(|p| (p, dot(v.row(p), q) + 1.0))
                    .collect::<Vec<_>>();
                Some(top_k(scores, DEPTH))
            }
            _ => None,
        };
        let mut memo = HashMap::new();
        let Some(dense) = dense else {
            return top_k(lexical, opts.limit)
                .into_iter()
                .map(|(p, s)| self.hit(p, s, &groups, &mut memo))
                .collect();
        };
        let lexical = top_k(lexical, DEPTH);
        let mut fused: HashMap<usize, Ranks> = HashMap::new();
        let lists: &[(&[(usize, f32)], bool)] = match method {
            Method::Dense => &[(&dense, false)],
            _ => &[(&lexical, true), (&dense, false)],
        };
        for &(list, is_lexical) in lists {
            for (i, &(p, _)) in list.iter().enumerate() {
                let r = fused.entry(p).or_insert(Ranks {
                    lexical: None,
                    dense: None,
                    fused: 0.0,
                });
                if is_lexical {
                    r.lexical = Some(i + 1);
                } else {
                    r.dense = Some(i + 1);
                }
                r.fused += 1.0 / (RRF_K + (i + 1) as f32);
            }
        }
        // Ranks of the other list, for --explain, even where it did not count.
        if method == Method::Dense {
            for (i, &(p, _)) in lexical.iter().enumerate() {
                if let Some(r) = fused.get_mut(&p) {
                    r.lexical = Some(i + 1);
                }
            }
        }
        let mut order: Vec<(usize, Ranks)> = fused.into_iter().collect();
        order.sort_by(|a, b| b.1.fused.total_cmp(&a.1.fused).then(a.0.cmp(&b.0)));
        let mut seen: Vec<(&str, &str)> = Vec::new();
        let mut out = Vec::new();
        for (p, ranks) in order {
            if out.len() >= opts.limit {
                break;
            }
            let passage = &self.passages()[p];
            // One slot per section, and per document where it has none; a
            // search inside one such document lists its paragraphs.
            let slot = if !passage.section.is_empty() {
                (passage.doc.as_str(), passage.section.as_str())
            } else if opts.doc.is_some() {
                (passage.doc.as_str(), passage.reference.as_str())
            } else {
                (passage.doc.as_str(), "")
            };
            if seen.contains(&slot) {
                continue;
            }
            seen.push(slot);
            let mut hit = self.hit(p, ranks.fused, &groups, &mut memo);
            hit.ranks = Some(ranks);
            out.push(hit);
        }
        out
    }
}
