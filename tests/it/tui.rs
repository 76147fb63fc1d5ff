//! The terminal interface without a terminal: scripted keys through the same
//! keymap the loop uses, `update()` checked without rendering, and screen
//! snapshots (insta + ratatui's TestBackend) at 80×24 and 120×40.

use std::path::Path;
use std::sync::Arc;

use gehoor::assets::FileSet;
use gehoor::config::Theme;
use gehoor::i18n::Lang;
use gehoor::notes::{ListEntry, ReviewChange, Session, SessionSummary, Status};
use gehoor::questionnaire::{AnswerStatus, Value};
use gehoor::tui::app::{App, Data, Overlay, Screen};
use gehoor::tui::theme::Palette;
use gehoor::tui::update::{Effect, Msg, open_interview, update};
use gehoor::tui::{key_msg, view};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::support::screen::render as screen;

fn data() -> Arc<Data> {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tui");
    let data = Data::from_files(
        &FileSet::embedded_corpus(),
        &FileSet::from_dir(&fixtures).unwrap(),
        Lang::En,
        "Tester".into(),
    )
    .unwrap();
    assert!(data.invalid.is_none(), "{:?}", data.invalid);
    Arc::new(data)
}

/// The app over a copy of the trial questionnaire changed by `edit`.
fn app_with_trial(edit: impl Fn(String) -> String) -> App {
    let dir = tempfile::tempdir().unwrap();
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tui");
    let text = std::fs::read_to_string(fixtures.join("trial.toml")).unwrap();
    std::fs::write(dir.path().join("trial.toml"), edit(text)).unwrap();
    let data = Data::from_files(
        &FileSet::embedded_corpus(),
        &FileSet::from_dir(dir.path()).unwrap(),
        Lang::En,
        "Tester".into(),
    )
    .unwrap();
    App::new(Lang::En, Palette::new(Theme::Auto, true), Arc::new(data)).with_advance(false)
}

fn fixed(mut s: Session) -> Session {
    let t: jiff::Zoned = "2026-01-05T10:00:00+00:00[UTC]".parse().unwrap();
    s.created = t.clone();
    s.updated = t;
    s
}

fn session(data: &Data) -> Session {
    let trial = data.catalog.questionnaire("trial").unwrap();
    fixed(Session::new(
        "CASE-7",
        "Tester",
        Lang::En,
        gehoor::interview::uses(&[trial]),
        &gehoor::notes::now(),
    ))
}

fn app() -> App {
    App::new(Lang::En, Palette::new(Theme::Auto, true), data()).with_advance(false)
}

fn interview_app() -> App {
    let mut app = app();
    let s = session(&app.data);
    open_interview(&mut app, s, false, false);
    press(&mut app, KeyCode::Home); // resumed sessions start where work stopped
    app
}

fn press(app: &mut App, code: KeyCode) -> Vec<Effect> {
    press_mod(app, code, KeyModifiers::NONE)
}

fn press_mod(app: &mut App, code: KeyCode, mods: KeyModifiers) -> Vec<Effect> {
    match key_msg(app, KeyEvent::new(code, mods)) {
        Some(msg) => update(app, msg),
        None => Vec::new(),
    }
}

/// Draw at w×h and tell the app where the panes went, as the runtime does.
fn frame(app: &mut App, w: u16, h: u16) {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    let mut layout = Default::default();
    t.draw(|f| layout = view::render(app, f)).unwrap();
    update(app, Msg::Frame(layout));
}

fn tick(app: &mut App, instant: std::time::Instant) -> Vec<Effect> {
    let wall = gehoor::notes::now();
    update(app, Msg::Tick(gehoor::tui::update::Now { instant, wall }))
}

fn typing(app: &mut App, text: &str) {
    for c in text.chars() {
        press(app, KeyCode::Char(c));
    }
}

/// Snapshot a screen at the smallest supported size and a comfortable one.
fn both(name: &str, app: &App) {
    insta::assert_snapshot!(format!("{name}_80x24"), screen(app, 80, 24));
    insta::assert_snapshot!(format!("{name}_120x40"), screen(app, 120, 40));
}

fn session_of(app: &App) -> &Session {
    &app.interview().unwrap().session
}

// ---- update() without rendering ----------------------------------------

#[test]
fn answering_yes_reveals_the_follow_up_group_and_no_hides_it() {
    let mut app = interview_app();
    let rows_before = app.interview().unwrap().rows.len();
    press(&mut app, KeyCode::Enter); // edit "received"
    press(&mut app, KeyCode::Enter); // choose "yes"
    assert_eq!(
        session_of(&app).answers["trial.received"].value,
        Some(Value::YesNo(true))
    );
    assert_eq!(
        app.interview().unwrap().rows.len(),
        rows_before + 1,
        "group row appears"
    );
    press(&mut app, KeyCode::Enter); // edit again
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Enter); // choose "no"
    assert_eq!(
        app.interview().unwrap().rows.len(),
        rows_before,
        "group row disappears"
    );
}

#[test]
fn repeat_instances_are_added_and_answered() {
    let mut app = interview_app();
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Enter); // yes
    press(&mut app, KeyCode::Char('j')); // group row
    press(&mut app, KeyCode::Char('+'));
    press(&mut app, KeyCode::Char('+'));
    assert_eq!(session_of(&app).group_count("trial.notices"), 2);
    press(&mut app, KeyCode::Char('j')); // first question of instance 2
    press(&mut app, KeyCode::Enter);
    typing(&mut app, "2024-03");
    press(&mut app, KeyCode::Enter);
    assert_eq!(
        session_of(&app).answers["trial.notice_date#2"].value,
        Some(Value::Date("2024-03".parse().unwrap()))
    );
}

