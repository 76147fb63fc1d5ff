//! One language per run: everything the command line prints in Dutch (the
//! help of every command, clap's parse errors, config and usage errors) is
//! scanned for English words.

use std::path::Path;

use assert_cmd::Command;

/// English words that are not Dutch words too ("of", "type", "file", "man"
/// and "open" are), and that no identifier gehoor prints contains.
const ENGLISH: &[&str] = &[
    "the",
    "and",
    "to",
    "or",
    "with",
    "for",
    "this",
    "that",
    "which",
    "than",
    "print",
    "prints",
    "usage",
    "options",
    "arguments",
    "commands",
    "command",
    "subcommand",
    "subcommands",
    "unknown",
    "expected",
    "missing",
    "invalid",
    "must",
    "not",
    "found",
    "error",
    "warning",
    "possible",
    "values",
    "value",
    "default",
    "cannot",
    "does",
    "exist",
    "exists",
    "folder",
    "should",
    "information",
    "try",
    "allowed",
    "field",
    "variant",
    "see",
    "fix",
    "place",
    "again",
    "more",
    "can",
    "need",
    "needs",
    "use",
    "known",
    "unexpected",
    "string",
    "integer",
    "boolean",
    "table",
    "array",
    "key",
    "comma",
    "unclosed",
    "duplicate",
    "there",
    "are",
    "has",
    "have",
    "no",
    "none",
    "match",
    "matches",
    "already",
    "did",
    "you",
    "mean",
    "at",
    "line",
    "column",
    "environment",
    "variable",
    "given",
    "version",
    "help",
    "profile",
    "topic",
];

/// Placeholders clap shows in capitals, in English.
const ENGLISH_PLACEHOLDERS: &[&str] = &[
    "OPTIONS",
    "COMMAND",
    "FILE",
    "PATHS",
    "QUERY",
    "SESSION",
    "REF",
    "LIMIT",
    "FORMAT",
    "WIDTH",
    "DIR",
    "PROFILE",
    "TOPICS",
    "INTERVIEWER",
    "LANG",
    "DOC",
    "FROM",
    "TO",
    "OLD",
    "NEW",
    "TITLE",
    "LAYOUT",
    "LANGUAGE",
    "PUBLISHER",
    "SUPERSEDES",
    "PUBLISHED",
];

