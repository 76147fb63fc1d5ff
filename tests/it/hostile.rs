//! Hostile text: terminal escapes (CSI, OSC title/clipboard/hyperlink, C1
//! CSI), bidi overrides and isolates, zero-width characters, NUL, a 1 MB
//! line and invalid UTF-8, arriving through a corpus folder, a questionnaire
//! folder, a session file, a paste or typed keys. Every output (CLI stdout
//! and stderr, the Markdown and JSON exports, the TUI screen) must be free of
//! them, keep the visible text around them, and never panic.
//!
//! The fixtures are built in code; see docs/reliability-hostile.md for the
//! promise and for which test covers which output.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use assert_cmd::Command;
use gehoor::assets::FileSet;
use gehoor::config::Theme;
use gehoor::i18n::Lang;
use gehoor::notes::{ListEntry, Session, SessionSummary};
use gehoor::questionnaire::Value;
use gehoor::tui::app::{App, Data, Overlay, Screen};
use gehoor::tui::theme::Palette;
use gehoor::tui::update::{Msg, open_interview, update};
use gehoor::tui::{key_msg, view};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use serde_json::Value as Json;

// ---- the hostile text -------------------------------------------------------

/// Every payload, in the order `hostile` puts them between visible words.
const PAYLOADS: &[&str] = &[
    "\u{1b}[31m",                                                   // CSI colour
    "\u{1b}[2J",                                                    // CSI clear screen
    "\u{1b}]0;PWNTITLE\u{7}",                                       // OSC window title
    "\u{1b}]52;c;UFdOQ0xJUA==\u{7}",                                // OSC 52 clipboard write
    "\u{1b}]8;;https://pwn.example/\u{1b}\\LINK\u{1b}]8;;\u{1b}\\", // OSC 8 hyperlink
    "\u{1b}]2;PWNST\u{1b}\\",                                       // OSC ended by ST
    "\u{9b}1;31m",                                                  // C1 CSI
    "\u{9b}",                                                       // C1 CSI with no body
    "\u{202e}",                                                     // right-to-left override
    "\u{2066}\u{2067}\u{2068}\u{2069}",                             // bidi isolates
    "\u{200b}\u{200d}\u{feff}",                                     // zero-width, BOM
    "\u{0}",                                                        // NUL
    "\u{7}\u{8}\r\u{7f}",                                           // BEL, BS, CR, DEL
];

/// Pieces of the payloads that must never be visible once cleaned: what a
/// terminal would have swallowed and ratatui would have printed as junk.
const JUNK: &[&str] = &[
    "[31m",
    "[2J",
    "PWNTITLE",
    "UFdOQ0xJUA",
    "pwn.example",
    "PWNST",
    "1;31m",
    "]8;;",
    "]52",
];

/// Visible words around the payloads: `ю<label><n>`, Cyrillic first so a
/// parser that eats non-ASCII after a C1 CSI loses a word.
fn words(label: &str) -> Vec<String> {
    (0..=PAYLOADS.len())
        .map(|i| format!("ю{label}{i}"))
        .collect()
}

/// `ю<label>0 <payload 0>ю<label>1 <payload 1>…ю<label>N`, then a trailing
/// C1 CSI (which, unparsed, would eat a JSON string's closing quote).
fn hostile(label: &str) -> String {
    let w = words(label);
    let mut s = String::new();
    for (i, p) in PAYLOADS.iter().enumerate() {
        s.push_str(&w[i]);
        s.push(' ');
        s.push_str(p);
    }
    s.push_str(&w[PAYLOADS.len()]);
    s.push('\u{9b}');
    s
}

/// What must never reach a terminal: C0 (but newline and tab), DEL, C1,
/// bidi embeddings, overrides, isolates and marks, zero-width characters.
fn forbidden(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c,
            '\u{200b}'..='\u{200f}'
            | '\u{202a}'..='\u{202e}'
            | '\u{2066}'..='\u{2069}'
            | '\u{061c}'
            | '\u{feff}')
}

/// No forbidden character anywhere in `bytes` (which must be UTF-8).
fn assert_no_forbidden(what: &str, bytes: &[u8]) -> String {
    let text = match String::from_utf8(bytes.to_vec()) {
        Ok(t) => t,
        Err(e) => panic!("{what}: output is not UTF-8: {e}"),
    };
    assert!(!bytes.contains(&0x1b), "{what}: ESC byte in output");
    assert!(!bytes.contains(&0), "{what}: NUL byte in output");
    if let Some((i, c)) = text.char_indices().find(|(_, c)| forbidden(*c)) {
        let from = text[..i].char_indices().rev().nth(40).map_or(0, |(j, _)| j);
        let to = text[i..]
            .char_indices()
            .nth(40)
            .map_or(text.len(), |(j, _)| i + j);
        panic!(
            "{what}: forbidden {:?} (U+{:04X}) at byte {i}: …{:?}…",
            c,
            c as u32,
            &text[from..to]
        );
    }
    text
}

/// Harmless text for a person: no forbidden characters, no junk left over
/// from an escape sequence.
fn assert_harmless(what: &str, bytes: &[u8]) -> String {
    let text = assert_no_forbidden(what, bytes);
    for j in JUNK {
        assert!(
            !text.contains(j),
            "{what}: escape junk {j:?} visible:\n{text}"
        );
    }
    text
}

/// The first `n` visible words of `label` are in `text`.
fn assert_words(what: &str, text: &str, label: &str, n: usize) {
    for w in words(label).iter().take(n) {
        assert!(text.contains(w.as_str()), "{what}: lost {w:?}:\n{text}");
    }
}

fn assert_all_words(what: &str, text: &str, label: &str) {
    assert_words(what, text, label, PAYLOADS.len() + 1);
}

/// What `sanitize::clean` is promised to keep of `hostile(label)`: the words,
/// with the single space after each, "LINK" from the hyperlink.
fn cleaned(label: &str) -> String {
    gehoor::sanitize::clean(&hostile(label))
}

/// `hostile` for a command-line argument, which cannot hold NUL.
fn hostile_arg(label: &str) -> String {
    hostile(label).replace('\0', "")
}

