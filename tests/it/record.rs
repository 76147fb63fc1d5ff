//! The interview record: golden Markdown, HTML and JSON of one fictional
//! session that uses every question kind and every lifecycle event; the
//! JSON against docs/record.schema.json; the HTML printed by headless
//! Chromium; the `export` command end to end.
//!
//! The golden files are in tests/it/golden/ and read as plain files. After
//! an intended change, rewrite them with `UPDATE_GOLDEN=1 cargo test --test
//! it record::` and review the diff.

use std::path::{Path, PathBuf};
use std::process::Command;

use gehoor::assets::FileSet;
use gehoor::corpus::Corpus;
use gehoor::i18n::Lang;
use gehoor::notes::{Amendment, Policy, Session, parse_stamp};
use gehoor::questionnaire::{AnswerStatus, Catalog, Value};
use jiff::Zoned;
use jiff::tz::{Offset, TimeZone};

pub const CASE: &str = "FICTIEF-2026-001";
pub const INTERVIEWER: &str = "Interviewer Fictief";
pub const SUPERVISOR: &str = "Supervisor Fictief";

pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/it/fixtures/record")
}

pub fn catalog() -> Catalog {
    let (catalog, diags) = gehoor::questionnaire::load(
        &FileSet::from_dir(&fixtures().join("questionnaires")).unwrap(),
    );
    assert!(
        diags.is_empty(),
        "the fixture questionnaires load cleanly: {diags:?}"
    );
    catalog
}

fn corpus() -> Corpus {
    Corpus::load(&FileSet::from_dir(&fixtures().join("corpus")).unwrap()).unwrap()
}

/// 2 March 2026, 09:00 (+01:00) plus `minutes`.
pub fn t(minutes: i64) -> Zoned {
    parse_stamp("2026-03-02T09:00:00+01:00")
        .unwrap()
        .checked_add(jiff::SignedDuration::from_mins(minutes))
        .unwrap()
}

fn tz() -> TimeZone {
    TimeZone::fixed(Offset::from_seconds(3600).unwrap())
}

/// Give an answer fixed times: the model stamps answers with the clock.
fn at(s: &mut Session, key: &str, minutes: i64) {
    let a = s.answers.get_mut(key).unwrap_or_else(|| panic!("{key}"));
    a.created = t(minutes);
    a.updated = t(minutes);
    if a.given.is_some() {
        a.given = Some(t(minutes));
    }
}

