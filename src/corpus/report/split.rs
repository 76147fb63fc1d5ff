use super::*;

pub(super) fn split<'a>(lines: &[&'a str], hyphen: LineHyphen) -> Split<'a> {
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
pub(super) fn starts_block(
    lines: &[&str],
    j: usize,
    expected: u32,
    last: Option<&RawNote>,
) -> bool {
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
pub(in crate::corpus) fn note_number(raw: &str) -> Option<u32> {
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

pub(in crate::corpus) fn is_header(t: &str) -> bool {
    t.ends_with('|') && t.contains(" | ")
}

pub(in crate::corpus) fn pagina(t: &str) -> Option<u32> {
    let rest = t.strip_prefix("Pagina ")?;
    let (page, total) = rest.split_once(" van ")?;
    total.trim().parse::<u32>().ok()?;
    page.trim().parse().ok()
}
