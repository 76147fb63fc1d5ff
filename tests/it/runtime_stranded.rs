//! Issue 17, point 6: a quit when the text can be written nowhere (the data
//! folder, the copy folder, the home folder and the temp dir all refuse
//! it). gehoor stays open with a window that lists each place and its
//! reason, and leaves only after a save (r), a copy where the user says
//! (w), or losing the text on purpose (X twice). Point 9: the reason a save
//! failed fits the status line at 80 columns. The real loop on
//! `TestBackend`, driven by key scripts, as in `runtime.rs`.

use std::path::{Path, PathBuf};

use gehoor::error::{Error, IoOp};
use gehoor::i18n::{Lang, Strings};
use gehoor::notes::Store;
use gehoor::tui::app::{Outcome, Overlay};
use gehoor::tui::effects::{Io, RescuePlaces};
use gehoor::tui::runtime::Ended;
use gehoor::tui::update::Msg;

use crate::runtime::{World, world};

/// Every place refuses: the sessions folder becomes a file, and the copy
/// folder, home and temp dir lie under a file (ENOTDIR; root ignores
/// modes, so no chmod). `heal` puts the sessions folder back.
struct Nowhere {
    w: World,
    id: uuid::Uuid,
    moved: PathBuf,
    _places: tempfile::TempDir,
}

impl Nowhere {
    fn new(lang: Lang) -> Nowhere {
        let mut w = world(lang);
        let places = tempfile::tempdir().unwrap();
        let blocker = places.path().join("a-file");
        std::fs::write(&blocker, "not a folder").unwrap();
        w.io = Io::new(Store::new(w.store_dir.clone())).with_rescue_places(RescuePlaces {
            home: Some(blocker.join("home")),
            temp: Some(blocker.join("tmp")),
        });
        w.app.copy_suggestion = blocker.join("copies").display().to_string();
        let id = w.interview();
        assert_eq!(w.run("n Eerste <esc> <wait 1500>"), Ended::Detached);
        assert_eq!(w.on_disk(id).answers["trial.received"].note, "Eerste");
        let moved = w.store_dir.with_extension("moved");
        std::fs::rename(&w.store_dir, &moved).unwrap();
        std::fs::write(&w.store_dir, "not a folder").unwrap();
        assert_eq!(w.run("n <space>tweede <esc>"), Ended::Detached);
        Nowhere {
            w,
            id,
            moved,
            _places: places,
        }
    }

    /// Ctrl-C twice: the save fails, then every fallback place.
    fn strand(&mut self) {
        assert_eq!(self.w.run("<c-c> <enter> <c-c>"), Ended::Detached);
        assert!(
            matches!(self.w.app.overlay, Some(Overlay::Stranded)),
            "{:?}",
            self.w.app.stranded
        );
    }

    fn heal(&self) {
        std::fs::remove_file(&self.w.store_dir).unwrap();
        std::fs::rename(&self.moved, &self.w.store_dir).unwrap();
    }

    fn screen(&self, width: u16, height: u16) -> String {
        screen(&self.w, width, height)
    }
}