/// The fictional interview: asked, submitted, reopened for the read-back,
/// corrected, amended, resubmitted, commented on and approved.
pub fn session() -> Session {
    let cat = catalog();
    let oproep = cat.questionnaire("fictief_oproep").unwrap();
    let persoon = cat.questionnaire("fictief_persoon").unwrap();
    // The session's order, not the catalog's: summonses first.
    let mut s = Session::new(
        CASE,
        INTERVIEWER,
        Lang::Nl,
        gehoor::interview::uses(&[oproep, persoon]),
        &t(0),
    );
    s.id = "0190a6f2-1111-7000-8000-000000000001".parse().unwrap();
    s.created = t(0);
    s.note = "Tolk Russisch aanwezig (fictief).\nDe aanvrager was moe na de reis.".into();

    let v = |x: &str| Some(Value::Text(x.into()));
    type Step = Box<dyn Fn(&mut Session)>;
    let steps: Vec<(&str, Step)> = vec![
        (
            "fictief_oproep.ontvangen",
            Box::new(|s| s.set_value("fictief_oproep.ontvangen", Some(Value::YesNo(true)), &t(0))),
        ),
        (
            "fictief_oproep.datum#1",
            Box::new(|s| {
                for _ in 0..3 {
                    s.add_group_instance("fictief_oproep.oproepen", &t(0));
                }
                s.set_value(
                    "fictief_oproep.datum#1",
                    Some(Value::Date("2024-03-15".parse().unwrap())),
                    &t(0),
                );
                s.set_note(
                    "fictief_oproep.datum#1",
                    "De datum staat op de oproep zelf.",
                    &t(0),
                );
            }),
        ),
        (
            "fictief_oproep.kanaal#1",
            Box::new(|s| {
                s.set_value(
                    "fictief_oproep.kanaal#1",
                    Some(Value::Choice("per_post".into())),
                    &t(0),
                )
            }),
        ),
        (
            "fictief_oproep.verhaal#1",
            Box::new(move |s| {
                s.set_value(
                "fictief_oproep.verhaal#1",
                v("Ik ben niet gegaan.\nMijn moeder kreeg later een brief & een telefoontje <'s avonds>."), &t(0));
                s.set_flagged("fictief_oproep.verhaal#1", true, &t(0));
                s.cite("fictief_oproep.verhaal#1", "fictief-rapport-2026#p2", &t(0));
            }),
        ),
        (
            "fictief_oproep.datum#2",
            Box::new(|s| {
                s.set_value(
                    "fictief_oproep.datum#2",
                    Some(Value::Date("~2023".parse().unwrap())),
                    &t(0),
                )
            }),
        ),
        (
            "fictief_oproep.kanaal#2",
            Box::new(|s| {
                s.set_value(
                    "fictief_oproep.kanaal#2",
                    Some(Value::Choice("via_anderen".into())),
                    &t(0),
                )
            }),
        ),
        (
            "fictief_oproep.datum#3",
            Box::new(|s| {
                s.set_value(
                    "fictief_oproep.datum#3",
                    Some(Value::Date("2022".parse().unwrap())),
                    &t(0),
                )
            }),
        ),
        (
            "fictief_oproep.straf",
            Box::new(|s| s.set_status("fictief_oproep.straf", AnswerStatus::Declined, &t(0))),
        ),
        (
            "fictief_oproep.contact",
            Box::new(|s| s.set_status("fictief_oproep.contact", AnswerStatus::Unclear, &t(0))),
        ),
        (
            "fictief_oproep.werkgever",
            Box::new(|s| {
                s.set_status(
                    "fictief_oproep.werkgever",
                    AnswerStatus::NotApplicable,
                    &t(0),
                )
            }),
        ),
        (
            "fictief_persoon.naam",
            Box::new(move |s| {
                s.set_value("fictief_persoon.naam", v("Ivan Testovitsj Fictief"), &t(0))
            }),
        ),
        (
            "fictief_persoon.geboren",
            Box::new(|s| {
                s.set_value(
                    "fictief_persoon.geboren",
                    Some(Value::Date("1999-07-04".parse().unwrap())),
                    &t(0),
                )
            }),
        ),
        (
            "fictief_persoon.leeftijd_vertrek",
            Box::new(|s| {
                s.set_value(
                    "fictief_persoon.leeftijd_vertrek",
                    Some(Value::Number(24.0)),
                    &t(0),
                )
            }),
        ),
        (
            "fictief_persoon.talen",
            Box::new(|s| {
                s.set_value(
                    "fictief_persoon.talen",
                    Some(Value::Choices(vec!["ru".into(), "en".into()])),
                    &t(0),
                )
            }),
        ),
        (
            "fictief_persoon.vertrek",
            Box::new(|s| {
                s.set_value(
                    "fictief_persoon.vertrek",
                    Some(Value::Date("2024-05".parse().unwrap())),
                    &t(0),
                )
            }),
        ),
        (
            "fictief_persoon.route",
            Box::new(|s| {
                s.set_value(
                    "fictief_persoon.route",
                    Some(Value::Choice("per_vliegtuig".into())),
                    &t(0),
                );
                s.cite("fictief_persoon.route", "fictief-rapport-2026#p1", &t(0));
                s.cite("fictief_persoon.route", "onbekend`**vet**`#p9", &t(0));
            }),
        ),
        (
            "fictief_persoon.paspoort_details",
            Box::new(move |s| {
                s.set_value("fictief_persoon.paspoort", Some(Value::YesNo(true)), &t(0));
                s.set_value(
                    "fictief_persoon.paspoort_details",
                    v("Een binnenlands paspoort;\nhet buitenlandse lag bij het bureau."),
                    &t(0),
                );
            }),
        ),
        // Corrected during the interview: the details are now hidden, kept.
        (
            "fictief_persoon.paspoort",
            Box::new(|s| s.set_value("fictief_persoon.paspoort", Some(Value::YesNo(false)), &t(0))),
        ),
    ];
    for (i, (key, step)) in steps.iter().enumerate() {
        step(&mut s);
        at(&mut s, key, 5 + 3 * i as i64);
    }
    // The earlier "yes" to the passport was at the details' step.
    s.answers
        .get_mut("fictief_persoon.paspoort")
        .unwrap()
        .created = t(5 + 3 * 16);
    s.answers.get_mut("fictief_persoon.paspoort").unwrap().given = Some(t(5 + 3 * 16));
    // A third summons turned out to be the first one again.
    s.remove_group_instance(
        "fictief_oproep.oproepen",
        3,
        &[
            "fictief_oproep.datum",
            "fictief_oproep.kanaal",
            "fictief_oproep.verhaal",
        ],
        &t(0),
    )
    .unwrap();
    s.removed[0].removed = t(60);

    s.submit(INTERVIEWER, &t(70)).unwrap();
    s.reopen(
        INTERVIEWER,
        "Voorlezen met de aanvrager: correcties",
        &t(24 * 60),
    )
    .unwrap();
    s.set_value(
        "fictief_oproep.kanaal#1",
        Some(Value::Choice("persoonlijk".into())),
        &t(0),
    );
    at(&mut s, "fictief_oproep.kanaal#1", 24 * 60 + 5);
    s.answers
        .get_mut("fictief_oproep.kanaal#1")
        .unwrap()
        .created = t(11);
    s.answers.get_mut("fictief_oproep.kanaal#1").unwrap().given = Some(t(11));
    s.amend(
        "fictief_oproep.datum#2",
        Amendment {
            by: INTERVIEWER.into(),
            at: t(24 * 60 + 10),
            source: "aanvrager bij het voorlezen".into(),
            value: Some(Value::Date("2023-10".parse().unwrap())),
            text: "Het was in oktober, niet eerder.".into(),
        },
    )
    .unwrap();
    s.amend(
        "fictief_oproep.contact",
        Amendment {
            by: "Medewerker Fictief".into(),
            at: t(24 * 60 + 20),
            source: "brief van de advocaat van 3 maart 2026".into(),
            value: None,
            text: "De politie kwam twee keer bij de ouders langs.".into(),
        },
    )
    .unwrap();
    s.submit(INTERVIEWER, &t(24 * 60 + 30)).unwrap();
    s.add_comment(
        SUPERVISOR,
        Some("fictief_oproep.verhaal#1"),
        "Vraag door naar de brief.",
        &t(0),
    );
    s.add_comment(SUPERVISOR, None, "Zorgvuldig verslag.", &t(0));
    for (i, c) in s.comments.iter_mut().enumerate() {
        c.at = t(2 * 24 * 60 + i as i64);
        c.id = format!("0190a6f2-2222-7000-8000-00000000000{i}")
            .parse()
            .unwrap();
    }
    s.approve(SUPERVISOR, &t(2 * 24 * 60 + 30), Policy::default())
        .unwrap();
    s
}

