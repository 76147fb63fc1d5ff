//! The record's lifecycle: read-only after submit, recorded reopens,
//! amendments beside the original, the four-eyes rule, the returned diff.

use super::*;
use crate::i18n::Lang;
use crate::notes::{Amendment, parse_session};

fn at(minutes: i64) -> Zoned {
    crate::notes::parse_stamp("2026-03-02T09:00:00+01:00")
        .unwrap()
        .checked_add(jiff::SignedDuration::from_mins(minutes))
        .unwrap()
}

fn submitted() -> Session {
    let mut s = Session::new(
        "TEST-LIFE",
        "Anna Interviewer",
        Lang::Nl,
        Vec::new(),
        &crate::notes::now(),
    );
    s.set_value(
        "t.q",
        Some(Value::Text("first".into())),
        &crate::notes::now(),
    );
    s.set_status("t.r", AnswerStatus::Declined, &crate::notes::now());
    s.submit("Anna Interviewer", &at(10)).unwrap();
    s
}

fn amendment(by: &str, minutes: i64) -> Amendment {
    Amendment {
        by: by.into(),
        at: at(minutes),
        source: "applicant at read-back".into(),
        value: Some(Value::Text("corrected".into())),
        text: "She meant the second letter.".into(),
    }
}

#[test]
fn a_submitted_session_is_read_only_until_reopened_with_a_reason() {
    let mut s = submitted();
    assert!(matches!(
        s.ensure_editable(),
        Err(Error::Refused(Refusal::ReadOnly {
            status: Status::Submitted
        }))
    ));
    assert!(s.amend("t.q", amendment("Anna Interviewer", 20)).is_err());
    assert!(matches!(
        s.reopen("Anna Interviewer", "  ", &at(20)),
        Err(Error::Refused(Refusal::ReasonRequired))
    ));
    assert_eq!(
        s.status,
        Status::Submitted,
        "a refused reopen changes nothing"
    );
    s.reopen("Anna Interviewer", "read-back with the applicant", &at(30))
        .unwrap();
    s.ensure_editable().unwrap();
    let h = s.history.last().unwrap();
    assert_eq!((h.from, h.to), (Status::Submitted, Status::Draft));
    assert_eq!(h.by, "Anna Interviewer");
    assert_eq!(h.at, at(30));
    assert_eq!(h.reason.as_deref(), Some("read-back with the applicant"));
    // Only a submitted session can be reopened.
    assert!(s.reopen("Anna Interviewer", "again", &at(31)).is_err());
}

#[test]
fn amendments_keep_the_original_answer() {
    let mut s = submitted();
    s.reopen("Anna Interviewer", "read-back", &at(30)).unwrap();
    s.amend("t.q", amendment("Anna Interviewer", 40)).unwrap();
    let a = &s.answers["t.q"];
    assert_eq!(
        a.value,
        Some(Value::Text("first".into())),
        "the original stays"
    );
    assert_eq!(a.amendments.len(), 1);
    assert_eq!(a.amendments[0].source, "applicant at read-back");
    let mut empty = amendment("B", 41);
    (empty.value, empty.text) = (None, " ".into());
    assert!(matches!(
        s.amend("t.q", empty),
        Err(Error::Refused(Refusal::EmptyAmendment))
    ));
    let mut sourceless = amendment("B", 42);
    sourceless.source.clear();
    assert!(s.amend("t.q", sourceless).is_err());
    // An addition may fill a question left open.
    s.amend("t.open", amendment("Lawyer's clerk", 43)).unwrap();
    assert!(s.answers["t.open"].value.is_none());
    let back = parse_session(std::path::Path::new("x"), &s.to_toml()).unwrap();
    assert_eq!(back, s, "amendments and submissions survive the file");
}

#[test]
fn nobody_approves_what_they_interviewed_or_amended() {
    let mut s = submitted();
    for who in ["Anna Interviewer", " anna interviewer "] {
        assert!(matches!(
            s.approve(who, &at(50), Policy::default()),
            Err(Error::Refused(Refusal::SelfApproval { .. }))
        ));
    }
    s.reopen("Anna Interviewer", "read-back", &at(30)).unwrap();
    s.amend("t.q", amendment("Bram Supervisor", 40)).unwrap();
    s.submit("Anna Interviewer", &at(45)).unwrap();
    assert!(
        s.approve("Bram Supervisor", &at(50), Policy::default())
            .is_err()
    );
    assert_eq!(s.status, Status::Submitted);
    // The configuration may allow it explicitly.
    let mut allowed = s.clone();
    allowed
        .approve(
            "Bram Supervisor",
            &at(50),
            Policy {
                allow_self_approval: true,
            },
        )
        .unwrap();
    // A second person approves.
    s.approve("Carla Supervisor", &at(55), Policy::default())
        .unwrap();
    assert_eq!(s.status, Status::Approved);
    assert_eq!(s.history.last().unwrap().by, "Carla Supervisor");
}

