//! Values the program derives instead of asking the applicant to work them
//! out: `computed = "age_on(identity_travel.birth_date, 2024-01-01)"` on a
//! `number` question. The question is never asked; the interview and the
//! record show the value derived from the answer it names, as precise as
//! that answer (a birth year gives an age range, not a guess).
//!
//! One function exists, on purpose: the format grows only when a
//! questionnaire needs another derivation.

use std::ops::Range;

use super::Code;
use super::expr::{Answers, ParseError, Ref, Scope};
use super::value::{DatePrecision, PartialDate, Value};

/// A parsed `computed` expression.
#[derive(Debug, Clone, PartialEq)]
pub struct Computed {
    /// The date question the value is derived from.
    pub source: Ref,
    /// The reference date, always a full day.
    pub on: PartialDate,
    /// The reference date's place in the file.
    pub on_span: Range<usize>,
}

/// An age in whole years, as precisely as the birth date allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Age {
    pub min: i32,
    pub max: i32,
    /// The birth date itself was given as approximate (`~1996`).
    pub approximate: bool,
}

impl Age {
    pub fn is_exact(&self) -> bool {
        self.min == self.max && !self.approximate
    }
}

/// What a computed question shows.
#[derive(Debug, Clone, PartialEq)]
pub enum Derived {
    Age {
        age: Age,
        birth: PartialDate,
    },
    /// The source question has no answer (yet).
    Missing,
    /// The birth date lies after the reference date.
    BornAfter(PartialDate),
}

/// Parse `age_on(<question>, YYYY-MM-DD)`; spans are shifted by `base` so
/// they point into the questionnaire file.
pub fn parse(src: &str, base: usize) -> Result<Computed, ParseError> {
    let err = |code: Code, span: Range<usize>| ParseError {
        code,
        found: src.get(span.clone()).unwrap_or(src).trim().to_string(),
        span: span.start + base..span.end + base,
    };
    let whole = 0..src.len();
    let open = src
        .find('(')
        .ok_or_else(|| err(Code::ComputedSyntax, whole.clone()))?;
    if src[..open].trim() != "age_on" {
        return Err(err(Code::ComputedSyntax, 0..open));
    }
    let close = src
        .rfind(')')
        .filter(|&c| c > open && src[c + 1..].trim().is_empty())
        .ok_or_else(|| err(Code::ComputedSyntax, whole.clone()))?;
    let args = &src[open + 1..close];
    let Some((first, second)) = args.split_once(',').filter(|(_, rest)| !rest.contains(',')) else {
        return Err(err(Code::ComputedSyntax, whole));
    };
    let trimmed = |part: &str, at: usize| {
        let lead = part.len() - part.trim_start().len();
        let start = at + lead;
        start..start + part.trim().len()
    };
    let name_span = trimmed(first, open + 1);
    let date_span = trimmed(second, open + 1 + first.len() + 1);
    let name = &src[name_span.clone()];
    let valid = |p: &str| super::load::is_id(p);
    let (questionnaire, question) = match name.split('.').collect::<Vec<_>>().as_slice() {
        [q] if valid(q) => (None, q.to_string()),
        [qn, q] if valid(qn) && valid(q) => (Some(qn.to_string()), q.to_string()),
        _ => return Err(err(Code::ExprBadRef, name_span)),
    };
    let on: PartialDate = src[date_span.clone()]
        .parse()
        .map_err(|_| err(Code::ComputedDate, date_span.clone()))?;
    if on.precision() != DatePrecision::Day {
        return Err(err(Code::ComputedDate, date_span));
    }
    Ok(Computed {
        source: Ref {
            questionnaire,
            question,
            span: name_span.start + base..name_span.end + base,
            sibling: false,
        },
        on,
        on_span: date_span.start + base..date_span.end + base,
    })
}

/// Whole years from `birth` to `on`, both full days.
fn years(birth: (i16, u8, u8), on: (i16, u8, u8)) -> i32 {
    let before_birthday = (on.1, on.2) < (birth.1, birth.2);
    i32::from(on.0) - i32::from(birth.0) - i32::from(before_birthday)
}

/// The age on `on` of someone born on `birth`: the youngest and oldest the
/// person can be given how precisely the birth date is known. `None` when
/// every day the birth date could mean lies after `on`.
pub fn age_on(birth: &PartialDate, on: &PartialDate) -> Option<Age> {
    let on = on.earliest();
    if birth.earliest() > on {
        return None;
    }
    Some(Age {
        min: years(birth.latest(), on).max(0),
        max: years(birth.earliest(), on),
        approximate: birth.approximate,
    })
}

