//! Rewriting refs inside a questionnaire file without touching anything
//! else: comments, key order, spacing and quoting stay as the trainer wrote
//! them (toml_edit keeps the file's formatting; only the replaced strings
//! are new).

use std::collections::BTreeMap;

use toml_edit::{DocumentMut, Item, Value};

/// `text` with every string in a `sources` array that is a key of `moves`
/// replaced by its value, and how many were replaced. Errors are TOML
/// syntax errors (the file should have passed `gehoor check` first).
pub fn rewrite_sources(
    text: &str,
    moves: &BTreeMap<String, String>,
) -> Result<(String, usize), toml_edit::TomlError> {
    let mut doc: DocumentMut = text.parse()?;
    let mut count = 0;
    walk(doc.as_item_mut(), false, moves, &mut count);
    Ok((doc.to_string(), count))
}

fn walk(item: &mut Item, in_sources: bool, moves: &BTreeMap<String, String>, count: &mut usize) {
    match item {
        Item::Table(t) => {
            for (k, v) in t.iter_mut() {
                let sources = k.get() == "sources";
                walk(v, sources, moves, count);
            }
        }
        Item::ArrayOfTables(a) => {
            for t in a.iter_mut() {
                for (k, v) in t.iter_mut() {
                    let sources = k.get() == "sources";
                    walk(v, sources, moves, count);
                }
            }
        }
        Item::Value(v) => value(v, in_sources, moves, count),
        Item::None => {}
    }
}

fn value(v: &mut Value, in_sources: bool, moves: &BTreeMap<String, String>, count: &mut usize) {
    match v {
        Value::Array(a) if in_sources => {
            for entry in a.iter_mut() {
                let Some(new) = entry.as_str().and_then(|s| moves.get(s.trim())) else {
                    continue;
                };
                let decor = entry.decor().clone();
                *entry = Value::from(new.as_str());
                *entry.decor_mut() = decor;
                *count += 1;
            }
        }
        Value::InlineTable(t) => {
            for (k, v) in t.iter_mut() {
                let sources = k.get() == "sources";
                value(v, sources, moves, count);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_sources_change_and_formatting_stays() {
        let text = r#"# a comment that must stay
id = "x"
sources = ["old#1", "old#2"]   # trailing comment
title = "old#1"

[[question]]
id = "q"
sources = [
  "old#1",  # why this one
  "other#1",
]
"#;
        let moves = BTreeMap::from([("old#1".to_string(), "new#4".to_string())]);
        let (out, n) = rewrite_sources(text, &moves).unwrap();
        assert_eq!(n, 2);
        assert_eq!(
            out,
            text.replacen("[\"old#1\"", "[\"new#4\"", 1)
                .replace("  \"old#1\",  # why", "  \"new#4\",  # why")
        );
        assert!(out.contains("title = \"old#1\""));
    }
}
