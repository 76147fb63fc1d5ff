//! Retrieval quality: recall@1, recall@3 and MRR of an index over a set of
//! questions, each with the section ref that answers it.

use std::path::Path;

use serde::Deserialize;

use super::{Index, Method, SearchOptions, ref_within};
use crate::error::{Result, from_toml};

#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct EvalCase {
    /// The question as an interviewer would type it.
    pub q: String,
    /// "nl", "en" or "ru": the language of the question.
    pub lang: String,
    /// `DOC#SECTION`: a hit in it or in a subsection counts.
    pub answer: String,
    /// "tune" or "test" for the fresh set of issue 19; absent for the
    /// older cases, which were tuned on.
    #[serde(default)]
    pub split: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    case: Vec<EvalCase>,
}

pub fn parse_cases(path: &Path, text: &str) -> Result<Vec<EvalCase>> {
    let file: File = toml::from_str(text).map_err(|e| from_toml(path, text, &e))?;
    Ok(file.case)
}

#[derive(Debug, Clone, PartialEq)]
pub struct Metrics {
    pub cases: usize,
    pub recall_at_1: f64,
    pub recall_at_3: f64,
    /// Reciprocal rank of the first correct hit within the top 10.
    pub mrr: f64,
    /// Questions whose answer is not in the top 3.
    pub misses: Vec<String>,
}

/// 1-based rank of the first hit that answers the case, within `depth`.
pub fn rank_of(index: &Index, case: &EvalCase, expand: bool, depth: usize) -> Option<usize> {
    let opts = SearchOptions {
        limit: depth,
        doc: None,
        expand,
    };
    index
        .search_with(&case.q, &opts, Method::Lexical, None)
        .iter()
        .position(|h| ref_within(&h.reference, &case.answer))
        .map(|i| i + 1)
}

pub fn evaluate(index: &Index, cases: &[EvalCase], expand: bool) -> Metrics {
    let mut r1 = 0usize;
    let mut r3 = 0usize;
    let mut rr = 0.0f64;
    let mut misses = Vec::new();
    for case in cases {
        match rank_of(index, case, expand, 10) {
            Some(r) => {
                r1 += usize::from(r == 1);
                r3 += usize::from(r <= 3);
                rr += 1.0 / r as f64;
                if r > 3 {
                    misses.push(format!("{} -> {} (rank {r})", case.q, case.answer));
                }
            }
            None => misses.push(format!("{} -> {} (not in top 10)", case.q, case.answer)),
        }
    }
    let n = cases.len().max(1) as f64;
    Metrics {
        cases: cases.len(),
        recall_at_1: r1 as f64 / n,
        recall_at_3: r3 as f64 / n,
        mrr: rr / n,
        misses,
    }
}

/// Per case, the 1-based rank (within the top 10) of the first hit that
/// answers it, for one method; `query_vectors[i]` is case i's query vector.
pub fn ranks_by(
    index: &Index,
    cases: &[EvalCase],
    method: Method,
    query_vectors: &[Vec<f32>],
) -> Vec<Option<usize>> {
    let opts = SearchOptions {
        limit: 10,
        doc: None,
        expand: true,
    };
    cases
        .iter()
        .enumerate()
        .map(|(i, case)| {
            index
                .search_with(
                    &case.q,
                    &opts,
                    method,
                    query_vectors.get(i).map(Vec::as_slice),
                )
                .iter()
                .position(|h| ref_within(&h.reference, &case.answer))
                .map(|r| r + 1)
        })
        .collect()
}

/// recall@1, recall@3 and MRR of per-case ranks.
pub fn summarise(ranks: &[Option<usize>]) -> (f64, f64, f64) {
    let n = ranks.len().max(1) as f64;
    let r1 = ranks.iter().filter(|r| **r == Some(1)).count() as f64 / n;
    let r3 = ranks.iter().filter(|r| r.is_some_and(|r| r <= 3)).count() as f64 / n;
    let mrr = ranks.iter().flatten().map(|&r| 1.0 / r as f64).sum::<f64>() / n;
    (r1, r3, mrr)
}

/// Wilson score interval (95%) for `hits` out of `n`.
pub fn wilson(hits: usize, n: usize) -> (f64, f64) {
    if n == 0 {
        return (0.0, 1.0);
    }
    let (z, n) = (1.96f64, n as f64);
    let p = hits as f64 / n;
    let centre = p + z * z / (2.0 * n);
    let margin = z * (p * (1.0 - p) / n + z * z / (4.0 * n * n)).sqrt();
    let denom = 1.0 + z * z / n;
    ((centre - margin) / denom, (centre + margin) / denom)
}
