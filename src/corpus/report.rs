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

fn split<'a>(lines: &[&'a str], hyphen: LineHyphen) -> Split<'a> {
    let mut s = Split {
        body: Vec::new(),
        notes: Vec::new(),
        blocks: Vec::new(),
        anchors: Vec::new(),
        problems: Vec::new(),
    };
    let mut expected: u32 = 1;
    let mut in_notes = false;
    let mut in_links = false;
    let mut pending_start = true;
    let mut page: i64 = -1;
    let n = lines.len();
    let mut i = 0;
    while i < n {
        let raw = lines[i];
        let no = i + 1;
        let trimmed = raw.trim();
        if is_header(trimmed) {
            // Running header: title line ending in '|', the date, "Pagina N van M".
            let mut j = i;
            while j < n && j <= i + 5 {
                if let Some(p) = pagina(lines[j].trim()) {
                    s.anchors.push((page + 1, p));
                    break;
                }
                j += 1;
            }
            i = if j < n && j <= i + 5 { j + 1 } else { i + 2 };
            in_notes = false;
            in_links = false;
            pending_start = true;
            continue;
        }
        if let Some(p) = pagina(trimmed) {
            s.anchors.push((page + 1, p));
            pending_start = true;
            in_notes = false;
            i += 1;
            continue;
        }
        if is_link_line(raw) {
            if s.blocks.is_empty() {
                s.blocks.push(Block::default());
            }
            let block = s.blocks.last_mut().expect("pushed above");
            if block.links.is_empty() {
                block.line = no;
                block.page = page.max(0);
            }
            let links = &mut block.links;
            if links.last().map(String::as_str) != Some(raw.trim()) {
                links.push(raw.trim().to_string());
            }
            in_notes = true;
            in_links = true;
            i += 1;
            continue;
        }
        if in_notes {
            if trimmed.is_empty() {
                i += 1;
                continue;
            }
            let leading_space = raw.starts_with(' ') && !raw[1..].starts_with(' ');
            if in_links || leading_space {
                in_notes = false;
                in_links = false;
                pending_start = true;
                continue; // the same line again, as body
            }
            if note_number(raw) == Some(expected) {
                let digits = expected.to_string().len();
                s.notes.push(RawNote {
                    number: expected,
                    line: no,
                    page: page.max(0),
                    text: raw[digits..].trim().to_string(),
                    last_hyphen: raw.ends_with('-'),
                    block: s.blocks.len() - 1,
                });
                expected += 1;
            } else if let Some(last) = s.notes.last_mut() {
                join_line(&mut last.text, trimmed, last.last_hyphen, hyphen);
                last.last_hyphen = raw.ends_with('-');
            } else {
                s.problems.push((no, ProblemKind::StrayFootnoteText));
            }
            i += 1;
            continue;
        }
        // Body.
        if trimmed.is_empty() {
            if raw.is_empty() && lines.get(i + 1) == Some(&" ") {
                let j = (i + 2..n).find(|&j| !lines[j].trim().is_empty());
                if let Some(j) = j
                    && starts_block(lines, j, expected, s.notes.last())
                {
                    s.blocks.push(Block::default());
                    in_notes = true;
                    i = j;
                    continue;
                }
            }
            s.body.push(BodyLine {
                no,
                text: "",
                hyphen: false,
                page_start: false,
                page: page.max(0),
            });
            i += 1;
            continue;
        }
        let leading_space = raw.starts_with(' ') && !raw[1..].starts_with(' ');
        let page_start = pending_start || leading_space;
        if page_start {
            page += 1;
            pending_start = false;
        }
        s.body.push(BodyLine {
            no,
            text: trimmed,
            hyphen: raw.ends_with('-'),
            page_start,
            page,
        });
        i += 1;
    }
    s
}

/// A footnote block starts at line `j` if it carries the next footnote
/// number, or continues an unfinished footnote from the previous page
/// (lowercase or bracketed start, with the next number close below).
fn starts_block(lines: &[&str], j: usize, expected: u32, last: Option<&RawNote>) -> bool {
    if note_number(lines[j]) == Some(expected) {
        return true;
    }
    let open = last.is_some_and(|n| !n.text.trim_end().ends_with('.'));
    let l = lines[j];
    if !open || l.starts_with(' ') || !(starts_lower(l) || l.starts_with('(')) {
        return false;
    }
    lines[j + 1..]
        .iter()
        .filter(|l| !l.trim().is_empty())
        .take(6)
        .any(|l| note_number(l) == Some(expected))
}

/// The number a footnote line starts with: 1–3 digits at column 1, then a
/// space, the end, or a letter ("322Ministerie"); never a decimal or year.
pub(super) fn note_number(raw: &str) -> Option<u32> {
    let digits = raw.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 3 {
        return None;
    }
    let rest = &raw[digits..];
    let ok = match rest.chars().next() {
        None => true,
        Some(c) => c.is_whitespace() || c.is_alphabetic() || "“‘\"(".contains(c),
    };
    ok.then(|| raw[..digits].parse().ok()).flatten()
}