#[test]
fn an_invalid_date_is_explained_and_never_lost() {
    let mut app = interview_app();
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Enter); // yes
    press(&mut app, KeyCode::Char('j'));
    press(&mut app, KeyCode::Char('+'));
    press(&mut app, KeyCode::Char('j'));
    press(&mut app, KeyCode::Enter);
    typing(&mut app, "2023-02-30");
    press(&mut app, KeyCode::Enter);
    let st = app.interview().unwrap();
    assert!(st.editor.is_some(), "an invalid date keeps the editor open");
    assert!(screen(&app, 120, 40).contains("day 30 does not exist"));
    press(&mut app, KeyCode::Esc);
    let a = &session_of(&app).answers["trial.notice_date#1"];
    assert_eq!(a.value, None);
    assert!(
        a.note.contains("2023-02-30"),
        "typed text kept in the note: {}",
        a.note
    );
}

#[test]
fn ctrl_c_in_a_note_keeps_the_text_and_quits() {
    let mut app = interview_app();
    press(&mut app, KeyCode::Char('n'));
    typing(&mut app, "Interpreter present");
    // update() itself leaves the editor the way Esc does, then saves.
    let effects = press_mod(&mut app, KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert_eq!(effects, vec![Effect::Save], "save first, leave after");
    assert!(app.interview().unwrap().editor.is_none());
    assert_eq!(
        session_of(&app).answers["trial.received"].note,
        "Interpreter present"
    );
    let saved = session_of(&app).clone();
    assert_eq!(update(&mut app, Msg::Saved(Ok(saved))), vec![Effect::Quit]);
}

#[test]
fn q_types_into_an_editor_but_quits_outside() {
    let mut app = interview_app();
    press(&mut app, KeyCode::Char('n'));
    // Typed into the note, which reaches the draft at once; nothing quits.
    assert_eq!(
        press(&mut app, KeyCode::Char('q')),
        vec![Effect::WriteDraft]
    );
    press(&mut app, KeyCode::Esc);
    assert_eq!(session_of(&app).answers["trial.received"].note, "q");
    // q leaves the interview for home, once it is saved...
    assert_eq!(press(&mut app, KeyCode::Char('q')), vec![Effect::Save]);
    let saved = session_of(&app).clone();
    assert_eq!(
        update(&mut app, Msg::Saved(Ok(saved))),
        vec![Effect::Release, Effect::ListSessions]
    );
    assert!(matches!(app.screen, Screen::Home(_)));
    // ...and quits only from home.
    assert_eq!(press(&mut app, KeyCode::Char('q')), vec![Effect::Quit]);
}

#[test]
fn status_flag_and_citation_are_recorded() {
    let mut app = interview_app();
    press(&mut app, KeyCode::Char('x'));
    assert_eq!(
        session_of(&app).answers["trial.received"].status,
        AnswerStatus::Declined
    );
    press(&mut app, KeyCode::Char('f'));
    assert!(session_of(&app).answers["trial.received"].flagged);
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab); // sources pane
    let reference = app.interview().unwrap().sources[0].reference.clone();
    press(&mut app, KeyCode::Char('c'));
    let a = &session_of(&app).answers["trial.received"];
    assert_eq!(a.cited, vec![reference.clone()]);
    assert!(a.note.contains(&reference));
    assert!(app.interview().unwrap().autosave.pending());
}

#[test]
fn submit_lists_missing_required_questions_first() {
    let mut app = interview_app();
    press(&mut app, KeyCode::Down); // away from the open question
    press(&mut app, KeyCode::Char('S'));
    match &app.overlay {
        Some(Overlay::Submit { missing, .. }) => {
            assert_eq!(missing.len(), 1);
            assert!(missing[0].starts_with("trial.received"));
        }
        _ => panic!("no submit overlay"),
    }
    press(&mut app, KeyCode::Down); // one item only: stays on it
    press(&mut app, KeyCode::Char('y'));
    assert_eq!(
        session_of(&app).status,
        Status::Draft,
        "not submitted with a gap"
    );
    // Enter on the open question went to it.
    assert!(app.overlay.is_none());
    let st = app.interview().unwrap();
    assert_eq!(st.rows[st.cursor].key(), Some("trial.received"));
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Enter); // yes
    press(&mut app, KeyCode::Char('S'));
    let effects = press(&mut app, KeyCode::Char('y'));
    assert_eq!(effects, vec![Effect::Save]);
    assert_eq!(session_of(&app).status, Status::Submitted);
}

#[test]
fn autosave_runs_at_most_once_a_second() {
    let mut app = interview_app();
    let t0 = std::time::Instant::now();
    assert_eq!(tick(&mut app, t0), vec![], "nothing to save yet");
    press(&mut app, KeyCode::Char('f'));
    assert_eq!(tick(&mut app, t0), vec![Effect::Save]);
    // The loop saved; a change within the next second waits for it.
    app.interview_mut().unwrap().autosave.saved(t0);
    press(&mut app, KeyCode::Char('f'));
    let half = t0 + std::time::Duration::from_millis(500);
    assert_eq!(tick(&mut app, half), vec![]);
    let later = t0 + std::time::Duration::from_millis(1000);
    assert_eq!(tick(&mut app, later), vec![Effect::Save]);
}

