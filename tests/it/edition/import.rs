//! `corpus import`: the shipped report imported again parses exactly as
//! shipped; a text the rules do not fit is reported, not mangled.

use gehoor::assets::FileSet;
use gehoor::corpus::Corpus;
use gehoor::corpus::import::detect_layout;

use super::fixture::root;
use super::{OLD, gehoor};

/// A document's parse without its metadata, as comparable JSON.
fn parse_of(corpus: &Corpus, id: &str) -> serde_json::Value {
    let mut v = serde_json::to_value(corpus.document(id).unwrap()).unwrap();
    v.as_object_mut().unwrap().remove("meta");
    v
}

#[test]
fn importing_the_shipped_report_reproduces_its_parse() {
    let dir = tempfile::tempdir().unwrap();
    let into = dir.path().join("corpus");
    let text = root().join("corpus").join(OLD).join("text.txt");
    let out = gehoor(dir.path())
        .args(["corpus", "import"])
        .arg(&text)
        .args([
            "--id",
            OLD,
            "--layout",
            "auto",
            "--publisher",
            "Ministerie van Buitenlandse Zaken",
        ])
        .arg("--into")
        .arg(&into)
        .output()
        .unwrap();
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{report}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        report.contains("layout: pdf_report (recognised by page headers, link lists)"),
        "{report}"
    );
    assert!(report.contains("3 page headers (pages 16–54)"), "{report}");
    assert!(report.contains("408 footnotes (1–408)"), "{report}");
    assert!(
        report.contains("1.1.3.2 Negeren van oproepen – andere maatregelen (403"),
        "{report}"
    );
    assert!(report.contains("All text was placed."), "{report}");

    let imported = Corpus::load(&FileSet::from_dir(&into).unwrap()).unwrap();
    let shipped = Corpus::load(&FileSet::embedded_corpus()).unwrap();
    assert!(imported.problems.is_empty(), "{:?}", imported.problems);
    assert_eq!(parse_of(&imported, OLD), parse_of(&shipped, OLD));
    let (a, b) = (
        &imported.document(OLD).unwrap().meta,
        &shipped.document(OLD).unwrap().meta,
    );
    assert_eq!(
        (
            &a.title,
            &a.published,
            &a.language,
            a.layout,
            a.kind,
            a.line_hyphen
        ),
        (
            &b.title,
            &b.published,
            &b.language,
            b.layout,
            b.kind,
            b.line_hyphen
        )
    );
    assert_eq!(
        std::fs::read(into.join(OLD).join("text.txt")).unwrap(),
        std::fs::read(&text).unwrap(),
        "the text is kept byte for byte"
    );
    // A second import into the same folder is refused.
    gehoor(dir.path())
        .args(["corpus", "import"])
        .arg(&text)
        .args(["--id", OLD, "--publisher", "X"])
        .arg("--into")
        .arg(&into)
        .assert()
        .code(2);
}

#[test]
fn auto_picks_the_layout_of_every_shipped_document() {
    let corpus = Corpus::load(&FileSet::embedded_corpus()).unwrap();
    for d in &corpus.documents {
        let text = std::fs::read_to_string(root().join("corpus").join(&d.meta.id).join("text.txt"))
            .unwrap();
        assert_eq!(detect_layout(&text).0, d.meta.layout, "{}", d.meta.id);
    }
}

#[test]
fn a_text_the_rules_do_not_fit_is_reported_with_lines() {
    let dir = tempfile::tempdir().unwrap();
    let shipped =
        std::fs::read_to_string(root().join("corpus").join(OLD).join("text.txt")).unwrap();
    // Footnote 200's line is lost in the export: numbering cannot go on.
    let at = shipped.find("\n200 ").expect("footnote 200");
    let end = at + 1 + shipped[at + 1..].find('\n').unwrap();
    let broken = format!("{}{}", &shipped[..at], &shipped[end..]);
    let file = dir.path().join("broken.txt");
    std::fs::write(&file, broken).unwrap();
    let out = gehoor(dir.path())
        .args(["corpus", "import"])
        .arg(&file)
        .args(["--id", "kapot", "--dry-run"])
        .output()
        .unwrap();
    let report = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{report}");
    assert!(
        report.contains("Parsing broke here: footnotes stop at 199, yet line"),
        "{report}"
    );
    assert!(report.contains("starts like footnote 201"), "{report}");
    assert!(
        !dir.path().join("corpus").exists(),
        "--dry-run writes nothing"
    );
    // Plain prose is no report: no headings, and it says so.
    std::fs::write(&file, "Een brief.\n\nMet twee alinea's.\n").unwrap();
    let out = gehoor(dir.path())
        .args(["corpus", "import"])
        .arg(&file)
        .args(["--id", "brief", "--layout", "pdf-report", "--dry-run"])
        .output()
        .unwrap();
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(
        report.contains("not a single numbered heading found"),
        "{report}"
    );
}

#[test]
fn values_the_text_does_not_give_must_be_flags_and_valid() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("brief.txt");
    std::fs::write(
        &file,
        "Geachte voorzitter,\n\nDit is de tekst van de brief.\n",
    )
    .unwrap();
    let into = dir.path().join("c");
    // No terminal to ask on: the missing values are named, nothing is written.
    gehoor(dir.path())
        .args(["corpus", "import"])
        .arg(&file)
        .args(["--id", "brief-test"])
        .arg("--into")
        .arg(&into)
        .assert()
        .code(2)
        .stdout(predicates::str::contains("layout: letter"))
        .stderr(predicates::str::contains("--published"))
        .stderr(predicates::str::contains("--publisher"));
    assert!(!into.exists());
    // A date that is not YYYY-MM-DD is refused where it would be written.
    gehoor(dir.path())
        .args(["corpus", "import"])
        .arg(&file)
        .args([
            "--id",
            "brief-test",
            "--published",
            "1 mei",
            "--publisher",
            "P",
        ])
        .arg("--into")
        .arg(&into)
        .assert()
        .code(2)
        .stderr(predicates::str::contains("YYYY-MM-DD"));
    assert!(!into.join("brief-test").exists());
    gehoor(dir.path())
        .args(["corpus", "import"])
        .arg(&file)
        .args([
            "--id",
            "brief-test",
            "--published",
            "2026-05-01",
            "--publisher",
            "P",
        ])
        .arg("--into")
        .arg(&into)
        .assert()
        .success();
    let toml = std::fs::read_to_string(into.join("brief-test/document.toml")).unwrap();
    assert!(
        toml.contains("layout = \"letter\"") && toml.contains("kind = \"policy_letter\""),
        "{toml}"
    );
    assert!(toml.contains("title = \"Geachte voorzitter,\""), "{toml}");
}
