//! The command line's help in the user's language: clap's derive texts are
//! replaced from the string table before parsing. The language comes from
//! `--lang` on the command line or the locale (the config is read after
//! parsing, so a broken config never hides `--help`).

use clap::Command;

use crate::i18n::{Lang, Strings};

/// `--lang xx` or `--lang=xx` anywhere in the arguments.
pub fn lang_from_args(args: &[String]) -> Option<Lang> {
    args.iter().enumerate().find_map(|(i, a)| {
        if let Some(v) = a.strip_prefix("--lang=") {
            Lang::parse(v)
        } else if a == "--lang" {
            args.get(i + 1).and_then(|v| Lang::parse(v))
        } else {
            None
        }
    })
}

pub fn localize(cmd: Command, s: &Strings) -> Command {
    let c = &s.cli;
    let about = |name: &str| -> Option<&str> {
        Some(match name {
            "interview" => &c.about_interview,
            "review" => &c.about_review,
            "check" => &c.about_check,
            "corpus" => &c.about_corpus,
            "questionnaires" => &c.about_questionnaires,
            "search" => &c.about_search,
            "sessions" => &c.about_sessions,
            "export" => &c.about_export,
            "config" => &c.about_config,
            "completions" => &c.about_completions,
            "man" => &c.about_man,
            _ => return None,
        })
    };
    let mut cmd = cmd
        .about(c.about_app.clone())
        .long_about(c.about_app.clone())
        .mut_arg("data_dir", |a| a.help(c.help_data_dir.clone()))
        .mut_arg("questionnaires", |a| a.help(c.help_questionnaires.clone()))
        .mut_arg("corpus", |a| a.help(c.help_corpus.clone()))
        .mut_arg("lang", |a| a.help(c.help_lang.clone()));
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in names {
        if let Some(text) = about(&name) {
            let text = text.to_string();
            cmd = cmd.mut_subcommand(name, |sc| sc.about(text));
        }
    }
    cmd
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn lang_flag_is_found_in_both_spellings() {
        let args = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            lang_from_args(&args(&["gehoor", "--lang", "en", "check"])),
            Some(Lang::En)
        );
        assert_eq!(
            lang_from_args(&args(&["gehoor", "check", "--lang=nl"])),
            Some(Lang::Nl)
        );
        assert_eq!(lang_from_args(&args(&["gehoor", "--lang"])), None);
    }

    #[test]
    fn help_is_dutch_when_asked() {
        let mut cmd = localize(super::super::Cli::command(), Strings::get(Lang::Nl));
        let help = cmd.render_help().to_string();
        assert!(
            help.contains(&Strings::get(Lang::Nl).cli.about_check),
            "{help}"
        );
        assert!(!help.contains("Validate questionnaires"), "{help}");
    }
}