#[test]
fn read_only_sessions_refuse_edits() {
    let mut app = app();
    let s = session(&app.data);
    open_interview(&mut app, s, true, false);
    press(&mut app, KeyCode::Home); // resumed sessions start where work stopped
    press(&mut app, KeyCode::Enter);
    assert!(app.interview().unwrap().editor.is_none());
    press(&mut app, KeyCode::Char('f'));
    assert!(session_of(&app).answers.is_empty());
}

#[test]
fn language_switches_at_run_time() {
    let mut app = interview_app();
    assert!(screen(&app, 120, 40).contains("Did you receive a summons?"));
    press(&mut app, KeyCode::Char('L'));
    assert!(screen(&app, 120, 40).contains("Heeft u een oproep gekregen?"));
}

#[test]
fn pasted_escape_sequences_never_reach_the_note() {
    let mut app = interview_app();
    press(&mut app, KeyCode::Char('n'));
    update(&mut app, Msg::Paste("ok\u{1b}[2J\u{202e}evil".into()));
    press(&mut app, KeyCode::Esc);
    assert_eq!(session_of(&app).answers["trial.received"].note, "okevil");
}

#[test]
fn a_paste_keeps_its_line_breaks_whatever_the_convention() {
    // tmux sends CR for LF; Windows text has CRLF.
    for pasted in [
        "Para one.\r\nPara two.",
        "Para one.\rPara two.",
        "Para one.\nPara two.",
    ] {
        let mut app = interview_app();
        press(&mut app, KeyCode::Char('n'));
        update(&mut app, Msg::Paste(pasted.into()));
        press(&mut app, KeyCode::Esc);
        assert_eq!(
            session_of(&app).answers["trial.received"].note,
            "Para one.\nPara two.",
            "{pasted:?}"
        );
    }
}

#[test]
fn the_new_interview_form_creates_a_session_from_a_profile() {
    let mut app = app();
    press(&mut app, KeyCode::Enter); // New interview
    assert!(matches!(app.screen, Screen::NewInterview(_)));
    typing(&mut app, "CASE-9");
    press(&mut app, KeyCode::Tab); // interviewer (prefilled)
    press(&mut app, KeyCode::Tab); // filter
    press(&mut app, KeyCode::Tab); // list
    let effects = press(&mut app, KeyCode::Enter);
    let [Effect::Create(session)] = effects.as_slice() else {
        panic!("no session created: {effects:?}")
    };
    assert_eq!(session.case_ref, "CASE-9");
    assert_eq!(session.interviewer, "Tester");
    let topics: Vec<&str> = session
        .questionnaires
        .iter()
        .map(|q| q.id.as_str())
        .collect();
    assert_eq!(topics, ["trial"]);
    assert_eq!(session.status, Status::Draft);
}

#[test]
fn quick_jump_finds_a_question_by_text() {
    let mut app = interview_app();
    press_mod(&mut app, KeyCode::Char('p'), KeyModifiers::CONTROL);
    typing(&mut app, "how old");
    press(&mut app, KeyCode::Enter);
    let st = app.interview().unwrap();
    assert_eq!(st.rows[st.cursor].key(), Some("trial.age"));
}

// ---- snapshots ------------------------------------------------------------

fn with_sessions(mut app: App) -> App {
    let s = session(&app.data);
    app.sessions = vec![ListEntry::Session(SessionSummary::of(
        &s,
        "/tmp/x.toml".into(),
    ))];
    app
}

#[test]
fn snapshot_home() {
    let app = with_sessions(app());
    both("home", &app);
}

#[test]
fn snapshot_new_interview_form() {
    let mut app = app();
    press(&mut app, KeyCode::Enter);
    typing(&mut app, "CASE-9");
    both("form", &app);
}

#[test]
fn snapshot_interview_and_editors() {
    let mut app = interview_app();
    both("interview", &app);
    press(&mut app, KeyCode::Char('g'));
    press(&mut app, KeyCode::Char('r'));
    press(&mut app, KeyCode::Enter);
    both("interview_choice", &app);
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('j'));
    press(&mut app, KeyCode::Char('j'));
    press(&mut app, KeyCode::Enter);
    both("interview_multi", &app);
}

#[test]
fn snapshot_overlays() {
    let mut app = interview_app();
    press(&mut app, KeyCode::Char('?'));
    both("help", &app);
    press(&mut app, KeyCode::Esc);
    press_mod(&mut app, KeyCode::Char('p'), KeyModifiers::CONTROL);
    typing(&mut app, "gosuslugi");
    both("jump", &app);
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('S'));
    both("submit", &app);
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Enter);
    both("passage", &app);
}

#[test]
fn snapshot_search_with_the_index() {
    let mut app = interview_app();
    let data = app.data.clone();
    let index =
        gehoor::search::Index::build(gehoor::search::passages_from(&data.corpus), &data.glossary);
    update(&mut app, Msg::IndexReady(Arc::new(index)));
    both("interview_sources", &app);
    press(&mut app, KeyCode::Char('/'));
    typing(&mut app, "povestka");
    let Some(Overlay::Search(s)) = &app.overlay else {
        panic!("no search overlay")
    };
    assert!(
        !s.results.is_empty(),
        "the glossary finds the Dutch word for a Russian one"
    );
    both("search", &app);
}

