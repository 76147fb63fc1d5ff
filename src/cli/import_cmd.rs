//! `gehoor corpus import FILE.txt --id ID [--layout …]`: a new document
//! folder (the text unchanged, a `document.toml` scaffold) and a report of
//! what the parser recognised and where it broke.

use std::io::{BufRead, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use super::corpus_cmd::problem_line;
use super::{Ctx, ImportArgs, LayoutArg};
use crate::corpus::import::{
    Break, Feature, default_kind, detect_layout, detect_meta, page_headers, recognise, scaffold,
};
use crate::corpus::{DocumentMeta, Layout};
use crate::error::{Error, IoOp, Result};
use crate::i18n::{EditionText, fill};
use crate::message::Msg;
use crate::sanitize::clean_line;

fn feature(s: &EditionText, f: Feature) -> &str {
    match f {
        Feature::PageHeaders => &s.feature_page_headers,
        Feature::LinkLists => &s.feature_link_lists,
        Feature::Markdown => &s.feature_markdown,
        Feature::LongLines => &s.feature_long_lines,
        Feature::WrappedLines => &s.feature_wrapped_lines,
    }
}

fn layout_name(l: Layout) -> &'static str {
    match l {
        Layout::PdfReport => "pdf_report",
        Layout::Letter => "letter",
        Layout::PressRelease => "press_release",
        Layout::Article => "article",
    }
}

fn valid_id(id: &str) -> bool {
    id.starts_with(|c: char| c.is_ascii_lowercase())
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// Ask on the terminal for a value the text did not give.
fn ask(s: &EditionText, key: &str) -> Option<String> {
    if !std::io::stdin().is_terminal() {
        return None;
    }
    print!("{}", fill(&s.import_ask, &[("key", key)]));
    std::io::stdout().flush().ok()?;
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line).ok()?;
    Some(line.trim().to_string()).filter(|l| !l.is_empty())
}

