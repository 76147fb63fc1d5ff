//! What the interviewer (or supervisor) must read before anything else,
//! across the whole width under the header: why a session was returned and
//! the comments on it, the interviewer's session note when reviewing, and
//! questionnaires the session needs that are not loaded.

use super::*;
use crate::tui::view::text::{date_time, ellipsize, wrap_words};

/// The banner's paragraphs, not yet wrapped (empty: no banner).
fn paragraphs(app: &App, st: &InterviewState) -> Vec<(String, Style)> {
    let s = app.strings();
    let session = &st.session;
    let mut out = Vec::new();
    let missing = crate::interview::missing_questionnaires(&app.data.catalog, session);
    if !missing.is_empty() {
        let count = crate::interview::answers_of(session, &missing).len();
        out.push((
            crate::i18n::fill(
                &s.tui.banner_missing,
                &[
                    ("ids", &crate::sanitize::Clean::line(&missing.join(", "))),
                    ("count", &count.to_string()),
                ],
            ),
            app.palette.warn(),
        ));
    }
    if session.status == crate::notes::Status::Returned
        && let Some(h) = session
            .history
            .iter()
            .rev()
            .find(|h| h.to == crate::notes::Status::Returned)
    {
        out.push((
            crate::i18n::fill(
                &s.tui.banner_returned,
                &[
                    ("by", &crate::sanitize::Clean::line(&h.by)),
                    ("at", &date_time(&h.at)),
                    (
                        "reason",
                        &crate::sanitize::Clean::line(h.reason.as_deref().unwrap_or("—")),
                    ),
                ],
            ),
            app.palette.warn(),
        ));
        for c in session.comments.iter().filter(|c| c.target.is_none()) {
            out.push((session_comment(c), app.palette.warn()));
        }
    }
    if st.review && !session.note.trim().is_empty() {
        out.push((
            crate::i18n::fill(
                &s.tui.banner_interviewer_note,
                &[("note", &crate::sanitize::Clean::line(&session.note))],
            ),
            app.palette.title(),
        ));
    }
    out
}

pub(super) fn session_comment(c: &crate::notes::Comment) -> String {
    format!(
        "✎ {} ({}): {}",
        crate::sanitize::Clean::line(&c.author),
        date_time(&c.at),
        crate::sanitize::Clean::line(&c.text)
    )
}

/// The banner wrapped to `width`, at most `max_lines` lines; the last line
/// ends in `…` when it had to be cut (the timeline, `t`, has it all).
pub(super) fn banner_lines(
    app: &App,
    st: &InterviewState,
    width: u16,
    max_lines: u16,
) -> Vec<Line<'static>> {
    let mut lines: Vec<Line<'static>> = Vec::new();
    let max = max_lines as usize;
    for (text, style) in paragraphs(app, st) {
        let room = max.saturating_sub(lines.len());
        if room == 0 {
            // More than fits: say so on the last line.
            if let Some(last) = lines.last_mut() {
                let text: String = last.spans.iter().map(|s| s.content.as_ref()).collect();
                *last = Line::styled(ellipsize(&format!("{text} …"), width as usize), last.style);
            }
            break;
        }
        lines.extend(
            wrap_words(&text, width as usize, room)
                .into_iter()
                .map(|l| Line::styled(l, style)),
        );
    }
    lines
}

pub(super) fn banner(lines: Vec<Line<'static>>, frame: &mut Frame, area: Rect) {
    frame.render_widget(Paragraph::new(lines), area);
}
