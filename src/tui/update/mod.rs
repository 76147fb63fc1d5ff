//! `update(&mut App, Msg) -> Vec<Effect>`: the only code that changes the
//! `App`, and it does no I/O. The runtime performs the effects and sends
//! their results back as messages.

mod answering;
mod editing;
mod form;
mod home;
mod interview;
mod lifecycle;
mod navigate;
pub mod overlay;
mod record;
mod results;
mod sessions;
mod stranded;

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

use ratatui::crossterm::event::KeyEvent;

use super::action::Action;
use super::app::{App, FrameLayout, Overlay, Pane, PromptPurpose, Screen, TextPrompt, line_input};
use crate::error::Error;
use crate::interview::Progress;
use crate::notes::{ListEntry, ReviewChange, Session};
use crate::search::Index;

pub use interview::{open_interview, refresh};

/// The time, as the runtime read it: a monotonic instant for intervals and
/// the wall clock for what is written into a session.
#[derive(Debug, Clone)]
pub struct Now {
    pub instant: Instant,
    pub wall: jiff::Zoned,
}

/// Everything that can happen to the app.
// A message is moved once, from the runtime into `update`; boxing the
// sessions some carry would buy nothing.
#[allow(clippy::large_enum_variant)]
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
    Tick(Now),
    /// Where the frame just drawn put each pane.
    Frame(FrameLayout),
    IndexReady(Arc<Index>),
    /// A corpus folder's passage vectors: `done` of `total` embedded.
    EmbeddingProgress {
        done: usize,
        total: usize,
    },
    /// The search overlay's query, embedded off the UI thread.
    QueryEmbedded {
        query: String,
        vector: Vec<f32>,
    },
    /// The terminal went away or a signal asked gehoor to stop: keep what
    /// is in an open editor, save, leave.
    Terminate,
    /// The data folder is readable by other users.
    SharedFolder(PathBuf),
    /// Start on the new-interview form, prefilled.
    ShowForm {
        case_ref: String,
        interviewer: String,
        topics: Vec<String>,
    },
    /// Start on the supervisor's sessions table.
    ShowSessions,
    // What the runtime reports back after performing an effect.
    Created(Result<Session, Error>),
    Loaded {
        result: Result<Session, Error>,
        review: bool,
    },
    /// The writer's lock on a session, with a draft that holds more than
    /// the file; on failure, the session as it is on disk if it could be read.
    Locked(Result<(Session, Option<Session>), (Error, Option<Session>)>),
    Listed(Result<(Vec<ListEntry>, SessionStats), Error>),
    Saved(Result<Session, Error>),
    /// Where a quit put the text the data folder refused, or every place
    /// tried and why each failed.
    Rescued(crate::notes::rescue::Rescued),
    Reviewed {
        result: Result<Session, Error>,
        change: ReviewChange,
    },
    Copied(Result<PathBuf, Error>),
    /// The session reopened and saved under the writer's lock.
    Reopened(Result<Session, Error>),
    DraftDiscarded(Result<(), Error>),
}

/// Progress per listed session, for the supervisor's table.
pub type SessionStats = std::collections::HashMap<uuid::Uuid, Progress>;

/// Work with the outside world that the runtime performs after an update.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Leave now: everything that had to be saved was, or the user insisted.
    Quit,
    /// Hand the terminal back to the shell until `fg`.
    Suspend,
    /// Save the open session.
    Save,
    /// Write the unsaved session into the first fallback place that takes
    /// it (copy folder, home folder, temp dir): the data folder refused it
    /// and the user asked to quit anyway.
    Rescue,
    /// Rewrite the autosave draft with what is on screen.
    WriteDraft,
    /// Let go of the open session: its lock, its draft handle.
    Release,
    Create(Box<Session>),
    /// Read a session by id (or unique prefix) as it is on disk.
    Load {
        id: String,
        review: bool,
    },
    /// Take the writer's lock on a session and read it.
    Lock {
        id: uuid::Uuid,
    },
    ListSessions,
    /// A reviewer's write, merged into the file on disk.
    Review {
        id: uuid::Uuid,
        change: ReviewChange,
        by: String,
        at: jiff::Zoned,
    },
    /// Write a copy of the open session into this folder.
    SaveCopy {
        dir: String,
    },
    /// The interviewer chose not to restore the autosave draft.
    DiscardDraft,
    /// Embed `text` (the overlay's `query` as the model reads it) on
    /// another thread.
    EmbedQuery {
        query: String,
        text: String,
    },
    /// Take the writer's lock on a submitted session opened read-only,
    /// reopen it with `reason` and save it.
    Reopen {
        id: uuid::Uuid,
        by: String,
        reason: String,
        at: jiff::Zoned,
    },
}

