//! Overlays: help, search, quick jump, passage, submit, prompts, timeline.

use super::{Effect, Msg, paste_into};
use crate::tui::action::Action;
use crate::tui::app::{App, Overlay, input_text};
use crate::tui::{filter, sources};

pub fn update(app: &mut App, msg: Msg) -> Option<Effect> {
    let writable = app.interview().is_some_and(|st| !st.read_only);
    let overlay = app.overlay.as_mut()?;
    match (overlay, msg) {
        // The draft is someone's words: only Enter (or y) or n decides.
        (Overlay::Recover { .. }, Msg::Act(Action::Back)) => {}
        (Overlay::Recover { .. }, Msg::Act(Action::Confirm)) => restore_draft(app),
        (Overlay::Recover { .. }, Msg::Act(Action::Discard)) => {
            app.overlay = None;
            app.status = Some(app.strings().tui.draft_discarded.clone());
            return Some(Effect::DiscardDraft);
        }
        // In every prompt Enter confirms and Esc cancels; a confirmation
        // window acts on Enter only.
        (Overlay::Prompt(_), Msg::Act(Action::Confirm)) => {
            return super::record::confirm_prompt(app);
        }
        (Overlay::Prompt(_), Msg::Act(Action::Back)) => {
            app.overlay = None;
            app.status = Some(app.strings().lifecycle.prompt_cancelled.clone());
        }
        (Overlay::Confirm { .. }, Msg::Act(Action::Confirm)) => {
            return super::record::confirmed(app);
        }
        (_, Msg::Act(Action::Back)) => {
            return close(app);
        }
        (Overlay::Help { .. } | Overlay::Message(_), Msg::Act(Action::Select)) => {
            app.overlay = None
        }
        (Overlay::Search(s), Msg::Act(Action::Up)) => s.cursor = s.cursor.saturating_sub(1),
        (Overlay::Search(s), Msg::Act(Action::Down)) => {
            s.cursor = (s.cursor + 1).min(s.results.len().saturating_sub(1))
        }
        (Overlay::Search(s), Msg::Act(Action::Select)) => {
            if let Some(item) = s.results.get(s.cursor).cloned() {
                app.overlay = Some(Overlay::Passage { item, scroll: 0 });
            }
        }
        (Overlay::Search(s), Msg::Input(k)) => {
            let changed = s.input.input(k);
            if changed {
                s.typed_at = Some(app.now);
                rerun_search(app);
            }
        }
        (Overlay::Search(s), Msg::Paste(text)) => {
            paste_into(&mut s.input, &text, true);
            s.typed_at = Some(app.now);
            rerun_search(app);
        }
        (Overlay::Search(s), Msg::QueryEmbedded { query, vector }) => {
            s.embedding = None;
            if input_text(&s.input) == query {
                s.vector = Some((query, vector));
                rerun_search(app);
            }
        }
        (Overlay::Jump(j), Msg::Act(Action::Up)) => j.cursor = j.cursor.saturating_sub(1),
        (Overlay::Jump(j), Msg::Act(Action::Down)) => {
            j.cursor = (j.cursor + 1).min(j.results.len().saturating_sub(1))
        }
        (Overlay::Jump(j), Msg::Act(Action::Select)) => {
            let target = j.results.get(j.cursor).copied();
            app.overlay = None;
            if let (Some(row), Some(st)) = (target, app.interview_mut()) {
                st.cursor = row;
                st.focus = crate::tui::app::Pane::Tree;
            }
            super::interview::refresh_sources(app);
            super::navigate::scroll_tree(app);
        }
        (Overlay::Jump(j), Msg::Input(k)) => {
            if !j.input.input(k) {
                return None;
            }
            let q = input_text(&j.input);
            let results = jump_results(app, &q);
            if let Some(Overlay::Jump(j)) = app.overlay.as_mut() {
                j.results = results;
                j.cursor = 0;
            }
        }
        (Overlay::Passage { item, .. }, Msg::Act(Action::Cite)) if writable => {
            let reference = item.reference.clone();
            app.overlay = None;
            super::interview::cite(app, &reference);
        }
        (Overlay::Passage { item, .. }, Msg::Act(Action::OpenSection)) => {
            let reference = item.reference.clone();
            if let Some(whole) = sources::whole_section(&app.data.corpus, &reference) {
                app.overlay = Some(Overlay::Passage {
                    item: whole,
                    scroll: 0,
                });
            }
        }
        (
            Overlay::Timeline { lines, cursor, .. },
            Msg::Act(a @ (Action::Up | Action::Down | Action::PageUp | Action::PageDown)),
        ) => {
            let last = lines.len().saturating_sub(1);
            *cursor = match a {
                Action::Up => cursor.saturating_sub(1),
                Action::Down => (*cursor + 1).min(last),
                Action::PageUp => cursor.saturating_sub(10),
                _ => (*cursor + 10).min(last),
            };
        }
        // Enter on a dated answer goes to its question.
        (Overlay::Timeline { keys, cursor, .. }, Msg::Act(Action::Select)) => {
            let key = keys.get(*cursor).cloned().flatten()?;
            app.overlay = None;
            if let Some(st) = app.interview_mut()
                && let Some(row) = st.rows.iter().position(|r| r.key() == Some(key.as_str()))
            {
                st.cursor = row;
                st.focus = crate::tui::app::Pane::Tree;
            }
            super::interview::refresh_sources(app);
            super::navigate::scroll_tree(app);
        }
        (Overlay::Passage { scroll, .. } | Overlay::Help { scroll }, Msg::Act(a)) => match a {
            Action::Up => *scroll = scroll.saturating_sub(1),
            Action::Down => *scroll = scroll.saturating_add(1),
            Action::PageUp => *scroll = scroll.saturating_sub(10),
            Action::PageDown => *scroll = scroll.saturating_add(10),
            _ => {}
        },
        (Overlay::Passage { scroll, .. }, Msg::Scroll { down }) => {
            *scroll = if down {
                scroll.saturating_add(3)
            } else {
                scroll.saturating_sub(3)
            };
        }
        (Overlay::Submit { missing, .. }, Msg::Act(Action::Confirm)) if missing.is_empty() => {
            app.overlay = None;
            return submit(app);
        }
        (Overlay::Submit { cursor, .. }, Msg::Act(Action::Up)) => {
            *cursor = cursor.saturating_sub(1)
        }
        (
            Overlay::Submit {
                missing, cursor, ..
            },
            Msg::Act(Action::Down),
        ) => *cursor = (*cursor + 1).min(missing.len().saturating_sub(1)),
        // Enter on an open question goes there, to answer it.
        (
            Overlay::Submit {
                missing, cursor, ..
            },
            Msg::Act(Action::Confirm),
        ) => {
            let key = missing
                .get(*cursor)
                .and_then(|m| m.split_once(": "))
                .map(|(k, _)| k.to_string());
            app.overlay = None;
            if let (Some(key), Some(st)) = (key, app.interview_mut())
                && let Some(row) = st.rows.iter().position(|r| r.key() == Some(key.as_str()))
            {
                st.cursor = row;
                st.focus = crate::tui::app::Pane::Tree;
            }
            super::interview::refresh_sources(app);
            super::navigate::scroll_tree(app);
        }
        (Overlay::Prompt(p), Msg::Input(k)) => {
            p.input.input(k);
        }
        (Overlay::Prompt(p), Msg::Paste(text)) => paste_into(&mut p.input, &text, false),
        _ => {}
    }
    None
}

