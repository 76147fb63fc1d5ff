//! DESIGN.md's one rule: domain code never mentions ratatui, crossterm or
//! clap. Only src/tui/ and the CLI layer (src/cli/, src/main.rs) may.

use std::path::{Path, PathBuf};

const FORBIDDEN: [&str; 3] = ["ratatui", "crossterm", "clap"];

fn allowed(rel: &Path) -> bool {
    rel.starts_with("tui") || rel.starts_with("cli") || rel == Path::new("main.rs")
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Lines of `text` that name a forbidden crate as code, ignoring comments.
fn offending_lines(text: &str) -> Vec<(usize, String)> {
    text.lines()
        .enumerate()
        .filter(|(_, line)| {
            let code = line.split("//").next().unwrap_or("");
            FORBIDDEN.iter().any(|c| {
                code.match_indices(c).any(|(i, _)| {
                    let before = code[..i].chars().next_back();
                    let after = code[i + c.len()..].chars().next();
                    let ident =
                        |ch: Option<char>| ch.is_some_and(|ch| ch.is_alphanumeric() || ch == '_');
                    !ident(before) && !ident(after)
                })
            })
        })
        .map(|(n, l)| (n + 1, l.to_string()))
        .collect()
}

#[test]
fn domain_code_never_imports_ui_crates() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut problems = Vec::new();
    for file in files {
        let rel = file.strip_prefix(&src).unwrap();
        if allowed(rel) {
            continue;
        }
        let text = std::fs::read_to_string(&file).unwrap();
        for (line, code) in offending_lines(&text) {
            problems.push(format!("src/{}:{line}: {}", rel.display(), code.trim()));
        }
    }
    assert!(
        problems.is_empty(),
        "domain modules must not use ratatui, crossterm or clap:\n{}",
        problems.join("\n")
    );
}

#[test]
fn the_scanner_sees_an_import() {
    assert_eq!(offending_lines("use ratatui::Frame;").len(), 1);
    assert_eq!(offending_lines("use ratatui;").len(), 1);
    assert_eq!(offending_lines("x = clap::Parser::parse();").len(), 1);
    assert!(offending_lines("// ratatui is for the view").is_empty());
    assert!(offending_lines("let clapping = 1;").is_empty());
}

fn files_under(rel: &str) -> Vec<(PathBuf, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join(rel);
    let mut files = Vec::new();
    rust_files(&root, &mut files);
    files.sort();
    files
        .into_iter()
        .map(|f| {
            let text = std::fs::read_to_string(&f).unwrap();
            (f, text)
        })
        .collect()
}

/// Code lines (comments dropped) of `text` containing `word` as a path
/// segment or identifier.
fn code_lines_naming(text: &str, word: &str) -> Vec<String> {
    text.lines()
        .map(|l| l.split("//").next().unwrap_or(""))
        .filter(|code| {
            code.match_indices(word).any(|(i, _)| {
                let ident =
                    |ch: Option<char>| ch.is_some_and(|ch| ch.is_alphanumeric() || ch == '_');
                !ident(code[..i].chars().next_back())
                    && !ident(code[i + word.len()..].chars().next())
            })
        })
        .map(|c| c.trim().to_string())
        .collect()
}

/// Every key `update` reacts to outside text entry comes through the keymap
/// as an `Action`: no update code looks at a raw key code, so no key can be
/// handled that the keymap (and so the help and footer) does not name.
#[test]
fn update_never_matches_a_raw_key() {
    let mut problems = Vec::new();
    for (file, text) in files_under("src/tui/update") {
        for line in code_lines_naming(&text, "KeyCode") {
            problems.push(format!("{}: {line}", file.display()));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_tui_never_imports_the_cli() {
    let mut problems = Vec::new();
    for (file, text) in files_under("src/tui") {
        for line in code_lines_naming(&text, "cli") {
            if line.contains("cli::") || line.contains("cli}") || line.contains("cli,") {
                problems.push(format!("{}: {line}", file.display()));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Files stay small enough to read in one sitting, named for what they own.
#[test]
fn no_source_file_is_over_500_lines() {
    let long: Vec<String> = files_under("src")
        .into_iter()
        .filter(|(_, text)| text.lines().count() > 500)
        .map(|(f, text)| format!("{}: {} lines", f.display(), text.lines().count()))
        .collect();
    assert!(long.is_empty(), "{}", long.join("\n"));
}

#[test]
fn the_key_scanner_sees_a_key_match() {
    assert_eq!(
        code_lines_naming("KeyCode::Enter => {}", "KeyCode").len(),
        1
    );
    assert!(code_lines_naming("// no KeyCode here", "KeyCode").is_empty());
    assert!(code_lines_naming("let my_KeyCodes = 1;", "KeyCode").is_empty());
}

/// Views draw data only as `sanitize::Clean`; they never clean (or forget
/// to clean) text themselves.
#[test]
fn views_get_text_only_through_the_clean_type() {
    let mut problems = Vec::new();
    for (file, text) in files_under("src/tui/view") {
        for name in ["clean_line", "sanitize::clean"] {
            for line in code_lines_naming(&text, name) {
                if !line.contains("Clean::") {
                    problems.push(format!("{}: {line}", file.display()));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
