//! The record as one self-contained HTML file: inline CSS, no scripts, a
//! Content-Security-Policy that forbids loading anything, and print rules
//! for A4 with the case reference and "page N of M" on every page.

use super::record::*;
use crate::i18n::{Lang, Strings, fill};

const CSS: &str = include_str!("record.css");

/// Text as HTML character data or attribute value.
fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// Text as a CSS string literal: anything but letters, digits and spaces is
/// a hex escape, so nothing can end the string or the style element.
fn css_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        if c.is_alphanumeric() || c == ' ' || c == '-' || c == '.' {
            out.push(c);
        } else {
            out.push_str(&format!("\\{:x} ", u32::from(c)));
        }
    }
    out.push('"');
    out
}

fn text_block(text: &str) -> String {
    format!("<span class=\"text\">{}</span>", esc(text.trim_end()))
}

fn row(out: &mut String, label: &str, value_html: &str) {
    out.push_str(&format!("<dt>{}</dt><dd>{value_html}</dd>\n", esc(label)));
}

fn item(out: &mut String, it: &Item, level: usize, lang: Lang) {
    let r = &Strings::get(lang).record;
    let open = it.is_open_required();
    out.push_str(&format!(
        "<div class=\"q{}\" id=\"{}\">\n<h{level}>{}</h{level}>\n",
        if open { " open" } else { "" },
        esc(&format!("q-{}", crate::sanitize::clean_line(&it.key))),
        esc(&it.text)
    ));
    if let Some(why) = &it.kept_why {
        out.push_str(&format!("<p class=\"why\">{}</p>\n", esc(why)));
    }
    if let Some(d) = &it.derived {
        out.push_str(&format!(
            "<dl>\n<dt>{}</dt><dd>{}</dd>\n</dl>\n",
            esc(&r.derived),
            esc(&d.text)
        ));
    }
    let Some(a) = &it.answer else {
        if it.derived.is_some() {
            out.push_str("</div>\n");
            return;
        }
        let (class, what) = if it.required {
            ("open-mark", &r.open_required)
        } else {
            ("why", &r.not_answered)
        };
        out.push_str(&format!("<p class=\"{class}\">{}</p>\n</div>\n", esc(what)));
        return;
    };
    let mut dl = String::new();
    let answer_html = a.value.as_ref().map(|v| text_block(&v.text));
    if let (true, Some(v)) = (a.amendments.is_empty(), &answer_html) {
        row(&mut dl, &r.answer, v);
    }
    if a.status_only {
        row(&mut dl, &r.answer_status, &esc(&a.status));
    }
    if open {
        row(
            &mut dl,
            &r.answer,
            &format!("<span class=\"open-mark\">{}</span>", esc(&r.open_required)),
        );
    }
    if a.flagged {
        row(&mut dl, &r.flagged, "✓");
    }
    if let Some(g) = &a.given {
        row(&mut dl, &r.given, &esc(&g.text));
    }
    row(&mut dl, &r.last_changed, &esc(&a.updated.text));
    if let Some(c) = &a.changed {
        row(
            &mut dl,
            &fill(&r.changed_since, &[("date", &c.since.text)]),
            &format!(
                "<span class=\"changed\">{}: {}</span>",
                esc(&r.changed_before),
                esc(&c.before)
            ),
        );
    }
    if !a.note.trim().is_empty() {
        row(&mut dl, &r.note, &text_block(&a.note));
    }
    out.push_str(&format!("<dl>\n{dl}</dl>\n"));
    if !a.amendments.is_empty() {
        out.push_str("<div class=\"sidebyside\">\n");
        out.push_str(&format!(
            "<div><h6>{}</h6>{}</div>\n<div>",
            esc(&r.original),
            answer_html.unwrap_or_else(|| esc(&r.not_answered))
        ));
        for m in &a.amendments {
            let meta = fill(
                &r.amendment_meta,
                &[("at", &m.at.text), ("by", &m.by), ("source", &m.source)],
            );
            out.push_str(&format!("<h6>{} · {}</h6>", esc(&r.amendment), esc(&meta)));
            if let Some(v) = &m.value {
                out.push_str(&format!("<p>{}</p>", text_block(&v.text)));
            }
            if !m.text.trim().is_empty() {
                out.push_str(&format!("<p>{}</p>", text_block(&m.text)));
            }
        }
        out.push_str("</div>\n</div>\n");
    }
    if !a.cited.is_empty() {
        out.push_str(&format!(
            "<p class=\"mark\">{}</p>\n<ul>\n",
            esc(&r.sources)
        ));
        for c in &a.cited {
            out.push_str(&format!(
                "<li><span class=\"ref\">{}</span>",
                esc(&c.reference)
            ));
            if let Some(t) = &c.title {
                out.push_str(&format!(" — {}", esc(t)));
            }
            if let Some(m) = &c.mark {
                out.push_str(&format!(" <strong class=\"mark\">⚠ {}</strong>", esc(m)));
            }
            if let Some(t) = &c.text {
                out.push_str(&format!("<blockquote>{}</blockquote>", text_block(t)));
            }
            if let Some(t) = &c.as_cited {
                let e = &Strings::get(lang).edition;
                out.push_str(&format!(
                    "<p class=\"mark\">{}:</p><blockquote>{}</blockquote>",
                    esc(&e.citation_stored),
                    text_block(t)
                ));
            }
            out.push_str("</li>\n");
        }
        out.push_str("</ul>\n");
    }
    if !it.comments.is_empty() {
        out.push_str(&format!(
            "<p class=\"mark\">{}</p>\n<ul>\n",
            esc(&r.comments)
        ));
        for c in &it.comments {
            comment(out, c, lang);
        }
        out.push_str("</ul>\n");
    }
    out.push_str("</div>\n");
}

