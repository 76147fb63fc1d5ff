//! The real binary in a pseudo-terminal: an interview from start to export,
//! termination signals and resizing (SIGKILL at random moments is in
//! `crash_tui.rs`).

use crate::pty;

use std::path::Path;
use std::time::Duration;

use pty::{Tui, bin, command, draft_file, read_session, session_file};

pub(crate) const INTERVIEW: &[&str] = &[
    "--lang",
    "en",
    "interview",
    "--case",
    "PTY-TEST-1",
    "--interviewer",
    "Interviewer A",
    "--profile",
    "draft-evader",
];

pub(crate) fn dirs() -> (tempfile::TempDir, std::path::PathBuf, std::path::PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let home = tmp.path().join("home");
    std::fs::create_dir_all(&home).unwrap();
    (tmp, data, home)
}

pub(crate) fn is_saved(screen: &str) -> bool {
    !screen.contains("unsaved") && screen.contains("saved")
}

/// `stty -a` output, printed by the shell after gehoor exits: the terminal
/// is back in cooked mode with echo.
fn assert_cooked(text: &str) {
    let words: Vec<&str> = text.split_whitespace().collect();
    for flag in ["icanon", "echo", "isig"] {
        assert!(
            words.contains(&flag) && !words.contains(&format!("-{flag}").as_str()),
            "terminal left without {flag}:\n{text}"
        );
    }
}

fn assert_restored(tui: &Tui) {
    tui.screen(|s| {
        assert!(!s.alternate_screen(), "still on the alternate screen");
        assert!(!s.hide_cursor(), "cursor left hidden");
        assert!(!s.bracketed_paste(), "bracketed paste left on");
        assert_eq!(
            s.mouse_protocol_mode(),
            vt100::MouseProtocolMode::None,
            "mouse capture left on"
        );
    });
}

/// gehoor under `sh -c`, which prints gehoor's exit code and the terminal's
/// settings once gehoor is gone.
fn under_shell(args: &[&str], data: &Path, home: &Path) -> portable_pty::CommandBuilder {
    let sh = Path::new("/bin/sh");
    let program = bin();
    let mut all = vec![
        "-c",
        "\"$0\" \"$@\"; echo \"EXIT=$?\"; stty -a; sleep 30",
        program.to_str().unwrap(),
    ];
    all.extend_from_slice(args);
    command(sh, &all, data, home)
}

#[test]
fn an_interview_from_start_to_export() {
    let (_tmp, data, home) = dirs();
    let mut tui = Tui::spawn(command(&bin(), INTERVIEW, &data, &home), 120, 40);
    tui.wait_for("Questions 0/");
    // The session exists on disk before the first answer.
    let file = session_file(&data);
    assert_eq!(read_session(&file).case_ref, "PTY-TEST-1");

    // The open "why did you leave" opener comes first; the date of birth
    // is the next question. Answer it, with a note.
    tui.key("j");
    tui.wait_for("What is your date of birth?");
    tui.key("\r");
    tui.send("1990-05-17");
    tui.wait_for("1990-05-17");
    tui.esc();
    tui.wait_for("Answer: 1990-05-17");
    tui.key("n");
    tui.wait_for("Esc keeps and leaves");
    tui.send("Fictional note: born in a town near the river.");
    tui.wait_for("river.");
    tui.esc();
    // Cite the first passage in the source pane.
    tui.key("\t");
    tui.key("\t");
    tui.key("c");
    let screen = tui.wait_for("cited into the note");
    let cited = screen
        .split_whitespace()
        .find(|w| w.starts_with("ambtsbericht-rf-2025#"))
        .expect("the cited ref is shown")
        .to_string();
    // q leaves the interview for home; q there quits.
    tui.key("q");
    tui.wait_for("New interview");
    tui.key("q");
    assert_eq!(tui.wait_exit(), 0, "{}", tui.contents());
    assert_restored(&tui);

    let session = read_session(&file);
    let answer = &session.answers["identity_travel.birth_date"];
    assert!(answer.value.is_some());
    assert!(
        std::fs::read_to_string(&file)
            .unwrap()
            .contains("value = \"1990-05-17\""),
        "the date is stored as typed"
    );
    assert!(answer.note.contains("born in a town near the river."));
    assert_eq!(answer.cited, vec![cited.clone()]);
    assert!(
        !draft_file(&file).exists(),
        "a clean quit leaves no autosave draft"
    );

    let export = assert_cmd::Command::new(bin())
        .args(["--lang", "en", "export", "PTY-TEST-1"])
        .env("GEHOOR_DATA_DIR", &data)
        .env("GEHOOR_CONFIG", "/dev/null")
        .output()
        .unwrap();
    assert!(export.status.success());
    let md = String::from_utf8(export.stdout).unwrap();
    assert!(md.contains("PTY-TEST-1"), "{md}");
    // Dates are written out in the record.
    assert!(md.contains("17 May 1990"), "{md}");
    assert!(md.contains("born in a town near the river."), "{md}");
    assert!(md.contains(&cited), "{md}");
    let json = assert_cmd::Command::new(bin())
        .args(["export", "PTY-TEST-1", "--format", "json"])
        .env("GEHOOR_DATA_DIR", &data)
        .env("GEHOOR_CONFIG", "/dev/null")
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert!(v.to_string().contains(&cited));
}

