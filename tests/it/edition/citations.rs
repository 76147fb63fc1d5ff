//! Sessions keep a hash of what was cited; an export against a corpus in
//! which the passage changed or went marks the citation and still shows
//! the text as cited. Old session files load unchanged.

use std::path::Path;

use gehoor::assets::{FileSet, Origin};
use gehoor::corpus::Corpus;
use gehoor::corpus::citation::{CitationState, citation_state, passage_text};
use gehoor::export::markdown;
use gehoor::i18n::Lang;
use gehoor::notes::{Session, parse_session};

use super::fixture::root;
use super::{NEW, OLD};

/// The shipped corpus, with the report replaced by the next edition's
/// text under the old id: as if the file had been updated in place.
fn updated_in_place() -> Corpus {
    let mut files = FileSet::embedded_corpus();
    let next = std::fs::read_to_string(
        root()
            .join("tests/fixtures/edition/corpus")
            .join(NEW)
            .join("text.txt"),
    )
    .unwrap();
    for f in &mut files.files {
        if f.rel == format!("{OLD}/text.txt") {
            f.text = next.clone();
        }
    }
    files.origin = Origin::Dir("c".into());
    Corpus::load(&files).unwrap()
}

#[test]
fn a_changed_or_gone_passage_is_marked_and_the_cited_text_kept() {
    let shipped = Corpus::load(&FileSet::embedded_corpus()).unwrap();
    let mut s = Session::new(
        "TEST-CITE",
        "A",
        Lang::En,
        Vec::new(),
        &gehoor::notes::now(),
    );
    for (key, r) in [
        ("q.a", format!("{OLD}#1.2.2.3")),
        ("q.b", format!("{OLD}#3.7.6")),
        ("q.c", format!("{OLD}#1.1.2")),
    ] {
        let text = passage_text(&shipped, &r).unwrap();
        s.cite_passage(key, &r, &text, key == "q.a", &gehoor::notes::now());
    }
    let file = s.to_toml();
    let back = parse_session(Path::new("s.toml"), &file).unwrap();
    assert_eq!(back, s);
    let a = &back.answers["q.a"];
    assert!(
        a.cited_hash(&format!("{OLD}#1.2.2.3"))
            .unwrap()
            .starts_with("sha256:")
    );
    assert!(
        a.cited_text(&format!("{OLD}#1.2.2.3"))
            .unwrap()
            .contains("13%")
    );
    assert!(
        back.answers["q.b"]
            .cited_text(&format!("{OLD}#3.7.6"))
            .is_none()
    );

    let now = updated_in_place();
    let state = |k: &str, r: &str| citation_state(&now, r, back.answers[k].cited_hash(r));
    assert_eq!(
        state("q.a", &format!("{OLD}#1.2.2.3")),
        CitationState::Changed
    );
    assert_eq!(state("q.c", &format!("{OLD}#1.1.2")), CitationState::Same);
    // 3.7.6 is now 4.7.6 and does not exist: the ref no longer resolves.
    assert_eq!(state("q.b", &format!("{OLD}#3.7.6")), CitationState::Gone);

    let catalog = gehoor::questionnaire::Catalog::default();
    let utc = jiff::tz::TimeZone::UTC;
    let rec = gehoor::export::build(&back, &catalog, &now, &utc);
    let md = markdown(&rec, Lang::En);
    assert_eq!(
        md.matches("passage changed since it was cited").count(),
        1,
        "{md}"
    );
    assert_eq!(
        md.matches("passage no longer in the corpus").count(),
        1,
        "{md}"
    );
    assert!(md.contains("*as cited:*") && md.contains("13%"), "{md}");
    let json = gehoor::export::json(&rec);
    let text = json.to_string();
    assert_eq!(text.matches("\"state\":\"changed\"").count(), 1, "{text}");
    assert_eq!(text.matches("\"state\":\"gone\"").count(), 1, "{text}");
    let html = gehoor::export::html(&rec, Lang::En);
    assert!(
        html.contains("⚠ passage changed since it was cited"),
        "{html}"
    );
    let same = markdown(
        &gehoor::export::build(&back, &catalog, &shipped, &utc),
        Lang::En,
    );
    assert!(!same.contains("passage changed since"), "{same}");
}

#[test]
fn sessions_without_hashes_still_load_and_are_not_marked() {
    let v0 = std::fs::read_to_string(root().join("tests/fixtures/sessions/v0-draft.toml")).unwrap();
    let s = parse_session(Path::new("v0.toml"), &v0).unwrap();
    let shipped = Corpus::load(&FileSet::embedded_corpus()).unwrap();
    for a in s.answers.values() {
        for r in &a.cited {
            assert_eq!(a.cited_hash(r), None);
            assert_ne!(citation_state(&shipped, r, None), CitationState::Changed);
        }
    }
}
