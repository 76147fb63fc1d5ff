//! What every layout parser produces: a flat list of items, folded here
//! into sections, paragraphs (with their sub-headings) and figures.

use super::model::{Figure, Footnote, LinkList, Paragraph, ParagraphKind, ProblemKind, Section};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ItemKind {
    Heading {
        id: String,
        number: Option<String>,
        level: usize,
    },
    Para(ParagraphKind),
    SubHeading,
    Caption,
}

#[derive(Debug, Clone)]
pub struct Item {
    pub kind: ItemKind,
    pub text: String,
    pub lines: (usize, usize),
    pub page: Option<u32>,
    pub footnotes: Vec<u32>,
}

#[derive(Debug, Default)]
pub struct Parsed {
    pub sections: Vec<Section>,
    pub paragraphs: Vec<Paragraph>,
    pub footnotes: Vec<Footnote>,
    pub figures: Vec<Figure>,
    pub link_lists: Vec<LinkList>,
    pub problems: Vec<(usize, ProblemKind)>,
}

impl Parsed {
    pub fn from_items(items: Vec<Item>) -> Parsed {
        let mut p = Parsed::default();
        let mut current: Option<usize> = None;
        let mut pending_sub: Option<Item> = None;
        let mut count_outside = 0usize;
        let mut items = items.into_iter().peekable();
        while let Some(item) = items.next() {
            match item.kind {
                ItemKind::Heading { id, number, level } => {
                    if let Some(sub) = pending_sub.take() {
                        push_para(&mut p, current, sub, None, &mut count_outside);
                    }
                    close(&mut p, current);
                    let parent = p.sections.iter().rposition(|s| {
                        s.level < level
                            && match (&s.number, &number) {
                                (Some(a), Some(b)) => b.starts_with(&format!("{a}.")),
                                _ => false,
                            }
                    });
                    p.sections.push(Section {
                        id,
                        number,
                        title: item.text,
                        level,
                        parent,
                        line: item.lines.0,
                        page: item.page,
                        paragraphs: p.paragraphs.len()..p.paragraphs.len(),
                    });
                    current = Some(p.sections.len() - 1);
                }
                ItemKind::SubHeading => {
                    let next_is_para =
                        matches!(items.peek().map(|i| &i.kind), Some(ItemKind::Para(_)));
                    if next_is_para {
                        if let Some(prev) = pending_sub.take() {
                            push_para(&mut p, current, prev, None, &mut count_outside);
                        }
                        pending_sub = Some(item);
                    } else {
                        push_para(&mut p, current, item, None, &mut count_outside);
                    }
                }
                ItemKind::Para(_) => {
                    let sub = pending_sub.take();
                    push_para(&mut p, current, item, sub, &mut count_outside);
                }
                ItemKind::Caption => p.figures.push(super::report::figure(&item, current)),
            }
        }
        if let Some(sub) = pending_sub.take() {
            push_para(&mut p, current, sub, None, &mut count_outside);
        }
        close(&mut p, current);
        p
    }
}

fn close(p: &mut Parsed, current: Option<usize>) {
    if let Some(s) = current {
        p.sections[s].paragraphs.end = p.paragraphs.len();
    }
}

fn push_para(
    p: &mut Parsed,
    section: Option<usize>,
    item: Item,
    sub: Option<Item>,
    count_outside: &mut usize,
) {
    let number = match section {
        Some(s) => p.paragraphs.len() - p.sections[s].paragraphs.start + 1,
        None => {
            *count_outside += 1;
            *count_outside
        }
    };
    let kind = match item.kind {
        ItemKind::Para(k) => k,
        _ => ParagraphKind::Text,
    };
    let mut footnotes = Vec::new();
    let mut lines = item.lines;
    let mut page = item.page;
    let subheading = sub.map(|s| {
        footnotes.extend(s.footnotes);
        lines.0 = s.lines.0;
        page = s.page.or(page);
        s.text
    });
    footnotes.extend(item.footnotes);
    p.paragraphs.push(Paragraph {
        section,
        number,
        kind,
        text: item.text,
        subheading,
        lines,
        page,
        footnotes,
    });
}
