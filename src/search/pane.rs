//! The passages shown beside a question: its explicit refs, then the same
//! fused ranking as every other search, with the question's vector looked
//! up (never computed here: this runs on a keystroke).

use std::collections::HashMap;

use super::bm25::top_k;
use super::dense::QueryVectors;
use super::{Hit, Index, Method, SearchOptions, passage_within};

impl Index {
    /// The vectors of the questions the pane is asked about; set once,
    /// possibly later from another thread. `false` if already set.
    pub fn set_query_vectors(&self, vectors: QueryVectors) -> bool {
        self.queries.set(vectors).is_ok()
    }

    pub fn query_vectors(&self) -> Option<&QueryVectors> {
        self.queries.get()
    }

    /// The stored vector of a question text, if it was embedded ahead.
    pub fn known_query_vector(&self, question_text: &str) -> Option<&[f32]> {
        let v = self.queries.get()?;
        v.get(&self.dense_query(question_text))
    }

    /// What a question's source pane shows: a passage for each explicit ref
    /// first (within a section, the one that best fits the question), then
    /// the fused ranking of the question text and keywords (lexical until
    /// the question's and the passages' vectors are there), without repeats
    /// and, once fused, without a second paragraph of a section already
    /// shown.
    pub fn source_pane(
        &self,
        explicit_refs: &[String],
        question_text: &str,
        keywords: &[String],
        limit: usize,
    ) -> Vec<Hit> {
        let query = std::iter::once(question_text)
            .chain(keywords.iter().map(String::as_str))
            .collect::<Vec<_>>()
            .join(" ");
        let groups = self.groups(&query, true);
        let mut memo = HashMap::new();
        let mut out: Vec<Hit> = Vec::new();
        for target in explicit_refs {
            if out.len() >= limit {
                return out;
            }
            let scores = self.score(&groups, |p| passage_within(&self.passages()[p], target));
            let best = top_k(scores, 1).into_iter().next().or_else(|| {
                let first = self
                    .passages()
                    .iter()
                    .position(|p| passage_within(p, target))?;
                Some((first, 0.0))
            });
            if let Some((p, s)) = best
                && !out
                    .iter()
                    .any(|h| h.reference == self.passages()[p].reference)
            {
                out.push(self.hit(p, s, &groups, &mut memo));
            }
        }
        let opts = SearchOptions {
            limit: limit + out.len(),
            ..SearchOptions::default()
        };
        let qv = self.known_query_vector(question_text);
        for h in self.search_with(&query, &opts, Method::Fused, qv) {
            if out.len() >= limit {
                break;
            }
            let repeat = out.iter().any(|o| {
                o.reference == h.reference
                    || (h.ranks.is_some()
                        && !h.section.is_empty()
                        && o.doc == h.doc
                        && o.section == h.section)
            });
            if !repeat {
                out.push(h);
            }
        }
        out
    }
}
