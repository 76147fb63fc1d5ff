//! The inverted index: BM25 with field weights (BM25F-style weighted term
//! frequencies) over paragraph text, section title and footnotes.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::OnceLock;

use super::dense::{PassageVectors, QueryVectors};
use super::derive::word_groups;
use super::glossary::{Glossary, word_keys};
use super::tokenize::{Analysis, Analyzer, fold, for_each_word, is_query_stop, tokens};
use super::{Hit, Passage, SearchOptions, snippet};
use crate::i18n::Lang;

const K1: f32 = 1.2;
const B: f32 = 0.75;
const SNIPPET_BYTES: usize = 220;

#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct IndexConfig {
    /// Stem by passage language; off gives the folded-words baseline.
    pub stemming: bool,
    pub title_weight: f32,
    pub footnote_weight: f32,
    /// What a glossary concept found in the query adds, relative to a word
    /// the user typed.
    pub expansion_weight: f32,
}

impl Default for IndexConfig {
    fn default() -> Self {
        IndexConfig {
            stemming: true,
            title_weight: 3.0,
            footnote_weight: 0.6,
            expansion_weight: 1.0,
        }
    }
}

impl IndexConfig {
    /// Plain BM25 on folded words: no stemming, title and footnotes at the
    /// weight of the text. The evaluation's baseline.
    pub fn baseline() -> Self {
        IndexConfig {
            stemming: false,
            title_weight: 1.0,
            footnote_weight: 1.0,
            expansion_weight: 0.0,
        }
    }
}

/// Built once, then read from any thread.
#[derive(Debug)]
pub struct Index {
    pub(super) passages: Vec<Passage>,
    pub(super) vocab: HashMap<String, u32>,
    /// Per term: (passage, weighted term frequency), by passage.
    pub(super) postings: Vec<Vec<(u32, f32)>>,
    /// Per passage, BM25's length term `k1 * (1 - b + b * len / avg_len)`.
    pub(super) norms: Vec<f32>,
    pub(super) glossary: Glossary,
    /// Set once, possibly later from another thread (`set_vectors`).
    pub(super) dense: OnceLock<PassageVectors>,
    /// `vectors::content_hash` of the passages: computed when vectors are
    /// first offered, or read with a snapshot (`snapshot.rs`).
    pub(super) passage_hash: OnceLock<[u8; 32]>,
    /// Vectors of the questions the source pane searches with (`pane.rs`).
    pub(super) queries: OnceLock<QueryVectors>,
    /// Per glossary entry, the index terms of all its spellings, each with
    /// its share of the spelling it came from.
    pub(super) expansions: Vec<Vec<(u32, f32)>>,
    pub(super) analyzer: Analyzer,
    pub(super) config: IndexConfig,
}

/// One query word or glossary concept: its alternative terms score as the
/// best of them, so synonyms do not add up.
#[derive(Debug)]
pub(super) struct Group {
    terms: Vec<u32>,
    /// Per term: 1, or 1/n for a word of an n-word glossary spelling, so
    /// "call" alone does not count as "call-up notice".
    shares: Vec<f32>,
    weight: f32,
}

impl Group {
    fn has(&self, t: u32) -> bool {
        self.terms.contains(&t)
    }
}

struct Builder<'a> {
    analyzer: &'a Analyzer,
    stemming: bool,
    vocab: HashMap<String, u32>,
    postings: Vec<Vec<(u32, f32)>>,
    /// Folded word → term id per analysis; the corpus repeats its words, so
    /// each is stemmed once.
    cache: HashMap<(Analysis, String), Option<u32>>,
    buf: String,
}

impl Builder<'_> {
    fn term_id(&mut self, word: &str, how: Analysis) -> Option<u32> {
        self.buf.clear();
        if word.contains(['.', ',']) {
            self.buf.push_str(&fold(&word.replace(['.', ','], "")));
        } else if word.is_ascii() {
            self.buf
                .extend(word.chars().map(|c| c.to_ascii_lowercase()));
        } else {
            self.buf.push_str(&fold(word));
        }
        let key = (how, std::mem::take(&mut self.buf));
        if let Some(id) = self.cache.get(&key) {
            self.buf = key.1;
            return *id;
        }
        let how_now = if self.stemming { how } else { Analysis::Plain };
        let id = self.analyzer.term(&key.1, how_now).map(|t| {
            let next = self.vocab.len() as u32;
            *self.vocab.entry(t).or_insert_with(|| {
                self.postings.push(Vec::new());
                next
            })
        });
        self.cache.insert(key, id);
        id
    }

    /// Adds `weight` per word of `text` to `tf`; returns the weighted length.
    fn field(&mut self, text: &str, how: Analysis, weight: f32, tf: &mut Vec<(u32, f32)>) -> f32 {
        let mut len = 0.0;
        for_each_word(text, |r| {
            len += weight;
            if let Some(id) = self.term_id(&text[r], how) {
                tf.push((id, weight));
            }
        });
        len
    }
}

