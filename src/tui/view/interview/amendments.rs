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
            let mut text = crate::sanitize::clean(&m.text).replace('\n', " ");
            if let Some(v) = &m.value {
                let value = crate::questionnaire::display_value(v, Some(kind), app.lang);
                text = format!("{} {text}", crate::sanitize::clean_line(&value));
            }
            Line::styled(
                crate::i18n::fill(
                    &s.lifecycle.amendment_line,
                    &[
                        ("at", &m.at.strftime("%Y-%m-%d %H:%M").to_string()),
                        ("by", &crate::sanitize::clean_line(&m.by)),
                        ("source", &crate::sanitize::clean_line(&m.source)),
                        ("text", text.trim()),
                    ],
                ),
                app.palette.warn(),
            )
        })
        .collect()
}