fn comment(out: &mut String, c: &CommentLine, lang: Lang) {
    let r = &Strings::get(lang).record;
    let meta = fill(
        &r.comment_meta,
        &[("author", &c.author), ("at", &c.at.text)],
    );
    out.push_str(&format!(
        "<li>{}: {}</li>\n",
        esc(&meta),
        text_block(&c.text)
    ));
}

fn page_css(rec: &Record, lang: Lang) -> String {
    let r = &Strings::get(lang).record;
    format!(
        "@page {{\n  @top-left {{ content: {}; font-size: 8.5pt; color: #444; }}\n  \
         @top-right {{ content: {}; font-size: 8.5pt; color: #444; }}\n  \
         @bottom-center {{ content: {} \" \" counter(page) \" \" {} \" \" counter(pages); font-size: 8.5pt; }}\n}}\n",
        css_string(&fill(&r.footer, &[("case", &rec.header.case_ref)])),
        css_string(&rec.header.session_id),
        css_string(&r.page),
        css_string(&r.page_of),
    )
}

/// The record as a self-contained HTML document.
pub fn html(rec: &Record, lang: Lang) -> String {
    let r = &Strings::get(lang).record;
    let h = &rec.header;
    let title = format!("{}: {}", r.title, h.case_ref);
    let mut out = format!(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<style>\n{CSS}{}</style>\n</head>\n<body>\n<header>\n<h1>{}</h1>\n<dl class=\"meta\">\n",
        lang.code(),
        esc(&title),
        page_css(rec, lang),
        esc(&title),
    );
    row(&mut out, &r.case, &esc(&h.case_ref));
    row(
        &mut out,
        &r.session_id,
        &format!("<span class=\"ref\">{}</span>", esc(&h.session_id)),
    );
    row(&mut out, &r.interviewer, &esc(&h.interviewer));
    row(&mut out, &r.language, &esc(&h.lang));
    if let Some(p) = &h.profile {
        row(
            &mut out,
            &r.profile,
            &esc(&format!("{} ({})", p.title, p.id)),
        );
    }
    let topics: Vec<&str> = h.topics.iter().map(|t| t.title.as_str()).collect();
    row(&mut out, &r.topics, &esc(&topics.join(", ")));
    let qs: Vec<String> = h
        .questionnaires
        .iter()
        .map(|q| {
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
            format!("<span class=\"ref\">{}</span>", esc(&line))
        })
        .collect();
    row(&mut out, &r.questionnaires, &qs.join("<br>"));
    row(&mut out, &r.status, &esc(&h.status));
    row(&mut out, &r.created, &esc(&h.created.text));
    if let Some(s) = &h.submitted {
        row(&mut out, &r.submitted, &esc(&s.text));
    }
    if let Some(s) = &h.approved {
        row(&mut out, &r.approved, &esc(&s.text));
    }
    row(&mut out, &r.updated, &esc(&h.updated.text));
    let p = &h.progress;
    out.push_str(&format!(
        "</dl>\n<p>{}</p>\n</header>\n",
        esc(&p.sentence(&r.progress))
    ));
    if !h.note.trim().is_empty() {
        out.push_str(&format!(
            "<section>\n<h2>{}</h2>\n<p>{}</p>\n</section>\n",
            esc(&r.session_note),
            text_block(&h.note)
        ));
    }
    for t in &rec.topics {
        out.push_str(&format!("<section>\n<h2>{}</h2>\n", esc(&t.named.title)));
        for s in &t.sections {
            let level = if let Some(n) = &s.named {
                out.push_str(&format!("<h3>{}</h3>\n", esc(&n.title)));
                4
            } else {
                3
            };
            for part in &s.parts {
                match part {
                    Part::Question(it) => item(&mut out, it, level, lang),
                    Part::Group(g) => {
                        for n in &g.instances {
                            out.push_str(&format!("<h{level}>{}</h{level}>\n", esc(&n.heading)));
                            for it in &n.items {
                                item(&mut out, it, (level + 1).min(6), lang);
                            }
                        }
                    }
                }
            }
        }
        out.push_str("</section>\n");
    }
    if !rec.kept.is_empty() {
        out.push_str(&format!("<section>\n<h2>{}</h2>\n", esc(&r.kept)));
        for it in &rec.kept {
            item(&mut out, it, 3, lang);
        }
        out.push_str("</section>\n");
    }
    if let Some(ch) = &rec.changes {
        out.push_str(&format!(
            "<section>\n<h2>{}</h2>\n",
            esc(&fill(&r.changes, &[("date", &ch.since.text)]))
        ));
        if ch.lines.is_empty() {
            out.push_str(&format!(
                "<p>{}</p>\n",
                esc(&fill(&r.changes_none, &[("date", &ch.since.text)]))
            ));
        } else {
            out.push_str("<ul>\n");
            for l in &ch.lines {
                out.push_str(&format!(
                    "<li><strong>{}</strong><br>{}: {}<br>{}: {}</li>\n",
                    esc(&l.text),
                    esc(&r.before),
                    text_block(&l.before),
                    esc(&r.after),
                    text_block(&l.after)
                ));
            }
            out.push_str("</ul>\n");
        }
        out.push_str("</section>\n");
    }
    let keys: Vec<&str> = rec.items().map(|i| i.key.as_str()).collect();
    let general: Vec<&CommentLine> = rec
        .comments
        .iter()
        .filter(|c| c.target.as_deref().is_none_or(|t| !keys.contains(&t)))
        .collect();
    if !general.is_empty() {
        out.push_str(&format!("<section>\n<h2>{}</h2>\n<ul>\n", esc(&r.comments)));
        for c in general {
            comment(&mut out, c, lang);
        }
        out.push_str("</ul>\n</section>\n");
    }
    if !rec.history.is_empty() {
        out.push_str(&format!("<section>\n<h2>{}</h2>\n<ul>\n", esc(&r.history)));
        for hl in &rec.history {
            let line = fill(
                &r.history_line,
                &[
                    ("at", &hl.at.text),
                    ("from", &hl.from),
                    ("to", &hl.to),
                    ("by", &hl.by),
                ],
            );
            out.push_str(&format!("<li>{}", esc(&line)));
            if let Some(reason) = &hl.reason {
                out.push_str(&format!("; {}: {}", esc(&r.reason), text_block(reason)));
            }
            out.push_str("</li>\n");
        }
        out.push_str("</ul>\n</section>\n");
    }
    out.push_str("</body>\n</html>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nothing_can_leave_a_string_or_an_element() {
        assert_eq!(esc("<b>&\"'"), "&lt;b&gt;&amp;&quot;&#39;");
        let s = css_string("a\"}</style>");
        assert!(!s[1..s.len() - 1].contains(['"', '<', '}']), "{s}");
    }
}