fn close(app: &mut App) -> Option<Effect> {
    app.overlay.take();
    None
}

fn restore_draft(app: &mut App) {
    let Some(Overlay::Recover { draft, .. }) = app.overlay.take() else {
        return;
    };
    let s = app.strings();
    let now = app.now;
    let data = app.data.clone();
    if let Some(st) = app.interview_mut() {
        st.session = *draft;
        // Saved at the next tick, which also removes the draft file.
        st.autosave.note_change(now);
        super::refresh(st, &data.catalog);
        app.status = Some(s.tui.recovered.clone());
    }
    super::interview::refresh_sources(app);
}

fn submit(app: &mut App) -> Option<Effect> {
    let s = app.strings();
    let now = app.now;
    let clock = app.clock.clone();
    let st = app.interview_mut()?;
    let by = st.session.interviewer.clone();
    match st.session.submit(&by, &clock) {
        Ok(()) => {
            st.autosave.note_change(now);
            app.status = Some(s.tui.submitted.clone());
            Some(Effect::Save)
        }
        Err(e) => {
            app.status = Some(e.render(s));
            None
        }
    }
}

/// How long typing must pause before the query is embedded: each keystroke
/// ranks lexically at once, the fused ranking follows the pause.
const EMBED_PAUSE: std::time::Duration = std::time::Duration::from_millis(300);

