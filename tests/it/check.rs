//! `gehoor check`: the valid example loads clean, every broken fixture
//! produces the diagnostic it is named after (snapshotted as rendered), the
//! expression parser never panics, and the command's exit codes.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use gehoor::assets::{FileSet, Origin, TextFile};
use gehoor::check::{Grounds, check, check_grounded, render_human, render_json};
use gehoor::i18n::Lang;
use gehoor::questionnaire::{self, Answers, Kind, Required, Value, expr, visible};
use proptest::prelude::*;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/check")
}

fn refs() -> Vec<String> {
    let mut r: Vec<String> = [
        "ambtsbericht-rf-2025",
        "ambtsbericht-rf-2025#1.1.3",
        "ambtsbericht-rf-2025#1.1.3/p2",
        "ambtsbericht-rf-2025#1.2",
        "brief-moratorium-2022#p1",
    ]
    .map(String::from)
    .to_vec();
    r.sort();
    r
}

const GROUNDING_CODES: &[&str] = &[
    "ungrounded_number",
    "unknown_number",
    "number_mismatch",
    "uncited_section",
    "grounding_marker",
    "unused_exception",
    "as_of_missing",
    "as_of_mismatch",
];

/// The grounding rules read the shipped corpus, parsed once.
fn grounds() -> &'static Grounds {
    static GROUNDS: std::sync::OnceLock<Grounds> = std::sync::OnceLock::new();
    GROUNDS.get_or_init(|| {
        let corpus = gehoor::corpus::Corpus::load(&FileSet::embedded_corpus()).unwrap();
        Grounds::from_corpus(&corpus)
    })
}

/// The valid set with stable relative paths, so snapshots do not depend on
/// where the repository is checked out.
fn valid_files() -> Vec<TextFile> {
    let set = FileSet::from_dir(&fixtures().join("valid")).unwrap();
    set.files
}

fn set_of(files: Vec<TextFile>) -> FileSet {
    FileSet {
        origin: Origin::Dir(PathBuf::from("questionnaires")),
        files,
    }
}

#[test]
fn the_valid_example_has_no_diagnostics_and_loads_fully() {
    let files = set_of(valid_files());
    let diags = check(&files, &refs());
    assert!(
        diags.is_empty(),
        "{}",
        render_human(&diags, &files, Lang::En)
    );
    let grounded = check_grounded(&files, &refs(), grounds());
    assert!(
        grounded.is_empty(),
        "{}",
        render_human(&grounded, &files, Lang::En)
    );

    let (cat, _) = questionnaire::load(&files);
    assert_eq!(cat.questionnaires.len(), 2);
    assert_eq!(cat.profiles[0].topics, ["travel", "summons"]);
    let summons = cat.questionnaire("summons").unwrap();
    assert_eq!(summons.version, 2);
    assert_eq!(summons.content_hash.len(), 64);
    assert_eq!(summons.sections.len(), 2);
    assert_eq!(summons.questions.len(), 10);
    let received = summons.question("received").unwrap();
    assert_eq!(received.required, Required::Must);
    assert_eq!(received.full_id("summons"), "summons.received");
    assert_eq!(received.text.ru.as_deref(), Some("Вы получали повестку?"));
    assert_eq!(received.text.get(Lang::En), "Did you receive a summons?");
    assert_eq!(
        summons
            .resolve_renamed("got_summons")
            .map(|q| q.id.as_str()),
        Some("received")
    );
    let method = summons.question("method").unwrap();
    assert_eq!(method.kind.choices().len(), 3);
    assert_eq!(method.group.as_deref(), Some("summonses"));
    assert!(matches!(
        summons.question("age").unwrap().kind,
        Kind::Number {
            min: Some(16.0),
            max: Some(80.0),
            ..
        }
    ));
    // A sibling in the same repeat group is read from the same instance.
    let served = summons.question("served_on").unwrap();
    assert!(served.show_if.as_ref().unwrap().refs()[0].sibling);
    assert!(
        !summons
            .question("exempt")
            .unwrap()
            .show_if
            .as_ref()
            .unwrap()
            .refs()[1]
            .sibling
    );
}

struct Map(HashMap<(String, Option<usize>), Value>);

impl Answers for Map {
    fn get(&self, full_id: &str, instance: Option<usize>) -> Option<&Value> {
        self.0.get(&(full_id.to_string(), instance))
    }
}

