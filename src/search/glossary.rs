//! The COI glossary (corpus/glossary.toml): one entry per concept, its words
//! in Dutch, English and Russian (Cyrillic and transliteration), and a
//! one-line note in Dutch and English. Queries are expanded through it.

use std::collections::HashMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::tokenize::{Analyzer, is_cyrillic, tokens};
use crate::error::{Error, Result, from_toml};
use crate::i18n::Lang;

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Note {
    pub nl: String,
    pub en: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    #[serde(default)]
    pub nl: Vec<String>,
    #[serde(default)]
    pub en: Vec<String>,
    #[serde(default)]
    pub ru: Vec<String>,
    #[serde(default)]
    pub translit: Vec<String>,
    pub note: Note,
}

impl Entry {
    /// Every spelling of the concept, Dutch first.
    pub fn terms(&self) -> impl Iterator<Item = &str> {
        self.nl
            .iter()
            .chain(&self.en)
            .chain(&self.ru)
            .chain(&self.translit)
            .map(String::as_str)
    }

    /// The headword shown in a list: the first term in `lang`, else any.
    pub fn headword(&self, lang: Lang) -> &str {
        let first = match lang {
            Lang::Nl => self.nl.first(),
            Lang::En => self.en.first(),
        };
        first
            .map(String::as_str)
            .or_else(|| self.terms().next())
            .unwrap_or("")
    }

    pub fn note(&self, lang: Lang) -> &str {
        match lang {
            Lang::Nl => &self.note.nl,
            Lang::En => &self.note.en,
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    term: Vec<Entry>,
}

/// A term reduced to comparable keys: per word, its folded form and stems.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct Phrase {
    pub entry: usize,
    pub words: Vec<Vec<String>>,
}

/// Serialisable for index snapshots (`search/snapshot.rs`).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Glossary {
    entries: Vec<Entry>,
    phrases: Vec<Phrase>,
    /// Every key of a phrase's first word → indices into `phrases`, so a
    /// query only tries the phrases that can start at each of its words.
    by_first: HashMap<String, Vec<usize>>,
}

/// Per word: the folded form plus the Dutch, English and Russian stems,
/// so "summonses", "oproepen" and "повестку" meet their headwords.
pub(crate) fn word_keys(analyzer: &Analyzer, folded: &str) -> Vec<String> {
    use super::tokenize::Analysis::*;
    let mut keys = vec![folded.to_string()];
    // Cyrillic words go through the Russian stemmer whatever the language.
    let langs: &[_] = if folded.chars().any(is_cyrillic) {
        &[Ru]
    } else {
        &[Nl, En]
    };
    for &how in langs {
        // A stop word inside a phrase ("lijst van extremisten") still has to match.
        let stem = analyzer
            .term(folded, how)
            .unwrap_or_else(|| folded.to_string());
        if !keys.contains(&stem) {
            keys.push(stem);
        }
    }
    keys
}

impl Glossary {
    pub fn parse(text: &str) -> Result<Glossary> {
        Self::parse_at(Path::new("corpus/glossary.toml"), text)
    }

    /// `path` only names the file in a located error.
    /// Whether every phrase names an entry and every lookup a phrase (a
    /// snapshot read back from disk is checked before it is used).
    pub(crate) fn consistent(&self) -> bool {
        self.phrases.iter().all(|p| p.entry < self.entries.len())
            && self
                .by_first
                .values()
                .flatten()
                .all(|&i| i < self.phrases.len())
    }

