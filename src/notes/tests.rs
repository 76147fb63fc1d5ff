use super::*;
use crate::questionnaire::PartialDate;

fn sample() -> Session {
    Session::new(
        "ZAAK-0001",
        "Interviewer A",
        Lang::Nl,
        vec![QuestionnaireUse {
            id: "summons".into(),
            version: 2,
            hash: "abc123".into(),
        }],
        &crate::notes::now(),
    )
}

#[test]
fn answer_keys_round_trip() {
    assert_eq!(answer_key("summons.received", None), "summons.received");
    assert_eq!(answer_key("summons.date", Some(3)), "summons.date#3");
    assert_eq!(
        parse_answer_key("summons.date#3"),
        ("summons.date", Some(3))
    );
    assert_eq!(
        parse_answer_key("summons.received"),
        ("summons.received", None)
    );
    assert_eq!(parse_answer_key("a.b#0"), ("a.b#0", None));
    assert_eq!(parse_answer_key("a.b#x"), ("a.b#x", None));
}

#[test]
fn every_field_survives_toml() {
    let mut s = sample();
    s.note = "Tolk: \"Ivan\" — \u{431}\u{435}\u{437}\nregel 2".into();
    s.set_value(
        "summons.received",
        Some(Value::YesNo(true)),
        &crate::notes::now(),
    );
    s.set_value(
        "summons.date#1",
        Some(Value::Date("~2023-04".parse::<PartialDate>().unwrap())),
        &crate::notes::now(),
    );
    s.set_value(
        "summons.how#1",
        Some(Value::Choices(vec!["paper".into(), "gosuslugi".into()])),
        &crate::notes::now(),
    );
    s.set_value(
        "identity.age",
        Some(Value::Number(34.5)),
        &crate::notes::now(),
    );
    s.set_status(
        "identity.phone",
        AnswerStatus::Declined,
        &crate::notes::now(),
    );
    s.set_note("summons.received", "said twice", &crate::notes::now());
    s.cite(
        "summons.received",
        "ambtsbericht-rf-2025#1.1.3/p2",
        &crate::notes::now(),
    );
    s.set_flagged("summons.received", true, &crate::notes::now());
    s.add_group_instance("summons.summonses", &crate::notes::now());
    s.add_comment(
        "Supervisor B",
        Some("summons.received"),
        "Ask about the envelope",
        &crate::notes::now(),
    );
    s.add_comment("Supervisor B", None, "Good session", &crate::notes::now());
    s.submit("Interviewer A", &crate::notes::now()).unwrap();
    s.return_for_work("Supervisor B", "dates unclear", &crate::notes::now())
        .unwrap();
    let text = s.to_toml();
    assert!(
        text.starts_with(&format!("schema_version = {SCHEMA_VERSION}\n")),
        "{text}"
    );
    let back = parse_session(std::path::Path::new("x.toml"), &text).unwrap();
    assert_eq!(back, s);
    assert_eq!(back.to_toml(), text, "serialisation is stable");
}

#[test]
fn cite_is_idempotent_and_uncite_removes() {
    let mut s = sample();
    s.cite("a.b", "doc#1", &crate::notes::now());
    s.cite("a.b", "doc#1", &crate::notes::now());
    s.cite("a.b", "doc#2", &crate::notes::now());
    assert_eq!(s.answers["a.b"].cited, ["doc#1", "doc#2"]);
    s.uncite("a.b", "doc#1", &crate::notes::now());
    assert_eq!(s.answers["a.b"].cited, ["doc#2"]);
}

#[test]
fn status_only_moves_along_the_workflow() {
    let mut s = sample();
    assert!(matches!(
        s.approve("B", &crate::notes::now(), Policy::default()),
        Err(Error::InvalidTransition { .. })
    ));
    assert!(s.return_for_work("B", "x", &crate::notes::now()).is_err());
    s.submit("A", &crate::notes::now()).unwrap();
    assert!(s.submit("A", &crate::notes::now()).is_err());
    s.return_for_work("B", "missing dates", &crate::notes::now())
        .unwrap();
    s.submit("A", &crate::notes::now()).unwrap();
    s.approve("B", &crate::notes::now(), Policy::default())
        .unwrap();
    assert_eq!(s.status, Status::Approved);
    let path: Vec<_> = s.history.iter().map(|h| (h.from, h.to)).collect();
    assert_eq!(
        path,
        [
            (Status::Draft, Status::Submitted),
            (Status::Submitted, Status::Returned),
            (Status::Returned, Status::Submitted),
            (Status::Submitted, Status::Approved)
        ]
    );
    assert_eq!(s.history[1].reason.as_deref(), Some("missing dates"));
    assert_eq!(s.history[1].by, "B");
}

