use super::*;
use crate::notes::QuestionnaireUse;

struct Ctx;

impl ExportContext for Ctx {
    fn question_text(&self, full_id: &str, lang: Lang) -> Option<String> {
        match (full_id, lang) {
            ("summons.received", Lang::En) => Some("Did you receive a summons?".into()),
            ("summons.received", Lang::Nl) => Some("Heeft u een oproep ontvangen?".into()),
            ("summons.date", Lang::En) => Some("When?".into()),
            _ => None,
        }
    }
    fn passage(&self, reference: &str) -> Option<(String, String)> {
        (reference == "ambtsbericht-rf-2025#1.1.3/p2").then(|| {
            (
                "1.1.3 Oproepen".to_string(),
                "Oproepen worden per post bezorgd.\nTweede regel.".to_string(),
            )
        })
    }
}

fn sample() -> Session {
    let mut s = Session::new(
        "TEST-EXPORT",
        "Interviewer A",
        Lang::En,
        vec![QuestionnaireUse {
            id: "summons".into(),
            version: 3,
            hash: "ab".into(),
        }],
        &crate::notes::now(),
    );
    s.set_value(
        "summons.received",
        Some(Value::YesNo(true)),
        &crate::notes::now(),
    );
    s.set_note(
        "summons.received",
        "# not a heading\n\u{1b}[31mred\u{1b}[0m text",
        &crate::notes::now(),
    );
    s.cite(
        "summons.received",
        "ambtsbericht-rf-2025#1.1.3/p2",
        &crate::notes::now(),
    );
    s.cite(
        "summons.received",
        "brief-moratorium-2022",
        &crate::notes::now(),
    );
    s.set_flagged("summons.received", true, &crate::notes::now());
    s.set_value(
        "summons.date#1",
        Some(Value::Date("2023-10".parse().unwrap())),
        &crate::notes::now(),
    );
    s.set_status(
        "summons.other",
        AnswerStatus::Declined,
        &crate::notes::now(),
    );
    s.add_comment(
        "Supervisor B",
        Some("summons.received"),
        "Which office?",
        &crate::notes::now(),
    );
    s.add_comment("Supervisor B", None, "Thorough.", &crate::notes::now());
    s.submit("Interviewer A", &crate::notes::now()).unwrap();
    s.return_for_work(
        "Supervisor B",
        "date of the second summons",
        &crate::notes::now(),
    )
    .unwrap();
    s
}

#[test]
fn markdown_holds_questions_answers_sources_comments_history() {
    let s = sample();
    let m = markdown(&s, &Ctx, Lang::En);
    assert!(m.starts_with("# Interview session: TEST-EXPORT\n"), "{m}");
    assert!(
        m.contains("### Did you receive a summons? — `summons.received`"),
        "{m}"
    );
    assert!(m.contains("- **Answer:** yes"), "{m}");
    assert!(m.contains("### When? (no. 1) — `summons.date#1`"), "{m}");
    assert!(m.contains("- **Answer:** 2023-10"), "{m}");
    assert!(m.contains("### `summons.other`\n"), "{m}");
    assert!(m.contains("- **Status:** declined"), "{m}");
    assert!(m.contains("> \\# not a heading\n"), "{m}");
    assert!(!m.contains('\u{1b}'), "escape sequences are removed");
    assert!(m.contains("> red text\n"), "{m}");
    assert!(m.contains("- `ambtsbericht-rf-2025#1.1.3/p2` — 1.1.3 Oproepen\n\n> Oproepen worden per post bezorgd.\n> Tweede regel.\n"), "{m}");
    assert!(m.contains("- `brief-moratorium-2022`\n"), "{m}");
    assert!(m.contains("Which office?"));
    assert!(m.contains(", whole session): Thorough."), "{m}");
    assert!(
        m.contains("submitted → returned (Supervisor B); reason: date of the second summons"),
        "{m}"
    );
    let nl = markdown(&s, &Ctx, Lang::Nl);
    assert!(nl.contains("### Heeft u een oproep ontvangen?"), "{nl}");
    assert!(nl.contains("- **Antwoord:** ja"), "{nl}");
    assert!(nl.contains("ingediend → teruggestuurd"), "{nl}");
}

#[test]
fn markdown_without_context_names_ids_and_refs() {
    let m = markdown(&sample(), &NoContext, Lang::En);
    assert!(m.contains("### `summons.received`\n"), "{m}");
    assert!(m.contains("- `ambtsbericht-rf-2025#1.1.3/p2`\n"), "{m}");
}

#[test]
fn json_follows_the_documented_schema() {
    let s = sample();
    let j = json(&s, &Ctx);
    assert_eq!(j["format"], "gehoor-session");
    assert_eq!(j["format_version"], 1);
    assert_eq!(j["id"], s.id.to_string());
    assert_eq!(j["status"], "returned");
    assert_eq!(j["questionnaires"][0]["version"], 3);
    let answers = j["answers"].as_array().unwrap();
    assert_eq!(answers.len(), 3);
    let date = answers
        .iter()
        .find(|a| a["key"] == "summons.date#1")
        .unwrap();
    assert_eq!(date["questionnaire"], "summons");
    assert_eq!(date["question"], "date");
    assert_eq!(date["instance"], 1);
    assert_eq!(date["value"]["earliest"], "2023-10-01");
    assert_eq!(date["value"]["latest"], "2023-10-31");
    assert_eq!(date["value"]["precision"], "month");
    let rec = answers
        .iter()
        .find(|a| a["key"] == "summons.received")
        .unwrap();
    assert_eq!(rec["instance"], Json::Null);
    assert_eq!(rec["question_text"], "Did you receive a summons?");
    assert_eq!(rec["value"], json!({"type": "yes_no", "value": true}));
    assert_eq!(rec["cited"][0]["title"], "1.1.3 Oproepen");
    assert_eq!(rec["cited"][1]["text"], Json::Null);
    assert!(!rec["note"].as_str().unwrap().contains('\u{1b}'));
    assert_eq!(j["comments"][1]["target"], Json::Null);
    assert_eq!(j["history"][1]["reason"], "date of the second summons");
    assert_eq!(j["history"][1]["by"], "Supervisor B");
}
