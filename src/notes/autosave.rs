//! When to save: the TUI calls `note_change` after every edit and saves when
//! `due`; at most one save a second, and always a final save on exit,
//! suspend or a termination signal (`pending`).

use std::sync::Arc;
use std::sync::atomic::AtomicBool;
use std::time::{Duration, Instant};

use crate::error::{Error, IoOp, Result};

pub const MIN_INTERVAL: Duration = Duration::from_secs(1);

#[derive(Debug, Clone, Default)]
pub struct Autosave {
    dirty: bool,
    /// Changed since the draft was last written (see `draft.rs`).
    draft_stale: bool,
    last_save: Option<Instant>,
}

impl Autosave {
    pub fn new() -> Autosave {
        Autosave::default()
    }

    pub fn note_change(&mut self, _now: Instant) {
        self.dirty = true;
        self.draft_stale = true;
    }

    /// The draft should be rewritten now; clears the flag.
    pub fn take_draft(&mut self) -> bool {
        std::mem::take(&mut self.draft_stale)
    }

    /// A save is due: there are unsaved changes and the last save was at
    /// least `MIN_INTERVAL` ago.
    pub fn due(&self, now: Instant) -> bool {
        self.dirty
            && self
                .last_save
                .is_none_or(|t| now.saturating_duration_since(t) >= MIN_INTERVAL)
    }

    /// Unsaved changes exist: the final save on exit must happen.
    pub fn pending(&self) -> bool {
        self.dirty
    }

    /// How long the loop may sleep before a save can become due.
    pub fn wait(&self, now: Instant) -> Option<Duration> {
        if !self.dirty {
            return None;
        }
        Some(self.last_save.map_or(Duration::ZERO, |t| {
            MIN_INTERVAL.saturating_sub(now.saturating_duration_since(t))
        }))
    }

    pub fn saved(&mut self, now: Instant) {
        self.dirty = false;
        self.draft_stale = false;
        self.last_save = Some(now);
    }
}

/// A flag raised by SIGTERM, SIGHUP or SIGINT; the TUI loop polls it,
/// saves, and exits. In raw mode Ctrl-C is a key, so a SIGINT comes from
/// outside (`kill -INT`) and means the same as SIGTERM.
pub fn install_signal_flags() -> Result<Arc<AtomicBool>> {
    let flag = Arc::new(AtomicBool::new(false));
    for sig in [
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGHUP,
        signal_hook::consts::SIGINT,
    ] {
        signal_hook::flag::register(sig, Arc::clone(&flag))
            .map_err(|e| Error::io(IoOp::Write, "signal handler", e))?;
    }
    Ok(flag)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn at_most_one_save_a_second_and_a_final_save() {
        let t0 = Instant::now();
        let mut a = Autosave::new();
        assert!(!a.due(t0));
        a.note_change(t0);
        assert!(a.due(t0), "first change saves at once");
        a.saved(t0);
        a.note_change(t0 + Duration::from_millis(100));
        assert!(!a.due(t0 + Duration::from_millis(500)));
        assert_eq!(
            a.wait(t0 + Duration::from_millis(400)),
            Some(Duration::from_millis(600))
        );
        assert!(a.pending(), "exit must still save");
        assert!(a.due(t0 + Duration::from_millis(1000)));
        a.saved(t0 + Duration::from_millis(1000));
        assert!(!a.pending());
        assert_eq!(a.wait(t0 + Duration::from_secs(5)), None);
    }

    #[test]
    fn every_change_rewrites_the_draft_once_and_a_save_covers_it() {
        let t0 = Instant::now();
        let mut a = Autosave::new();
        assert!(!a.take_draft());
        a.note_change(t0);
        assert!(a.take_draft());
        assert!(!a.take_draft(), "written once per change");
        a.note_change(t0);
        a.saved(t0);
        assert!(!a.take_draft(), "the save holds the change");
    }

    #[test]
    fn sighup_raises_the_flag() {
        let flag = install_signal_flags().unwrap();
        assert!(!flag.load(std::sync::atomic::Ordering::SeqCst));
        signal_hook::low_level::raise(signal_hook::consts::SIGHUP).unwrap();
        assert!(flag.load(std::sync::atomic::Ordering::SeqCst));
    }
}
