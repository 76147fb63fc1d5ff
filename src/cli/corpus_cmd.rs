//! `gehoor corpus list|show`.

use std::io::Write;
use std::process::ExitCode;

use serde_json::json;
use unicode_width::UnicodeWidthStr;

use super::{CorpusCommand, Ctx};
use crate::assets::FileSet;
use crate::corpus::{Corpus, Document, ParseProblem, ProblemKind, Resolved};
use crate::error::{Error, IoOp, Result};
use crate::i18n::{CorpusText, fill};
use crate::sanitize::{clean, clean_line, escape_json};

pub fn run(ctx: &Ctx, cmd: &CorpusCommand) -> Result<ExitCode> {
    match cmd {
        CorpusCommand::Import(a) => return super::import_cmd::run(ctx, a),
        CorpusCommand::Diff(a) => return super::diff_cmd::run(ctx, a),
        _ => {}
    }
    let files = FileSet::corpus(ctx.settings.corpus.as_deref())?;
    let corpus = Corpus::load(&files)?;
    let out = match cmd {
        CorpusCommand::List { json } => {
            if *json {
                list_json(&corpus)
            } else {
                list_human(&corpus, &ctx.strings.corpus)
            }
        }
        CorpusCommand::Show {
            reference,
            json,
            width,
        } => {
            let Some(resolved) = corpus.resolve(reference) else {
                return Err(Error::UnknownRef {
                    reference: reference.clone(),
                    suggestions: corpus.suggest(reference, 3),
                });
            };
            if *json {
                show_json(&resolved)
            } else {
                let width = width.unwrap_or_else(terminal_width).max(20);
                show_human(&resolved, width, &ctx.strings.corpus)
            }
        }
        CorpusCommand::Import(_) | CorpusCommand::Diff(_) => unreachable!("dispatched above"),
    };
    let mut stdout = std::io::stdout().lock();
    stdout
        .write_all(out.as_bytes())
        .map_err(|e| Error::io(IoOp::Write, "<stdout>", e))?;
    Ok(ExitCode::SUCCESS)
}

/// COLUMNS when set (tests, pipes), else the terminal, else 100.
fn terminal_width() -> usize {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse().ok())
        .or_else(|| {
            ratatui::crossterm::terminal::size()
                .ok()
                .map(|(w, _)| usize::from(w))
        })
        .filter(|&w| w > 0)
        .unwrap_or(100)
}

fn list_json(corpus: &Corpus) -> String {
    let docs: Vec<_> = corpus
        .documents
        .iter()
        .map(|d| {
            json!({
                "id": d.meta.id,
                "title": d.meta.title,
                "publisher": d.meta.publisher,
                "kind": d.meta.kind,
                "language": d.meta.language,
                "published": d.meta.published,
                "reporting_period": d.meta.reporting_period,
                "url": d.meta.url,
                "layout": d.meta.layout,
                "sections": d.sections.len(),
                "paragraphs": d.paragraphs.len(),
                "footnotes": d.footnotes.len(),
            })
        })
        .collect();
    let value = json!({ "documents": docs, "problems": corpus.problems });
    format!(
        "{}\n",
        escape_json(&serde_json::to_string_pretty(&value).unwrap_or_default())
    )
}

fn list_human(corpus: &Corpus, s: &CorpusText) -> String {
    let header = [
        s.col_id.as_str(),
        s.col_date.as_str(),
        s.col_lang.as_str(),
        s.col_sections.as_str(),
        s.col_paragraphs.as_str(),
        s.col_footnotes.as_str(),
    ];
    let rows: Vec<[String; 6]> = corpus
        .documents
        .iter()
        .map(|d| {
            [
                clean_line(&d.meta.id),
                clean_line(&d.meta.published),
                clean_line(&d.meta.language),
                d.sections.len().to_string(),
                d.paragraphs.len().to_string(),
                d.footnotes.len().to_string(),
            ]
        })
        .collect();
    let mut widths = header.map(UnicodeWidthStr::width);
    for r in &rows {
        for (w, c) in widths.iter_mut().zip(r) {
            *w = (*w).max(c.width());
        }
    }
    let line = |cells: &[&str]| {
        let mut l = String::new();
        for (i, (c, w)) in cells.iter().zip(widths).enumerate() {
            let pad = w.saturating_sub(c.width());
            if i >= 3 {
                l.push_str(&" ".repeat(pad));
                l.push_str(c);
            } else {
                l.push_str(c);
                l.push_str(&" ".repeat(pad));
            }
            l.push_str("  ");
        }
        l.trim_end().to_string()
    };
    let mut out = line(&header) + "\n";
    for (d, r) in corpus.documents.iter().zip(&rows) {
        let cells: Vec<&str> = r.iter().map(String::as_str).collect();
        out.push_str(&line(&cells));
        out.push('\n');
        out.push_str(&format!("    {}\n", clean_line(&d.meta.title)));
    }
    if !corpus.problems.is_empty() {
        out.push('\n');
        out.push_str(&fill(
            &s.problems,
            &[("count", &corpus.problems.len().to_string())],
        ));
        out.push('\n');
        for p in &corpus.problems {
            out.push_str(&format!("  {}\n", problem_line(p, s)));
        }
    }
    out
}

pub(super) fn problem_line(p: &ParseProblem, s: &CorpusText) -> String {
    let what = match &p.kind {
        ProblemKind::UnplacedFootnote { number } => fill(
            &s.problem_unplaced_footnote,
            &[("number", &number.to_string())],
        ),
        ProblemKind::StrayFootnoteText => s.problem_stray_footnote_text.clone(),
        ProblemKind::HeadingOutOfOrder { number } => {
            fill(&s.problem_heading_out_of_order, &[("number", number)])
        }
        ProblemKind::Empty => s.problem_empty.clone(),
    };
    format!("{}:{}: {}", clean_line(&p.doc), p.line, clean_line(&what))
}