pub fn record(s: &Session) -> gehoor::export::Record {
    gehoor::export::build(s, &catalog(), &corpus(), &tz())
}

/// Compare with tests/it/golden/NAME, or rewrite it under UPDATE_GOLDEN.
fn golden(name: &str, actual: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/it/golden")
        .join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e}; write it with UPDATE_GOLDEN=1", path.display()));
    if expected != actual {
        let line = expected
            .lines()
            .zip(actual.lines())
            .position(|(a, b)| a != b)
            .unwrap_or_else(|| expected.lines().count().min(actual.lines().count()));
        panic!(
            "{} differs from line {}:\n  expected: {:?}\n  actual:   {:?}\n(UPDATE_GOLDEN=1 rewrites it; review the diff)",
            path.display(),
            line + 1,
            expected.lines().nth(line),
            actual.lines().nth(line)
        );
    }
}

fn json_text(s: &Session) -> String {
    let mut t = serde_json::to_string_pretty(&gehoor::export::json(&record(s))).unwrap();
    t.push('\n');
    t
}

#[test]
fn golden_markdown() {
    golden(
        "record.md",
        &gehoor::export::markdown(&record(&session()), Lang::Nl),
    );
}

#[test]
fn golden_html() {
    golden(
        "record.html",
        &gehoor::export::html(&record(&session()), Lang::Nl),
    );
}