#[test]
fn snapshot_review_screens() {
    let mut app = with_sessions(app());
    press(&mut app, KeyCode::Down);
    let effects = press(&mut app, KeyCode::Enter);
    assert_eq!(effects, vec![Effect::ListSessions]);
    both("sessions", &app);
    let mut s = session(&app.data);
    s.set_value(
        "trial.received",
        Some(Value::YesNo(true)),
        &gehoor::notes::now(),
    );
    s.add_group_instance("trial.notices", &gehoor::notes::now());
    s.set_value(
        "trial.notice_date#1",
        Some(Value::Date("2022-05".parse().unwrap())),
        &gehoor::notes::now(),
    );
    s.add_comment(
        "Supervisor",
        Some("trial.received"),
        "Ask for the paper summons.",
        &gehoor::notes::now(),
    );
    let mut s = fixed(s);
    s.comments[0].at = s.created.clone();
    open_interview(&mut app, s, true, true);
    press(&mut app, KeyCode::Home); // resumed sessions start where work stopped
    both("review", &app);
    press(&mut app, KeyCode::Char('t'));
    both("timeline", &app);
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('c'));
    typing(&mut app, "Please clarify");
    // Enter confirms a prompt; Esc cancels it (see esc_cancels_every_prompt…).
    let effects = press(&mut app, KeyCode::Enter);
    assert!(
        matches!(
            effects.as_slice(),
            [Effect::Review {
                change: gehoor::notes::ReviewChange::Comment { target, text },
                by,
                ..
            }] if target.as_deref() == Some("trial.received") && text == "Please clarify" && by == "Tester"
        ),
        "{effects:?}"
    );
}

#[test]
fn a_tiny_terminal_gets_a_message_not_a_panic() {
    let app = interview_app();
    let out = screen(&app, 40, 10);
    assert!(out.contains("too small"), "{out}");
    for (w, h) in [(1, 1), (80, 23), (79, 24)] {
        assert!(screen(&app, w, h).contains("too") || w < 10);
    }
}

#[test]
fn answers_hidden_by_a_changed_answer_are_kept_and_shown() {
    let mut app = app();
    let mut s = session(&app.data);
    s.set_value(
        "trial.received",
        Some(Value::YesNo(true)),
        &gehoor::notes::now(),
    );
    s.add_group_instance("trial.notices", &gehoor::notes::now());
    s.set_value(
        "trial.notice_date#1",
        Some(Value::Date("2024-03".parse().unwrap())),
        &gehoor::notes::now(),
    );
    s.set_value(
        "trial.dropped_question",
        Some(Value::Text("from v0".into())),
        &gehoor::notes::now(),
    );
    open_interview(&mut app, s, false, false);
    press(&mut app, KeyCode::Home); // resumed sessions start where work stopped
    // Change the answer that opened the group: the date is hidden, not lost.
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Enter);
    assert!(session_of(&app).answers.contains_key("trial.notice_date#1"));
    press(&mut app, KeyCode::Char('k')); // the topic row
    let out = screen(&app, 120, 40);
    assert!(out.contains("trial.notice_date#1: 2024-03"), "{out}");
    assert!(out.contains("(hidden by a"), "{out}");
    assert!(out.contains("trial.dropped_question: from v0"), "{out}");
}

#[test]
fn returned_sessions_say_why_and_history_is_shown() {
    let mut app = app();
    let mut s = session(&app.data);
    s.set_value(
        "trial.received",
        Some(Value::YesNo(false)),
        &gehoor::notes::now(),
    );
    s.submit("Tester", &gehoor::notes::now()).unwrap();
    s.return_for_work(
        "Supervisor",
        "Ask about the second summons",
        &gehoor::notes::now(),
    )
    .unwrap();
    s.add_comment(
        "Supervisor",
        None,
        "Good interview overall.",
        &gehoor::notes::now(),
    );
    open_interview(&mut app, s, false, false);
    press(&mut app, KeyCode::Home); // resumed sessions start where work stopped
    assert!(
        app.status
            .as_deref()
            .unwrap()
            .contains("Ask about the second summons")
    );
    press(&mut app, KeyCode::Char('t'));
    let Some(Overlay::Timeline { lines, .. }) = &app.overlay else {
        panic!("no timeline")
    };
    let text = lines.join("\n");
    assert!(text.contains("draft → submitted  (Tester)"), "{text}");
    assert!(
        text.contains("submitted → returned  (Supervisor): Ask about the second summons"),
        "{text}"
    );
    assert!(
        text.contains("Supervisor: Good interview overall."),
        "{text}"
    );
}

#[test]
fn the_session_note_is_edited_from_any_row() {
    let mut app = interview_app();
    press(&mut app, KeyCode::Char('k')); // topic row
    press(&mut app, KeyCode::Char('N'));
    typing(&mut app, "Interpreter: Russian, by phone");
    press(&mut app, KeyCode::Esc);
    assert_eq!(session_of(&app).note, "Interpreter: Russian, by phone");
}

