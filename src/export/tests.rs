//! The record from a small session over the shipped `summons` questionnaire.
//! The full golden record (every question kind, every lifecycle event) is
//! in tests/it/record.rs.

use jiff::Zoned;
use jiff::tz::{Offset, TimeZone};

use super::*;
use crate::i18n::Lang;
use crate::notes::{Policy, Session};
use crate::questionnaire::{AnswerStatus, Catalog, Value};

fn catalog() -> Catalog {
    crate::questionnaire::load(&crate::assets::FileSet::embedded_questionnaires()).0
}

fn at(s: &str) -> Zoned {
    crate::notes::parse_stamp(s).unwrap()
}

fn tz() -> TimeZone {
    TimeZone::fixed(Offset::from_seconds(3600).unwrap())
}

fn sample(lang: Lang) -> Session {
    let cat = catalog();
    let qn = cat.questionnaire("summons").unwrap();
    let mut s = Session::new(
        "TEST-EXPORT",
        "Interviewer A",
        lang,
        crate::interview::uses(&[qn]),
        &crate::notes::now(),
    );
    s.set_value(
        "summons.received",
        Some(Value::Choice("yes".into())),
        &crate::notes::now(),
    );
    s.add_group_instance("summons.summonses", &crate::notes::now());
    s.add_group_instance("summons.summonses", &crate::notes::now());
    s.set_value(
        "summons.date#1",
        Some(Value::Date("2024-03".parse().unwrap())),
        &crate::notes::now(),
    );
    s.set_value(
        "summons.date#2",
        Some(Value::Date("~2023".parse().unwrap())),
        &crate::notes::now(),
    );
    s.set_value(
        "summons.channel#1",
        Some(Value::Choice("via_others".into())),
        &crate::notes::now(),
    );
    s.set_status(
        "summons.purpose#1",
        AnswerStatus::Declined,
        &crate::notes::now(),
    );
    s.set_note(
        "summons.aftermath#1",
        "Line one & <two>\n# three",
        &crate::notes::now(),
    );
    s.cite("summons.received", "doc`x`#1", &crate::notes::now());
    s.submit("Interviewer A", &at("2026-03-02T10:00:00+01:00"))
        .unwrap();
    s
}

#[test]
fn the_record_follows_the_interview_not_the_keys() {
    let s = sample(Lang::Nl);
    let rec = build(&s, &catalog(), &NoPassages, &tz());
    let keys: Vec<&str> = rec.items().map(|i| i.key.as_str()).collect();
    let pos = |k: &str| {
        keys.iter()
            .position(|x| *x == k)
            .unwrap_or_else(|| panic!("{k} in {keys:?}"))
    };
    assert!(pos("summons.received") < pos("summons.date#1"));
    assert!(pos("summons.date#1") < pos("summons.purpose#1"));
    assert!(pos("summons.purpose#1") < pos("summons.channel#1"));
    assert!(pos("summons.aftermath#1") < pos("summons.date#2"));
    let md = markdown(&rec, Lang::Nl);
    assert!(md.contains("#### Oproep 1\n"), "{md}");
    assert!(md.contains("#### Oproep 2\n"), "{md}");
    assert!(md.contains("maart 2024 (maand)"), "{md}");
    assert!(md.contains("ca. 2023"), "{md}");
    assert!(!md.contains("via_others"), "labels, not codes:\n{md}");
    assert!(md.contains("wil niet antwoorden"), "{md}");
    assert!(md.contains("2 maart 2026, 10:00 (UTC+01:00)"), "{md}");
    // Multi-line notes keep their lines; & and < cannot become HTML; a
    // backtick in a ref cannot end the code span.
    assert!(
        md.contains("> Line one &amp; &lt;two>  \n  > \\# three"),
        "{md}"
    );
    assert!(md.contains("``doc`x`#1``"), "{md}");
}

#[test]
fn open_required_questions_are_listed_as_open() {
    let cat = catalog();
    let qn = cat.questionnaire("summons").unwrap();
    let s = Session::new(
        "T",
        "A",
        Lang::En,
        crate::interview::uses(&[qn]),
        &crate::notes::now(),
    );
    let rec = build(&s, &cat, &NoPassages, &tz());
    let open: Vec<&str> = rec
        .items()
        .filter(|i| i.is_open_required())
        .map(|i| i.key.as_str())
        .collect();
    assert_eq!(open, ["summons.received"]);
    assert!(markdown(&rec, Lang::En).contains("Open (required question, not answered)"));
}

