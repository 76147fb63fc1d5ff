use std::collections::BTreeMap;

/// The command line's own texts: clap's headings, help of every command and
/// argument, value names and clap's parse errors. Commands and arguments are
/// keyed by path ("corpus show", "corpus show reference"), so a test can walk
/// the clap tree and demand an entry for each, in both languages.
#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CliHelp {
    pub usage: String,
    pub options: String,
    pub global_options: String,
    pub arguments: String,
    pub commands: String,
    pub command_value: String,
    pub options_placeholder: String,
    pub help: String,
    pub version: String,
    pub help_command: String,
    pub help_command_arg: String,
    pub possible_values: String,
    pub default: String,
    pub env: String,
    pub more_info: String,
    pub did_you_mean: String,
    pub err: CliErrors,
    pub man: ManText,
    /// About text per command path; the root is "gehoor".
    pub about: BTreeMap<String, String>,
    /// Help per "command path + argument id"; the root's are "gehoor <id>".
    pub arg: BTreeMap<String, String>,
    /// Value names as clap shows them (`<REF>`), keyed by the English name.
    pub value: BTreeMap<String, String>,
}

area! {
    /// clap's parse errors, one per kind gehoor distinguishes.
    CliErrors {
        invalid_value, unknown_argument, unknown_subcommand, missing_argument,
        conflict, too_many_values, missing_value, missing_subcommand, invalid_utf8, other,
    }
}

area! {
    /// The manual pages: clap_mangen's section titles and gehoor's own
    /// sections about the configuration, the environment and the files.
    ManText {
        name, synopsis, description, options, extra, version, authors, configuration,
        environment, files, see_also, config_intro, key_data_dir, key_lang, key_theme,
        key_name, key_questionnaires, key_corpus, key_advance, key_allow_self_approval, key_keep_cited_text, env_config, env_data_dir, env_locale,
        file_config, file_sessions, file_lock, file_autosave, file_quarantine,
    }
}
