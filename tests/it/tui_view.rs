//! What the screens show (issue 16's view half): the question tree's
//! distinguishing text, messages on their own line, the banner of a
//! returned session, a questionnaire that is not loaded, the comment
//! prompt beside its answer, one way of writing dates, a help that says it
//! scrolls. Snapshots at 80×24 and 120×40 with the shipped questionnaires.

use std::sync::Arc;

use gehoor::assets::FileSet;
use gehoor::config::Theme;
use gehoor::i18n::Lang;
use gehoor::notes::{ListEntry, QuestionnaireUse, Session, SessionSummary};
use gehoor::questionnaire::Value;
use gehoor::tui::app::{App, Data, FrameLayout};
use gehoor::tui::theme::Palette;
use gehoor::tui::update::{Msg, open_interview, update};
use gehoor::tui::{key_msg, view};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn shipped(lang: Lang) -> App {
    let data = Data::from_files(
        &FileSet::embedded_corpus(),
        &FileSet::embedded_questionnaires(),
        lang,
        "bert".into(),
    )
    .unwrap();
    App::new(lang, Palette::new(Theme::Auto, true), Arc::new(data))
}

fn at(s: &str) -> jiff::Zoned {
    format!("{s}:00+00:00[UTC]").parse().unwrap()
}

/// A session over the shipped `summons` questionnaire, at fixed times.
fn summons_session(app: &App) -> Session {
    let qn = app.data.catalog.questionnaire("summons").unwrap();
    let t = at("2026-12-04T09:30");
    let mut s = Session::new(
        "CASE-16",
        "anna",
        app.lang,
        gehoor::interview::uses(&[qn]),
        &t,
    );
    s.created = t.clone();
    s.updated = t;
    s
}

/// Move the cursor to the row of `key` (a session resumes after its last
/// answer, so tests say where they want to be).
fn go_to(app: &mut App, key: &str) {
    let target = app
        .interview()
        .unwrap()
        .rows
        .iter()
        .position(|r| r.key() == Some(key))
        .unwrap();
    loop {
        let cursor = app.interview().unwrap().cursor;
        match cursor.cmp(&target) {
            std::cmp::Ordering::Less => press(app, KeyCode::Down),
            std::cmp::Ordering::Greater => press(app, KeyCode::Up),
            std::cmp::Ordering::Equal => break,
        }
    }
}

fn press(app: &mut App, code: KeyCode) {
    if let Some(msg) = key_msg(app, KeyEvent::new(code, KeyModifiers::NONE)) {
        update(app, msg);
    }
}

/// Draw at w×h; the text of the screen and where the panes went.
fn draw(app: &App, w: u16, h: u16) -> (String, FrameLayout) {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    let mut layout = FrameLayout::default();
    t.draw(|f| layout = view::render(app, f)).unwrap();
    let buf = t.backend().buffer().clone();
    let mut out = String::new();
    for y in 0..h {
        let line: String = (0..w).map(|x| buf[(x, y)].symbol().to_string()).collect();
        out.push_str(line.trim_end());
        out.push('\n');
    }
    (out, layout)
}

fn screen(app: &App, w: u16, h: u16) -> String {
    draw(app, w, h).0
}

/// Draw and hand the layout to the app, as the runtime does.
fn frame(app: &mut App, w: u16, h: u16) -> String {
    let (out, layout) = draw(app, w, h);
    update(app, Msg::Frame(layout));
    out
}

fn both(name: &str, app: &App) {
    insta::assert_snapshot!(format!("{name}_80x24"), screen(app, 80, 24));
    insta::assert_snapshot!(format!("{name}_120x40"), screen(app, 120, 40));
}

/// The text inside the tree pane's border, line by line.
fn tree_lines(out: &str, layout: &FrameLayout) -> Vec<String> {
    let t = layout.tree;
    out.lines()
        .skip(t.y as usize + 1)
        .take(t.height.saturating_sub(2) as usize)
        .map(|l| {
            l.chars()
                .skip(t.x as usize + 1)
                .take(t.width.saturating_sub(2) as usize)
                .collect::<String>()
        })
        .collect()
}