fn show_json(r: &Resolved<'_>) -> String {
    let d = r.document;
    let paragraphs: Vec<_> = r
        .paragraphs
        .iter()
        .zip(r.paragraph_refs())
        .map(|(p, reference)| {
            json!({
                "ref": reference,
                "kind": p.kind,
                "subheading": p.subheading,
                "text": p.text,
                "lines": [p.lines.0, p.lines.1],
                "page": p.page,
                "footnotes": p.footnotes,
            })
        })
        .collect();
    let value = json!({
        "ref": r.reference(),
        "document": {
            "id": d.meta.id,
            "title": d.meta.title,
            "publisher": d.meta.publisher,
            "language": d.meta.language,
            "published": d.meta.published,
        },
        "section": r.section.map(|s| json!({
            "id": s.id,
            "number": s.number,
            "title": s.title,
            "level": s.level,
            "line": s.line,
            "page": s.page,
        })),
        "paragraphs": paragraphs,
        "footnotes": r.footnotes(),
        "link_lists": d.link_lists.iter().filter(|l| {
            r.paragraphs.iter().any(|p| p.footnotes.iter().any(|n| l.footnotes.contains(n)))
        }).collect::<Vec<_>>(),
    });
    format!(
        "{}\n",
        escape_json(&serde_json::to_string_pretty(&value).unwrap_or_default())
    )
}

fn show_human(r: &Resolved<'_>, width: usize, s: &CorpusText) -> String {
    let reference = r.reference();
    let d: &Document = r.document;
    let mut out = String::new();
    let title = match r.section {
        Some(sec) => format!("{reference} — {}", sec.title),
        None => format!("{reference} — {}", d.meta.title),
    };
    push_wrapped(&mut out, &clean_line(&title), width, "");
    push_wrapped(
        &mut out,
        &clean_line(&format!("{}, {}", d.meta.publisher, d.meta.published)),
        width,
        "",
    );
    out.push('\n');
    if r.paragraphs.is_empty() {
        out.push_str(&s.no_paragraphs);
        out.push('\n');
        if let Some(sec) = r.section {
            let subs: Vec<&str> = d
                .sections
                .iter()
                .filter(|c| c.parent.is_some_and(|p| std::ptr::eq(&d.sections[p], sec)))
                .map(|c| c.id.as_str())
                .collect();
            if !subs.is_empty() {
                out.push_str(&fill(
                    &s.subsections,
                    &[("list", &clean_line(&subs.join(", ")))],
                ));
                out.push('\n');
            }
        }
    }
    let mut current_sub: Option<&str> = None;
    for (p, reference) in r.paragraphs.iter().zip(r.paragraph_refs()) {
        let mut where_ = fill(
            &s.paragraph_where,
            &[
                ("from", &p.lines.0.to_string()),
                ("to", &p.lines.1.to_string()),
            ],
        );
        if let Some(page) = p.page {
            where_.push_str(", ");
            where_.push_str(&fill(&s.paragraph_page, &[("page", &page.to_string())]));
        }
        if p.subheading.is_some() && p.subheading.as_deref() != current_sub {
            push_wrapped(
                &mut out,
                &clean_line(p.subheading.as_deref().unwrap_or("")),
                width,
                "",
            );
        }
        current_sub = p.subheading.as_deref();
        out.push_str(&format!("[{}] ({where_})\n", clean_line(&reference)));
        let mut text = clean(&p.text);
        if !p.footnotes.is_empty() {
            let marks: Vec<String> = p.footnotes.iter().map(|n| format!("[{n}]")).collect();
            text.push(' ');
            text.push_str(&marks.join(""));
        }
        for block in text.split('\n') {
            push_wrapped(&mut out, block, width, "  ");
        }
        out.push('\n');
    }
    let notes = r.footnotes();
    if !notes.is_empty() {
        out.push_str(&s.footnotes_heading);
        out.push('\n');
        for f in notes {
            let mut text = if f.text.is_empty() {
                s.empty_footnote.clone()
            } else {
                clean_line(&f.text)
            };
            if f.confidential {
                text.push_str(&format!(" ({})", s.confidential));
            }
            push_wrapped(&mut out, &format!("[{}] {text}", f.number), width, "    ");
            for url in f.urls.iter().filter(|u| !f.text.contains(u.as_str())) {
                push_wrapped(&mut out, &format!("    {}", clean_line(url)), width, "    ");
            }
        }
    }
    out
}

/// Greedy word wrap by display width; words longer than the width (URLs)
/// get a line of their own rather than being cut.
fn push_wrapped(out: &mut String, text: &str, width: usize, indent: &str) {
    let mut line = String::from(indent);
    let mut empty = true;
    for word in text.split_whitespace() {
        let needed = if empty {
            word.width()
        } else {
            word.width() + 1
        };
        if !empty && line.width() + needed > width {
            out.push_str(&line);
            out.push('\n');
            line = String::from(indent);
            empty = true;
        }
        if !empty {
            line.push(' ');
        }
        line.push_str(word);
        empty = false;
    }
    if !empty || text.is_empty() {
        out.push_str(line.trim_end());
        out.push('\n');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_respects_width_and_keeps_long_words() {
        let mut out = String::new();
        push_wrapped(&mut out, "een twee drie vier vijf", 10, "  ");
        assert_eq!(out, "  een twee\n  drie\n  vier\n  vijf\n");
        let mut out = String::new();
        push_wrapped(&mut out, "zie https://example.org/a/very/long/path", 12, "");
        assert_eq!(out, "zie\nhttps://example.org/a/very/long/path\n");
    }
}
