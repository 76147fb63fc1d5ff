//! The terminal interface (Elm architecture): `Action` → `update(&mut App)`
//! → views that borrow `&App`. `run_loop` is the only TUI code doing I/O.

pub mod action;
pub mod app;
pub mod keymap;
pub mod terminal;
pub mod view;

use std::process::ExitCode;

use ratatui::crossterm::event::{self, Event, KeyEventKind};

use crate::cli::Ctx;
use crate::error::{Error, IoOp, Result};
use app::{App, Effect, update};
use keymap::Mode;

pub fn run_home(ctx: &Ctx) -> Result<ExitCode> {
    let mut app = App::new(ctx.settings.lang);
    let mut guard = TerminalGuardResult::enter()?;
    run_loop(&mut guard.0.terminal, &mut app)?;
    Ok(ExitCode::SUCCESS)
}

struct TerminalGuardResult(terminal::TerminalGuard);

impl TerminalGuardResult {
    fn enter() -> Result<Self> {
        terminal::TerminalGuard::enter()
            .map(Self)
            .map_err(|e| Error::io(IoOp::Write, "<terminal>", e))
    }
}

fn run_loop(terminal: &mut ratatui::DefaultTerminal, app: &mut App) -> Result<()> {
    let io = |e| Error::io(IoOp::Write, "<terminal>", e);
    loop {
        terminal.draw(|f| view::render(app, f)).map_err(io)?;
        match event::read().map_err(io)? {
            Event::Key(k) if k.kind == KeyEventKind::Press => {
                if let Some(action) = keymap::lookup(Mode::Home, k)
                    && update(app, action) == Some(Effect::Quit)
                {
                    return Ok(());
                }
            }
            _ => {}
        }
    }
}
