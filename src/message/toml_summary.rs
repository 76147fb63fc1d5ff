//! A summary of a toml or serde error message, as a `Msg`. Their English
//! wording is stable (serde's `de::Error` defaults, toml_parser's fixed
//! texts); English prints the original, Dutch a summary made from its kind
//! and the names between backticks.

use super::{Arg, Msg};

/// The parts of `text` between backticks.
fn ticked(text: &str) -> Vec<String> {
    text.split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect()
}

/// The table key of a type as serde or toml_edit names it ("integer `3`",
/// "a string", "struct Config", "inline table").
pub fn type_key(name: &str) -> &'static str {
    let n = name.trim().to_ascii_lowercase();
    let n = n
        .strip_prefix("a ")
        .or_else(|| n.strip_prefix("an "))
        .unwrap_or(&n);
    let first = n.split([' ', '`', '"']).next().unwrap_or("");
    match first {
        "string" | "str" | "char" | "character" | "path" => "type_string",
        "integer" | "u8" | "u16" | "u32" | "u64" | "usize" | "i8" | "i16" | "i32" | "i64" => {
            "type_integer"
        }
        "float" | "floating" | "f32" | "f64" => "type_float",
        "number" => "type_number",
        "boolean" | "bool" => "type_boolean",
        "array" | "sequence" | "seq" | "list" => "type_array",
        "table" | "inline" | "map" | "struct" => "type_table",
        "datetime" | "date" | "time" => "type_datetime",
        _ => "type_other",
    }
}

pub fn summarize(raw: &str) -> Msg {
    let raw = raw.trim();
    let first = raw.lines().next().unwrap_or("");
    let ticks = ticked(first);
    let name = ticks.first().cloned().unwrap_or_default();
    let rest = ticks.get(1..).unwrap_or_default().join(", ");
    let text = |k: &'static str, v: String| (k, Arg::Text(v));
    let (key, args) = if first.starts_with("unknown field") {
        if first.contains("there are no fields") {
            ("toml_no_fields", vec![text("key", name)])
        } else {
            (
                "toml_unknown_field",
                vec![text("key", name), text("allowed", rest)],
            )
        }
    } else if first.starts_with("unknown variant") {
        (
            "toml_unknown_variant",
            vec![text("value", name), text("allowed", rest)],
        )
    } else if first.starts_with("missing field") {
        ("toml_missing_field", vec![text("key", name)])
    } else if first.starts_with("duplicate field") || first.contains("duplicate key") {
        if name.is_empty() {
            ("toml_duplicate_here", Vec::new())
        } else {
            ("toml_duplicate", vec![text("key", name)])
        }
    } else if let Some(body) = first.strip_prefix("invalid type: ") {
        let (found, expected) = body.split_once(", expected ").unwrap_or((body, ""));
        (
            "toml_wrong_type",
            vec![
                ("found", Arg::Key(type_key(found))),
                ("expected", Arg::Key(type_key(expected))),
            ],
        )
    } else if first.starts_with("invalid value") || first.starts_with("invalid length") {
        ("toml_invalid_value", Vec::new())
    } else {
        (syntax_key(first), Vec::new())
    };
    Msg {
        key,
        args,
        english: Some(raw.to_string()),
    }
}

/// toml_parser's syntax messages, grouped by what the writer has to fix.
fn syntax_key(m: &str) -> &'static str {
    let has = |w: &[&str]| w.iter().any(|x| m.contains(x));
    if has(&["expected newline"]) {
        "toml_newline"
    } else if has(&["unclosed"]) {
        "toml_unclosed"
    } else if has(&["missing comma", "extra comma"]) {
        "toml_missing_comma"
    } else if has(&["missing assignment", "missing value", "key with no value"]) {
        "toml_missing_value"
    } else if has(&["must be quoted", "invalid unquoted key"]) {
        "toml_unquoted"
    } else if has(&["string", "quote", "escape", "unicode"]) {
        "toml_string"
    } else if has(&[
        "radix",
        "leading zero",
        "numeric",
        "sign",
        "integer",
        "float",
    ]) {
        "toml_number"
    } else {
        "toml_syntax"
    }
}
