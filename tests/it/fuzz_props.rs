//! The fuzz targets in `fuzz/` as property tests that run in CI: the same
//! five entry points, fed near-valid input (shipped files with random edits,
//! expressions from a token grammar, sessions with hostile text) as well as
//! arbitrary strings. Each property asserts more than "no panic". The case
//! counts keep the whole file under a minute in a debug build.

use std::ops::Range;
use std::path::Path;
use std::sync::OnceLock;

use gehoor::assets::{FileSet, Origin, TextFile};
use gehoor::check;
use gehoor::corpus::Corpus;
use gehoor::i18n::Lang;
use gehoor::notes::{ListEntry, Session, SessionSummary, Store, parse_session, store};
use gehoor::questionnaire::expr::parse;
use gehoor::questionnaire::{self, AnswerStatus, Diagnostic, Scope, Value};
use gehoor::search::{self, Hit, SearchOptions, fuzzy, snippet, tokenize};
use proptest::prelude::*;

use crate::support::fuzzing;

use fuzzing::{All, NoAnswers, World, hostile_world, world};

fn questionnaires() -> &'static FileSet {
    static SET: OnceLock<FileSet> = OnceLock::new();
    SET.get_or_init(FileSet::embedded_questionnaires)
}

fn corpus_files() -> &'static FileSet {
    static SET: OnceLock<FileSet> = OnceLock::new();
    SET.get_or_init(FileSet::embedded_corpus)
}

fn text_file(rel: &str, text: &str) -> TextFile {
    TextFile {
        rel: rel.into(),
        text: text.into(),
    }
}

/// One edit at a position given as a fraction of the text, so the same edit
/// list applies to texts of any length.
#[derive(Debug, Clone)]
enum Edit {
    Insert(f64, char),
    Delete(f64, usize),
    /// Copy a line elsewhere: duplicate keys, tables and headings.
    DuplicateLine(f64, f64),
}

/// Characters that matter to TOML, to the report layout and to terminals.
fn interesting_char() -> impl Strategy<Value = char> {
    prop_oneof![
        4 => prop::sample::select(vec![
            '"', '\'', '=', '[', ']', '{', '}', ',', '.', '#', '\\', '\n', '\r', '\t', ' ', '-',
            '1', '9', 'a', 'z', '•', '¹', '\u{0}', '\u{1b}', '\u{202e}', '\u{200f}', '\u{feff}',
            'ё', 'é',
        ]),
        1 => any::<char>(),
    ]
}

fn edits(max: usize) -> impl Strategy<Value = Vec<Edit>> {
    prop::collection::vec(
        prop_oneof![
            4 => (0.0..1.0f64, interesting_char()).prop_map(|(p, c)| Edit::Insert(p, c)),
            3 => (0.0..1.0f64, 1usize..40).prop_map(|(p, n)| Edit::Delete(p, n)),
            1 => (0.0..1.0f64, 0.0..1.0f64).prop_map(|(a, b)| Edit::DuplicateLine(a, b)),
        ],
        1..max,
    )
}

fn apply(text: &str, edits: &[Edit]) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    let at = |len: usize, f: f64| ((len as f64) * f) as usize;
    for e in edits {
        match *e {
            Edit::Insert(p, c) => {
                let i = at(chars.len(), p).min(chars.len());
                chars.insert(i, c);
            }
            Edit::Delete(p, n) => {
                let i = at(chars.len(), p).min(chars.len());
                let j = (i + n).min(chars.len());
                chars.drain(i..j);
            }
            Edit::DuplicateLine(from, to) => {
                let s: String = chars.iter().collect();
                let lines: Vec<&str> = s.split('\n').collect();
                let line = lines[at(lines.len(), from).min(lines.len() - 1)].to_string();
                let mut out: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
                out.insert(at(out.len(), to).min(out.len()), line);
                chars = out.join("\n").chars().collect();
            }
        }
    }
    chars.into_iter().collect()
}

// ---------------------------------------------------------------- questionnaire_load