#[test]
fn visibility_follows_answers_groups_and_instances() {
    let (cat, _) = questionnaire::load(&set_of(valid_files()));
    let qn = cat.questionnaire("summons").unwrap();
    let q = |id| qn.question(id).unwrap();
    let mut a = Map(HashMap::new());
    a.0.insert(("summons.received".into(), None), Value::YesNo(false));
    a.0.insert(
        ("summons.method".into(), Some(1)),
        Value::Choice("post".into()),
    );
    // The group's condition fails: nothing in it is shown.
    assert!(!visible(&cat, qn, q("served_on"), &a, Some(1)));
    a.0.insert(("summons.received".into(), None), Value::YesNo(true));
    assert!(visible(&cat, qn, q("served_on"), &a, Some(1)));
    assert!(!visible(&cat, qn, q("served_on"), &a, Some(0)));
    assert!(visible(&cat, qn, q("received"), &a, None));
    assert!(!visible(&cat, qn, q("old_note"), &a, None));
    // Cross-questionnaire: exempt needs age >= 18 and not travel.abroad.
    a.0.insert(("summons.age".into(), None), Value::Number(30.0));
    assert!(visible(&cat, qn, q("exempt"), &a, None));
    a.0.insert(("travel.abroad".into(), None), Value::YesNo(true));
    assert!(!visible(&cat, qn, q("exempt"), &a, None));
}

/// Each broken fixture is named after the code it must produce
/// (`<code>.toml`, `<code>__variant.toml`, or a folder `<code>/` holding
/// a `profiles.toml`).
#[test]
fn every_broken_fixture_produces_its_diagnostic() {
    let dir = fixtures().join("broken");
    let mut entries: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    assert!(entries.len() >= 40, "{}", entries.len());
    for path in entries {
        let name = path.file_stem().unwrap().to_string_lossy().to_string();
        let expected = name.split("__").next().unwrap().to_string();
        let mut files = valid_files();
        let mut broken_rel = Vec::new();
        if path.is_dir() {
            files.retain(|f| f.rel != "profiles.toml");
            for f in FileSet::from_dir(&path).unwrap().files {
                broken_rel.push(f.rel.clone());
                files.push(f);
            }
        } else {
            let rel = format!("{name}.toml");
            broken_rel.push(rel.clone());
            files.push(TextFile {
                rel,
                text: std::fs::read_to_string(&path).unwrap(),
            });
        }
        files.sort_by(|a, b| a.rel.cmp(&b.rel));
        let set = set_of(files);
        // The grounding rules read the corpus text; only their own fixtures
        // run them, so the other snapshots show only their own problem.
        let all = if GROUNDING_CODES.contains(&expected.as_str()) {
            check_grounded(&set, &refs(), grounds())
        } else {
            check(&set, &refs())
        };
        let diags: Vec<_> = all
            .into_iter()
            .filter(|d| {
                broken_rel
                    .iter()
                    .any(|r| d.file == Path::new("questionnaires").join(r))
            })
            .collect();
        assert!(
            diags.iter().any(|d| d.code.as_str() == expected),
            "{name}: expected {expected}, got {:?}",
            diags.iter().map(|d| d.code).collect::<Vec<_>>()
        );
        for d in &diags {
            assert!(d.line >= 1 && d.col >= 1, "{name}: {d:?}");
        }
        let rendered = render_human(&diags, &set, Lang::En);
        insta::assert_snapshot!(name, rendered);
    }
}

#[test]
fn dutch_rendering_uses_the_dutch_table() {
    let mut files = valid_files();
    files.push(TextFile {
        rel: "unknown_choice.toml".into(),
        text: std::fs::read_to_string(fixtures().join("broken/unknown_choice.toml")).unwrap(),
    });
    let set = set_of(files);
    let diags = check(&set, &refs());
    let nl = render_human(&diags, &set, Lang::Nl);
    insta::assert_snapshot!("unknown_choice_nl", nl);
    let json: serde_json::Value = serde_json::from_str(&render_json(&diags, Lang::Nl)).unwrap();
    let item = json
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "unknown_choice")
        .unwrap();
    assert_eq!(item["suggestion"], "\"paper\"");
    assert_eq!(item["message"], "`papper` is geen keuze van `method`");
}

