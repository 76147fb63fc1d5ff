use super::*;

pub(super) fn load_sections(sink: &mut Sink, text: &str, top: &Table) -> Vec<Section> {
    let mut seen = HashMap::new();
    let mut out = Vec::new();
    for t in table_items(sink, text, top, "section") {
        t.unknown_keys(sink, "[[section]]", SECTION_KEYS);
        let title = t.text(sink, text, "title", true, false);
        if let Some((id, span)) = unique_id(sink, &t, Code::DuplicateSection, &mut seen, is_id) {
            out.push(Section { id, title, span });
        }
    }
    out
}

pub(super) fn load_groups(sink: &mut Sink, text: &str, top: &Table) -> Vec<Group> {
    let mut seen = HashMap::new();
    let mut out = Vec::new();
    for t in table_items(sink, text, top, "group") {
        t.unknown_keys(sink, "[[group]]", GROUP_KEYS);
        let title = t.text(sink, text, "title", true, false);
        let show_if = show_if(sink, text, &t);
        if let Some((id, span)) = unique_id(sink, &t, Code::DuplicateGroup, &mut seen, is_id) {
            out.push(Group {
                id,
                title,
                show_if: show_if.flatten(),
                span,
            });
        }
    }
    out
}

/// `None` when absent, `Some(None)` when present but unreadable.
pub(super) fn show_if(sink: &mut Sink, text: &str, t: &Table) -> Option<Option<Expr>> {
    let (src, span) = t.string(sink, "show_if", false)?;
    let base = content_start(text, &span, &src);
    let parsed = expr::parse(&src, base.unwrap_or(span.start));
    Some(match parsed {
        Ok(e) => Some(e),
        Err(e) => {
            let at = if base.is_some() { e.span } else { span };
            sink.error(e.code, at, &[("found", &e.found)]);
            None
        }
    })
}

/// Where the characters of a string value start in the file, when they
/// appear there verbatim (no escapes), so expression spans can be exact.
pub(super) fn content_start(text: &str, span: &Range<usize>, value: &str) -> Option<usize> {
    let raw = text.get(span.clone())?;
    let mut start = span.start
        + if raw.starts_with("'''") || raw.starts_with("\"\"\"") {
            3
        } else {
            1
        };
    if raw.len() >= 3 && (raw.starts_with("'''") || raw.starts_with("\"\"\"")) {
        if text[start..].starts_with("\r\n") {
            start += 2;
        } else if text[start..].starts_with('\n') {
            start += 1;
        }
    }
    (text.get(start..start + value.len()) == Some(value)).then_some(start)
}

/// `computed = "age_on(<date question>, YYYY-MM-DD)"`, parsed with exact
/// spans like `show_if`.
pub(super) fn computed(
    sink: &mut Sink,
    text: &str,
    t: &Table,
) -> Option<crate::questionnaire::computed::Computed> {
    let (src, span) = t.string(sink, "computed", false)?;
    let base = content_start(text, &span, &src);
    match crate::questionnaire::computed::parse(&src, base.unwrap_or(span.start)) {
        Ok(c) => Some(c),
        Err(e) => {
            let at = if base.is_some() { e.span } else { span };
            sink.error(e.code, at, &[("found", &e.found)]);
            None
        }
    }
}
