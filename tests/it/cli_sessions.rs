//! The command line and config as users expect: short ids that stay unique,
//! a filter that says it matched nothing, warnings before a new interview,
//! a missing GEHOOR_CONFIG, `config path` on a broken config, the man pages
//! and the JSON highlight offsets.

use std::path::Path;

use assert_cmd::Command;
use gehoor::i18n::Lang;
use gehoor::notes::{QuestionnaireUse, Session, Store};

fn gehoor(home: &Path, lang: &str) -> Command {
    let mut cmd = Command::cargo_bin("gehoor").unwrap();
    cmd.env("GEHOOR_CONFIG", "/dev/null")
        .env("GEHOOR_DATA_DIR", home.join("data"))
        .env("LANG", lang)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES");
    cmd
}

fn add_session(home: &Path, id: &str, case: &str) {
    let store = Store::new(home.join("data").join("sessions"));
    let mut s = Session::new(
        case,
        "Interviewer A",
        Lang::Nl,
        vec![QuestionnaireUse {
            id: "summons".into(),
            version: 1,
            hash: "c0ffee".into(),
        }],
        &gehoor::notes::now(),
    );
    s.id = uuid::Uuid::parse_str(id).unwrap();
    drop(store.create(&s).unwrap());
}

fn output(cmd: &mut Command) -> (i32, String, String) {
    let out = cmd.output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn short_ids_are_unique_in_the_folder_and_accepted_by_export() {
    let home = tempfile::tempdir().unwrap();
    add_session(
        home.path(),
        "01a24126-7f3a-7000-8000-000000000001",
        "ZAAK-A",
    );
    add_session(
        home.path(),
        "01a24126-7f3b-7000-8000-000000000002",
        "ZAAK-B",
    );
    add_session(
        home.path(),
        "02000000-0000-7000-8000-000000000003",
        "ZAAK-C",
    );
    let (code, list, err) = output(gehoor(home.path(), "en_GB.UTF-8").args(["sessions", "list"]));
    assert_eq!(code, 0, "{err}");
    let first_column: Vec<&str> = list
        .lines()
        .skip(1)
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    let mut sorted = first_column.clone();
    sorted.sort_unstable();
    assert_eq!(
        sorted,
        ["01a24126-7f3a", "01a24126-7f3b", "02000000"],
        "{list}"
    );
    // The 8-character prefix alone is ambiguous; the printed one is not.
    let (code, _, err) = output(gehoor(home.path(), "en_GB.UTF-8").args(["export", "01a24126"]));
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("more than one session"), "{err}");
    let (code, json, err) = output(gehoor(home.path(), "en_GB.UTF-8").args([
        "export",
        "01a24126-7f3b",
        "--format",
        "json",
    ]));
    assert_eq!(code, 0, "{err}");
    assert!(
        json.contains("ZAAK-B") && !json.contains("ZAAK-A"),
        "{json}"
    );
}

#[test]
fn a_filter_that_matches_nothing_says_so() {
    let home = tempfile::tempdir().unwrap();
    let (_, empty, _) = output(
        gehoor(home.path(), "nl_NL.UTF-8").args(["sessions", "list", "--status", "approved"]),
    );
    assert!(empty.contains("Geen sessies in"), "{empty}");
    add_session(
        home.path(),
        "01a24126-7f3a-7000-8000-000000000001",
        "ZAAK-A",
    );
    let (code, out, _) = output(
        gehoor(home.path(), "nl_NL.UTF-8").args(["sessions", "list", "--status", "approved"]),
    );
    assert_eq!(code, 0);
    assert!(out.contains("Geen sessies met status goedgekeurd"), "{out}");
    assert!(out.contains("1 sessie(s) met een andere status"), "{out}");
    let (_, out, _) = output(gehoor(home.path(), "en_GB.UTF-8").args([
        "sessions",
        "list",
        "--status",
        "submitted",
    ]));
    assert!(out.contains("No sessions with status submitted"), "{out}");
}