#[test]
fn help_lists_every_action_of_every_screen() {
    use gehoor::tui::action::Action;
    use gehoor::tui::keymap::describe;
    use gehoor::tui::view::help::help_lines;
    let s = gehoor::i18n::Strings::get(Lang::En);
    let mut seen = String::new();
    let mut app = with_sessions(app());
    seen += &help_lines(&app).join("\n");
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Enter); // sessions table
    seen += &help_lines(&app).join("\n");
    let sess = session(&app.data);
    open_interview(&mut app, sess.clone(), true, true);
    press(&mut app, KeyCode::Home); // resumed sessions start where work stopped // review
    seen += &help_lines(&app).join("\n");
    open_interview(&mut app, sess, false, false);
    press(&mut app, KeyCode::Home); // resumed sessions start where work stopped // interview
    seen += &help_lines(&app).join("\n");
    for action in Action::ALL {
        assert!(
            seen.contains(describe(*action, s)),
            "help never mentions {action:?}"
        );
    }
}

#[test]
fn an_invalid_questionnaire_blocks_new_interviews_with_its_diagnostics() {
    let mut app = app_with_trial(|t| t.replace("kind = \"number\"", "kind = \"nummer\""));
    let diagnostics = app
        .data
        .invalid
        .clone()
        .expect("the broken kind is an error");
    assert!(diagnostics.contains("trial.toml:"), "{diagnostics}");
    press(&mut app, KeyCode::Enter); // New interview
    assert!(matches!(app.screen, Screen::Home(_)), "no form opens");
    match &app.overlay {
        Some(Overlay::Message(m)) => assert_eq!(m, &diagnostics),
        _ => panic!("the diagnostics are not shown"),
    }
}

#[test]
fn f1_opens_help_even_while_typing() {
    let mut app = interview_app();
    press(&mut app, KeyCode::Char('n'));
    press(&mut app, KeyCode::F(1));
    assert!(matches!(app.overlay, Some(Overlay::Help { .. })));
    press(&mut app, KeyCode::Esc);
    assert!(
        app.interview().unwrap().editor.is_some(),
        "back in the note"
    );
}

#[test]
fn notes_reach_the_session_while_they_are_typed() {
    let mut app = interview_app();
    press(&mut app, KeyCode::Char('n'));
    typing(&mut app, "Left via Verkhny Lars");
    // Still editing: the text is already in the session, and a save is due.
    assert!(app.interview().unwrap().editor.is_some());
    assert_eq!(
        session_of(&app).answers["trial.received"].note,
        "Left via Verkhny Lars"
    );
    assert!(app.interview().unwrap().autosave.pending());
}

#[test]
fn a_session_opens_after_its_questionnaire_changed_and_says_so() {
    let mut app = app();
    let mut s = session(&app.data);
    s.questionnaires[0].version = 0;
    s.questionnaires[0].hash = "an older file".into();
    s.set_value(
        "trial.received",
        Some(Value::YesNo(true)),
        &gehoor::notes::now(),
    );
    open_interview(&mut app, s, false, false);
    press(&mut app, KeyCode::Home); // resumed sessions start where work stopped
    let out = screen(&app, 120, 40);
    assert!(
        out.contains("questionnaire changed since start: trial"),
        "{out}"
    );
    assert_eq!(
        session_of(&app).answers["trial.received"].value,
        Some(Value::YesNo(true))
    );
}

#[test]
fn an_answer_under_a_renamed_question_id_carries_over() {
    let mut app = app_with_trial(|t| {
        t.replacen(
            "id = \"received\"\n",
            "id = \"received\"\nrenamed_from = [\"got_summons\"]\n",
            1,
        )
    });
    assert!(app.data.invalid.is_none(), "{:?}", app.data.invalid);
    let mut s = session(&app.data);
    s.set_value(
        "trial.got_summons",
        Some(Value::YesNo(true)),
        &gehoor::notes::now(),
    );
    open_interview(&mut app, s, false, false);
    press(&mut app, KeyCode::Home); // resumed sessions start where work stopped
    let answers = &session_of(&app).answers;
    assert!(!answers.contains_key("trial.got_summons"));
    assert_eq!(answers["trial.received"].value, Some(Value::YesNo(true)));
    assert!(
        app.interview().unwrap().autosave.pending(),
        "the move is saved"
    );
}

#[test]
fn a_click_in_a_scrolled_tree_selects_the_row_under_the_pointer() {
    let data = Arc::new(
        Data::from_files(
            &FileSet::embedded_corpus(),
            &FileSet::embedded_questionnaires(),
            Lang::En,
            "Tester".into(),
        )
        .unwrap(),
    );
    let mut app =
        App::new(Lang::En, Palette::new(Theme::Auto, true), data.clone()).with_advance(false);
    let qns: Vec<_> = data.catalog.questionnaires.iter().collect();
    open_interview(&mut app, session_with(&qns), false, false);
    press(&mut app, KeyCode::Home); // resumed sessions start where work stopped
    frame(&mut app, 80, 24);
    for _ in 0..30 {
        press(&mut app, KeyCode::Down);
    }
    // Row 5 of the screen is the fifth line inside the tree's border.
    update(&mut app, Msg::Click { col: 3, row: 5 });
    let st = app.interview().unwrap();
    let row = &st.rows[st.cursor];
    let text = match row.question {
        Some(qi) => data.catalog.questionnaires[row.qn].questions[qi]
            .text
            .get(Lang::En),
        None => data.catalog.questionnaires[row.qn].title.get(Lang::En),
    };
    let line = screen(&app, 80, 24).lines().nth(5).unwrap().to_string();
    let start: String = text.chars().take(8).collect();
    assert!(line.contains(&start), "clicked {line:?}, selected {text:?}");
}

