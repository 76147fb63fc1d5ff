//! The `letter`, `press_release` and `article` layouts: documents without
//! numbered sections, paragraphs separated by blank lines (or one per line).

use super::meta::{Layout, LineHyphen};
use super::model::{Footnote, ParagraphKind};
use super::parsed::{Item, ItemKind, Parsed};
use super::text::{ends_terminal, join_line, urls_in};

pub fn parse(text: &str, layout: Layout, hyphen: LineHyphen) -> Parsed {
    let markdown = layout == Layout::PressRelease;
    let mut items: Vec<Item> = Vec::new();
    let mut notes: Vec<Footnote> = Vec::new();
    let mut cur: Option<(Item, bool)> = None; // (item, last line ended in '-')
    let mut list_next: Option<u32> = None; // next number of an open numbered list

    let flush = |cur: &mut Option<(Item, bool)>, items: &mut Vec<Item>| {
        if let Some((item, _)) = cur.take()
            && !item.text.trim().is_empty()
        {
            items.push(item);
        }
    };

    for (i, raw) in text.split('\n').enumerate() {
        let no = i + 1;
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        let mut t = raw.trim();
        if no == 1 && layout == Layout::Article {
            t = strip_date_prefix(t);
        }
        if t.is_empty() {
            // A numbered list may resume after a blank line.
            if cur
                .as_ref()
                .is_some_and(|(c, _)| list_next.is_none() || c.kind != list_kind())
            {
                flush(&mut cur, &mut items);
            }
            continue;
        }
        if markdown && let Some((number, rest)) = note_definition(t) {
            notes.push(Footnote {
                number,
                urls: urls_in(rest),
                text: rest.trim_matches(['<', '>', ' ']).to_string(),
                confidential: false,
                line: no,
                page: None,
            });
            continue;
        }
        let clean = if markdown { unmark(t) } else { t.to_string() };
        let (clean, marks) = if markdown {
            take_markers(&clean)
        } else {
            (clean, Vec::new())
        };
        if layout == Layout::Article {
            flush(&mut cur, &mut items);
            items.push(item(ItemKind::Para(ParagraphKind::Text), clean, no, marks));
            continue;
        }
        if markdown && let Some(n) = numbered(&clean) {
            let continues =
                list_next == Some(n) && cur.as_ref().is_some_and(|(c, _)| c.kind == list_kind());
            if continues {
                let (c, _) = cur.as_mut().expect("checked");
                c.text.push('\n');
                c.text.push_str(&clean);
                c.lines.1 = no;
                c.footnotes.extend(marks);
            } else {
                flush(&mut cur, &mut items);
                cur = Some((item(list_kind(), clean, no, marks), false));
            }
            list_next = Some(n + 1);
            continue;
        }
        if list_next.is_some() {
            list_next = None;
            flush(&mut cur, &mut items);
        }
        if markdown && let Some(rest) = clean.strip_prefix("- ") {
            flush(&mut cur, &mut items);
            let rest = rest.trim().to_string();
            cur = Some((
                item(ItemKind::Para(ParagraphKind::ListItem), rest, no, marks),
                false,
            ));
            continue;
        }
        match cur.as_mut() {
            Some((c, last_hyphen)) if c.kind == ItemKind::Para(ParagraphKind::Text) => {
                join_line(&mut c.text, &clean, *last_hyphen, hyphen);
                c.lines.1 = no;
                c.footnotes.extend(marks);
                *last_hyphen = raw.ends_with('-');
            }
            _ => {
                flush(&mut cur, &mut items);
                let it = item(ItemKind::Para(ParagraphKind::Text), clean, no, marks);
                cur = Some((it, raw.ends_with('-')));
            }
        }
    }
    flush(&mut cur, &mut items);
    mark_subheadings(&mut items);
    notes.sort_by_key(|n| n.number);
    notes.dedup_by_key(|n| n.number);
    let mut parsed = Parsed::from_items(items);
    parsed.footnotes = notes;
    parsed
}

fn list_kind() -> ItemKind {
    ItemKind::Para(ParagraphKind::ListItem)
}

fn item(kind: ItemKind, text: String, no: usize, footnotes: Vec<u32>) -> Item {
    Item {
        kind,
        text,
        lines: (no, no),
        page: None,
        footnotes,
    }
}

/// After the front matter (title, date) is over, a one-line paragraph
/// without closing punctuation is a sub-heading of the paragraph below.
fn mark_subheadings(items: &mut [Item]) {
    let Some(body_start) = items.iter().position(|i| ends_terminal(&i.text)) else {
        return;
    };
    for i in body_start + 1..items.len() {
        let it = &items[i];
        let next_is_para = items
            .get(i + 1)
            .is_some_and(|n| matches!(n.kind, ItemKind::Para(_)));
        if it.kind == ItemKind::Para(ParagraphKind::Text)
            && it.lines.0 == it.lines.1
            && !ends_terminal(&it.text)
            && !it.text.ends_with(',')
            && it.text.chars().count() <= 90
            && next_is_para
        {
            items[i].kind = ItemKind::SubHeading;
        }
    }
}

