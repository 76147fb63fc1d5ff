//! The same generated hostile folders, opened, saved and quit through the
//! TUI itself: the real runtime (`tui::runtime`) on a `TestBackend`, driven
//! by a key script that finds session A on the home screen by its id, opens
//! it, types a session note, waits for the autosave, closes it and quits.
//! No panic, no hang (the script ends the loop; a thread only guards CI
//! against a regression that blocks), nothing written outside the folder,
//! no link followed, and either session A opens as itself or the screen
//! shows an error that names its place.

use std::sync::{Arc, LazyLock};

use gehoor::assets::FileSet;
use gehoor::config::Theme;
use gehoor::tui::app::{App, Data, Overlay, Screen};
use gehoor::tui::effects::Io;
use gehoor::tui::events::ScriptEvents;
use gehoor::tui::runtime::{Ended, Runtime};
use gehoor::tui::theme::Palette;
use gehoor::tui::update::Msg;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use super::*;

/// Loaded once: the embedded corpus and questionnaires.
static DATA: LazyLock<Arc<Data>> = LazyLock::new(|| {
    Arc::new(
        Data::from_files(
            &FileSet::embedded_corpus(),
            &FileSet::questionnaires(None).unwrap(),
            Lang::En,
            "Interviewer Fictief".into(),
        )
        .unwrap(),
    )
});

const TYPED: &str = "Getypt";

/// What the screen showed after one part of the script.
#[derive(Debug, Default)]
struct Seen {
    ended: Option<Ended>,
    /// The session open: its id, case reference, and whether read-only.
    open: Option<(uuid::Uuid, String, bool)>,
    /// The readable entries of the home list, with their case.
    listed: Vec<(uuid::Uuid, String)>,
    unreadable: Vec<(PathBuf, String)>,
    status: Option<String>,
    save_error: Option<String>,
    window: Option<String>,
    /// The home screen as drawn (empty on another screen).
    home: String,
}

impl Seen {
    fn of(app: &App, ended: Ended, terminal: &Terminal<TestBackend>) -> Seen {
        let mut seen = Seen {
            ended: Some(ended),
            open: app
                .interview()
                .map(|st| (st.session.id, st.session.case_ref.clone(), st.read_only)),
            status: app.status.clone(),
            save_error: app.interview().and_then(|st| st.save_error.clone()),
            window: match &app.overlay {
                Some(Overlay::Message(m)) => Some(m.clone()),
                Some(Overlay::Stranded) => Some(format!("{:?}", app.stranded)),
                Some(Overlay::Recover { .. }) => Some("recover".into()),
                Some(_) => Some("another window".into()),
                None => None,
            },
            ..Seen::default()
        };
        for e in &app.sessions {
            match e {
                ListEntry::Session(s) => seen.listed.push((s.id, s.case_ref.clone())),
                ListEntry::Unreadable { path, reason, .. } => {
                    seen.unreadable.push((path.clone(), reason.clone()))
                }
            }
        }
        if matches!(app.screen, Screen::Home(_)) {
            let buf = terminal.backend().buffer();
            seen.home = buf.content().iter().map(|c| c.symbol()).collect();
        }
        seen
    }

    /// Some text on screen names a place in `dir`.
    fn located(&self, dir: &str) -> bool {
        [&self.save_error, &self.status, &self.window]
            .iter()
            .any(|t| t.as_ref().is_some_and(|t| t.contains(dir)))
    }
}

/// The TUI as `gehoor` starts it on the home screen (the list first), then
/// the script in three parts: open A (found by its id), type a session
/// note and let the autosave run, then close and quit (Ctrl-C twice when
/// a save keeps failing). What the screen showed after each part.
fn drive(store: Store, a: uuid::Uuid) -> [Seen; 3] {
    let mut app = App::new(Lang::En, Palette::new(Theme::Auto, true), DATA.clone());
    // No copy folder and no rescue places: nothing may go outside.
    let mut io = Io::new(store);
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).unwrap();
    let listed = io.list(&app);
    let mut part = |app: &mut App, script: &str, first: Option<Msg>| {
        let mut events = ScriptEvents::new(script);
        let mut rt = Runtime {
            terminal: &mut terminal,
            events: &mut events,
            io: &mut io,
            index: None,
        };
        if let Some(msg) = first {
            rt.step(app, msg).unwrap();
        }
        let ended = rt.run(app).unwrap();
        Seen::of(app, ended, &terminal)
    };
    let opened = part(
        &mut app,
        &format!("/ {a} <enter> <enter>"),
        Some(Msg::Listed(listed)),
    );
    // A draft offered back is taken, like most interviewers would.
    let restore = if matches!(app.overlay, Some(Overlay::Recover { .. })) {
        "<enter> "
    } else {
        ""
    };
    let typed = part(
        &mut app,
        &format!("{restore}N {TYPED} <esc> <wait 1500>"),
        None,
    );
    let left = part(&mut app, "q q <c-c> <enter> <c-c>", None);
    [opened, typed, left]
}

