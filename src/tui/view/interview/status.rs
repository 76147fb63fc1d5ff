use super::*;

pub(super) fn status_line(app: &App, st: &InterviewState, frame: &mut Frame, area: Rect) {
    let s = app.strings();
    let save = if st.review {
        s.tui.review_save_state.clone()
    } else if st.read_only {
        s.tui.read_only.clone()
    } else if let Some(err) = &st.save_error {
        // The hint first: a long error is cut at the window's edge.
        format!(
            "{} ({}): {}",
            s.tui.save_failed,
            s.tui.save_copy_hint,
            crate::sanitize::Clean::line(err)
        )
    } else if st.autosave.pending() {
        s.tui.unsaved.clone()
    } else if let Some(t) = st.saved_at {
        crate::i18n::fill(
            &s.tui.saved_ago,
            &[(
                "secs",
                &app.now.saturating_duration_since(t).as_secs().to_string(),
            )],
        )
    } else {
        s.tui.saved.clone()
    };
    let save_style: Style = if st.save_error.is_some() {
        app.palette.error()
    } else {
        app.palette.ok()
    };
    let p = &st.progress;
    let mut spans = vec![Span::styled(save, save_style)];
    // No questions loaded: "0/0 answered" would say the answers are gone
    // (the banner says what happened to them).
    if st.rows.is_empty()
        && !crate::interview::missing_questionnaires(&app.data.catalog, &st.session).is_empty()
    {
        frame.render_widget(Line::from(spans), area);
        return;
    }
    spans.push(Span::raw(format!(
        "  ·  {}",
        crate::i18n::fill(
            &s.tui.progress,
            &[
                ("done", &p.answered.to_string()),
                ("total", &p.total().to_string()),
                ("missing", &p.required_missing.to_string()),
                ("flagged", &p.flagged.to_string()),
            ],
        )
    )));
    if p.status_only > 0 {
        spans.push(Span::raw(format!(
            " · {}",
            crate::i18n::fill(
                &s.lifecycle.progress_status_only,
                &[("count", &p.status_only.to_string())]
            )
        )));
    }
    frame.render_widget(Line::from(spans), area);
}

/// The status message on lines of its own, across the whole width, broken
/// between words; at most `max_lines` (the last ends in `…` if cut).
pub(super) fn message_lines(app: &App, width: u16, max_lines: u16) -> Vec<Line<'static>> {
    let Some(msg) = &app.status else {
        return Vec::new();
    };
    crate::tui::view::text::wrap_words(
        &crate::sanitize::Clean::line(msg),
        width as usize,
        max_lines as usize,
    )
    .into_iter()
    .map(|l| Line::styled(l, app.palette.warn()))
    .collect()
}
