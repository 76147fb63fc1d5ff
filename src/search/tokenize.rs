//! Text analysis shared by the index, the query and the glossary: split into
//! words, fold case and diacritics, drop stop words, stem.

use std::ops::Range;

use rust_stemmers::{Algorithm, Stemmer};
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// A word of the original text: its byte range and its folded form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub range: Range<usize>,
    pub folded: String,
}

/// Which language's stemmer and stop words apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Analysis {
    Nl,
    En,
    Ru,
    /// Folding only: the baseline and exact glossary forms.
    Plain,
}

/// Lower-case, decompose and drop combining marks, so that "Oekraïne",
/// "OEKRAINE" and "oekraine" meet; ё/й lose their marks the same way.
pub fn fold(word: &str) -> String {
    if word.is_ascii() {
        return word.to_ascii_lowercase();
    }
    word.nfd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

/// Numbers written "30.000" or "1,5" stay one token: the separator only joins
/// when digits stand on both sides.
pub fn tokens(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    for_each_word(text, |range| {
        let raw = &text[range.clone()];
        let folded = if raw.contains(['.', ',']) {
            fold(&raw.replace(['.', ','], ""))
        } else {
            fold(raw)
        };
        out.push(Token { range, folded });
    });
    out
}

/// Calls `f` with the byte range of every word; allocation-free so the index
/// build can reuse its own buffers.
pub fn for_each_word(text: &str, mut f: impl FnMut(Range<usize>)) {
    let bytes = text.as_bytes();
    let mut start: Option<usize> = None;
    let mut iter = text.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        if c.is_alphanumeric() {
            if start.is_none() {
                start = Some(i);
            }
            continue;
        }
        if let Some(s) = start {
            let joins = (c == '.' || c == ',')
                && i > 0
                && bytes[i - 1].is_ascii_digit()
                && iter.peek().is_some_and(|(_, n)| n.is_ascii_digit());
            if joins {
                continue;
            }
            f(s..i);
            start = None;
        }
    }
    if let Some(s) = start {
        f(s..text.len());
    }
}

/// Stemmers and stop-word lists, built once and shared between threads.
pub struct Analyzer {
    nl: Stemmer,
    en: Stemmer,
    ru: Stemmer,
}

impl std::fmt::Debug for Analyzer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Analyzer")
    }
}

impl Default for Analyzer {
    fn default() -> Self {
        Analyzer {
            nl: Stemmer::create(Algorithm::Dutch),
            en: Stemmer::create(Algorithm::English),
            ru: Stemmer::create(Algorithm::Russian),
        }
    }
}

impl Analyzer {
    /// The index term of an already folded word, or None for a stop word.
    /// Numbers and words of one letter pass unstemmed.
    pub fn term(&self, folded: &str, how: Analysis) -> Option<String> {
        if is_stop(folded, how) {
            return None;
        }
        if folded.chars().any(|c| c.is_ascii_digit()) || folded.chars().count() < 3 {
            return Some(folded.to_string());
        }
        let cyrillic = folded.chars().any(is_cyrillic);
        let stemmer = match how {
            Analysis::Plain => return Some(folded.to_string()),
            _ if cyrillic => &self.ru,
            Analysis::Nl => &self.nl,
            Analysis::En => &self.en,
            Analysis::Ru => &self.ru,
        };
        Some(stemmer.stem(folded).into_owned())
    }

    /// Every form a query word may take in an index of mixed languages:
    /// its Dutch and its English stem (deduplicated).
    pub fn query_forms(&self, folded: &str, stemming: bool) -> Vec<String> {
        if !stemming {
            return self.term(folded, Analysis::Plain).into_iter().collect();
        }
        let mut forms: Vec<String> = Vec::with_capacity(2);
        for how in [Analysis::Nl, Analysis::En] {
            if let Some(t) = self.term(folded, how)
                && !forms.contains(&t)
            {
                forms.push(t);
            }
        }
        forms
    }
}