#[test]
fn golden_json() {
    golden("record.json", &json_text(&session()));
}

#[test]
fn golden_markdown_in_english() {
    let mut s = session();
    s.lang = Lang::En;
    golden(
        "record.en.md",
        &gehoor::export::markdown(&record(&s), Lang::En),
    );
}

/// Every text, in the order the reader meets it.
fn assert_in_order(what: &str, text: &str, parts: &[&str]) {
    let mut from = 0;
    for p in parts {
        match text[from..].find(p) {
            Some(i) => from += i + p.len(),
            None => panic!("{what}: {p:?} missing or out of order after byte {from}:\n{text}"),
        }
    }
}

/// What the record must say, in interview order.
const ORDER: &[&str] = &[
    "Oproepen (fictief)",
    "Ontvangen oproepen",
    "Heeft u een oproep ontvangen?",
    "Oproep 1",
    "15 maart 2024",
    "Oproep 2",
    "ca. 2023",
    "oktober 2023 (maand)",
    "Gevolgen",
    "Welke gevolgen had het negeren van de oproep?",
    "Open (verplichte vraag, niet beantwoord)",
    "wil niet antwoorden",
    "onduidelijk",
    "brief van de advocaat van 3 maart 2026",
    "niet van toepassing",
    "Persoon en reis (fictief)",
    "Wat is uw volledige naam?",
    "4 juli 1999",
    "24 jaar",
    "Russisch, Engels",
    "mei 2024 (maand)",
    "Met het vliegtuig",
    "Bewaarde antwoorden",
    "Vertel over dat paspoort.",
    "Oproep 3",
    "2022 (jaar)",
    "Wijzigingen sinds de versie van",
    "Zorgvuldig verslag.",
    "Geschiedenis",
    "Voorlezen met de aanvrager: correcties",
    "goedgekeurd, door Supervisor Fictief",
];

#[test]
fn the_markdown_reads_in_interview_order_without_codes() {
    let md = gehoor::export::markdown(&record(&session()), Lang::Nl);
    assert_in_order("markdown", &md, ORDER);
    for code in [
        "per_post",
        "via_anderen",
        "per_vliegtuig",
        "not_applicable",
        "[Etc/",
        "+01:00[",
    ] {
        assert!(!md.contains(code), "no internal code {code:?}:\n{md}");
    }
    // The ref with backticks and asterisks stays inside its code span.
    assert!(md.contains("``onbekend`**vet**`#p9``"), "{md}");
    assert!(
        md.contains("brief &amp; een telefoontje &lt;'s avonds>"),
        "{md}"
    );
}

fn walk<'a>(v: &'a serde_json::Value, path: &str, out: &mut Vec<(String, &'a str)>) {
    match v {
        serde_json::Value::Object(m) => {
            for (k, x) in m {
                if let (true, Some(s)) = (matches!(k.as_str(), "at" | "since"), x.as_str()) {
                    out.push((format!("{path}.{k}"), s));
                }
                walk(x, &format!("{path}.{k}"), out);
            }
        }
        serde_json::Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                walk(x, &format!("{path}[{i}]"), out);
            }
        }
        _ => {}
    }
}