fn question_text(app: &App, key: &str) -> String {
    let (id, _) = gehoor::notes::parse_answer_key(key);
    app.data
        .catalog
        .question(id)
        .unwrap()
        .1
        .text
        .get(app.lang)
        .to_string()
}

#[test]
fn the_tree_cuts_with_an_ellipsis_and_wraps_the_selected_question_whole() {
    let mut app = shipped(Lang::Nl);
    let s = summons_session(&app);
    open_interview(&mut app, s, false, false);
    let (out, layout) = draw(&app, 80, 24);
    let lines = tree_lines(&out, &layout);
    assert!(
        lines.iter().any(|l| l.trim_end().ends_with('…')),
        "a cut question ends in an ellipsis:\n{out}"
    );
    // The selected question is there in full, over several lines.
    let st = app.interview().unwrap();
    let key = st.rows[st.cursor].key().unwrap().to_string();
    let text = question_text(&app, &key);
    assert!(
        layout.tree_selected_lines >= 2,
        "{text:?} should wrap at 80 columns"
    );
    let first = st.cursor - layout.tree_first;
    let joined: Vec<String> = lines[first..first + layout.tree_selected_lines as usize]
        .iter()
        .map(|l| {
            l.trim()
                .trim_start_matches(['!', '·', '✓', '~', '✎', '⚑'])
                .trim()
                .to_string()
        })
        .collect();
    assert_eq!(joined.join(" "), text, "{out}");
    both("tree_nl", &app);
}

#[test]
fn markers_never_move_the_question_text() {
    let mut app = shipped(Lang::Nl);
    let mut s = summons_session(&app);
    let t = at("2026-12-04T10:00");
    s.set_value("summons.received", Some(Value::YesNo(true)), &t);
    s.set_flagged("summons.received", true, &t);
    s.add_comment("bert", Some("summons.received"), "Welke datum?", &t);
    open_interview(&mut app, s, false, false);
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Down);
    let (out, layout) = draw(&app, 120, 40);
    let lines = tree_lines(&out, &layout);
    let start = |l: &String| {
        l.chars()
            .position(|c| c.is_alphabetic())
            .unwrap_or(usize::MAX)
    };
    let flagged = lines.iter().find(|l| l.contains('⚑')).expect(&out);
    assert!(flagged.contains('✎'), "{flagged}");
    let plain = lines
        .iter()
        .find(|l| l.contains("· ") && !l.contains('⚑'))
        .expect(&out);
    assert_eq!(start(flagged), start(plain), "{flagged:?} vs {plain:?}");
    // The topic counts its comments.
    assert!(lines[0].contains("✎1"), "{}", lines[0]);
}

#[test]
fn the_tree_is_wider_on_wide_terminals() {
    let mut app = shipped(Lang::Nl);
    let s = summons_session(&app);
    open_interview(&mut app, s, false, false);
    let (_, at_120) = draw(&app, 120, 40);
    let (out, at_180) = draw(&app, 180, 40);
    assert!(at_180.tree.width >= 54, "{:?}", at_180.tree);
    assert!(at_180.tree.width > at_120.tree.width * 3 / 2);
    let lines = tree_lines(&out, &at_180);
    let cut = lines.iter().filter(|l| l.trim_end().ends_with('…')).count();
    let (out120, _) = draw(&app, 120, 40);
    let cut120 = tree_lines(&out120, &at_120)
        .iter()
        .filter(|l| l.trim_end().ends_with('…'))
        .count();
    assert!(
        cut < cut120,
        "fewer cut rows at 180 ({cut}) than at 120 ({cut120})"
    );
}

