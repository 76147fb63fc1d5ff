//! Fuzzy matching for short strings only (pickers, quick jump, did-you-mean);
//! paragraphs go through the index.

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

/// (index into `items`, score) of every item the query matches, best first;
/// equal scores keep the items' order.
pub fn rank(query: &str, items: &[&str]) -> Vec<(usize, i64)> {
    let matcher = SkimMatcherV2::default().ignore_case();
    let mut out: Vec<(usize, i64)> = items
        .iter()
        .enumerate()
        .filter_map(|(i, item)| matcher.fuzzy_match(item, query).map(|s| (i, s)))
        .collect();
    out.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranks_closer_matches_first_and_drops_non_matches() {
        let items = ["summons", "exit_restrictions", "conscription", "sum"];
        let r = rank("sumn", &items);
        assert_eq!(r.first().map(|x| x.0), Some(0));
        assert!(r.iter().all(|(i, _)| *i != 1 && *i != 2));
        assert!(rank("zzz", &items).is_empty());
    }

    #[test]
    fn ignores_case() {
        let r = rank("EXIT", &["exit_restrictions", "identity"]);
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].0, 0);
    }
}
