//! `questionnaires migrate` and `check` against the fictional next edition:
//! every ref into a section that was only renumbered moves, every ref into
//! a rewritten, split or removed one is flagged, and nothing else is
//! called certain.

use gehoor::assets::FileSet;
use gehoor::corpus::edition::{EditionDiff, Fate};
use gehoor::questionnaire::editions::verdicts;

use super::fixture::recipe;
use super::{NEW, OLD, corpus, gehoor, stdout};

#[test]
fn verdicts_follow_the_edit_list_exactly() {
    let c = corpus();
    let diff = EditionDiff::compare(c.document(OLD).unwrap(), c.document(NEW).unwrap());
    let mut refs = c.refs();
    refs.sort();
    let (catalog, _) =
        gehoor::questionnaire::load_checked(&FileSet::embedded_questionnaires(), &refs);
    let expect = recipe().expect;
    let all = verdicts(&catalog, &diff);
    assert!(all.len() > 200, "only {} refs into {OLD}", all.len());
    let (mut moved, mut flagged) = (0, 0);
    for (u, fate) in &all {
        let section = u.reference.split_once('#').map_or("", |(_, s)| s);
        let at = format!("{}: {}", u.file.display(), u.reference);
        if u.reference == OLD {
            assert_eq!(
                fate,
                &Fate::Certain {
                    new_ref: NEW.into()
                },
                "{at}"
            );
        } else if let Some(n) = expect.renumbered.get(section) {
            assert_eq!(
                fate,
                &Fate::Certain {
                    new_ref: format!("{NEW}#{n}")
                },
                "{at}"
            );
            moved += 1;
        } else if expect.edited.contains_key(section) || expect.split.contains_key(section) {
            assert!(matches!(fate, Fate::Changed { .. }), "{at}: {fate:?}");
            flagged += 1;
        } else if expect.removed.iter().any(|r| r == section) {
            assert_eq!(fate, &Fate::Removed, "{at}");
            flagged += 1;
        } else {
            assert_eq!(
                fate,
                &Fate::Certain {
                    new_ref: format!("{NEW}#{section}")
                },
                "{at}"
            );
        }
    }
    // The shipped questionnaires cite renumbered, edited, split and removed
    // sections, so each branch above was taken.
    assert!(
        moved > 20 && flagged > 20,
        "moved {moved}, flagged {flagged}"
    );
    let classes: std::collections::BTreeSet<&str> = all
        .iter()
        .filter_map(|(_, f)| match f {
            Fate::Changed { class, .. } => Some(*class),
            Fate::Removed => Some("removed"),
            _ => None,
        })
        .collect();
    assert_eq!(
        classes,
        ["edited", "removed", "split"].into_iter().collect()
    );
}

/// One line per diagnostic: the golden output of `check` stays readable.
fn condensed(json: &str) -> String {
    let v: serde_json::Value = serde_json::from_str(json).unwrap();
    v.as_array()
        .unwrap()
        .iter()
        .map(|d| {
            format!(
                "{}:{}:{} {} {}\n    hint: {}\n",
                d["file"].as_str().unwrap(),
                d["line"],
                d["col"],
                d["code"].as_str().unwrap(),
                d["message"].as_str().unwrap(),
                d["hint"].as_str().unwrap_or("")
            )
        })
        .collect()
}

#[test]
fn check_and_migrate_golden_outputs() {
    let dir = tempfile::tempdir().unwrap();
    let out = gehoor(dir.path())
        .args(["check", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "warnings only");
    super::snapshot(
        "check_superseded",
        &condensed(&String::from_utf8_lossy(&out.stdout)),
    );
    let dry =
        stdout(gehoor(dir.path()).args(["questionnaires", "migrate", "--from", OLD, "--to", NEW]));
    super::snapshot("migrate_dry_run", &dry);
}

/// A line with every new-edition ref put back to the old one it replaced.
fn restore(line: &str) -> String {
    let inverse: std::collections::BTreeMap<String, String> = recipe()
        .expect
        .renumbered
        .into_iter()
        .map(|(o, n)| (n, o))
        .collect();
    line.split('"')
        .map(|piece| match piece.strip_prefix(&format!("{NEW}#")) {
            Some(sec) => format!("{OLD}#{}", inverse.get(sec).map_or(sec, String::as_str)),
            None if piece == NEW => OLD.to_string(),
            None => piece.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\"")
}

fn copy_questionnaires(to: &std::path::Path) {
    let src = super::fixture::root().join("questionnaires");
    for e in std::fs::read_dir(src).unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, to.join(p.file_name().unwrap())).unwrap();
    }
}

#[test]
fn migrate_writes_only_with_write_and_keeps_everything_else() {
    let dir = tempfile::tempdir().unwrap();
    let q = dir.path().join("q");
    std::fs::create_dir(&q).unwrap();
    copy_questionnaires(&q);
    let summons = q.join("summons.toml");
    let commented = std::fs::read_to_string(&summons).unwrap().replacen(
        "\n[[question]]",
        "\n# a trainer's comment\n[[question]]",
        1,
    );
    std::fs::write(&summons, &commented).unwrap();
    let before: Vec<(std::path::PathBuf, String)> = std::fs::read_dir(&q)
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| (p.clone(), std::fs::read_to_string(&p).unwrap()))
        .collect();
    let args = ["questionnaires", "migrate", "--from", OLD, "--to", NEW];
    let mut cmd = gehoor(dir.path());
    cmd.arg("--questionnaires").arg(&q).args(args);
    stdout(&mut cmd);
    for (p, text) in &before {
        assert_eq!(
            &std::fs::read_to_string(p).unwrap(),
            text,
            "dry run wrote {p:?}"
        );
    }
    let mut cmd = gehoor(dir.path());
    cmd.arg("--questionnaires")
        .arg(&q)
        .args(args)
        .arg("--write");
    let out = stdout(&mut cmd);
    assert!(out.contains("rewritten"), "{out}");
    for (p, old) in &before {
        let new = std::fs::read_to_string(p).unwrap();
        // Line by line, the only difference is a ref moved to the new id.
        assert_eq!(new.lines().count(), old.lines().count(), "{p:?}");
        for (a, b) in old.lines().zip(new.lines()) {
            assert_eq!(restore(b), a, "{p:?}");
        }
    }
    let after = std::fs::read_to_string(&summons).unwrap();
    assert!(after.contains("# a trainer's comment"));
    assert!(
        after.contains(&format!("\"{NEW}#1.1.3.3\"")),
        "renumbered 1.1.3.2 moved"
    );
    assert!(
        after.contains(&format!("\"{OLD}#1.1.3.1\"")),
        "split 1.1.3.1 stays for review"
    );
    // What is left for `check` is exactly what needs a person.
    let mut cmd = gehoor(dir.path());
    cmd.arg("--questionnaires")
        .arg(&q)
        .args(["check", "--format", "json"]);
    let left = stdout(&mut cmd);
    assert!(!left.contains("superseded_moved"), "{left}");
    assert!(left.contains("superseded_changed") && left.contains("superseded_removed"));
}

#[test]
fn the_built_in_questionnaires_are_never_written() {
    let dir = tempfile::tempdir().unwrap();
    gehoor(dir.path())
        .args([
            "questionnaires",
            "migrate",
            "--from",
            OLD,
            "--to",
            NEW,
            "--write",
        ])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("--questionnaires"));
}
