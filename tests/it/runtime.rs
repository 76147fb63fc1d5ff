//! The real loop (`tui::runtime`) driven by key scripts on ratatui's
//! `TestBackend`, with a store in a temporary folder: quitting, leaving
//! editors, autosave timing, recovery and submit, in milliseconds. Only
//! what needs a real terminal (signals, hang-up, resize, raw mode) stays in
//! the PTY suite (`terminal.rs`).

use std::path::Path;
use std::sync::Arc;

use gehoor::assets::FileSet;
use gehoor::config::Theme;
use gehoor::i18n::{Lang, Strings};
use gehoor::notes::{Session, Status, Store};
use gehoor::questionnaire::Value;
use gehoor::tui::app::{App, Data, Outcome, Overlay, Pane, Screen};
use gehoor::tui::effects::{Io, RescuePlaces};
use gehoor::tui::events::ScriptEvents;
use gehoor::tui::runtime::{Ended, Runtime};
use gehoor::tui::theme::Palette;
use gehoor::tui::update::Msg;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use crate::support::locks;

pub(crate) struct World {
    _dir: tempfile::TempDir,
    pub(crate) store_dir: std::path::PathBuf,
    pub(crate) app: App,
    pub(crate) io: Io,
}

pub(crate) fn world(lang: Lang) -> World {
    let dir = tempfile::tempdir().unwrap();
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tui");
    let data = Data::from_files(
        &FileSet::embedded_corpus(),
        &FileSet::from_dir(&fixtures).unwrap(),
        lang,
        "Tester".into(),
    )
    .unwrap();
    let store_dir = dir.path().join("sessions");
    World {
        app: App::new(lang, Palette::new(Theme::Auto, true), Arc::new(data)).with_advance(false),
        io: Io::new(Store::new(store_dir.clone())),
        store_dir,
        _dir: dir,
    }
}

impl World {
    pub(crate) fn run(&mut self, script: &str) -> Ended {
        let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
        let mut events = ScriptEvents::new(script);
        let mut rt = Runtime {
            terminal: &mut terminal,
            events: &mut events,
            io: &mut self.io,
            index: None,
        };
        rt.run(&mut self.app).unwrap()
    }

    /// Start an interview on the trial questionnaire, as `gehoor interview`
    /// does: the file exists before the first key.
    pub(crate) fn interview(&mut self) -> uuid::Uuid {
        let trial = self.app.data.catalog.questionnaire("trial").unwrap();
        let session = Session::new(
            "CASE-R",
            "Tester",
            self.app.lang,
            gehoor::interview::uses(&[trial]),
            &gehoor::notes::now(),
        );
        let id = session.id;
        let created = self.io.create(session);
        self.step(Msg::Created(created));
        id
    }

    pub(crate) fn step(&mut self, msg: Msg) {
        let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
        let mut events = ScriptEvents::new("");
        let mut rt = Runtime {
            terminal: &mut terminal,
            events: &mut events,
            io: &mut self.io,
            index: None,
        };
        rt.step(&mut self.app, msg).unwrap();
    }

    pub(crate) fn on_disk(&self, id: uuid::Uuid) -> Session {
        Store::new(self.store_dir.clone())
            .open_read_only(id)
            .unwrap()
    }

    fn draft_file(&self, id: uuid::Uuid) -> std::path::PathBuf {
        self.store_dir.join(format!(".{id}.autosave.toml"))
    }
}

#[test]
fn ctrl_c_in_a_note_keeps_the_text_saves_and_quits() {
    let mut w = world(Lang::En);
    let id = w.interview();
    assert_eq!(w.run("n Tolk <c-c>"), Ended::Quit);
    assert_eq!(w.on_disk(id).answers["trial.received"].note, "Tolk");
    assert!(!w.draft_file(id).exists(), "the save removed the draft");
}

#[test]
fn q_in_an_editor_is_text_and_quits_outside() {
    let mut w = world(Lang::En);
    let id = w.interview();
    assert_eq!(w.run("n q"), Ended::Detached, "q typed into the note");
    assert_eq!(w.run("<esc> q"), Ended::Detached, "q leaves the interview");
    assert!(matches!(w.app.screen, Screen::Home(_)), "for home");
    assert_eq!(w.on_disk(id).answers["trial.received"].note, "q");
    // The lock went with it: the session can be opened for writing again.
    drop(locks::open_for_write(&Store::new(w.store_dir.clone()), id));
    assert_eq!(w.run("q"), Ended::Quit, "q quits from home");
}