fn gehoor(home: &Path) -> Command {
    let mut cmd = Command::cargo_bin("gehoor").unwrap();
    cmd.env("GEHOOR_CONFIG", "/dev/null")
        .env("GEHOOR_DATA_DIR", home.join("data"))
        .env("LANG", "nl_NL.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("COLUMNS", "300");
    cmd
}

/// The English words in `text`, ignoring what gehoor quotes as given (between
/// quotes or backticks), paths, flags, diagnostic codes and the names of
/// commands at the start of a line of the command list.
fn english_words(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    for line in text.lines() {
        // A quoted line of the user's file, after its number and a bar.
        let quoted = line.trim_start().split_once(' ').is_some_and(|(n, rest)| {
            n.chars().all(|c| c.is_ascii_digit())
                && (rest.starts_with('│') || rest.starts_with('|'))
        });
        if quoted {
            continue;
        }
        let mut kept = String::new();
        let mut quote: Option<char> = None;
        let mut prev = ' ';
        for c in line.chars() {
            match quote {
                Some(q) if c == q => quote = None,
                Some(_) => {}
                // An apostrophe inside a word ("id's") opens no quote.
                None if c == '`' || (c == '\'' && !prev.is_alphabetic()) => quote = Some(c),
                None => kept.push(c),
            }
            prev = c;
        }
        // A usage line ("Gebruik: gehoor help [OPDRACHT]") names commands
        // after the program; its heading and placeholders are still checked.
        let usage = kept.split_whitespace().nth(1) == Some("gehoor");
        for (i, token) in kept.split_whitespace().enumerate() {
            if usage && i > 0 && token.chars().all(|c| c.is_ascii_lowercase()) {
                continue;
            }
            let is_code = token.contains('[') && token.contains('_');
            let is_command = i == 0 && line.starts_with("  ") && !line.starts_with("   ");
            if token.starts_with('-')
                || token.contains('/')
                || token.contains("GEHOOR_")
                || token.contains('=')
                || is_code
                || is_command
            {
                continue;
            }
            for word in token.split(|c: char| !c.is_alphabetic()) {
                let lower = word.to_lowercase();
                // Upper-case value names and placeholders (`<STATUS>`) are the
                // program's vocabulary, not prose.
                let placeholder = word.len() > 1 && word.chars().all(|c| c.is_uppercase());
                let english = if placeholder {
                    ENGLISH_PLACEHOLDERS.contains(&word)
                } else {
                    ENGLISH.contains(&lower.as_str())
                };
                if english {
                    found.push(format!("{word} (in: {line})"));
                }
            }
        }
    }
    found
}

#[test]
fn the_scanner_finds_english_and_lets_dutch_pass() {
    assert!(english_words("Print help").len() == 2);
    assert!(english_words("fout: unknown profile 'draft-evadr'").len() == 2);
    assert!(english_words("Gebruik: gehoor search [OPTIES] <ZOEKVRAAG>").is_empty());
    assert_eq!(
        english_words("Usage: gehoor search [OPTIONS] <QUERY>").len(),
        3
    );
    assert!(english_words("Gebruik: gehoor help [OPDRACHT]").is_empty());
    assert!(english_words("Vragenlijst-id's, gescheiden door komma's").is_empty());
    assert!(english_words("de sleutel `theme` van type tekst").is_empty());
}

fn all_output(cmd: &mut Command) -> String {
    let out = cmd.output().unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!text.contains("panicked"), "{text}");
    text
}

#[test]
fn help_of_every_command_is_dutch() {
    let home = tempfile::tempdir().unwrap();
    let commands: &[&[&str]] = &[
        &[],
        &["interview"],
        &["review"],
        &["check"],
        &["corpus"],
        &["corpus", "list"],
        &["corpus", "show"],
        &["corpus", "import"],
        &["corpus", "diff"],
        &["questionnaires"],
        &["questionnaires", "migrate"],
        &["search"],
        &["sessions"],
        &["sessions", "list"],
        &["sessions", "quarantine"],
        &["export"],
        &["config"],
        &["config", "path"],
        &["completions"],
        &["man"],
    ];
    let mut problems = Vec::new();
    for args in commands {
        for flag in ["-h", "--help"] {
            let text = all_output(gehoor(home.path()).args(*args).arg(flag));
            assert!(text.contains("Gebruik:"), "{args:?} {flag}: {text}");
            problems.extend(
                english_words(&text)
                    .into_iter()
                    .map(|w| format!("{args:?}: {w}")),
            );
        }
    }
    for args in [["help", "sessions"], ["help", "help"]] {
        let text = all_output(gehoor(home.path()).args(args));
        assert!(text.contains("Gebruik:"), "{args:?}: {text}");
        problems.extend(english_words(&text));
    }
    assert!(
        problems.is_empty(),
        "English in the Dutch help:\n{}",
        problems.join("\n")
    );
}

