//! `gehoor search`: ranked passages for a query, as text or JSON.

use std::io::Write;
use std::process::ExitCode;

use super::{Ctx, SearchArgs};
use crate::error::{Error, IoOp, Result};
use crate::i18n::fill;
use crate::sanitize::{clean_line, escape_json};
use crate::search::{Hit, Index, SearchOptions, fuzzy};

pub fn run(ctx: &Ctx, args: &SearchArgs) -> Result<ExitCode> {
    let query = args.query.join(" ");
    // The model's vocabulary is parsed on another core while the index
    // loads. With the built-in corpus, whose passage vectors always exist,
    // that core also embeds the query as the fused search will most likely
    // ask for it (lower case; only a Russian glossary term changes it, and
    // then the search embeds its own text), so the embedding overlaps the
    // index load instead of following it. The model keeps the vector.
    let early = ctx.settings.corpus.is_none().then(|| query.to_lowercase());
    let model = std::thread::spawn(move || {
        let model = crate::search::dense::model();
        if let Some(q) = early {
            model.query(&q);
        }
    });
    let (index, docs) = load_index(ctx)?;
    // Joined so the search finds the vector rather than embedding a second
    // time beside the first.
    let _ = model.join();
    if let Some(doc) = &args.doc
        && !docs.iter().any(|d| d == doc)
    {
        let names: Vec<&str> = docs.iter().map(String::as_str).collect();
        let suggestions = fuzzy::rank(doc, &names)
            .into_iter()
            .take(3)
            .map(|(i, _)| docs[i].clone())
            .collect::<Vec<_>>();
        return Err(Error::UnknownRef {
            reference: doc.clone(),
            suggestions: if suggestions.is_empty() {
                docs
            } else {
                suggestions
            },
        });
    }
    let opts = SearchOptions {
        limit: args.limit,
        doc: args.doc.clone(),
        expand: true,
    };
    let hits = index.search(&query, &opts);
    let out = if args.json {
        escape_json(&serde_json::to_string_pretty(&json_hits(&hits)).expect("hits serialise"))
            + "\n"
    } else {
        render_text(ctx, &index, &query, &hits, args.limit, args.explain)
    };
    let mut stdout = std::io::stdout().lock();
    stdout
        .write_all(out.as_bytes())
        .and_then(|()| stdout.flush())
        .map_err(|e| Error::io(IoOp::Write, "<stdout>", e))?;
    drop(stdout);
    if index.vectors().is_none() {
        // A corpus folder whose vectors the TUI has not computed and cached
        // yet: computing them here would hold the shell for minutes.
        eprintln!("{}", ctx.strings.search.lexical_only);
    }
    Ok(ExitCode::SUCCESS)
}

/// The index over the configured corpus (from the index cache when it has
/// it), with its passage vectors when there are any (committed for the
/// built-in corpus, cached for a folder), and its document ids.
fn load_index(ctx: &Ctx) -> Result<(Index, Vec<String>)> {
    let dir = ctx.settings.corpus.as_deref();
    let (index, docs) = crate::index_cache::load_or_build(dir)?;
    let vectors = match dir {
        None => crate::search::dense::builtin_vectors(),
        Some(_) => crate::vector_cache::load_for(&index),
    };
    if let Some(v) = vectors {
        index.set_vectors(v);
    }
    Ok((index, docs))
}

/// The hits as JSON: `highlights` are byte offsets into the UTF-8
/// `snippet` (what Rust and Go slice by); `highlight_chars` are the same
/// ranges in characters (Unicode scalar values, as Python counts).
fn json_hits(hits: &[Hit]) -> serde_json::Value {
    let chars = |s: &str, byte: usize| s.get(..byte).map_or(0, |p| p.chars().count());
    let mut value = serde_json::to_value(hits).expect("hits serialise");
    if let Some(list) = value.as_array_mut() {
        for (v, h) in list.iter_mut().zip(hits) {
            v["highlight_chars"] = h
                .highlights
                .iter()
                .map(|r| {
                    serde_json::json!({
                        "start": chars(&h.snippet, r.start),
                        "end": chars(&h.snippet, r.end),
                    })
                })
                .collect();
        }
    }
    value
}

/// Matched words between «guillemets»; every piece of corpus text cleaned.
pub fn mark(hit: &Hit) -> String {
    let mut out = String::with_capacity(hit.snippet.len() + 8 * hit.highlights.len());
    let mut pos = 0;
    for r in &hit.highlights {
        out.push_str(&clean_line(&hit.snippet[pos..r.start]));
        out.push('«');
        out.push_str(&clean_line(&hit.snippet[r.clone()]));
        out.push('»');
        pos = r.end;
    }
    out.push_str(&clean_line(&hit.snippet[pos..]));
    out
}

fn render_text(
    ctx: &Ctx,
    index: &Index,
    query: &str,
    hits: &[Hit],
    limit: usize,
    explain: bool,
) -> String {
    let s = &ctx.strings.search;
    let mut out = String::new();
    let entries = index.glossary().entries_in(query);
    for e in &entries {
        // The first word in each language; the full entry is for the TUI.
        let words: Vec<&str> = [&e.nl, &e.en, &e.ru, &e.translit]
            .iter()
            .filter_map(|v| v.first().map(String::as_str))
            .collect();
        out.push_str(&format!(
            "{}: {} — {}\n",
            s.glossary,
            clean_line(&words.join(" / ")),
            clean_line(e.note(ctx.settings.lang))
        ));
    }
    if !entries.is_empty() {
        out.push('\n');
    }
    if hits.is_empty() {
        out.push_str(&fill(&s.no_hits, &[("query", &clean_line(query))]));
        out.push('\n');
        return out;
    }
    for (i, h) in hits.iter().enumerate() {
        let title = if h.section.is_empty() {
            clean_line(&h.section_title)
        } else {
            format!(
                "{} {}",
                clean_line(&h.section),
                clean_line(&h.section_title)
            )
        };
        out.push_str(&format!(
            "{:>2}. {}  ({} {:.2})\n    {} · {}\n    {}\n\n",
            i + 1,
            clean_line(&h.reference),
            s.score,
            h.score,
            clean_line(&h.doc),
            title.trim(),
            mark(h)
        ));
        if explain {
            out.truncate(out.len() - 1);
            out.push_str(&format!("    {}\n\n", explain_line(ctx, h)));
        }
    }
    if hits.len() == limit {
        out.push_str(&s.more);
        out.push('\n');
    }
    out
}

/// "lexical 3 · dense 1 · fused 0.0645"; a dash where the hit was not in
/// that ranking, and the BM25F score alone while the search is lexical.
fn explain_line(ctx: &Ctx, h: &Hit) -> String {
    let s = &ctx.strings.search;
    let rank = |r: Option<usize>| r.map_or_else(|| s.unranked.clone(), |r| r.to_string());
    match h.ranks {
        Some(r) => fill(
            &s.explain,
            &[
                ("lexical", &rank(r.lexical)),
                ("dense", &rank(r.dense)),
                ("fused", &format!("{:.4}", r.fused)),
            ],
        ),
        None => fill(
            &s.explain,
            &[
                ("lexical", &format!("{:.2}", h.score)),
                ("dense", &s.unranked),
                ("fused", &s.unranked),
            ],
        ),
    }
}