#[test]
fn a_failed_save_on_quit_asks_again_before_leaving() {
    let mut w = world(Lang::En);
    // The temp dir takes what the data folder refuses.
    let temp = tempfile::tempdir().unwrap();
    w.io = Io::new(Store::new(w.store_dir.clone())).with_rescue_places(RescuePlaces {
        home: None,
        temp: Some(temp.path().to_path_buf()),
    });
    let id = w.interview();
    assert_eq!(w.run("n Eerste <esc>"), Ended::Detached);
    // The folder goes away and a file takes its place: every save fails.
    std::fs::remove_dir_all(&w.store_dir).unwrap();
    std::fs::write(&w.store_dir, "not a folder").unwrap();
    let s = Strings::get(Lang::En);
    // q: the interview stays open, and says why.
    assert_eq!(w.run("q"), Ended::Detached);
    assert!(w.app.interview().is_some(), "nothing was closed");
    assert!(
        matches!(&w.app.overlay, Some(Overlay::Message(m)) if *m == s.tui.close_unsaved),
        "the user is told"
    );
    // Ctrl-C: the same, once.
    assert_eq!(
        w.run("<esc> <c-c>"),
        Ended::Detached,
        "the first Ctrl-C does not leave"
    );
    assert!(
        matches!(&w.app.overlay, Some(Overlay::Message(m)) if *m == s.tui.quit_unsaved),
        "the user is told"
    );
    assert!(w.app.interview().unwrap().save_error.is_some());
    assert_eq!(
        w.run("<enter> <c-c>"),
        Ended::Quit,
        "the second Ctrl-C leaves, the text in the temp dir"
    );
    let Some(Outcome::Rescued(path)) = &w.app.outcome else {
        panic!("{:?}", w.app.outcome);
    };
    assert!(path.starts_with(temp.path()), "{path:?}");
    let rescued = gehoor::notes::store::load(path).unwrap();
    assert_eq!(rescued.id, id);
    assert_eq!(rescued.answers["trial.received"].note, "Eerste");
}

#[test]
fn autosave_saves_at_once_then_at_most_once_a_second() {
    let mut w = world(Lang::En);
    let id = w.interview();
    w.run("f");
    assert!(
        w.on_disk(id).answers["trial.received"].flagged,
        "first change saved"
    );
    // Ten milliseconds later: too soon for a save, the draft has it.
    w.run("f");
    assert!(
        w.on_disk(id).answers["trial.received"].flagged,
        "not saved yet"
    );
    let draft = std::fs::read_to_string(w.draft_file(id)).unwrap();
    assert!(draft.contains("flagged = false"), "{draft}");
    w.run("<wait 1000>");
    assert!(
        !w.on_disk(id).answers["trial.received"].flagged,
        "saved a second on"
    );
    assert!(!w.draft_file(id).exists());
}

#[test]
fn a_draft_left_by_a_kill_is_offered_and_restored_on_enter() {
    let mut w = world(Lang::En);
    let id = w.interview();
    w.run("n Opgeslagen <esc> <wait 1000>");
    assert_eq!(w.on_disk(id).answers["trial.received"].note, "Opgeslagen");
    // gehoor was killed (its lock goes with it) and left a draft with
    // more than the file; a new run starts on the home screen.
    w.io = Io::new(Store::new(w.store_dir.clone()));
    w.app = App::new(
        Lang::En,
        Palette::new(Theme::Auto, true),
        w.app.data.clone(),
    )
    .with_advance(false);
    let (mut later, handle) = locks::open_for_write(&Store::new(w.store_dir.clone()), id);
    later.set_note(
        "trial.received",
        "Opgeslagen, en meer na de laatste save",
        &gehoor::notes::now(),
    );
    handle.write_draft(&later).unwrap();
    drop(handle);
    let listed = w.io.list(&w.app);
    w.step(Msg::Listed(listed));
    // Home: three menu items, then the session list.
    w.run("<down> <down> <down> <enter>");
    assert!(matches!(w.app.overlay, Some(Overlay::Recover { .. })));
    w.run("<esc>");
    assert!(
        matches!(w.app.overlay, Some(Overlay::Recover { .. })),
        "Esc never decides about someone's words"
    );
    assert_eq!(w.run("<enter> q q"), Ended::Quit);
    assert_eq!(
        w.on_disk(id).answers["trial.received"].note,
        "Opgeslagen, en meer na de laatste save"
    );
}