#[test]
fn clean_keeps_every_visible_word_and_nothing_else() {
    let w = words("X");
    let mut want = String::new();
    for (i, p) in PAYLOADS.iter().enumerate() {
        want.push_str(&w[i]);
        want.push(' ');
        if p.contains("LINK") {
            want.push_str("LINK");
        }
    }
    want.push_str(&w[PAYLOADS.len()]);
    assert_eq!(cleaned("X"), want);
    // An unterminated OSC or CSI drops its introducer, not the rest of a note.
    assert_eq!(gehoor::sanitize::clean("a\u{1b}]0;title\nb"), "a0;title\nb");
    assert_eq!(gehoor::sanitize::clean("a\u{1b}[12\nb"), "a12\nb");
    assert_eq!(gehoor::sanitize::clean("a\u{1b}"), "a");
    assert_eq!(gehoor::sanitize::clean("\u{1b}жук"), "жук");
}

// ---- fixtures -----------------------------------------------------------------

/// A TOML basic string, every control character escaped.
fn toml_str(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn both_langs(label: &str) -> String {
    let h = toml_str(&hostile(label));
    format!("{{ nl = {h}, en = {h} }}")
}

const DOC: &str = "hostile-doc";
const PR: &str = "hostile-pr";

fn write(path: &Path, bytes: impl AsRef<[u8]>) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, bytes).unwrap();
}

/// A corpus folder: an article (one paragraph per line) and a press release
/// with a footnote, their metadata and a glossary, all hostile.
fn write_corpus(dir: &Path) {
    write(
        &dir.join(DOC).join("document.toml"),
        format!(
            "id = \"{DOC}\"\ntitle = {}\npublisher = {}\nkind = \"news\"\nlanguage = \"nl\"\n\
             published = \"2026-01-02\"\nurl = {}\nlayout = \"article\"\n",
            toml_str(&hostile("DT")),
            toml_str(&hostile("DP")),
            toml_str(&format!("https://example.org/{}", hostile("DU"))),
        ),
    );
    write(
        &dir.join(DOC).join("text.txt"),
        format!(
            "мобилизация {}\nEen gewone tweede alinea over de oproep.\n",
            hostile("PA")
        ),
    );
    write(
        &dir.join(PR).join("document.toml"),
        format!(
            "id = \"{PR}\"\ntitle = \"Persbericht\"\npublisher = \"Org\"\nkind = \"press_release\"\n\
             language = \"en\"\npublished = \"2026-01-03\"\nlayout = \"press_release\"\n"
        ),
    );
    write(
        &dir.join(PR).join("text.txt"),
        format!(
            "PRESS RELEASE\n\nThe organisations are concerned about mobilisation.[1] {}\n\n\
             [1] https://example.org/note {}\n",
            hostile("PB"),
            hostile("FN")
        ),
    );
    write(
        &dir.join("glossary.toml"),
        format!(
            "[[term]]\nnl = [\"oproep\"]\nen = [\"summons\"]\nru = [\"мобилизация\"]\n\
             translit = [\"mobilizatsiya\"]\nnote = {}\n",
            both_langs("GL")
        ),
    );
}

/// A questionnaire folder whose every shown text is hostile.
fn write_questionnaires(dir: &Path) {
    let src = format!("\"{DOC}#p1\"");
    write(
        &dir.join("hostile.toml"),
        format!(
            "id = \"hostile\"\nversion = 1\ntopic = \"military\"\norder = 1\n\
             title = {tt}\ndescription = {td}\nsources = [{src}]\n\n\
             [[group]]\nid = \"grp\"\ntitle = {gt}\nshow_if = 'received == \"yes\"'\n\n\
             [[question]]\nid = \"received\"\nkind = \"yes_no\"\nrequired = \"must\"\n\
             text = {{ nl = {qt}, en = {qt}, ru = {qr} }}\nhint = {qh}\nguidance = {qg}\n\
             sources = [{src}]\nkeywords = [\"мобилизация\"]\n\n\
             [[question]]\nid = \"pick\"\nkind = \"single_choice\"\ntext = {pt}\n\
             choices = [\n  {{ value = \"a\", label = {ca} }},\n  {{ value = \"b\", label = {cb} }},\n]\n\n\
             [[question]]\nid = \"age\"\nkind = \"number\"\nunit = {un}\ntext = {at}\n\n\
             [[question]]\nid = \"story\"\nkind = \"long_text\"\ntext = {st}\n\n\
             [[question]]\nid = \"when\"\ngroup = \"grp\"\nkind = \"date\"\ntext = {wt}\n\
             show_if = 'pick == \"a\"'\n",
            tt = both_langs("TT"),
            td = both_langs("TD"),
            gt = both_langs("GT"),
            qt = toml_str(&hostile("QT")),
            qr = toml_str(&hostile("QR")),
            qh = both_langs("QH"),
            qg = both_langs("QG"),
            pt = both_langs("PT"),
            ca = both_langs("CA"),
            cb = both_langs("CB"),
            un = both_langs("UN"),
            at = both_langs("AT"),
            st = both_langs("ST"),
            wt = both_langs("WT"),
        ),
    );
    write(
        &dir.join("profiles.toml"),
        format!(
            "[[profile]]\nid = \"hostile-profile\"\ntitle = {}\ndescription = {}\ntopics = [\"hostile\"]\n",
            both_langs("PF"),
            both_langs("PD")
        ),
    );
}

/// An answer key no questionnaire knows, with a bidi override in it.
const ODD_KEY: &str = "hostile.gone\u{202e}x";
/// A cited ref that resolves nowhere, with escapes in it.
const ODD_REF: &str = "hostile-doc#p9\u{1b}]0;PWNTITLE\u{7}\u{202e}";