    pub fn parse_at(path: &Path, text: &str) -> Result<Glossary> {
        let file: File = toml::from_str(text).map_err(|e| from_toml(path, text, &e))?;
        for (i, entry) in file.term.iter().enumerate() {
            if entry.terms().next().is_none() {
                return Err(Error::Parse {
                    path: path.to_path_buf(),
                    line: 1,
                    col: 1,
                    detail: crate::message::Msg::new(
                        "glossary_empty_term",
                        &[("number", &(i + 1).to_string())],
                    ),
                });
            }
        }
        let analyzer = Analyzer::default();
        let mut phrases = Vec::new();
        for (i, entry) in file.term.iter().enumerate() {
            for term in entry.terms() {
                let words: Vec<Vec<String>> = tokens(term)
                    .iter()
                    .map(|t| word_keys(&analyzer, &t.folded))
                    .collect();
                if !words.is_empty() {
                    phrases.push(Phrase { entry: i, words });
                }
            }
        }
        // Longest phrases first, so "militair rekruteringsbureau" wins over "militair".
        phrases.sort_by_key(|p| std::cmp::Reverse(p.words.len()));
        let mut by_first: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, p) in phrases.iter().enumerate() {
            for key in &p.words[0] {
                let list = by_first.entry(key.clone()).or_default();
                if list.last() != Some(&i) {
                    list.push(i);
                }
            }
        }
        Ok(Glossary {
            entries: file.term,
            phrases,
            by_first,
        })
    }

    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The entry one of whose terms is exactly this word or phrase (after
    /// folding and stemming).
    pub fn lookup(&self, word_or_phrase: &str) -> Option<&Entry> {
        let analyzer = Analyzer::default();
        let words: Vec<Vec<String>> = tokens(word_or_phrase)
            .iter()
            .map(|t| word_keys(&analyzer, &t.folded))
            .collect();
        if words.is_empty() {
            return None;
        }
        self.phrases
            .iter()
            .find(|p| p.words.len() == words.len() && matches_at(p, &words, 0))
            .map(|p| &self.entries[p.entry])
    }

    /// Every entry a term of which occurs in the query, in query order.
    pub fn entries_in(&self, query: &str) -> Vec<&Entry> {
        let analyzer = Analyzer::default();
        let words: Vec<Vec<String>> = tokens(query)
            .iter()
            .map(|t| word_keys(&analyzer, &t.folded))
            .collect();
        self.matches(&words)
            .into_iter()
            .map(|(_, e)| &self.entries[e])
            .collect()
    }

    /// (position, entry index) of each phrase found; a word is claimed by
    /// the longest phrase covering it, and each entry is reported once.
    pub(crate) fn matches(&self, words: &[Vec<String>]) -> Vec<(usize, usize)> {
        // (start, phrase index); phrase indices run longest first.
        let mut candidates: Vec<(usize, usize)> = Vec::new();
        for (start, keys) in words.iter().enumerate() {
            for key in keys {
                for &i in self.by_first.get(key).into_iter().flatten() {
                    let p = &self.phrases[i];
                    if start + p.words.len() <= words.len()
                        && matches_at(p, words, start)
                        && !candidates.contains(&(start, i))
                    {
                        candidates.push((start, i));
                    }
                }
            }
        }
        candidates.sort_by_key(|&(start, i)| (i, start));
        let mut claimed = vec![false; words.len()];
        let mut found: Vec<(usize, usize)> = Vec::new();
        for (start, i) in candidates {
            let p = &self.phrases[i];
            let end = start + p.words.len();
            if claimed[start..end].iter().any(|c| *c) {
                continue;
            }
            claimed[start..end].iter_mut().for_each(|c| *c = true);
            if !found.iter().any(|(_, e)| *e == p.entry) {
                found.push((start, p.entry));
            }
        }
        found.sort();
        found
    }
}

fn matches_at(p: &Phrase, words: &[Vec<String>], start: usize) -> bool {
    p.words
        .iter()
        .zip(&words[start..])
        .all(|(want, have)| want.iter().any(|k| have.contains(k)))
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = r#"
[[term]]
nl = ["oproep"]
en = ["summons", "call-up notice"]
ru = ["повестка"]
translit = ["povestka"]
note = { nl = "Oproep voor dienst.", en = "Call-up order." }

[[term]]
nl = ["militair rekruteringsbureau"]
en = ["military commissariat"]
ru = ["военкомат"]
translit = ["voenkomat"]
note = { nl = "Bureau.", en = "Office." }

[[term]]
nl = ["lijst van extremisten"]
en = ["Rosfinmonitoring"]
note = { nl = "Lijst.", en = "List." }
"#;

    #[test]
    fn lookup_folds_stems_and_crosses_scripts() {
        let g = Glossary::parse(SAMPLE).unwrap();
        assert_eq!(g.len(), 3);
        assert_eq!(g.lookup("Summonses").unwrap().nl, ["oproep"]);
        assert_eq!(g.lookup("повестку").unwrap().en[0], "summons");
        assert_eq!(g.lookup("VOENKOMAT").unwrap().en, ["military commissariat"]);
        assert_eq!(
            g.lookup("lijst van extremisten").unwrap().en,
            ["Rosfinmonitoring"]
        );
        assert!(g.lookup("militair").is_none());
    }

    #[test]
    fn entries_in_finds_phrases_inside_a_question() {
        let g = Glossary::parse(SAMPLE).unwrap();
        let found = g.entries_in("Kreeg u een povestka van het militaire rekruteringsbureau?");
        let heads: Vec<_> = found.iter().map(|e| e.headword(Lang::En)).collect();
        assert_eq!(heads, ["summons", "military commissariat"]);
    }

    #[test]
    fn unknown_keys_and_empty_entries_are_located_errors() {
        let err =
            Glossary::parse("[[term]]\nnl = [\"a\"]\nnote = { nl = \"x\", en = \"y\" }\nfr = []\n")
                .unwrap_err();
        assert!(matches!(err, Error::Parse { line: 4, .. }), "{err:?}");
        let err = Glossary::parse("[[term]]\nnote = { nl = \"x\", en = \"y\" }\n").unwrap_err();
        assert!(matches!(err, Error::Parse { .. }));
    }
}
