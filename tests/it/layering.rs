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