#[test]
fn the_json_fits_its_schema_and_its_times_are_rfc3339() {
    let schema_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/record.schema.json");
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(schema_path).unwrap()).unwrap();
    let validator = jsonschema::validator_for(&schema).expect("the schema is a valid JSON Schema");
    let doc: serde_json::Value = serde_json::from_str(&json_text(&session())).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&doc)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    // The schema is strict: an unknown field or a raw zone name is refused.
    let mut bad = doc.clone();
    bad["created"]["at"] = "2026-03-02T09:00:00+01:00[Europe/Amsterdam]".into();
    assert!(
        !validator.is_valid(&bad),
        "a bracketed zone is not RFC 3339"
    );
    let mut bad = doc.clone();
    bad["surprise"] = true.into();
    assert!(
        !validator.is_valid(&bad),
        "unknown top-level fields are refused"
    );

    let mut stamps = Vec::new();
    walk(&doc, "", &mut stamps);
    assert!(stamps.len() > 20, "{stamps:?}");
    for (path, s) in stamps {
        let ts: jiff::Timestamp = s.parse().unwrap_or_else(|e| panic!("{path}: {s:?}: {e}"));
        assert_eq!(
            ts.to_zoned(tz())
                .strftime("%Y-%m-%dT%H:%M:%S%:z")
                .to_string(),
            s,
            "{path}: plain RFC 3339 with offset"
        );
    }
    // Labels beside codes.
    let kanaal = doc["answers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["key"] == "fictief_oproep.kanaal#1")
        .unwrap();
    assert_eq!(kanaal["value"]["value"], "persoonlijk");
    assert_eq!(kanaal["value"]["labels"][0], "Persoonlijk overhandigd");
    assert_eq!(kanaal["changed_after"]["before"], "Per post");
    assert_eq!(
        doc["open_required"],
        serde_json::json!(["fictief_oproep.gevolgen"])
    );
}

#[test]
fn export_command_writes_each_format() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let store = gehoor::notes::Store::new(data.join("sessions"));
    let s = session();
    store.create(&s).unwrap();
    for (format, needle) in [
        ("markdown", "# Verslag van het gehoor: FICTIEF-2026-001"),
        ("html", "default-src 'none'"),
        ("json", "\"format\": \"gehoor-record\""),
    ] {
        let out = dir.path().join(format!("record.{format}"));
        let status = assert_cmd::Command::cargo_bin("gehoor")
            .unwrap()
            .env("GEHOOR_CONFIG", dir.path().join("none.toml"))
            .env("TZ", "Europe/Amsterdam")
            .env("LANG", "en_US.UTF-8")
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .arg("--data-dir")
            .arg(&data)
            .arg("--questionnaires")
            .arg(fixtures().join("questionnaires"))
            .arg("--corpus")
            .arg(fixtures().join("corpus"))
            .args(["export", CASE, "--format", format, "-o"])
            .arg(&out)
            .output()
            .unwrap();
        assert!(
            status.status.success(),
            "{format}: {}",
            String::from_utf8_lossy(&status.stderr)
        );
        let text = std::fs::read_to_string(&out).unwrap();
        assert!(text.contains(needle), "{format}:\n{text}");
        // The session is Dutch, whatever the interface language.
        assert!(text.contains("Heeft u een oproep ontvangen?"), "{format}");
    }
}

// ---- printing with headless Chromium -------------------------------------------

fn find_program(names: &[&str]) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    names
        .iter()
        .flat_map(|n| std::env::split_paths(&path).map(move |d| d.join(n)))
        .find(|p| p.is_file())
}

/// Chromium and poppler's tools, or a skip (a failure under CI=true).
fn print_tools() -> Option<(PathBuf, PathBuf, PathBuf)> {
    let tools = (
        find_program(&["chromium", "chromium-browser", "google-chrome"]),
        find_program(&["pdftotext"]),
        find_program(&["pdfinfo"]),
    );
    match tools {
        (Some(c), Some(t), Some(i)) => Some((c, t, i)),
        missing => {
            let msg = format!(
                "record print test needs chromium, pdftotext and pdfinfo (Debian: chromium, poppler-utils); found {missing:?}"
            );
            assert!(
                std::env::var("CI").as_deref() != Ok("true"),
                "{msg}: .ci/run installs them"
            );
            eprintln!("SKIPPED: {msg}");
            None
        }
    }
}