fn session_with(qns: &[&gehoor::questionnaire::Questionnaire]) -> Session {
    fixed(Session::new(
        "CASE-8",
        "Tester",
        Lang::En,
        gehoor::interview::uses(qns),
        &gehoor::notes::now(),
    ))
}

fn recover_offer(app: &mut App, note: &str) {
    let mut draft = session_of(app).clone();
    draft.note = note.into();
    let key = answer_row_key(app);
    draft.set_note(
        &key,
        "An answer's note, typed before the crash.",
        &gehoor::notes::now(),
    );
    let changes = gehoor::notes::draft_changes(&draft, session_of(app));
    assert_eq!(changes, vec![key, "note".to_string()]);
    app.overlay = Some(Overlay::Recover {
        draft: Box::new(draft),
    });
}

#[test]
fn a_draft_is_restored_only_on_enter_and_discarded_only_on_n() {
    let mut app = interview_app();
    recover_offer(&mut app, "Typed just before a crash.");
    let shown = screen(&app, 100, 30);
    assert!(shown.contains("Unsaved work found"), "{shown}");
    assert!(shown.contains("note on the whole session"), "{shown}");
    let key = answer_row_key(&app);
    assert!(
        shown.contains(&format!("({key})")),
        "the answer is named: {shown}"
    );
    // Esc and other keys decide nothing.
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('x'));
    assert!(app.overlay.is_some());
    assert_eq!(session_of(&app).note, "");
    press(&mut app, KeyCode::Enter);
    assert!(app.overlay.is_none());
    assert_eq!(session_of(&app).note, "Typed just before a crash.");
    assert!(
        app.interview().unwrap().autosave.pending(),
        "restored work is saved next"
    );

    let mut app = interview_app();
    recover_offer(&mut app, "Not wanted.");
    let effects = press(&mut app, KeyCode::Char('n'));
    assert!(matches!(effects.as_slice(), [Effect::DiscardDraft]));
    assert_eq!(session_of(&app).note, "");
}

#[test]
fn save_a_copy_prompts_for_a_folder_from_inside_an_editor() {
    let mut app = interview_app();
    app.copy_suggestion = "/home/someone/gehoor-copies".into();
    press(&mut app, KeyCode::Char('N'));
    typing(&mut app, "still typing");
    press_mod(&mut app, KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert!(screen(&app, 100, 30).contains("Save a copy in folder"));
    let effects = press(&mut app, KeyCode::Enter);
    match effects.as_slice() {
        [Effect::SaveCopy { dir }] => assert_eq!(dir, "/home/someone/gehoor-copies"),
        other => panic!("expected SaveCopy, got {} effects", other.len()),
    }
    // Back in the editor, typing goes on.
    typing(&mut app, " and on");
    assert_eq!(session_of(&app).note, "still typing and on");
}

fn answer_row_key(app: &App) -> String {
    app.interview()
        .unwrap()
        .rows
        .iter()
        .find_map(|r| r.key())
        .expect("a question row")
        .to_string()
}

#[test]
fn the_footer_follows_the_focus_and_read_only_sessions() {
    let mut app = interview_app();
    let footer = |app: &App| screen(app, 120, 40).lines().last().unwrap().to_string();
    assert!(!footer(&app).contains("cite passage"), "{}", footer(&app));
    assert!(footer(&app).contains("enter answer"));
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab); // sources pane
    assert!(footer(&app).contains("c cite passage"), "{}", footer(&app));
    let s = session(&app.data);
    open_interview(&mut app, s, true, false); // read-only
    assert!(!footer(&app).contains("answer"), "{}", footer(&app));
}

#[test]
fn a_read_only_passage_does_not_offer_to_cite_and_c_keeps_it_open() {
    let mut app = app();
    let s = session(&app.data);
    open_interview(&mut app, s, true, true);
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Enter); // open the passage
    assert!(matches!(app.overlay, Some(Overlay::Passage { .. })));
    assert!(!screen(&app, 120, 40).contains("c cites"));
    press(&mut app, KeyCode::Char('c'));
    assert!(matches!(app.overlay, Some(Overlay::Passage { .. })));
}

/// The source pane says which month the guidance describes, so a report
/// from 2025 is not read as today's situation; without `as_of`, no month.
#[test]
fn the_source_pane_names_the_month_the_guidance_is_true_as_of() {
    let mut app = app_with_trial(|t| t.replacen("\n[[", "\nas_of = \"2025-01\"\n\n[[", 1));
    let s = session(&app.data);
    open_interview(&mut app, s, false, false);
    assert!(screen(&app, 160, 40).contains("Sources · as of 2025-01"));
    press(&mut app, KeyCode::Char('L'));
    assert!(screen(&app, 160, 40).contains("Bronnen · stand 2025-01"));
    assert!(!screen(&interview_app(), 160, 40).contains("as of"));
}

// ---- the record's lifecycle by keys -----------------------------------------------

fn app_as(user: &str) -> App {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tui");
    let data = Data::from_files(
        &FileSet::embedded_corpus(),
        &FileSet::from_dir(&fixtures).unwrap(),
        Lang::En,
        user.into(),
    )
    .unwrap();
    App::new(Lang::En, Palette::new(Theme::Auto, true), Arc::new(data))
}