#[test]
fn removing_an_instance_archives_and_renumbers() {
    let mut s = sample();
    let g = "summons.summonses";
    let qs = ["summons.date", "summons.how"];
    for n in 1..=3 {
        assert_eq!(s.add_group_instance(g, &crate::notes::now()), n);
        s.set_value(
            &answer_key("summons.date", Some(n as usize)),
            Some(Value::Text(format!("d{n}"))),
            &crate::notes::now(),
        );
    }
    s.set_note(
        &answer_key("summons.how", Some(2)),
        "by post",
        &crate::notes::now(),
    );
    let archived = s
        .remove_group_instance(g, 2, &qs, &crate::notes::now())
        .unwrap();
    assert_eq!(archived, 2);
    assert_eq!(s.group_count(g), 2);
    assert_eq!(
        s.answers["summons.date#1"].value,
        Some(Value::Text("d1".into()))
    );
    assert_eq!(
        s.answers["summons.date#2"].value,
        Some(Value::Text("d3".into()))
    );
    assert!(!s.answers.contains_key("summons.date#3"));
    let keys: Vec<_> = s.removed.iter().map(|r| r.key.as_str()).collect();
    assert_eq!(keys, ["summons.date#2", "summons.how#2"]);
    assert_eq!(s.removed[0].answer.value, Some(Value::Text("d2".into())));
    assert!(
        s.remove_group_instance(g, 5, &qs, &crate::notes::now())
            .is_err()
    );
}

#[test]
fn merge_keeps_both_sides_comments_and_latest_status() {
    let mut interviewer = sample();
    interviewer.submit("A", &crate::notes::now()).unwrap();
    let mut reviewer = interviewer.clone();
    interviewer.add_comment("A", None, "note to self", &crate::notes::now());
    interviewer.set_value("x.y", Some(Value::YesNo(false)), &crate::notes::now());
    reviewer.add_comment("B", Some("x.y"), "why?", &crate::notes::now());
    reviewer
        .return_for_work("B", "more detail", &crate::notes::now())
        .unwrap();
    assert!(merge::merge_review(&mut interviewer, &reviewer));
    assert_eq!(interviewer.comments.len(), 2);
    assert_eq!(interviewer.status, Status::Returned);
    assert!(interviewer.answers.contains_key("x.y"));
    assert!(
        !merge::merge_review(&mut interviewer, &reviewer),
        "idempotent"
    );
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(200))]

    /// Whatever is typed (quotes, newlines, `"""`, control characters,
    /// any script) comes back unchanged, and the list's fast summary agrees.
    #[test]
    fn any_text_survives_the_file(
        note in "\\PC*|[\"\\\\\n\r\t'#\\[\\]=]{0,12}",
        case in "\\PC{0,20}",
        key in "[a-z]{1,6}\\.[a-z\"#. ]{1,8}",
        answer in proptest::prelude::any::<String>(),
        comment in "(\\PC|\n){0,40}",
    ) {
        let mut s = sample();
        s.note = note;
        s.case_ref = case;
        s.set_value(&key, Some(Value::Text(answer.clone())), &crate::notes::now());
        s.set_note(&key, answer, &crate::notes::now());
        s.set_flagged(&key, true, &crate::notes::now());
        s.add_comment("B", Some(&key), &comment, &crate::notes::now());
        let text = s.to_toml();
        let back = parse_session(std::path::Path::new("x.toml"), &text).unwrap();
        proptest::prop_assert_eq!(&back, &s);
        let full = store::SessionSummary::of(&back, "x".into());
        if let Some(fast) = list::fast_summary("x".into(), &text) {
            proptest::prop_assert_eq!(fast, full);
        }
    }
}

#[test]
fn cited_passages_keep_a_hash_and_the_fast_list_still_reads_them() {
    let mut s = sample();
    let at = crate::notes::now();
    s.cite_passage("summons.received", "doc#1.1", "de tekst", true, &at);
    s.cite_passage("summons.received", "doc#1.1", "de nieuwe tekst", false, &at);
    s.cite_passage("summons.received", "doc#2", "andere tekst", false, &at);
    let a = &s.answers["summons.received"];
    assert_eq!(a.cited, ["doc#1.1", "doc#2"]);
    assert_eq!(
        a.cited_hash("doc#1.1"),
        Some(crate::corpus::citation::passage_hash("de nieuwe tekst").as_str())
    );
    assert_eq!(
        a.cited_text("doc#1.1"),
        None,
        "re-citing replaces what was kept"
    );
    s.uncite("summons.received", "doc#2", &at);
    assert_eq!(s.answers["summons.received"].cited_passages.len(), 1);
    let text = s.to_toml();
    let fast = super::list::fast_summary("x".into(), &text).expect("fast path accepts citations");
    let full = SessionSummary::of(
        &parse_session(std::path::Path::new("x"), &text).unwrap(),
        "x".into(),
    );
    assert_eq!(fast, full);
}
