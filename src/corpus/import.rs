//! `corpus import` as values: which layout a text has, what metadata it
//! gives away, what the parser recognised, and where it broke. The CLI
//! writes the folder and prints; nothing here does I/O.

use super::meta::{DocumentMeta, Kind, Layout};
use super::model::{Document, ParseProblem};
use super::parse_document;
use super::report::{is_header, note_number, pagina};
use super::text::is_link_line;

/// A text feature that decided the layout.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Feature {
    /// "Pagina N van M" or "… | title |" running headers.
    PageHeaders,
    /// Lines that are a bare URL (a PDF export's link lists).
    LinkLists,
    /// `**bold**`, `[1]` or `¹` markers of a Markdown-ish release.
    Markdown,
    /// Long lines, one paragraph each.
    LongLines,
    /// Hard-wrapped lines separated by blank lines.
    WrappedLines,
}

impl Feature {
    pub fn code(self) -> &'static str {
        match self {
            Feature::PageHeaders => "page_headers",
            Feature::LinkLists => "link_lists",
            Feature::Markdown => "markdown",
            Feature::LongLines => "long_lines",
            Feature::WrappedLines => "wrapped_lines",
        }
    }
}

/// The layout whose rules fit the text, and the features that said so.
pub fn detect_layout(text: &str) -> (Layout, Vec<Feature>) {
    let lines: Vec<&str> = text.lines().collect();
    let headers = page_headers(text).len();
    let links = lines.iter().filter(|l| is_link_line(l)).count();
    if headers > 0 || links >= 3 {
        let mut why = Vec::new();
        if headers > 0 {
            why.push(Feature::PageHeaders);
        }
        if links >= 3 {
            why.push(Feature::LinkLists);
        }
        return (Layout::PdfReport, why);
    }
    let markdown = text.contains("**")
        || lines.iter().any(|l| l.trim_start().starts_with("[1]"))
        || text.contains('¹');
    if markdown {
        return (Layout::PressRelease, vec![Feature::Markdown]);
    }
    let text_lines: Vec<&&str> = lines.iter().filter(|l| !l.trim().is_empty()).collect();
    let long = text_lines
        .iter()
        .filter(|l| l.chars().count() > 200)
        .count();
    if !text_lines.is_empty() && long * 3 >= text_lines.len() {
        return (Layout::Article, vec![Feature::LongLines]);
    }
    (Layout::Letter, vec![Feature::WrappedLines])
}

/// (line, printed page) of every running header: the title line ending in
/// `|` or a "Pagina N van M" line not directly after one.
pub fn page_headers(text: &str) -> Vec<(usize, Option<u32>)> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let t = lines[i].trim();
        if is_header(t) {
            // The date and "Pagina N van M" follow within a few lines.
            let found = (i + 1..lines.len().min(i + 8))
                .find_map(|j| pagina(lines[j].trim()).map(|p| (j, p)));
            out.push((i + 1, found.map(|(_, p)| p)));
            i = found.map_or(i + 1, |(j, _)| j + 1);
            continue;
        }
        if let Some(p) = pagina(t) {
            out.push((i + 1, Some(p)));
        }
        i += 1;
    }
    out
}

/// Metadata the text gives away.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Detected {
    pub title: Option<String>,
    pub published: Option<String>,
    pub language: Option<String>,
}

const MONTHS: [(&str, &str, u8); 12] = [
    ("januari", "january", 1),
    ("februari", "february", 2),
    ("maart", "march", 3),
    ("april", "april", 4),
    ("mei", "may", 5),
    ("juni", "june", 6),
    ("juli", "july", 7),
    ("augustus", "august", 8),
    ("september", "september", 9),
    ("oktober", "october", 10),
    ("november", "november", 11),
    ("december", "december", 12),
];

/// "14 februari 2025" or "14 February 2025" → "2025-02-14".
fn written_date(line: &str) -> Option<String> {
    let words: Vec<&str> = line.split_whitespace().collect();
    words.windows(3).find_map(|w| {
        let day: u8 = w[0].parse().ok()?;
        let month = w[1].to_lowercase();
        let (_, _, m) = MONTHS
            .iter()
            .find(|(nl, en, _)| *nl == month || *en == month)?;
        let year: u16 = w[2].trim_end_matches([',', '.']).parse().ok()?;
        let date = format!("{year:04}-{m:02}-{day:02}");
        date.parse::<jiff::civil::Date>().ok().map(|_| date)
    })
}

fn language(text: &str) -> Option<String> {
    const NL: [&str; 8] = ["de", "het", "een", "van", "en", "dat", "niet", "zijn"];
    const EN: [&str; 8] = ["the", "of", "and", "to", "that", "is", "was", "with"];
    let (mut nl, mut en, mut ru, mut total) = (0, 0, 0, 0);
    for w in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        let w = w.to_lowercase();
        total += 1;
        nl += usize::from(NL.contains(&w.as_str()));
        en += usize::from(EN.contains(&w.as_str()));
        ru += usize::from(w.chars().any(|c| ('\u{400}'..='\u{4ff}').contains(&c)));
    }
    if total == 0 {
        return None;
    }
    let best = [("nl", nl), ("en", en), ("ru", ru)]
        .into_iter()
        .max_by_key(|(_, n)| *n)?;
    (best.1 * 20 >= total).then(|| best.0.to_string())
}

