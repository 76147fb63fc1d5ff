use super::*;

/// A numbered heading: "1.1.3.2 Negeren van oproepen – andere maatregelen".
pub(super) fn heading(t: &str) -> Option<(Vec<u32>, String, String)> {
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
pub(super) fn successor(prev: &[u32], next: &[u32]) -> bool {
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

pub(super) fn is_bullet(t: &str) -> Option<&str> {
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
pub(super) fn subheading_like(t: &str) -> bool {
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

pub(super) struct Buf {
    item: Item,
    line_count: usize,
    last_hyphen: bool,
}

pub(super) fn items(
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
