//! A computed question in the interview: shown read-only where the answer
//! would be, derived live from the birth date, never opened in an editor.

use std::path::Path;
use std::sync::Arc;

use gehoor::assets::FileSet;
use gehoor::config::Theme;
use gehoor::i18n::Lang;
use gehoor::notes::Session;
use gehoor::tui::app::App;
use gehoor::tui::key_msg;
use gehoor::tui::theme::Palette;
use gehoor::tui::update::{open_interview, update};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

const EXTRA: &str = r#"
[[question]]
id = "born"
kind = "date"
text = { nl = "Geboortedatum?", en = "Date of birth?" }

[[question]]
id = "age_2024"
kind = "number"
computed = "age_on(born, 2024-01-01)"
text = { nl = "Leeftijd op 1 januari 2024", en = "Age on 1 January 2024" }
"#;

fn app() -> App {
    let dir = tempfile::tempdir().unwrap();
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tui");
    let text = std::fs::read_to_string(fixtures.join("trial.toml")).unwrap();
    std::fs::write(dir.path().join("trial.toml"), text + EXTRA).unwrap();
    let data = gehoor::tui::app::Data::from_files(
        &FileSet::embedded_corpus(),
        &FileSet::from_dir(dir.path()).unwrap(),
        Lang::En,
        "Tester".into(),
    )
    .unwrap();
    assert!(data.invalid.is_none(), "{:?}", data.invalid);
    let mut app =
        App::new(Lang::En, Palette::new(Theme::Auto, true), Arc::new(data)).with_advance(false);
    let trial = app.data.catalog.questionnaire("trial").unwrap();
    let s = Session::new(
        "CASE-7",
        "Tester",
        Lang::En,
        gehoor::interview::uses(&[trial]),
        &gehoor::notes::now(),
    );
    open_interview(&mut app, s, false, false);
    app
}

fn press(app: &mut App, code: KeyCode) {
    if let Some(msg) = key_msg(app, KeyEvent::new(code, KeyModifiers::NONE)) {
        update(app, msg);
    }
}

#[test]
fn a_computed_age_is_shown_read_only_and_follows_the_birth_date() {
    let mut app = app();
    press(&mut app, KeyCode::End); // the computed question comes last
    let out = screen(&app);
    assert!(out.contains("Cannot be derived yet"), "{out}");
    assert!(!out.contains("Not answered yet"), "{out}");

    press(&mut app, KeyCode::Enter);
    let st = app.interview().unwrap();
    assert!(st.editor.is_none(), "a computed value opens no editor");
    assert!(
        app.status
            .as_deref()
            .unwrap_or_default()
            .contains("computed"),
        "{:?}",
        app.status
    );
    assert!(!st.session.answers.contains_key("trial.age_2024"));

    press(&mut app, KeyCode::Up); // the birth date
    press(&mut app, KeyCode::Enter);
    for c in "1997".chars() {
        press(&mut app, KeyCode::Char(c));
    }
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Down);
    let out = screen(&app);
    assert!(out.contains("26–27 years on 1 January 2024"), "{out}");
    let progress = gehoor::interview::progress(
        &app.data.catalog,
        &app.interview().unwrap().session,
        &app.interview().unwrap().rows,
    );
    assert_eq!(progress.unanswered + progress.answered, 5, "{progress:?}");
}

fn screen(app: &App) -> String {
    crate::support::screen::render(app, 120, 40)
}

#[test]
fn a_computed_question_takes_no_note_flag_or_status_and_has_its_own_marker() {
    let mut app = app();
    press(&mut app, KeyCode::End);
    let row = |app: &App| {
        screen(app)
            .lines()
            // The tree is the left pane; the question pane repeats the text.
            .find(|l| l.chars().take(32).collect::<String>().contains("Age on"))
            .map(str::to_string)
            .unwrap_or_default()
    };
    assert!(row(&app).contains("= Age on"), "{}", row(&app));
    assert!(!row(&app).contains("· Age on"), "{}", row(&app));

    for key in ['f', 'x', 'n'] {
        app.status = None;
        press(&mut app, KeyCode::Char(key));
        let st = app.interview().unwrap();
        assert!(
            st.editor.is_none(),
            "{key}: no note editor on a derived value"
        );
        assert!(
            !st.session.answers.contains_key("trial.age_2024"),
            "{key}: nothing stored under a computed question"
        );
        assert!(
            app.status
                .as_deref()
                .unwrap_or_default()
                .contains("computed"),
            "{key}: {:?}",
            app.status
        );
    }
    assert!(!row(&app).contains('⚑'), "{}", row(&app));
}
