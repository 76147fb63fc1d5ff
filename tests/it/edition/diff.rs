//! `corpus diff` on the fictional next edition: every class as the edit
//! list says, and the three outputs as golden files.

use gehoor::corpus::edition::{Change, EditionDiff};

use super::fixture::recipe;
use super::{NEW, OLD, corpus, gehoor, stdout};

fn diff() -> EditionDiff<'static> {
    let c = corpus();
    EditionDiff::compare(c.document(OLD).unwrap(), c.document(NEW).unwrap())
}

#[test]
fn every_section_is_classed_as_the_edit_list_says() {
    let diff = diff();
    let expect = recipe().expect;
    let new_ids = |c: &Change| -> Vec<String> {
        c.targets()
            .iter()
            .map(|&n| diff.new.sections[n].id.clone())
            .collect()
    };
    for (o, change) in diff.changes.iter().enumerate() {
        let id = &diff.old.sections[o].id;
        let (class, targets): (&str, Vec<String>) = if let Some(n) = expect.renumbered.get(id) {
            ("renumbered", vec![n.clone()])
        } else if let Some(n) = expect.edited.get(id) {
            ("edited", vec![n.clone()])
        } else if let Some(n) = expect.split.get(id) {
            ("split", n.clone())
        } else if expect.removed.contains(id) {
            ("removed", Vec::new())
        } else {
            ("unchanged", vec![id.clone()])
        };
        assert_eq!(change.class(), class, "section {id}");
        assert_eq!(new_ids(change), targets, "section {id}");
    }
    let added: Vec<&str> = diff
        .added
        .iter()
        .map(|&n| diff.new.sections[n].id.as_str())
        .collect();
    assert_eq!(added, expect.new);
}

#[test]
fn edited_sections_show_the_changed_words_and_footnotes() {
    let diff = diff();
    let (o, _) = diff.change_of("1.2.2.3").unwrap();
    let d = &diff.details[o];
    assert_eq!(d.sentences.len(), 1);
    let line = gehoor::corpus::edition::inline(&d.sentences[0].words, 20);
    assert!(line.contains("[-13%-] {+17%+}"), "{line}");
    let (o, _) = diff.change_of("3.9").unwrap();
    let added: Vec<Option<u32>> = diff.details[o].footnotes.iter().map(|f| f.new).collect();
    assert_eq!(added, [Some(407), Some(408)]);
    // Renumbered footnotes with the same text are no change at all.
    let (o, c) = diff.change_of("3.8").unwrap();
    assert!(c.is_certain() && diff.details[o].is_empty());
}

#[test]
fn corpus_diff_table_json_and_markdown() {
    let dir = tempfile::tempdir().unwrap();
    let table = stdout(gehoor(dir.path()).args(["corpus", "diff", OLD, NEW]));
    super::snapshot("corpus_diff_table", &table);
    let md = stdout(gehoor(dir.path()).args(["corpus", "diff", OLD, NEW, "--markdown"]));
    super::snapshot("corpus_diff_markdown", &md);
    let json = stdout(gehoor(dir.path()).args(["corpus", "diff", OLD, NEW, "--json"]));
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["counts"]["renumbered"], 17);
    assert_eq!(v["counts"]["removed"], 1);
    let split = v["sections"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["class"] == "split")
        .unwrap();
    assert_eq!(split["old"], "1.1.3.1");
    assert_eq!(split["new"], serde_json::json!(["1.1.3.1", "1.1.3.2"]));
    let nl = stdout(gehoor(dir.path()).args(["--lang", "nl", "corpus", "diff", OLD, NEW]));
    assert!(
        nl.contains("hernummerd") && nl.contains("gesplitst"),
        "{nl}"
    );
}

#[test]
fn an_unknown_edition_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    gehoor(dir.path())
        .args(["corpus", "diff", OLD, "ambtsbericht-rf-2099"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("ambtsbericht-rf-2099"));
}