#[test]
fn errors_are_dutch() {
    let home = tempfile::tempdir().unwrap();
    let q = home.path().join("q");
    std::fs::create_dir_all(&q).unwrap();
    std::fs::write(
        q.join("broken.toml"),
        "id = \"broken\"\nversion = \"1\"\ntitle = { nl = \"x\", en = \"y\" }\n[[question]\n",
    )
    .unwrap();
    std::fs::write(
        q.join("typed.toml"),
        "id = \"typed\"\nversion = \"1\"\ntitle = { nl = \"x\", en = \"y\" }\n",
    )
    .unwrap();
    let cases: &[&[&str]] = &[
        &["--bogus"],
        &["sessionz"],
        &["sessions", "list", "--status", "klaar"],
        &["search"],
        &["search", "--limit", "veel", "oproep"],
        &["interview", "--profile", "a", "--topics", "b"],
        &["interview", "--case", "ZAAK-1", "--profile", "draft-evadr"],
        &[
            "interview",
            "--case",
            "ZAAK-1",
            "--topics",
            "geen_onderwerp",
        ],
        &["export"],
        &["export", "ZAAK-404"],
        &["corpus", "show", "nope#9"],
        &["sessions", "quarantine", "../elders.toml"],
        &["--lang=de", "check"],
        &["--questionnaires", "QDIR", "check"],
    ];
    let mut problems = Vec::new();
    for args in cases {
        let args: Vec<String> = args
            .iter()
            .map(|a| a.replace("QDIR", &q.display().to_string()))
            .collect();
        let text = all_output(gehoor(home.path()).args(&args));
        assert!(!text.trim().is_empty(), "{args:?} printed nothing");
        problems.extend(
            english_words(&text)
                .into_iter()
                .map(|w| format!("{args:?}: {w}")),
        );
    }
    // An unreadable session file is listed with its reason in Dutch.
    let sessions = home.path().join("data").join("sessions");
    std::fs::create_dir_all(&sessions).unwrap();
    std::fs::write(
        sessions.join("kapot.toml"),
        "schema_version = 1\n[answers.\"a\"\n",
    )
    .unwrap();
    let text = all_output(gehoor(home.path()).args(["sessions", "list"]));
    assert!(text.contains("kapot.toml:2:"), "{text}");
    problems.extend(
        english_words(&text)
            .into_iter()
            .map(|w| format!("unreadable: {w}")),
    );
    std::fs::remove_file(sessions.join("kapot.toml")).unwrap();
    for config in [
        "lang = \"fr\"\n",
        "thema = \"dark\"\n",
        "name = 3\n",
        "data_dir = \"/tmp\" name = \"x\"\n",
        "name = \"a\"\nname = \"b\"\n",
        "lang = [\"nl\"\n",
        "name = onbekend\n",
    ] {
        let path = home.path().join("config.toml");
        std::fs::write(&path, config).unwrap();
        let text = all_output(
            gehoor(home.path())
                .env("GEHOOR_CONFIG", &path)
                .args(["sessions", "list"]),
        );
        assert!(text.contains("config.toml:"), "{config}: {text}");
        problems.extend(
            english_words(&text)
                .into_iter()
                .map(|w| format!("{config:?}: {w}")),
        );
    }
    let text = all_output(
        gehoor(home.path())
            .env("GEHOOR_CONFIG", home.path().join("weg.toml"))
            .args(["sessions", "list"]),
    );
    problems.extend(english_words(&text));
    assert!(
        problems.is_empty(),
        "English in Dutch errors:\n{}",
        problems.join("\n")
    );
}

#[test]
fn ordinary_output_is_dutch() {
    let home = tempfile::tempdir().unwrap();
    let store = gehoor::notes::Store::new(home.path().join("data").join("sessions"));
    let s = gehoor::notes::Session::new(
        "ZAAK-1",
        "Anna",
        gehoor::i18n::Lang::Nl,
        Vec::new(),
        &gehoor::notes::now(),
    );
    drop(store.create(&s).unwrap());
    let mut problems = Vec::new();
    for args in [
        vec!["sessions", "list"],
        vec!["sessions", "list", "--status", "approved"],
        vec!["check"],
        vec!["config", "path"],
        vec![
            "search",
            "--doc",
            "ambtsbericht-rf-2025",
            "oproep",
            "uitreisverbod",
        ],
        // Not `corpus show`: its footnotes cite English sources by title.
    ] {
        let text = all_output(gehoor(home.path()).args(&args));
        assert!(!text.trim().is_empty(), "{args:?}");
        problems.extend(
            english_words(&text)
                .into_iter()
                .map(|w| format!("{args:?}: {w}")),
        );
    }
    assert!(
        problems.is_empty(),
        "English in Dutch output:\n{}",
        problems.join("\n")
    );
}
