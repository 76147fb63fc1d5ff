//! The record as plain Markdown: readable as text, and safe when a viewer
//! renders it. Running text is escaped only where Markdown or HTML would
//! act on it (emphasis, links, code, `&` and `<`, block markers at a line
//! start); refs are code spans whose fence outgrows any backticks inside.

use super::record::*;
use crate::i18n::{Lang, Strings, fill};
use crate::sanitize::clean_line;

/// Escape one line of running text.
fn inline(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        let word = |j: Option<usize>| {
            j.and_then(|j| chars.get(j))
                .is_some_and(|c| c.is_alphanumeric())
        };
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '\\' | '`' | '*' | '[' | ']' | '~' => {
                out.push('\\');
                out.push(c);
            }
            // snake_case stays as typed: an underscore inside a word
            // never starts emphasis.
            '_' if !(word(i.checked_sub(1)) && word(Some(i + 1))) => out.push_str("\\_"),
            _ => out.push(c),
        }
    }
    out
}

/// Escape a line that starts a block: markers that would make it a heading,
/// quote, list, table or rule are taken literally.
fn line_start(text: &str) -> String {
    let escaped = inline(text);
    let trimmed = escaped.trim_start();
    let indent = &escaped[..escaped.len() - trimmed.len()];
    let first = trimmed.chars().next();
    let numbered = trimmed
        .find(|c: char| !c.is_ascii_digit())
        .filter(|&n| n > 0)
        .filter(|&n| matches!(trimmed[n..].chars().next(), Some('.' | ')')));
    match (first, numbered) {
        (_, Some(n)) => format!("{indent}{}\\{}", &trimmed[..n], &trimmed[n..]),
        (Some('#' | '>' | '-' | '+' | '=' | '|'), _) => format!("{indent}\\{trimmed}"),
        _ => format!("{indent}{trimmed}"),
    }
    .trim_start()
    .to_string()
}

/// Multi-line text as a block quote, line breaks kept.
fn quote(text: &str, indent: &str) -> String {
    let mut out = String::new();
    for line in text.trim_end().lines() {
        if line.trim().is_empty() {
            out.push_str(&format!("{indent}>\n"));
        } else {
            out.push_str(&format!("{indent}> {}  \n", line_start(line)));
        }
    }
    out
}

/// A code span that no backtick inside can close early.
fn code(text: &str) -> String {
    let text = clean_line(text);
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    let pad = if text.starts_with('`') || text.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{text}{pad}{fence}")
}

/// A label and a value that may span lines.
fn field(out: &mut String, label: &str, text: &str) {
    if text.contains('\n') {
        out.push_str(&format!("- **{label}:**\n\n{}\n", quote(text, "  ")));
    } else {
        out.push_str(&format!("- **{label}:** {}\n", inline(text)));
    }
}

