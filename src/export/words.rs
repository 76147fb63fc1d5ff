//! Values, dates and times as a reader of the record sees them: choice
//! labels instead of codes, dates with their precision, timestamps in local
//! time written out.

use jiff::Zoned;
use jiff::tz::TimeZone;

use crate::i18n::{Lang, RecordText, Strings, fill};
use crate::notes::Status;
use crate::questionnaire::{AnswerStatus, DatePrecision, Kind, PartialDate, Value};

/// A moment as RFC 3339 (for machines) and written out in local time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stamp {
    pub rfc3339: String,
    pub text: String,
}

fn month_name(r: &RecordText, m: u8) -> String {
    r.months
        .split(',')
        .nth(usize::from(m.saturating_sub(1)))
        .unwrap_or_default()
        .trim()
        .to_string()
}

/// `z` in the reader's time zone `tz`.
pub fn stamp(z: &Zoned, tz: &TimeZone, lang: Lang) -> Stamp {
    let r = &Strings::get(lang).record;
    let local = z.with_time_zone(tz.clone());
    Stamp {
        rfc3339: local.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string(),
        text: fill(
            &r.time_format,
            &[
                ("day", &local.day().to_string()),
                ("month", &month_name(r, local.month() as u8)),
                ("year", &local.year().to_string()),
                ("time", &local.strftime("%H:%M").to_string()),
                ("offset", &local.strftime("%:z").to_string()),
            ],
        ),
    }
}

/// "15 maart 2024", "maart 2024 (maand)", "2024 (jaar)", "ca. 2023".
pub fn date(d: &PartialDate, lang: Lang) -> String {
    let r = &Strings::get(lang).record;
    let body = match (d.month, d.day) {
        (Some(m), Some(day)) => format!("{day} {} {}", month_name(r, m), d.year),
        (Some(m), None) => format!("{} {}", month_name(r, m), d.year),
        _ => d.year.to_string(),
    };
    match d.precision() {
        DatePrecision::Approximate => fill(&r.date_about, &[("date", &body)]),
        DatePrecision::Month => fill(&r.date_month, &[("date", &body)]),
        DatePrecision::Year => fill(&r.date_year, &[("date", &body)]),
        DatePrecision::Day => body,
    }
}

/// A value as the interviewer saw it: labels for choices, the date written
/// out, numbers as typed with their unit.
pub fn value(v: &Value, kind: Option<&Kind>, lang: Lang) -> String {
    match (v, kind) {
        (Value::Date(d), _) => date(d, lang),
        (Value::Number(_), Some(Kind::Number { unit: Some(u), .. })) => {
            format!(
                "{} {}",
                crate::questionnaire::display_value(v, kind, lang),
                u.get(lang)
            )
        }
        _ => crate::questionnaire::display_value(v, kind, lang),
    }
}

/// The labels of a choice value, one per code, when the question knows them.
pub fn choice_labels(v: &Value, kind: Option<&Kind>, lang: Lang) -> Vec<String> {
    let label = |code: &str| {
        kind.and_then(|k| k.choices().iter().find(|c| c.value == code))
            .map_or(code.to_string(), |c| c.label.get(lang).to_string())
    };
    match v {
        Value::Choice(c) => vec![label(c)],
        Value::Choices(cs) => cs.iter().map(|c| label(c)).collect(),
        _ => Vec::new(),
    }
}

pub fn answer_status(s: AnswerStatus, lang: Lang) -> String {
    let r = &Strings::get(lang).record;
    match s {
        AnswerStatus::Answered => &r.status_answered,
        AnswerStatus::Declined => &r.status_declined,
        AnswerStatus::Unclear => &r.status_unclear,
        AnswerStatus::NotAsked => &r.status_not_asked,
        AnswerStatus::NotApplicable => &r.status_not_applicable,
    }
    .clone()
}

pub fn answer_status_code(s: AnswerStatus) -> &'static str {
    match s {
        AnswerStatus::Answered => "answered",
        AnswerStatus::Declined => "declined",
        AnswerStatus::Unclear => "unclear",
        AnswerStatus::NotAsked => "not_asked",
        AnswerStatus::NotApplicable => "not_applicable",
    }
}

pub fn session_status(s: Status, lang: Lang) -> String {
    let c = &Strings::get(lang).common;
    match s {
        Status::Draft => &c.status_draft,
        Status::Submitted => &c.status_submitted,
        Status::Approved => &c.status_approved,
        Status::Returned => &c.status_returned,
    }
    .clone()
}

pub fn language(of: Lang, lang: Lang) -> String {
    let r = &Strings::get(lang).record;
    match of {
        Lang::Nl => r.lang_nl.clone(),
        Lang::En => r.lang_en.clone(),
    }
}