#[test]
fn a_click_below_a_wrapped_row_selects_the_row_drawn_there() {
    let mut app = shipped(Lang::Nl);
    let s = summons_session(&app);
    open_interview(&mut app, s, false, false);
    let out = frame(&mut app, 80, 24);
    let layout = app.layout;
    let cursor = app.interview().unwrap().cursor;
    let tall = layout.tree_selected_lines;
    assert!(tall >= 2, "{out}");
    let top = layout.tree.y + 1 + (cursor - layout.tree_first) as u16;
    // What is drawn on the line after the wrapped row: the next row.
    let st = app.interview().unwrap();
    let next = st.rows[cursor + 1].key().unwrap().to_string();
    let start: String = question_text(&app, &next).chars().take(10).collect();
    let line = out.lines().nth((top + tall) as usize).unwrap().to_string();
    assert!(line.contains(&start), "{line:?} vs {start:?}\n{out}");
    // The selected row's second line still belongs to it.
    update(
        &mut app,
        Msg::Click {
            col: 3,
            row: top + 1,
        },
    );
    assert_eq!(app.interview().unwrap().cursor, cursor);
    // The line after its last one is the next row, not the one after that.
    update(
        &mut app,
        Msg::Click {
            col: 3,
            row: top + tall,
        },
    );
    assert_eq!(app.interview().unwrap().cursor, cursor + 1, "{out}");
}

#[test]
fn choice_labels_wrap_instead_of_being_cut() {
    let mut app = shipped(Lang::Nl);
    let mut s = summons_session(&app);
    let t = at("2026-12-04T10:00");
    s.set_value("summons.received", Some(Value::YesNo(true)), &t);
    s.add_group_instance("summons.summonses", &t);
    open_interview(&mut app, s, false, false);
    go_to(&mut app, "summons.channel#1");
    press(&mut app, KeyCode::Enter);
    let out = screen(&app, 80, 24);
    assert!(out.contains("Persoonlijk overhandigd, voor"), "{out}");
    assert!(out.contains("getekend"), "{out}");
    assert!(!out.contains("ontva\n"), "cut mid-word:\n{out}");
    // At 120 columns the pane is narrower than the label: it wraps whole.
    let out = screen(&app, 120, 40);
    let at = out
        .find("> Persoonlijk overhandigd, voor ontvangst")
        .expect(&out);
    let next = out[at..].lines().nth(1).unwrap();
    assert!(next.contains("  getekend "), "{next:?}\n{out}");
    both("choice_wrapped", &app);
}

#[test]
fn status_messages_get_their_own_lines_and_are_never_cut() {
    let mut app = shipped(Lang::Nl);
    let s = summons_session(&app);
    open_interview(&mut app, s, false, false);
    app.status = Some("ambtsbericht-rf-2025#1.1.3.1/p2 geciteerd in de notitie.".into());
    let out = screen(&app, 80, 24);
    assert!(
        out.contains("ambtsbericht-rf-2025#1.1.3.1/p2 geciteerd in de notitie."),
        "{out}"
    );
    let reason = "Twee antwoorden aanvullen: de datum van de tweede oproep en wie die \
                  bezorgde, en vraag naar het uitreisverbod dat in de notitie genoemd wordt.";
    app.status = Some(format!("Teruggestuurd door bert: {reason}"));
    let out = screen(&app, 80, 24);
    let flat: String = out
        .lines()
        .rev()
        .skip(2)
        .take(3)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .map(str::trim)
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        flat.contains(&format!("Teruggestuurd door bert: {reason}")),
        "{flat:?}\n{out}"
    );
    // The counters keep their line.
    assert!(out.lines().rev().nth(1).unwrap().contains("0/"), "{out}");
    both("message_long", &app);
}

fn returned(app: &App) -> Session {
    let mut s = summons_session(app);
    let t = at("2026-12-04T10:00");
    s.set_value("summons.received", Some(Value::YesNo(true)), &t);
    s.set_note("summons.received", "Twee keer, zegt hij.", &t);
    s.note = "Tolk Russisch aanwezig; verzoeker moe na de reis.".into();
    s.submit("anna", &at("2026-12-04T11:00")).unwrap();
    s.add_comment(
        "bert",
        Some("summons.received"),
        "Vraag naar de datum van de tweede oproep.",
        &at("2026-12-04T12:50"),
    );
    s.add_comment(
        "bert",
        None,
        "Goed gesprek, maar de bezorging ontbreekt.",
        &at("2026-12-04T12:52"),
    );
    s.return_for_work(
        "bert",
        "Twee antwoorden aanvullen: de datum van de tweede oproep en wie die bezorgde.",
        &at("2026-12-04T12:54"),
    )
    .unwrap();
    s
}