#[test]
fn every_problem_in_a_file_is_listed_at_once() {
    let text = r#"id = "many"
version = 0
topic = "militray"
title = { nl = "x" }
colour = 1

[[question]]
id = "a"
kind = "yes_no"
text = { nl = "V", en = "Q" }
show_if = 'b =='

[[question]]
id = "a"
kind = "number"
precision = "day"
text = { nl = "V", en = "Q" }
"#;
    let set = set_of(vec![TextFile {
        rel: "many.toml".into(),
        text: text.into(),
    }]);
    let codes: Vec<_> = check(&set, &refs()).iter().map(|d| d.code).collect();
    for want in [
        "version_range",
        "invalid_value",
        "missing_translation",
        "unknown_key",
        "expr_expected_operand",
        "duplicate_question",
    ] {
        assert!(
            codes.iter().any(|c| c.as_str() == want),
            "{want} missing from {codes:?}"
        );
    }
}

#[test]
fn the_shipped_questionnaires_pass() {
    let files = FileSet::embedded_questionnaires();
    let docs = [
        "ambtsbericht-rf-2025",
        "brief-moratorium-2022",
        "persbericht-kuzmin-2026-en",
        "persbericht-kuzmin-2026-nl",
        "artikel-moechametov-2025",
    ];
    let refs: Vec<String> = docs
        .iter()
        .flat_map(|d| [d.to_string(), format!("{d}#*")])
        .collect();
    let errors: Vec<_> = check(&files, &refs)
        .into_iter()
        .filter(|d| d.is_error())
        .collect();
    assert!(
        errors.is_empty(),
        "{}",
        render_human(&errors, &files, Lang::En)
    );
}

/// The shipped questionnaires are grounded in the shipped corpus: not a
/// single warning, so a new one stands out.
#[test]
fn the_shipped_questionnaires_are_grounded_without_a_warning() {
    let files = FileSet::embedded_questionnaires();
    let corpus = gehoor::corpus::Corpus::load(&FileSet::embedded_corpus()).unwrap();
    let diags = check_grounded(&files, &corpus.refs(), grounds());
    assert!(
        diags.is_empty(),
        "{}",
        render_human(&diags, &files, Lang::En)
    );
}

/// A number the cited section does not hold is reported with the places
/// that do hold it; a marker with a reason lets it through.
#[test]
fn grounding_names_where_a_number_is_and_honours_a_reasoned_marker() {
    let text = std::fs::read_to_string(fixtures().join("broken/ungrounded_number.toml")).unwrap();
    let one = |text: String| {
        let mut files = valid_files();
        files.push(TextFile {
            rel: "ungrounded_number.toml".into(),
            text,
        });
        check_grounded(&set_of(files), &refs(), grounds())
    };
    let diags = one(text.clone());
    let d = diags
        .iter()
        .find(|d| d.code.as_str() == "ungrounded_number")
        .expect("reported");
    assert!(
        d.message_in(Lang::En).contains("`958`"),
        "{}",
        d.message_in(Lang::En)
    );
    assert!(
        d.hint_in(Lang::En)
            .unwrap()
            .contains("ambtsbericht-rf-2025#1.1.5/p3"),
        "{:?}",
        d.hint_in(Lang::En)
    );
    let marked = text.replace(
        "# 958 convictions",
        "# grounding-exception 958: a test of the marker\n# 958 convictions",
    );
    assert!(
        !one(marked).iter().any(
            |d| d.code.as_str() == "ungrounded_number" || d.code.as_str() == "grounding_marker"
        ),
        "a reasoned marker lets the number through"
    );
}

/// The editor schema and the loader must accept the same keys.
#[test]
fn the_json_schema_names_exactly_the_loader_keys() {
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/questionnaire.schema.json"),
        )
        .unwrap(),
    )
    .unwrap();
    let keys = |v: &serde_json::Value| {
        let mut k: Vec<String> = v["properties"]
            .as_object()
            .unwrap()
            .keys()
            .cloned()
            .collect();
        k.sort();
        k
    };
    let sorted = |k: &[&str]| {
        let mut k: Vec<String> = k.iter().map(|s| s.to_string()).collect();
        k.sort();
        k
    };
    let defs = &schema["definitions"];
    assert_eq!(keys(&schema), sorted(questionnaire::QUESTIONNAIRE_KEYS));
    assert_eq!(
        keys(&defs["question"]),
        sorted(questionnaire::QUESTION_KEYS)
    );
    assert_eq!(
        keys(&schema["properties"]["section"]["items"]),
        sorted(questionnaire::SECTION_KEYS)
    );
    assert_eq!(
        keys(&schema["properties"]["group"]["items"]),
        sorted(questionnaire::GROUP_KEYS)
    );
    assert_eq!(
        keys(&defs["question"]["properties"]["choices"]["items"]),
        sorted(questionnaire::CHOICE_KEYS)
    );
    assert_eq!(
        keys(&defs["profiles"]["properties"]["profile"]["items"]),
        sorted(questionnaire::PROFILE_KEYS)
    );
}

