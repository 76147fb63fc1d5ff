//! A quit whose text nothing would take: not the data folder, not the copy
//! folder, the home folder or the temp dir (issue 17). gehoor stays open
//! and says so; only a save, a copy the user places, or losing the text on
//! purpose (asked twice) ends it. A hang-up or SIGTERM, with no one left to
//! answer, still leaves (`lifecycle::terminate`) with exit 2 and the places
//! tried on stderr.

use std::path::PathBuf;

use super::Effect;
use crate::error::Error;
use crate::notes::rescue::Rescued;
use crate::tui::action::Action;
use crate::tui::app::{App, Outcome, Overlay, PromptPurpose, Stranded, TextPrompt, line_input};

/// The window is up (or its copy prompt, which Esc leaves for the window).
pub(super) fn has_keys(app: &App, action: Action) -> bool {
    match &app.overlay {
        Some(Overlay::Stranded) => true,
        Some(Overlay::Prompt(TextPrompt {
            purpose: PromptPurpose::SaveCopy,
            ..
        })) => app.stranded.is_some() && action == Action::Back,
        // Behind another window or none: a quit brings this one back.
        _ => app.stranded.is_some() && action == Action::Quit,
    }
}

pub(super) fn act(app: &mut App, action: Action) -> Vec<Effect> {
    let Some(stranded) = app.stranded.as_mut() else {
        return Vec::new();
    };
    let armed = std::mem::take(&mut stranded.lose_armed);
    app.overlay = Some(Overlay::Stranded);
    match action {
        Action::Retry => {
            app.status = None;
            app.quitting = true;
            return vec![Effect::Save];
        }
        Action::SaveCopy => {
            app.overlay = Some(Overlay::Prompt(TextPrompt {
                purpose: PromptPurpose::SaveCopy,
                input: line_input(&app.copy_suggestion),
            }));
        }
        Action::LoseText if armed => {
            app.outcome = Some(Outcome::Lost);
            return vec![Effect::Quit];
        }
        Action::LoseText => stranded.lose_armed = true,
        Action::ToggleLang => app.lang = app.lang.toggle(),
        // q, Ctrl-C, Esc and the rest: not closed, and said why.
        _ => app.status = Some(app.strings().leaving.refused.clone()),
    }
    Vec::new()
}

/// What the fallback places made of the text a quit could not save.
pub(super) fn rescued(app: &mut App, result: Rescued) -> Vec<Effect> {
    match result {
        Ok(path) => {
            app.stranded = None;
            app.outcome = Some(Outcome::Rescued(path));
            vec![Effect::Quit]
        }
        Err(places) => {
            let s = app.strings();
            let reason = app
                .interview()
                .and_then(|st| st.save_error.clone())
                .unwrap_or_default();
            let mut tried = vec![crate::i18n::fill(
                &s.leaving.data_folder,
                &[("reason", &reason)],
            )];
            tried.extend(places.iter().map(|(_, e)| e.brief(s)));
            app.stranded = Some(Stranded {
                tried,
                lose_armed: false,
            });
            app.overlay = Some(Overlay::Stranded);
            Vec::new()
        }
    }
}

/// A copy written where the user said: the text is somewhere, so the quit
/// goes on; a failed one joins the places tried.
pub(super) fn copied(app: &mut App, result: Result<PathBuf, Error>) -> Vec<Effect> {
    match result {
        Ok(path) => rescued(app, Ok(path)),
        Err(e) => {
            let line = e.brief(app.strings());
            if let Some(st) = app.stranded.as_mut() {
                st.tried.push(line);
            }
            app.overlay = Some(Overlay::Stranded);
            Vec::new()
        }
    }
}
