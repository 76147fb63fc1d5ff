use super::*;
use crate::tui::view::text::wrap_words;

/// Choices wrap under themselves (never cut mid-word) in a list `width`
/// columns wide with a border and the `> ` highlight symbol.
pub(super) fn choice_items(
    labels: &[String],
    multi: bool,
    checked: &[bool],
    width: u16,
) -> Vec<ListItem<'static>> {
    let mark_width = if multi { 4 } else { 0 };
    let room = (width as usize).saturating_sub(2 + 2 + mark_width).max(1);
    labels
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let mark = match (multi, checked.get(i).copied().unwrap_or(false)) {
                (false, _) => "",
                (true, true) => "[x] ",
                (true, false) => "[ ] ",
            };
            let lines: Vec<Line> = wrap_words(&crate::sanitize::Clean::line(l), room, 4)
                .into_iter()
                .enumerate()
                .map(|(n, chunk)| {
                    let lead = if n == 0 {
                        mark.to_string()
                    } else {
                        " ".repeat(mark_width)
                    };
                    Line::from(format!("{lead}{chunk}"))
                })
                .collect();
            ListItem::new(lines)
        })
        .collect()
}

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
            let items = choice_items(labels, *multi, checked, area.width);
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
