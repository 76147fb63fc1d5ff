//! "Did you mean": the sessions a mistyped case reference or id was
//! probably meant to name.

use super::SessionSummary;

pub(super) fn suggest(q: &str, sessions: &[SessionSummary]) -> Vec<String> {
    use fuzzy_matcher::FuzzyMatcher;
    let matcher = fuzzy_matcher::skim::SkimMatcherV2::default();
    let mut scored: Vec<(i64, String)> = sessions
        .iter()
        .flat_map(|s| {
            let id = s.id.to_string();
            [
                matcher
                    .fuzzy_match(&s.case_ref, q)
                    .map(|sc| (sc, s.case_ref.clone())),
                matcher
                    .fuzzy_match(&id, q)
                    .map(|sc| (sc, id[..8].to_string())),
            ]
        })
        .flatten()
        .collect();
    if scored.is_empty() {
        // A mistyped tail ("TEST-NOPE" for "TEST-CLI") defeats subsequence
        // matching; a shared beginning still helps.
        let q = q.to_lowercase();
        scored = sessions
            .iter()
            .map(|s| {
                let common = s
                    .case_ref
                    .to_lowercase()
                    .chars()
                    .zip(q.chars())
                    .take_while(|(a, b)| a == b)
                    .count();
                (common as i64, s.case_ref.clone())
            })
            .filter(|(c, _)| *c >= 2)
            .collect();
    }
    scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    scored.dedup_by(|a, b| a.1 == b.1);
    scored.into_iter().take(3).map(|(_, s)| s).collect()
}
