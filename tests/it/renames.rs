//! A session started on the first version of the questionnaires keeps every
//! answer on the current version: renamed questions (also those moved into a
//! repeat group) find their answers again, and retired ones stay readable as
//! removed, never lost.

use gehoor::assets::FileSet;
use gehoor::i18n::Lang;
use gehoor::interview::{Orphan, adopt_renames, orphaned_answers, rows, uses};
use gehoor::notes::Session;
use gehoor::questionnaire::{self, Value};

/// Answer keys as version 1 of the shipped questionnaires stored them.
const OLD_ANSWERS: &[(&str, &str)] = &[
    ("lgbtiq.incidents", "Beaten outside a bar in 2023."),
    (
        "lgbtiq.raid_details",
        "Police at a club; ID photographed, held overnight.",
    ),
    (
        "lgbtiq.official_details",
        "Fined under the propaganda article.",
    ),
    ("critics.protest_details", "A picket on the square."),
    ("prosecution.ukraine_side_units", "no"),
    (
        "critics.role_details",
        "Covered court cases; the editor was fined.",
    ),
    (
        "extremism.organisation_details",
        "Volunteer for a regional office, 2019-2021.",
    ),
    ("exit_restrictions.reported_within_20_days", "no"),
    ("conscription.age_on_2024", "26"),
];

fn old_session() -> (questionnaire::Catalog, Session) {
    let (catalog, _) = questionnaire::load(&FileSet::embedded_questionnaires());
    let used: Vec<_> = [
        "lgbtiq",
        "critics",
        "extremism",
        "exit_restrictions",
        "prosecution",
        "conscription",
        "evasion_desertion",
    ]
    .iter()
    .map(|id| catalog.questionnaire(id).unwrap())
    .collect();
    let at: jiff::Zoned = "2025-03-01T10:00:00+00:00[UTC]".parse().unwrap();
    let mut s = Session::new("CASE-1", "Tester", Lang::En, uses(&used), &at);
    for (key, text) in OLD_ANSWERS {
        s.set_value(key, Some(Value::Text((*text).into())), &at);
    }
    s.set_value("lgbtiq.official_measures", Some(Value::YesNo(true)), &at);
    s.set_value("lgbtiq.raid_present", Some(Value::YesNo(true)), &at);
    s.set_value("critics.protests", Some(Value::YesNo(true)), &at);
    s.set_value(
        "critics.role",
        Some(Value::Choices(vec!["journalist".into()])),
        &at,
    );
    s.set_value(
        "extremism.organisation_designated",
        Some(Value::Choice("yes".into())),
        &at,
    );
    s.set_value(
        "evasion_desertion.assigned_to_unit",
        Some(Value::Choice("yes".into())),
        &at,
    );
    // Split into refusing an order and refusing combat; the old yes/no
    // stays with the order question.
    s.set_value(
        "evasion_desertion.refused_orders",
        Some(Value::YesNo(true)),
        &at,
    );
    // Retired: the interviewer derives the days from two dates.
    s.set_value(
        "evasion_desertion.days_to_border",
        Some(Value::Number(12.0)),
        &at,
    );
    // Written and read back as a session file is.
    let text = toml::to_string(&s).unwrap();
    (catalog, toml::from_str(&text).unwrap())
}