/// A session whose every free-text field is hostile.
fn hostile_session(questionnaires: &Path) -> Session {
    let (catalog, _) = gehoor::questionnaire::load(&FileSet::from_dir(questionnaires).unwrap());
    let qn = catalog
        .questionnaire("hostile")
        .expect("hostile questionnaire loads");
    let mut uses = gehoor::interview::uses(&[qn]);
    // A questionnaire this gehoor does not have: named in a notice.
    uses.push(gehoor::notes::QuestionnaireUse {
        id: hostile("QI"),
        version: 1,
        hash: hostile("QH"),
    });
    let mut s = Session::new(
        hostile("CR"),
        hostile("IV"),
        Lang::En,
        uses,
        &gehoor::notes::now(),
    );
    s.note = format!("{}\nsecond line {}", hostile("SN"), hostile("SM"));
    s.set_value(
        "hostile.received",
        Some(Value::YesNo(true)),
        &gehoor::notes::now(),
    );
    s.set_note(
        "hostile.received",
        format!("{}\n{}", hostile("NT"), hostile("NU")),
        &gehoor::notes::now(),
    );
    s.cite(
        "hostile.received",
        &format!("{DOC}#p1"),
        &gehoor::notes::now(),
    );
    s.cite("hostile.received", ODD_REF, &gehoor::notes::now());
    s.set_flagged("hostile.received", true, &gehoor::notes::now());
    s.set_value(
        "hostile.pick",
        Some(Value::Choice("a".into())),
        &gehoor::notes::now(),
    );
    s.set_value(
        "hostile.story",
        Some(Value::Text(hostile("AN"))),
        &gehoor::notes::now(),
    );
    s.set_value(
        ODD_KEY,
        Some(Value::Choices(vec![hostile("CV")])),
        &gehoor::notes::now(),
    );
    s.add_comment(
        &hostile("AU"),
        Some("hostile.received"),
        &hostile("CM"),
        &gehoor::notes::now(),
    );
    s.add_comment(&hostile("AV"), None, &hostile("CS"), &gehoor::notes::now());
    s.submit(&hostile("IV"), &gehoor::notes::now()).unwrap();
    s.return_for_work(&hostile("RV"), &hostile("HR"), &gehoor::notes::now())
        .unwrap();
    s
}

struct Fixture {
    _dir: tempfile::TempDir,
    root: PathBuf,
    corpus: PathBuf,
    questionnaires: PathBuf,
    data: PathBuf,
    session: Session,
}

fn private_dir(p: &Path) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::create_dir_all(p).unwrap();
    std::fs::set_permissions(p, std::fs::Permissions::from_mode(0o700)).unwrap();
}

fn fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().to_path_buf();
    let corpus = root.join("corpus");
    let questionnaires = root.join("questionnaires");
    let data = root.join("data");
    write_corpus(&corpus);
    write_questionnaires(&questionnaires);
    let session = hostile_session(&questionnaires);
    private_dir(&data);
    private_dir(&data.join("sessions"));
    write(
        &data.join("sessions").join(format!("{}.toml", session.id)),
        session.to_toml(),
    );
    Fixture {
        _dir: dir,
        root,
        corpus,
        questionnaires,
        data,
        session,
    }
}

impl Fixture {
    fn cmd(&self) -> Command {
        let mut cmd = Command::cargo_bin("gehoor").unwrap();
        cmd.env("GEHOOR_CONFIG", self.root.join("no-config.toml"))
            .env("LANG", "en_US.UTF-8")
            .env("COLUMNS", "100")
            .env("NO_COLOR", "1")
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env_remove("GEHOOR_DATA_DIR")
            .arg("--data-dir")
            .arg(&self.data)
            .arg("--corpus")
            .arg(&self.corpus)
            .arg("--questionnaires")
            .arg(&self.questionnaires);
        cmd
    }

    fn id(&self) -> String {
        self.session.id.to_string()
    }
}

/// Run, check the exit code, and return (stdout, stderr) after checking both
/// for forbidden characters and, unless `verbatim`, for escape junk (JSON
/// keeps escaped sequences; `check` quotes a file's own `\u001b` text).
fn run(what: &str, cmd: &mut Command, code: i32, verbatim: bool) -> (String, String) {
    let out = cmd.output().unwrap();
    let stderr_raw = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(
        out.status.code(),
        Some(code),
        "{what}: exit code\nstdout: {}\nstderr: {stderr_raw}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert!(!stderr_raw.contains("panicked"), "{what}: {stderr_raw}");
    let check = if verbatim {
        assert_no_forbidden
    } else {
        assert_harmless
    };
    let stdout = check(&format!("{what} (stdout)"), &out.stdout);
    let stderr = check(&format!("{what} (stderr)"), &out.stderr);
    (stdout, stderr)
}

fn parse_json(what: &str, text: &str) -> Json {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("{what}: invalid JSON ({e}):\n{text}"))
}

// ---- (a) corpus ------------------------------------------------------------------

#[test]
fn corpus_list_and_show_print_hostile_documents_harmlessly() {
    let f = fixture();
    let (out, _) = run("corpus list", f.cmd().args(["corpus", "list"]), 0, false);
    assert_all_words("corpus list", &out, "DT");

    let (out, _) = run(
        "corpus show DOC",
        f.cmd().args(["corpus", "show", DOC]),
        0,
        false,
    );
    for label in ["DT", "DP", "PA"] {
        assert_all_words("corpus show DOC", &out, label);
    }
    assert!(out.contains("мобилизация"), "{out}");
    assert!(out.contains("Een gewone tweede alinea"), "{out}");

    let (out, _) = run(
        "corpus show PR",
        f.cmd().args(["corpus", "show", PR]),
        0,
        false,
    );
    assert_all_words("corpus show PR", &out, "PB");
    assert_words("corpus show PR footnote", &out, "FN", 1);
}

#[test]
fn corpus_json_is_valid_escaped_and_faithful() {
    let f = fixture();
    let corpus = gehoor::corpus::Corpus::load(&FileSet::from_dir(&f.corpus).unwrap()).unwrap();
    let doc = corpus.documents.iter().find(|d| d.meta.id == DOC).unwrap();

    let (out, _) = run(
        "corpus list --json",
        f.cmd().args(["corpus", "list", "--json"]),
        0,
        true,
    );
    let v = parse_json("corpus list --json", &out);
    let listed = v["documents"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["id"] == DOC)
        .unwrap();
    assert_eq!(listed["title"], hostile("DT"), "the stored title, escaped");
    assert_eq!(listed["publisher"], hostile("DP"));

    let (out, _) = run(
        "corpus show --json",
        f.cmd().args(["corpus", "show", DOC, "--json"]),
        0,
        true,
    );
    let v = parse_json("corpus show --json", &out);
    assert_eq!(v["document"]["title"], hostile("DT"));
    assert_eq!(
        v["paragraphs"][0]["text"], doc.paragraphs[0].text,
        "the parsed paragraph text, escaped"
    );
    assert!(
        doc.paragraphs[0].text.contains('\u{202e}'),
        "the fixture is hostile"
    );
}

#[test]
fn search_prints_hostile_passages_and_glossary_notes_harmlessly() {
    let f = fixture();
    let (out, _) = run("search", f.cmd().args(["search", "мобилизация"]), 0, false);
    assert_all_words("search glossary note", &out, "GL");
    assert_words("search snippet", &out, "PA", 2);
    assert!(out.contains(DOC), "{out}");

    let (out, _) = run(
        "search --json",
        f.cmd().args(["search", "--json", "мобилизация"]),
        0,
        true,
    );
    let v = parse_json("search --json", &out);
    assert!(
        v.as_array().unwrap().iter().any(|h| h["doc"] == DOC),
        "{out}"
    );
}