/// After a pause in typing, the effect that embeds the overlay's query
/// (once per query, one at a time; only when the index has passage vectors).
pub fn embed_due(app: &mut App) -> Option<Effect> {
    app.index.as_ref()?.vectors()?;
    let now = app.now;
    let Some(Overlay::Search(s)) = app.overlay.as_mut() else {
        return None;
    };
    let query = input_text(&s.input);
    let paused = s
        .typed_at
        .is_some_and(|t| now.saturating_duration_since(t) >= EMBED_PAUSE);
    let have = s.vector.as_ref().is_some_and(|(q, _)| *q == query);
    if !paused || have || s.embedding.is_some() || query.trim().is_empty() {
        return None;
    }
    s.typed_at = None;
    s.embedding = Some(query.clone());
    let text = app.index.as_ref()?.dense_query(&query);
    Some(Effect::EmbedQuery { query, text })
}

/// Whether the loop should wake soon: a pause is being timed or a query is
/// being embedded.
pub fn embed_pending(app: &App) -> bool {
    matches!(app.overlay.as_ref(), Some(Overlay::Search(s)) if s.typed_at.is_some() || s.embedding.is_some())
}

fn rerun_search(app: &mut App) {
    let Some(Overlay::Search(s)) = app.overlay.as_ref() else {
        return;
    };
    let query = input_text(&s.input);
    let vector = s
        .vector
        .as_ref()
        .filter(|(q, _)| *q == query)
        .map(|(_, v)| v.as_slice());
    let (results, glossary) = match app.index.as_deref() {
        Some(index) => sources::search(&app.data.corpus, index, &query, app.lang, vector),
        None => (Vec::new(), vec![app.strings().tui.index_building.clone()]),
    };
    if let Some(Overlay::Search(s)) = app.overlay.as_mut() {
        s.results = results;
        s.glossary = glossary;
        s.cursor = 0;
    }
}

/// Rows of the interview matching `query` by question text or id, best first.
pub fn jump_results(app: &App, query: &str) -> Vec<usize> {
    let Some(st) = app.interview() else {
        return Vec::new();
    };
    let cat = &app.data.catalog;
    let rows: Vec<usize> = st
        .rows
        .iter()
        .enumerate()
        .filter(|(_, r)| r.key().is_some())
        .map(|(i, _)| i)
        .collect();
    filter::rank(query, rows, |&i| {
        let r = &st.rows[i];
        let q = r.question.map(|qi| &cat.questionnaires[r.qn].questions[qi]);
        format!(
            "{} {} {}",
            q.map_or("", |q| q.text.get(app.lang)),
            r.key().unwrap_or_default(),
            q.map_or(String::new(), |q| q.keywords.join(" "))
        )
    })
}