/// Answer the required question and submit in the window, as an
/// interviewer does: `Enter`, `Enter` (yes), `S`, `Enter`.
fn submitted_in_window() -> App {
    let mut app = interview_app();
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('S'));
    assert_eq!(press(&mut app, KeyCode::Enter), vec![Effect::Save]);
    assert_eq!(session_of(&app).status, Status::Submitted);
    app
}

#[test]
fn editing_after_submit_is_refused() {
    let mut app = submitted_in_window();
    let before = session_of(&app).clone();
    press(&mut app, KeyCode::Enter);
    assert!(
        app.interview().unwrap().editor.is_none(),
        "no editor on a submitted session"
    );
    assert!(
        app.status.as_deref().unwrap_or_default().contains("Reopen"),
        "{:?}",
        app.status
    );
    for key in ['x', 'f', 'n', 'N', '+'] {
        press(&mut app, KeyCode::Char(key));
        press(&mut app, KeyCode::Esc);
    }
    assert_eq!(session_of(&app).answers, before.answers, "nothing changed");
    assert_eq!(session_of(&app).note, before.note);
    // An amendment needs a reopen first, too.
    press(&mut app, KeyCode::Char('A'));
    assert!(app.overlay.is_none());
    assert!(
        app.status
            .as_deref()
            .unwrap_or_default()
            .contains("read-only")
    );
}

#[test]
fn esc_cancels_every_prompt_and_enter_confirms() {
    // The interviewer's prompts: reopen, amend (source, then text), copy.
    let mut app = submitted_in_window();
    for key in ['O', 'w'] {
        press(&mut app, KeyCode::Char(key));
        assert!(matches!(app.overlay, Some(Overlay::Prompt(_))), "{key}");
        typing(&mut app, "some words");
        assert_eq!(press(&mut app, KeyCode::Esc), vec![], "{key}: Esc cancels");
        assert!(app.overlay.is_none(), "{key}");
    }
    assert_eq!(session_of(&app).status, Status::Submitted);
    press(&mut app, KeyCode::Char('O'));
    assert_eq!(
        press(&mut app, KeyCode::Enter),
        vec![],
        "a reason is needed"
    );
    typing(&mut app, "read-back");
    // Submitted in this window: reopened here, recorded, saved.
    assert_eq!(press(&mut app, KeyCode::Enter), vec![Effect::Save]);
    let h = session_of(&app).history.last().unwrap().clone();
    assert_eq!((h.to, h.by.as_str()), (Status::Draft, "Tester"));
    assert_eq!(h.reason.as_deref(), Some("read-back"));
    press(&mut app, KeyCode::Enter);
    assert!(app.interview().unwrap().editor.is_some(), "editable again");

    let mut app = interview_app();
    press(&mut app, KeyCode::Char('A'));
    typing(&mut app, "applicant at read-back");
    press(&mut app, KeyCode::Enter);
    typing(&mut app, "not yet");
    assert_eq!(press(&mut app, KeyCode::Esc), vec![]);
    assert!(
        session_of(&app).answers.is_empty(),
        "a cancelled amendment leaves nothing"
    );

    // The supervisor's prompts: comment, session comment, return, approve.
    let mut app = app_as("Supervisor Two");
    let mut s = session(&app.data);
    s.set_value(
        "trial.received",
        Some(Value::YesNo(true)),
        &gehoor::notes::now(),
    );
    s.submit("Tester", &gehoor::notes::now()).unwrap();
    open_interview(&mut app, s, true, true);
    for key in ['c', 'C', 'R'] {
        press(&mut app, KeyCode::Char(key));
        typing(&mut app, "Esc must not save this");
        assert_eq!(press(&mut app, KeyCode::Esc), vec![], "{key}: Esc cancels");
        assert!(app.overlay.is_none());
    }
    press(&mut app, KeyCode::Char('a'));
    assert!(matches!(app.overlay, Some(Overlay::Confirm { .. })));
    assert_eq!(press(&mut app, KeyCode::Esc), vec![], "approve cancelled");
    press(&mut app, KeyCode::Char('R'));
    assert_eq!(
        press(&mut app, KeyCode::Enter),
        vec![],
        "an empty reason is not sent"
    );
    assert!(
        matches!(app.overlay, Some(Overlay::Prompt(_))),
        "the prompt stays open"
    );
    typing(&mut app, "dates");
    let effects = press(&mut app, KeyCode::Enter);
    assert!(
        matches!(effects.as_slice(), [Effect::Review { change: ReviewChange::Return { reason }, .. }] if reason == "dates"),
        "{effects:?}"
    );
}

#[test]
fn approve_asks_first_and_refuses_the_interviewer() {
    let mut s = session(&app().data);
    s.set_value(
        "trial.received",
        Some(Value::YesNo(true)),
        &gehoor::notes::now(),
    );
    s.submit("Tester", &gehoor::notes::now()).unwrap();
    // "Tester" interviewed this session.
    let mut app = app_as("Tester");
    open_interview(&mut app, s.clone(), true, true);
    assert_eq!(press(&mut app, KeyCode::Char('a')), vec![]);
    assert!(
        app.overlay.is_none(),
        "no confirmation for a refused approval"
    );
    assert!(
        app.status
            .as_deref()
            .unwrap_or_default()
            .contains("four-eyes"),
        "{:?}",
        app.status
    );
    let mut app = app_as("Supervisor Two");
    open_interview(&mut app, s, true, true);
    assert_eq!(
        press(&mut app, KeyCode::Char('a')),
        vec![],
        "a key alone approves nothing"
    );
    assert!(screen(&app, 80, 24).contains("Approve session CASE-7?"));
    let effects = press(&mut app, KeyCode::Enter);
    assert!(
        matches!(effects.as_slice(), [Effect::Review { change: ReviewChange::Approve { .. }, by, .. }] if by == "Supervisor Two"),
        "{effects:?}"
    );
}

