//! `update(&mut App, Msg) -> Option<Effect>`: every state change, without I/O.

mod editing;
mod form;
mod home;
mod interview;
mod overlay;
mod sessions;

use std::sync::Arc;
use std::time::Instant;

use ratatui::crossterm::event::KeyEvent;

use super::action::Action;
use super::app::{App, Overlay, PromptPurpose, Screen, TextPrompt, line_input};
use super::keymap::Mode;
use crate::search::Index;

pub use interview::{open_interview, refresh};

/// Everything that can happen to the app.
pub enum Msg {
    Act(Action),
    /// A key for the focused text input.
    Input(KeyEvent),
    Paste(String),
    Click {
        col: u16,
        row: u16,
    },
    Scroll {
        down: bool,
    },
    Tick(Instant),
    IndexReady(Arc<Index>),
}

/// Work with the outside world that the loop performs after an update.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Save the open session (if any) and leave.
    Quit,
    /// Save, then hand the terminal back to the shell until `fg`.
    Suspend,
    Save,
    Create {
        case_ref: String,
        interviewer: String,
        topics: Vec<String>,
    },
    /// Open a session by id for interviewing (or reviewing).
    Open {
        id: String,
        review: bool,
    },
    LoadSessions,
    Comment {
        target: Option<String>,
        text: String,
    },
    Approve,
    Return {
        reason: String,
    },
    /// Write a copy of the open session into this folder.
    SaveCopy {
        dir: String,
    },
    /// The interviewer chose not to restore the autosave draft.
    DiscardDraft,
}

/// The keymap mode for the current focus.
pub fn mode(app: &App) -> Mode {
    match &app.overlay {
        Some(Overlay::Search(_) | Overlay::Jump(_) | Overlay::Prompt(_)) => return Mode::Editor,
        Some(_) => return Mode::Global,
        None => {}
    }
    match &app.screen {
        Screen::Home(h) if h.filtering => Mode::Editor,
        Screen::Home(_) => Mode::Home,
        Screen::NewInterview(_) => Mode::Editor,
        Screen::Sessions(s) if s.filtering => Mode::Editor,
        Screen::Sessions(_) => Mode::Sessions,
        Screen::Interview(i) if i.editor.is_some() => Mode::Editor,
        Screen::Interview(i) if i.review => Mode::Review,
        Screen::Interview(_) => Mode::Interview,
    }
}

pub fn update(app: &mut App, msg: Msg) -> Option<Effect> {
    match msg {
        Msg::Tick(now) => {
            app.now = now;
            // The window may have been resized since the last key.
            interview::scroll_tree(app);
            return interview::autosave_due(app);
        }
        Msg::IndexReady(index) => {
            app.index = Some(index);
            interview::refresh_sources(app);
            return None;
        }
        // A typed control, bidi or zero-width character would be drawn by the
        // text editor as it is; like pasted ones, it is dropped on input.
        Msg::Input(KeyEvent {
            code: ratatui::crossterm::event::KeyCode::Char(c),
            ..
        }) if crate::sanitize::clean(c.encode_utf8(&mut [0; 4])).is_empty() => return None,
        Msg::Act(Action::Suspend) => return Some(Effect::Suspend),
        Msg::Act(Action::Quit) => {
            if matches!(app.overlay, Some(Overlay::Help { .. })) {
                app.overlay = None;
            }
            return Some(Effect::Quit);
        }
        // A comment being typed is never swapped for the help.
        Msg::Act(Action::ToggleHelp) if !matches!(app.overlay, Some(Overlay::Prompt(_))) => {
            app.overlay = match app.overlay {
                Some(Overlay::Help { .. }) => None,
                _ => Some(Overlay::Help { scroll: 0 }),
            };
            return None;
        }
        // From the tree or from inside an editor, so typing never has to stop
        // for a failing data folder.
        Msg::Act(Action::SaveCopy)
            if app.overlay.is_none() && app.interview().is_some_and(|st| !st.read_only) =>
        {
            app.overlay = Some(Overlay::Prompt(TextPrompt {
                purpose: PromptPurpose::SaveCopy,
                input: line_input(&app.copy_suggestion),
            }));
            return None;
        }
        Msg::Act(Action::ToggleLang) if mode(app) != Mode::Editor => {
            app.lang = app.lang.toggle();
            interview::refresh_sources(app);
            return None;
        }
        _ => {}
    }
    if app.overlay.is_some() {
        return overlay::update(app, msg);
    }
    match app.screen {
        Screen::Home(_) => home::update(app, msg),
        Screen::NewInterview(_) => form::update(app, msg),
        Screen::Sessions(_) => sessions::update(app, msg),
        Screen::Interview(_) => interview::update(app, msg),
    }
}

/// Apply a key to a single-line input; Enter never inserts a newline.
pub(crate) fn type_into(input: &mut ratatui_textarea::TextArea<'static>, key: KeyEvent) -> bool {
    use ratatui::crossterm::event::KeyCode;
    if key.code == KeyCode::Enter {
        return false;
    }
    input.input(key)
}

pub(crate) fn paste_into(
    input: &mut ratatui_textarea::TextArea<'static>,
    text: &str,
    single_line: bool,
) {
    input.insert_str(crate::sanitize::pasted(text, single_line));
}
