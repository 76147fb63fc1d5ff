//! Editions: the fictional next edition of the report, `corpus diff`,
//! `check` with `supersedes`, `questionnaires migrate`, `corpus import`,
//! and sessions that notice a cited passage changed.

mod citations;
mod diff;
pub mod fixture;
mod import;
mod migrate;
mod screen;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use assert_cmd::Command;
use gehoor::assets::FileSet;
use gehoor::corpus::Corpus;

pub const OLD: &str = "ambtsbericht-rf-2025";
pub const NEW: &str = "ambtsbericht-rf-next-test";

pub fn fixture_corpus_dir() -> PathBuf {
    fixture::root().join("tests/fixtures/edition/corpus")
}

/// The shipped documents plus the fictional next edition.
pub fn corpus() -> &'static Corpus {
    static C: OnceLock<Corpus> = OnceLock::new();
    C.get_or_init(|| {
        Corpus::load(&FileSet::from_dir(&fixture_corpus_dir()).unwrap()).expect("fixture loads")
    })
}

/// The binary in English, with the fixture corpus and no user config.
pub fn gehoor(config_dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("gehoor").unwrap();
    cmd.env("GEHOOR_CONFIG", config_dir.join("config.toml"))
        .env("GEHOOR_DATA_DIR", config_dir.join("data"))
        .env("LANG", "en_US.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("NO_COLOR", "1")
        .arg("--corpus")
        .arg(fixture_corpus_dir());
    cmd
}

pub fn stdout(cmd: &mut Command) -> String {
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "{:?} failed: {}",
        cmd,
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// A golden file in tests/it/snapshots, like every other module's.
pub fn snapshot(name: &str, value: &str) {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path("../snapshots");
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(|| insta::assert_snapshot!(format!("it__edition__{name}"), value));
}
