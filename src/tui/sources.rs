//! Turning refs and search hits into the passages the source pane and the
//! search overlay show: document, section number and title, the text and
//! its footnotes. Everything shown is sanitised here.

use crate::corpus::{Corpus, Document, Paragraph};
use crate::i18n::Lang;
use crate::questionnaire::Question;
use crate::sanitize::{Clean, clean_line};
use crate::search::{Hit, Index, SearchOptions};
use crate::tui::app::SourceItem;

/// How many passages a question's source pane shows.
pub const PANE_LIMIT: usize = 8;

fn heading(doc: &Document, section: Option<usize>) -> String {
    clean_line(&doc.heading(section))
}

fn footnotes(doc: &Document, paragraphs: &[&Paragraph]) -> Vec<String> {
    paragraphs
        .iter()
        .flat_map(|p| p.footnotes.iter())
        .filter_map(|n| doc.footnote(*n))
        .map(|f| clean_line(&format!("{} {}", f.number, f.text)))
        .collect()
}

/// The passage a ref names: one paragraph, or a section's own paragraphs,
/// or (for a whole document) its first paragraphs.
pub fn passage(corpus: &Corpus, reference: &str, explicit: bool) -> Option<SourceItem> {
    let r = corpus.resolve(reference)?;
    let paragraphs: Vec<&Paragraph> = r.paragraphs.iter().take(40).collect();
    let doc = r.document;
    let section = paragraphs.first().and_then(|p| p.section);
    Some(SourceItem {
        reference: reference.to_string(),
        heading: Clean::line(&heading(doc, section)),
        text: Clean::text(
            &paragraphs
                .iter()
                .map(|p| p.text.as_str())
                .collect::<Vec<_>>()
                .join("\n\n"),
        ),
        footnotes: footnotes(doc, &paragraphs)
            .iter()
            .map(|f| Clean::text(f))
            .collect(),
        explicit,
        cited: false,
        highlights: Vec::new(),
    })
}

/// The whole section a paragraph ref belongs to.
pub fn whole_section(corpus: &Corpus, reference: &str) -> Option<SourceItem> {
    let r = crate::corpus::Ref::split(reference);
    let section_ref = match (r.section, r.paragraph) {
        (Some(_), Some(_)) => r.section_ref(),
        _ => reference.to_string(),
    };
    passage(corpus, &section_ref, false)
}

fn from_hit(corpus: &Corpus, hit: &Hit, explicit: bool) -> SourceItem {
    let mut item = passage(corpus, &hit.reference, explicit).unwrap_or_else(|| SourceItem {
        reference: hit.reference.clone(),
        heading: Clean::line(&format!(
            "{} · {} {}",
            hit.doc, hit.section, hit.section_title
        )),
        text: Clean::text(&hit.snippet),
        footnotes: Vec::new(),
        explicit,
        cited: false,
        highlights: Vec::new(),
    });
    item.highlights = highlight_ranges(&item.text, &hit.snippet, &hit.highlights);
    item
}

/// Map highlighted words of the snippet onto the full text.
fn highlight_ranges(
    text: &str,
    snippet: &str,
    ranges: &[std::ops::Range<usize>],
) -> Vec<std::ops::Range<usize>> {
    let lower = text.to_lowercase();
    if lower.len() != text.len() {
        return Vec::new();
    }
    let mut out = Vec::new();
    for r in ranges {
        let Some(word) = snippet.get(r.clone()) else {
            continue;
        };
        let w = word.to_lowercase();
        if w.is_empty() {
            continue;
        }
        let mut from = 0;
        while let Some(pos) = lower[from..].find(&w) {
            out.push(from + pos..from + pos + w.len());
            from += pos + w.len();
        }
    }
    out.sort_by_key(|r| r.start);
    out.dedup();
    out
}

/// Glossary lines for terms appearing in `text`.
fn glossary_lines(index: &Index, text: &str, lang: Lang) -> Vec<String> {
    index
        .glossary()
        .entries_in(text)
        .into_iter()
        .take(3)
        .map(|e| {
            // The headword in the user's language, its counterpart in the
            // other one and the Russian, as interviewers hear them.
            let other = match lang {
                Lang::Nl => e.en.first(),
                Lang::En => e.nl.first(),
            };
            let mut names = vec![e.headword(lang).to_string()];
            names.extend(other.cloned());
            names.extend(e.ru.first().cloned());
            names.extend(e.translit.first().cloned());
            names.dedup();
            clean_line(&format!("{}: {}", names.join(" / "), e.note(lang)))
        })
        .collect()
}

/// A question's source pane: its own refs first, then related passages.
pub fn for_question(
    corpus: &Corpus,
    index: Option<&Index>,
    q: &Question,
    lang: Lang,
) -> (Vec<SourceItem>, Vec<String>) {
    match index {
        Some(index) => {
            let text = format!("{} {}", q.text.get(lang), q.keywords.join(" "));
            let hits = index.source_pane(&q.sources, q.text.get(lang), &q.keywords, PANE_LIMIT);
            let items = hits
                .iter()
                .map(|h| {
                    let explicit = q
                        .sources
                        .iter()
                        .any(|s| h.reference.starts_with(s.as_str()));
                    from_hit(corpus, h, explicit)
                })
                .collect();
            (items, glossary_lines(index, &text, lang))
        }
        None => (
            q.sources
                .iter()
                .filter_map(|r| passage(corpus, r, true))
                .collect(),
            Vec::new(),
        ),
    }
}

/// The search overlay's results and glossary entries for `query`.
pub fn search(
    corpus: &Corpus,
    index: &Index,
    query: &str,
    lang: Lang,
    query_vector: Option<&[f32]>,
) -> (Vec<SourceItem>, Vec<String>) {
    if query.trim().is_empty() {
        return (Vec::new(), Vec::new());
    }
    // Lexical until the query's vector is there (never embedded here: this
    // runs on a keystroke).
    let hits = index.search_with(
        query,
        &SearchOptions {
            limit: 30,
            ..SearchOptions::default()
        },
        crate::search::Method::Fused,
        query_vector,
    );
    (
        hits.iter().map(|h| from_hit(corpus, h, false)).collect(),
        glossary_lines(index, query, lang),
    )
}
