//! The command line: parse, load config, resolve settings, dispatch. Each
//! command returns an exit code; errors are printed here, once, before any
//! terminal mode changes.

mod args;
mod check_cmd;
mod corpus_cmd;
mod export_cmd;
mod help;
mod interview_cmd;
mod meta_cmd;
mod review_cmd;
mod search_cmd;
mod sessions_cmd;

use std::io::Write as _;
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
}

pub fn main() -> ExitCode {
    let env_lang = Lang::from_env_vars(|k| std::env::var(k).ok());
    let args: Vec<String> = std::env::args().collect();
    let help_lang = help::lang_from_args(&args).unwrap_or(env_lang);
    let matches = help::localize(Cli::command(), Strings::get(help_lang)).get_matches();
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(cli) => cli,
        Err(e) => e.exit(),
    };
    let flag_lang = cli.global.lang.map(|l| match l {
        LangArg::Nl => Lang::Nl,
        LangArg::En => Lang::En,
    });
    let config_path = crate::config::config_path(std::env::var_os("GEHOOR_CONFIG").map(Into::into));
    let config = match config_path.as_deref().map(Config::load).transpose() {
        Ok(c) => c.unwrap_or_default(),
        Err(e) => {
            let s = Strings::get(flag_lang.unwrap_or(env_lang));
            eprintln!("{}: {}", s.error.prefix, sanitize::clean(&e.render(s)));
            eprintln!("{}", s.cli.config_bad);
            return ExitCode::from(e.exit_code());
        }
    };
    let settings = Settings::resolve(
        &config,
        config_path,
        Overrides {
            lang: flag_lang,
            data_dir: cli.global.data_dir.clone(),
            questionnaires: cli.global.questionnaires.clone(),
            corpus: cli.global.corpus.clone(),
            env_lang,
        },
    );
    let ctx = Ctx {
        strings: Strings::get(settings.lang),
        settings,
    };
    match dispatch(&ctx, cli.command) {
        Ok(code) => code,
        Err(e) => {
            // Not eprintln!: it panics when stderr is a terminal that closed.
            let _ = writeln!(
                std::io::stderr(),
                "{}: {}",
                ctx.strings.error.prefix,
                sanitize::clean(&e.render(ctx.strings))
            );
            ExitCode::from(e.exit_code())
        }
    }
}

fn dispatch(ctx: &Ctx, command: Option<Command>) -> Result<ExitCode> {
    match command {
        None => crate::tui::run_home(&ctx.settings),
        Some(Command::Interview(a)) => interview_cmd::run(ctx, &a),
        Some(Command::Review(a)) => review_cmd::run(ctx, &a),
        Some(Command::Check(a)) => check_cmd::run(ctx, &a),
        Some(Command::Corpus(c)) => corpus_cmd::run(ctx, &c),
        Some(Command::Search(a)) => search_cmd::run(ctx, &a),
        Some(Command::Sessions(c)) => sessions_cmd::run(ctx, &c),
        Some(Command::Export(a)) => export_cmd::run(ctx, &a),
        Some(Command::Config(ConfigCommand::Path)) => meta_cmd::config_path(ctx),
        Some(Command::Completions(a)) => meta_cmd::completions(&a),
        Some(Command::Man(a)) => meta_cmd::man(ctx, &a),
    }
}
