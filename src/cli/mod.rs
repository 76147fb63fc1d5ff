//! The command line: parse, load config, resolve settings, dispatch. Each
//! command returns an exit code; errors are printed here, once, before any
//! terminal mode changes.

mod args;
mod check_cmd;
mod clap_errors;
mod convert_cmd;
mod corpus_cmd;
mod diff_cmd;
mod export_cmd;
mod help;
mod import_cmd;
mod intake;
mod interview_cmd;
mod keys_cmd;
mod man;
mod meta_cmd;
mod migrate_cmd;
mod out;
mod review_cmd;
mod search_cmd;
mod sessions_cmd;
mod unlock;

use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches};

pub use args::*;

use crate::config::{Config, Overrides, Settings};
use crate::error::Result;
use crate::i18n::{Lang, Strings};
use crate::sanitize;

/// What every command gets: resolved settings and the string table.
pub struct Ctx {
    pub settings: Settings,
    pub strings: &'static Strings,
    /// The unlocked key, once per run (see `unlock.rs`).
    pub keyring: std::sync::OnceLock<std::sync::Arc<crate::notes::Keyring>>,
}

pub fn main() -> ExitCode {
    let env_lang = Lang::from_env_vars(|k| std::env::var(k).ok());
    let args_os: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let args: Vec<String> = args_os
        .iter()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    let flag_lang = help::lang_from_args(&args);
    let env_config: Option<PathBuf> = std::env::var_os("GEHOOR_CONFIG").map(Into::into);
    let config_path = crate::config::config_path(env_config.clone());
    // Read before parsing so that the help is in the config's language too;
    // its errors are reported after parsing, so they never hide `--help`.
    let loaded = config_path.as_deref().map(Config::load).transpose();
    let config_lang = loaded.as_ref().ok().and_then(|c| c.as_ref()?.lang);
    let s = Strings::get(flag_lang.or(config_lang).unwrap_or(env_lang));
    let mut command = help::localize(Cli::command(), s);
    let cli = match command
        .try_get_matches_from_mut(&args_os)
        .and_then(|m| Cli::from_arg_matches(&m))
    {
        Ok(cli) => cli,
        Err(e) => return clap_errors::exit_with(&e, s),
    };
    if crate::config::override_is_missing(env_config.as_deref()) {
        let path = env_config.unwrap_or_default();
        let _ = writeln!(
            std::io::stderr(),
            "{}",
            crate::i18n::fill(
                &s.cli.config_missing,
                &[("path", &sanitize::clean_line(&path.display().to_string()))]
            )
        );
    }
    let config = match loaded {
        Ok(c) => c.unwrap_or_default(),
        Err(e) => {
            print_error(s, &e, true);
            let _ = writeln!(std::io::stderr(), "{}", s.cli.config_bad);
            // `config path` still says where the broken file is.
            if let (Some(Command::Config(ConfigCommand::Path)), Some(p)) =
                (&cli.command, &config_path)
            {
                println!("{}", p.display());
            }
            return ExitCode::from(e.exit_code());
        }
    };
    let settings = Settings::resolve(
        &config,
        config_path,
        Overrides {
            lang: cli.global.lang.map(|l| match l {
                LangArg::Nl => Lang::Nl,
                LangArg::En => Lang::En,
            }),
            data_dir: cli.global.data_dir.clone(),
            questionnaires: cli.global.questionnaires.clone(),
            corpus: cli.global.corpus.clone(),
            env_lang,
        },
    );
    let ctx = Ctx {
        strings: Strings::get(settings.lang),
        settings,
        keyring: std::sync::OnceLock::new(),
    };
    match dispatch(&ctx, cli.command) {
        Ok(code) => code,
        Err(e) if out::is_closed_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            print_error(ctx.strings, &e, false);
            ExitCode::from(e.exit_code())
        }
    }
}

/// An error on stderr in the user's language. A config error also shows its
/// line with a caret under the column, as `check` does; other files (a
/// session, a corpus document) may hold anyone's text and are not quoted.
fn print_error(s: &Strings, e: &crate::Error, quote_line: bool) {
    // Not eprintln!: it panics when stderr is a terminal that closed.
    let mut out = format!("{}: {}", s.error.prefix, sanitize::clean(&e.render(s)));
    if let (
        true,
        crate::Error::Parse {
            path, line, col, ..
        },
    ) = (quote_line, e)
    {
        let text = std::fs::read(path).map(|b| String::from_utf8_lossy(&b).into_owned());
        if let Some(excerpt) = text
            .ok()
            .and_then(|t| crate::error::excerpt(&t, *line, *col))
        {
            out.push('\n');
            out.push_str(&excerpt);
        }
    }
    let _ = writeln!(std::io::stderr(), "{out}");
}

fn dispatch(ctx: &Ctx, command: Option<Command>) -> Result<ExitCode> {
    match command {
        None => crate::tui::run_home(&ctx.settings, ctx.store()?),
        Some(Command::Interview(a)) => interview_cmd::run(ctx, &a),
        Some(Command::Review(a)) => review_cmd::run(ctx, &a),
        Some(Command::Check(a)) => check_cmd::run(ctx, &a),
        Some(Command::Corpus(c)) => corpus_cmd::run(ctx, &c),
        Some(Command::Questionnaires(QuestionnairesCommand::Migrate(a))) => {
            migrate_cmd::run(ctx, &a)
        }
        Some(Command::Search(a)) => search_cmd::run(ctx, &a),
        Some(Command::Sessions(c)) => sessions_cmd::run(ctx, &c),
        Some(Command::Export(a)) => export_cmd::run(ctx, &a),
        Some(Command::Keys(c)) => keys_cmd::run(ctx, &c),
        Some(Command::Config(ConfigCommand::Path)) => meta_cmd::config_path(ctx),
        Some(Command::Completions(a)) => meta_cmd::completions(ctx, &a),
        Some(Command::Man(a)) => meta_cmd::man(ctx, &a),
    }
}
