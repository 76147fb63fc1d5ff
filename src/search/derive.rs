//! Query words the stemmers leave apart from the corpus's words, found on
//! the tune half of the evaluation set (docs/performance.md):
//! - a Dutch participle with be-/ge- against its noun or verb ("beboet" →
//!   "boete"), and a few irregular pairs ("vrijgesproken" → "vrijspraak");
//! - a Dutch compound the corpus does not contain, split where the corpus
//!   knows both parts ("legerkantoren" → "leger" + "kantoren").

/// Irregular forms the prefix rule cannot reach: (query word, corpus word).
const IRREGULAR: &[(&str, &str)] = &[
    ("vrijgesproken", "vrijspraak"),
    ("vrijspreken", "vrijspraak"),
    ("vrijgesprokene", "vrijspraak"),
    ("veroordeelde", "veroordeling"),
    ("gedeserteerd", "desertie"),
    ("deserteurs", "desertie"),
    ("dienstweigeraar", "dienstweigering"),
    ("dienstweigeraars", "dienstweigering"),
];

const MIN_PART: usize = 4;
const MAX_COMPOUND: usize = 40;

/// The term sets a query word stands for: one set (its own forms and its
/// relatives'), or, for an unknown Dutch compound, one set per part.
/// `lookup(word, out)` appends the index's terms for a word's forms.
pub fn word_groups(folded: &str, lookup: impl Fn(&str, &mut Vec<u32>)) -> Vec<Vec<u32>> {
    let mut terms = Vec::new();
    lookup(folded, &mut terms);
    for related in related_words(folded) {
        lookup(&related, &mut terms);
    }
    if !terms.is_empty() {
        return vec![terms];
    }
    for (head, tail) in compound_splits(folded) {
        let (mut a, mut b) = (Vec::new(), Vec::new());
        lookup(&head, &mut a);
        lookup(&tail, &mut b);
        if !a.is_empty() && !b.is_empty() {
            return vec![a, b];
        }
    }
    Vec::new()
}

fn related_words(folded: &str) -> Vec<String> {
    let mut out: Vec<String> = IRREGULAR
        .iter()
        .filter(|(q, _)| *q == folded)
        .map(|(_, c)| c.to_string())
        .collect();
    for prefix in ["be", "ge"] {
        if let Some(rest) = folded.strip_prefix(prefix)
            && rest.chars().count() >= MIN_PART
            && (folded.ends_with('t') || folded.ends_with('d'))
        {
            out.push(rest.to_string());
            out.push(format!("{rest}e"));
        }
    }
    out
}

/// Splits with both parts at least `MIN_PART` characters, longest tail
/// first; a linking "s" or "e" at the end of the head is also tried without.
fn compound_splits(folded: &str) -> Vec<(String, String)> {
    let chars: Vec<(usize, char)> = folded.char_indices().collect();
    // Longer "words" are not Dutch compounds but pasted junk; splitting them
    // would cost time quadratic in their length.
    if chars.len() < 2 * MIN_PART
        || chars.len() > MAX_COMPOUND
        || !chars.iter().all(|(_, c)| c.is_alphabetic())
    {
        return Vec::new();
    }
    let mut out = Vec::new();
    for &(at, _) in &chars[MIN_PART..=chars.len() - MIN_PART] {
        let (head, tail) = (&folded[..at], &folded[at..]);
        out.push((head.to_string(), tail.to_string()));
        for link in ["s", "e"] {
            if let Some(h) = head.strip_suffix(link)
                && h.chars().count() >= MIN_PART - 1
            {
                out.push((h.to_string(), tail.to_string()));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lookup_in(vocab: &'static [&'static str]) -> impl Fn(&str, &mut Vec<u32>) {
        move |w, out| {
            if let Some(i) = vocab.iter().position(|v| *v == w) {
                out.push(i as u32);
            }
        }
    }

    #[test]
    fn unknown_compounds_split_where_both_parts_are_known() {
        let look = lookup_in(&["leger", "kantoren", "rekruterings"]);
        assert_eq!(word_groups("legerkantoren", &look), vec![vec![0], vec![1]]);
        // A linking s is dropped from the head.
        let look = lookup_in(&["oorlog", "kritiek"]);
        assert_eq!(word_groups("oorlogskritiek", &look), vec![vec![0], vec![1]]);
        // Known words are not split, and nothing comes of unknown parts.
        let look = lookup_in(&["legerkantoren", "leger", "kantoren"]);
        assert_eq!(word_groups("legerkantoren", &look), vec![vec![0]]);
        assert!(word_groups("xyzqwerty", lookup_in(&["leger"])).is_empty());
        // A pasted megabyte "word" is not tried at every split point.
        let long = "a".repeat(1_000_000);
        assert!(compound_splits(&long).is_empty());
    }

    #[test]
    fn participles_reach_their_nouns() {
        let look = lookup_in(&["boete", "vrijspraak"]);
        assert_eq!(word_groups("beboet", &look), vec![vec![0]]);
        assert_eq!(word_groups("vrijgesproken", &look), vec![vec![1]]);
        // Only participle shapes lose their prefix.
        assert!(word_groups("beboeting", &look).is_empty());
    }
}