/// The screen's text with the lines joined and the window's borders and
/// padding gone, so a phrase wrapped over two lines is found.
fn flat(screen: &str) -> String {
    screen
        .lines()
        .map(|l| l.trim_matches(|c: char| c == '│' || c.is_whitespace()))
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn a_quit_with_nowhere_to_write_stays_open_and_a_retry_saves_and_leaves() {
    let mut n = Nowhere::new(Lang::En);
    let s = Strings::get(Lang::En);
    n.strand();
    let tried = &n.w.app.stranded.as_ref().unwrap().tried;
    // The data folder, the copy folder, home/gehoor-copies, the temp dir.
    assert_eq!(tried.len(), 4, "{tried:?}");
    assert!(
        tried[0].starts_with("data folder: Not a directory"),
        "{tried:?}"
    );
    for t in tried {
        assert!(t.contains("Not a directory"), "{t}");
    }
    let shown = flat(&n.screen(120, 40));
    assert!(shown.contains(&s.leaving.title), "{shown}");
    assert!(shown.contains("could not be written anywhere"), "{shown}");
    for place in ["a-file/copies", "a-file/home/gehoor-copies", "a-file/tmp"] {
        assert!(shown.contains(place), "{place} is listed: {shown}");
    }
    assert!(shown.contains("r try saving again"), "{shown}");
    // Every way a quit usually goes: nothing leaves, and it says why.
    for keys in ["q", "<c-c>", "<esc>", "<c-c> <c-c> q q <esc>"] {
        assert_eq!(n.w.run(keys), Ended::Detached, "{keys}");
        assert!(matches!(n.w.app.overlay, Some(Overlay::Stranded)), "{keys}");
        assert_eq!(n.w.app.status.as_deref(), Some(s.leaving.refused.as_str()));
    }
    // A retry while the folder still fails: the window stays.
    assert_eq!(n.w.run("r"), Ended::Detached);
    assert!(matches!(n.w.app.overlay, Some(Overlay::Stranded)));
    // The disk is back: r saves everything and leaves, with nothing to say.
    n.heal();
    assert_eq!(n.w.run("r"), Ended::Quit);
    assert_eq!(n.w.app.outcome, None);
    assert_eq!(
        n.w.on_disk(n.id).answers["trial.received"].note,
        "Eerste tweede"
    );
}

#[test]
fn losing_the_text_takes_two_presses_after_a_warning_and_says_so() {
    let mut n = Nowhere::new(Lang::Nl);
    let s = Strings::get(Lang::Nl);
    n.strand();
    assert_eq!(n.w.run("X"), Ended::Detached, "one X does not leave");
    assert!(n.w.app.stranded.as_ref().unwrap().lose_armed);
    let shown = flat(&n.screen(80, 24));
    assert!(
        shown.contains("nogmaals X sluit af ZONDER op te slaan"),
        "{shown}"
    );
    // Any other key takes the warning back.
    assert_eq!(n.w.run("q X"), Ended::Detached);
    assert_eq!(n.w.run("<esc> X"), Ended::Detached);
    assert!(n.w.app.stranded.as_ref().unwrap().lose_armed);
    assert_eq!(n.w.run("X"), Ended::Quit);
    assert_eq!(n.w.app.outcome, Some(Outcome::Lost));
    assert!(!s.leaving.lost.is_empty());
    // The file keeps what was saved before the fault.
    n.heal();
    assert_eq!(n.w.on_disk(n.id).answers["trial.received"].note, "Eerste");
}

#[test]
fn w_writes_where_the_user_types_and_leaves() {
    let mut n = Nowhere::new(Lang::En);
    n.strand();
    let good = tempfile::tempdir().unwrap();
    let dir = good.path().join("mine");
    // Esc in the prompt goes back to the window, not to the interview.
    assert_eq!(n.w.run("w <esc>"), Ended::Detached);
    assert!(matches!(n.w.app.overlay, Some(Overlay::Stranded)));
    // A folder that fails joins the places tried.
    assert_eq!(n.w.run("w <enter>"), Ended::Detached);
    assert!(matches!(n.w.app.overlay, Some(Overlay::Stranded)));
    assert_eq!(n.w.app.stranded.as_ref().unwrap().tried.len(), 5);
    let typed: String = dir.display().to_string();
    assert!(!typed.contains(['<', ' ']), "the script types it as it is");
    assert_eq!(n.w.run(&format!("w <c-u> {typed} <enter>")), Ended::Quit);
    let Some(Outcome::Rescued(path)) = &n.w.app.outcome else {
        panic!("{:?}", n.w.app.outcome);
    };
    assert_eq!(path.parent(), Some(dir.as_path()));
    let copy = gehoor::notes::store::load(path).unwrap();
    assert_eq!(copy.id, n.id);
    assert_eq!(copy.answers["trial.received"].note, "Eerste tweede");
}

#[test]
fn a_hang_up_while_stranded_still_leaves() {
    // No one is left to answer the window: the loop ends, and `tui::run`
    // tries the places once more and exits 2 (see the PTY suite).
    let mut n = Nowhere::new(Lang::En);
    n.strand();
    assert_eq!(n.w.run("<close>"), Ended::Closed);
}

/// Point 9: at 80 columns (and 120), the status line shows why the save
/// failed, not a cut-off path or a lock.
#[test]
fn the_save_failure_reason_is_visible_at_80_and_120_columns() {
    for lang in [Lang::En, Lang::Nl] {
        for (errno, reason) in [
            (libc::ENOSPC, "No space left on device"),
            (libc::EROFS, "Read-only file system"),
        ] {
            let mut w = world(lang);
            w.interview();
            assert_eq!(w.run("n Tekst"), Ended::Detached);
            let long = Path::new("/home/interviewer/very/long/path/to/a/shared/gehoor/data")
                .join("sessions/.0190f3a2-0000-7000-8000-000000000000.toml.tmp");
            let err = Error::io(IoOp::Write, &long, std::io::Error::from_raw_os_error(errno));
            w.step(Msg::Saved(Err(err)));
            for (width, height) in [(80, 24), (120, 40)] {
                let shown = screen(&w, width, height);
                let line = shown
                    .lines()
                    .find(|l| l.contains(&Strings::get(lang).tui.save_failed))
                    .unwrap_or_else(|| panic!("{lang:?} {width}: no status line\n{shown}"));
                assert!(line.contains(reason), "{lang:?} {width}x{height}: {line}");
                assert!(!line.contains("lock"), "{line}");
            }
        }
    }
}

fn screen(w: &World, width: u16, height: u16) -> String {
    crate::support::screen::render(&w.app, width, height)
}