fn chromium(chrome: &Path, dir: &Path, args: &[String]) {
    let out = Command::new("timeout")
        .arg("180")
        .arg(chrome)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--no-default-browser-check",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-extensions",
            "--hide-scrollbars",
        ])
        .arg(format!("--user-data-dir={}", dir.join("profile").display()))
        .args(args)
        .env("HOME", dir)
        .output()
        .expect("chromium runs");
    assert!(
        out.status.success(),
        "chromium {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn the_html_prints_on_a4_with_the_case_on_every_page() {
    let Some((chrome, pdftotext, pdfinfo)) = print_tools() else {
        return;
    };
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("record-print");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let html = dir.join("record.html");
    std::fs::write(&html, gehoor::export::html(&record(&session()), Lang::Nl)).unwrap();
    let url = format!("file://{}", html.display());
    let pdf = dir.join("record.pdf");
    chromium(
        &chrome,
        &dir,
        &[
            "--no-pdf-header-footer".into(),
            format!("--print-to-pdf={}", pdf.display()),
            url.clone(),
        ],
    );
    let png = dir.join("record.png");
    chromium(
        &chrome,
        &dir,
        &[
            "--window-size=900,1800".into(),
            format!("--screenshot={}", png.display()),
            url,
        ],
    );
    let bytes = std::fs::read(&png).unwrap();
    assert!(
        bytes.starts_with(b"\x89PNG") && bytes.len() > 10_000,
        "a real screenshot at {}",
        png.display()
    );

    let info = Command::new(&pdfinfo).arg(&pdf).output().unwrap();
    let info = String::from_utf8_lossy(&info.stdout);
    let pages: usize = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("pdfinfo:\n{info}"));
    assert!(info.contains("(A4)"), "A4 pages:\n{info}");
    assert!((2..=10).contains(&pages), "{pages} pages");
    let text = |first: usize, last: usize| {
        let out = Command::new(&pdftotext)
            .args([
                "-f",
                &first.to_string(),
                "-l",
                &last.to_string(),
                "-enc",
                "UTF-8",
            ])
            .arg(&pdf)
            .arg("-")
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    for page in 1..=pages {
        let t = text(page, page);
        assert!(
            t.contains(&format!("Verslag {CASE}")),
            "page {page} names the case:\n{t}"
        );
        assert!(
            t.contains(&format!("Pagina {page} van {pages}")),
            "page {page} is numbered:\n{t}"
        );
    }
    // Lines wrap where the page ends them: compare words, not lines.
    let words = text(1, pages)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert_in_order("printed PDF", &words, ORDER);
    eprintln!(
        "record printed: {pages} pages, {} and {}",
        pdf.display(),
        png.display()
    );
}

#[test]
fn the_lifecycle_through_the_store() {
    let dir = tempfile::tempdir().unwrap();
    let store = gehoor::notes::Store::new(dir.path().join("sessions"));
    let cat = catalog();
    let qn = cat.questionnaire("fictief_oproep").unwrap();
    let mut s = Session::new(
        "FICTIEF-2",
        INTERVIEWER,
        Lang::Nl,
        gehoor::interview::uses(&[qn]),
        &t(0),
    );
    s.set_value("fictief_oproep.ontvangen", Some(Value::YesNo(true)), &t(0));
    let mut h = store.create(&s).unwrap();
    s.submit(INTERVIEWER, &t(10)).unwrap();
    h.save(&s).unwrap();
    drop(h);

    // Self-approval is refused and writes nothing.
    let before = std::fs::read(store.path_of(s.id)).unwrap();
    let err = store
        .add_review(s.id, |r| r.approve(INTERVIEWER, &t(20), Policy::default()))
        .unwrap_err();
    assert!(
        err.render(gehoor::i18n::Strings::get(Lang::En))
            .contains("four-eyes")
    );
    assert_eq!(std::fs::read(store.path_of(s.id)).unwrap(), before);

    // The interviewer reopens with a reason, amends, resubmits.
    let (mut open, mut h) = crate::support::locks::open_for_write(&store, s.id);
    open.reopen(INTERVIEWER, "brief van de advocaat", &t(30))
        .unwrap();
    open.amend(
        "fictief_oproep.ontvangen",
        Amendment {
            by: INTERVIEWER.into(),
            at: t(31),
            source: "brief van de advocaat van 3 maart 2026".into(),
            value: None,
            text: "Twee oproepen, niet één.".into(),
        },
    )
    .unwrap();
    open.submit(INTERVIEWER, &t(32)).unwrap();
    h.save(&open).unwrap();
    drop(h);

    // A second person approves; everything is on disk.
    let approved = store
        .add_review(s.id, |r| r.approve(SUPERVISOR, &t(40), Policy::default()))
        .unwrap();
    let disk = store.open_read_only(s.id).unwrap();
    assert_eq!(disk, approved);
    assert_eq!(disk.status, gehoor::notes::Status::Approved);
    let steps: Vec<(&str, &str, Option<&str>)> = disk
        .history
        .iter()
        .map(|h| (h.to.code(), h.by.as_str(), h.reason.as_deref()))
        .collect();
    assert_eq!(
        steps,
        [
            ("submitted", INTERVIEWER, None),
            ("draft", INTERVIEWER, Some("brief van de advocaat")),
            ("submitted", INTERVIEWER, None),
            ("approved", SUPERVISOR, None),
        ]
    );
    assert_eq!(disk.submissions.len(), 2);
    assert_eq!(disk.answers["fictief_oproep.ontvangen"].amendments.len(), 1);
    assert_eq!(disk.history[1].at, t(30), "when, as given");
}