#[test]
fn a_case_reference_with_a_name_and_birth_date_is_warned_about() {
    let home = tempfile::tempdir().unwrap();
    let (_, _, err) = output(gehoor(home.path(), "nl_NL.UTF-8").args([
        "interview",
        "--case",
        "Ivan Petrov 14-05-2001",
        "--profile",
        "draft-evader",
        "--interviewer",
        "Anna",
    ]));
    assert!(
        err.contains("lijkt een naam en een geboortedatum te bevatten"),
        "{err}"
    );
    let (_, _, err) = output(gehoor(home.path(), "nl_NL.UTF-8").args([
        "interview",
        "--case",
        "ZAAK-9",
        "--profile",
        "draft-evader",
        "--interviewer",
        "Anna",
    ]));
    assert!(!err.contains("lijkt"), "{err}");
}

#[test]
fn a_second_session_for_a_case_is_warned_about_before_it_is_created() {
    let home = tempfile::tempdir().unwrap();
    add_session(
        home.path(),
        "01a24126-7f3a-7000-8000-000000000001",
        "ZAAK-7",
    );
    let (_, _, err) = output(gehoor(home.path(), "en_GB.UTF-8").args([
        "interview",
        "--case",
        " zaak-7 ",
        "--profile",
        "draft-evader",
        "--interviewer",
        "Anna",
    ]));
    assert!(
        err.contains("Case 'zaak-7' already has 1 session(s)"),
        "{err}"
    );
    assert!(
        err.contains("01a24126-7f3a-7000-8000-000000000001"),
        "{err}"
    );
}

#[test]
fn a_missing_gehoor_config_is_reported_and_defaults_are_used() {
    let home = tempfile::tempdir().unwrap();
    let missing = home.path().join("typo.toml");
    let (code, _, err) = output(
        gehoor(home.path(), "en_GB.UTF-8")
            .env("GEHOOR_CONFIG", &missing)
            .args(["sessions", "list"]),
    );
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("GEHOOR_CONFIG names"), "{err}");
    assert!(err.contains("typo.toml"), "{err}");
    // The file that exists, even empty, is no cause for a warning.
    let (_, _, err) = output(gehoor(home.path(), "en_GB.UTF-8").args(["sessions", "list"]));
    assert!(!err.contains("GEHOOR_CONFIG"), "{err}");
}

#[test]
fn config_path_prints_the_path_of_a_broken_config() {
    let home = tempfile::tempdir().unwrap();
    let path = home.path().join("config.toml");
    std::fs::write(&path, "lang = \"nl\"\nthema = \"dark\"\n").unwrap();
    let (code, out, err) = output(
        gehoor(home.path(), "nl_NL.UTF-8")
            .env("GEHOOR_CONFIG", &path)
            .args(["config", "path"]),
    );
    assert_eq!(code, 2);
    assert_eq!(out.trim(), path.display().to_string());
    assert!(
        err.contains("config.toml:2:1: onbekende sleutel `thema`"),
        "{err}"
    );
    assert!(err.contains("2 | thema = \"dark\"\n  | ^"), "{err}");
}

#[test]
fn man_pages_exist_for_every_command_and_document_config() {
    let home = tempfile::tempdir().unwrap();
    let out_dir = home.path().join("man");
    std::fs::create_dir_all(&out_dir).unwrap();
    let (code, _, err) = output(
        gehoor(home.path(), "en_GB.UTF-8")
            .args(["man", "--out-dir"])
            .arg(&out_dir),
    );
    assert_eq!(code, 0, "{err}");
    for page in [
        "gehoor.1",
        "gehoor-interview.1",
        "gehoor-review.1",
        "gehoor-check.1",
        "gehoor-corpus.1",
        "gehoor-corpus-show.1",
        "gehoor-search.1",
        "gehoor-sessions-list.1",
        "gehoor-export.1",
        "gehoor-config-path.1",
        "gehoor-completions.1",
        "gehoor-man.1",
    ] {
        let text =
            std::fs::read_to_string(out_dir.join(page)).unwrap_or_else(|e| panic!("{page}: {e}"));
        assert!(text.contains(".TH"), "{page}");
    }
    let root = std::fs::read_to_string(out_dir.join("gehoor.1")).unwrap();
    for needle in [
        "keep_cited_text",
        "allow_self_approval",
        "GEHOOR_CONFIG",
        "GEHOOR_DATA_DIR",
        "data_dir",
        "theme",
        "questionnaires",
        ".SH FILES",
    ] {
        assert!(root.contains(needle), "gehoor.1 lacks {needle}");
    }
    let (_, nl, _) = output(gehoor(home.path(), "nl_NL.UTF-8").arg("man"));
    assert!(
        nl.contains(".SH OMGEVING") && nl.contains(".SH NAAM"),
        "{nl}"
    );
    assert!(!nl.contains(".SH NAME"), "{nl}");
}

