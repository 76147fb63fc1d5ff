//! The TUI with the fixture corpus: the source pane says per section what
//! the newer edition did, citing keeps a hash, and an answer whose cited
//! passage changed is marked with the text as cited.

use std::sync::Arc;

use gehoor::assets::FileSet;
use gehoor::config::Theme;
use gehoor::i18n::Lang;
use gehoor::notes::Session;
use gehoor::tui::app::{App, Data};
use gehoor::tui::theme::Palette;
use gehoor::tui::update::{open_interview, update};
use gehoor::tui::{key_msg, view};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::fixture::root;
use super::{OLD, fixture_corpus_dir};

/// The TUI trial questionnaire citing `reference`, over the fixture corpus.
fn app_citing(reference: &str) -> App {
    let dir = tempfile::tempdir().unwrap();
    let trial = std::fs::read_to_string(root().join("tests/fixtures/tui/trial.toml")).unwrap();
    let edited = trial.replace(
        "\"ambtsbericht-rf-2025#1.1.3\"",
        &format!("\"{reference}\""),
    );
    std::fs::write(dir.path().join("trial.toml"), edited).unwrap();
    let data = Data::from_files(
        &FileSet::from_dir(&fixture_corpus_dir()).unwrap(),
        &FileSet::from_dir(dir.path()).unwrap(),
        Lang::En,
        "Tester".into(),
    )
    .unwrap();
    assert!(data.invalid.is_none(), "{:?}", data.invalid);
    App::new(Lang::En, Palette::new(Theme::Auto, true), Arc::new(data))
}

fn new_session(app: &App) -> Session {
    let trial = app.data.catalog.questionnaire("trial").unwrap();
    Session::new(
        "CASE-E",
        "Tester",
        Lang::En,
        gehoor::interview::uses(&[trial]),
        &gehoor::notes::now(),
    )
}

/// The screen as text, lines joined so wrapped phrases can be found.
fn screen(app: &App) -> String {
    let (w, h) = (200, 50);
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| {
        view::render(app, f);
    })
    .unwrap();
    let buf = t.backend().buffer().clone();
    (0..h)
        .map(|y| {
            (0..w)
                .map(|x| buf[(x, y)].symbol().to_string())
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn the_source_pane_says_what_the_newer_edition_did() {
    let mut app = app_citing(&format!("{OLD}#1.1.1"));
    let s = new_session(&app);
    open_interview(&mut app, s, false, false);
    let text = screen(&app);
    // The pane wraps: the note is checked in two pieces.
    assert!(
        text.contains("#1.1.1  (newer edition ambtsbericht-rf-next-test:"),
        "{text}"
    );
    assert!(
        text.contains("edited → ambtsbericht-rf-next-test#1.1.1)"),
        "{text}"
    );
    // The whole section, opened with o, says it too.
    let msg = key_msg(&app, KeyEvent::new(KeyCode::Char('o'), KeyModifiers::NONE));
    update(&mut app, msg.expect("o is bound"));
    assert!(app.overlay.is_some(), "o opened the section");
    let text = screen(&app);
    assert!(
        text.contains("edited → ambtsbericht-rf-next-test#1.1.1)"),
        "{text}"
    );
    let mut app = app_citing(&format!("{OLD}#3.7.6"));
    let s = new_session(&app);
    open_interview(&mut app, s, false, false);
    let text = screen(&app);
    assert!(
        text.contains("#3.7.6  (newer edition ambtsbericht-rf-next-test:"),
        "{text}"
    );
    assert!(text.contains("removed)"), "{text}");
}

#[test]
fn citing_keeps_a_hash_and_a_changed_passage_is_marked() {
    let mut app = app_citing(&format!("{OLD}#1.1.1"));
    let s = new_session(&app);
    open_interview(&mut app, s, false, false);
    let msg = key_msg(&app, KeyEvent::new(KeyCode::Char('c'), KeyModifiers::NONE));
    update(&mut app, msg.expect("c is bound"));
    let st = app.interview().unwrap();
    let a = st
        .session
        .answers
        .values()
        .find(|a| !a.cited.is_empty())
        .expect("cited");
    let r = a.cited[0].clone();
    assert!(a.cited_hash(&r).unwrap().starts_with("sha256:"));
    assert!(!screen(&app).contains("passage changed since it was cited"));

    // The same session as if the passage had read otherwise when cited.
    let mut s = new_session(&app);
    s.cite_passage(
        "trial.received",
        &r,
        "Een oudere tekst van deze paragraaf.",
        true,
        &gehoor::notes::now(),
    );
    let mut app = app_citing(&format!("{OLD}#1.1.1"));
    open_interview(&mut app, s, false, false);
    // A session resumes after its last answer; go back to the cited one.
    let st = app.interview_mut().unwrap();
    st.cursor = st
        .rows
        .iter()
        .position(|r| r.key() == Some("trial.received"))
        .unwrap();
    let text = screen(&app);
    assert!(
        text.contains("passage changed since it was cited"),
        "{text}"
    );
    assert!(
        text.contains("as cited: Een oudere tekst van deze paragraaf."),
        "{text}"
    );
}
