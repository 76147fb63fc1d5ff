//! The user's configuration file and the resolution of data dir and language
//! from flags, environment, config and defaults (in that order).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::{Error, IoOp, Result};
use crate::i18n::Lang;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Theme {
    /// Colours that read on both light and dark backgrounds.
    #[default]
    Auto,
    Dark,
    Light,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Where sessions are kept; a shared folder for supervisors.
    pub data_dir: Option<PathBuf>,
    pub lang: Option<Lang>,
    pub theme: Option<Theme>,
    /// The user's name, prefilled as interviewer and used as comment author.
    pub name: Option<String>,
    pub questionnaires: Option<PathBuf>,
    pub corpus: Option<PathBuf>,
    /// Keep the text of a cited passage in the session, not only its hash.
    pub keep_cited_text: Option<bool>,
    /// After an answer is confirmed, move on to the next question
    /// (default true).
    pub advance: Option<bool>,
    /// Let a supervisor approve a session they interviewed or amended.
    /// Off unless set: the four-eyes rule is the default.
    pub allow_self_approval: Option<bool>,
    /// Sessions, drafts and copies encrypted at rest (docs/security.md).
    pub encryption: Option<Encryption>,
    /// The user's passphrase-protected key (default: `identity.age` in
    /// the data folder); a private path when the data folder is shared.
    pub identity: Option<PathBuf>,
    /// Team members every session is encrypted to, `Name = "age1…"`,
    /// besides those in the data folder's `recipients.toml`.
    pub recipients: Option<BTreeMap<String, String>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Encryption {
    On,
    #[default]
    Off,
}

fn project_dirs() -> Option<directories::ProjectDirs> {
    directories::ProjectDirs::from("nl", "gehoor", "gehoor")
}

/// `GEHOOR_CONFIG` names the file explicitly (tests, shared machines);
/// otherwise it is `config.toml` in the platform's config dir.
pub fn config_path(env_override: Option<PathBuf>) -> Option<PathBuf> {
    env_override.or_else(|| project_dirs().map(|d| d.config_dir().join("config.toml")))
}

/// True when `GEHOOR_CONFIG` names a file that does not exist: gehoor then
/// runs on its defaults, which the user should be told (a misspelt path
/// would otherwise put sessions in the default folder without a word).
pub fn override_is_missing(env_override: Option<&Path>) -> bool {
    env_override.is_some_and(
        |p| matches!(std::fs::metadata(p), Err(e) if e.kind() == std::io::ErrorKind::NotFound),
    )
}

/// The platform's data dir for gehoor, when the platform has one.
pub fn default_data_dir() -> Option<PathBuf> {
    project_dirs().map(|d| d.data_dir().to_path_buf())
}

impl Config {
    /// A missing file is the empty config; an unreadable or invalid one is an
    /// error with file:line:col.
    pub fn load(path: &Path) -> Result<Config> {
        match std::fs::read(path) {
            Ok(bytes) => Self::parse(path, &crate::error::utf8(path, bytes)?),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Config::default()),
            Err(e) => Err(Error::io(IoOp::Read, path, e)),
        }
    }

    pub fn parse(path: &Path, text: &str) -> Result<Config> {
        crate::toml_depth::check(path, text)?;
        toml::from_str(text).map_err(|e| crate::error::from_toml(path, text, &e))
    }
}

/// Everything a command needs to know about where things are, resolved once.
#[derive(Debug, Clone)]
pub struct Settings {
    pub lang: Lang,
    pub theme: Theme,
    pub data_dir: PathBuf,
    pub questionnaires: Option<PathBuf>,
    pub corpus: Option<PathBuf>,
    pub name: Option<String>,
    pub config_path: Option<PathBuf>,
    pub keep_cited_text: bool,
    pub advance: bool,
    pub policy: crate::notes::Policy,
    pub encryption: bool,
    pub identity: PathBuf,
    pub recipients: BTreeMap<String, String>,
}

/// Inputs to `Settings::resolve`, gathered by the CLI layer.
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    pub lang: Option<Lang>,
    /// From `--data-dir` or `GEHOOR_DATA_DIR`.
    pub data_dir: Option<PathBuf>,
    pub questionnaires: Option<PathBuf>,
    pub corpus: Option<PathBuf>,
    pub env_lang: Lang,
}

impl Settings {
    /// The user as history, comments, keys and lock files name them: the
    /// config's `name`, else the login name.
    pub fn user_name(&self) -> Option<String> {
        self.name.clone().or_else(|| std::env::var("USER").ok())
    }

    pub fn resolve(config: &Config, config_path: Option<PathBuf>, o: Overrides) -> Settings {
        let data_dir = o
            .data_dir
            .or_else(|| config.data_dir.clone())
            .or_else(default_data_dir)
            .unwrap_or_else(|| PathBuf::from(".gehoor"));
        Settings {
            lang: o.lang.or(config.lang).unwrap_or(o.env_lang),
            theme: config.theme.unwrap_or_default(),
            questionnaires: o.questionnaires.or_else(|| config.questionnaires.clone()),
            corpus: o.corpus.or_else(|| config.corpus.clone()),
            name: config.name.clone(),
            config_path,
            keep_cited_text: config.keep_cited_text.unwrap_or(false),
            advance: config.advance.unwrap_or(true),
            policy: crate::notes::Policy {
                allow_self_approval: config.allow_self_approval.unwrap_or(false),
            },
            encryption: config.encryption == Some(Encryption::On),
            identity: config
                .identity
                .clone()
                .unwrap_or_else(|| crate::notes::keys::default_identity(&data_dir)),
            recipients: config.recipients.clone().unwrap_or_default(),
            data_dir,
        }
    }

    pub fn sessions_dir(&self) -> PathBuf {
        self.data_dir.join("sessions")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_config_is_located() {
        let text = "lang = \"en\"\ndata_dri = \"/tmp\"\n";
        let err = Config::parse(Path::new("/c/config.toml"), text).unwrap_err();
        match err {
            Error::Parse {
                line, col, detail, ..
            } => {
                assert_eq!((line, col), (2, 1));
                assert!(detail.to_string().contains("data_dri"), "{detail}");
            }
            other => panic!("expected a parse error, got {other:?}"),
        }
    }

    #[test]
    fn wrong_language_value_is_rejected() {
        assert!(Config::parse(Path::new("c"), "lang = \"de\"").is_err());
    }

    #[test]
    fn flags_beat_config_beat_environment() {
        let config = Config {
            lang: Some(Lang::En),
            data_dir: Some("/from/config".into()),
            ..Config::default()
        };
        let s = Settings::resolve(&config, None, Overrides::default());
        assert_eq!(s.lang, Lang::En);
        assert_eq!(s.data_dir, PathBuf::from("/from/config"));
        let s = Settings::resolve(
            &config,
            None,
            Overrides {
                lang: Some(Lang::Nl),
                data_dir: Some("/flag".into()),
                ..Overrides::default()
            },
        );
        assert_eq!(s.lang, Lang::Nl);
        assert_eq!(s.sessions_dir(), PathBuf::from("/flag/sessions"));
        let s = Settings::resolve(
            &Config::default(),
            None,
            Overrides {
                env_lang: Lang::En,
                ..Overrides::default()
            },
        );
        assert_eq!(s.lang, Lang::En);
    }

    #[test]
    fn missing_config_is_empty() {
        let c = Config::load(Path::new("/nonexistent/gehoor/config.toml")).unwrap();
        assert_eq!(c, Config::default());
    }
}
