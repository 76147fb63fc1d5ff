//! The loop: draw, wait for input, turn it into a message, `update`, and
//! perform the effects through `Io`, feeding each result back in. Generic
//! over the ratatui backend and the event source, so tests run this same
//! loop on `TestBackend` with a key script.

use std::collections::VecDeque;
use std::sync::mpsc;
use std::time::Duration;

use ratatui::Terminal;
use ratatui::backend::Backend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseEvent, MouseEventKind};

use super::action::Action;
use super::app::App;
use super::effects::Io;
use super::update::{Effect, Msg, Now, update};
use super::{focus, keymap, view};
use crate::error::{Error, IoOp, Result};

/// One thing from the terminal (or a script).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    Key(KeyEvent),
    Paste(String),
    Mouse(MouseEvent),
    /// Nothing arrived within the wait (or the window was resized).
    Idle,
    /// The terminal is gone or a signal asked to stop.
    Closed,
    /// A script has nothing more for now: leave the loop as it is, so a
    /// test can look at the files and go on. The terminal never sends it.
    Detach,
}

pub trait EventSource {
    /// The current time; a script controls its own.
    fn now(&mut self) -> Now;
    /// Wait up to `timeout` for the next input.
    fn next(&mut self, timeout: Duration) -> std::io::Result<Input>;
    /// Give the terminal back to the shell until `fg`.
    fn suspend(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// How the loop ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ended {
    /// The user quit (after the save, or insisting after a failed one).
    Quit,
    /// The terminal went away or a signal came: kept and saved what it could.
    Closed,
    /// The script paused (tests only).
    Detached,
}

/// The message a key press becomes in the current focus: a bound action,
/// text for an input that has focus, or nothing.
pub fn key_msg(app: &App, key: KeyEvent) -> Option<Msg> {
    let mode = focus::mode(app);
    if let Some(action) = keymap::lookup(mode, key) {
        if let Some(edit) = editor_key(action) {
            return mode.takes_text().then_some(Msg::Input(edit));
        }
        return Some(Msg::Act(action));
    }
    if !mode.takes_text() {
        return None;
    }
    // A typed control, bidi or zero-width character would be drawn by the
    // text editor as it is; like pasted ones, it is dropped on input.
    if let KeyCode::Char(c) = key.code
        && crate::sanitize::clean(c.encode_utf8(&mut [0; 4])).is_empty()
    {
        return None;
    }
    Some(Msg::Input(key))
}

/// Text-editing actions are done by the editor widget; this is the key it
/// knows each by (its own Ctrl-U is undo, which users take for a bug).
fn editor_key(action: Action) -> Option<KeyEvent> {
    let ctrl = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL);
    match action {
        Action::DeleteToLineStart => Some(ctrl('j')),
        Action::DeleteToLineEnd => Some(ctrl('k')),
        Action::DeleteWordBack => Some(ctrl('w')),
        _ => None,
    }
}

fn mouse_msg(m: MouseEvent) -> Option<Msg> {
    match m.kind {
        MouseEventKind::Down(_) => Some(Msg::Click {
            col: m.column,
            row: m.row,
        }),
        MouseEventKind::ScrollDown => Some(Msg::Scroll { down: true }),
        MouseEventKind::ScrollUp => Some(Msg::Scroll { down: false }),
        _ => None,
    }
}

pub struct Runtime<'a, B: Backend, E: EventSource> {
    pub terminal: &'a mut Terminal<B>,
    pub events: &'a mut E,
    pub io: &'a mut Io,
    /// From the index thread: `IndexReady` (again whenever more vectors are
    /// set) and `EmbeddingProgress`.
    pub index: Option<mpsc::Receiver<Msg>>,
}

impl<B: Backend, E: EventSource> Runtime<'_, B, E> {
    /// Update with `msg` and perform what follows, results included;
    /// true when a `Quit` was reached.
    pub fn step(&mut self, app: &mut App, msg: Msg) -> Result<bool> {
        let mut queue: VecDeque<Effect> = update(app, msg).into();
        while let Some(effect) = queue.pop_front() {
            match effect {
                Effect::Quit => return Ok(true),
                Effect::Suspend => {
                    self.events.suspend().map_err(term_err)?;
                    self.terminal.clear().map_err(|e| term_err(to_io(e)))?;
                }
                other => {
                    if let Some(result) = self.io.perform(app, other) {
                        queue.extend(update(app, result));
                    }
                }
            }
        }
        Ok(false)
    }

    fn draw(&mut self, app: &mut App) -> Result<()> {
        let mut layout = super::app::FrameLayout::default();
        self.terminal
            .draw(|f| layout = view::render(app, f))
            .map_err(|e| term_err(to_io(e)))?;
        if layout != app.layout {
            // A new size moves the tree's scroll: draw again with it.
            self.step(app, Msg::Frame(layout))?;
            self.terminal
                .draw(|f| {
                    view::render(app, f);
                })
                .map_err(|e| term_err(to_io(e)))?;
        }
        Ok(())
    }

    pub fn run(&mut self, app: &mut App) -> Result<Ended> {
        loop {
            while let Some(msg) = self.index.as_ref().and_then(|rx| rx.try_recv().ok()) {
                self.step(app, msg)?;
            }
            while let Some(msg) = self.io.embedded() {
                self.step(app, msg)?;
            }
            self.draw(app)?;
            let wait = app
                .interview()
                .and_then(|st| st.autosave.wait(app.now))
                .map_or(Duration::from_millis(250), |w| {
                    w.clamp(Duration::from_millis(10), Duration::from_millis(250))
                });
            let wait = if super::update::overlay::embed_pending(app) {
                wait.min(Duration::from_millis(25))
            } else {
                wait
            };
            let input = self.events.next(wait).map_err(term_err)?;
            let now = self.events.now();
            if self.step(app, Msg::Tick(now))? {
                return Ok(Ended::Quit);
            }
            let msg = match input {
                Input::Key(k) => key_msg(app, k),
                Input::Paste(text) => Some(Msg::Paste(text)),
                Input::Mouse(m) => mouse_msg(m),
                Input::Idle => None,
                Input::Closed => {
                    self.step(app, Msg::Terminate)?;
                    return Ok(Ended::Closed);
                }
                Input::Detach => return Ok(Ended::Detached),
            };
            if let Some(msg) = msg
                && self.step(app, msg)?
            {
                return Ok(Ended::Quit);
            }
        }
    }
}

fn to_io<E: std::fmt::Display>(e: E) -> std::io::Error {
    std::io::Error::other(e.to_string())
}

fn term_err(e: std::io::Error) -> Error {
    Error::io(IoOp::Write, "<terminal>", e)
}
