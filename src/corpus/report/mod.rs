//! The `pdf_report` layout: a PDF exported to text, page by page, as
//! body lines, then a footnote block, then a list of the page's link URLs.
//! Rules and traps: shared/reports/ambtsbericht-rf-2025-map.md §2.
//!
//! 1. `split` walks the lines with a body → footnotes → links → body state
//!    machine and drops running headers, giving body lines (with pages),
//!    footnotes and link lists.
//! 2. `items` turns body lines into headings, paragraphs, sub-headings and
//!    figure captions, joining text across page breaks.
//! 3. `markers` finds each footnote's marker in sequence; `assemble` builds
//!    the sections and attaches footnotes and sub-headings to paragraphs.

mod items;
mod split;
use items::*;
use split::*;
pub(super) use split::{is_header, note_number, pagina};

use super::markers;
use super::meta::LineHyphen;
use super::model::{Figure, Footnote, LinkList, ParagraphKind, ProblemKind};
use super::parsed::{Item, ItemKind, Parsed};
use super::text::{
    ends_terminal, is_link_line, join_line, slug, starts_lower, starts_upper, urls_in,
};

struct BodyLine<'a> {
    no: usize,
    text: &'a str,
    hyphen: bool,
    page_start: bool,
    page: i64,
}

struct RawNote {
    number: u32,
    line: usize,
    page: i64,
    text: String,
    last_hyphen: bool,
    block: usize,
}

#[derive(Default)]
struct Block {
    links: Vec<String>,
    line: usize,
    page: i64,
}

struct Split<'a> {
    body: Vec<BodyLine<'a>>,
    notes: Vec<RawNote>,
    blocks: Vec<Block>,
    /// (page index, printed page number) from "Pagina N van M".
    anchors: Vec<(i64, u32)>,
    problems: Vec<(usize, ProblemKind)>,
}

pub fn parse(text: &str, hyphen: LineHyphen) -> Parsed {
    let lines: Vec<&str> = text
        .split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .collect();
    let mut split = split(&lines, hyphen);
    let offset = split
        .anchors
        .first()
        .map_or(1, |&(idx, page)| i64::from(page) - idx);
    let page_of = |idx: i64| u32::try_from(idx + offset).ok();
    let mut items = items(&split.body, hyphen, &page_of, &mut split.problems);

    let numbers: Vec<u32> = split.notes.iter().map(|n| n.number).collect();
    let mut texts: Vec<String> = items.iter().map(|i| i.text.clone()).collect();
    let searchable: Vec<bool> = items
        .iter()
        .map(|i| matches!(i.kind, ItemKind::Para(_) | ItemKind::SubHeading))
        .collect();
    // Headings and captions take part as empty texts so indices line up.
    for (t, s) in texts.iter_mut().zip(&searchable) {
        if !s {
            t.clear();
        }
    }
    let found = markers::locate(&texts, &numbers);
    markers::strip(&mut texts, &found);
    for ((item, text), s) in items.iter_mut().zip(texts).zip(searchable) {
        if s {
            item.text = text;
        }
    }
    for (m, note) in found.iter().zip(&split.notes) {
        match m {
            Some(m) => items[m.item].footnotes.push(note.number),
            None => split.problems.push((
                note.line,
                ProblemKind::UnplacedFootnote {
                    number: note.number,
                },
            )),
        }
    }

    let footnotes = footnotes(&split, &page_of);
    let mut parsed = Parsed::from_items(items);
    parsed.footnotes = footnotes;
    parsed.link_lists = split
        .blocks
        .iter()
        .enumerate()
        .filter(|(_, b)| !b.links.is_empty())
        .map(|(bi, b)| LinkList {
            line: b.line,
            page: page_of(b.page),
            footnotes: split
                .notes
                .iter()
                .filter(|n| n.block == bi)
                .map(|n| n.number)
                .collect(),
            urls: b.links.clone(),
        })
        .collect();
    parsed.problems.extend(split.problems);
    parsed
}

fn footnotes(split: &Split<'_>, page_of: &dyn Fn(i64) -> Option<u32>) -> Vec<Footnote> {
    let mut out: Vec<Footnote> = split
        .notes
        .iter()
        .map(|n| {
            let text = n.text.trim().to_string();
            Footnote {
                number: n.number,
                confidential: text.to_lowercase().contains("vertrouwelijke bron"),
                urls: urls_in(&text),
                text,
                line: n.line,
                page: page_of(n.page),
            }
        })
        .collect();
    // Link lists name the page's hyperlinks in footnote order; a link goes to
    // the first footnote at or after the previous link's one that names its site.
    for (bi, block) in split.blocks.iter().enumerate() {
        let idx: Vec<usize> = (0..split.notes.len())
            .filter(|&i| split.notes[i].block == bi)
            .collect();
        let mut from = 0;
        for url in &block.links {
            let keys = site_keys(url);
            let hit = idx[from.min(idx.len())..].iter().position(|&i| {
                let t = out[i].text.to_lowercase();
                keys.iter().any(|k| t.contains(k.as_str()))
            });
            if let Some(p) = hit {
                let i = idx[from + p];
                from += p;
                if !out[i].urls.contains(url) {
                    out[i].urls.push(url.clone());
                }
            }
        }
    }
    out
}

/// Words of a URL's host and first path segment that a citation would name
/// ("www.rferl.org" → "rferl"; "zona.media" → "zona").
fn site_keys(url: &str) -> Vec<String> {
    const COMMON: [&str; 12] = [
        "www", "http", "https", "com", "org", "net", "html", "news", "media", "index", "storage",
        "europa",
    ];
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let mut parts = rest.split('/');
    let host = parts.next().unwrap_or("");
    let first_path = parts.next().unwrap_or("");
    host.split(['.', '-'])
        .chain(std::iter::once(first_path))
        .map(str::to_lowercase)
        .filter(|w| w.len() >= 4 && w.chars().all(|c| c.is_ascii_alphabetic()))
        .filter(|w| !COMMON.contains(&w.as_str()))
        .collect()
}

/// Figures become captions on the document, not paragraphs.
pub(super) fn figure(item: &Item, section: Option<usize>) -> Figure {
    Figure {
        caption: item.text.clone(),
        line: item.lines.0,
        section,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heading_order() {
        assert!(successor(&[], &[1]));
        assert!(successor(&[1, 1, 3], &[1, 1, 3, 1]));
        assert!(successor(&[1, 1, 3, 2], &[1, 1, 4]));
        assert!(successor(&[1, 5], &[2]));
        assert!(successor(&[3, 9], &[4, 2]));
        assert!(!successor(&[3, 7, 1], &[34, 380]));
        assert!(!successor(&[1, 1, 2], &[1, 1, 2]));
        assert!(heading("1.1.3), verhoging van").is_none());
        assert!(heading("1.3 (Mobilisatie).").is_none());
        assert!(heading("3.1.").is_none());
        assert!(heading("1. In de eerste helft").is_none());
        assert_eq!(heading("2 LHBTIQ+").unwrap().1, "2");
    }

    #[test]
    fn note_numbers() {
        assert_eq!(note_number("322Ministerie van"), Some(322));
        assert_eq!(note_number("136  "), Some(136));
        assert_eq!(note_number("2023.  "), None);
        assert_eq!(note_number("10.1080/15564886"), None);
        assert_eq!(site_keys("https://www.rferl.org/a/x"), ["rferl"]);
    }
}
