//! The only place that switches the terminal's modes, and undoes them: raw
//! mode, the alternate screen, mouse capture and bracketed paste, on
//! return, on error and on panic.
//!
//! Not `ratatui::init`/`restore`: they report a failure with `eprintln!`,
//! and so do `Terminal`'s drop, which panics when the terminal is gone (a
//! closed window); a panic in a panic hook then aborts the process before
//! the final save. Everything here ignores errors instead, since it runs
//! while leaving, when nothing better can be done.

use std::io::stdout;
use std::mem::ManuallyDrop;

use ratatui::crossterm::cursor::Show;
use ratatui::crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::{DefaultTerminal, Terminal, prelude::CrosstermBackend};

/// Owns the terminal while a screen runs; dropping it restores the shell,
/// whether the screen returned normally, with an error, or by unwinding.
pub struct TerminalGuard {
    pub terminal: ManuallyDrop<DefaultTerminal>,
}

fn enter_modes() -> std::io::Result<()> {
    enable_raw_mode()?;
    execute!(
        stdout(),
        EnterAlternateScreen,
        EnableMouseCapture,
        EnableBracketedPaste
    )
}

fn take_terminal() -> std::io::Result<DefaultTerminal> {
    enter_modes()?;
    Terminal::new(CrosstermBackend::new(stdout()))
}

impl TerminalGuard {
    pub fn enter() -> std::io::Result<TerminalGuard> {
        install_panic_hook();
        let terminal = take_terminal().inspect_err(|_| restore())?;
        Ok(TerminalGuard {
            terminal: ManuallyDrop::new(terminal),
        })
    }
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        restore();
        // The cursor is shown by `restore`; dropping the `Terminal` would try
        // again and print (see above) if that failed, so it is not dropped.
        // It owns no more than a handle on stdout.
    }
}

fn restore() {
    let _ = execute!(
        stdout(),
        DisableMouseCapture,
        DisableBracketedPaste,
        LeaveAlternateScreen,
        Show
    );
    let _ = disable_raw_mode();
}

fn install_panic_hook() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            restore();
            previous(info);
        }));
    });
}

/// Ctrl-Z: give the shell its terminal back, stop until `fg`, then take the
/// terminal again. The caller saves first, and clears its screen after.
pub fn suspend() -> std::io::Result<()> {
    restore();
    signal_hook::low_level::raise(signal_hook::consts::SIGTSTP)?;
    enter_modes()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Readiness {
    /// Input may be waiting: let crossterm read it.
    Input,
    /// The terminal is gone (its window closed, the ssh connection dropped).
    HungUp,
    /// Nothing within the timeout, or a signal arrived.
    Idle,
    /// Standard input is not the terminal (crossterm reads /dev/tty then),
    /// so only crossterm can wait.
    NotATty,
}

/// Wait for input on the terminal ourselves, rather than in crossterm:
/// crossterm 0.29 never returns from `poll` once its tty reads end-of-file
/// (it spins), so a window closed during its wait would hang gehoor before
/// the final save. A hung-up tty reports POLLHUP here instead.
pub fn wait_for_input(timeout: std::time::Duration) -> Readiness {
    use std::os::fd::AsRawFd;
    let fd = std::io::stdin().as_raw_fd();
    // SAFETY: isatty and poll only read the descriptor number and the one
    // pollfd passed, which lives on this stack frame for the call.
    unsafe {
        if libc::isatty(fd) != 1 {
            return Readiness::NotATty;
        }
        let mut p = libc::pollfd {
            fd,
            events: libc::POLLIN,
            revents: 0,
        };
        let ms = timeout.as_millis().min(i32::MAX as u128) as i32;
        match libc::poll(&mut p, 1, ms) {
            n if n > 0 && p.revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0 => {
                Readiness::HungUp
            }
            n if n > 0 => Readiness::Input,
            _ => Readiness::Idle,
        }
    }
}

/// Backstop for a hang-up the check above missed (it came between the
/// check and crossterm's read): once SIGTERM or SIGHUP is raised, the loop
/// has a few seconds to begin its final save; if it has not, it is stuck in
/// crossterm and the process ends. The autosave draft, written after every
/// change, holds what the last save did not.
pub fn spawn_watchdog(
    signalled: std::sync::Arc<std::sync::atomic::AtomicBool>,
    leaving: std::sync::Arc<std::sync::atomic::AtomicBool>,
) {
    use std::sync::atomic::Ordering;
    use std::time::Duration;
    std::thread::spawn(move || {
        while !signalled.load(Ordering::Relaxed) {
            std::thread::sleep(Duration::from_millis(100));
        }
        std::thread::sleep(Duration::from_secs(3));
        if !leaving.load(Ordering::Relaxed) {
            std::process::exit(2);
        }
    });
}
