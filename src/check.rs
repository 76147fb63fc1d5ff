//! `gehoor check` as values: the diagnostics of a questionnaire folder,
//! rendered like rustc (file:line:col, the source line, a caret, a hint) or
//! as JSON for tools. Printing happens in the CLI.

use std::collections::HashMap;

use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label};
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term::{self, Config, termcolor};
use serde::Serialize;

use crate::assets::FileSet;
use crate::i18n::{Lang, Strings, fill};
pub use crate::questionnaire::grounding::Grounds;
pub use crate::questionnaire::{Diagnostic, Severity};
pub use crate::questionnaire::{check, check_grounded};
use crate::sanitize::clean_line;

/// How many errors and warnings, for the summary line and the exit code.
pub fn counts(diags: &[Diagnostic]) -> (usize, usize) {
    let errors = diags.iter().filter(|d| d.is_error()).count();
    (errors, diags.len() - errors)
}

/// Every diagnostic like rustc, in `lang`, without colour.
pub fn render_human(diags: &[Diagnostic], files: &FileSet, lang: Lang) -> String {
    render(diags, files, lang, false)
}

/// As `render_human`, with ANSI colour for a terminal.
pub fn render_human_color(diags: &[Diagnostic], files: &FileSet, lang: Lang) -> String {
    render(diags, files, lang, true)
}

/// One line: "2 error(s), 1 warning(s) in 3 file(s)" or "No problems found".
pub fn summary(diags: &[Diagnostic], file_count: usize, lang: Lang) -> String {
    let s = &Strings::get(lang).check;
    let (errors, warnings) = counts(diags);
    let files = file_count.to_string();
    if diags.is_empty() {
        fill(&s.clean, &[("files", &files)])
    } else {
        fill(
            &s.summary,
            &[
                ("errors", &errors.to_string()),
                ("warnings", &warnings.to_string()),
                ("files", &files),
            ],
        )
    }
}

/// Control and bidi characters in a file would reach the terminal through
/// the quoted source line; they are masked byte for byte so spans still fit.
fn mask(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c == '\n'
                || c == '\t'
                || !crate::sanitize::clean(c.encode_utf8(&mut [0; 4])).is_empty()
            {
                c.to_string()
            } else {
                "?".repeat(c.len_utf8())
            }
        })
        .collect()
}

fn render(diags: &[Diagnostic], files: &FileSet, lang: Lang, color: bool) -> String {
    let mut db = SimpleFiles::new();
    let mut ids: HashMap<std::path::PathBuf, usize> = HashMap::new();
    let mut out = String::new();
    let mut buffer = if color {
        termcolor::Buffer::ansi()
    } else {
        termcolor::Buffer::no_color()
    };
    let config = Config::default();
    for d in diags {
        let id = *ids.entry(d.file.clone()).or_insert_with(|| {
            let text = files
                .files
                .iter()
                .find(|f| files.display_path(f) == d.file)
                .map_or_else(String::new, |f| mask(&f.text));
            db.add(clean_line(&d.file.display().to_string()), text)
        });
        let message = clean_line(&d.message_in(lang));
        let base = match d.severity {
            Severity::Error => CsDiagnostic::error(),
            Severity::Warning => CsDiagnostic::warning(),
        };
        let mut cs = base
            .with_code(d.code.as_str())
            .with_message(message)
            .with_labels(vec![Label::primary(id, d.span.clone())]);
        if let Some(h) = d.hint_in(lang) {
            cs = cs.with_notes(vec![format!(
                "{}: {}",
                Strings::get(lang).check.hint_label,
                clean_line(&h)
            )]);
        }
        if term::emit_to_write_style(&mut buffer, &config, &db, &cs).is_err() {
            // A span outside its file cannot be drawn; the location still can.
            out.push_str(&format!(
                "{}:{}:{}: {}\n",
                clean_line(&d.file.display().to_string()),
                d.line,
                d.col,
                clean_line(&d.message_in(lang))
            ));
        }
    }
    out.insert_str(
        0,
        &severity_labels(&String::from_utf8_lossy(buffer.as_slice()), lang),
    );
    out
}

