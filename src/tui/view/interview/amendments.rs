//! Amendments shown under the original answer: when, by whom, from which
//! source, and what was corrected or added.

use ratatui::text::Line;

use crate::notes::Answer;
use crate::questionnaire::Kind;
use crate::tui::app::App;

pub fn lines(app: &App, a: &Answer, kind: &Kind) -> Vec<Line<'static>> {
    let s = app.strings();
    a.amendments
        .iter()
        .map(|m| {
            let mut text = crate::sanitize::Clean::text(&m.text).replace('\n', " ");
            if let Some(v) = &m.value {
                let value = crate::questionnaire::display_value(v, Some(kind), app.lang);
                text = format!("{} {text}", crate::sanitize::Clean::line(&value));
            }
            Line::styled(
                crate::i18n::fill(
                    &s.lifecycle.amendment_line,
                    &[
                        ("at", &m.at.strftime("%Y-%m-%d %H:%M").to_string()),
                        ("by", &crate::sanitize::Clean::line(&m.by)),
                        ("source", &crate::sanitize::Clean::line(&m.source)),
                        ("text", text.trim()),
                    ],
                ),
                app.palette.warn(),
            )
        })
        .collect()
}

/// For the supervisor: the answer differs from the version that was
/// returned (or reopened); what it was then.
pub fn changed_since_returned(
    app: &App,
    session: &crate::notes::Session,
    key: &str,
    kind: &Kind,
) -> Option<Line<'static>> {
    let base = session.returned_version()?;
    let before = base.answers.get(key);
    let now = session
        .answers
        .get(key)
        .and_then(crate::notes::AnswerState::of);
    if before == now.as_ref() {
        return None;
    }
    let s = app.strings();
    let was = match before {
        None => s.lifecycle.nothing_before.clone(),
        Some(b) => {
            let mut parts = Vec::new();
            if let Some(v) = &b.value {
                parts.push(crate::questionnaire::display_value(v, Some(kind), app.lang));
            }
            if b.status != crate::questionnaire::AnswerStatus::Answered {
                parts.push(super::status_word(b.status, s).to_string());
            }
            if !b.note.trim().is_empty() {
                parts.push(b.note.replace('\n', " "));
            }
            parts.join("; ")
        }
    };
    Some(Line::styled(
        crate::i18n::fill(
            &s.lifecycle.changed_since_returned,
            &[
                ("date", &base.at.strftime("%Y-%m-%d %H:%M").to_string()),
                ("before", &crate::sanitize::Clean::line(&was)),
            ],
        ),
        app.palette.warn(),
    ))
}