#[test]
fn corpus_errors_name_the_file_without_echoing_escapes() {
    let f = fixture();
    // An unknown ref typed on the command line is echoed in the error.
    let (_, err) = run(
        "corpus show unknown",
        f.cmd()
            .args(["corpus", "show", &format!("{DOC}#p99{}", hostile_arg("UR"))]),
        2,
        false,
    );
    assert_words("unknown ref", &err, "UR", 2);
    // A broken document.toml: the parse error quotes the bad key.
    std::fs::write(
        f.corpus.join(DOC).join("document.toml"),
        format!(
            "id = \"{DOC}\"\n{} = 1\n",
            toml_str(&format!("ti\u{202e}tle{}", "\u{1b}]0;PWNTITLE\u{7}"))
        ),
    )
    .unwrap();
    let (_, err) = run(
        "broken document.toml",
        f.cmd().args(["corpus", "list"]),
        2,
        false,
    );
    assert!(err.contains("document.toml"), "{err}");
}

// ---- (b) questionnaires ------------------------------------------------------------

#[test]
fn check_output_is_harmless_in_both_formats() {
    let f = fixture();
    let (out, _) = run("check", f.cmd().arg("check"), 0, false);
    assert!(
        out.contains("No problems") || out.contains("warning"),
        "{out}"
    );

    // Diagnostics that quote hostile keys and values.
    write(
        &f.questionnaires.join("broken.toml"),
        format!(
            "id = \"broken\"\nversion = 1\ntopic = \"military\"\norder = 2\ntitle = {t}\n\
             \"bad\u{202e}key\u{200b}\" = 1\n{k} = 2\n\n[[question]]\nid = \"q1\"\nkind = \"yes_no\"\n\
             text = {t}\nshow_if = 'nope\u{202e} == \"x\"'\n",
            t = both_langs("BT"),
            k = toml_str(&hostile("BK")),
        ),
    );
    let (out, _) = run("check broken", f.cmd().arg("check"), 1, true);
    assert_messages_harmless("check broken", &out);
    assert!(out.contains("broken.toml"), "{out}");
    assert_all_words("check broken", &out, "BK");
    assert!(
        out.contains("the character `U+202E` does not belong"),
        "an invisible character is named:\n{out}"
    );
    assert!(
        out.contains("badkey"),
        "the key is quoted without the override:\n{out}"
    );
    for lang in ["en", "nl"] {
        let (out, _) = run(
            "check --format json",
            f.cmd().args(["--lang", lang, "check", "--format", "json"]),
            1,
            true,
        );
        let v = parse_json("check --format json", &out);
        assert!(
            v.as_array()
                .unwrap()
                .iter()
                .any(|d| d["message"].as_str().unwrap().contains("bad\u{202e}key")),
            "JSON keeps the key as written, escaped:\n{out}"
        );
    }
    // Named files go through the same rendering.
    let (out, _) = run(
        "check FILE",
        f.cmd()
            .arg("check")
            .arg(f.questionnaires.join("broken.toml")),
        1,
        true,
    );
    assert_messages_harmless("check FILE", &out);
    assert!(out.contains("badkey"), "{out}");
    // `interview` refuses to start and prints the same diagnostics.
    let (_, err) = run("interview", f.cmd().arg("interview"), 2, true);
    assert_messages_harmless("interview", &err);
    assert!(err.contains("badkey"), "{err}");
}

/// The lines of a `check` report that are gehoor's own words (not the quoted
/// source line, which shows the file's `\u001b` text verbatim).
fn assert_messages_harmless(what: &str, out: &str) {
    for line in out.lines().filter(|l| !l.contains(" │ ")) {
        for j in JUNK {
            assert!(!line.contains(j), "{what}: junk {j:?} in {line:?}");
        }
    }
}

// ---- (c) sessions ----------------------------------------------------------------

#[test]
fn sessions_list_shows_hostile_sessions_harmlessly() {
    let f = fixture();
    // An unreadable file whose parse error quotes hostile text.
    write(
        &f.data.join("sessions").join("broken.toml"),
        format!(
            "schema_version = 1\ncase_ref = {}\nbogus\u{202e} = \n",
            toml_str(&hostile("BR"))
        ),
    );
    let (out, _) = run(
        "sessions list",
        f.cmd().args(["sessions", "list"]),
        0,
        false,
    );
    for label in ["CR", "IV"] {
        assert_all_words("sessions list", &out, label);
    }
    assert!(out.contains("broken.toml"), "{out}");

    let (out, _) = run(
        "sessions list --json",
        f.cmd().args(["sessions", "list", "--json"]),
        0,
        true,
    );
    let v = parse_json("sessions list --json", &out);
    let s = v
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["kind"] == "session")
        .unwrap();
    assert_eq!(s["case_ref"], hostile("CR"), "the stored text, escaped");
    assert_eq!(s["interviewer"], hostile("IV"));
    assert!(
        v.as_array()
            .unwrap()
            .iter()
            .any(|e| e["kind"] == "unreadable"),
        "{out}"
    );
}

#[test]
fn markdown_export_keeps_the_text_and_drops_the_escapes() {
    let f = fixture();
    let (md, _) = run(
        "export markdown",
        f.cmd().args(["export", &f.id()]),
        0,
        false,
    );
    for label in [
        "CR", "IV", "SN", "SM", "NT", "NU", "AN", "CM", "CS", "AU", "AV", "HR", "RV", "QT", "PA",
    ] {
        assert_all_words("export markdown", &md, label);
    }
    assert_words("export markdown, unknown value", &md, "CV", 3);
    assert!(
        md.contains("gonex"),
        "the odd key without its override:\n{md}"
    );

    let (_, err) = run(
        "export -o",
        f.cmd()
            .args(["export", &f.id(), "-o"])
            .arg(f.root.join(format!("out{}.md", "\u{1b}]0;PWNTITLE\u{7}"))),
        0,
        false,
    );
    assert!(err.contains("out"), "{err}");
    let written = std::fs::read(f.root.join("out\u{1b}]0;PWNTITLE\u{7}.md")).unwrap();
    let written = assert_harmless("export -o file", &written);
    assert_eq!(written, md, "the file holds what stdout shows");

    let (nl, _) = run(
        "export markdown nl",
        f.cmd().args(["--lang", "nl", "export", &f.id()]),
        0,
        false,
    );
    assert_all_words("export markdown nl", &nl, "NT");
}