fn item(out: &mut String, it: &Item, level: usize, lang: Lang) {
    let r = &Strings::get(lang).record;
    out.push_str(&format!("{} {}\n\n", "#".repeat(level), inline(&it.text)));
    if let Some(why) = &it.kept_why {
        out.push_str(&format!("*{}*\n\n", inline(why)));
    }
    if let Some(d) = &it.derived {
        field(out, &r.derived, &d.text);
    }
    let Some(a) = &it.answer else {
        if it.derived.is_some() {
            out.push('\n');
            return;
        }
        let what = if it.required {
            &r.open_required
        } else {
            &r.not_answered
        };
        out.push_str(&format!("- **{}**\n\n", inline(what)));
        return;
    };
    if let Some(v) = &a.value {
        field(out, &r.answer, &v.text);
    }
    if a.status_only {
        field(out, &r.answer_status, &a.status);
    }
    if a.value.is_none() && !a.status_only && it.required {
        out.push_str(&format!("- **{}**\n", inline(&r.open_required)));
    }
    if a.flagged {
        out.push_str(&format!("- **{}**\n", inline(&r.flagged)));
    }
    if let Some(g) = &a.given {
        field(out, &r.given, &g.text);
    }
    field(out, &r.last_changed, &a.updated.text);
    if let Some(c) = &a.changed {
        let label = fill(&r.changed_since, &[("date", &c.since.text)]);
        field(out, &label, &format!("{}: {}", r.changed_before, c.before));
    }
    if !a.note.trim().is_empty() {
        field(out, &r.note, &a.note);
    }
    if !a.cited.is_empty() {
        out.push_str(&format!("- **{}:**\n", inline(&r.sources)));
        for c in &a.cited {
            let mark = c
                .mark
                .as_ref()
                .map_or_else(String::new, |m| format!(" — **⚠ {}**", inline(m)));
            match &c.title {
                Some(t) => out.push_str(&format!(
                    "  - {} — {}{mark}\n",
                    code(&c.reference),
                    inline(t)
                )),
                None => out.push_str(&format!("  - {}{mark}\n", code(&c.reference))),
            }
            if let Some(text) = &c.text {
                out.push('\n');
                out.push_str(&quote(text, "    "));
                out.push('\n');
            }
            // What the interviewer saw, when it was kept and differs now.
            if let Some(text) = &c.as_cited {
                let e = &Strings::get(lang).edition;
                out.push_str(&format!("\n    *{}:*\n\n", inline(&e.citation_stored)));
                out.push_str(&quote(text, "    "));
                out.push('\n');
            }
        }
    }
    for m in &a.amendments {
        let meta = fill(
            &r.amendment_meta,
            &[("at", &m.at.text), ("by", &m.by), ("source", &m.source)],
        );
        out.push_str(&format!(
            "- **{}** ({})\n",
            inline(&r.amendment),
            inline(&meta)
        ));
        if let Some(v) = &m.value {
            out.push_str(&format!(
                "  - **{}:** {}\n",
                inline(&r.answer),
                inline(&v.text)
            ));
        }
        if !m.text.trim().is_empty() {
            out.push('\n');
            out.push_str(&quote(&m.text, "  "));
        }
    }
    if !it.comments.is_empty() {
        out.push_str(&format!("- **{}:**\n", inline(&r.comments)));
        for c in &it.comments {
            comment(out, c, "  ", lang);
        }
    }
    out.push('\n');
}

fn comment(out: &mut String, c: &CommentLine, indent: &str, lang: Lang) {
    let r = &Strings::get(lang).record;
    let meta = fill(
        &r.comment_meta,
        &[("author", &c.author), ("at", &c.at.text)],
    );
    out.push_str(&format!("{indent}- {}:\n\n", inline(&meta)));
    out.push_str(&quote(&c.text, &format!("{indent}  ")));
    out.push('\n');
}