/// Every diagnostic points into its own file: a byte span on character
/// boundaries within the text, and a line:col that exists there.
fn assert_located(diags: &[Diagnostic], files: &FileSet) -> Result<(), TestCaseError> {
    for d in diags {
        let file = files.files.iter().find(|f| files.display_path(f) == d.file);
        prop_assert!(file.is_some(), "diagnostic for an unknown file: {:?}", d);
        let text = &file.unwrap().text;
        prop_assert!(
            d.span.start <= d.span.end && d.span.end <= text.len(),
            "{:?}",
            d
        );
        prop_assert!(
            text.is_char_boundary(d.span.start) && text.is_char_boundary(d.span.end),
            "span off a character boundary: {:?}",
            d
        );
        let lines: Vec<&str> = text.split('\n').collect();
        prop_assert!(d.line >= 1 && d.line <= lines.len(), "{:?}", d);
        let width = lines[d.line - 1].chars().count();
        prop_assert!(
            d.col >= 1 && d.col <= width + 1,
            "col past the line: {:?}",
            d
        );
    }
    Ok(())
}

fn questionnaire_set(files: Vec<TextFile>) -> FileSet {
    FileSet {
        origin: Origin::Embedded {
            name: "questionnaires",
        },
        files,
    }
}

fn load_and_check(files: &FileSet) -> Result<(), TestCaseError> {
    let refs = ["ambtsbericht-rf-2025#*".to_string()];
    let (_catalog, diags) = questionnaire::load_checked(files, &refs);
    assert_located(&diags, files)?;
    // Rendering quotes the source line under a caret; it must not panic.
    let _ = check::render_human(&diags, files, Lang::En);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(250))]

    #[test]
    fn edited_questionnaires_give_located_diagnostics(
        which in 0usize..14,
        edits in edits(12),
    ) {
        let shipped = questionnaires();
        let files: Vec<&TextFile> =
            shipped.files.iter().filter(|f| f.rel.ends_with(".toml")).collect();
        let original = files[which % files.len()];
        let edited = apply(&original.text, &edits);
        let mut set = vec![text_file(&original.rel, &edited)];
        if original.rel != "profiles.toml" {
            set.push(shipped.get("profiles.toml").unwrap().clone());
        }
        load_and_check(&questionnaire_set(set))?;
    }

    #[test]
    fn any_text_as_questionnaire_or_profiles(text in "(?s).{0,400}") {
        for rel in ["summons.toml", "profiles.toml"] {
            load_and_check(&questionnaire_set(vec![text_file(rel, &text)]))?;
        }
    }
}

// ---------------------------------------------------------------- show_if_expr

fn expr_token() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => "[a-z][a-z0-9_]{0,6}(\\.[a-z][a-z0-9_]{0,6})?",
        2 => prop::sample::select(vec![
            "and", "or", "not", "in", "true", "false", "==", "!=", "<", "<=", ">", ">=", "(",
            ")", "answered", "answered(", "=", "!", ".", "_", "a.b.c",
        ])
        .prop_map(str::to_string),
        1 => "\"[^\"]{0,8}\"",
        1 => "[0-9]{1,4}(\\.[0-9]{1,3})?",
        1 => "[0-9]{4}(-[0-9]{1,2}){0,2}",
        1 => "\"[a-z ]{0,5}",
        1 => "\\PC",
    ]
}

fn within(r: &Range<usize>, base: usize, len: usize) -> bool {
    r.start <= r.end && r.start >= base && r.end <= base + len
}

fn check_expr(src: &str, base: usize) -> Result<(), TestCaseError> {
    match parse(src, base) {
        Err(e) => {
            prop_assert!(within(&e.span, base, src.len()), "{:?} for {:?}", e, src);
            let local = e.span.start - base..e.span.end - base;
            prop_assert!(
                src.is_char_boundary(local.start) && src.is_char_boundary(local.end),
                "error span off a character boundary: {:?}",
                e
            );
        }
        Ok(expr) => {
            prop_assert!(within(&expr.span, base, src.len()));
            for r in expr.refs() {
                prop_assert!(within(&r.span, base, src.len()), "{:?}", r);
                let local = &src[r.span.start - base..r.span.end - base];
                prop_assert!(local.ends_with(&r.question), "{:?} at {:?}", r, local);
            }
            let scope = Scope {
                questionnaire: "summons",
                instance: Some(1),
            };
            let _ = expr.eval(&NoAnswers, &scope);
            for v in [
                Value::YesNo(false),
                Value::Number(2023.0),
                Value::Text("Post".into()),
                Value::Choices(vec!["post".into()]),
                Value::Date("2023-04".parse().unwrap()),
            ] {
                let _ = expr.eval(&All(v), &scope);
            }
            let shown = expr.to_string();
            match parse(&shown, 0) {
                Ok(again) => prop_assert_eq!(again.to_string(), shown),
                Err(e) => prop_assert_eq!(
                    e.code.as_str(),
                    "expr_too_deep",
                    "{:?} from {:?}",
                    shown,
                    src
                ),
            }
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4000))]

    #[test]
    fn grammar_expressions_parse_or_fail_in_bounds(
        toks in prop::collection::vec(expr_token(), 0..14),
        glue in prop::sample::select(vec![" ", "", "\n", "  "]),
        base in 0usize..5000,
    ) {
        check_expr(&toks.join(glue), base)?;
    }

    #[test]
    fn arbitrary_expressions_parse_or_fail_in_bounds(src in "\\PC{0,40}|(?s).{0,40}", base in 0usize..100) {
        check_expr(&src, base)?;
    }
}

