//! The fictional next edition in tests/fixtures/edition/, rebuilt from the
//! shipped report and tests/fixtures/edition/edits.toml. With
//! `GEHOOR_BLESS=1` the result is written; otherwise it must equal the
//! committed text, so the fixture never drifts from its recipe.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Recipe {
    pub source: String,
    pub output: String,
    pub edit: Vec<Edit>,
    pub expect: Expect,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Edit {
    find: Option<String>,
    replace: Option<String>,
    count: Option<usize>,
    at: Option<String>,
    through: Option<String>,
    place: Option<String>,
    with: Option<Vec<String>>,
}

/// What the edits did, per old section id.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Expect {
    pub renumbered: BTreeMap<String, String>,
    pub edited: BTreeMap<String, String>,
    pub split: BTreeMap<String, Vec<String>>,
    pub removed: Vec<String>,
    pub new: Vec<String>,
}

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn recipe() -> Recipe {
    let path = root().join("tests/fixtures/edition/edits.toml");
    toml::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap()
}

/// The first line index whose trimmed text starts with `prefix`, from `from`.
fn line_starting(lines: &[String], prefix: &str, from: usize) -> Option<usize> {
    (from..lines.len()).find(|&i| lines[i].trim_start().starts_with(prefix))
}

fn apply(text: &str, edit: &Edit, index: usize) -> String {
    if let Some(find) = &edit.find {
        let want = edit.count.unwrap_or(1);
        let found = text.matches(find.as_str()).count();
        assert_eq!(found, want, "edit {index}: {find:?} occurs {found} times");
        return text.replace(find.as_str(), edit.replace.as_deref().unwrap());
    }
    let at = edit.at.as_deref().expect("an edit has find or at");
    let mut lines: Vec<String> = text.split('\n').map(str::to_string).collect();
    let start = line_starting(&lines, at, 0).unwrap_or_else(|| panic!("edit {index}: no {at:?}"));
    assert!(
        line_starting(&lines, at, start + 1).is_none(),
        "edit {index}: {at:?} is not unique"
    );
    let end = match &edit.through {
        Some(t) => line_starting(&lines, t, start)
            .unwrap_or_else(|| panic!("edit {index}: no {t:?} after {at:?}")),
        None => start,
    };
    let with = edit.with.clone().unwrap_or_default();
    match edit.place.as_deref() {
        None => {
            lines.splice(start..=end, with);
        }
        Some("before") => {
            lines.splice(start..start, with);
        }
        Some("after") => {
            lines.splice(end + 1..end + 1, with);
        }
        Some(other) => panic!("edit {index}: place {other:?}"),
    }
    lines.join("\n")
}

pub fn build(recipe: &Recipe) -> String {
    let mut text = std::fs::read_to_string(root().join(&recipe.source)).unwrap();
    for (i, e) in recipe.edit.iter().enumerate() {
        text = apply(&text, e, i);
    }
    text
}

#[test]
fn fixture_is_generated_from_the_edit_list() {
    let recipe = recipe();
    let text = build(&recipe);
    let out = root().join(&recipe.output);
    if std::env::var_os("GEHOOR_BLESS").is_some() {
        std::fs::write(&out, &text).unwrap();
    }
    let committed = std::fs::read_to_string(Path::new(&out)).unwrap();
    assert!(
        committed == text,
        "{} differs from edits.toml applied to {}; run GEHOOR_BLESS=1 cargo test --test it edition::fixture",
        recipe.output,
        recipe.source
    );
}