/// The record as Markdown, in the session's language.
pub fn markdown(rec: &Record, lang: Lang) -> String {
    let r = &Strings::get(lang).record;
    let h = &rec.header;
    let mut out = format!("# {}: {}\n\n", inline(&r.title), inline(&h.case_ref));
    field(&mut out, &r.case, &h.case_ref);
    out.push_str(&format!(
        "- **{}:** {}\n",
        inline(&r.session_id),
        code(&h.session_id)
    ));
    field(&mut out, &r.interviewer, &h.interviewer);
    field(&mut out, &r.language, &h.lang);
    if let Some(p) = &h.profile {
        field(&mut out, &r.profile, &format!("{} ({})", p.title, p.id));
    }
    let topics: Vec<&str> = h.topics.iter().map(|t| t.title.as_str()).collect();
    field(&mut out, &r.topics, &topics.join(", "));
    out.push_str(&format!("- **{}:**\n", inline(&r.questionnaires)));
    for q in &h.questionnaires {
        let mut line = fill(
            &r.questionnaire_line,
            &[
                ("title", &q.title),
                ("id", &q.id),
                ("version", &q.version.to_string()),
                ("hash", &q.hash),
            ],
        );
        if q.changed {
            line = format!("{line} ({})", r.questionnaire_changed);
        }
        out.push_str(&format!("  - {}\n", inline(&line)));
    }
    field(&mut out, &r.status, &h.status);
    field(&mut out, &r.created, &h.created.text);
    if let Some(s) = &h.submitted {
        field(&mut out, &r.submitted, &s.text);
    }
    if let Some(s) = &h.approved {
        field(&mut out, &r.approved, &s.text);
    }
    field(&mut out, &r.updated, &h.updated.text);
    let p = &h.progress;
    out.push_str(&format!("- {}\n\n", inline(&p.sentence(&r.progress))));
    if !h.note.trim().is_empty() {
        out.push_str(&format!(
            "## {}\n\n{}\n",
            inline(&r.session_note),
            quote(&h.note, "")
        ));
    }
    for t in &rec.topics {
        out.push_str(&format!("## {}\n\n", inline(&t.named.title)));
        for s in &t.sections {
            let level = if let Some(n) = &s.named {
                out.push_str(&format!("### {}\n\n", inline(&n.title)));
                4
            } else {
                3
            };
            for part in &s.parts {
                match part {
                    Part::Question(it) => item(&mut out, it, level, lang),
                    Part::Group(g) => {
                        for n in &g.instances {
                            out.push_str(&format!(
                                "{} {}\n\n",
                                "#".repeat(level),
                                inline(&n.heading)
                            ));
                            for it in &n.items {
                                item(&mut out, it, level + 1, lang);
                            }
                        }
                    }
                }
            }
        }
    }
    if !rec.kept.is_empty() {
        out.push_str(&format!("## {}\n\n", inline(&r.kept)));
        for it in &rec.kept {
            item(&mut out, it, 3, lang);
        }
    }
    if let Some(ch) = &rec.changes {
        out.push_str(&format!(
            "## {}\n\n",
            inline(&fill(&r.changes, &[("date", &ch.since.text)]))
        ));
        if ch.lines.is_empty() {
            out.push_str(&format!(
                "{}\n\n",
                inline(&fill(&r.changes_none, &[("date", &ch.since.text)]))
            ));
        }
        for l in &ch.lines {
            out.push_str(&format!("- **{}**\n", inline(&l.text)));
            out.push_str(&format!(
                "  - {}: {}\n",
                inline(&r.before),
                inline(&l.before)
            ));
            out.push_str(&format!("  - {}: {}\n", inline(&r.after), inline(&l.after)));
        }
        if !ch.lines.is_empty() {
            out.push('\n');
        }
    }
    let keys: Vec<&str> = rec.items().map(|i| i.key.as_str()).collect();
    let general: Vec<&CommentLine> = rec
        .comments
        .iter()
        .filter(|c| c.target.as_deref().is_none_or(|t| !keys.contains(&t)))
        .collect();
    if !general.is_empty() {
        out.push_str(&format!("## {}\n\n", inline(&r.comments)));
        for c in general {
            comment(&mut out, c, "", lang);
        }
    }
    if !rec.history.is_empty() {
        out.push_str(&format!("## {}\n\n", inline(&r.history)));
        for h in &rec.history {
            let line = fill(
                &r.history_line,
                &[
                    ("at", &h.at.text),
                    ("from", &h.from),
                    ("to", &h.to),
                    ("by", &h.by),
                ],
            );
            out.push_str(&format!("- {}", inline(&line)));
            if let Some(reason) = &h.reason {
                out.push_str(&format!(
                    "; {}:\n\n{}",
                    inline(&r.reason),
                    quote(reason, "  ")
                ));
            }
            out.push('\n');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_stops_markup_and_keeps_words() {
        assert_eq!(inline("snake_case & <b>"), "snake_case &amp; &lt;b>");
        assert_eq!(
            inline("*bold* _em_ [l](x)"),
            "\\*bold\\* \\_em\\_ \\[l\\](x)"
        );
        assert_eq!(line_start("# not a heading"), "\\# not a heading");
        assert_eq!(line_start("1. not a list"), "1\\. not a list");
        assert_eq!(line_start("- item"), "\\- item");
        assert_eq!(code("a`b"), "``a`b``");
        assert_eq!(code("`x"), "`` `x ``");
    }
}