#[test]
fn the_supervisor_sees_what_changed_since_the_returned_version() {
    let mut s = submitted();
    assert!(s.changes_since_returned().is_empty(), "never returned");
    s.return_for_work("Bram Supervisor", "dates?", &at(20))
        .unwrap();
    s.set_value(
        "t.q",
        Some(Value::Text("second".into())),
        &crate::notes::now(),
    );
    s.set_status("t.r", AnswerStatus::Answered, &crate::notes::now());
    s.set_value("t.new", Some(Value::YesNo(true)), &crate::notes::now());
    s.set_flagged("t.q", true, &crate::notes::now());
    s.submit("Anna Interviewer", &at(40)).unwrap();
    let base = s.returned_version().unwrap();
    assert_eq!(base.at, at(10), "the version that was returned");
    let changes = s.changes_since_returned();
    let keys: Vec<&str> = changes.iter().map(|c| c.key.as_str()).collect();
    assert_eq!(keys, ["t.new", "t.q", "t.r"], "a flag alone is no change");
    let q = &changes[1];
    assert_eq!(
        q.before.as_ref().unwrap().value,
        Some(Value::Text("first".into()))
    );
    assert_eq!(
        q.after.as_ref().unwrap().value,
        Some(Value::Text("second".into()))
    );
    assert!(
        changes[2].after.is_none(),
        "the declined status was taken back"
    );
}

#[test]
fn answers_record_when_they_were_first_given() {
    let mut s = Session::new("T", "A", Lang::Nl, Vec::new(), &crate::notes::now());
    s.set_note("t.q", "a note is not an answer", &crate::notes::now());
    assert!(s.answers["t.q"].given.is_none());
    s.set_value("t.q", Some(Value::YesNo(true)), &crate::notes::now());
    let first = s.answers["t.q"].given.clone().unwrap();
    s.set_value("t.q", Some(Value::YesNo(false)), &crate::notes::now());
    assert_eq!(s.answers["t.q"].given, Some(first), "first given stays");
    s.set_status("t.r", AnswerStatus::Unclear, &crate::notes::now());
    assert!(s.answers["t.r"].given.is_some(), "a status is given too");
}

#[test]
fn version_1_files_still_load() {
    let v1 = "schema_version = 1\nid = \"0190a6f2-3c4d-7e8f-9a0b-1c2d3e4f5a6d\"\n\
              case_ref = \"TEST-V1\"\ninterviewer = \"A\"\n\
              created = \"2026-03-02T09:00:00+01:00[Europe/Amsterdam]\"\n\
              updated = \"2026-03-02T09:00:00+01:00[Europe/Amsterdam]\"\n\
              lang = \"nl\"\nstatus = \"submitted\"\n\n[answers.\"t.q\"]\nstatus = \"answered\"\n\
              created = \"2026-03-02T09:00:00+01:00\"\nupdated = \"2026-03-02T09:00:00+01:00\"\n\n\
              [answers.\"t.q\".value]\ntype = \"yes_no\"\nvalue = true\n";
    let s = parse_session(std::path::Path::new("v1.toml"), v1).unwrap();
    assert_eq!(s.schema_version, crate::notes::SCHEMA_VERSION);
    assert_eq!(s.case_ref, "TEST-V1");
    assert!(s.submissions.is_empty() && s.answers["t.q"].given.is_none());
    assert!(s.status.is_read_only());
}

#[test]
fn the_returned_version_is_found_by_order_not_by_clock() {
    // Everything in the same second: the order of the history decides.
    let mut s = submitted();
    let t = s.history[0].at.clone();
    s.return_for_work("B", "why", &t).unwrap();
    s.set_value("t.q", Some(Value::Text("second".into())), &t);
    s.submit("Anna Interviewer", &t).unwrap();
    assert_eq!(s.returned_version(), s.submissions.first());
    assert_eq!(s.changes_since_returned().len(), 1);
    // A file from before submissions were kept: the returned version is
    // unknown, never a later one.
    s.submissions.remove(0);
    assert_eq!(s.returned_version(), None);
}