#[test]
fn dutch_j_confirms_submit() {
    let mut w = world(Lang::Nl);
    let id = w.interview();
    // Answer the required question (ja), then S and the Dutch "j".
    w.run("<enter> <enter> S");
    let s = Strings::get(Lang::Nl);
    assert!(s.tui.submit_confirm.contains("Druk j"));
    assert!(matches!(&w.app.overlay, Some(Overlay::Submit { missing, .. }) if missing.is_empty()));
    assert_eq!(w.run("j q q"), Ended::Quit);
    let disk = w.on_disk(id);
    assert_eq!(
        disk.answers["trial.received"].value,
        Some(Value::YesNo(true))
    );
    assert_eq!(disk.status, Status::Submitted);
}

#[test]
fn a_closed_terminal_keeps_an_open_editor_and_saves() {
    let mut w = world(Lang::En);
    let id = w.interview();
    assert_eq!(w.run("n Halverwege <close>"), Ended::Closed);
    assert_eq!(w.on_disk(id).answers["trial.received"].note, "Halverwege");
    assert!(w.app.interview().unwrap().editor.is_none());
}

fn cursor_key(w: &World) -> String {
    let st = w.app.interview().expect("an interview");
    st.rows[st.cursor]
        .key()
        .unwrap_or("<not a question>")
        .to_string()
}

#[test]
fn esc_goes_to_the_tree_first_then_home() {
    let mut w = world(Lang::En);
    w.interview();
    w.run("<tab> <esc>");
    assert_eq!(w.app.interview().unwrap().focus, Pane::Tree);
    w.run("<esc>");
    assert!(matches!(w.app.screen, Screen::Home(_)));
}

#[test]
fn a_review_opened_from_the_table_returns_to_it() {
    let mut w = world(Lang::En);
    for case in ["CASE-A", "CASE-B"] {
        let trial = w.app.data.catalog.questionnaire("trial").unwrap();
        let s = Session::new(
            case,
            "Anna",
            Lang::En,
            gehoor::interview::uses(&[trial]),
            &gehoor::notes::now(),
        );
        drop(Store::new(w.store_dir.clone()).create(&s).unwrap());
    }
    let listed = w.io.list(&w.app);
    w.step(Msg::Listed(listed));
    // Home → Review sessions → the second row → open it, then back.
    w.run("<down> <enter> <down> <enter>");
    assert!(w.app.interview().is_some_and(|st| st.review));
    w.run("q");
    match &w.app.screen {
        Screen::Sessions(t) => assert_eq!(t.cursor, 1, "on the row it was opened from"),
        _ => panic!("not back in the sessions table"),
    }
    w.run("q");
    assert!(matches!(w.app.screen, Screen::Home(_)));
}

#[test]
fn a_confirmed_answer_moves_on_unless_the_config_says_not() {
    let mut w = world(Lang::En);
    w.app.advance = true;
    w.interview();
    assert_eq!(cursor_key(&w), "trial.received");
    // "No" hides the follow-up group; on to the age.
    w.run("<enter> <down> <enter>");
    assert_eq!(cursor_key(&w), "trial.age");
    w.run("<enter> 30 <enter>");
    assert_eq!(cursor_key(&w), "trial.channels");
    // A wrong entry keeps the editor open and the cursor where it is.
    let mut w = world(Lang::En);
    w.interview();
    w.run("<enter> <down> <enter>");
    assert_eq!(cursor_key(&w), "trial.received", "advance = false stays");
}