fn analysis(lang: Lang) -> Analysis {
    match lang {
        Lang::Nl => Analysis::Nl,
        Lang::En => Analysis::En,
    }
}

impl Index {
    pub fn build(passages: Vec<Passage>, glossary: &Glossary) -> Index {
        Self::build_with(passages, glossary, IndexConfig::default())
    }

    pub fn build_with(passages: Vec<Passage>, glossary: &Glossary, config: IndexConfig) -> Index {
        let analyzer = Analyzer::default();
        let mut b = Builder {
            analyzer: &analyzer,
            stemming: config.stemming,
            vocab: HashMap::new(),
            postings: Vec::new(),
            cache: HashMap::new(),
            buf: String::new(),
        };
        let mut lengths = Vec::with_capacity(passages.len());
        let mut tf: Vec<(u32, f32)> = Vec::new();
        for (i, p) in passages.iter().enumerate() {
            tf.clear();
            let how = analysis(p.lang);
            let mut len = b.field(&p.text, how, 1.0, &mut tf);
            len += b.field(&p.section_title, how, config.title_weight, &mut tf);
            for f in &p.footnotes {
                len += b.field(f, how, config.footnote_weight, &mut tf);
            }
            tf.sort_unstable_by_key(|(t, _)| *t);
            let mut k = 0;
            while k < tf.len() {
                let term = tf[k].0;
                let mut sum = 0.0;
                while k < tf.len() && tf[k].0 == term {
                    sum += tf[k].1;
                    k += 1;
                }
                b.postings[term as usize].push((i as u32, sum));
            }
            lengths.push(len);
        }
        let avg_len = if lengths.is_empty() {
            1.0
        } else {
            (lengths.iter().sum::<f32>() / lengths.len() as f32).max(1.0)
        };
        let (vocab, postings) = (b.vocab, b.postings);
        let norms = lengths
            .iter()
            .map(|l| K1 * (1.0 - B + B * l / avg_len))
            .collect();
        let mut index = Index {
            passages,
            vocab,
            postings,
            norms,
            glossary: glossary.clone(),
            dense: OnceLock::new(),
            passage_hash: OnceLock::new(),
            queries: OnceLock::new(),
            expansions: Vec::new(),
            analyzer,
            config,
        };
        index.expansions = glossary
            .entries()
            .iter()
            .map(|e| {
                let mut out: Vec<(u32, f32)> = Vec::new();
                for term in e.terms() {
                    let words: Vec<_> = tokens(term)
                        .into_iter()
                        .filter(|t| !is_query_stop(&t.folded))
                        .collect();
                    let share = 1.0 / (words.len().max(1) as f32).sqrt();
                    for w in &words {
                        let mut ids = Vec::new();
                        index.lookup_forms(&w.folded, &mut ids);
                        for id in ids {
                            match out.iter_mut().find(|(t, _)| *t == id) {
                                Some((_, s)) => *s = s.max(share),
                                None => out.push((id, share)),
                            }
                        }
                    }
                }
                out
            })
            .collect();
        index
    }

    pub fn passages(&self) -> &[Passage] {
        &self.passages
    }

    pub fn glossary(&self) -> &Glossary {
        &self.glossary
    }

    pub fn len(&self) -> usize {
        self.passages.len()
    }

    pub fn is_empty(&self) -> bool {
        self.passages.is_empty()
    }

    /// Every passage the query's words reach (within `opts.doc`), with its
    /// BM25F score, and the query's term groups for highlighting.
    pub(super) fn lexical_scores(
        &self,
        query: &str,
        opts: &SearchOptions,
    ) -> (Vec<Group>, Vec<(usize, f32)>) {
        let groups = self.groups(query, opts.expand);
        let scores = self.score(&groups, |p| {
            opts.doc
                .as_deref()
                .is_none_or(|d| self.passages[p].doc == d)
        });
        (groups, scores)
    }

    /// Passage vectors for the dense ranking, once they match the passages.
    /// `false` (and nothing set) for vectors of other passages.
    pub fn set_vectors(&self, vectors: PassageVectors) -> bool {
        vectors.len() == self.passages.len()
            && vectors.hash == self.passage_hash()
            && self.dense.set(vectors).is_ok()
    }

    /// `vectors::content_hash` of the passages, which passage vectors must
    /// carry to be accepted.
    pub fn passage_hash(&self) -> [u8; 32] {
        *self
            .passage_hash
            .get_or_init(|| super::dense::vectors::content_hash(&self.passages))
    }

    pub fn vectors(&self) -> Option<&PassageVectors> {
        self.dense.get()
    }

    fn lookup_forms(&self, folded: &str, terms: &mut Vec<u32>) {
        for form in self.analyzer.query_forms(folded, self.config.stemming) {
            if let Some(&id) = self.vocab.get(&form)
                && !terms.contains(&id)
            {
                terms.push(id);
            }
        }
    }

