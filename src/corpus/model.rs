//! The parsed shape of a document: sections, paragraphs, footnotes.

use serde::Serialize;

use super::meta::DocumentMeta;

#[derive(Debug, Clone, Serialize)]
pub struct Document {
    pub meta: DocumentMeta,
    /// In document order; a section's own paragraphs follow its heading.
    pub sections: Vec<Section>,
    /// In document order.
    pub paragraphs: Vec<Paragraph>,
    /// Sorted by number.
    pub footnotes: Vec<Footnote>,
    /// Captions of figures whose image did not survive the text export.
    pub figures: Vec<Figure>,
    /// The link lists printed under each page's footnotes, whole: not every
    /// link can be tied to one footnote, so none is lost here.
    pub link_lists: Vec<LinkList>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Section {
    /// The ref segment: the heading number (`1.1.3.1`) or, for an unnumbered
    /// part, a readable slug (`inleiding`, `bibliografie`).
    pub id: String,
    /// The printed heading number, if the heading has one.
    pub number: Option<String>,
    pub title: String,
    /// 1 for chapters; unnumbered parts are level 1.
    pub level: usize,
    /// Index into `Document::sections`.
    pub parent: Option<usize>,
    /// 1-based line of the heading in the text file.
    pub line: usize,
    pub page: Option<u32>,
    /// Indices into `Document::paragraphs` of this section's own text.
    pub paragraphs: std::ops::Range<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ParagraphKind {
    Text,
    ListItem,
}

#[derive(Debug, Clone, Serialize)]
pub struct Paragraph {
    /// Index into `Document::sections`; `None` in documents without sections.
    pub section: Option<usize>,
    /// 1-based position among the section's own paragraphs (or the
    /// document's, when it has no sections): the `N` of `/pN`.
    pub number: usize,
    pub kind: ParagraphKind,
    /// Display text: lines joined, footnote markers removed.
    pub text: String,
    /// The unnumbered (bold) sub-heading this paragraph sits under, if any.
    pub subheading: Option<String>,
    /// 1-based first and last line in the text file (inclusive).
    pub lines: (usize, usize),
    /// Page of the first line, where the layout knows pages.
    pub page: Option<u32>,
    /// Numbers of the footnotes whose markers stood in this paragraph
    /// (or in its sub-heading), in order.
    pub footnotes: Vec<u32>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Footnote {
    pub number: u32,
    pub text: String,
    /// Link targets: URLs written in the footnote itself, plus those from
    /// the page's link list that could be attributed to it.
    pub urls: Vec<String>,
    /// The footnote cites a confidential source ("Vertrouwelijke bron d.d. …").
    pub confidential: bool,
    /// 1-based first line in the text file.
    pub line: usize,
    pub page: Option<u32>,
}

#[derive(Debug, Clone, Serialize)]
pub struct LinkList {
    /// 1-based line of the first link.
    pub line: usize,
    pub page: Option<u32>,
    /// The footnotes printed on the same page.
    pub footnotes: Vec<u32>,
    /// In printed order, consecutive duplicates removed.
    pub urls: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Figure {
    pub caption: String,
    pub line: usize,
    pub section: Option<usize>,
}

/// Something a layout parser could not place; the rest of the document is kept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ParseProblem {
    pub doc: String,
    /// 1-based line in the document's text file (0 when not tied to a line).
    pub line: usize,
    pub kind: ProblemKind,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum ProblemKind {
    /// A footnote text whose marker was not found in the body.
    UnplacedFootnote { number: u32 },
    /// Text in a footnote block that belongs to no footnote.
    StrayFootnoteText,
    /// A numbered heading that breaks the numbering order, kept as text.
    HeadingOutOfOrder { number: String },
    /// The file holds no text at all.
    Empty,
}

impl ProblemKind {
    /// A short English description for logs and JSON; the CLI translates.
    pub fn describe(&self) -> String {
        match self {
            ProblemKind::UnplacedFootnote { number } => {
                format!("footnote {number} has no marker in the text")
            }
            ProblemKind::StrayFootnoteText => "text in a footnote block without a number".into(),
            ProblemKind::HeadingOutOfOrder { number } => {
                format!("heading {number} is out of order; kept as text")
            }
            ProblemKind::Empty => "the text file is empty".into(),
        }
    }
}

impl Document {
    pub fn id(&self) -> &str {
        &self.meta.id
    }

    pub fn footnote(&self, number: u32) -> Option<&Footnote> {
        self.footnotes
            .binary_search_by_key(&number, |f| f.number)
            .ok()
            .map(|i| &self.footnotes[i])
    }

    pub fn section(&self, id: &str) -> Option<&Section> {
        self.sections.iter().find(|s| s.id == id)
    }

    /// The ref of paragraph `index` (into `paragraphs`).
    pub fn paragraph_ref(&self, index: usize) -> String {
        let p = &self.paragraphs[index];
        match p.section {
            Some(s) => format!("{}#{}/p{}", self.meta.id, self.sections[s].id, p.number),
            None => format!("{}#p{}", self.meta.id, p.number),
        }
    }

    /// "Document title · 1.1.3 Section title": how a passage is headed on
    /// screen and in exports (not sanitised; callers clean for their output).
    pub fn heading(&self, section: Option<usize>) -> String {
        let title = &self.meta.title;
        match section.map(|s| &self.sections[s]) {
            Some(s) => match &s.number {
                Some(n) => format!("{title} · {n} {}", s.title),
                None => format!("{title} · {}", s.title),
            },
            None => title.clone(),
        }
    }

    pub fn section_ref(&self, index: usize) -> String {
        format!("{}#{}", self.meta.id, self.sections[index].id)
    }
}
