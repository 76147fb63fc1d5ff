//! The manual pages: gehoor(1) and one per command (gehoor-interview(1), …),
//! rendered by clap_mangen from the translated clap tree, with section titles
//! in the run's language and gehoor's own sections on the configuration keys,
//! the environment and the files.

use clap::Command;

use crate::i18n::{ManText, Strings};

/// Roff-safe text: a leading dot or quote starts a request; `\` escapes.
fn roff(text: &str) -> String {
    let t = text.replace('\\', "\\e").replace('-', "\\-");
    if t.starts_with('.') || t.starts_with('\'') {
        format!("\\&{t}")
    } else {
        t
    }
}

fn items(out: &mut String, title: &str, entries: &[(&str, &str)]) {
    out.push_str(&format!(".SH {title}\n"));
    for (term, text) in entries {
        out.push_str(&format!(".TP\n\\fB{}\\fR\n{}\n", roff(term), roff(text)));
    }
}

/// clap_mangen writes its section titles in English.
fn translate_titles(page: &str, m: &ManText) -> String {
    let titles = [
        ("NAME", &m.name),
        ("SYNOPSIS", &m.synopsis),
        ("DESCRIPTION", &m.description),
        ("OPTIONS", &m.options),
        ("EXTRA", &m.extra),
        ("VERSION", &m.version),
        ("AUTHORS", &m.authors),
    ];
    page.lines()
        .map(|line| {
            let title = line.strip_prefix(".SH ").map(|t| t.trim_matches('"'));
            match titles.iter().find(|(en, _)| Some(*en) == title) {
                Some((_, t)) => format!(".SH {t}\n"),
                None => format!("{line}\n"),
            }
        })
        .collect()
}

fn sections(root: bool, m: &ManText) -> String {
    let mut out = String::new();
    if root {
        out.push_str(&format!(
            ".SH {}\n{}\n",
            m.configuration,
            roff(&m.config_intro)
        ));
        items(
            &mut out,
            "",
            &[
                ("data_dir", &m.key_data_dir),
                ("lang", &m.key_lang),
                ("theme", &m.key_theme),
                ("name", &m.key_name),
                ("questionnaires", &m.key_questionnaires),
                ("corpus", &m.key_corpus),
                ("advance", &m.key_advance),
                ("allow_self_approval", &m.key_allow_self_approval),
                ("keep_cited_text", &m.key_keep_cited_text),
            ],
        );
        items(
            &mut out,
            &m.environment,
            &[
                ("GEHOOR_CONFIG", &m.env_config),
                ("GEHOOR_DATA_DIR", &m.env_data_dir),
                ("LC_ALL, LC_MESSAGES, LANG", &m.env_locale),
            ],
        );
        items(
            &mut out,
            &m.files,
            &[
                ("~/.config/gehoor/config.toml", &m.file_config),
                ("~/.local/share/gehoor/sessions/<id>.toml", &m.file_sessions),
                ("~/.local/share/gehoor/sessions/<id>.lock", &m.file_lock),
                (
                    "~/.local/share/gehoor/sessions/.<id>.autosave.toml",
                    &m.file_autosave,
                ),
                (
                    "~/.local/share/gehoor/sessions/quarantine/",
                    &m.file_quarantine,
                ),
            ],
        );
    } else {
        out.push_str(&format!(".SH {}\ngehoor(1)\n", m.see_also));
    }
    // `items` with an empty title continues the section before it.
    out.replace(".SH \n", "")
}

/// Every page as (file name, roff text), the root's first. `cmd` is the
/// translated, built tree.
pub fn pages(cmd: &Command, s: &Strings) -> std::io::Result<Vec<(String, Vec<u8>)>> {
    let m = &s.cli_help.man;
    let mut out = Vec::new();
    let mut queue = std::collections::VecDeque::from([(cmd.clone(), true)]);
    while let Some((c, root)) = queue.pop_front() {
        queue.extend(
            c.get_subcommands()
                .filter(|sc| !sc.is_hide_set() && sc.get_name() != "help")
                .map(|sc| (sc.clone(), false)),
        );
        let man = clap_mangen::Man::new(c);
        let mut buf = Vec::new();
        man.render(&mut buf)?;
        let mut page = translate_titles(&String::from_utf8_lossy(&buf), m);
        page.push_str(&sections(root, m));
        out.push((man.get_filename(), page.into_bytes()));
    }
    Ok(out)
}