#[test]
fn changes_after_a_reopen_are_marked_against_the_submitted_version() {
    let mut s = sample(Lang::En);
    s.reopen(
        "Interviewer A",
        "read-back",
        &at("2026-03-03T09:00:00+01:00"),
    )
    .unwrap();
    s.set_value(
        "summons.date#2",
        Some(Value::Date("2023-05".parse().unwrap())),
        &crate::notes::now(),
    );
    let rec = build(&s, &catalog(), &NoPassages, &tz());
    let ch = rec
        .changes
        .as_ref()
        .expect("changes since the reopened version");
    assert_eq!(ch.lines.len(), 1);
    assert_eq!(ch.lines[0].before, "c. 2023");
    assert_eq!(ch.lines[0].after, "May 2023 (month)");
    let item = rec.items().find(|i| i.key == "summons.date#2").unwrap();
    assert!(item.answer.as_ref().unwrap().changed.is_some());
    let j = json(&rec);
    assert_eq!(j["history"][1]["reason"], "read-back");
    assert_eq!(j["history"][1]["to"], "draft");
}

#[test]
fn json_has_labels_beside_codes_and_rfc3339_times() {
    let mut s = sample(Lang::En);
    s.approve(
        "Supervisor B",
        &at("2026-03-04T12:30:00+01:00"),
        Policy::default(),
    )
    .unwrap();
    let j = json(&build(&s, &catalog(), &NoPassages, &tz()));
    assert_eq!(j["format"], JSON_FORMAT);
    assert_eq!(j["status"]["code"], "approved");
    assert_eq!(j["approved"]["at"], "2026-03-04T12:30:00+01:00");
    let channel = j["answers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["key"] == "summons.channel#1")
        .unwrap();
    assert_eq!(channel["value"]["value"], "via_others");
    assert!(channel["value"]["labels"][0].as_str().unwrap().len() > 3);
    assert_eq!(channel["instance"], 1);
}

/// `conscription.age_2024` is computed from `identity_travel.birth_date`:
/// the record shows the age as precisely as the birth date is known.
#[test]
fn a_computed_age_is_derived_from_the_birth_date_with_its_precision() {
    let cat = catalog();
    let uses = crate::interview::uses(&[
        cat.questionnaire("identity_travel").unwrap(),
        cat.questionnaire("conscription").unwrap(),
    ]);
    let record = |birth: Option<&str>, lang: Lang| {
        let mut s = Session::new("T", "A", lang, uses.clone(), &crate::notes::now());
        if let Some(b) = birth {
            s.set_value(
                "identity_travel.birth_date",
                Some(Value::Date(b.parse().unwrap())),
                &crate::notes::now(),
            );
        }
        build(&s, &cat, &NoPassages, &tz())
    };
    let derived = |rec: &Record| {
        rec.items()
            .find(|i| i.key == "conscription.age_2024")
            .and_then(|i| i.derived.clone())
            .expect("the computed question is in the record")
    };

    let exact = record(Some("1996-07-04"), Lang::En);
    let d = derived(&exact);
    assert_eq!(d.from, "identity_travel.birth_date");
    assert_eq!(
        d.text,
        "27 years on 1 January 2024, derived from the date of birth \
         (4 July 1996, question identity_travel.birth_date)"
    );
    let md = markdown(&exact, Lang::En);
    assert!(md.contains(&format!("- **Derived:** {}", d.text)), "{md}");
    assert!(html(&exact, Lang::En).contains("<dt>Derived</dt><dd>27 years on"));
    let j = json(&exact);
    let item = j["answers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["key"] == "conscription.age_2024")
        .unwrap();
    assert_eq!(item["derived"]["min"], 27);
    assert_eq!(item["derived"]["max"], 27);
    assert_eq!(item["derived"]["on"], "2024-01-01");
    assert_eq!(item["value"], serde_json::Value::Null, "nothing was asked");

    // A year that spans the birthday gives both ages; an approximate date says so.
    let year = derived(&record(Some("1997"), Lang::Nl));
    assert!(
        year.text.starts_with("26–27 jaar op 1 januari 2024"),
        "{}",
        year.text
    );
    assert_eq!(
        (&year.data["min"], &year.data["max"]),
        (&26.into(), &27.into())
    );
    let about = derived(&record(Some("~1996-05"), Lang::Nl));
    assert!(about.text.starts_with("ca. 27 jaar"), "{}", about.text);
    assert_eq!(about.data["approximate"], true);

    // Without a birth date nothing is derived and nothing is invented.
    let none = record(None, Lang::En);
    let d = derived(&none);
    assert!(d.text.starts_with("Cannot be derived yet"), "{}", d.text);
    assert_eq!(d.data["min"], serde_json::Value::Null);
    assert!(!markdown(&none, Lang::En).contains("27 years"));
}
