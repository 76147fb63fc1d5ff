//! The only place that switches the terminal's modes. `ratatui::init`
//! restores raw mode and the alternate screen on panic, but not mouse capture
//! or bracketed paste, so the panic hook and `Drop` undo those too.

use std::io::stdout;

use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use ratatui::crossterm::execute;

/// Owns the terminal while a screen runs; dropping it restores the shell,
/// whether the screen returned normally, with an error, or by unwinding.
pub struct TerminalGuard {
    pub terminal: DefaultTerminal,
}

impl TerminalGuard {
    pub fn enter() -> std::io::Result<TerminalGuard> {
        install_panic_hook();
        let terminal = ratatui::init();
        execute!(stdout(), EnableMouseCapture, EnableBracketedPaste)?;
        Ok(TerminalGuard { terminal })
    }
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        undo_input_modes();
        ratatui::restore();
    }
}

fn undo_input_modes() {
    // Errors are ignored: this runs while leaving, when nothing better can be done.
    let _ = execute!(stdout(), DisableMouseCapture, DisableBracketedPaste);
}

fn install_panic_hook() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            undo_input_modes();
            ratatui::restore();
            previous(info);
        }));
    });
}

/// Ctrl-Z: give the shell its terminal back, stop until `fg`, then take the
/// terminal again. The caller saves first.
pub fn suspend(terminal: &mut DefaultTerminal) -> std::io::Result<()> {
    undo_input_modes();
    ratatui::restore();
    signal_hook::low_level::raise(signal_hook::consts::SIGTSTP)?;
    *terminal = ratatui::init();
    execute!(stdout(), EnableMouseCapture, EnableBracketedPaste)?;
    terminal.clear()
}