#[test]
fn sigterm_and_sighup_save_what_is_typed_and_restore_the_terminal() {
    // SIGINT from outside (`kill -INT`; Ctrl-C is a key in raw mode) is
    // treated like SIGTERM.
    for sig in ["TERM", "HUP", "INT"] {
        let (_tmp, data, home) = dirs();
        let mut tui = Tui::spawn(under_shell(INTERVIEW, &data, &home), 100, 30);
        tui.wait_for("Questions 0/");
        tui.key("N");
        tui.wait_for("Note on the session");
        let words = format!("Typed in the session note before SIG{sig}, still in the editor");
        tui.send(&words);
        tui.wait_for("still in the editor");
        let gehoor = pty::child_of(tui.pid()).expect("gehoor runs under sh");
        pty::signal_pid(gehoor, sig);
        tui.wait_for("EXIT=");
        let after = tui.wait_until("stty output", |s| s.contains("icanon"));
        assert!(after.contains("EXIT=0"), "SIG{sig}: {after}");
        assert_cooked(&after);
        assert_restored(&tui);
        let session = read_session(&session_file(&data));
        assert_eq!(session.note, words, "SIG{sig}");
        tui.sigkill();
    }
}

#[test]
fn a_closed_terminal_window_saves_what_is_typed_and_exits() {
    let (_tmp, data, home) = dirs();
    let mut tui = Tui::spawn(command(&bin(), INTERVIEW, &data, &home), 100, 30);
    tui.wait_for("Questions 0/");
    tui.key("N");
    tui.wait_for("Note on the session");
    tui.send("Typed, then the window was closed");
    tui.wait_for("window was closed");
    tui.hang_up();
    // Well within the watchdog's backstop: the loop itself notices.
    // Not killed by the watchdog (exit 1) nor aborted by a panic while
    // restoring a terminal that is gone.
    assert_eq!(tui.wait_exit_within(Duration::from_secs(10)), 0);
    let file = session_file(&data);
    assert_eq!(
        pty::read_draft_note(&file),
        None,
        "the final save covered the draft"
    );
    let session = read_session(&file);
    assert_eq!(session.note, "Typed, then the window was closed");
}

#[test]
fn a_hostile_paste_reaches_neither_the_terminal_nor_the_file() {
    let (_tmp, data, home) = dirs();
    let mut tui = Tui::spawn(command(&bin(), INTERVIEW, &data, &home), 100, 30);
    tui.wait_for("Questions 0/");
    tui.key("N");
    tui.wait_for("Note on the session");
    let before = tui.raw().len();
    // Bracketed paste, as a terminal sends it, carrying a window-title OSC,
    // a clipboard write (OSC 52), colour, a screen clear, a bidi override,
    // a zero-width space and NUL between visible words.
    tui.send(
        "\x1b[200~alpha \x1b]0;PWNED-TITLE\x07bravo \x1b]52;c;cHduZWQ=\x07charlie \
         \x1b[31mdelta\x1b[0m \x1b[2Jecho \u{202e}foxtrot\u{200b} golf\0 hotel\x1b[201~",
    );
    tui.wait_for("hotel");
    let out = String::from_utf8_lossy(&tui.raw()[before..]).into_owned();
    for bad in [
        "]0;", "PWNED", "]52;", "cHduZWQ", "\u{202e}", "\u{200b}", "\0", "\x1b[2J",
    ] {
        assert!(!out.contains(bad), "{bad:?} reached the terminal");
    }
    tui.esc();
    // q leaves the interview for home; q there quits.
    tui.key("q");
    tui.wait_for("New interview");
    tui.key("q");
    assert_eq!(tui.wait_exit(), 0);
    let note = read_session(&session_file(&data)).note;
    let words: Vec<&str> = note.split_whitespace().collect();
    assert_eq!(
        words,
        [
            "alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel"
        ],
        "{note:?}"
    );
}

#[test]
fn resizing_to_20x5_and_back_shows_too_small_and_recovers() {
    let (_tmp, data, home) = dirs();
    let mut tui = Tui::spawn(command(&bin(), INTERVIEW, &data, &home), 100, 30);
    tui.wait_for("Questions 0/");
    // The kernel tells gehoor with SIGWINCH, as a terminal emulator does.
    tui.resize(20, 5);
    tui.wait_until("the too-small message", |s| s.contains("Window too small"));
    tui.resize(1, 1);
    std::thread::sleep(Duration::from_millis(300));
    tui.resize(20, 5);
    tui.wait_until("the too-small message", |s| s.contains("Window too small"));
    tui.resize(100, 30);
    tui.wait_for("Questions 0/");
    // Still working: answer a question, then quit cleanly.
    tui.key("\r");
    tui.send("1991-02-03");
    tui.esc();
    tui.wait_for("Answer: 1991-02-03");
    // The first key after a resize takes effect on its own, without a
    // second key to push it through (each wait fails after 20 s if not).
    tui.resize(90, 28);
    tui.key("?");
    tui.wait_for("PgUp PgDn scroll");
    tui.esc();
    tui.resize(100, 30);
    // q leaves the interview for home; Ctrl-C there quits, right after a
    // resize too.
    tui.key("q");
    tui.wait_for("New interview");
    tui.resize(80, 24);
    tui.key("\x03");
    assert_eq!(tui.wait_exit(), 0);
    assert!(
        !String::from_utf8_lossy(&tui.raw()).contains("panicked"),
        "no panic"
    );
}