#[test]
fn answers_to_renamed_questions_move_to_their_new_ids() {
    let (catalog, mut s) = old_session();
    let moved = adopt_renames(&catalog, &mut s);
    for (old, new) in [
        ("lgbtiq.incidents", "lgbtiq.incident_what#1"),
        ("lgbtiq.raid_details", "lgbtiq.raid_what#1"),
        ("lgbtiq.official_details", "lgbtiq.official_what#1"),
        ("critics.protest_details", "critics.protest_what#1"),
        ("critics.role_details", "critics.role_activities"),
        (
            "extremism.organisation_details",
            "extremism.organisation_which#1",
        ),
        (
            "evasion_desertion.assigned_to_unit",
            "evasion_desertion.assigned_classification",
        ),
        (
            "evasion_desertion.refused_orders",
            "evasion_desertion.refused_order",
        ),
    ] {
        assert!(
            moved.contains(&(old.to_string(), new.to_string())),
            "{old} → {new} missing from {moved:?}"
        );
        assert!(s.answers.contains_key(new) && !s.answers.contains_key(old));
    }
    // A question that moved into a repeat group makes its first instance.
    assert_eq!(s.group_count("lgbtiq.incident_events"), 1);
    assert_eq!(s.group_count("lgbtiq.raid_events"), 1);
    assert_eq!(s.group_count("critics.protest_events"), 1);
    assert_eq!(s.group_count("extremism.organisation_entries"), 1);
    // The moved answers are shown in the walk, not left aside.
    let keys: Vec<String> = rows(&catalog, &s)
        .iter()
        .filter_map(|r| r.key().map(str::to_owned))
        .collect();
    for shown in [
        "lgbtiq.incident_what#1",
        "lgbtiq.raid_what#1",
        "lgbtiq.official_what#1",
        "critics.protest_what#1",
        "critics.role_activities",
        "extremism.organisation_which#1",
        "evasion_desertion.assigned_classification",
        "evasion_desertion.refused_order",
    ] {
        assert!(keys.iter().any(|k| k == shown), "{shown} not shown");
    }
    // Adopting twice moves nothing more.
    assert!(adopt_renames(&catalog, &mut s).is_empty());
}

#[test]
fn answers_to_retired_questions_stay_readable_as_removed() {
    let (catalog, mut s) = old_session();
    adopt_renames(&catalog, &mut s);
    let walk = rows(&catalog, &s);
    let orphans = orphaned_answers(&catalog, &s, &walk);
    for retired in [
        "prosecution.ukraine_side_units",
        "conscription.age_on_2024",
        "exit_restrictions.reported_within_20_days",
        "evasion_desertion.days_to_border",
    ] {
        assert!(
            orphans.contains(&(retired.to_string(), Orphan::Removed)),
            "{retired} not kept as removed: {orphans:?}"
        );
        assert!(s.answers.contains_key(retired), "{retired} was dropped");
    }
    assert_eq!(s.answers.len(), OLD_ANSWERS.len() + 8);
}

/// The full audit of issue 18 split `identity_travel.third_countries` and
/// `deployment.pay_and_papers`, and retired `deployment.months_before_sent`
/// (the applicant no longer counts months): earlier answers must survive.
#[test]
fn answers_to_split_and_retired_audit_questions_survive() {
    let (catalog, _) = questionnaire::load(&FileSet::embedded_questionnaires());
    let used: Vec<_> = ["identity_travel", "deployment"]
        .iter()
        .map(|id| catalog.questionnaire(id).unwrap())
        .collect();
    let at: jiff::Zoned = "2025-03-01T10:00:00+00:00[UTC]".parse().unwrap();
    let mut s = Session::new("CASE-2", "Tester", Lang::En, uses(&used), &at);
    for (key, text) in [
        (
            "identity_travel.third_countries",
            "Asked for asylum in Finland, refused.",
        ),
        (
            "deployment.pay_and_papers",
            "Conscript pay, then 305 thousand roubles.",
        ),
    ] {
        s.set_value(key, Some(Value::Text(text.into())), &at);
    }
    s.set_value(
        "deployment.months_before_sent",
        Some(Value::Number(3.0)),
        &at,
    );
    let text = toml::to_string(&s).unwrap();
    let mut s: Session = toml::from_str(&text).unwrap();
    let moved = adopt_renames(&catalog, &mut s);
    for (old, new) in [
        (
            "identity_travel.third_countries",
            "identity_travel.protection_abroad",
        ),
        ("deployment.pay_and_papers", "deployment.service_pay"),
    ] {
        assert!(
            moved.contains(&(old.to_string(), new.to_string())),
            "{old} → {new} missing from {moved:?}"
        );
        assert!(s.answers.contains_key(new) && !s.answers.contains_key(old));
    }
    let walk = rows(&catalog, &s);
    let orphans = orphaned_answers(&catalog, &s, &walk);
    assert!(
        orphans.contains(&("deployment.months_before_sent".to_string(), Orphan::Removed)),
        "months_before_sent not kept as removed: {orphans:?}"
    );
    assert_eq!(s.answers.len(), 3);
}
