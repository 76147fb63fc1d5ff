//! The timeline overlay's lines, in the user's language.

use crate::i18n::{Lang, Strings, fill};
use crate::interview::timeline::{self, Flag};
use crate::notes::{Session, parse_answer_key};
use crate::questionnaire::Catalog;

fn label(catalog: &Catalog, key: &str, lang: Lang) -> String {
    let (full_id, instance) = parse_answer_key(key);
    let text = catalog
        .question(full_id)
        .map_or(full_id.to_string(), |(_, q)| {
            crate::sanitize::clean_line(q.text.get(lang))
        });
    match instance {
        Some(n) => format!("{text} (#{n})"),
        None => text,
    }
}

/// The chronology of dates, then the session's status history and its
/// session-wide comments: everything a reviewer reads in order.
/// Each line comes with the answer it is about, when there is one.
pub fn lines(
    catalog: &Catalog,
    session: &Session,
    lang: Lang,
    s: &Strings,
) -> Vec<(String, Option<String>)> {
    let mut out = chronology(catalog, session, lang, s);
    out.extend(record(session, s).into_iter().map(|l| (l, None)));
    out
}

/// The status history and the session-wide comments.
fn record(session: &Session, s: &Strings) -> Vec<String> {
    let mut out = vec![String::new()];
    out.push(s.tui.history_title.clone());
    if session.history.is_empty() {
        out.push(format!("  {}", s.tui.history_none));
    }
    for h in &session.history {
        let status = |st| crate::tui::view::status_label(st, s).to_string();
        let mut line = format!(
            "  {}  {} → {}  ({})",
            h.at.strftime("%Y-%m-%d %H:%M"),
            status(h.from),
            status(h.to),
            crate::sanitize::clean_line(&h.by)
        );
        if let Some(r) = &h.reason {
            line.push_str(&format!(": {}", crate::sanitize::clean_line(r)));
        }
        out.push(line);
    }
    let general: Vec<_> = session
        .comments
        .iter()
        .filter(|c| c.target.is_none())
        .collect();
    if !general.is_empty() {
        out.push(String::new());
        out.push(s.tui.session_comments.clone());
        for c in general {
            out.push(format!(
                "  {}  {}: {}",
                c.at.strftime("%Y-%m-%d %H:%M"),
                crate::sanitize::clean_line(&c.author),
                crate::sanitize::clean_line(&c.text)
            ));
        }
    }
    out
}

fn chronology(
    catalog: &Catalog,
    session: &Session,
    lang: Lang,
    s: &Strings,
) -> Vec<(String, Option<String>)> {
    let events = timeline::events(catalog, session);
    if events.is_empty() {
        return vec![(s.tui.timeline_empty.clone(), None)];
    }
    let today = {
        let d = session.updated.date();
        (d.year(), d.month() as u8, d.day() as u8)
    };
    let mut out: Vec<(String, Option<String>)> = events
        .iter()
        .map(|e| {
            let line = format!(
                "{:<12} {}",
                e.date.to_string(),
                label(catalog, &e.key, lang)
            );
            (line, Some(e.key.clone()))
        })
        .collect();
    let flags = timeline::flags(&events, today);
    if !flags.is_empty() {
        out.push((String::new(), None));
        out.push((s.tui.timeline_flags.clone(), None));
        for f in flags {
            let about = match &f {
                Flag::Gap { before, .. } => before.clone(),
                Flag::Order {
                    earlier_question, ..
                } => earlier_question.clone(),
                Flag::Future { key } => key.clone(),
            };
            let text = match f {
                Flag::Gap {
                    after,
                    before,
                    months,
                } => fill(
                    &s.tui.timeline_gap,
                    &[
                        ("months", &months.to_string()),
                        ("a", &label(catalog, &after, lang)),
                        ("b", &label(catalog, &before, lang)),
                    ],
                ),
                Flag::Order {
                    earlier_question,
                    later_question,
                } => fill(
                    &s.tui.timeline_order,
                    &[
                        ("a", &label(catalog, &earlier_question, lang)),
                        ("b", &label(catalog, &later_question, lang)),
                    ],
                ),
                Flag::Future { key } => fill(
                    &s.tui.timeline_future,
                    &[("a", &label(catalog, &key, lang))],
                ),
            };
            out.push((text, Some(about)));
        }
    }
    out
}