// ---------------------------------------------------------------- corpus_parse

const REPORT: &str = "ambtsbericht-rf-2025";

fn report_text() -> &'static str {
    &corpus_files()
        .get(&format!("{REPORT}/text.txt"))
        .unwrap()
        .text
}

fn corpus_set(doc: &str, meta: &str, text: &str) -> FileSet {
    FileSet {
        origin: Origin::Embedded { name: "corpus" },
        files: vec![
            text_file(&format!("{doc}/document.toml"), meta),
            text_file(&format!("{doc}/text.txt"), text),
        ],
    }
}

/// Every listed ref resolves back to itself and every problem names a line
/// of the text.
fn check_corpus(c: &Corpus, text: &str) -> Result<(), TestCaseError> {
    let lines = text.split('\n').count();
    for p in &c.problems {
        prop_assert!(p.line <= lines, "{:?}", p);
    }
    for r in c.refs() {
        let resolved = c.resolve(&r);
        prop_assert!(resolved.is_some(), "listed ref {:?} does not resolve", r);
        prop_assert_eq!(resolved.unwrap().reference(), r);
    }
    // The index leaves out only the report's bibliography.
    let indexed = c
        .passages()
        .filter(|v| v.section_id != Some("bibliografie"))
        .count();
    prop_assert_eq!(search::passages_from(c).len(), indexed);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(250))]

    #[test]
    fn edited_report_slices_parse_with_resolvable_refs(
        from in 0.0..1.0f64,
        lines in 20usize..400,
        edits in edits(16),
        probe in "\\PC{0,20}",
    ) {
        let all: Vec<&str> = report_text().split('\n').collect();
        let start = ((all.len() as f64) * from) as usize;
        let slice = all[start..(start + lines).min(all.len())].join("\n");
        let text = apply(&slice, &edits);
        let meta = &corpus_files().get(&format!("{REPORT}/document.toml")).unwrap().text;
        let c = Corpus::load(&corpus_set(REPORT, meta, &text)).unwrap();
        check_corpus(&c, &text)?;
        let _ = c.resolve(&probe);
        let _ = c.resolve(&format!("{REPORT}#{probe}"));
        let _ = c.suggest(&probe, 3);
    }

    #[test]
    fn edited_simple_layouts_parse_with_resolvable_refs(
        which in 0usize..4,
        prefix in "(date )?[0-9 \\-]{0,6}\\PC{0,8}",
        edits in edits(12),
    ) {
        // Letter, press releases and article: each layout's own parser,
        // with a first line that may look like the article's date prefix.
        let docs = [
            "brief-moratorium-2022",
            "persbericht-kuzmin-2026-en",
            "persbericht-kuzmin-2026-nl",
            "artikel-moechametov-2025",
        ];
        let doc = docs[which];
        let meta = &corpus_files().get(&format!("{doc}/document.toml")).unwrap().text;
        let original = &corpus_files().get(&format!("{doc}/text.txt")).unwrap().text;
        let text = format!("{prefix}{}", apply(original, &edits));
        let c = Corpus::load(&corpus_set(doc, meta, &text)).unwrap();
        check_corpus(&c, &text)?;
    }

    #[test]
    fn edited_document_toml_loads_or_errors_in_bounds(which in 0usize..5, edits in edits(6)) {
        let metas: Vec<&TextFile> = corpus_files()
            .files
            .iter()
            .filter(|f| f.rel.ends_with("/document.toml"))
            .collect();
        let meta = metas[which % metas.len()];
        let doc = meta.rel.trim_end_matches("/document.toml");
        let edited = apply(&meta.text, &edits);
        let text = "1 Inleiding\n\nEen alinea over de oproep.\n";
        match Corpus::load(&corpus_set(doc, &edited, text)) {
            Ok(c) => check_corpus(&c, text)?,
            Err(gehoor::Error::Parse { line, col, .. }) => {
                let lines: Vec<&str> = edited.split('\n').collect();
                prop_assert!(line >= 1 && line <= lines.len(), "line {} of {}", line, lines.len());
                prop_assert!(col >= 1 && col <= lines[line - 1].chars().count() + 1);
            }
            Err(other) => prop_assert!(false, "unexpected error kind {:?}", other),
        }
    }
}