impl Computed {
    /// The derived value, read from `answers` in `scope`.
    pub fn eval(&self, answers: &dyn Answers, scope: &Scope<'_>) -> Derived {
        let full = self.source.full_id(scope.questionnaire);
        let instance = if self.source.sibling {
            scope.instance
        } else {
            None
        };
        match answers.get(&full, instance) {
            Some(Value::Date(birth)) => match age_on(birth, &self.on) {
                Some(age) => Derived::Age { age, birth: *birth },
                None => Derived::BornAfter(*birth),
            },
            _ => Derived::Missing,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> PartialDate {
        s.parse().unwrap()
    }

    fn age(birth: &str) -> Option<Age> {
        age_on(&d(birth), &d("2024-01-01"))
    }

    #[test]
    fn an_exact_birth_date_gives_one_age() {
        let a = age("1996-07-04").unwrap();
        assert_eq!((a.min, a.max, a.is_exact()), (27, 27, true));
        assert_eq!(age("1997-01-02").map(|a| (a.min, a.max)), Some((26, 26)));
    }

    #[test]
    fn a_birthday_on_the_reference_date_counts_as_reached() {
        let a = age("1997-01-01").unwrap();
        assert_eq!((a.min, a.max), (27, 27));
        let leap = age_on(&d("2000-02-29"), &d("2024-02-28")).unwrap();
        assert_eq!((leap.min, leap.max), (23, 23));
        let leap = age_on(&d("2000-02-29"), &d("2024-02-29")).unwrap();
        assert_eq!((leap.min, leap.max), (24, 24));
    }

    #[test]
    fn a_month_spanning_no_birthday_on_the_date_is_still_exact() {
        let a = age("1996-07").unwrap();
        assert_eq!((a.min, a.max, a.is_exact()), (27, 27, true));
    }

    #[test]
    fn the_month_of_the_reference_date_gives_a_range() {
        // Born 1 January 1997 (27 that day) or later in the month (26).
        let a = age("1997-01").unwrap();
        assert_eq!((a.min, a.max, a.is_exact()), (26, 27, false));
    }

    #[test]
    fn a_year_gives_a_range_and_an_approximate_date_says_so() {
        // Born 1 January 1996 (28 on the day) to 31 December 1996 (27).
        let a = age("1996").unwrap();
        assert_eq!((a.min, a.max), (27, 28));
        let a = age("1997").unwrap();
        assert_eq!((a.min, a.max), (26, 27));
        let a = age("~1996-05").unwrap();
        assert_eq!(
            (a.min, a.max, a.approximate, a.is_exact()),
            (27, 27, true, false)
        );
    }

    #[test]
    fn a_birth_after_the_reference_date_has_no_age() {
        assert_eq!(age("2024-01-02"), None);
        assert_eq!(age("2025"), None);
        // Born in 2024: possibly on the reference day itself.
        let a = age("2024").unwrap();
        assert_eq!((a.min, a.max), (0, 0));
    }

    #[test]
    fn parse_reads_the_question_and_the_date_with_spans() {
        let src = "age_on( identity_travel.birth_date , 2024-01-01 )";
        let c = parse(src, 100).unwrap();
        assert_eq!(c.source.questionnaire.as_deref(), Some("identity_travel"));
        assert_eq!(c.source.question, "birth_date");
        assert_eq!(
            &src[c.source.span.start - 100..c.source.span.end - 100],
            "identity_travel.birth_date"
        );
        assert_eq!(
            &src[c.on_span.start - 100..c.on_span.end - 100],
            "2024-01-01"
        );
        assert_eq!(c.on, d("2024-01-01"));
        assert!(
            parse("age_on(birth, 2024-01-01)", 0)
                .unwrap()
                .source
                .questionnaire
                .is_none()
        );
    }

    #[test]
    fn parse_rejects_what_it_cannot_compute() {
        let code = |s: &str| parse(s, 0).unwrap_err().code;
        assert_eq!(code("age(birth, 2024-01-01)"), Code::ComputedSyntax);
        assert_eq!(code("age_on(birth)"), Code::ComputedSyntax);
        assert_eq!(
            code("age_on(birth, 2024-01-01, 2025-01-01)"),
            Code::ComputedSyntax
        );
        assert_eq!(code("age_on(birth, 2024-01-01"), Code::ComputedSyntax);
        assert_eq!(code("age_on(birth, 2024-01-01) + 1"), Code::ComputedSyntax);
        assert_eq!(code("age_on(Birth, 2024-01-01)"), Code::ExprBadRef);
        assert_eq!(code("age_on(birth, 2024-01)"), Code::ComputedDate);
        assert_eq!(code("age_on(birth, 2024-13-01)"), Code::ComputedDate);
        let e = parse("age_on(birth, 1 jan)", 10).unwrap_err();
        assert_eq!((e.span, e.found.as_str()), (24..29, "1 jan"));
    }
}
