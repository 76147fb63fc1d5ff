use std::collections::BTreeSet;

use clap::CommandFactory;

use super::*;

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
    let mut cmd = localize(crate::cli::Cli::command(), Strings::get(Lang::Nl));
    let help = cmd.render_help().to_string();
    assert!(
        help.contains(&Strings::get(Lang::Nl).cli_help.about["check"]),
        "{help}"
    );
    assert!(!help.contains("Validate questionnaires"), "{help}");
    assert!(
        help.contains("Gebruik: gehoor [OPTIES] [OPDRACHT]"),
        "{help}"
    );
}

/// Every command and argument of the clap tree, as keys of the table.
fn keys(
    cmd: &clap::Command,
    path: &str,
    about: &mut BTreeSet<String>,
    args: &mut BTreeSet<String>,
) {
    about.insert(key(path).to_string());
    for a in cmd.get_arguments() {
        args.insert(format!("{} {}", key(path), a.get_id()));
    }
    for sub in cmd.get_subcommands() {
        let p = if path.is_empty() {
            sub.get_name().to_string()
        } else {
            format!("{path} {}", sub.get_name())
        };
        keys(sub, &p, about, args);
    }
}

#[test]
fn every_command_and_argument_has_help_in_both_languages() {
    let (mut about, mut args) = (BTreeSet::new(), BTreeSet::new());
    keys(&crate::cli::Cli::command(), "", &mut about, &mut args);
    for lang in Lang::ALL {
        let h = &Strings::get(lang).cli_help;
        let have_about: BTreeSet<String> = h.about.keys().cloned().collect();
        let have_args: BTreeSet<String> = h.arg.keys().cloned().collect();
        assert_eq!(
            have_about, about,
            "{lang:?}: commands without (or stale) help"
        );
        assert_eq!(
            have_args, args,
            "{lang:?}: arguments without (or stale) help"
        );
        assert!(
            h.arg
                .values()
                .chain(h.about.values())
                .all(|t| !t.trim().is_empty())
        );
    }
}

#[test]
fn every_value_name_is_in_the_table() {
    let mut names = BTreeSet::new();
    fn walk(cmd: &clap::Command, names: &mut BTreeSet<String>) {
        for a in cmd.get_arguments() {
            if a.get_action().takes_values() {
                match a.get_value_names() {
                    Some(v) => names.extend(v.iter().map(|n| n.to_string())),
                    None => {
                        names.insert(a.get_id().as_str().to_uppercase());
                    }
                }
            }
        }
        cmd.get_subcommands().for_each(|s| walk(s, names));
    }
    walk(&crate::cli::Cli::command(), &mut names);
    for lang in Lang::ALL {
        let have: BTreeSet<String> = Strings::get(lang).cli_help.value.keys().cloned().collect();
        assert_eq!(have, names, "{lang:?}");
    }
}

#[test]
fn possible_and_default_values_are_shown_in_the_table_words() {
    let mut cmd = localize(crate::cli::Cli::command(), Strings::get(Lang::Nl));
    let search = cmd.find_subcommand_mut("search").unwrap();
    let help = search.render_help().to_string();
    assert!(help.contains("[standaard: 10]"), "{help}");
    assert!(!help.contains("default"), "{help}");
    let sessions = cmd.find_subcommand_mut("sessions").unwrap();
    let list = sessions.find_subcommand_mut("list").unwrap();
    let help = list.clone().term_width(400).render_help().to_string();
    assert!(
        help.contains("mogelijke waarden: draft, submitted, approved, returned"),
        "{help}"
    );
    assert!(help.contains("--status <STATUS>"), "{help}");
}