/// codespan-reporting writes "error" and "warning" in English at the start
/// of each diagnostic's first line (after any colour codes).
fn severity_labels(text: &str, lang: Lang) -> String {
    let s = &Strings::get(lang).check;
    let labels = [
        ("error[", format!("{}[", s.severity_error)),
        ("warning[", format!("{}[", s.severity_warning)),
    ];
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        // Skip leading SGR sequences such as "\x1b[1m\x1b[38;5;9m".
        let mut at = 0;
        while line[at..].starts_with('\u{1b}') {
            match line[at..].find('m') {
                Some(m) => at += m + 1,
                None => break,
            }
        }
        match labels.iter().find(|(en, _)| line[at..].starts_with(en)) {
            Some((en, local)) => {
                out.push_str(&line[..at]);
                out.push_str(local);
                out.push_str(&line[at + en.len()..]);
            }
            None => out.push_str(line),
        }
    }
    out
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    severity: Severity,
    code: &'a str,
    file: String,
    line: usize,
    col: usize,
    start: usize,
    end: usize,
    message: String,
    hint: Option<String>,
    suggestion: Option<&'a str>,
}

/// The same diagnostics as a JSON array, messages in `lang`.
pub fn render_json(diags: &[Diagnostic], lang: Lang) -> String {
    let items: Vec<JsonDiagnostic> = diags
        .iter()
        .map(|d| JsonDiagnostic {
            severity: d.severity,
            code: d.code.as_str(),
            file: d.file.display().to_string(),
            line: d.line,
            col: d.col,
            start: d.span.start,
            end: d.span.end,
            message: d.message_in(lang),
            hint: d.hint_in(lang),
            suggestion: d.suggestion.as_deref(),
        })
        .collect();
    // Messages quote the files as written; escaped, that is harmless.
    crate::sanitize::escape_json(
        &serde_json::to_string_pretty(&items).unwrap_or_else(|_| "[]".into()),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assets::{Origin, TextFile};

    fn set(rel: &str, text: &str) -> FileSet {
        FileSet {
            origin: Origin::Dir("q".into()),
            files: vec![TextFile {
                rel: rel.into(),
                text: text.into(),
            }],
        }
    }

    #[test]
    fn human_output_points_at_the_line_in_both_languages() {
        let files = set("x.toml", "id = \"x\"\nversoin = 1\n");
        let diags = check(&files, &[]);
        let en = render_human(&diags, &files, Lang::En);
        assert!(en.contains("unknown key `versoin`"), "{en}");
        assert!(en.contains("q/x.toml:2:1"), "{en}");
        assert!(en.contains("^^^^^^^"), "{en}");
        assert!(en.contains("did you mean `version`?"), "{en}");
        let nl = render_human(&diags, &files, Lang::Nl);
        assert!(nl.contains("onbekende sleutel `versoin`"), "{nl}");
        assert!(
            nl.contains("fout[unknown_key]") && !nl.contains("error["),
            "{nl}"
        );
        assert!(en.contains("error[unknown_key]"), "{en}");
        let colour = render_human_color(&diags, &files, Lang::Nl);
        assert!(
            colour.contains("fout[unknown_key]") && !colour.contains("error["),
            "{colour:?}"
        );
        assert!(!render_human_color(&diags, &files, Lang::En).is_empty());
    }

    #[test]
    fn control_characters_never_reach_the_output() {
        let files = set("x.toml", "id = \"x\"\nbad\u{1b}[2J = 1\n");
        let diags = check(&files, &[]);
        let out = render_human(&diags, &files, Lang::En);
        assert!(!out.contains('\u{1b}'), "{out:?}");
    }

    #[test]
    fn json_carries_location_and_code() {
        let files = set("x.toml", "id = \"x\"\nversoin = 1\n");
        let diags = check(&files, &[]);
        let v: serde_json::Value = serde_json::from_str(&render_json(&diags, Lang::En)).unwrap();
        let first = v
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["code"] == "unknown_key")
            .unwrap();
        assert_eq!(first["line"], 2);
        assert_eq!(first["suggestion"], "version");
        assert_eq!(
            counts(&diags).0,
            diags.iter().filter(|d| d.is_error()).count()
        );
    }
}