#[test]
fn json_export_is_valid_and_escapes_what_it_keeps() {
    let f = fixture();
    let (out, _) = run(
        "export json",
        f.cmd().args(["export", &f.id(), "--format", "json"]),
        0,
        true,
    );
    let v = parse_json("export json", &out);
    // Free text is cleaned, as documented (the same text the screen shows).
    assert_eq!(v["case_ref"], cleaned("CR"));
    assert_eq!(v["interviewer"], cleaned("IV"));
    assert_eq!(
        v["note"],
        gehoor::sanitize::clean(&f.session.note),
        "the session note"
    );
    let answers = v["answers"].as_array().unwrap();
    let rec = answers
        .iter()
        .find(|a| a["key"] == "hostile.received")
        .unwrap();
    assert_eq!(
        rec["note"],
        gehoor::sanitize::clean(&f.session.answers["hostile.received"].note)
    );
    assert_eq!(rec["question_text"], cleaned("QT"));
    let story = answers
        .iter()
        .find(|a| a["key"] == "hostile.story")
        .unwrap();
    assert_eq!(story["value"]["value"], cleaned("AN"));
    assert_eq!(v["comments"][0]["text"], cleaned("CM"));
    assert_eq!(v["comments"][0]["author"], cleaned("AU"));
    assert_eq!(v["history"][1]["reason"], cleaned("HR"));
    assert_eq!(v["history"][1]["by"], cleaned("RV"));
    // Identifiers are kept as stored so other systems can match them; JSON
    // escaping makes them harmless.
    assert!(answers.iter().any(|a| a["key"] == ODD_KEY), "{out}");
    assert!(
        rec["cited"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["ref"] == ODD_REF),
        "{out}"
    );
    let cited = rec["cited"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["ref"] == format!("{DOC}#p1"))
        .unwrap();
    assert!(
        cited["text"].as_str().unwrap().contains(&cleaned("PA")),
        "{out}"
    );
}

#[test]
fn session_errors_echo_the_query_harmlessly() {
    let f = fixture();
    let (_, err) = run(
        "export unknown",
        f.cmd().args(["export", &hostile_arg("QQ")]),
        2,
        false,
    );
    assert_words("session not found", &err, "QQ", 2);
}

// ---- invalid UTF-8 -------------------------------------------------------------------

fn assert_utf8_error(what: &str, cmd: &mut Command, file: &Path) {
    let (_, err) = run(what, cmd, 2, false);
    assert!(
        err.contains(&file.display().to_string()),
        "{what}: the message names {}:\n{err}",
        file.display()
    );
    assert!(err.contains("UTF-8"), "{what}: says why:\n{err}");
}

const NOT_UTF8: &[u8] = b"id = \"x\"\ntitle = \"caf\xe9 \xff\xfe\"\n";

#[test]
fn invalid_utf8_files_are_clear_errors_with_their_path() {
    let f = fixture();
    let text = f.corpus.join(DOC).join("text.txt");
    std::fs::write(&text, b"Goede tekst\n\xc3\x28 kapot \xff\n").unwrap();
    assert_utf8_error("corpus text.txt", f.cmd().args(["corpus", "list"]), &text);
    assert_utf8_error("search", f.cmd().args(["search", "oproep"]), &text);
    write_corpus(&f.corpus);

    let meta = f.corpus.join(DOC).join("document.toml");
    std::fs::write(&meta, NOT_UTF8).unwrap();
    assert_utf8_error(
        "corpus document.toml",
        f.cmd().args(["corpus", "show", DOC]),
        &meta,
    );
    write_corpus(&f.corpus);

    let q = f.questionnaires.join("broken.toml");
    std::fs::write(&q, NOT_UTF8).unwrap();
    assert_utf8_error("questionnaire", f.cmd().arg("check"), &q);
    assert_utf8_error("check FILE", f.cmd().arg("check").arg(&q), &q);
    assert_utf8_error(
        "export needs the questionnaires",
        f.cmd().args(["export", &f.id()]),
        &q,
    );
    std::fs::remove_file(&q).unwrap();

    // The config file.
    let config = f.root.join("no-config.toml");
    std::fs::write(&config, NOT_UTF8).unwrap();
    assert_utf8_error("config", f.cmd().args(["corpus", "list"]), &config);
    std::fs::remove_file(&config).unwrap();

    // A session file that is not UTF-8 is listed as unreadable, never fatal.
    let s = f
        .data
        .join("sessions")
        .join("0190a6f2-0000-7000-8000-000000000000.toml");
    std::fs::write(&s, b"schema_version = 1\ncase_ref = \"\xff\xfe\"\n").unwrap();
    let (out, _) = run(
        "sessions list",
        f.cmd().args(["sessions", "list"]),
        0,
        false,
    );
    assert!(
        out.contains("0190a6f2-0000-7000-8000-000000000000.toml"),
        "{out}"
    );
    assert!(out.contains("UTF-8"), "{out}");
    let (out, _) = run(
        "sessions list --json",
        f.cmd().args(["sessions", "list", "--json"]),
        0,
        true,
    );
    parse_json("sessions list --json", &out);
    assert_all_words("the readable session still works", &out, "CR");
}

// ---- a 1 MB line -----------------------------------------------------------------------

/// About 1 MB on one line: words, with a payload every few hundred bytes.
fn megabyte_line(label: &str) -> String {
    let mut s = String::with_capacity(1 << 20);
    let mut i = 0;
    while s.len() < (1 << 20) {
        s.push_str(&format!("{label}w{i} оповещение "));
        if i % 25 == 0 {
            s.push_str(PAYLOADS[i / 25 % PAYLOADS.len()]);
        }
        i += 1;
    }
    s
}