/// " date 2025-11-10 De 21-jarige …" → "De 21-jarige …".
fn strip_date_prefix(t: &str) -> &str {
    match t.strip_prefix("date ") {
        // `get`, not `[..10]`: byte 10 may fall inside a character
        // ("date 12 июня …"), and a first line is any text at all.
        Some(rest)
            if rest.len() > 10
                && rest
                    .get(..10)
                    .is_some_and(|d| d.parse::<jiff::civil::Date>().is_ok()) =>
        {
            rest[10..].trim_start()
        }
        _ => t,
    }
}

/// "¹ <https://…>" or "[1] <https://…>": a footnote definition.
fn note_definition(t: &str) -> Option<(u32, &str)> {
    if let Some(rest) = t.strip_prefix('[') {
        let (n, rest) = rest.split_once(']')?;
        return Some((n.parse().ok()?, rest.trim()));
    }
    let digits: String = t.chars().map_while(superscript).collect();
    if digits.is_empty() {
        return None;
    }
    let rest = &t[t.char_indices().nth(digits.chars().count())?.0..];
    rest.starts_with(' ')
        .then(|| Some((digits.parse().ok()?, rest.trim())))
        .flatten()
}

fn superscript(c: char) -> Option<char> {
    Some(match c {
        '⁰' => '0',
        '¹' => '1',
        '²' => '2',
        '³' => '3',
        '⁴' => '4',
        '⁵' => '5',
        '⁶' => '6',
        '⁷' => '7',
        '⁸' => '8',
        '⁹' => '9',
        _ => return None,
    })
}

/// Remove footnote markers (`10¹.`, `10[1] naar`) and return their numbers.
fn take_markers(t: &str) -> (String, Vec<u32>) {
    let mut out = String::with_capacity(t.len());
    let mut marks = Vec::new();
    let mut chars = t.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if superscript(c).is_some() {
            let mut digits = String::new();
            digits.extend(superscript(c));
            while let Some(&(_, d)) = chars.peek() {
                match superscript(d) {
                    Some(x) => {
                        digits.push(x);
                        chars.next();
                    }
                    None => break,
                }
            }
            marks.extend(digits.parse::<u32>().ok());
            continue;
        }
        if c == '['
            && let Some(close) = t[i..].find(']')
            && let Ok(n) = t[i + 1..i + close].parse::<u32>()
        {
            marks.push(n);
            while chars.peek().is_some_and(|&(j, _)| j <= i + close) {
                chars.next();
            }
            continue;
        }
        out.push(c);
    }
    (out, marks)
}

/// "N. text": an item of a numbered list.
fn numbered(t: &str) -> Option<u32> {
    let (n, rest) = t.split_once(". ")?;
    (!rest.is_empty() && n.len() <= 3)
        .then(|| n.parse().ok())
        .flatten()
}

/// Strip markdown emphasis: `**bold**`, `*italic*`, the malformed `- * …**`.
fn unmark(t: &str) -> String {
    let t = t.replace("**", "");
    let t = match t.strip_prefix("- * ") {
        Some(rest) => format!("- {rest}"),
        None => t,
    };
    let chars: Vec<char> = t.chars().collect();
    let mut out = String::with_capacity(t.len());
    for (i, &c) in chars.iter().enumerate() {
        if c == '*' {
            let before = i.checked_sub(1).map(|j| chars[j]);
            let after = chars.get(i + 1).copied();
            let word = |x: Option<char>| x.is_some_and(char::is_alphanumeric);
            // "Kriegsdienstgegner*innen" keeps its star; emphasis stars do not.
            if !(word(before) && word(after)) {
                continue;
            }
        }
        out.push(c);
    }
    out.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Found by the `corpus_parse` fuzz target: the first line of an
    /// article with a multi-byte character across byte 10 after "date "
    /// panicked instead of being kept as text.
    #[test]
    fn date_prefix_check_does_not_split_a_character() {
        let line = std::str::from_utf8(b"date 20= \"pre\xef\xbf\xbds_release").unwrap();
        assert_eq!(strip_date_prefix(line), line);
        assert_eq!(
            strip_date_prefix("date 12 июня 2025 Text"),
            "date 12 июня 2025 Text"
        );
        let parsed = parse(
            "date 12 июня 2025 Één alinea.\n",
            Layout::Article,
            LineHyphen::Keep,
        );
        assert!(parsed.paragraphs.iter().any(|p| p.text.contains("июня")));
    }

    #[test]
    fn markdown_and_markers() {
        assert_eq!(unmark("- * te onderzoeken;**"), "- te onderzoeken;");
        assert_eq!(
            unmark("RESISTER *MAKSIM KUZMIN* TO"),
            "RESISTER MAKSIM KUZMIN TO"
        );
        assert_eq!(
            unmark("Kriegsdienstgegner*innen (IDK)"),
            "Kriegsdienstgegner*innen (IDK)"
        );
        assert_eq!(take_markers("n. 10¹."), ("n. 10.".to_string(), vec![1]));
        assert_eq!(
            take_markers("nr. 10[1] naar"),
            ("nr. 10 naar".to_string(), vec![1])
        );
        assert_eq!(
            note_definition("¹ <https://x.org>"),
            Some((1, "<https://x.org>"))
        );
        assert_eq!(
            note_definition("[1] <https://x.org>"),
            Some((1, "<https://x.org>"))
        );
        assert_eq!(numbered("16. FOR Zimbabwe"), Some(16));
        assert_eq!(
            strip_date_prefix("date 2025-11-10 De 21-jarige"),
            "De 21-jarige"
        );
    }
}
