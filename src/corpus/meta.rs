//! `corpus/<id>/document.toml`: what a document is and how to parse it.

use std::path::Path;

use serde::{Deserialize, Serialize};
use toml::Spanned;

use crate::error::{Error, Result, line_col};
use crate::message::Msg;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    CountryReport,
    PolicyLetter,
    PressRelease,
    News,
}

/// The text layout a document was published in; each has its own parser.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Layout {
    /// PDF-to-text export: pages, footnote blocks, link lists, numbered headings.
    PdfReport,
    /// Hard-wrapped letter: blank-line paragraphs, soft hyphens at line ends.
    Letter,
    /// Markdown-ish press release: `**bold**`, `- ` items, numbered lists, `¹`/`[1]` notes.
    PressRelease,
    /// One paragraph per line.
    Article,
}

/// What to do with a hyphen that ends a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LineHyphen {
    /// A real compound hyphen: "anti-" + "extremisme" = "anti-extremisme".
    Keep,
    /// A soft syllable break: "Vreemdelin-" + "gencirculaire" = "Vreemdelingencirculaire".
    Drop,
}

impl Layout {
    pub fn default_hyphen(self) -> LineHyphen {
        match self {
            Layout::Letter => LineHyphen::Drop,
            _ => LineHyphen::Keep,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Period {
    pub from: String,
    pub to: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct DocumentMeta {
    pub id: String,
    pub title: String,
    pub publisher: String,
    pub kind: Kind,
    pub language: String,
    /// `YYYY-MM-DD`.
    pub published: String,
    pub reporting_period: Option<Period>,
    pub url: Option<String>,
    pub layout: Layout,
    pub line_hyphen: LineHyphen,
    /// The text file, relative to the document's folder.
    pub text: String,
    /// The id of the earlier edition this document replaces.
    pub supersedes: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    id: Spanned<String>,
    title: String,
    publisher: String,
    kind: Kind,
    language: Spanned<String>,
    published: Spanned<String>,
    reporting_period: Option<Spanned<Period>>,
    url: Option<String>,
    layout: Layout,
    line_hyphen: Option<LineHyphen>,
    text: Option<String>,
    supersedes: Option<Spanned<String>>,
}

/// Parse a `document.toml`; `folder` is the name of the folder it sits in,
/// which must equal its id so that refs and paths agree.
pub fn parse(path: &Path, text: &str, folder: &str) -> Result<DocumentMeta> {
    crate::toml_depth::check(path, text)?;
    let raw: Raw = toml::from_str(text).map_err(|e| crate::error::from_toml(path, text, &e))?;
    let at = |span: std::ops::Range<usize>, detail: Msg| {
        let (line, col) = line_col(text, span.start);
        Error::Parse {
            path: path.to_path_buf(),
            line,
            col,
            detail,
        }
    };
    let id = raw.id.get_ref();
    if !valid_id(id) {
        return Err(at(raw.id.span(), Msg::new("doc_id_invalid", &[("id", id)])));
    }
    if id != folder {
        return Err(at(
            raw.id.span(),
            Msg::new("doc_id_folder", &[("id", id), ("folder", folder)]),
        ));
    }
    let lang = raw.language.get_ref();
    if !(lang.len() == 2 && lang.chars().all(|c| c.is_ascii_lowercase())) {
        return Err(at(
            raw.language.span(),
            Msg::new("doc_lang", &[("lang", lang)]),
        ));
    }
    let published = raw.published.get_ref();
    if published.parse::<jiff::civil::Date>().is_err() {
        return Err(at(
            raw.published.span(),
            Msg::new("doc_published", &[("published", published)]),
        ));
    }
    if let Some(p) = &raw.reporting_period {
        let ok = |s: &str| {
            s.parse::<jiff::civil::Date>().is_ok()
                || format!("{s}-01").parse::<jiff::civil::Date>().is_ok()
        };
        let period = p.get_ref();
        if !ok(&period.from) || !ok(&period.to) {
            return Err(at(p.span(), Msg::new("doc_period", &[])));
        }
    }
    if let Some(old) = &raw.supersedes
        && (!valid_id(old.get_ref()) || old.get_ref() == id)
    {
        return Err(at(
            old.span(),
            Msg::new("doc_supersedes", &[("old", old.get_ref())]),
        ));
    }
    Ok(DocumentMeta {
        id: id.clone(),
        title: raw.title,
        publisher: raw.publisher,
        kind: raw.kind,
        language: lang.clone(),
        published: published.clone(),
        reporting_period: raw.reporting_period.map(Spanned::into_inner),
        url: raw.url,
        line_hyphen: raw.line_hyphen.unwrap_or(raw.layout.default_hyphen()),
        layout: raw.layout,
        text: raw.text.unwrap_or_else(|| "text.txt".into()),
        supersedes: raw.supersedes.map(Spanned::into_inner),
    })
}

fn valid_id(id: &str) -> bool {
    id.starts_with(|c: char| c.is_ascii_lowercase())
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

#[cfg(test)]
mod tests {
    use super::*;

    const OK: &str = r#"id = "x-1"
title = "T"
publisher = "P"
kind = "news"
language = "nl"
published = "2025-11-10"
layout = "article"
"#;

    #[test]
    fn defaults_follow_the_layout() {
        let m = parse(Path::new("x-1/document.toml"), OK, "x-1").unwrap();
        assert_eq!(m.text, "text.txt");
        assert_eq!(m.line_hyphen, LineHyphen::Keep);
        let letter = OK.replace("\"article\"", "\"letter\"");
        let m = parse(Path::new("x-1/document.toml"), &letter, "x-1").unwrap();
        assert_eq!(m.line_hyphen, LineHyphen::Drop);
    }

    #[test]
    fn errors_are_located() {
        let bad = OK.replace("2025-11-10", "10 nov");
        match parse(Path::new("d.toml"), &bad, "x-1").unwrap_err() {
            Error::Parse { line, col, .. } => assert_eq!((line, col), (6, 13)),
            e => panic!("{e:?}"),
        }
        let unknown = format!("{OK}colour = 1\n");
        match parse(Path::new("d.toml"), &unknown, "x-1").unwrap_err() {
            Error::Parse { line, .. } => assert_eq!(line, 8),
            e => panic!("{e:?}"),
        }
        match parse(Path::new("d.toml"), OK, "other").unwrap_err() {
            Error::Parse { line, detail, .. } => {
                assert_eq!(line, 1);
                assert!(detail.to_string().contains("folder"));
            }
            e => panic!("{e:?}"),
        }
    }
}