pub fn detect_meta(text: &str, layout: Layout) -> Detected {
    let lines: Vec<&str> = text.lines().collect();
    let mut d = Detected {
        language: language(text),
        ..Detected::default()
    };
    if let Some(h) = lines.iter().position(|l| is_header(l.trim())) {
        // "Title | Subtitle |": Dutch titles go on in lowercase after a colon.
        let parts: Vec<String> = lines[h]
            .trim()
            .trim_end_matches('|')
            .split(" | ")
            .map(|p| p.trim().to_string())
            .filter(|p| !p.is_empty())
            .collect();
        let mut title = parts.first().cloned().unwrap_or_default();
        for p in &parts[1..] {
            let mut c = p.chars();
            let first = c
                .next()
                .map(|f| f.to_lowercase().collect::<String>())
                .unwrap_or_default();
            title.push_str(&format!(": {first}{}", c.as_str()));
        }
        d.title = (!title.is_empty()).then_some(title);
        d.published = lines[h + 1..lines.len().min(h + 6)]
            .iter()
            .find_map(|l| written_date(l));
    }
    if d.title.is_none() && layout != Layout::PdfReport {
        d.title = lines
            .iter()
            .map(|l| l.trim().trim_matches('*').trim_start_matches('#').trim())
            .find(|l| !l.is_empty())
            .filter(|l| l.chars().count() <= 150)
            .map(str::to_string);
    }
    if d.published.is_none() {
        d.published = lines.iter().take(40).find_map(|l| written_date(l));
    }
    d
}

pub fn default_kind(layout: Layout) -> Kind {
    match layout {
        Layout::PdfReport => Kind::CountryReport,
        Layout::Letter => Kind::PolicyLetter,
        Layout::PressRelease => Kind::PressRelease,
        Layout::Article => Kind::News,
    }
}

/// Where the rules stopped fitting, beyond the parser's own problems.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Break {
    /// A report layout without a single numbered heading.
    NoHeadings,
    /// Footnote numbering stopped at `last`, yet `line` starts like footnote `number`.
    FootnotesStopped { last: u32, line: usize, number: u32 },
    /// Nothing was recognised as text.
    NoText,
}

/// What parsing `text` as `meta` gives: the document, its problems and breaks.
pub fn recognise(meta: DocumentMeta, text: &str) -> (Document, Vec<ParseProblem>, Vec<Break>) {
    let layout = meta.layout;
    let (doc, problems) = parse_document(meta, text);
    let mut breaks = Vec::new();
    if doc.paragraphs.is_empty() {
        breaks.push(Break::NoText);
    }
    if layout == Layout::PdfReport {
        if !doc.sections.iter().any(|s| s.number.is_some()) {
            breaks.push(Break::NoHeadings);
        }
        let last = doc.footnotes.last().map_or(0, |f| f.number);
        let after = doc.footnotes.last().map_or(0, |f| f.line);
        let stray = text.lines().enumerate().skip(after).find_map(|(i, l)| {
            let n = note_number(l)?;
            let rest = l[n.to_string().len()..].trim_start();
            (n > last + 1 && n <= last + 5 && rest.starts_with(char::is_uppercase))
                .then_some((i + 1, n))
        });
        if let Some((line, number)) = stray {
            breaks.push(Break::FootnotesStopped { last, line, number });
        }
    }
    (doc, problems, breaks)
}

/// The `document.toml` for an imported text.
pub fn scaffold(meta: &DocumentMeta) -> String {
    let q = |s: &str| toml::Value::String(s.to_string()).to_string();
    let mut out = String::from("# Written by `gehoor corpus import`; check every value.\n");
    out.push_str(&format!("id = {}\n", q(&meta.id)));
    out.push_str(&format!("title = {}\n", q(&meta.title)));
    out.push_str(&format!("publisher = {}\n", q(&meta.publisher)));
    let kind = toml::Value::try_from(meta.kind)
        .map(|v| v.to_string())
        .unwrap_or_default();
    out.push_str(&format!("kind = {kind}\n"));
    out.push_str(&format!("language = {}\n", q(&meta.language)));
    out.push_str(&format!("published = {}\n", q(&meta.published)));
    let layout = toml::Value::try_from(meta.layout)
        .map(|v| v.to_string())
        .unwrap_or_default();
    out.push_str(&format!("layout = {layout}\n"));
    out.push_str(&format!("text = {}\n", q(&meta.text)));
    if let Some(s) = &meta.supersedes {
        out.push_str(&format!("supersedes = {}\n", q(s)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_languages_are_recognised() {
        assert_eq!(
            written_date("14 februari 2025 ").as_deref(),
            Some("2025-02-14")
        );
        assert_eq!(
            written_date("on 3 March 2026, in").as_deref(),
            Some("2026-03-03")
        );
        assert_eq!(written_date("31 februari 2025"), None);
        assert_eq!(
            language("de man en het huis van de buren").as_deref(),
            Some("nl")
        );
        assert_eq!(
            language("the man and the house of the neighbours").as_deref(),
            Some("en")
        );
    }

    #[test]
    fn layouts_are_told_apart() {
        assert_eq!(
            detect_layout("**Title**\n\nText¹\n").0,
            Layout::PressRelease
        );
        let long = "x ".repeat(150);
        assert_eq!(
            detect_layout(&format!("{long}\n{long}\n")).0,
            Layout::Article
        );
        assert_eq!(
            detect_layout("Een brief\nmet korte regels.\n\nEn nog een.\n").0,
            Layout::Letter
        );
        let pdf = "T | S |\n14 februari 2025\n\nPagina 7 van 9\n\ntekst\n";
        assert_eq!(
            detect_layout(pdf),
            (Layout::PdfReport, vec![Feature::PageHeaders])
        );
        assert_eq!(page_headers(pdf), [(1, Some(7))]);
    }
}
