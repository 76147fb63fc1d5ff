//! The user-facing string table, in Dutch and English.
//!
//! Each area owns one embedded TOML file `i18n/<area>.toml` with an `[nl]` and
//! an `[en]` table. Both are deserialised into the same typed struct with
//! `deny_unknown_fields` and no defaults, so a key missing from one language,
//! or a misspelt key, fails the `every_key_in_both_languages` test.

mod areas;

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

pub use areas::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Nl,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Nl, Lang::En];

    pub fn code(self) -> &'static str {
        match self {
            Lang::Nl => "nl",
            Lang::En => "en",
        }
    }

    pub fn parse(s: &str) -> Option<Lang> {
        match s.trim().to_ascii_lowercase().as_str() {
            "nl" => Some(Lang::Nl),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The language a locale string such as `en_GB.UTF-8` asks for, if it is
    /// one gehoor speaks.
    pub fn from_locale(locale: &str) -> Option<Lang> {
        let lower = locale.to_ascii_lowercase();
        if lower.starts_with("nl") {
            Some(Lang::Nl)
        } else if lower.starts_with("en") {
            Some(Lang::En)
        } else {
            None
        }
    }

    /// The first of LC_ALL, LC_MESSAGES and LANG that is set decides, as in
    /// POSIX; anything gehoor does not speak falls back to Dutch.
    pub fn from_env_vars(get: impl Fn(&str) -> Option<String>) -> Lang {
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|k| get(k).filter(|v| !v.is_empty()))
            .next()
            .and_then(|v| Lang::from_locale(&v))
            .unwrap_or(Lang::Nl)
    }

    pub fn toggle(self) -> Lang {
        match self {
            Lang::Nl => Lang::En,
            Lang::En => Lang::Nl,
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Both<T> {
    nl: T,
    en: T,
}

fn parse_area<T: for<'de> Deserialize<'de>>(name: &str, text: &str) -> Result<Both<T>, String> {
    toml::from_str(text).map_err(|e| format!("i18n/{name}.toml: {e}"))
}

macro_rules! string_table {
    ($($area:ident : $ty:ty),* $(,)?) => {
        /// Every user-facing string, typed, for one language.
        #[derive(Debug)]
        pub struct Strings {
            pub lang: Lang,
            $(pub $area: $ty,)*
        }

        /// Parse the embedded tables for both languages.
        pub fn load_all() -> Result<[Strings; 2], String> {
            $(let $area: Both<$ty> = parse_area(
                stringify!($area),
                include_str!(concat!("../../i18n/", stringify!($area), ".toml")),
            )?;)*
            Ok([
                Strings { lang: Lang::Nl, $($area: $area.nl,)* },
                Strings { lang: Lang::En, $($area: $area.en,)* },
            ])
        }
    };
}

string_table! {
    common: Common,
    cli: Cli,
    cli_help: CliHelp,
    error: ErrorText,
    intake: IntakeText,
    messages: Messages,
    tui: Tui,
    check: Check,
    corpus: CorpusText,
    edition: EditionText,
    search: SearchText,
    notes: NotesText,
    review: ReviewText,
    record: RecordText,
    lifecycle: LifecycleText,
    keys: KeysText,
    leaving: LeavingText,
}

static TABLES: OnceLock<[Strings; 2]> = OnceLock::new();

impl Strings {
    /// The table for `lang`. The tables are compiled in and verified by a
    /// test, so failing to parse them is a build defect, not a user error.
    pub fn get(lang: Lang) -> &'static Strings {
        let tables = TABLES.get_or_init(|| load_all().expect("embedded string table is valid"));
        match lang {
            Lang::Nl => &tables[0],
            Lang::En => &tables[1],
        }
    }
}

/// Replace each `{name}` in `template` with its value.
pub fn fill(template: &str, vars: &[(&str, &str)]) -> String {
    let mut out = template.to_string();
    for (name, value) in vars {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_in_both_languages() {
        // Deserialisation with deny_unknown_fields and no defaults fails on a
        // key missing from either language or present in only one.
        let tables = load_all().unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(tables[0].lang, Lang::Nl);
        assert_ne!(tables[0].cli.config_bad, tables[1].cli.config_bad);
    }

    /// `{name}` placeholders of every string, per key and language, so a
    /// translation that drops or renames one is caught before a user sees
    /// a raw `{name}` or loses a value.
    #[test]
    fn nl_and_en_use_the_same_placeholders() {
        fn placeholders(s: &str) -> std::collections::BTreeSet<String> {
            let mut out = std::collections::BTreeSet::new();
            let mut rest = s;
            while let Some(i) = rest.find('{') {
                rest = &rest[i + 1..];
                if let Some(j) = rest.find('}') {
                    let name = &rest[..j];
                    if !name.is_empty() && name.chars().all(|c| c.is_alphanumeric() || c == '_') {
                        out.insert(name.to_string());
                    }
                    rest = &rest[j + 1..];
                }
            }
            out
        }
        fn flatten(prefix: &str, t: &toml::Table, out: &mut Vec<(String, String)>) {
            for (k, v) in t {
                match v {
                    toml::Value::String(s) => out.push((format!("{prefix}{k}"), s.clone())),
                    toml::Value::Table(inner) => flatten(&format!("{prefix}{k}."), inner, out),
                    _ => {}
                }
            }
        }
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("i18n");
        let mut problems = Vec::new();
        let mut compared = 0;
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            let table: toml::Table = std::fs::read_to_string(&path).unwrap().parse().unwrap();
            let (mut nl, mut en) = (Vec::new(), Vec::new());
            flatten("", table["nl"].as_table().unwrap(), &mut nl);
            flatten("", table["en"].as_table().unwrap(), &mut en);
            let en: std::collections::HashMap<_, _> = en.into_iter().collect();
            for (key, text) in nl {
                let Some(other) = en.get(&key) else { continue };
                compared += 1;
                if placeholders(&text) != placeholders(other) {
                    problems.push(format!("{}: {key}", path.display()));
                }
            }
        }
        assert!(compared > 300, "only {compared} strings compared");
        assert!(
            problems.is_empty(),
            "placeholders differ:\n{}",
            problems.join("\n")
        );
    }

    #[test]
    fn a_missing_key_is_rejected() {
        let text = "[nl]\nconfig_bad = \"x\"\n[en]\n";
        assert!(parse_area::<Cli>("cli", text).is_err());
    }

    #[test]
    fn locale_picks_language() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |k: &str| {
                pairs
                    .iter()
                    .find(|(n, _)| *n == k)
                    .map(|(_, v)| v.to_string())
            }
        };
        assert_eq!(
            Lang::from_env_vars(env(&[("LANG", "en_US.UTF-8")])),
            Lang::En
        );
        assert_eq!(
            Lang::from_env_vars(env(&[("LC_ALL", "nl_NL.UTF-8"), ("LANG", "en_US")])),
            Lang::Nl
        );
        assert_eq!(Lang::from_env_vars(env(&[("LANG", "de_DE")])), Lang::Nl);
        assert_eq!(Lang::from_env_vars(env(&[])), Lang::Nl);
    }

    #[test]
    fn fill_replaces_every_placeholder() {
        assert_eq!(
            fill("{a} en {b} en {a}", &[("a", "1"), ("b", "2")]),
            "1 en 2 en 1"
        );
    }
}