pub fn update(app: &mut App, msg: Msg) -> Vec<Effect> {
    let mut effects = dispatch(app, msg);
    // After every change, the draft beside the session holds what is on
    // screen, so a kill between two saves loses nothing typed. A save in
    // the same batch makes it unnecessary.
    if let Some(st) = app.interview_mut()
        && !st.read_only
        && st.autosave.take_draft()
        && !effects.contains(&Effect::Save)
    {
        effects.push(Effect::WriteDraft);
    }
    effects
}

fn dispatch(app: &mut App, msg: Msg) -> Vec<Effect> {
    let msg = match msg {
        Msg::Tick(now) => {
            app.now = now.instant;
            app.clock = now.wall;
            return interview::autosave_due(app)
                .into_iter()
                .chain(overlay::embed_due(app))
                .collect();
        }
        Msg::Frame(layout) => {
            app.layout = layout;
            navigate::scroll_tree(app);
            return Vec::new();
        }
        Msg::IndexReady(index) => {
            if index.vectors().is_some() {
                app.embedding = None;
            }
            app.index = Some(index);
            interview::refresh_sources(app);
            return Vec::new();
        }
        Msg::EmbeddingProgress { done, total } => {
            let lexical = app.index.as_ref().is_none_or(|i| i.vectors().is_none());
            app.embedding = lexical.then_some((done, total));
            return Vec::new();
        }
        Msg::SharedFolder(path) => {
            app.status = Some(crate::i18n::fill(
                &app.strings().cli.data_dir_readable_by_others,
                &[("path", &path.display().to_string())],
            ));
            return Vec::new();
        }
        // The overlay it was embedded for is gone.
        Msg::QueryEmbedded { .. } if !matches!(app.overlay, Some(Overlay::Search(_))) => {
            return Vec::new();
        }
        Msg::Terminate => return lifecycle::terminate(app),
        // Nothing took the text: this window decides, quit keys included.
        Msg::Act(action) if stranded::has_keys(app, action) => return stranded::act(app, action),
        Msg::Rescued(result) => return stranded::rescued(app, result),
        Msg::Copied(result) if app.stranded.is_some() => return stranded::copied(app, result),
        Msg::Act(Action::Quit) => return lifecycle::quit(app),
        Msg::Act(Action::Suspend) => return lifecycle::suspend(app),
        Msg::Act(Action::Close) => return lifecycle::close(app),
        // Esc on the tree goes back a level; on another pane, to the tree.
        Msg::Act(Action::Back)
            if app.overlay.is_none()
                && app
                    .interview()
                    .is_some_and(|st| st.editor.is_none() && st.focus == Pane::Tree) =>
        {
            return lifecycle::close(app);
        }
        Msg::Saved(result) => return lifecycle::saved(app, result),
        Msg::ShowForm { .. }
        | Msg::ShowSessions
        | Msg::Created(_)
        | Msg::Loaded { .. }
        | Msg::Locked(_)
        | Msg::Listed(_)
        | Msg::Reviewed { .. }
        | Msg::Copied(_)
        | Msg::DraftDiscarded(_) => return results::apply(app, msg),
        // A comment being typed is never swapped for the help.
        Msg::Act(Action::ToggleHelp) if !matches!(app.overlay, Some(Overlay::Prompt(_))) => {
            app.overlay = match app.overlay {
                Some(Overlay::Help { .. }) => None,
                _ => Some(Overlay::Help { scroll: 0 }),
            };
            return Vec::new();
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
            return Vec::new();
        }
        Msg::Act(Action::ToggleLang) if !super::focus::mode(app).takes_text() => {
            app.lang = app.lang.toggle();
            interview::refresh_sources(app);
            return Vec::new();
        }
        other => other,
    };
    if app.overlay.is_some() {
        return overlay::update(app, msg).into_iter().collect();
    }
    let effect = match app.screen {
        Screen::Home(_) => home::update(app, msg),
        Screen::NewInterview(_) => form::update(app, msg),
        Screen::Sessions(_) => sessions::update(app, msg),
        Screen::Interview(_) => interview::update(app, msg),
    };
    effect.into_iter().collect()
}

pub(crate) fn paste_into(
    input: &mut ratatui_textarea::TextArea<'static>,
    text: &str,
    single_line: bool,
) {
    input.insert_str(crate::sanitize::pasted(text, single_line));
}