pub(super) fn is_header(t: &str) -> bool {
    t.ends_with('|') && t.contains(" | ")
}

pub(super) fn pagina(t: &str) -> Option<u32> {
    let rest = t.strip_prefix("Pagina ")?;
    let (page, total) = rest.split_once(" van ")?;
    total.trim().parse::<u32>().ok()?;
    page.trim().parse().ok()
}

/// A numbered heading: "1.1.3.2 Negeren van oproepen – andere maatregelen".
fn heading(t: &str) -> Option<(Vec<u32>, String, String)> {
    let (num, title) = t.split_once(' ')?;
    let parts: Option<Vec<u32>> = num.split('.').map(|p| p.parse().ok()).collect();
    let parts = parts?;
    if parts.len() > 6 || num.ends_with('.') {
        return None;
    }
    let title = title.trim();
    let ok = starts_upper(title)
        && title.chars().count() < 100
        && !title.ends_with('.')
        && !title.starts_with('(');
    ok.then(|| (parts, num.to_string(), title.to_string()))
}

/// Headings come in order: a first child, a next sibling, or the next
/// number at a higher level (further components may be missing, as with
/// "4.2" after "3.9" when chapter 4 and 4.1 are absent from the export).
fn successor(prev: &[u32], next: &[u32]) -> bool {
    if prev.is_empty() {
        return next.first() == Some(&1) || next.len() == 1;
    }
    if next.len() == prev.len() + 1 && next.starts_with(prev) {
        return next.last() == Some(&1);
    }
    let common = prev.iter().zip(next).take_while(|(a, b)| a == b).count();
    if common >= next.len() || common >= prev.len() {
        return false;
    }
    next[common] == prev[common] + 1
}

fn is_bullet(t: &str) -> Option<&str> {
    if let Some(rest) = t.strip_prefix('•') {
        return Some(rest.trim_start());
    }
    if t == "-" {
        return Some("");
    }
    t.strip_prefix("- ").map(str::trim_start)
}

/// A short line without closing punctuation that opens a paragraph:
/// an unnumbered (bold in the PDF) sub-heading.
fn subheading_like(t: &str) -> bool {
    const FUNCTION_WORDS: [&str; 24] = [
        "de", "het", "een", "van", "in", "op", "met", "voor", "en", "dat", "die", "te", "om",
        "aan", "bij", "naar", "door", "of", "als", "is", "werd", "zijn", "tot", "uit",
    ];
    let bare = t.trim_end_matches(|c: char| c.is_ascii_digit()).trim_end();
    let last = bare.rsplit(' ').next().unwrap_or("");
    bare.chars().count() <= 85
        && bare
            .split_whitespace()
            .filter(|w| w.chars().any(char::is_alphanumeric))
            .count()
            <= 10
        && !bare.contains(". ")
        && !FUNCTION_WORDS.contains(&last)
        && starts_upper(bare)
        && !bare.ends_with(['.', ',', ';', ':', '!', '?', '-', '–'])
        && is_bullet(bare).is_none()
}

struct Buf {
    item: Item,
    line_count: usize,
    last_hyphen: bool,
}

