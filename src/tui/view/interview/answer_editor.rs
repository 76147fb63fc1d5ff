use super::*;

pub(super) fn answer_editor(app: &App, e: &Editor, frame: &mut Frame, area: Rect) {
    let s = app.strings();
    match e {
        Editor::Choice {
            labels,
            multi,
            cursor,
            checked,
            ..
        } => {
            let items: Vec<ListItem> = labels
                .iter()
                .enumerate()
                .map(|(i, l)| {
                    let mark = if *multi {
                        if checked.get(i).copied().unwrap_or(false) {
                            "[x] "
                        } else {
                            "[ ] "
                        }
                    } else {
                        ""
                    };
                    ListItem::new(format!("{mark}{}", crate::sanitize::Clean::line(l)))
                })
                .collect();
            let title = if *multi {
                &s.tui.editor_multi
            } else {
                &s.tui.editor_choice
            };
            let mut state = ListState::default().with_selected(Some(*cursor));
            frame.render_stateful_widget(
                List::new(items)
                    .block(
                        Block::bordered()
                            .title(title.as_str())
                            .border_style(app.palette.focus_border()),
                    )
                    .highlight_style(app.palette.selected())
                    .highlight_symbol("> "),
                area,
                &mut state,
            );
        }
        Editor::Line { input, error, .. } => {
            let [a, b] =
                Layout::vertical([Constraint::Length(3), Constraint::Length(1)]).areas(area);
            let mut t = input.clone();
            t.set_block(
                Block::bordered()
                    .title(s.tui.editor_line.as_str())
                    .border_style(app.palette.focus_border()),
            );
            frame.render_widget(&t, a);
            if let Some(e) = error {
                frame.render_widget(Line::styled(e.as_str(), app.palette.error()), b);
            }
        }
        Editor::Long { input } | Editor::Note { input } | Editor::SessionNote { input } => {
            let title = if matches!(e, Editor::Note { .. }) {
                &s.tui.editor_note
            } else {
                &s.tui.editor_long
            };
            let mut t = input.clone();
            t.set_block(
                Block::bordered()
                    .title(title.as_str())
                    .border_style(app.palette.focus_border()),
            );
            frame.render_widget(&t, area);
        }
    }
}