pub fn run(ctx: &Ctx, args: &ImportArgs) -> Result<ExitCode> {
    let s = &ctx.strings.edition;
    if !valid_id(&args.id) {
        return Err(Error::Usage {
            detail: Msg::plain(fill(&s.import_bad_id, &[("id", &args.id)])),
        });
    }
    let text = crate::assets::read_text(&args.file)?;
    let mut out = String::new();
    let mut line = |l: String| {
        out.push_str(&clean_line(&l));
        out.push('\n');
    };
    let layout = match args.layout {
        LayoutArg::Auto => {
            let (layout, why) = detect_layout(&text);
            let why: Vec<&str> = why.iter().map(|f| feature(s, *f)).collect();
            line(fill(
                &s.import_layout,
                &[("layout", layout_name(layout)), ("why", &why.join(", "))],
            ));
            layout
        }
        given => {
            let layout = match given {
                LayoutArg::PdfReport | LayoutArg::Auto => Layout::PdfReport,
                LayoutArg::Letter => Layout::Letter,
                LayoutArg::PressRelease => Layout::PressRelease,
                LayoutArg::Article => Layout::Article,
            };
            line(fill(
                &s.import_layout_given,
                &[("layout", layout_name(layout))],
            ));
            layout
        }
    };
    let found = detect_meta(&text, layout);
    let mut values: Vec<(&str, &str, Option<String>)> = vec![
        ("title", "--title", args.title.clone().or(found.title)),
        (
            "published",
            "--published",
            args.published.clone().or(found.published),
        ),
        (
            "language",
            "--language",
            args.language.clone().or(found.language),
        ),
        ("publisher", "--publisher", args.publisher.clone()),
    ];
    for (key, _, value) in &mut values {
        if value.is_none() && !args.dry_run {
            *value = ask(s, key);
        }
        if let Some(v) = value {
            line(fill(&s.import_detected, &[("key", key), ("value", v)]));
        }
    }
    let missing: Vec<(&str, &str)> = values
        .iter()
        .filter(|(_, _, v)| v.is_none())
        .map(|(k, f, _)| (*k, *f))
        .collect();
    let get = |k: &str| {
        values
            .iter()
            .find(|(key, _, _)| *key == k)
            .and_then(|(_, _, v)| v.clone())
            .unwrap_or_default()
    };
    let meta = DocumentMeta {
        id: args.id.clone(),
        title: get("title"),
        publisher: get("publisher"),
        kind: default_kind(layout),
        language: get("language"),
        published: get("published"),
        reporting_period: None,
        url: None,
        layout,
        line_hyphen: layout.default_hyphen(),
        text: "text.txt".into(),
        supersedes: args.supersedes.clone(),
    };
    let toml_text = scaffold(&meta);
    let (doc, problems, breaks) = recognise(meta, &text);

    let headers = page_headers(&text);
    let pages: Vec<u32> = headers.iter().filter_map(|(_, p)| *p).collect();
    match (pages.first(), pages.last()) {
        (Some(a), Some(b)) => line(fill(
            &s.import_headers,
            &[
                ("count", &headers.len().to_string()),
                ("first", &a.to_string()),
                ("last", &b.to_string()),
            ],
        )),
        _ => line(s.import_no_headers.clone()),
    }
    if let (Some(a), Some(b)) = (doc.footnotes.first(), doc.footnotes.last()) {
        line(fill(
            &s.import_footnotes,
            &[
                ("count", &doc.footnotes.len().to_string()),
                ("first", &a.number.to_string()),
                ("last", &b.number.to_string()),
            ],
        ));
    }
    line(fill(
        &s.import_sections,
        &[("count", &doc.sections.len().to_string())],
    ));
    for sec in &doc.sections {
        let page = sec.page.map_or_else(String::new, |p| format!(", p. {p}"));
        let indent = "  ".repeat(sec.level);
        line(format!(
            "{indent}{} {} ({}{page})",
            sec.id, sec.title, sec.line
        ));
    }
    if problems.is_empty() && breaks.is_empty() {
        line(s.import_clean.clone());
    }
    if !problems.is_empty() {
        line(fill(
            &s.import_problems,
            &[("count", &problems.len().to_string())],
        ));
        for p in &problems {
            line(format!("  {}", problem_line(p, &ctx.strings.corpus)));
        }
    }
    for b in &breaks {
        let what = match b {
            Break::NoHeadings => s.break_no_headings.clone(),
            Break::NoText => s.break_no_text.clone(),
            Break::FootnotesStopped { last, line, number } => fill(
                &s.break_footnotes_stopped,
                &[
                    ("last", &last.to_string()),
                    ("line", &line.to_string()),
                    ("number", &number.to_string()),
                ],
            ),
        };
        line(fill(&s.import_broke, &[("what", &what)]));
    }
    print!("{out}");
    let code = ExitCode::from(u8::from(!breaks.is_empty()));
    if args.dry_run {
        return Ok(code);
    }
    if !missing.is_empty() {
        let keys: Vec<&str> = missing.iter().map(|(k, _)| *k).collect();
        let flags: Vec<&str> = missing.iter().map(|(_, f)| *f).collect();
        return Err(Error::Usage {
            detail: Msg::plain(fill(
                &s.import_need,
                &[("keys", &keys.join(", ")), ("flags", &flags.join(" "))],
            )),
        });
    }
    // What is written must load: a bad date given as a flag stops here.
    crate::corpus::meta::parse(
        &PathBuf::from(&args.id).join("document.toml"),
        &toml_text,
        &args.id,
    )?;
    let into = args
        .into
        .clone()
        .or_else(|| ctx.settings.corpus.clone())
        .unwrap_or_else(|| PathBuf::from("corpus"));
    let dir = into.join(&args.id);
    if dir.exists() {
        return Err(Error::Usage {
            detail: Msg::plain(fill(
                &s.import_exists,
                &[("dir", &dir.display().to_string())],
            )),
        });
    }
    std::fs::create_dir_all(&dir).map_err(|e| Error::io(IoOp::Write, &dir, e))?;
    std::fs::write(dir.join("text.txt"), &text)
        .map_err(|e| Error::io(IoOp::Write, dir.join("text.txt"), e))?;
    std::fs::write(dir.join("document.toml"), toml_text)
        .map_err(|e| Error::io(IoOp::Write, dir.join("document.toml"), e))?;
    println!(
        "{}",
        clean_line(&fill(
            &s.import_written,
            &[("dir", &dir.display().to_string())]
        ))
    );
    Ok(code)
}