#[test]
fn a_megabyte_line_is_handled_everywhere() {
    let f = fixture();
    let line = megabyte_line("MB");
    write(
        &f.corpus.join("huge-doc").join("document.toml"),
        "id = \"huge-doc\"\ntitle = \"Huge\"\npublisher = \"Org\"\nkind = \"news\"\n\
         language = \"nl\"\npublished = \"2026-01-04\"\nlayout = \"article\"\n",
    );
    write(
        &f.corpus.join("huge-doc").join("text.txt"),
        format!("{line}\nkort\n"),
    );
    let mut s = f.session.clone();
    s.note = line.clone();
    s.set_note("hostile.story", line.clone(), &gehoor::notes::now());
    write(
        &f.data.join("sessions").join(format!("{}.toml", s.id)),
        s.to_toml(),
    );

    let (out, _) = run("corpus list", f.cmd().args(["corpus", "list"]), 0, false);
    assert!(out.contains("huge-doc"), "{out}");
    let (out, _) = run(
        "corpus show huge",
        f.cmd().args(["corpus", "show", "huge-doc#p1"]),
        0,
        false,
    );
    let has = |text: &str, w: &str| text.split_whitespace().any(|x| x == w);
    assert!(
        has(&out, "MBw0") && has(&out, "MBw30000"),
        "wrapped, not cut"
    );
    let (out, _) = run("search", f.cmd().args(["search", "оповещение"]), 0, false);
    assert!(out.contains("huge-doc"), "{}", &out[..out.len().min(2000)]);
    let (md, _) = run("export", f.cmd().args(["export", &f.id()]), 0, false);
    assert!(has(&md, "MBw30000"), "the note is exported whole");
    let (out, _) = run(
        "export json",
        f.cmd().args(["export", &f.id(), "--format", "json"]),
        0,
        true,
    );
    let v = parse_json("export json", &out);
    assert_eq!(v["note"], gehoor::sanitize::clean(&line));
    run(
        "sessions list",
        f.cmd().args(["sessions", "list"]),
        0,
        false,
    );

    // The TUI: the session with the huge note, and a huge paste.
    let mut app = app_for(&f);
    open_interview(&mut app, s, false, false);
    press(&mut app, KeyCode::Home); // resumed sessions start where work stopped
    assert_screen("huge note", &app, 120, 40);
    press(&mut app, KeyCode::Char('n'));
    update(&mut app, Msg::Paste(line.clone()));
    assert_screen("huge paste", &app, 120, 40);
    press(&mut app, KeyCode::Esc);
    let note = &app.interview().unwrap().session.answers["hostile.received"].note;
    // A CR in a paste is a line break (tmux sends CR for LF).
    assert!(
        note.contains(&gehoor::sanitize::clean(&line.replace('\r', "\n"))),
        "the paste is kept whole"
    );
    assert!(!note.chars().any(forbidden));
}

// ---- (d) the TUI -------------------------------------------------------------------------

fn app_for(f: &Fixture) -> App {
    let data = Data::from_files(
        &FileSet::from_dir(&f.corpus).unwrap(),
        &FileSet::from_dir(&f.questionnaires).unwrap(),
        Lang::En,
        hostile("UN"),
    )
    .unwrap();
    assert!(data.invalid.is_none(), "{:?}", data.invalid);
    App::new(Lang::En, Palette::new(Theme::Auto, true), Arc::new(data)).with_advance(false)
}

fn press(app: &mut App, code: KeyCode) {
    press_mod(app, code, KeyModifiers::NONE);
}

fn press_mod(app: &mut App, code: KeyCode, mods: KeyModifiers) {
    if let Some(msg) = key_msg(app, KeyEvent::new(code, mods)) {
        update(app, msg);
    }
}

fn typing(app: &mut App, text: &str) {
    for c in text.chars() {
        press(app, KeyCode::Char(c));
    }
}

/// Draw, check every cell and the text for escape junk, and return the
/// screen as text (a word cut by the edge of a pane is not found, so callers
/// look for words that fit).
fn assert_screen(what: &str, app: &App, w: u16, h: u16) -> String {
    let out = draw_checked(what, app, w, h);
    for j in JUNK {
        assert!(!out.contains(j), "{what} at {w}x{h}: junk {j:?}:\n{out}");
    }
    out
}

/// Draw and check every cell for forbidden characters. Typed keys are
/// checked this way only: once the ESC key is dropped, `[31m` typed after it
/// is ordinary text the user typed.
fn draw_checked(what: &str, app: &App, w: u16, h: u16) -> String {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| {
        view::render(app, f);
    })
    .unwrap();
    let buf = t.backend().buffer().clone();
    let mut out = String::new();
    for y in 0..h {
        for x in 0..w {
            let sym = buf[(x, y)].symbol();
            if let Some(c) = sym.chars().find(|c| forbidden(*c)) {
                panic!(
                    "{what} at {w}x{h}: cell ({x},{y}) holds U+{:04X} in {sym:?}",
                    c as u32
                );
            }
            out.push_str(sym);
        }
        out.push('\n');
    }
    out
}

/// Both sizes; the text of the larger one.
fn screens(what: &str, app: &App) -> String {
    assert_screen(what, app, 80, 24);
    assert_screen(what, app, 160, 50)
}

/// Both sizes, for screens showing typed keys.
fn typed_screens(what: &str, app: &App) -> String {
    draw_checked(what, app, 80, 24);
    draw_checked(what, app, 160, 50)
}

#[test]
fn tui_home_sessions_and_form_show_hostile_text_harmlessly() {
    let f = fixture();
    let mut app = app_for(&f);
    app.sessions = vec![ListEntry::Session(SessionSummary::of(
        &f.session,
        f.data.join("sessions/x.toml"),
    ))];
    app.status = Some(hostile("SU"));
    let home = screens("home", &app);
    assert_words("home", &home, "CR", 2);
    assert_words("home status", &home, "SU", 2);

    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Enter); // the sessions screen
    assert!(matches!(app.screen, Screen::Sessions(_)));
    let out = screens("sessions", &app);
    assert_words("sessions", &out, "CR", 1);
    press(&mut app, KeyCode::Char('/'));
    update(&mut app, Msg::Paste(hostile("FI")));
    screens("sessions filter", &app);

    let mut app = app_for(&f);
    press(&mut app, KeyCode::Enter); // the new-interview form
    assert!(matches!(app.screen, Screen::NewInterview(_)));
    let out = screens("form", &app);
    assert_words("form profile", &out, "PF", 1);
    assert_words("form prefilled interviewer", &out, "UN", 2);
    typing(&mut app, &hostile("TC"));
    let out = typed_screens("form typed case", &app);
    assert_words("form typed case", &out, "TC", 2);
    update(&mut app, Msg::Paste(hostile("PC")));
    typed_screens("form pasted case", &app);
}