// ---------------------------------------------------------------- session_read

fn v0_fixture() -> &'static str {
    include_str!("../fixtures/sessions/v0-draft.toml")
}

/// Load through the store from bytes on disk, and through the list; when
/// both read the file their summaries agree, and a loaded session comes
/// back from its own TOML unchanged.
fn check_session_bytes(bytes: &[u8]) -> Result<(), TestCaseError> {
    check_session_bytes_in(&in_memory_dir(), bytes)
}

/// Tens of thousands of cases each write and list a file: in memory where
/// there is a tmpfs, since ext4's open and truncate took half their time.
fn in_memory_dir() -> tempfile::TempDir {
    tempfile::tempdir_in("/dev/shm")
        .or_else(|_| tempfile::tempdir())
        .unwrap()
}

/// As `check_session_bytes`, in a folder that holds nothing else; the file
/// is overwritten, so thousands of cases share one folder.
fn check_session_bytes_in(dir: &tempfile::TempDir, bytes: &[u8]) -> Result<(), TestCaseError> {
    let path = dir.path().join("s.toml");
    std::fs::write(&path, bytes).unwrap();
    let loaded = store::load(&path);
    if let Ok(text) = std::str::from_utf8(bytes) {
        prop_assert_eq!(parse_session(&path, text).is_ok(), loaded.is_ok());
    }
    let listed = Store::new(dir.path().to_path_buf()).list().unwrap();
    prop_assert_eq!(listed.len(), 1);
    match (&loaded, &listed[0]) {
        (Ok(s), ListEntry::Session(summary)) => {
            prop_assert_eq!(summary, &SessionSummary::of(s, path.clone()));
        }
        (Ok(_), ListEntry::Unreadable { .. }) => {
            prop_assert!(false, "loads but is listed unreadable");
        }
        (Err(_), ListEntry::Unreadable { line, .. }) => {
            let text = String::from_utf8_lossy(bytes);
            prop_assert!(
                *line <= text.split('\n').count(),
                "line {} past the end",
                line
            );
        }
        // A file listed as a session must open (issue 17: a file cut off
        // inside a string was listed as healthy).
        (Err(e), ListEntry::Session(_)) => {
            prop_assert!(false, "listed as a session, but does not load: {:?}", e);
        }
    }
    if let Ok(s) = loaded {
        round_trip(&s)?;
    }
    Ok(())
}

fn round_trip(s: &Session) -> Result<(), TestCaseError> {
    let written = s.to_toml();
    let again = parse_session(Path::new("s.toml"), &written);
    prop_assert!(again.is_ok(), "{:?}\n{}", again, written);
    prop_assert_eq!(again.unwrap().to_toml(), written);
    Ok(())
}

fn hostile_text() -> impl Strategy<Value = String> {
    prop_oneof![
        "(?s).{0,40}",
        "[\"'\\\\\n\r\t#=\\[\\]{}.\u{0}\u{1b}\u{7f}\u{202e}\u{feff}a-z]{0,20}",
        Just("\"\"\"".to_string()),
        Just("'''\n[[comments]]\n".to_string()),
    ]
}

fn value() -> impl Strategy<Value = Value> {
    prop_oneof![
        any::<bool>().prop_map(Value::YesNo),
        hostile_text().prop_map(Value::Choice),
        prop::collection::vec(hostile_text(), 0..3).prop_map(Value::Choices),
        prop::sample::select(vec!["2023", "2023-04", "2023-04-11", "~2022", "~2023-10"])
            .prop_map(|d| Value::Date(d.parse().unwrap())),
        prop_oneof![
            any::<f64>(),
            Just(f64::NAN),
            Just(f64::INFINITY),
            Just(-0.0),
            Just(1e300)
        ]
        .prop_map(Value::Number),
        hostile_text().prop_map(Value::Text),
    ]
}

