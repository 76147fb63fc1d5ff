//! A computed question's value as the interview screen and the record show
//! it: the age written out with its precision ("27", "26–27", "ca. 27"),
//! the reference date and the answer it was derived from.

use serde_json::{Value as Json, json};

use super::words::date;
use crate::i18n::{Lang, Strings, fill};
use crate::questionnaire::computed::{Age, Derived};
use crate::questionnaire::{Answers, Question, Scope};

/// A derived value, ready to show.
#[derive(Debug, Clone, PartialEq)]
pub struct DerivedView {
    /// The full id of the question the value comes from.
    pub from: String,
    /// One sentence in the record's language.
    pub text: String,
    /// The same as data: `{ from, on, min, max, approximate }`; `min`/`max`
    /// are null when nothing can be derived.
    pub data: Json,
}

impl DerivedView {
    /// Something was derived (not "cannot be derived yet").
    pub fn has_value(&self) -> bool {
        !self.data["min"].is_null()
    }
}

/// "27", "26–27", "ca. 27".
pub fn age_text(age: &Age, lang: Lang) -> String {
    let r = &Strings::get(lang).record;
    let body = if age.min == age.max {
        age.min.to_string()
    } else {
        fill(
            &r.age_range,
            &[("min", &age.min.to_string()), ("max", &age.max.to_string())],
        )
    };
    if age.approximate {
        fill(&r.age_about, &[("age", &body)])
    } else {
        body
    }
}

/// The value of `question` (in questionnaire `questionnaire`, repeat
/// instance `instance`) when it is computed; `None` for an asked question.
pub fn view(
    question: &Question,
    questionnaire: &str,
    instance: Option<usize>,
    answers: &dyn Answers,
    lang: Lang,
) -> Option<DerivedView> {
    let c = question.computed.as_ref()?;
    let r = &Strings::get(lang).record;
    let scope = Scope {
        questionnaire,
        instance,
    };
    let from = c.source.full_id(questionnaire);
    let on = date(&c.on, lang);
    let derived = c.eval(answers, &scope);
    let text = match &derived {
        Derived::Age { age, birth } => fill(
            &r.derived_age,
            &[
                ("age", &age_text(age, lang)),
                ("on", &on),
                ("birth", &date(birth, lang)),
                ("from", &from),
            ],
        ),
        Derived::Missing => fill(&r.derived_missing, &[("from", &from)]),
        Derived::BornAfter(birth) => fill(
            &r.derived_born_after,
            &[("birth", &date(birth, lang)), ("on", &on)],
        ),
    };
    let (min, max, approximate) = match &derived {
        Derived::Age { age, .. } => (Some(age.min), Some(age.max), age.approximate),
        _ => (None, None, false),
    };
    Some(DerivedView {
        data: json!({
            "from": from,
            "on": c.on.to_string(),
            "min": min,
            "max": max,
            "approximate": approximate,
            "text": text,
        }),
        from,
        text,
    })
}
