//! Search over the shipped corpus with arbitrary queries: the BM25 index,
//! glossary expansion, the fuzzy picker and snippets. Hits must be sorted by
//! finite scores, resolve as refs, and carry clean snippets with highlight
//! ranges on character boundaries, also over a corpus whose text is full
//! of Unicode spaces and escape sequences.
#![no_main]

use gehoor::search::{Hit, SearchOptions, fuzzy, snippet, tokenize};
use libfuzzer_sys::fuzz_target;

#[path = "../../tests/it/support/fuzzing.rs"]
mod fuzzing;

use fuzzing::{World, hostile_world, world};

fn assert_hits(w: &World, hits: &[Hit], limit: usize) {
    assert!(
        hits.len() <= limit,
        "{} hits over limit {limit}",
        hits.len()
    );
    for pair in hits.windows(2) {
        assert!(pair[0].score >= pair[1].score, "hits not sorted");
    }
    for h in hits {
        assert!(h.score.is_finite(), "score {}", h.score);
        assert!(
            w.corpus.resolve(&h.reference).is_some(),
            "hit ref {:?}",
            h.reference
        );
        assert_clean(&h.snippet);
        for r in &h.highlights {
            assert!(
                r.start <= r.end
                    && h.snippet.is_char_boundary(r.start)
                    && h.snippet.is_char_boundary(r.end),
                "highlight {r:?} in {:?}",
                h.snippet
            );
        }
    }
}

fn assert_clean(s: &str) {
    assert!(
        !s.chars().any(|c| c.is_control()
            || matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')),
        "unclean snippet {s:?}"
    );
}

fuzz_target!(|query: &str| {
    let hostile = hostile_world();
    let default = SearchOptions::default();
    assert_hits(
        hostile,
        &hostile.index.search(query, &default),
        default.limit,
    );
    let w = world();
    assert_hits(w, &w.index.search(query, &default), default.limit);
    let narrow = SearchOptions {
        limit: 3,
        doc: Some("brief-moratorium-2022".into()),
        expand: false,
    };
    let hits = w.index.search(query, &narrow);
    assert_hits(w, &hits, narrow.limit);
    assert!(hits.iter().all(|h| h.doc == "brief-moratorium-2022"));
    let pane = w
        .index
        .source_pane(&[query.to_string()], query, &[query.to_string()], 4);
    assert_hits_unsorted(&pane, 4);

    let glossary = w.index.glossary();
    let _ = glossary.entries_in(query);
    let _ = glossary.lookup(query);

    let titles: Vec<&str> = w.titles.iter().map(String::as_str).collect();
    let ranked = fuzzy::rank(query, &titles);
    assert!(ranked.windows(2).all(|p| p[0].1 >= p[1].1));
    assert!(ranked.iter().all(|(i, _)| *i < titles.len()));

    // Snippets of the query itself around its own words, at tight widths.
    let marks: Vec<_> = tokenize::tokens(query)
        .into_iter()
        .map(|t| t.range)
        .collect();
    for max in [1, 8, 40, 200] {
        let (s, ranges) = snippet::make(query, &marks, max);
        assert_clean(&s);
        for r in ranges {
            assert!(s.is_char_boundary(r.start) && s.is_char_boundary(r.end) && r.end <= s.len());
        }
    }
});

/// The source pane puts explicit refs first, so only the limit holds.
fn assert_hits_unsorted(hits: &[Hit], limit: usize) {
    assert!(hits.len() <= limit);
    assert!(hits.iter().all(|h| h.score.is_finite()));
}