proptest! {
    /// Damaging the valid example anywhere never panics the loader or the
    /// checker, and the damage is always reported or harmless.
    #[test]
    fn the_checker_never_panics_on_damaged_files(
        cut in 0usize..6000,
        len in 0usize..40,
        insert in "\\PC{0,12}",
    ) {
        let dir = fixtures().join("valid");
        let text = std::fs::read_to_string(dir.join("summons.toml")).unwrap();
        let mut start = cut.min(text.len());
        while !text.is_char_boundary(start) {
            start -= 1;
        }
        let mut end = (start + len).min(text.len());
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let damaged = format!("{}{}{}", &text[..start], insert, &text[end..]);
        let mut files = valid_files();
        files.retain(|f| f.rel != "summons.toml");
        files.push(TextFile { rel: "summons.toml".into(), text: damaged });
        let set = set_of(files);
        let diags = check(&set, &refs());
        let _ = render_human(&diags, &set, Lang::Nl);
        for d in &diags {
            prop_assert!(d.span.end <= set.files.iter().map(|f| f.text.len()).max().unwrap());
        }
    }

    #[test]
    fn the_parser_never_panics(src in "\\PC{0,80}") {
        let _ = expr::parse(&src, 7);
    }

    #[test]
    fn the_parser_never_panics_on_token_soup(
        parts in proptest::collection::vec(
            prop_oneof![
                Just("a"), Just("x.y"), Just("=="), Just("!="), Just("<"), Just(">="),
                Just("in"), Just("and"), Just("or"), Just("not"), Just("("), Just(")"),
                Just("\"s\""), Just("\""), Just("42"), Just("3.5"), Just("2024-02-30"),
                Just("2024-03"), Just("answered("), Just("true"), Just("é"), Just("."),
            ],
            0..40,
        )
    ) {
        let src = parts.join(" ");
        if let Ok(e) = expr::parse(&src, 0) {
            // Whatever parses prints back to something that parses the same.
            let again = expr::parse(&e.to_string(), 0).unwrap();
            prop_assert_eq!(again.to_string(), e.to_string());
        }
    }
}

fn gehoor() -> Command {
    let mut c = Command::cargo_bin("gehoor").unwrap();
    c.env("GEHOOR_CONFIG", "/dev/null")
        .env("LANG", "en_US.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES");
    c
}

#[test]
fn command_exit_codes() {
    let valid = fixtures().join("valid");
    gehoor()
        .arg("check")
        .arg(&valid)
        .assert()
        .code(0)
        .stdout(predicates::str::contains("No problems found in 3 file(s)"));

    let broken = fixtures().join("broken/unknown_question.toml");
    let out = gehoor()
        .args(["check", "--format", "json"])
        .arg(&broken)
        .arg(valid.join("summons.toml"))
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let json: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert!(
        json.as_array()
            .unwrap()
            .iter()
            .any(|d| d["code"] == "unknown_question" && d["suggestion"] == "received")
    );

    gehoor()
        .args(["check", "/nonexistent/gehoor-questionnaires"])
        .assert()
        .code(2);
}

#[test]
fn a_profile_id_defined_in_two_files_is_reported_with_the_first_place() {
    let profile =
        "[[profile]]\nid = \"critic\"\ntitle = { nl = \"C\", en = \"C\" }\ntopics = [\"travel\"]\n";
    let mut files = valid_files();
    files.retain(|f| f.rel != "profiles.toml");
    for dir in ["a", "b"] {
        files.push(TextFile {
            rel: format!("{dir}/profiles.toml"),
            text: profile.into(),
        });
    }
    let diags = check(&set_of(files), &refs());
    let dup: Vec<_> = diags
        .iter()
        .filter(|d| d.code == gehoor::questionnaire::Code::DuplicateProfile)
        .collect();
    assert_eq!(dup.len(), 1, "{diags:?}");
    assert_eq!(dup[0].file, Path::new("questionnaires/b/profiles.toml"));
    assert_eq!(
        dup[0].hint.as_deref(),
        Some("first used on line 2 (questionnaires/a/profiles.toml)")
    );
}