#[test]
fn an_amendment_is_shown_beside_the_original_answer() {
    let mut app = interview_app();
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Enter); // yes
    press(&mut app, KeyCode::Char('A'));
    typing(&mut app, "applicant at read-back");
    press(&mut app, KeyCode::Enter);
    typing(&mut app, "It was a neighbour who took it in.");
    press(&mut app, KeyCode::Enter);
    let a = &session_of(&app).answers["trial.received"];
    assert_eq!(a.value, Some(Value::YesNo(true)), "the original stays");
    assert_eq!(a.amendments.len(), 1);
    assert_eq!(a.amendments[0].by, "Tester");
    assert_eq!(a.amendments[0].source, "applicant at read-back");
    let out = screen(&app, 120, 40);
    assert!(out.contains("Original answer: yes"), "{out}");
    assert!(
        out.contains("Amendment 20") && out.contains("Tester (source:"),
        "{out}"
    );
    assert!(
        app.interview().unwrap().autosave.pending(),
        "saved like any change"
    );
}

#[test]
fn submit_lists_required_questions_with_only_a_status() {
    let mut app = interview_app();
    press(&mut app, KeyCode::Char('x')); // declined
    assert_eq!(
        session_of(&app).answers["trial.received"].status,
        AnswerStatus::Declined
    );
    press(&mut app, KeyCode::Char('S'));
    match &app.overlay {
        Some(Overlay::Submit {
            missing,
            status_only,
            ..
        }) => {
            assert!(missing.is_empty());
            assert_eq!(status_only.len(), 1);
            assert!(status_only[0].starts_with("trial.received"));
        }
        _ => panic!("no submit overlay"),
    }
    assert!(screen(&app, 120, 40).contains("only a status"));
    assert_eq!(press(&mut app, KeyCode::Esc), vec![]);
    assert_eq!(session_of(&app).status, Status::Draft);
    press(&mut app, KeyCode::Char('S'));
    assert_eq!(press(&mut app, KeyCode::Enter), vec![Effect::Save]);
    assert_eq!(session_of(&app).status, Status::Submitted);
    let p = app.interview().unwrap().progress;
    assert_eq!(
        (p.answered, p.status_only),
        (0, 1),
        "a status is not an answer"
    );
}

#[test]
fn the_supervisor_sees_what_changed_since_the_returned_version() {
    let now = gehoor::notes::now();
    let mut s = session(&app().data);
    s.set_value("trial.received", Some(Value::YesNo(false)), &now);
    s.submit("Tester", &now).unwrap();
    s.return_for_work("Supervisor Two", "ask again", &now)
        .unwrap();
    s.set_value("trial.received", Some(Value::YesNo(true)), &now);
    s.submit("Tester", &now).unwrap();
    let mut app = app_as("Supervisor Two");
    open_interview(&mut app, s, true, true);
    press(&mut app, KeyCode::Home);
    let out = screen(&app, 120, 40);
    assert!(out.contains("Changed since the returned version"), "{out}");
    assert!(out.contains("was: no"), "{out}");
}

#[test]
fn a_case_reference_that_looks_like_a_name_and_birth_date_is_warned_about_once() {
    let mut app = app();
    press(&mut app, KeyCode::Enter); // New interview
    typing(&mut app, "Ivan Petrov 14-05-2001");
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab); // the topic list
    assert_eq!(press(&mut app, KeyCode::Enter), vec![], "not created yet");
    let Screen::NewInterview(f) = &app.screen else {
        panic!("the form closed")
    };
    let warning = f.error.clone().unwrap_or_default();
    assert!(warning.contains("a name and a date of birth"), "{warning}");
    assert!(screen(&app, 120, 40).contains("name and a date of birth"));
    let effects = press(&mut app, KeyCode::Enter);
    assert!(
        matches!(effects.as_slice(), [Effect::Create(_)]),
        "{effects:?}"
    );
}

#[test]
fn a_second_session_for_a_case_is_warned_about_before_it_is_created() {
    let mut app = with_sessions(app());
    let case = match &app.sessions[0] {
        ListEntry::Session(s) => s.case_ref.clone(),
        _ => panic!("a session"),
    };
    press(&mut app, KeyCode::Enter);
    typing(&mut app, &case);
    for _ in 0..3 {
        press(&mut app, KeyCode::Tab);
    }
    assert_eq!(press(&mut app, KeyCode::Enter), vec![]);
    let Screen::NewInterview(f) = &app.screen else {
        panic!("the form closed")
    };
    assert!(
        f.error
            .as_deref()
            .unwrap_or("")
            .contains("already has 1 session")
    );
    assert!(matches!(
        press(&mut app, KeyCode::Enter).as_slice(),
        [Effect::Create(_)]
    ));
}