#[test]
fn search_json_gives_byte_and_character_offsets() {
    let home = tempfile::tempdir().unwrap();
    let (code, out, err) = output(gehoor(home.path(), "en_GB.UTF-8").args([
        "search",
        "--json",
        "--limit",
        "5",
        "uitreisverbod",
    ]));
    assert_eq!(code, 0, "{err}");
    let hits: serde_json::Value = serde_json::from_str(&out).unwrap();
    let mut checked = 0;
    for h in hits.as_array().unwrap() {
        let snippet = h["snippet"].as_str().unwrap();
        let bytes = h["highlights"].as_array().unwrap();
        let chars = h["highlight_chars"].as_array().unwrap();
        assert_eq!(bytes.len(), chars.len());
        for (b, c) in bytes.iter().zip(chars) {
            let at = |v: &serde_json::Value, k: &str| v[k].as_u64().unwrap() as usize;
            let by_bytes = &snippet[at(b, "start")..at(b, "end")];
            let by_chars: String = snippet
                .chars()
                .skip(at(c, "start"))
                .take(at(c, "end") - at(c, "start"))
                .collect();
            assert_eq!(by_bytes, by_chars);
            checked += 1;
        }
    }
    assert!(checked > 0, "{out}");
}

#[test]
fn usage_errors_are_worded_by_gehoor_and_cleaned() {
    let home = tempfile::tempdir().unwrap();
    let (code, _, err) = output(gehoor(home.path(), "nl_NL.UTF-8").args([
        "sessions",
        "list",
        "--status",
        "\u{1b}]0;PWN\u{7}x",
    ]));
    assert_eq!(code, 2);
    assert!(!err.contains('\u{1b}') && !err.contains('\u{7}'), "{err:?}");
    assert!(err.starts_with("fout: "), "{err}");
    assert!(
        err.contains("mogelijke waarden: draft, submitted, approved, returned"),
        "{err}"
    );
}

#[test]
fn the_answered_column_counts_real_answers_apart_from_statuses() {
    let home = tempfile::tempdir().unwrap();
    let store = Store::new(home.path().join("data").join("sessions"));
    let at = gehoor::notes::now();
    let mut s = Session::new("ZAAK-S", "Interviewer A", Lang::Nl, Vec::new(), &at);
    s.set_value(
        "summons.received",
        Some(gehoor::questionnaire::Value::YesNo(true)),
        &at,
    );
    for key in ["summons.date", "summons.purpose", "summons.delivery"] {
        s.set_status(key, gehoor::questionnaire::AnswerStatus::Declined, &at);
    }
    drop(store.create(&s).unwrap());
    let (code, list, err) = output(gehoor(home.path(), "en_GB.UTF-8").args(["sessions", "list"]));
    assert_eq!(code, 0, "{err}");
    // Columns are padded to a common width: read a cell at its header's column.
    let header = list.lines().next().unwrap();
    let row = list.lines().nth(1).unwrap();
    let at_col = |name: &str| {
        let start = header.find(name).unwrap_or_else(|| panic!("{list}"));
        row[start..].split_whitespace().next().unwrap()
    };
    assert_eq!(at_col("ans."), "1", "{list}");
    assert_eq!(at_col("status only"), "3", "{list}");
    let (code, json, err) =
        output(gehoor(home.path(), "en_GB.UTF-8").args(["sessions", "list", "--json"]));
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let first = v.as_array().map_or(&v, |a| &a[0]);
    let first = first
        .get("sessions")
        .and_then(|s| s.get(0))
        .unwrap_or(first);
    assert_eq!(first["answered"], 1, "{json}");
    assert_eq!(first["status_only"], 3, "{json}");
}
