//! The command line's help in the run's language: every text clap shows
//! (headings, the usage line, the help of each command and argument, value
//! names, the help and version flags) comes from the `cli_help` string table.
//! The language comes from `--lang`, else the config, else the locale; the
//! config's errors are reported after parsing, so a broken config never hides
//! `--help`.

use clap::{Arg, ArgAction, Command};

use crate::i18n::{CliHelp, Lang, Strings};

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

/// `cmd` with every text from `s`, built (so usage lines are final).
pub fn localize(cmd: Command, s: &Strings) -> Command {
    let h = &s.cli_help;
    let mut cmd = localize_tree(cmd, "", h).disable_version_flag(true).arg(
        Arg::new("version")
            .short('V')
            .long("version")
            .action(ArgAction::Version)
            .help(h.version.clone())
            .help_heading(h.options.clone()),
    );
    cmd.build();
    finish(&mut cmd, h);
    cmd
}

/// The key of a command in the `about` and `arg` tables.
fn key(path: &str) -> &str {
    if path.is_empty() { "gehoor" } else { path }
}

/// The help layout of every command, with the table's "Usage:".
fn template(h: &CliHelp) -> String {
    format!(
        "{{before-help}}{{about-with-newline}}\n{} {{usage}}\n\n{{all-args}}{{after-help}}",
        h.usage
    )
}

fn localize_tree(cmd: Command, path: &str, h: &CliHelp) -> Command {
    let mut cmd = cmd
        .help_template(template(h))
        .subcommand_help_heading(h.commands.clone())
        .subcommand_value_name(h.command_value.clone())
        .long_about(None)
        .mut_args(|a| localize_arg(a, key(path), h))
        .disable_help_flag(true)
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help(h.help.clone())
                .help_heading(h.options.clone()),
        );
    if let Some(about) = h.about.get(key(path)) {
        cmd = cmd.about(about.clone());
    }
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|c| c.get_name().to_string())
        .collect();
    for name in names {
        let sub = if path.is_empty() {
            name.clone()
        } else {
            format!("{path} {name}")
        };
        cmd = cmd.mut_subcommand(&name, |c| localize_tree(c, &sub, h));
    }
    cmd
}

/// Help, value names and the possible, default and environment values, which
/// clap would add in English, written in the table's words.
fn localize_arg(a: Arg, cmd_key: &str, h: &CliHelp) -> Arg {
    let id = a.get_id().as_str().to_string();
    let mut help = h
        .arg
        .get(&format!("{cmd_key} {id}"))
        .cloned()
        .unwrap_or_default();
    let takes_values = a.get_action().takes_values();
    let mut extra = Vec::new();
    if takes_values {
        let values: Vec<String> = a
            .get_possible_values()
            .iter()
            .filter(|v| !v.is_hide_set())
            .map(|v| v.get_name().to_string())
            .collect();
        if !values.is_empty() {
            extra.push(format!("{}: {}", h.possible_values, values.join(", ")));
        }
        let defaults: Vec<String> = a
            .get_default_values()
            .iter()
            .map(|v| v.to_string_lossy().into_owned())
            .collect();
        if !defaults.is_empty() {
            extra.push(format!("{}: {}", h.default, defaults.join(", ")));
        }
    }
    if let Some(env) = a.get_env() {
        extra.push(format!("{}: {}", h.env, env.to_string_lossy()));
    }
    if !extra.is_empty() {
        help = format!("{help} [{}]", extra.join("; "));
    }
    let heading = if a.is_positional() {
        h.arguments.clone()
    } else if a.is_global_set() {
        h.global_options.clone()
    } else {
        h.options.clone()
    };
    let mut a = a.help(help).hide_env(true).help_heading(heading);
    if takes_values {
        a = a.hide_possible_values(true).hide_default_value(true);
        let names: Vec<String> = match a.get_value_names() {
            Some(v) => v.iter().map(|n| n.to_string()).collect(),
            None => vec![id.to_uppercase()],
        };
        let names: Vec<String> = names
            .into_iter()
            .map(|n| h.value.get(&n).cloned().unwrap_or(n))
            .collect();
        a = a.value_names(names);
    }
    a
}

/// After building: usage lines with the table's placeholder for options, and
/// clap's generated `help` subcommand in the table's words.
fn finish(cmd: &mut Command, h: &CliHelp) {
    if cmd.get_name() == "help" {
        let c = std::mem::take(cmd)
            .help_template(template(h))
            .subcommand_help_heading(h.commands.clone())
            .subcommand_value_name(h.command_value.clone());
        *cmd = c;
    }
    let rendered = cmd.render_usage().to_string();
    let usage = rendered
        .split_once(' ')
        .map_or(rendered.as_str(), |(_, rest)| rest)
        .replace("[OPTIONS]", &h.options_placeholder);
    let mut c = std::mem::take(cmd).override_usage(usage);
    if c.get_name() == "help" {
        c = c.about(h.help_command.clone()).mut_args(|a| {
            a.help(h.help_command_arg.clone())
                .value_name(h.command_value.clone())
                .help_heading(h.arguments.clone())
        });
    }
    *cmd = c;
    for sub in cmd.get_subcommands_mut() {
        finish(sub, h);
    }
}

#[cfg(test)]
mod tests;