fn items(
    body: &[BodyLine<'_>],
    hyphen: LineHyphen,
    page_of: &dyn Fn(i64) -> Option<u32>,
    problems: &mut Vec<(usize, ProblemKind)>,
) -> Vec<Item> {
    let mut out: Vec<Item> = Vec::new();
    let mut cur: Option<Buf> = None;
    let mut saw_blank = false;
    let mut blank_run = 0usize;
    let mut in_caption = false;
    let mut last_nums: Vec<u32> = Vec::new();
    let mut any_heading = false;
    let mut in_annex = false;
    let mut skip_next = false;
    let mut last_dash = false;

    let flush = |cur: &mut Option<Buf>, out: &mut Vec<Item>| {
        if let Some(mut b) = cur.take() {
            if b.line_count == 1
                && b.item.kind == ItemKind::Para(ParagraphKind::Text)
                && subheading_like(&b.item.text)
            {
                b.item.kind = ItemKind::SubHeading;
            }
            out.push(b.item);
        }
    };

    for (bi, l) in body.iter().enumerate() {
        if skip_next {
            skip_next = false;
            continue;
        }
        if l.text.is_empty() {
            saw_blank = true;
            blank_run += 1;
            if in_caption {
                flush(&mut cur, &mut out);
                in_caption = false;
            }
            continue;
        }
        let t = l.text;
        let new_item = |kind: ItemKind, text: &str| Item {
            kind,
            text: text.to_string(),
            lines: (l.no, l.no),
            page: page_of(l.page),
            footnotes: Vec::new(),
        };
        if in_caption {
            if let Some(b) = cur.as_mut() {
                join_line(&mut b.item.text, t, b.last_hyphen, hyphen);
                b.item.lines.1 = l.no;
                b.last_hyphen = l.hyphen;
            }
            continue;
        }
        if blank_run >= 3 && t.starts_with("Bron:") {
            // A figure lost in export: blank placeholder lines, then its caption.
            flush(&mut cur, &mut out);
            cur = Some(Buf {
                item: new_item(ItemKind::Caption, t),
                line_count: 1,
                last_hyphen: l.hyphen,
            });
            in_caption = true;
            blank_run = 0;
            continue;
        }
        blank_run = 0;
        let fresh = cur.is_none() || saw_blank || l.page_start || {
            let c = cur.as_ref().expect("checked");
            ends_terminal(&c.item.text) || c.item.kind == ItemKind::SubHeading
        };
        // Unnumbered heading before the first numbered one: " • Inleiding".
        if !any_heading
            && let Some(rest) = t.strip_prefix('•')
            && subheading_like(rest.trim())
            && cur.is_none()
        {
            let title = rest.trim().to_string();
            out.push(new_item(
                ItemKind::Heading {
                    id: slug(&title),
                    number: None,
                    level: 1,
                },
                &title,
            ));
            any_heading = true;
            saw_blank = false;
            continue;
        }
        // The bibliography fragment has lost its heading; its pages start with " - ".
        let dash = t == "-" || t.starts_with("- ");
        if any_heading && !in_annex && l.page_start && dash && !last_dash {
            flush(&mut cur, &mut out);
            out.push(new_item(
                ItemKind::Heading {
                    id: "bibliografie".into(),
                    number: None,
                    level: 1,
                },
                "Bibliografie (fragment)",
            ));
            in_annex = true;
        }
        if fresh && let Some((nums, number, mut title)) = heading(t) {
            if successor(&last_nums, &nums) {
                flush(&mut cur, &mut out);
                let mut last_line = l.no;
                if let Some(next) = body.get(bi + 1)
                    && !next.text.is_empty()
                    && starts_lower(next.text)
                    && next.text.chars().count() < 60
                    && !ends_terminal(next.text)
                {
                    // A heading wrapped onto a second line (2.5).
                    title.push(' ');
                    title.push_str(next.text);
                    last_line = next.no;
                    skip_next = true;
                }
                let mut item = new_item(
                    ItemKind::Heading {
                        id: number.clone(),
                        number: Some(number),
                        level: nums.len(),
                    },
                    &title,
                );
                item.lines.1 = last_line;
                out.push(item);
                last_nums = nums;
                any_heading = true;
                in_annex = false;
                saw_blank = false;
                continue;
            } else if saw_blank && t.chars().count() < 60 && !ends_terminal(t) {
                problems.push((l.no, ProblemKind::HeadingOutOfOrder { number }));
            }
        }
        let bullet = is_bullet(t);
        if bullet.is_some() {
            last_dash = dash;
        }
        let cont = match &cur {
            None => false,
            Some(_) if bullet.is_some() => false,
            Some(c) if c.item.kind == ItemKind::SubHeading => false,
            // A blank line inside an unfinished sentence or list item
            // ("… (Artikel 356" / "" / "WvS).").
            Some(c) if saw_blank => {
                !ends_terminal(&c.item.text)
                    && (starts_lower(t)
                        || t.starts_with('(')
                        || (c.item.kind == ItemKind::Para(ParagraphKind::ListItem)
                            && !subheading_like(t)))
            }
            Some(c) if l.page_start => !ends_terminal(&c.item.text) || starts_lower(t),
            Some(_) => true,
        };
        let split_subheading = cont
            && cur.as_ref().is_some_and(|c| {
                c.line_count == 1
                    && c.item.kind == ItemKind::Para(ParagraphKind::Text)
                    && c.item.lines.0 == c.item.lines.1
                    && subheading_like(&c.item.text)
                    && starts_upper(t)
            });
        if cont && !split_subheading {
            let b = cur.as_mut().expect("cont implies cur");
            join_line(&mut b.item.text, t, b.last_hyphen, hyphen);
            b.item.lines.1 = l.no;
            b.line_count += 1;
            b.last_hyphen = l.hyphen;
        } else {
            if split_subheading && let Some(b) = cur.as_mut() {
                b.item.kind = ItemKind::SubHeading;
            }
            flush(&mut cur, &mut out);
            let (kind, text) = match bullet {
                Some(rest) => (ItemKind::Para(ParagraphKind::ListItem), rest),
                None => (ItemKind::Para(ParagraphKind::Text), t),
            };
            cur = Some(Buf {
                item: new_item(kind, text),
                line_count: 1,
                last_hyphen: l.hyphen,
            });
        }
        saw_blank = false;
    }
    flush(&mut cur, &mut out);
    out
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
