use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Clear, List, ListItem, ListState, Paragraph, Wrap};

use super::text::highlighted;
use crate::tui::app::{App, FrameLayout, Overlay, PromptPurpose, TextPrompt};

fn popup(area: Rect) -> Rect {
    area.centered(Constraint::Percentage(85), Constraint::Percentage(85))
}

/// Where the prompt for a comment on one answer goes: over the sources
/// pane (beside the answer from 120 columns on, under it below that), so
/// the supervisor sees the answer while writing about it.
fn comment_area(panes: &FrameLayout) -> Option<Rect> {
    let a = panes.sources;
    (a.height >= 5 && a.width >= 30).then(|| Rect {
        height: a.height.min(10),
        ..a
    })
}

pub fn render(app: &App, overlay: &Overlay, frame: &mut Frame, area: Rect, panes: &FrameLayout) {
    let s = app.strings();
    let area = match overlay {
        Overlay::Prompt(TextPrompt {
            purpose: PromptPurpose::Comment { target: Some(_) },
            ..
        }) => comment_area(panes).unwrap_or_else(|| popup(area)),
        _ => popup(area),
    };
    frame.render_widget(Clear, area);
    match overlay {
        Overlay::Help { .. } => {}
        Overlay::Stranded => super::stranded::render(app, frame, area),
        Overlay::Search(st) => {
            let [input_a, gloss_a, list_a] = Layout::vertical([
                Constraint::Length(3),
                Constraint::Length(st.glossary.len().min(4) as u16),
                Constraint::Min(3),
            ])
            .areas(area);
            let mut t = st.input.clone();
            let title = match super::semantic_pending(app) {
                Some(pending) => format!("{} · {pending}", s.tui.search_title),
                None => s.tui.search_title.clone(),
            };
            t.set_block(
                Block::bordered()
                    .title(title)
                    .border_style(app.palette.focus_border()),
            );
            frame.render_widget(&t, input_a);
            let gloss: Vec<Line> = st
                .glossary
                .iter()
                .map(|g| Line::styled(format!("≡ {g}"), app.palette.dim()))
                .collect();
            frame.render_widget(Paragraph::new(gloss), gloss_a);
            let items: Vec<ListItem> = st
                .results
                .iter()
                .map(|r| {
                    let mut lines = vec![
                        Line::styled(r.heading.clone(), app.palette.title()),
                        Line::styled(r.reference.clone(), app.palette.dim()),
                    ];
                    let first: String = r.text.chars().take(400).collect();
                    let hl: Vec<_> = r
                        .highlights
                        .iter()
                        .filter(|h| h.end <= first.len())
                        .cloned()
                        .collect();
                    lines.extend(
                        highlighted(&first.replace('\n', " "), &hl, app.palette.highlight())
                            .into_iter()
                            .take(2),
                    );
                    ListItem::new(lines)
                })
                .collect();
            let mut state = ListState::default().with_selected(Some(st.cursor));
            frame.render_stateful_widget(
                List::new(items)
                    .block(Block::bordered().title(s.tui.search_help.as_str()))
                    .highlight_style(app.palette.selected()),
                list_a,
                &mut state,
            );
        }
        Overlay::Jump(st) => {
            let [input_a, list_a] =
                Layout::vertical([Constraint::Length(3), Constraint::Min(3)]).areas(area);
            let mut t = st.input.clone();
            t.set_block(
                Block::bordered()
                    .title(s.tui.jump_title.as_str())
                    .border_style(app.palette.focus_border()),
            );
            frame.render_widget(&t, input_a);
            let cat = &app.data.catalog;
            let items: Vec<ListItem> = app
                .interview()
                .map(|i| {
                    st.results
                        .iter()
                        .filter_map(|&r| i.rows.get(r))
                        .map(|r| {
                            let q = r.question.map(|qi| &cat.questionnaires[r.qn].questions[qi]);
                            ListItem::new(format!(
                                "{:<32} {}",
                                r.key().unwrap_or_default(),
                                q.map_or(String::new(), |q| {
                                    crate::sanitize::Clean::line(q.text.get(app.lang)).into_string()
                                }),
                            ))
                        })
                        .collect()
                })
                .unwrap_or_default();
            let mut state = ListState::default().with_selected(Some(st.cursor));
            frame.render_stateful_widget(
                List::new(items)
                    .block(Block::bordered())
                    .highlight_style(app.palette.selected()),
                list_a,
                &mut state,
            );
        }
        Overlay::Passage { item, scroll } => {
            let mut lines = vec![
                Line::styled(item.heading.clone(), app.palette.title()),
                super::edition::reference_line(app, &item.reference),
                Line::from(""),
            ];
            lines.extend(highlighted(
                &item.text,
                &item.highlights,
                app.palette.highlight(),
            ));
            if !item.footnotes.is_empty() {
                lines.push(Line::from(""));
                lines.push(Line::styled(s.tui.footnotes.as_str(), app.palette.title()));
                for f in &item.footnotes {
                    lines.push(Line::from(f.clone()));
                }
            }
            frame.render_widget(
                Paragraph::new(lines)
                    .wrap(Wrap { trim: false })
                    .scroll((*scroll, 0))
                    .block(Block::bordered().title(
                        if app.interview().is_some_and(|st| st.read_only) {
                            s.tui.passage_help_read_only.as_str()
                        } else {
                            s.tui.passage_help.as_str()
                        },
                    )),
                area,
            );
        }
        Overlay::Submit {
            missing,
            status_only,
            cursor,
        } => {
            let mut lines = Vec::new();
            if missing.is_empty() && !status_only.is_empty() {
                lines.push(Line::styled(
                    s.lifecycle.submit_status_only.as_str(),
                    app.palette.warn(),
                ));
                lines.push(Line::from(""));
                lines.extend(status_only.iter().map(|m| Line::from(format!("? {m}"))));
                lines.push(Line::from(""));
                lines.push(Line::from(s.lifecycle.submit_confirm_anyway.as_str()));
            } else if missing.is_empty() {
                lines.push(Line::from(s.tui.submit_confirm.as_str()));
            } else {
                lines.push(Line::styled(
                    s.tui.submit_missing.as_str(),
                    app.palette.warn(),
                ));
                lines.push(Line::from(""));
                lines.extend(missing.iter().enumerate().map(|(i, m)| {
                    let line = Line::from(format!("! {m}"));
                    if i == *cursor {
                        line.style(app.palette.selected())
                    } else {
                        line
                    }
                }));
            }
            frame.render_widget(
                Paragraph::new(lines)
                    .wrap(Wrap { trim: false })
                    .block(Block::bordered().title(s.tui.submit_title.as_str())),
                area,
            );
        }
        Overlay::Prompt(p) => {
            let title = match &p.purpose {
                PromptPurpose::Comment { target: Some(t) } => {
                    crate::i18n::fill(&s.tui.prompt_comment, &[("target", t)])
                }
                PromptPurpose::Comment { target: None } => s.tui.prompt_comment_session.clone(),
                PromptPurpose::ReturnReason => s.tui.prompt_return.clone(),
                PromptPurpose::SaveCopy => s.tui.prompt_save_copy.clone(),
                PromptPurpose::ReopenReason => s.lifecycle.prompt_reopen.clone(),
                PromptPurpose::AmendSource { .. } => s.lifecycle.prompt_amend_source.clone(),
                PromptPurpose::AmendText { .. } => s.lifecycle.prompt_amend_text.clone(),
            };
            // The title says what the text is about and how to leave: it
            // wraps above the input rather than being cut at the border.
            let outer = Block::bordered().border_style(app.palette.focus_border());
            let inner = outer.inner(area);
            frame.render_widget(outer, area);
            let head: Vec<Line> = super::text::wrap_words(&title, inner.width as usize, 3)
                .into_iter()
                .map(|l| Line::styled(l, app.palette.title()))
                .collect();
            let [head_a, input_a] =
                Layout::vertical([Constraint::Length(head.len() as u16), Constraint::Min(1)])
                    .areas(inner);
            frame.render_widget(Paragraph::new(head), head_a);
            // The box can be narrow (beside the answer): the text wraps
            // instead of scrolling sideways out of sight.
            let mut input = p.input.clone();
            input.set_wrap_mode(ratatui_textarea::WrapMode::WordOrGlyph);
            frame.render_widget(&input, input_a);
        }
        Overlay::Timeline {
            lines,
            keys,
            cursor,
        } => {
            let lines: Vec<Line> = lines
                .iter()
                .zip(keys)
                .enumerate()
                .map(|(i, (l, k))| {
                    let line = Line::from(l.clone());
                    match (i == *cursor, k.is_some()) {
                        (true, true) => line.style(app.palette.selected()),
                        (true, false) => line.style(app.palette.title()),
                        (false, _) => line,
                    }
                })
                .collect();
            // Keep the cursor on screen, with the lines above it in view.
            let inner = area.height.saturating_sub(2) as usize;
            let scroll = cursor.saturating_sub(inner.saturating_sub(1)) as u16;
            frame.render_widget(
                Paragraph::new(lines)
                    .wrap(Wrap { trim: false })
                    .scroll((scroll, 0))
                    .block(Block::bordered().title(s.tui.timeline_title.as_str())),
                area,
            );
        }
        Overlay::Recover { draft } => {
            let time = super::text::date_time(&draft.updated);
            let mut lines = vec![
                Line::from(crate::i18n::fill(&s.tui.recover_body, &[("time", &time)])),
                Line::from(""),
            ];
            let changes = app
                .interview()
                .map(|st| crate::notes::draft_changes(draft, &st.session))
                .unwrap_or_default();
            lines.extend(changes.iter().map(|k| {
                // `draft_changes` names the session note "note".
                // The question as the interviewer knows it, with the key;
                // only the key for an answer whose question is gone.
                let (id, _) = crate::notes::parse_answer_key(k);
                let what = match app.data.catalog.question(id) {
                    _ if k == "note" => s.tui.key_session_note.clone(),
                    Some((_, q)) => format!(
                        "{} ({})",
                        crate::sanitize::Clean::line(q.text.get(app.lang)),
                        crate::sanitize::Clean::line(k)
                    ),
                    None => crate::sanitize::Clean::line(k).into_string(),
                };
                Line::from(format!("• {what}"))
            }));
            frame.render_widget(
                Paragraph::new(lines).wrap(Wrap { trim: false }).block(
                    Block::bordered()
                        .title(s.tui.recover_title.as_str())
                        .border_style(app.palette.focus_border()),
                ),
                area,
            );
        }
        Overlay::Confirm { text, .. } => {
            frame.render_widget(
                Paragraph::new(crate::sanitize::Clean::text(text))
                    .wrap(Wrap { trim: false })
                    .block(
                        Block::bordered()
                            .title(s.lifecycle.confirm_title.as_str())
                            .border_style(app.palette.focus_border()),
                    ),
                area,
            );
        }
        Overlay::Message(m) => {
            frame.render_widget(
                Paragraph::new(crate::sanitize::Clean::text(m))
                    .wrap(Wrap { trim: false })
                    .block(Block::bordered().title(s.tui.message_title.as_str())),
                area,
            );
        }
    }
}