#[test]
fn a_returned_session_shows_who_why_and_the_comments_in_a_banner() {
    let mut app = shipped(Lang::Nl);
    let s = returned(&app);
    open_interview(&mut app, s, false, false);
    go_to(&mut app, "summons.received");
    app.status = None;
    let out = screen(&app, 80, 24);
    let flat = out.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        flat.contains(
            "Teruggestuurd door bert op 2026-12-04 12:54: Twee antwoorden aanvullen: de datum \
             van de tweede oproep en wie die bezorgde."
        ),
        "{out}"
    );
    assert!(
        flat.contains("✎ bert (2026-12-04 12:52): Goed gesprek, maar de bezorging ontbreekt."),
        "{out}"
    );
    // The answer's comment, under the answer, whole.
    let (out, layout) = draw(&app, 120, 40);
    let q = layout.question;
    let pane: Vec<String> = out
        .lines()
        .skip(q.y as usize + 1)
        .take(q.height as usize - 2)
        .map(|l| {
            l.chars()
                .skip(q.x as usize + 1)
                .take(q.width as usize - 2)
                .collect()
        })
        .collect();
    let flat = pane
        .join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        flat.contains(
            "Opmerkingen: ✎ bert (2026-12-04 12:50): Vraag naar de datum van de tweede oproep."
        ),
        "{out}"
    );
    both("returned_banner", &app);
}

#[test]
fn the_review_screen_shows_the_interviewers_session_note() {
    let mut app = shipped(Lang::En);
    let mut s = summons_session(&app);
    s.note = "Interpreter present; the applicant was tired.".into();
    s.submit("anna", &at("2026-12-04T11:00")).unwrap();
    open_interview(&mut app, s, true, true);
    let out = screen(&app, 80, 24);
    assert!(
        out.contains("Interviewer's note: Interpreter present; the applicant was tired."),
        "{out}"
    );
}

#[test]
fn a_session_whose_questionnaire_is_not_loaded_says_which_and_how_and_keeps_its_answers() {
    for lang in [Lang::Nl, Lang::En] {
        let mut app = shipped(lang);
        let t = at("2026-12-04T10:00");
        let mut s = Session::new(
            "CASE-17",
            "anna",
            lang,
            vec![QuestionnaireUse {
                id: "local_training".into(),
                version: 3,
                hash: "abc".into(),
            }],
            &t,
        );
        s.set_value("local_training.year", Some(Value::Text("2019".into())), &t);
        s.set_note("local_training.year", "Op de basis bij Pskov.", &t);
        open_interview(&mut app, s, false, false);
        let out = screen(&app, 80, 24);
        let flat = out.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(flat.contains("--questionnaires"), "{out}");
        assert!(flat.contains("local_training.year: 2019"), "{out}");
        assert!(flat.contains("Op de basis bij Pskov."), "{out}");
        for wrong in ["0/0", "changed", "gewijzigd", "No questions", "Geen vragen"] {
            assert!(!flat.contains(wrong), "{wrong:?} in\n{out}");
        }
        let (header, loaded) = match lang {
            Lang::Nl => (
                "vragenlijst niet geladen: local_training",
                "Vragen (niet geladen)",
            ),
            Lang::En => (
                "questionnaire not loaded: local_training",
                "Questions (not loaded)",
            ),
        };
        assert!(out.lines().next().unwrap().contains(header), "{out}");
        assert!(out.contains(loaded), "{out}");
        if lang == Lang::Nl {
            both("questionnaire_missing", &app);
        }
    }
}