/// Real session files: the fuzz seed (every table kind) and one written by
/// the store with notes, flags, a removed instance, comments and history.
fn real_session_files() -> Vec<String> {
    let mut rich = Session::new(
        "TEST-RICH",
        "Interviewer Fictief",
        Lang::Nl,
        Vec::new(),
        &gehoor::notes::now(),
    );
    rich.note = "Eerste regel.\n\"Tweede\" regel met [haken] en # hekje.".into();
    rich.set_value(
        "summons.received",
        Some(Value::YesNo(true)),
        &gehoor::notes::now(),
    );
    rich.set_note(
        "summons.received",
        "Per post, 'aangetekend'.",
        &gehoor::notes::now(),
    );
    rich.set_flagged("summons.received", true, &gehoor::notes::now());
    rich.set_value(
        "summons.date#1",
        Some(Value::Date("2023-04".parse().unwrap())),
        &gehoor::notes::now(),
    );
    rich.set_value(
        "summons.kinds",
        Some(Value::Choices(vec!["a".into(), "b".into()])),
        &gehoor::notes::now(),
    );
    rich.set_value(
        "summons.age",
        Some(Value::Number(42.0)),
        &gehoor::notes::now(),
    );
    rich.cite("summons.received", "DOC#1.1/p2", &gehoor::notes::now());
    rich.add_group_instance("summons.g", &gehoor::notes::now());
    rich.add_group_instance("summons.g", &gehoor::notes::now());
    rich.set_value(
        "summons.gone#2",
        Some(Value::Text("weg".into())),
        &gehoor::notes::now(),
    );
    rich.remove_group_instance("summons.g", 2, &["summons.gone"], &gehoor::notes::now())
        .unwrap();
    rich.add_comment(
        "Supervisor Fictief",
        Some("summons.received"),
        "Per post?",
        &gehoor::notes::now(),
    );
    rich.submit("Interviewer Fictief", &gehoor::notes::now())
        .unwrap();
    rich.return_for_work("Supervisor Fictief", "meer detail", &gehoor::notes::now())
        .unwrap();
    vec![
        include_str!("../../fuzz/seeds/session-v1.toml").to_string(),
        rich.to_toml(),
    ]
}

