//! Leaving: quit, suspend and termination keep what is in an open editor,
//! save, and leave only once the save succeeded (or the user insists).

use super::{Effect, Msg, dispatch};
use crate::error::Error;
use crate::notes::Session;
use crate::tui::action::Action;
use crate::tui::app::{App, HomeState, Overlay, Screen, SessionsState, SortKey, line_input};
use crate::tui::focus;

/// Unsaved changes exist in a session this user may write.
fn unsaved(app: &App) -> bool {
    app.interview()
        .is_some_and(|st| !st.read_only && st.autosave.pending())
}

/// Leave every open editor the way Esc does, so what was typed is kept.
/// Four rounds cover the deepest stack (an editor under a prompt).
pub(super) fn leave_editors(app: &mut App) -> Vec<Effect> {
    let mut effects = Vec::new();
    for _ in 0..4 {
        if !focus::editing(app) {
            break;
        }
        effects.extend(dispatch(app, Msg::Act(Action::Back)));
    }
    effects
}

pub(super) fn quit(app: &mut App) -> Vec<Effect> {
    let mut effects = leave_editors(app);
    if matches!(app.overlay, Some(Overlay::Help { .. })) {
        app.overlay = None;
    }
    if !unsaved(app) {
        effects.push(Effect::Quit);
    } else {
        // Asked again after a failed save, one more try; when that fails
        // too, the text goes to a fallback place (`saved`), and with none,
        // gehoor stays open (`stranded`).
        app.quitting = true;
        effects.push(Effect::Save);
    }
    effects
}

pub(super) fn suspend(app: &mut App) -> Vec<Effect> {
    let mut effects = leave_editors(app);
    if unsaved(app) {
        effects.push(Effect::Save);
    }
    effects.push(Effect::Suspend);
    effects
}

/// SIGTERM, SIGHUP or a closed terminal: there is no one left to ask.
pub(super) fn terminate(app: &mut App) -> Vec<Effect> {
    let mut effects = leave_editors(app);
    if unsaved(app) {
        effects.push(Effect::Save);
    }
    effects.push(Effect::Quit);
    effects
}

/// Leave the interview for the list it came from, once it is saved.
pub(super) fn close(app: &mut App) -> Vec<Effect> {
    let mut effects = leave_editors(app);
    if unsaved(app) {
        app.closing = true;
        effects.push(Effect::Save);
    } else {
        effects.extend(back_to_list(app));
    }
    effects
}

fn back_to_list(app: &mut App) -> Vec<Effect> {
    let review = app.interview().is_some_and(|st| st.review);
    app.overlay = None;
    app.screen = if review {
        Screen::Sessions(SessionsState {
            cursor: app.table_cursor,
            filter: line_input(""),
            filtering: false,
            sort: SortKey::Updated,
        })
    } else {
        Screen::Home(HomeState {
            menu: 0,
            list: None,
            filter: line_input(""),
            filtering: false,
        })
    };
    // The list shows what this session now is (a return, a new answer).
    vec![Effect::Release, Effect::ListSessions]
}

pub(super) fn saved(app: &mut App, result: Result<Session, Error>) -> Vec<Effect> {
    let s = app.strings();
    let now = app.now;
    let data = app.data.clone();
    let quitting = std::mem::take(&mut app.quitting);
    let closing = std::mem::take(&mut app.closing);
    let armed = app.quit_armed;
    // A quit that found nowhere for the text goes on once it is saved.
    let quitting = quitting || (result.is_ok() && app.stranded.take().is_some());
    let Some(st) = app.interview_mut() else {
        return Vec::new();
    };
    match result {
        Ok(merged) => {
            // The file may have brought a reviewer's comments or status.
            st.session = merged;
            st.autosave.saved(now);
            st.saved_at = Some(now);
            st.save_error = None;
            super::refresh(st, &data.catalog);
            if quitting {
                return vec![Effect::Quit];
            }
            if closing {
                return back_to_list(app);
            }
        }
        Err(e) => {
            st.save_error = Some(e.brief(s));
            if quitting && armed {
                return vec![Effect::Rescue];
            } else if quitting {
                app.quit_armed = true;
                app.overlay = Some(Overlay::Message(s.tui.quit_unsaved.clone()));
            } else if closing {
                app.overlay = Some(Overlay::Message(s.tui.close_unsaved.clone()));
            }
        }
    }
    Vec::new()
}
