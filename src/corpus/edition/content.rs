//! What a section says, reduced to what a citation depends on: its own
//! paragraphs (with their sub-headings) and the texts of the footnotes they
//! cite. Page numbers, line numbers and footnote numbers are left out, so a
//! section that only moved or was renumbered compares equal.

use std::collections::HashMap;

use crate::corpus::Document;

pub(crate) struct SectionText {
    pub id: String,
    pub title: String,
    pub paragraphs: Vec<ParaText>,
    /// Footnote texts in order of citation, each once, with their number.
    pub footnotes: Vec<(u32, String)>,
    /// Lowercased words with their counts, for similarity.
    pub words: HashMap<String, u32>,
    pub word_count: u32,
}

#[derive(Clone, PartialEq, Eq, Hash)]
pub(crate) struct ParaText {
    pub subheading: Option<String>,
    pub text: String,
    pub footnotes: Vec<String>,
}

pub fn normalize(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

impl SectionText {
    pub fn is_empty(&self) -> bool {
        self.paragraphs.is_empty()
    }

    /// Same paragraphs, sub-headings and footnote texts.
    pub fn same_text(&self, other: &SectionText) -> bool {
        self.paragraphs == other.paragraphs
    }

    /// Dice coefficient of the word multisets: 1 for the same words, 0 for
    /// none in common. Cheap enough to compare every pair of sections.
    pub fn similarity(&self, other: &SectionText) -> f64 {
        if self.word_count + other.word_count == 0 {
            return 0.0;
        }
        let (small, large) = if self.words.len() <= other.words.len() {
            (&self.words, &other.words)
        } else {
            (&other.words, &self.words)
        };
        let common: u32 = small
            .iter()
            .map(|(w, n)| (*n).min(large.get(w).copied().unwrap_or(0)))
            .sum();
        2.0 * f64::from(common) / f64::from(self.word_count + other.word_count)
    }
}

fn count_words(into: &mut HashMap<String, u32>, text: &str) -> u32 {
    let mut n = 0;
    for w in text.split(|c: char| !c.is_alphanumeric()) {
        if !w.is_empty() {
            *into.entry(w.to_lowercase()).or_insert(0) += 1;
            n += 1;
        }
    }
    n
}

pub(crate) fn paragraph_text(doc: &Document, index: usize) -> ParaText {
    let p = &doc.paragraphs[index];
    ParaText {
        subheading: p.subheading.as_deref().map(normalize),
        text: normalize(&p.text),
        footnotes: p
            .footnotes
            .iter()
            .map(|&n| {
                doc.footnote(n)
                    .map_or_else(String::new, |f| normalize(&f.text))
            })
            .collect(),
    }
}

pub(crate) fn section_texts(doc: &Document) -> Vec<SectionText> {
    doc.sections
        .iter()
        .map(|s| {
            let paragraphs: Vec<ParaText> = s
                .paragraphs
                .clone()
                .map(|i| paragraph_text(doc, i))
                .collect();
            let mut footnotes: Vec<(u32, String)> = Vec::new();
            for i in s.paragraphs.clone() {
                for &n in &doc.paragraphs[i].footnotes {
                    if !footnotes.iter().any(|(m, _)| *m == n) {
                        let text = doc
                            .footnote(n)
                            .map_or_else(String::new, |f| normalize(&f.text));
                        footnotes.push((n, text));
                    }
                }
            }
            let mut words = HashMap::new();
            let mut word_count = 0;
            for p in &paragraphs {
                word_count += count_words(&mut words, &p.text);
                if let Some(h) = &p.subheading {
                    word_count += count_words(&mut words, h);
                }
            }
            for (_, f) in &footnotes {
                word_count += count_words(&mut words, f);
            }
            SectionText {
                id: s.id.clone(),
                title: normalize(&s.title),
                paragraphs,
                footnotes,
                words,
                word_count,
            }
        })
        .collect()
}