#[test]
fn every_truncation_of_a_real_session_file_lists_as_it_loads() {
    let dir = in_memory_dir();
    for text in real_session_files() {
        for cut in (0..text.len()).filter(|i| text.is_char_boundary(*i)) {
            check_session_bytes_in(&dir, &text.as_bytes()[..cut])
                .unwrap_or_else(|e| panic!("cut at {cut}: {e}\n{}", &text[..cut]));
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn edited_real_session_files(which in 0usize..2, edits in edits(4)) {
        let base = &real_session_files()[which];
        check_session_bytes(apply(base, &edits).as_bytes())?;
    }

    #[test]
    fn random_bytes_as_a_session_file(
        bytes in prop_oneof![
            prop::collection::vec(any::<u8>(), 0..300),
            // A valid header followed by noise reaches the fast path.
            prop::collection::vec(any::<u8>(), 0..200).prop_map(|mut b| {
                let mut head = format!("schema_version = {}\n", gehoor::notes::SCHEMA_VERSION).into_bytes();
                head.append(&mut b);
                head
            }),
        ],
    ) {
        check_session_bytes(&bytes)?;
    }

    #[test]
    fn edited_session_files(edits in edits(6), v1 in any::<bool>()) {
        let base = if v1 {
            let mut s = Session::new("TEST-1", "Interviewer Fictief", Lang::Nl, Vec::new(), &gehoor::notes::now());
            s.set_value("summons.received", Some(Value::YesNo(true)), &gehoor::notes::now());
            s.set_flagged("summons.received", true, &gehoor::notes::now());
            s.set_status("summons.date#1", AnswerStatus::Unclear, &gehoor::notes::now());
            s.add_comment("Supervisor Fictief", Some("summons.received"), "Per post?", &gehoor::notes::now());
            s.submit("Interviewer Fictief", &gehoor::notes::now()).unwrap();
            s.to_toml()
        } else {
            v0_fixture().to_string()
        };
        check_session_bytes(apply(&base, &edits).as_bytes())?;
    }

    #[test]
    fn built_sessions_round_trip(
        case in hostile_text(),
        note in hostile_text(),
        answers in prop::collection::vec(("[a-z]{1,5}\\.[a-z_]{1,6}(#[0-9])?", value(), hostile_text()), 0..5),
        comment in hostile_text(),
    ) {
        let mut s = Session::new(case, "Interviewer Fictief", Lang::En, Vec::new(), &gehoor::notes::now());
        s.note = note;
        for (key, v, n) in &answers {
            s.set_value(key, Some(v.clone()), &gehoor::notes::now());
            s.set_note(key, n.clone(), &gehoor::notes::now());
        }
        s.add_comment("B", answers.first().map(|a| a.0.as_str()), &comment, &gehoor::notes::now());
        round_trip(&s)?;
        check_session_bytes(s.to_toml().as_bytes())?;
    }
}

// ---------------------------------------------------------------- search_query

fn is_unclean(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

fn check_hits(w: &World, hits: &[Hit], limit: usize) -> Result<(), TestCaseError> {
    prop_assert!(hits.len() <= limit);
    for pair in hits.windows(2) {
        prop_assert!(pair[0].score >= pair[1].score, "not sorted");
    }
    for h in hits {
        prop_assert!(h.score.is_finite() && h.score >= 0.0, "score {}", h.score);
        prop_assert!(
            w.corpus.resolve(&h.reference).is_some(),
            "{:?}",
            h.reference
        );
        prop_assert!(!h.snippet.chars().any(is_unclean), "{:?}", h.snippet);
        for r in &h.highlights {
            prop_assert!(r.start <= r.end && r.end <= h.snippet.len());
            prop_assert!(h.snippet.is_char_boundary(r.start) && h.snippet.is_char_boundary(r.end));
        }
    }
    Ok(())
}

fn query() -> impl Strategy<Value = String> {
    let word = prop_oneof![
        3 => prop::sample::select(vec![
            "oproep", "mobilisatie", "dienstplicht", "повестка", "мобилизация", "summons",
            "uitreisverbod", "Gosuslugi", "LHBTIQ+", "30.000", "1,5", "art.", "de", "the",
            "desertie", "Oekraïne", "OEKRAINE", "ё", "kontraktniki",
        ])
        .prop_map(str::to_string),
        1 => prop::sample::select(vec![
            "\u{202e}", "\u{200f}", "\u{1b}[31m", "\u{0}", "\t", "\r\n", "\u{feff}", "\u{301}",
            "\"", "#", "*", "-",
        ])
        .prop_map(str::to_string),
        1 => "[a-zа-я]{200,2000}",
        1 => "\\PC{1,12}",
    ];
    prop_oneof![
        4 => prop::collection::vec(word, 0..8).prop_map(|w| w.join(" ")),
        1 => "(?s).{0,60}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn queries_give_sorted_finite_resolvable_hits(q in query()) {
        let opts = SearchOptions::default();
        let hostile = hostile_world();
        check_hits(hostile, &hostile.index.search(&q, &opts), opts.limit)?;
        let w = world();
        check_hits(w, &w.index.search(&q, &opts), opts.limit)?;
        let narrow = SearchOptions {
            limit: 2,
            doc: Some("brief-moratorium-2022".into()),
            expand: false,
        };
        let hits = w.index.search(&q, &narrow);
        check_hits(w, &hits, narrow.limit)?;
        prop_assert!(hits.iter().all(|h| h.doc == "brief-moratorium-2022"));

        let entries = w.index.glossary().entries_in(&q);
        for e in &entries {
            prop_assert!(e.terms().next().is_some());
        }

        let titles: Vec<&str> = w.titles.iter().map(String::as_str).collect();
        let ranked = fuzzy::rank(&q, &titles);
        prop_assert!(ranked.windows(2).all(|p| p[0].1 >= p[1].1));
        prop_assert!(ranked.iter().all(|(i, _)| *i < titles.len()));

        let marks: Vec<Range<usize>> = tokenize::tokens(&q).into_iter().map(|t| t.range).collect();
        for max in [1, 10, 80] {
            let (s, ranges) = snippet::make(&q, &marks, max);
            prop_assert!(!s.chars().any(is_unclean), "{:?}", s);
            prop_assert!(ranges.len() <= marks.len());
            for r in ranges {
                prop_assert!(s.is_char_boundary(r.start) && s.is_char_boundary(r.end) && r.end <= s.len());
            }
        }
    }
}