#[test]
fn a_resumed_session_starts_after_the_last_answer() {
    let mut w = world(Lang::En);
    let id = w.interview();
    w.run("<down> <enter> 41 <enter> q");
    assert!(matches!(w.app.screen, Screen::Home(_)));
    let listed = w.io.list(&w.app);
    w.step(Msg::Listed(listed));
    w.run("<down> <down> <down> <enter>");
    assert_eq!(w.app.interview().unwrap().session.id, id);
    assert_eq!(
        cursor_key(&w),
        "trial.channels",
        "the question after the age"
    );
}

#[test]
fn keys_find_the_next_open_required_flagged_and_commented_question() {
    let mut w = world(Lang::En);
    w.interview();
    w.run("<down> <down> m");
    assert_eq!(
        cursor_key(&w),
        "trial.received",
        "the open required one, wrapping"
    );
    w.run("<down> f <home> F");
    assert_eq!(cursor_key(&w), "trial.age", "the flagged one");
    w.run("M");
    assert_eq!(cursor_key(&w), "trial.age", "no comment anywhere: stays");
    assert!(
        w.app
            .status
            .as_deref()
            .unwrap_or("")
            .contains("None further")
    );
}

#[test]
fn esc_in_a_multi_select_keeps_the_ticks() {
    let mut w = world(Lang::En);
    let id = w.interview();
    w.run("<down> <down> <enter> <space> <down> <space> <esc> <wait 1000>");
    assert_eq!(
        w.on_disk(id).answers["trial.channels"].value,
        Some(Value::Choices(vec!["paper".into(), "gosuslugi".into()]))
    );
    // An editor opened and left untouched changes nothing.
    w.run("<home> <enter> <esc> <wait 1000>");
    assert!(!w.on_disk(id).answers.contains_key("trial.received"));
}

#[test]
fn ctrl_u_deletes_to_the_start_of_the_line_and_ctrl_w_a_word() {
    let mut w = world(Lang::En);
    let id = w.interview();
    w.run("n abc<space>def <c-u> xyz<space>wrong <c-w> right <esc> <wait 1000>");
    assert_eq!(w.on_disk(id).answers["trial.received"].note, "xyz right");
}

#[test]
fn timeline_lines_go_to_their_question() {
    let mut w = world(Lang::En);
    w.interview();
    let data = w.app.data.clone();
    let st = w.app.interview_mut().unwrap();
    let at = gehoor::notes::now();
    st.session
        .set_value("trial.received", Some(Value::YesNo(true)), &at);
    st.session.add_group_instance("trial.notices", &at);
    st.session.set_value(
        "trial.notice_date#1",
        Some(Value::Date("2024-03".parse().unwrap())),
        &at,
    );
    gehoor::tui::update::refresh(st, &data.catalog);
    w.run("t");
    let Some(Overlay::Timeline { keys, .. }) = &w.app.overlay else {
        panic!("no timeline")
    };
    assert_eq!(keys[0].as_deref(), Some("trial.notice_date#1"));
    w.run("<enter>");
    assert!(w.app.overlay.is_none());
    assert_eq!(cursor_key(&w), "trial.notice_date#1");
}

#[test]
fn a_session_open_elsewhere_names_who_and_since_when_in_a_window() {
    let mut w = world(Lang::Nl);
    let id = w.interview();
    w.run("q");
    let (_, held) =
        locks::open_for_write(&Store::new(w.store_dir.clone()).held_by("Collega B"), id);
    let listed = w.io.list(&w.app);
    w.step(Msg::Listed(listed));
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    let mut events = ScriptEvents::new("<down> <down> <down> <enter>");
    let mut rt = Runtime {
        terminal: &mut terminal,
        events: &mut events,
        io: &mut w.io,
        index: None,
    };
    rt.run(&mut w.app).unwrap();
    let st = w.app.interview().expect("opened");
    assert!(st.read_only, "someone else has it: read-only");
    let Some(Overlay::Message(text)) = &w.app.overlay else {
        panic!("a window, not the status line: {:?}", w.app.status)
    };
    assert!(text.contains("Collega B sinds"), "{text}");
    let screen = crate::support::screen::text(terminal.backend().buffer());
    assert!(
        screen.contains("Collega B"),
        "shown at 80 columns:\n{screen}"
    );
    assert!(screen.contains("alleen-lezen"), "{screen}");
    drop(held);
}
