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
    let mut spans = vec![
        Span::styled(save, save_style),
        Span::raw(format!(
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
        )),
    ];
    if p.status_only > 0 {
        spans.push(Span::raw(format!(
            " · {}",
            crate::i18n::fill(
                &s.lifecycle.progress_status_only,
                &[("count", &p.status_only.to_string())]
            )
        )));
    }
    if let Some(msg) = &app.status {
        spans.push(Span::styled(
            format!("  ·  {}", crate::sanitize::Clean::line(msg)),
            app.palette.warn(),
        ));
    }
    frame.render_widget(Line::from(spans), area);
}
