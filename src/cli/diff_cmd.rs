//! `gehoor corpus diff OLD NEW [--json | --markdown] [-o FILE]`: what became
//! of each section of the old edition, as a table, JSON or a Markdown report.

use std::process::ExitCode;

use serde_json::json;
use unicode_width::UnicodeWidthStr;

use super::{Ctx, DiffArgs};
use crate::assets::FileSet;
use crate::corpus::edition::{Change, EditionDiff, SectionDiff, Tag, Words, inline};
use crate::corpus::{Corpus, Document};
use crate::error::{Error, Result};
use crate::i18n::{EditionText, fill};
use crate::notes::write_atomic;
use crate::sanitize::{clean_line, escape_json};

/// Characters of unchanged text kept around each change in the terminal.
const CONTEXT: usize = 40;

pub(super) fn document<'a>(corpus: &'a Corpus, id: &str, s: &EditionText) -> Result<&'a Document> {
    corpus.document(id).ok_or_else(|| Error::Usage {
        detail: crate::message::Msg::plain(fill(&s.unknown_document, &[("id", id)])),
    })
}

pub fn run(ctx: &Ctx, args: &DiffArgs) -> Result<ExitCode> {
    let s = &ctx.strings.edition;
    let files = FileSet::corpus(ctx.settings.corpus.as_deref())?;
    let corpus = Corpus::load(&files)?;
    let old = document(&corpus, &args.old, s)?;
    let new = document(&corpus, &args.new, s)?;
    let diff = EditionDiff::compare(old, new);
    let text = if args.json {
        to_json(&diff)
    } else if args.markdown {
        markdown(&diff, s)
    } else {
        table(&diff, s)
    };
    match &args.output {
        Some(path) => write_atomic(path, text.as_bytes())?,
        None => print!("{text}"),
    }
    Ok(ExitCode::SUCCESS)
}

pub(super) fn class_label<'a>(s: &'a EditionText, class: &str) -> &'a str {
    s.class(class)
}

/// (old id, new ids, class, title) per row: old sections in order, then
/// the new ones.
fn rows(diff: &EditionDiff<'_>) -> Vec<[String; 4]> {
    let mut rows = Vec::new();
    for (o, change) in diff.changes.iter().enumerate() {
        let new: Vec<&str> = change
            .targets()
            .iter()
            .map(|&n| diff.new.sections[n].id.as_str())
            .collect();
        rows.push([
            diff.old.sections[o].id.clone(),
            if new.is_empty() {
                "—".into()
            } else {
                new.join(", ")
            },
            change.class().to_string(),
            diff.old.sections[o].title.clone(),
        ]);
    }
    for &n in &diff.added {
        rows.push([
            "—".into(),
            diff.new.sections[n].id.clone(),
            "new".into(),
            diff.new.sections[n].title.clone(),
        ]);
    }
    rows
}

fn summary(diff: &EditionDiff<'_>, s: &EditionText) -> String {
    let c = diff.counts();
    let n = |v: usize| v.to_string();
    fill(
        &s.diff_summary,
        &[
            ("unchanged", &n(c.unchanged)),
            ("renumbered", &n(c.renumbered)),
            ("edited", &n(c.edited)),
            ("split", &n(c.split)),
            ("merged", &n(c.merged)),
            ("removed", &n(c.removed)),
            ("new", &n(c.new)),
        ],
    )
}

fn footnote_label(f: &crate::corpus::edition::FootnoteChange, s: &EditionText) -> String {
    let n = |v: Option<u32>| v.map_or_else(String::new, |v| v.to_string());
    match (f.old, f.new) {
        (Some(_), Some(_)) => fill(&s.diff_footnote, &[("old", &n(f.old)), ("new", &n(f.new))]),
        (None, _) => fill(&s.diff_footnote_added, &[("new", &n(f.new))]),
        (_, None) => fill(&s.diff_footnote_removed, &[("old", &n(f.old))]),
    }
}

fn table(diff: &EditionDiff<'_>, s: &EditionText) -> String {
    let header = [&s.col_old, &s.col_new, &s.col_change, &s.col_title].map(|h| h.to_string());
    let rows: Vec<[String; 4]> = rows(diff)
        .into_iter()
        .map(|mut r| {
            r[2] = class_label(s, &r[2]).to_string();
            r.map(|c| clean_line(&c))
        })
        .collect();
    let mut widths = header.clone().map(|h| h.width());
    for r in &rows {
        for (w, c) in widths.iter_mut().zip(r) {
            *w = (*w).max(c.width());
        }
    }
    let line = |cells: &[String; 4]| {
        let mut l = String::new();
        for (c, w) in cells.iter().zip(widths) {
            l.push_str(c);
            l.push_str(&" ".repeat(w.saturating_sub(c.width()) + 2));
        }
        l.trim_end().to_string() + "\n"
    };
    let mut out = clean_line(&fill(
        &s.diff_heading,
        &[("old", &diff.old.meta.id), ("new", &diff.new.meta.id)],
    )) + "\n\n";
    out.push_str(&line(&header));
    for r in &rows {
        out.push_str(&line(r));
    }
    out.push('\n');
    let edited: Vec<usize> = (0..diff.changes.len())
        .filter(|&o| !diff.details[o].is_empty())
        .collect();
    if !edited.is_empty() {
        out.push_str(&s.diff_changes);
        out.push('\n');
    }
    for o in edited {
        let Change::Edited { new } = diff.changes[o] else {
            continue;
        };
        out.push('\n');
        out.push_str(&clean_line(&format!(
            "{} → {}  {}",
            diff.old.sections[o].id, diff.new.sections[new].id, diff.old.sections[o].title
        )));
        out.push('\n');
        let d: &SectionDiff = &diff.details[o];
        if let Some((a, b)) = &d.title {
            out.push_str(&clean_line(&format!(
                "  {}: [-{a}-] {{+{b}+}}",
                s.diff_title
            )));
            out.push('\n');
        }
        for sc in &d.sentences {
            out.push_str(&format!(
                "  - {}\n",
                clean_line(&inline(&sc.words, CONTEXT))
            ));
        }
        for f in &d.footnotes {
            out.push_str(&format!(
                "  [{}] {}\n",
                clean_line(&footnote_label(f, s)),
                clean_line(&inline(&f.words, CONTEXT))
            ));
        }
    }
    out.push('\n');
    out.push_str(&summary(diff, s));
    out.push('\n');
    out
}