pub fn is_cyrillic(c: char) -> bool {
    ('\u{0400}'..='\u{04ff}').contains(&c)
}

fn is_stop(folded: &str, how: Analysis) -> bool {
    match how {
        Analysis::Nl => NL_STOP.binary_search(&folded).is_ok(),
        Analysis::En => EN_STOP.binary_search(&folded).is_ok(),
        Analysis::Ru => RU_STOP.binary_search(&folded).is_ok(),
        Analysis::Plain => false,
    }
}

/// A query mixes languages, so a word is a stop word when either list has it.
pub fn is_query_stop(folded: &str) -> bool {
    NL_STOP.binary_search(&folded).is_ok()
        || EN_STOP.binary_search(&folded).is_ok()
        || RU_STOP.binary_search(&folded).is_ok()
}

// Sorted, for binary search (a test checks the order).
const NL_STOP: &[&str] = &[
    "aan", "al", "als", "bij", "dan", "dat", "de", "deze", "die", "dit", "door", "dus", "een",
    "en", "er", "had", "heb", "hebben", "heeft", "het", "hij", "hoe", "hun", "ik", "in", "is",
    "je", "jij", "kan", "kon", "maar", "me", "met", "mij", "mijn", "na", "naar", "niet", "nog",
    "of", "om", "ook", "op", "over", "te", "tot", "u", "uit", "uw", "van", "voor", "waar", "was",
    "wat", "wel", "werd", "wie", "wij", "worden", "wordt", "zal", "ze", "zich", "zij", "zijn",
    "zo", "zou",
];

const EN_STOP: &[&str] = &[
    "a", "about", "an", "and", "are", "as", "at", "be", "been", "but", "by", "can", "did", "do",
    "does", "for", "from", "had", "has", "have", "he", "how", "i", "if", "in", "into", "is", "it",
    "its", "of", "on", "or", "so", "that", "the", "their", "them", "there", "they", "this", "to",
    "was", "we", "were", "what", "when", "where", "which", "who", "will", "with", "would", "you",
    "your",
];

const RU_STOP: &[&str] = &["в", "во", "и", "к", "на", "не", "о", "по", "с", "у", "что"];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stop_lists_are_sorted() {
        for list in [NL_STOP, EN_STOP, RU_STOP] {
            assert!(list.windows(2).all(|w| w[0] < w[1]), "{:?}", list);
        }
    }

    #[test]
    fn folds_case_and_diacritics_including_cyrillic_yo() {
        assert_eq!(fold("Oekraïne"), "oekraine");
        assert_eq!(fold("ЁЛКА"), "елка");
        assert_eq!(fold("één"), "een");
    }

    #[test]
    fn numbers_keep_their_thousands_separator_together() {
        let t = tokens("Boete 30.000 roebel, art. 328.");
        let words: Vec<_> = t.iter().map(|t| t.folded.as_str()).collect();
        assert_eq!(words, ["boete", "30000", "roebel", "art", "328"]);
        assert_eq!(t[1].range, 6..12);
    }

    #[test]
    fn hyphenated_words_split_and_ranges_are_bytes() {
        let text = "Kara-Murza – Oekraïne";
        let t = tokens(text);
        assert_eq!(t.len(), 3);
        assert_eq!(&text[t[2].range.clone()], "Oekraïne");
    }

    #[test]
    fn stems_by_language_and_drops_stop_words() {
        let a = Analyzer::default();
        assert_eq!(
            a.term("oproepen", Analysis::Nl),
            a.term("oproep", Analysis::Nl)
        );
        assert_eq!(
            a.term("deserters", Analysis::En),
            a.term("deserter", Analysis::En)
        );
        assert_eq!(a.term("de", Analysis::Nl), None);
        assert_eq!(a.term("328", Analysis::Nl).as_deref(), Some("328"));
        assert_eq!(
            a.term("повестку", Analysis::Nl),
            a.term("повестка", Analysis::Nl)
        );
        assert_eq!(a.query_forms("deserters", true).len(), 2);
    }
}
