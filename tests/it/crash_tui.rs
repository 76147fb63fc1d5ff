//! SIGKILL at random moments in a real TUI session, in a pseudo-terminal:
//! nothing saved is lost, no tail is garbled, and the autosave draft is
//! offered back. It waits on real time (up to 1.5 s a round), so it sits
//! beside the crash harness, whose tests the runner starts first.

use std::time::Duration;

use crate::pty::{self, Tui, bin, command, draft_file, read_session, session_file};
use crate::terminal::{INTERVIEW, dirs, is_saved};

/// A tiny deterministic generator, so a failing round can be replayed from
/// the seed printed with it.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, below: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % below
    }
}

#[test]
fn sigkill_at_random_moments_loses_nothing_saved_and_offers_the_rest() {
    let seed = std::env::var("GEHOOR_KILL_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_nanos() as u64
        });
    eprintln!("GEHOOR_KILL_SEED={seed}");
    let mut rng = Lcg(seed);
    let (_tmp, data, home) = dirs();

    // Round 0 creates the session; later rounds resume it from the home screen.
    let mut tui = Tui::spawn(command(&bin(), INTERVIEW, &data, &home), 100, 30);
    tui.wait_for("Questions 0/");
    let file = session_file(&data);
    let mut saved = String::new();
    let mut offered = 0;
    // CI runs 8 rounds; GEHOOR_KILL_ROUNDS=200 for a longer run by hand.
    let rounds: usize = std::env::var("GEHOOR_KILL_ROUNDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(8);
    for round in 0..rounds {
        if round > 0 {
            tui = Tui::spawn(command(&bin(), &["--lang", "en"], &data, &home), 100, 30);
            tui.wait_for("Recent sessions");
            tui.key("\t");
            tui.key("\r");
            let screen = tui.wait_until("the interview or the recovery offer", |s| {
                s.contains("Questions") || s.contains("Unsaved work found")
            });
            let on_disk = read_session(&file).note;
            let draft = pty::read_draft_note(&file);
            if let Some(draft) = draft.filter(|d| *d != on_disk) {
                assert!(
                    screen.contains("Unsaved work found"),
                    "seed {seed} round {round}: a draft with unsaved work was not offered:\n{screen}"
                );
                offered += 1;
                tui.key("\r");
                tui.wait_for("Unsaved work restored");
                tui.wait_until("the restored work saved", is_saved);
                // What the draft held is now in the session file.
                assert_eq!(read_session(&file).note, draft, "seed {seed} round {round}");
            } else {
                assert!(
                    !screen.contains("Unsaved work found"),
                    "seed {seed} round {round}: offered a draft with nothing new"
                );
            }
            // Whatever the draft held becomes the new baseline.
            saved = read_session(&file).note;
        }
        tui.key("N");
        tui.wait_for("Note on the session");
        let sure = format!(" r{round}-saved");
        tui.send(&sure);
        saved.push_str(&sure);
        // Saved means in the session file, whatever the screen wraps.
        let start = std::time::Instant::now();
        while read_session(&file).note != saved {
            assert!(
                start.elapsed() < pty::TIMEOUT,
                "seed {seed} round {round}: never saved; the screen shows:\n{}",
                tui.contents()
            );
            std::thread::sleep(Duration::from_millis(30));
        }
        let at_risk = format!(" r{round}-typed-just-before-the-kill");
        tui.send(&at_risk);
        std::thread::sleep(Duration::from_millis(rng.next(1500)));
        tui.sigkill();

        let note = read_session(&file).note;
        assert!(
            note.starts_with(&saved),
            "seed {seed} round {round}: saved text lost.\nexpected prefix {saved:?}\nfile has {note:?}"
        );
        let rest = &note[saved.len()..];
        assert!(
            at_risk.starts_with(rest),
            "seed {seed} round {round}: garbled tail {rest:?}"
        );
        if let Some(draft) = pty::read_draft_note(&file) {
            let mode = std::os::unix::fs::PermissionsExt::mode(
                &std::fs::metadata(draft_file(&file)).unwrap().permissions(),
            );
            assert_eq!(mode & 0o077, 0, "the draft is private: {mode:o}");
            assert!(draft.starts_with(&saved), "seed {seed} round {round}");
            assert!(
                at_risk.starts_with(&draft[saved.len()..]),
                "seed {seed} round {round}: garbled draft {draft:?}"
            );
        }
    }
    eprintln!(
        "{rounds} kills: recovery offered in {offered} of {} restarts (the rest were killed after a save)",
        rounds - 1
    );
}