fn one_folder_in_the_tui(plants: &[(usize, Plant)]) -> Result<(), TestCaseError> {
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::new(tmp.path().join("data").join("sessions"));
    let a = session("CASE-A-FICTIEF");
    let b = session("CASE-B-FICTIEF");
    drop(store.create(&a).unwrap());
    drop(store.create(&b).unwrap());
    let dir = store.dir().to_path_buf();
    let a_text = fs::read_to_string(store.path_of(a.id)).unwrap();
    let b_text = fs::read_to_string(store.path_of(b.id)).unwrap();
    let outside = tmp.path().join("outside");
    fs::create_dir(&outside).unwrap();
    fs::write(outside.join("victim"), "the interviewer's own file").unwrap();
    for (target, what) in plants {
        let name = TARGETS[*target].replace("{a}", &a.id.to_string());
        apply(*what, &dir.join(name), &outside, &a_text, &b_text);
    }
    let before_outside = snapshot(&outside);

    let (tx, rx) = std::sync::mpsc::channel();
    let st = store.clone();
    let id = a.id;
    std::thread::spawn(move || {
        let _ = tx.send(drive(st, id));
    });
    let seen = match rx.recv_timeout(Duration::from_secs(30)) {
        Ok(seen) => seen,
        Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => {
            return Err(TestCaseError::fail("the TUI panicked"));
        }
        Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {
            return Err(TestCaseError::fail("the TUI hangs"));
        }
    };
    let here = dir.display().to_string();
    let [opened, typed, left] = &seen;

    // Open: session A as itself, or a located reason on the home screen.
    match &opened.open {
        Some((id, case, _)) => {
            prop_assert_eq!(*id, a.id, "the script picked A by its id");
            prop_assert!(
                opened.listed.contains(&(*id, case.clone())),
                "opened {} {} but listed {:?}",
                id,
                case,
                opened.listed
            );
        }
        None if opened.listed.iter().any(|(id, _)| *id == a.id) => {
            prop_assert!(opened.located(&here), "listed, not opened: {:?}", opened);
        }
        None => {
            // Not listed as a session: the list holds the reason and the
            // place, and the home screen counts it.
            prop_assert!(
                opened
                    .unreadable
                    .iter()
                    .any(|(p, why)| p.starts_with(&dir) && !why.is_empty()),
                "A neither listed nor unreadable: {:?}",
                opened
            );
            prop_assert!(opened.home.contains("unreadable"), "{}", opened.home);
        }
    }
    // Save: what was typed is in A's file, or the screen says where and why not.
    if let Some((_, _, read_only)) = &typed.open {
        let on_disk = store
            .open_read_only(a.id)
            .is_ok_and(|s| s.id == a.id && s.note == TYPED);
        if *read_only {
            prop_assert!(!on_disk, "a read-only session was written");
            prop_assert!(
                typed.status.is_some(),
                "read-only without a word: {:?}",
                typed
            );
        } else {
            prop_assert!(
                on_disk || typed.located(&here),
                "neither saved nor a located error: {:?}",
                typed
            );
        }
    }
    // Quit: it leaves, or stays open on a window that says why.
    prop_assert!(
        left.ended == Some(Ended::Quit) || left.window.is_some(),
        "{:?}",
        left
    );

    prop_assert_eq!(
        snapshot(&outside),
        before_outside,
        "a file outside the folder changed, or a link was followed"
    );
    let beside: Vec<String> = fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    prop_assert_eq!(beside.len(), 2, "{:?}", beside);
    for e in walk(&dir) {
        let _ = fs::set_permissions(&e, fs::Permissions::from_mode(0o700));
    }
    Ok(())
}

proptest! {
    // In-process and cheap; the count keeps the module within its budget.
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn hostile_data_folders_opened_saved_and_quit_in_the_tui(
        plants in prop::collection::vec((0..TARGETS.len(), plant()), 1..4),
    ) {
        one_folder_in_the_tui(&plants)?;
    }
}

/// Every plant at the session file, its lock, its write guard and its
/// draft once: the paths the TUI's open and save touch.
#[test]
fn every_plant_at_the_paths_the_tui_opens() {
    for (target, name) in TARGETS.iter().enumerate().take(4) {
        for what in EVERY_PLANT {
            one_folder_in_the_tui(&[(target, what)])
                .unwrap_or_else(|e| panic!("{name} with {what:?}: {e}"));
        }
    }
}