#[test]
fn tui_interview_shows_hostile_questionnaire_corpus_and_session_harmlessly() {
    let f = fixture();
    let mut app = app_for(&f);
    let data = app.data.clone();
    let index =
        gehoor::search::Index::build(gehoor::search::passages_from(&data.corpus), &data.glossary);
    update(&mut app, Msg::IndexReady(Arc::new(index)));
    open_interview(&mut app, f.session.clone(), false, false);
    press(&mut app, KeyCode::Home); // resumed sessions start where work stopped
    let out = screens("interview", &app);
    assert_words("header", &out, "CR", 2);
    assert_eq!(
        app.interview().unwrap().changed_questionnaires,
        [hostile("QI")]
    );
    if let Screen::Interview(st) = &mut app.screen {
        st.save_error = Some(hostile("SE"));
    }
    let out = screens("save error", &app);
    assert_words("save error", &out, "SE", 1);
    if let Screen::Interview(st) = &mut app.screen {
        st.save_error = None;
    }
    assert_words("topic", &out, "TT", 2);

    // Every row, with guidance and the Russian text shown.
    press(&mut app, KeyCode::Char('g'));
    press(&mut app, KeyCode::Char('r'));
    let rows = app.interview().unwrap().rows.len();
    let mut seen = String::new();
    for i in 0..rows {
        seen.push_str(&screens(&format!("row {i}"), &app));
        press(&mut app, KeyCode::Down);
    }
    for (label, n) in [
        ("QT", 3),
        ("QR", 3),
        ("QH", 3),
        ("QG", 3),
        ("NT", 3),
        ("NU", 3),
        ("CM", 2),
        ("AN", 3),
        ("PA", 2),
        ("GT", 1),
        ("PT", 3),
        ("TD", 3),
    ] {
        assert_words("interview rows", &seen, label, n);
    }

    // Editors opened on hostile stored text.
    jump_to(&mut app, "hostile.received");
    press(&mut app, KeyCode::Char('n'));
    let out = screens("note editor on a stored note", &app);
    assert_words("note editor", &out, "NT", 3);
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Enter);
    screens("yes/no editor", &app);
    press(&mut app, KeyCode::Esc);
    jump_to(&mut app, "hostile.pick");
    press(&mut app, KeyCode::Enter);
    let out = screens("choice editor", &app);
    assert_words("choice labels", &out, "CA", 2);
    press(&mut app, KeyCode::Esc);
    jump_to(&mut app, "hostile.story");
    press(&mut app, KeyCode::Enter);
    let out = screens("long text editor on a stored answer", &app);
    assert_words("long editor", &out, "AN", 2);
    press(&mut app, KeyCode::Esc);
    jump_to(&mut app, "hostile.age");
    press(&mut app, KeyCode::Enter);
    let out = screens("number editor", &app);
    assert_words("unit", &out, "UN", 1);
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('N'));
    let out = screens("session note editor", &app);
    assert_words("session note", &out, "SN", 2);
    press(&mut app, KeyCode::Esc);

    // Overlays: passage, search, quick jump, submit, timeline.
    jump_to(&mut app, "hostile.received");
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Enter);
    assert!(matches!(app.overlay, Some(Overlay::Passage { .. })));
    let out = screens("passage", &app);
    assert_words("passage", &out, "PA", 3);
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Char('/'));
    typing(&mut app, "мобилизация");
    let out = screens("search", &app);
    assert_words("search glossary", &out, "GL", 2);
    update(&mut app, Msg::Paste(hostile("SP")));
    screens("search with a hostile paste", &app);
    press(&mut app, KeyCode::Esc);
    press_mod(&mut app, KeyCode::Char('p'), KeyModifiers::CONTROL);
    typing(&mut app, "ю");
    let out = screens("jump", &app);
    assert_words("jump", &out, "QT", 1);
    typing(&mut app, &hostile("JT"));
    typed_screens("jump typed", &app);
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('S'));
    screens("submit", &app);
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('t'));
    let out = screens("timeline", &app);
    assert_words("timeline", &out, "HR", 2);
    press(&mut app, KeyCode::Esc);

    // The reviewer's view of the same session, and a comment prompt.
    let mut app = app_for(&f);
    open_interview(&mut app, f.session.clone(), true, true);
    press(&mut app, KeyCode::Home); // resumed sessions start where work stopped
    screens("review", &app);
    press(&mut app, KeyCode::Char('c'));
    update(&mut app, Msg::Paste(hostile("RP")));
    typing(&mut app, &hostile("RT"));
    let out = typed_screens("comment prompt", &app);
    assert_words("comment prompt", &out, "RP", 2);
}

/// Put the tree cursor on `key`, with the keys a user would press.
fn jump_to(app: &mut App, key: &str) {
    if let Screen::Interview(st) = &mut app.screen {
        st.focus = gehoor::tui::app::Pane::Tree;
    }
    let rows = app.interview().unwrap().rows.len();
    for _ in 0..rows {
        press(app, KeyCode::Up);
    }
    for _ in 0..rows {
        let st = app.interview().unwrap();
        if st.rows[st.cursor].key() == Some(key) {
            return;
        }
        press(app, KeyCode::Down);
    }
    panic!("no row {key}");
}