    pub(super) fn groups(&self, query: &str, expand: bool) -> Vec<Group> {
        let words = tokens(query);
        let mut groups: Vec<Group> = Vec::new();
        for w in &words {
            if is_query_stop(&w.folded) {
                continue;
            }
            for terms in word_groups(&w.folded, |f, out| self.lookup_forms(f, out)) {
                if !groups.iter().any(|g| g.terms == terms) {
                    let shares = vec![1.0; terms.len()];
                    groups.push(Group {
                        terms,
                        shares,
                        weight: 1.0,
                    });
                }
            }
        }
        if !expand {
            return groups;
        }
        let keys: Vec<Vec<String>> = words
            .iter()
            .map(|w| word_keys(&self.analyzer, &w.folded))
            .collect();
        let originals = groups.len();
        for (_, e) in self.glossary.matches(&keys) {
            // A word the user typed already counts in full; the concept adds
            // only its other spellings.
            let (terms, shares): (Vec<u32>, Vec<f32>) = self.expansions[e]
                .iter()
                .filter(|(t, _)| !groups[..originals].iter().any(|g| g.has(*t)))
                .copied()
                .unzip();
            if !terms.is_empty() {
                groups.push(Group {
                    terms,
                    shares,
                    weight: self.config.expansion_weight,
                });
            }
        }
        groups
    }

    /// Per passage, the sum over groups of the best BM25 term score.
    pub(super) fn score(
        &self,
        groups: &[Group],
        keep: impl Fn(usize) -> bool,
    ) -> Vec<(usize, f32)> {
        // Dense accumulators: postings of common words run to tens of
        // thousands at 100x, where hashing each one dominated the query.
        let mut total = vec![0.0f32; self.passages.len()];
        let mut best = vec![0.0f32; self.passages.len()];
        let mut touched: Vec<u32> = Vec::new();
        let mut hit_any: Vec<u32> = Vec::new();
        for g in groups {
            for (&t, &share) in g.terms.iter().zip(&g.shares) {
                let list = &self.postings[t as usize];
                let idf = self.idf(t);
                for &(p, tf) in list {
                    if !keep(p as usize) {
                        continue;
                    }
                    let s = share * idf * tf * (K1 + 1.0) / (tf + self.norms[p as usize]);
                    let b = &mut best[p as usize];
                    if *b == 0.0 {
                        touched.push(p);
                    }
                    *b = b.max(s);
                }
            }
            for &p in &touched {
                let t = &mut total[p as usize];
                if *t == 0.0 {
                    hit_any.push(p);
                }
                *t += best[p as usize] * g.weight;
                best[p as usize] = 0.0;
            }
            touched.clear();
        }
        hit_any
            .into_iter()
            .map(|p| (p as usize, total[p as usize]))
            .collect()
    }

    /// BM25's inverse document frequency of term `t`: how rare it is in
    /// the corpus.
    fn idf(&self, t: u32) -> f32 {
        let n = self.passages.len() as f32;
        let df = self.postings[t as usize].len() as f32;
        (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
    }

    /// `memo` remembers, per (analysis, folded word), the IDF of the query
    /// term it matched (None: no match), so the words of ten snippets are
    /// stemmed once. The snippet centres on the rarest matched terms.
    pub(super) fn hit(
        &self,
        p: usize,
        score: f32,
        groups: &[Group],
        memo: &mut HashMap<(Analysis, String), Option<f32>>,
    ) -> Hit {
        let passage = &self.passages[p];
        let how = if self.config.stemming {
            analysis(passage.lang)
        } else {
            Analysis::Plain
        };
        let (marks, weights): (Vec<Range<usize>>, Vec<f32>) = tokens(&passage.text)
            .into_iter()
            .filter_map(|t| {
                let key = (how, t.folded);
                let weight = match memo.get(&key) {
                    Some(w) => *w,
                    None => {
                        let w = self
                            .analyzer
                            .term(&key.1, how)
                            .and_then(|term| self.vocab.get(&term).copied())
                            .filter(|id| groups.iter().any(|g| g.has(*id)))
                            .map(|id| self.idf(id));
                        memo.insert(key, w);
                        w
                    }
                };
                weight.map(|w| (t.range, w))
            })
            .unzip();
        let (snippet, highlights) =
            snippet::make_weighted(&passage.text, &marks, &weights, SNIPPET_BYTES);
        Hit {
            reference: passage.reference.clone(),
            doc: passage.doc.clone(),
            section: passage.section.clone(),
            section_title: passage.section_title.clone(),
            score,
            snippet,
            highlights,
            ranks: None,
        }
    }
}

/// The best `k` by score; ties keep corpus order so results are stable.
pub(super) fn top_k(mut scored: Vec<(usize, f32)>, k: usize) -> Vec<(usize, f32)> {
    let order = |a: &(usize, f32), b: &(usize, f32)| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0));
    scored.retain(|(_, s)| *s > 0.0);
    if k == 0 {
        return Vec::new();
    }
    if scored.len() > k {
        scored.select_nth_unstable_by(k - 1, order);
        scored.truncate(k);
    }
    scored.sort_unstable_by(order);
    scored
}
