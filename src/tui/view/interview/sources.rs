use super::*;

pub(super) fn sources(app: &App, st: &InterviewState, frame: &mut Frame, area: Rect) {
    let s = app.strings();
    let mut lines: Vec<Line> = Vec::new();
    if let Some(pending) = crate::tui::view::semantic_pending(app) {
        lines.push(Line::styled(pending, app.palette.warn()));
    }
    for g in &st.glossary {
        lines.push(Line::styled(format!("≡ {g}"), app.palette.dim()));
    }
    if !st.glossary.is_empty() {
        lines.push(Line::from(""));
    }
    if st.sources.is_empty() {
        lines.push(Line::styled(
            if app.index.is_none() {
                s.tui.index_building.as_str()
            } else {
                s.tui.no_sources.as_str()
            },
            app.palette.dim(),
        ));
    }
    for (i, item) in st.sources.iter().enumerate() {
        let selected = i == st.source_cursor && st.focus == Pane::Sources;
        let head_style = if selected {
            app.palette.selected()
        } else {
            app.palette.title()
        };
        let tag = match (item.cited, item.explicit) {
            (true, _) => format!("[{}] ", s.tui.cited_tag),
            (false, true) => "★ ".to_string(),
            (false, false) => String::new(),
        };
        lines.push(Line::styled(format!("{tag}{}", item.heading), head_style));
        lines.push(crate::tui::view::edition::reference_line(
            app,
            &item.reference,
        ));
        lines.extend(highlighted(
            &item.text,
            &item.highlights,
            app.palette.highlight(),
        ));
        for f in &item.footnotes {
            lines.push(Line::styled(format!("  [{f}]"), app.palette.dim()));
        }
        lines.push(Line::from(""));
    }
    // Keep the selected passage in view by scrolling to its heading.
    let scroll = st.source_scroll.saturating_add(selected_offset(st));
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .scroll((scroll, 0))
            .block(pane_block(
                app,
                sources_title(app, st),
                st.focus == Pane::Sources,
            )),
        area,
    );
}

/// The pane title names the month the current questionnaire's guidance is
/// true as of, so nobody reads a 2025 report as today's news.
fn sources_title(app: &App, st: &InterviewState) -> String {
    let s = app.strings();
    let as_of = st
        .rows
        .get(st.cursor)
        .and_then(|row| app.data.catalog.questionnaires.get(row.qn))
        .and_then(|qn| qn.as_of.as_deref());
    match as_of {
        Some(m) => crate::i18n::fill(&s.tui.sources_as_of, &[("as_of", m)]),
        None => s.tui.sources_title.clone(),
    }
}

pub(super) fn selected_offset(st: &InterviewState) -> u16 {
    if st.focus != Pane::Sources {
        return 0;
    }
    let glossary = if st.glossary.is_empty() {
        0
    } else {
        st.glossary.len() + 1
    };
    let before: usize = st.sources[..st.source_cursor.min(st.sources.len())]
        .iter()
        .map(|i| 3 + i.text.lines().count() + i.footnotes.len())
        .sum();
    (glossary + before) as u16
}
