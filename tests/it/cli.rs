//! The command-line contract: help, version, exit codes, config errors,
//! completions and the man page.

use assert_cmd::Command;
use predicates::prelude::*;

fn gehoor(config_dir: &std::path::Path) -> Command {
    let mut cmd = Command::cargo_bin("gehoor").unwrap();
    cmd.env("GEHOOR_CONFIG", config_dir.join("config.toml"))
        .env("GEHOOR_DATA_DIR", config_dir.join("data"))
        .env("GEHOOR_CACHE_DIR", config_dir.join("cache"))
        .env("LANG", "en_US.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES");
    cmd
}

#[test]
fn help_lists_every_command() {
    let dir = tempfile::tempdir().unwrap();
    let out = gehoor(dir.path()).arg("--help").assert().success();
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    for cmd in [
        "interview",
        "review",
        "check",
        "corpus",
        "search",
        "sessions",
        "export",
        "config",
        "completions",
        "man",
    ] {
        assert!(text.contains(cmd), "--help does not list {cmd}:\n{text}");
    }
    for flag in ["--data-dir", "--questionnaires", "--corpus", "--lang"] {
        assert!(text.contains(flag), "--help does not list {flag}");
    }
}

#[test]
fn every_subcommand_has_help() {
    let dir = tempfile::tempdir().unwrap();
    for cmd in [
        vec!["interview"],
        vec!["review"],
        vec!["check"],
        vec!["corpus", "list"],
        vec!["corpus", "show"],
        vec!["search"],
        vec!["sessions", "list"],
        vec!["export"],
        vec!["config", "path"],
    ] {
        let mut args = cmd.clone();
        args.push("--help");
        gehoor(dir.path())
            .args(&args)
            .assert()
            .success()
            .stdout(predicate::str::contains("Usage"));
    }
}

#[test]
fn version_is_printed() {
    let dir = tempfile::tempdir().unwrap();
    gehoor(dir.path())
        .arg("--version")
        .assert()
        .success()
        .stdout(predicate::str::contains(env!("CARGO_PKG_VERSION")));
}

#[test]
fn unknown_flag_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    gehoor(dir.path()).arg("--bogus").assert().code(2);
}

#[test]
fn bad_config_is_located_and_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("config.toml"),
        "lang = \"en\"\nthema = \"dark\"\n",
    )
    .unwrap();
    let out = gehoor(dir.path()).args(["config", "path"]).assert().code(2);
    let err = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(err.contains("config.toml:2:1"), "{err}");
    assert!(err.contains("thema"), "{err}");
}

#[test]
fn bad_config_stops_before_the_tui() {
    // Without a command gehoor would open the TUI; a bad config must be
    // reported first, on a plain terminal, with exit code 2.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("config.toml"), "lang = 3\n").unwrap();
    let out = gehoor(dir.path()).assert().code(2);
    let err = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(err.contains("config.toml:1:8"), "{err}");
    assert!(
        !err.contains("\u{1b}[?1049h"),
        "alternate screen was entered"
    );
}

#[test]
fn config_path_prints_the_override() {
    let dir = tempfile::tempdir().unwrap();
    gehoor(dir.path())
        .args(["config", "path"])
        .assert()
        .success()
        .stdout(predicate::str::contains("config.toml"));
}

#[test]
fn dutch_is_used_when_asked() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("config.toml"), "x = 1\n").unwrap();
    gehoor(dir.path())
        .args(["--lang", "nl", "config", "path"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("fout"));
}

#[test]
fn completions_for_each_shell() {
    let dir = tempfile::tempdir().unwrap();
    for shell in ["bash", "zsh", "fish"] {
        gehoor(dir.path())
            .args(["completions", shell])
            .assert()
            .success()
            .stdout(predicate::str::contains("gehoor"));
    }
}

#[test]
fn man_page_is_roff() {
    let dir = tempfile::tempdir().unwrap();
    gehoor(dir.path())
        .arg("man")
        .assert()
        .success()
        .stdout(predicate::str::starts_with(".ie").or(predicate::str::contains(".TH gehoor")));
    gehoor(dir.path())
        .args(["man", "--out-dir"])
        .arg(dir.path())
        .assert()
        .success();
    assert!(
        std::fs::read_to_string(dir.path().join("gehoor.1"))
            .unwrap()
            .contains(".TH")
    );
}

#[test]
fn no_subcommand_panics_without_a_terminal() {
    // Each command either works, reports problems, or refuses with exit 2 and
    // a message; none may panic.
    let dir = tempfile::tempdir().unwrap();
    for args in [
        vec!["check"],
        vec!["corpus", "list"],
        vec!["corpus", "show", "nope#9"],
        vec!["search", "oproep"],
        vec!["sessions", "list"],
        vec!["export", "nothing-here"],
    ] {
        let out = gehoor(dir.path()).args(&args).output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!err.contains("panicked"), "{args:?} panicked: {err}");
        let code = out.status.code().unwrap();
        assert!((0..=2).contains(&code), "{args:?} exited {code}");
        if code == 2 {
            assert!(
                !err.trim().is_empty(),
                "{args:?} exited 2 without a message"
            );
        }
    }
}
