//! Diagnostics about questionnaire files, as values. The wording comes from
//! the `check` string table; a diagnostic keeps its code and arguments so it
//! can be rendered in either language.

use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::Serialize;

pub use super::code::Code;
use crate::i18n::{Lang, Strings, fill};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Stable machine name, also the key of the message in `i18n/check.toml`.
    pub code: Code,
    pub file: PathBuf,
    /// Byte range in the file text.
    pub span: Range<usize>,
    /// 1-based; the column counts characters.
    pub line: usize,
    pub col: usize,
    /// In English; `message_in` gives other languages.
    pub message: String,
    pub hint: Option<String>,
    /// The values filled into the message and hint templates.
    pub args: Vec<(&'static str, String)>,
    /// A did-you-mean replacement, when one is close enough.
    pub suggestion: Option<String>,
}

impl Diagnostic {
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    pub fn message_in(&self, lang: Lang) -> String {
        let strings = Strings::get(lang);
        let code = self.code.as_str();
        let template = strings.check.msg.get(code).unwrap_or(code);
        // Type names and the TOML parser's own message are English values;
        // they are put in the reader's words here.
        let translated: Vec<(&str, String)> = self
            .args
            .iter()
            .map(|(k, v)| {
                let text = match (code, *k) {
                    ("wrong_type", "expected" | "found") => {
                        let key = crate::message::type_key(v);
                        let name = strings.messages.get(key).unwrap_or(v);
                        // "table { value, label }": the shape after the name stays.
                        match v.split_once(' ').filter(|(_, rest)| rest.starts_with('{')) {
                            Some((_, shape)) => format!("{name} {shape}"),
                            None => name.to_string(),
                        }
                    }
                    ("toml_syntax", "detail") => crate::message::summarize_toml(v).render(strings),
                    _ => v.clone(),
                };
                (*k, text)
            })
            .collect();
        let pairs: Vec<(&str, &str)> = translated.iter().map(|(k, v)| (*k, v.as_str())).collect();
        fill(template, &pairs)
    }

    pub fn hint_in(&self, lang: Lang) -> Option<String> {
        let s = &Strings::get(lang).check;
        if let Some(sugg) = &self.suggestion {
            return Some(fill(&s.did_you_mean, &[("suggestion", sugg)]));
        }
        let template = s.hint.get(self.code.as_str()).unwrap_or("");
        (!template.is_empty()).then(|| fill(template, &self.arg_pairs()))
    }

    fn arg_pairs(&self) -> Vec<(&str, &str)> {
        self.args.iter().map(|(k, v)| (*k, v.as_str())).collect()
    }
}

/// Where each line of a text starts: line:col for a byte offset in
/// O(log n). Counting newlines from the start for every diagnostic made a
/// file with many diagnostics quadratic to check.
#[derive(Debug)]
pub(crate) struct Lines(Vec<usize>);

impl Default for Lines {
    fn default() -> Lines {
        Lines(vec![0])
    }
}

impl Lines {
    pub fn new(text: &str) -> Lines {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Lines(starts)
    }

    /// 1-based line and column (in characters), as `error::line_col`.
    pub fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.0.partition_point(|s| *s <= offset);
        let start = self.0[line - 1];
        (line, text[start..offset].chars().count() + 1)
    }
}

/// Collects diagnostics for one file, turning byte spans into line:col.
pub(crate) struct Sink<'a> {
    pub path: &'a Path,
    pub text: &'a str,
    pub out: &'a mut Vec<Diagnostic>,
    /// Built on the first diagnostic.
    pub lines: std::cell::OnceCell<Lines>,
}

impl Sink<'_> {
    pub fn push(
        &mut self,
        severity: Severity,
        code: Code,
        span: Range<usize>,
        args: &[(&'static str, &str)],
        suggestion: Option<String>,
    ) {
        let lines = self.lines.get_or_init(|| Lines::new(self.text));
        self.out.push(make_with(
            severity, code, self.path, self.text, lines, span, args, suggestion,
        ));
    }

    pub fn error(&mut self, code: Code, span: Range<usize>, args: &[(&'static str, &str)]) {
        self.push(Severity::Error, code, span, args, None);
    }

    pub fn warn(&mut self, code: Code, span: Range<usize>, args: &[(&'static str, &str)]) {
        self.push(Severity::Warning, code, span, args, None);
    }
}

pub(crate) fn make(
    severity: Severity,
    code: Code,
    path: &Path,
    text: &str,
    span: Range<usize>,
    args: &[(&'static str, &str)],
    suggestion: Option<String>,
) -> Diagnostic {
    let lines = Lines::new(text);
    make_with(severity, code, path, text, &lines, span, args, suggestion)
}

#[allow(clippy::too_many_arguments)]
pub(crate) fn make_with(
    severity: Severity,
    code: Code,
    path: &Path,
    text: &str,
    lines: &Lines,
    span: Range<usize>,
    args: &[(&'static str, &str)],
    suggestion: Option<String>,
) -> Diagnostic {
    let start = span.start.min(text.len());
    let span = start..span.end.clamp(start, text.len());
    let (line, col) = lines.line_col(text, span.start);
    let mut d = Diagnostic {
        severity,
        code,
        file: path.to_path_buf(),
        span,
        line,
        col,
        message: String::new(),
        hint: None,
        args: args.iter().map(|(k, v)| (*k, (*v).to_string())).collect(),
        suggestion,
    };
    d.message = d.message_in(Lang::En);
    d.hint = d.hint_in(Lang::En);
    d
}

/// The closest candidate to `word`, if it is close enough to be a likely typo.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    let limit = (word.chars().count() / 3).max(2);
    candidates
        .into_iter()
        .map(|c| (levenshtein(word, c), c))
        .filter(|(d, c)| *d <= limit && *c != word)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c.to_string())
}

fn levenshtein(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur.push((prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_words_only() {
        let keys = ["title", "topic", "version"];
        assert_eq!(did_you_mean("tittle", keys).as_deref(), Some("title"));
        assert_eq!(did_you_mean("verison", keys).as_deref(), Some("version"));
        assert_eq!(did_you_mean("colour", keys), None);
    }
}
