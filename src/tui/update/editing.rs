//! Keys and pastes while an answer, note or session-note editor has focus.

use super::interview::{current_question, mark_changed};
use super::{Effect, Msg, paste_into};
use crate::questionnaire::Kind;
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::editor::{self, Editor, Invalid, LineKind};

/// Add a line to an answer's note, keeping what is there.
pub(super) fn append_to_note(
    session: &mut crate::notes::Session,
    key: &str,
    line: &str,
    at: &jiff::Zoned,
) {
    let mut note = session
        .answers
        .get(key)
        .map(|a| a.note.clone())
        .unwrap_or_default();
    if !note.is_empty() && !note.ends_with('\n') {
        note.push('\n');
    }
    note.push_str(line);
    session.set_note(key, note, at);
}

pub(super) fn editor_update(app: &mut App, msg: Msg) -> Option<Effect> {
    let data = app.data.clone();
    let s = app.strings();
    let clock = app.clock.clone();
    let st = app.interview_mut()?;
    if let Some(Editor::SessionNote { input }) = st.editor.as_mut() {
        match msg {
            Msg::Act(Action::Back) => {
                st.session.note = crate::sanitize::clean(&crate::tui::app::input_text(input));
                st.editor = None;
                mark_changed(app);
            }
            Msg::Input(k) => {
                let changed = input.input(k);
                if changed {
                    st.session.note = crate::sanitize::clean(&crate::tui::app::input_text(input));
                    mark_changed(app);
                }
            }
            Msg::Paste(text) => {
                paste_into(input, &text, false);
                st.session.note = crate::sanitize::clean(&crate::tui::app::input_text(input));
                mark_changed(app);
            }
            _ => {}
        }
        return None;
    }
    let (key, q) = current_question(st, &data.catalog)?;
    let ed = st.editor.as_mut()?;
    match (msg, ed) {
        // Esc keeps what was marked, as in every editor: ticked items, or a
        // choice the cursor was moved to; an untouched editor changes nothing.
        (Msg::Act(Action::Back), Editor::Choice { touched, .. }) => {
            if *touched {
                let value = st.editor.as_ref()?.choice_value();
                st.session.set_value(&key, value, &clock);
                st.editor = None;
                mark_changed(app);
            } else {
                st.editor = None;
            }
        }
        (Msg::Act(Action::Back), Editor::Note { input }) => {
            let text = crate::sanitize::clean(&crate::tui::app::input_text(input));
            st.session.set_note(&key, text, &clock);
            st.editor = None;
            mark_changed(app);
        }
        (Msg::Act(Action::Back), Editor::Long { input }) => {
            let text = crate::tui::app::input_text(input);
            let value = editor::parse_line(&q.kind, &text).ok().flatten();
            st.session.set_value(&key, value, &clock);
            st.editor = None;
            mark_changed(app);
        }
        (Msg::Act(Action::Back), Editor::Line { input, .. }) => {
            let text = crate::tui::app::input_text(input);
            match editor::parse_line(&q.kind, &text) {
                Ok(value) => {
                    if value.is_some() || st.session.answers.contains_key(&key) {
                        st.session.set_value(&key, value, &clock);
                    }
                }
                Err(_) => {
                    // Never lose what was typed: an invalid entry goes into
                    // the note, marked, so it can be corrected later.
                    append_to_note(
                        &mut st.session,
                        &key,
                        &crate::i18n::fill(
                            &s.tui.unparsed_note,
                            &[("text", &crate::sanitize::clean_line(&text))],
                        ),
                        &clock,
                    );
                    app.status = Some(s.tui.unparsed_kept.clone());
                }
            }
            let st = app.interview_mut()?;
            st.editor = None;
            mark_changed(app);
        }
        (
            Msg::Act(Action::Up),
            Editor::Choice {
                cursor, touched, ..
            },
        ) => {
            *cursor = cursor.saturating_sub(1);
            *touched = true;
        }
        (
            Msg::Act(Action::Down),
            Editor::Choice {
                cursor,
                values,
                touched,
                ..
            },
        ) => {
            *cursor = (*cursor + 1).min(values.len().saturating_sub(1));
            *touched = true;
        }
        (
            Msg::Act(Action::Toggle),
            Editor::Choice {
                multi: true,
                cursor,
                checked,
                touched,
                ..
            },
        ) => {
            if let Some(c) = checked.get_mut(*cursor) {
                *c = !*c;
            }
            *touched = true;
        }
        // Space on a single choice picks it, as Enter does.
        (Msg::Act(Action::Toggle | Action::Confirm), Editor::Choice { .. }) => {
            let value = st.editor.as_ref()?.choice_value();
            st.session.set_value(&key, value, &clock);
            st.editor = None;
            mark_changed(app);
            super::navigate::advance(app);
        }
        (Msg::Act(Action::Confirm), Editor::Line { input, error, kind }) => {
            let text = crate::tui::app::input_text(input);
            match editor::parse_line(&q.kind, &text) {
                Ok(value) => {
                    st.session.set_value(&key, value, &clock);
                    st.editor = None;
                    mark_changed(app);
                    super::navigate::advance(app);
                }
                Err(e) => *error = Some(invalid_message(&e, *kind, s)),
            }
        }
        (Msg::Input(k), Editor::Line { input, error, .. }) => {
            input.input(k);
            *error = None;
        }
        (Msg::Input(k), Editor::Long { input } | Editor::Note { input }) => {
            let changed = input.input(k);
            if changed {
                write_through(app, &key, &q.kind);
            }
        }
        (Msg::Paste(text), Editor::Line { input, .. }) => paste_into(input, &text, true),
        (Msg::Paste(text), Editor::Long { input } | Editor::Note { input }) => {
            paste_into(input, &text, false);
            write_through(app, &key, &q.kind);
        }
        _ => {}
    }
    None
}

/// Long texts and notes go into the session as they are typed, so autosave
/// keeps them even if the editor is never left (a crash, a lost connection).
fn write_through(app: &mut App, key: &str, kind: &Kind) {
    let clock = app.clock.clone();
    let Some(st) = app.interview_mut() else {
        return;
    };
    let Some(editor) = st.editor.as_ref() else {
        return;
    };
    let text = editor.text().unwrap_or_default();
    let at = &clock;
    match editor {
        Editor::Note { .. } => st.session.set_note(key, crate::sanitize::clean(&text), at),
        Editor::Long { .. } => {
            let value = editor::parse_line(kind, &text).ok().flatten();
            if value.is_some() || st.session.answers.contains_key(key) {
                st.session.set_value(key, value, at);
            }
        }
        _ => return,
    }
    mark_changed(app);
}

fn invalid_message(e: &Invalid, kind: LineKind, s: &crate::i18n::Strings) -> String {
    match (e, kind) {
        (Invalid::Date(detail), _) => crate::i18n::fill(&s.tui.invalid_date, &[("detail", detail)]),
        (Invalid::OutOfRange { min, max }, _) => crate::i18n::fill(
            &s.tui.invalid_range,
            &[
                ("min", &min.map_or("-".into(), |m| m.to_string())),
                ("max", &max.map_or("-".into(), |m| m.to_string())),
            ],
        ),
        (Invalid::Number, _) => s.tui.invalid_number.clone(),
    }
}