fn to_json(diff: &EditionDiff<'_>) -> String {
    let doc = |d: &Document| json!({ "id": d.meta.id, "title": d.meta.title, "published": d.meta.published });
    let sections: Vec<_> = diff
        .changes
        .iter()
        .enumerate()
        .map(|(o, c)| {
            let old = &diff.old.sections[o];
            json!({
                "old": old.id,
                "title": old.title,
                "class": c.class(),
                "new": c.targets().iter().map(|&n| &diff.new.sections[n].id).collect::<Vec<_>>(),
                "new_titles": c.targets().iter().map(|&n| &diff.new.sections[n].title).collect::<Vec<_>>(),
                "certain": c.is_certain(),
                "diff": (!diff.details[o].is_empty()).then(|| &diff.details[o]),
            })
        })
        .collect();
    let added: Vec<_> = diff
        .added
        .iter()
        .map(|&n| json!({ "id": diff.new.sections[n].id, "title": diff.new.sections[n].title }))
        .collect();
    let value = json!({
        "old": doc(diff.old),
        "new": doc(diff.new),
        "counts": diff.counts(),
        "sections": sections,
        "added": added,
    });
    escape_json(&serde_json::to_string_pretty(&value).expect("a JSON value serialises")) + "\n"
}

fn md_cell(text: &str) -> String {
    clean_line(text).replace('|', "\\|")
}

fn md_words(words: &[Words]) -> String {
    let mut out = String::new();
    for (i, w) in words.iter().enumerate() {
        let t = md_cell(w.text.trim());
        let after_change = i > 0 && words[i - 1].tag != Tag::Same;
        if w.tag != Tag::Same && after_change && !out.ends_with(' ') {
            out.push(' ');
        }
        let pad = |s: &str| {
            let lead = if w.text.starts_with(' ') { " " } else { "" };
            let trail = if w.text.ends_with(' ') { " " } else { "" };
            format!("{lead}{s}{trail}")
        };
        match w.tag {
            Tag::Same => out.push_str(&md_cell(&w.text)),
            Tag::Removed if !t.is_empty() => out.push_str(&pad(&format!("~~{t}~~"))),
            Tag::Added if !t.is_empty() => out.push_str(&pad(&format!("**{t}**"))),
            _ => {}
        }
    }
    out.trim().to_string()
}

fn markdown(diff: &EditionDiff<'_>, s: &EditionText) -> String {
    let (old_id, new_id) = (&diff.old.meta.id, &diff.new.meta.id);
    let mut out = format!(
        "# {}\n\n{}\n\n{}\n\n",
        md_cell(&fill(&s.diff_heading, &[("old", old_id), ("new", new_id)])),
        md_cell(&fill(&s.md_intro, &[("old", old_id), ("new", new_id)])),
        md_cell(&summary(diff, s)),
    );
    out.push_str(&format!(
        "| {} | {} | {} | {} |\n|---|---|---|---|\n",
        s.col_old, s.col_new, s.col_change, s.col_title
    ));
    for r in rows(diff) {
        out.push_str(&format!(
            "| {} | {} | {} | {} |\n",
            md_cell(&r[0]),
            md_cell(&r[1]),
            class_label(s, &r[2]),
            md_cell(&r[3])
        ));
    }
    out.push_str(&format!("\n## {}\n", s.md_review));
    for (o, change) in diff.changes.iter().enumerate() {
        if change.is_certain() {
            continue;
        }
        let targets: Vec<String> = change
            .targets()
            .iter()
            .map(|&n| EditionDiff::label(diff.new, n))
            .collect();
        out.push_str(&format!(
            "\n### {} — {}\n\n",
            md_cell(&EditionDiff::label(diff.old, o)),
            class_label(s, change.class())
        ));
        if !targets.is_empty() {
            out.push_str(&format!("→ {}\n\n", md_cell(&targets.join("; "))));
        }
        let d = &diff.details[o];
        if let Some((a, b)) = &d.title {
            out.push_str(&format!(
                "- {}: ~~{}~~ **{}**\n",
                s.diff_title,
                md_cell(a),
                md_cell(b)
            ));
        }
        for sc in &d.sentences {
            out.push_str(&format!("- {}\n", md_words(&sc.words)));
        }
        for f in &d.footnotes {
            out.push_str(&format!(
                "- {}: {}\n",
                md_cell(&footnote_label(f, s)),
                md_words(&f.words)
            ));
        }
    }
    out
}