#[test]
fn tui_pasted_and_typed_text_is_shown_and_stored_harmlessly() {
    let f = fixture();
    let mut app = app_for(&f);
    let s = {
        let (catalog, _) =
            gehoor::questionnaire::load(&FileSet::from_dir(&f.questionnaires).unwrap());
        Session::new(
            "CASE-1",
            "Tester",
            Lang::En,
            gehoor::interview::uses(&[catalog.questionnaire("hostile").unwrap()]),
            &gehoor::notes::now(),
        )
    };
    open_interview(&mut app, s, false, false);
    press(&mut app, KeyCode::Home); // resumed sessions start where work stopped
    jump_to(&mut app, "hostile.received");

    // Pasted into a note.
    press(&mut app, KeyCode::Char('n'));
    update(&mut app, Msg::Paste(hostile("PN")));
    let out = screens("pasting", &app);
    assert_words("pasting", &out, "PN", 3);
    press(&mut app, KeyCode::Esc);
    let note = app.interview().unwrap().session.answers["hostile.received"]
        .note
        .clone();
    // A CR in a paste is a line break (tmux sends CR for LF).
    assert_eq!(
        note,
        gehoor::sanitize::clean(&hostile("PN").replace('\r', "\n")),
        "pasted controls are dropped, words kept"
    );
    let out = screens("pasted note", &app);
    assert_words("pasted note", &out, "PN", 3);

    // Typed into a note: key by key, including the control characters.
    press(&mut app, KeyCode::Char('n'));
    press(&mut app, KeyCode::Enter);
    typing(&mut app, &hostile("TN"));
    let out = typed_screens("typing", &app);
    assert_words("typing", &out, "TN", 3);
    press(&mut app, KeyCode::Esc);
    let note = &app.interview().unwrap().session.answers["hostile.received"].note;
    assert!(note.contains(&words("TN")[3]), "{note:?}");
    assert!(!note.chars().any(forbidden), "{note:?}");

    // Pasted and typed into the long-text answer and a line editor.
    jump_to(&mut app, "hostile.story");
    press(&mut app, KeyCode::Enter);
    update(&mut app, Msg::Paste(hostile("PL")));
    typing(&mut app, &hostile("TL"));
    typed_screens("long editor", &app);
    press(&mut app, KeyCode::Esc);
    let Some(Value::Text(t)) = &app.interview().unwrap().session.answers["hostile.story"].value
    else {
        panic!("no text answer")
    };
    assert!(
        t.contains(&words("PL")[5]) && t.contains(&words("TL")[5]),
        "{t:?}"
    );
    assert!(!t.chars().any(forbidden), "{t:?}");
    jump_to(&mut app, "hostile.age");
    press(&mut app, KeyCode::Enter);
    update(&mut app, Msg::Paste(hostile("PE")));
    typing(&mut app, "\u{202e}4\u{200b}2");
    screens("line editor", &app);
    press(&mut app, KeyCode::Enter);
    screens("line editor error", &app);
    press(&mut app, KeyCode::Esc);
    let out = screens("after the line editor", &app);
    assert!(!out.is_empty());
    let a = &app.interview().unwrap().session.answers["hostile.age"];
    assert!(!a.note.chars().any(forbidden), "{:?}", a.note);
    assert!(
        a.note.contains(&words("PE")[2]),
        "the invalid entry is kept: {:?}",
        a.note
    );

    // The session note.
    press(&mut app, KeyCode::Char('N'));
    update(&mut app, Msg::Paste(hostile("PS")));
    typing(&mut app, &hostile("TS"));
    typed_screens("session note", &app);
    press(&mut app, KeyCode::Esc);
    let note = &app.interview().unwrap().session.note;
    assert!(note.contains(&words("PS")[4]) && note.contains(&words("TS")[4]));
    assert!(!note.chars().any(forbidden), "{note:?}");
}

#[test]
fn eight_bit_string_sequences_go_with_their_payload() {
    // OSC, DCS, SOS, PM, APC in their 8-bit (C1) form, ended by ST (U+009C)
    // or BEL, and one that never ends (only the introducer goes).
    for (text, want) in [
        ("a\u{9d}0;PWN8BIT\u{9c}b", "ab"),
        ("a\u{9d}52;c;UFdOQ0xJUA==\u{7}b", "ab"),
        ("a\u{90}PWNDCS\u{9c}b", "ab"),
        ("a\u{98}x\u{9c}b\u{9e}y\u{9c}c\u{9f}z\u{9c}d", "abcd"),
        ("a\u{9d}never ends\nb", "anever ends\nb"),
    ] {
        assert_eq!(gehoor::sanitize::clean(text), want, "{text:?}");
    }
    let f = fixture();
    let mut s = f.session.clone();
    s.case_ref = "CASE-\u{9d}0;PWN8BIT\u{9c}8BIT".into();
    s.id = uuid::Uuid::now_v7();
    std::fs::write(
        f.data.join("sessions").join(format!("{}.toml", s.id)),
        s.to_toml(),
    )
    .unwrap();
    let (out, _) = run(
        "sessions list",
        f.cmd().args(["sessions", "list"]),
        0,
        false,
    );
    assert!(out.contains("CASE-8BIT"), "{out}");
    assert!(!out.contains("PWN8BIT"), "{out}");
}

/// The Markdown export rendered to HTML (as a case file viewer would):
/// nothing a session holds becomes markup.
#[test]
fn markdown_export_text_never_becomes_markup() {
    let mut s = Session::new(
        "CASE-<b>1</b> & co",
        "Interviewer Fictief",
        Lang::En,
        Vec::new(),
        &gehoor::notes::now(),
    );
    let evil_ref = "DOC#1`**PWNBOLD**[PWNLINK](https://pwn.example/)`x";
    s.set_value(
        "hostile.story",
        Some(Value::Text("Line one.\nLine two.\n\nLine four.".into())),
        &gehoor::notes::now(),
    );
    s.cite("hostile.story", evil_ref, &gehoor::notes::now());
    s.cite("hostile.story", "``", &gehoor::notes::now());
    s.set_note(
        "hostile.story",
        "A & B <script>alert(1)</script> &amp;",
        &gehoor::notes::now(),
    );
    s.add_comment(
        "Supervisor Fictief",
        Some("hostile.story"),
        "First.\nSecond line.",
        &gehoor::notes::now(),
    );
    let record = gehoor::export::build(
        &s,
        &gehoor::questionnaire::Catalog::default(),
        &gehoor::export::NoPassages,
        &jiff::tz::TimeZone::UTC,
    );
    let md = gehoor::export::markdown(&record, Lang::En);
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, pulldown_cmark::Parser::new(&md));
    for markup in [
        "<strong>PWNBOLD",
        "<a href",
        "<b>",
        "<script>",
        "PWNLINK</a>",
    ] {
        assert!(!html.contains(markup), "{markup} in\n{html}\nfrom\n{md}");
    }
    assert!(
        html.contains("<code>DOC#1`**PWNBOLD**[PWNLINK](https://pwn.example/)`x</code>"),
        "the ref is one code span:\n{html}"
    );
    assert!(html.contains("A &amp; B &lt;script&gt;"), "{html}");
    assert!(
        html.contains("&amp;amp;"),
        "an entity in a note stays text:\n{html}"
    );
    assert!(
        html.contains("CASE-&lt;b&gt;1&lt;/b&gt; &amp; co"),
        "{html}"
    );
    // Every line of a multi-line answer and comment survives as its own line.
    for line in [
        "Line one.",
        "Line two.",
        "Line four.",
        "First.",
        "Second line.",
    ] {
        assert!(
            html.lines()
                .any(|l| l.trim_start_matches("<p>").starts_with(line)),
            "{line} not on its own line:\n{html}\nfrom\n{md}"
        );
    }
}