/// The interviewer opens her submitted session (read-only), presses `O`,
/// gives a reason and Enter: the real loop takes the writer's lock and the
/// file on disk holds the recorded reopen.
#[test]
fn reopen_in_the_real_loop_is_written_with_its_reason() {
    use gehoor::tui::app::App;
    use gehoor::tui::effects::Io;
    use gehoor::tui::events::ScriptEvents;
    use gehoor::tui::runtime::{Ended, Runtime};

    let dir = tempfile::tempdir().unwrap();
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tui");
    let data = gehoor::tui::app::Data::from_files(
        &FileSet::embedded_corpus(),
        &FileSet::from_dir(&fixtures).unwrap(),
        Lang::En,
        "Tester".into(),
    )
    .unwrap();
    let trial = data.catalog.questionnaire("trial").unwrap();
    let mut s = Session::new(
        "CASE-RO",
        "Tester",
        Lang::En,
        gehoor::interview::uses(&[trial]),
        &t(0),
    );
    s.set_value("trial.received", Some(Value::YesNo(true)), &t(1));
    s.submit("Tester", &t(2)).unwrap();
    let store = gehoor::notes::Store::new(dir.path().join("sessions"));
    drop(store.create(&s).unwrap());

    let mut app = App::new(
        Lang::En,
        gehoor::tui::theme::Palette::new(gehoor::config::Theme::Auto, true),
        std::sync::Arc::new(data),
    );
    gehoor::tui::update::open_interview(&mut app, s.clone(), true, false);
    let mut io = Io::new(gehoor::notes::Store::new(dir.path().join("sessions")));
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 40)).unwrap();
    let mut run = |app: &mut App, script: &str| {
        let mut events = ScriptEvents::new(script);
        Runtime {
            terminal: &mut terminal,
            events: &mut events,
            io: &mut io,
            index: None,
        }
        .run(app)
        .unwrap()
    };
    // Esc cancels: nothing is written.
    run(&mut app, "O not<space>this <esc>");
    assert_eq!(
        store.open_read_only(s.id).unwrap().status,
        gehoor::notes::Status::Submitted
    );
    assert_eq!(
        run(
            &mut app,
            "O read-back<space>with<space>the<space>applicant <enter> q q"
        ),
        Ended::Quit
    );
    let disk = store.open_read_only(s.id).unwrap();
    assert_eq!(disk.status, gehoor::notes::Status::Draft);
    let h = disk.history.last().unwrap();
    assert_eq!(h.from, gehoor::notes::Status::Submitted);
    assert_eq!(h.by, "Tester");
    assert_eq!(h.reason.as_deref(), Some("read-back with the applicant"));
    assert_eq!(disk.submissions.len(), 1, "the submitted version is kept");
}