/// Issue 17: a 30,000-term `and` chain overflowed the stack of `check`
/// (exit 134); it is now a located error. A huge questionnaire (the time it
/// takes is in `cargo bench --bench questionnaire_check`) is checked whole.
#[test]
fn hostile_questionnaires_get_located_limit_errors_not_a_crash() {
    let dir = tempfile::tempdir().unwrap();
    let terms = vec!["q0"; 30_000].join(" and ");
    std::fs::write(
        dir.path().join("chain.toml"),
        format!(
            "id = \"chain\"\nversion = 1\ntopic = \"military\"\ntitle = {{ nl = \"K\", en = \"C\" }}\n\n\
             [[question]]\nid = \"q0\"\nkind = \"yes_no\"\ntext = {{ nl = \"V?\", en = \"Q?\" }}\n\n\
             [[question]]\nid = \"q1\"\nkind = \"yes_no\"\ntext = {{ nl = \"V?\", en = \"Q?\" }}\n\
             show_if = \"{terms}\"\n"
        ),
    )
    .unwrap();
    let out = assert_cmd::Command::cargo_bin("gehoor")
        .unwrap()
        .args(["--lang", "en", "check"])
        .arg(dir.path())
        .env("GEHOOR_CONFIG", dir.path().join("none.toml"))
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let head: String = stdout.chars().take(300).collect();
    assert_eq!(out.status.code(), Some(1), "{head}");
    assert!(stdout.contains("chain.toml:15:"), "{head}");
    assert!(stdout.contains("more than 256 parts"), "{head}");

    let mut text = String::from(
        "id = \"big\"\nversion = 1\ntopic = \"military\"\ntitle = { nl = \"G\", en = \"B\" }\n",
    );
    let n = 20_000;
    for i in 0..n {
        text.push_str(&format!(
            "\n[[question]]\nid = \"q{i}\"\nkind = \"yes_no\"\ntext = {{ nl = \"V{i}?\", en = \"Q{i}?\" }}\nshow_if = \"q{}\"\n",
            (i + 1) % n
        ));
    }
    let files = gehoor::assets::FileSet {
        origin: gehoor::assets::Origin::Dir("big".into()),
        files: vec![gehoor::assets::TextFile {
            rel: "big.toml".into(),
            text,
        }],
    };
    let diags = gehoor::check::check(&files, &[]);
    let forward = diags
        .iter()
        .filter(|d| d.code.as_str() == "forward_ref")
        .count();
    assert_eq!(
        forward,
        n - 1,
        "one forward reference per question but the last"
    );
    let last = diags
        .iter()
        .rfind(|d| d.code.as_str() == "forward_ref")
        .unwrap();
    assert_eq!(last.line, 4 + 6 * (n - 2) + 6, "line numbers stay exact");
}

/// `computed` reads a date question of another file by its full id; the
/// loaded question carries the parsed expression and the checker accepts it.
#[test]
fn a_computed_age_may_name_a_date_question_of_another_file() {
    let age = |expr: &str| TextFile {
        rel: "age.toml".into(),
        text: format!(
            "id = \"age\"\nversion = 1\ntopic = \"identity\"\n\
             title = {{ nl = \"L\", en = \"A\" }}\n\n[[question]]\nid = \"on_2024\"\n\
             kind = \"number\"\ncomputed = \"{expr}\"\ntext = {{ nl = \"L\", en = \"A\" }}\n"
        ),
    };
    let mut files = valid_files();
    files.push(age("age_on(travel.left_on, 2024-01-01)"));
    let set = set_of(files);
    let diags = check(&set, &refs());
    assert!(
        !diags.iter().any(|d| d.file.ends_with("age.toml")),
        "{diags:?}"
    );
    let (catalog, _) = questionnaire::load(&set);
    let (_, q) = catalog.question("age.on_2024").unwrap();
    let c = q.computed.as_ref().expect("parsed");
    assert_eq!(c.source.full_id("age"), "travel.left_on");
    assert_eq!(c.on.to_string(), "2024-01-01");

    let mut files = valid_files();
    files.push(age("age_on(travel.left_onn, 2024-01-01)"));
    let diags = check(&set_of(files), &refs());
    let d = diags
        .iter()
        .find(|d| d.file.ends_with("age.toml"))
        .expect("a diagnostic for the misspelt question");
    assert_eq!(d.code.as_str(), "unknown_question");
    assert_eq!(d.suggestion.as_deref(), Some("travel.left_on"));
    assert_eq!((d.line, d.col), (9, 20));
}
