//! Reading a session file of any known schema version.
//!
//! Version 0 (before this release): `case` instead of `case_ref`, no
//! `history`, no `removed`, and `schema_version` absent or 0. Version 1: no
//! `given` or `amendments` on answers and no `submissions`; all of them
//! default to empty, so only the version number changes. Migration works
//! on the TOML table, then deserialises; the file on disk is only rewritten
//! by the next save.

use std::path::Path;

use crate::error::{Error, Result, from_toml};

use super::Session;

pub const SCHEMA_VERSION: u32 = 2;

/// The `schema_version` a file declares, looked up cheaply: the store writes
/// it on the first line. `None` when the line is not there.
fn declared_version(text: &str) -> Option<i64> {
    text.lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with('#'))
        .and_then(|l| l.strip_prefix("schema_version"))
        .and_then(|rest| rest.trim_start().strip_prefix('='))
        .and_then(|v| v.trim().parse().ok())
}

/// Parse a session file's text, migrating older schemas. `path` is only for
/// messages.
pub fn parse_session(path: &Path, text: &str) -> Result<Session> {
    crate::toml_depth::check(path, text)?;
    let version = match declared_version(text) {
        Some(v) => v,
        None => {
            let table: toml::Table = toml::from_str(text).map_err(|e| from_toml(path, text, &e))?;
            match table.get("schema_version") {
                None => 0,
                Some(toml::Value::Integer(v)) => *v,
                Some(_) => {
                    return Err(Error::Parse {
                        path: path.into(),
                        line: 1,
                        col: 1,
                        detail: crate::message::Msg::new("schema_version_type", &[]),
                    });
                }
            }
        }
    };
    if version > i64::from(SCHEMA_VERSION) {
        return Err(Error::NewerSchema {
            path: path.into(),
            found: u32::try_from(version).unwrap_or(u32::MAX),
            supported: SCHEMA_VERSION,
        });
    }
    if version == i64::from(SCHEMA_VERSION) {
        return toml::from_str(text).map_err(|e| from_toml(path, text, &e));
    }
    if version < 0 {
        return Err(Error::Parse {
            path: path.into(),
            line: 1,
            col: 1,
            detail: crate::message::Msg::new(
                "schema_version_invalid",
                &[("version", &version.to_string())],
            ),
        });
    }
    let mut table: toml::Table = toml::from_str(text).map_err(|e| from_toml(path, text, &e))?;
    if version == 0 {
        migrate_v0(&mut table);
    }
    table.insert(
        "schema_version".into(),
        toml::Value::Integer(i64::from(SCHEMA_VERSION)),
    );
    let migrated = toml::to_string(&table).unwrap_or_default();
    // Errors point into the migrated text; the detail names the key.
    toml::from_str(&migrated).map_err(|e| {
        let mut err = from_toml(path, text, &e);
        if let Error::Parse { line, col, .. } = &mut err {
            (*line, *col) = (1, 1);
        }
        err
    })
}

fn migrate_v0(t: &mut toml::Table) {
    if let Some(case) = t.remove("case") {
        t.entry("case_ref").or_insert(case);
    }
    t.entry("history")
        .or_insert_with(|| toml::Value::Array(Vec::new()));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn declared_version_reads_the_first_line() {
        assert_eq!(declared_version("schema_version = 1\nid = 'x'"), Some(1));
        assert_eq!(declared_version("# c\n\nschema_version=7\n"), Some(7));
        assert_eq!(declared_version("id = 'x'\nschema_version = 1"), None);
    }

    #[test]
    fn newer_schema_is_refused_not_guessed() {
        let err = parse_session(Path::new("s.toml"), "schema_version = 9\nwhatever = 1\n");
        assert!(matches!(
            err,
            Err(Error::NewerSchema {
                found: 9,
                supported: SCHEMA_VERSION,
                ..
            })
        ));
    }
}