#[test]
fn the_comment_prompt_leaves_the_answer_in_view() {
    let mut app = shipped(Lang::En);
    let mut s = summons_session(&app);
    let t = at("2026-12-04T10:00");
    s.set_value("summons.received", Some(Value::YesNo(true)), &t);
    s.set_note("summons.received", "Twice, he says.", &t);
    s.submit("anna", &at("2026-12-04T11:00")).unwrap();
    open_interview(&mut app, s, true, true);
    go_to(&mut app, "summons.received");
    for (w, h) in [(80, 24), (120, 40)] {
        let before = screen(&app, w, h);
        assert!(before.contains("Twice, he says."), "{before}");
        press(&mut app, KeyCode::Char('c'));
        let out = screen(&app, w, h);
        assert!(out.contains("Comment on summons.received"), "{out}");
        assert!(out.contains("Answer: yes"), "{out}");
        assert!(out.contains("Twice, he says."), "{out}");
        press(&mut app, KeyCode::Esc);
    }
    press(&mut app, KeyCode::Char('c'));
    both("comment_prompt", &app);
}

#[test]
fn dates_are_written_year_first_with_the_time_everywhere() {
    let mut app = shipped(Lang::Nl);
    let mut s = summons_session(&app);
    s.updated = at("2026-12-04T12:54");
    app.sessions = vec![ListEntry::Session(SessionSummary::of(
        &s,
        "/tmp/x.toml".into(),
    ))];
    let home = screen(&app, 80, 24);
    assert!(home.contains("2026-12-04 12:54"), "{home}");
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Enter);
    for (w, h) in [(80, 24), (120, 40)] {
        let out = screen(&app, w, h);
        assert!(out.contains("2026-12-04 12:54"), "{out}");
        let bare = regex_free_find(&out, "12-04 12:54");
        assert!(
            bare.iter().all(|&i| out[..i].ends_with("2026-")),
            "a date without its year:\n{out}"
        );
    }
    let out = screen(&app, 120, 40);
    assert!(
        out.contains("2026-12-04 2026-12-04 12:54"),
        "the created date:\n{out}"
    );
}

fn regex_free_find(hay: &str, needle: &str) -> Vec<usize> {
    hay.match_indices(needle).map(|(i, _)| i).collect()
}

#[test]
fn the_help_says_that_it_scrolls_and_where_it_is() {
    let mut app = shipped(Lang::En);
    let s = summons_session(&app);
    open_interview(&mut app, s, false, false);
    press(&mut app, KeyCode::Char('?'));
    let out = screen(&app, 80, 24);
    let title = out.lines().find(|l| l.contains("Keys")).unwrap();
    assert!(title.contains("line 1–"), "{title}");
    assert!(title.contains("↑↓ PgUp PgDn"), "{title}");
    press(&mut app, KeyCode::PageDown);
    let out = screen(&app, 80, 24);
    let title = out.lines().find(|l| l.contains("Keys")).unwrap();
    assert!(title.contains("line 11–"), "{title}");
    // Past the end, the last page stays in view.
    for _ in 0..50 {
        press(&mut app, KeyCode::PageDown);
    }
    let out = screen(&app, 80, 24);
    assert!(out.contains("Esc or ? closes"), "{out}");
    let mut app = shipped(Lang::Nl);
    let s = summons_session(&app);
    open_interview(&mut app, s, false, false);
    press(&mut app, KeyCode::Char('?'));
    let out = screen(&app, 80, 24);
    assert!(out.contains("PgUp PgDn scrollen"), "{out}");
}

#[test]
fn a_message_on_the_sessions_table_is_shown_whole() {
    let mut app = shipped(Lang::En);
    let s = summons_session(&app);
    app.sessions = vec![ListEntry::Session(SessionSummary::of(
        &s,
        "/tmp/x.toml".into(),
    ))];
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Enter);
    let text = "The session is open elsewhere: anna has had it open since 2026-12-04 12:54 \
                on this computer; it opens read-only until they close it.";
    app.status = Some(text.into());
    let out = screen(&app, 80, 24);
    let flat = out.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains(text), "{out}");
}
