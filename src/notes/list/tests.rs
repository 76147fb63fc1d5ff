use super::*;
use crate::i18n::Lang;
use crate::notes::{Session, parse_session};
use crate::questionnaire::{AnswerStatus, Value};
use std::path::Path;

fn full(text: &str) -> SessionSummary {
    SessionSummary::of(&parse_session(Path::new("x"), text).unwrap(), "x".into())
}

fn sessions() -> Vec<Session> {
    let empty = Session::new(
        "TEST-EMPTY",
        "A",
        Lang::Nl,
        Vec::new(),
        &crate::notes::now(),
    );
    let mut rich = Session::new(
        "TEST-RICH \"q\"",
        "A \\ B",
        Lang::En,
        Vec::new(),
        &crate::notes::now(),
    );
    rich.note = "line\n[answers.\"fake\"]\nflagged = true\n[[comments]]".into();
    rich.set_value(
        "a.b",
        Some(Value::Text("x\n[[comments]]\nid = 1".into())),
        &crate::notes::now(),
    );
    rich.set_status("a.declined", AnswerStatus::Declined, &crate::notes::now());
    rich.set_note("a.note_only", "just a note", &crate::notes::now());
    rich.set_flagged("a.note_only", true, &crate::notes::now());
    rich.set_value(
        "a.date#1",
        Some(Value::Date("2024-02".parse().unwrap())),
        &crate::notes::now(),
    );
    rich.set_flagged("a.date#1", true, &crate::notes::now());
    rich.set_status("a.date#1", AnswerStatus::Unclear, &crate::notes::now());
    rich.add_group_instance("a.g", &crate::notes::now());
    rich.add_group_instance("a.g", &crate::notes::now());
    rich.set_value("a.gone#2", Some(Value::YesNo(true)), &crate::notes::now());
    rich.remove_group_instance("a.g", 2, &["a.gone"], &crate::notes::now())
        .unwrap();
    rich.add_comment("B", Some("a.b"), "c1", &crate::notes::now());
    rich.add_comment("B", None, "c2\n[answers.\"x\"]", &crate::notes::now());
    let at = crate::notes::now();
    let amendment = crate::notes::Amendment {
        by: "C".into(),
        at: at.clone(),
        source: "applicant at read-back".into(),
        value: Some(Value::Date("2024-03".parse().unwrap())),
        text: "corrected".into(),
    };
    rich.amend("a.date#1", amendment).unwrap();
    rich.submit("A", &at).unwrap();
    rich.return_for_work("B", "why", &crate::notes::now())
        .unwrap();
    let mut one_comment = Session::new("TEST-ONE", "A", Lang::Nl, Vec::new(), &crate::notes::now());
    one_comment.add_comment("B", None, "only", &crate::notes::now());
    vec![empty, rich, one_comment]
}

#[test]
fn fast_summary_agrees_with_the_full_parse() {
    for s in sessions() {
        let text = s.to_toml();
        let fast =
            fast_summary("x".into(), &text).unwrap_or_else(|| panic!("fast path refused:\n{text}"));
        assert_eq!(fast, full(&text), "{text}");
    }
}

#[test]
fn status_only_answers_are_counted_apart_from_real_answers() {
    // `a.b` has a value; `a.declined` and `a.date#1` (a value, but marked
    // unclear) are status only; `a.note_only` is neither.
    let text = sessions()[1].to_toml();
    let fast = fast_summary("x".into(), &text).unwrap();
    assert_eq!((fast.answered, fast.status_only), (1, 2), "{text}");
}

#[test]
fn anything_unexpected_falls_back() {
    let text = sessions()[1].to_toml();
    // Truncated at a line boundary inside an answer: required keys missing.
    let at = text.find("\n[answers.").unwrap() + 1;
    let status_line = text[at..].find("status = ").unwrap() + at;
    let truncated = &text[..text[status_line..].find('\n').unwrap() + status_line + 1];
    assert!(parse_session(Path::new("x"), truncated).is_err());
    assert!(fast_summary("x".into(), truncated).is_none());
    assert!(
        fast_summary(
            "x".into(),
            &text.replace(
                &format!("schema_version = {SCHEMA_VERSION}"),
                "schema_version = 0"
            )
        )
        .is_none()
    );
    assert!(fast_summary("x".into(), &format!("{text}\n[answers.\"a.b\"\n")).is_none());
    assert!(
        fast_summary(
            "x".into(),
            &format!("{text}\n[answers.\"z\"]\nstatus.x = 1\n")
        )
        .is_none()
    );
    assert!(
        fast_summary(
            "x".into(),
            &text.replace("[[comments]]", "[[\"comments\"]]")
        )
        .is_none()
    );
    // A misspelt key anywhere, or a table the scan does not model.
    for (from, to) in [
        ("\nnote = ", "\nnte = "),
        ("\nflagged = ", "\nflaged = "),
        ("\nauthor = ", "\nauthr = "),
        ("\nby = ", "\nbye = "),
    ] {
        // The last one: the rich session's note holds look-alike lines.
        let at = text.rfind(from).unwrap_or_else(|| panic!("{from:?}"));
        let bad = format!("{}{to}{}", &text[..at], &text[at + from.len()..]);
        assert!(parse_session(Path::new("x"), &bad).is_err(), "{to:?}");
        assert!(fast_summary("x".into(), &bad).is_none(), "{to:?}");
    }
    assert!(
        fast_summary(
            "x".into(),
            &format!(
                "{text}
[[removed]]
key = \"a.b\"
remvoed = 1
"
            )
        )
        .is_none()
    );
    let v0 = include_str!("../../../tests/fixtures/sessions/v0-draft.toml");
    assert!(fast_summary("x".into(), v0).is_none());
    let empty = sessions()[0].to_toml();
    assert!(empty.contains("history = []"));
    let inline = empty.replace("[answers]\n", "").replacen(
        "history = []",
        "history = []\nanswers = { \"q.a\" = { status = \"answered\" } }",
        1,
    );
    assert!(fast_summary("x".into(), &inline).is_none());
}
