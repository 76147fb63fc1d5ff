//! Answer values and statuses: shared by the questionnaire (show_if
//! evaluation) and the session store, so both agree on what an answer is.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// What happened when a question was put: a value is only meaningful when
/// the status is `Answered`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AnswerStatus {
    #[default]
    Answered,
    Declined,
    Unclear,
    NotAsked,
    NotApplicable,
}

impl AnswerStatus {
    pub const ALL: [AnswerStatus; 5] = [
        AnswerStatus::Answered,
        AnswerStatus::Declined,
        AnswerStatus::Unclear,
        AnswerStatus::NotAsked,
        AnswerStatus::NotApplicable,
    ];
}

/// An answer's value. Serialised as a small table, `{ type = "date", value = "2024-03" }`,
/// so a session file reads without the program.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", content = "value", rename_all = "snake_case")]
pub enum Value {
    YesNo(bool),
    Choice(String),
    Choices(Vec<String>),
    Date(PartialDate),
    Number(f64),
    Text(String),
}

/// How precisely a date is known. Ordered from finest to coarsest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DatePrecision {
    Day,
    Month,
    Year,
    Approximate,
}

/// A date known to a day, a month or a year, possibly approximate
/// ("around spring 2023"). Written as `2024-03-15`, `2024-03`, `2024`, and
/// with a leading `~` when approximate: `~2023-04`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PartialDate {
    pub year: i16,
    pub month: Option<u8>,
    pub day: Option<u8>,
    pub approximate: bool,
}

impl PartialDate {
    pub fn precision(&self) -> DatePrecision {
        if self.approximate {
            DatePrecision::Approximate
        } else if self.day.is_some() {
            DatePrecision::Day
        } else if self.month.is_some() {
            DatePrecision::Month
        } else {
            DatePrecision::Year
        }
    }

    /// The earliest day this date could mean, for ordering and comparisons.
    pub fn earliest(&self) -> (i16, u8, u8) {
        (self.year, self.month.unwrap_or(1), self.day.unwrap_or(1))
    }

    /// The latest day this date could mean.
    pub fn latest(&self) -> (i16, u8, u8) {
        let month = self.month.unwrap_or(12);
        let day = self.day.unwrap_or_else(|| days_in_month(self.year, month));
        (self.year, month, day)
    }
}

pub fn days_in_month(year: i16, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ => {
            let y = i32::from(year);
            if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 {
                29
            } else {
                28
            }
        }
    }
}

/// Why a date string was refused; the TUI shows it under the editor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateError {
    Empty,
    Format,
    Month(u8),
    Day { day: u8, max: u8 },
    Year(i32),
}

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DateError::Empty => f.write_str("empty date"),
            DateError::Format => {
                f.write_str("expected YYYY, YYYY-MM or YYYY-MM-DD, optionally prefixed with ~")
            }
            DateError::Month(m) => write!(f, "month {m} does not exist (1-12)"),
            DateError::Day { day, max } => {
                write!(f, "day {day} does not exist in that month (1-{max})")
            }
            DateError::Year(y) => write!(f, "year {y} is out of range (1900-2100)"),
        }
    }
}

impl FromStr for PartialDate {
    type Err = DateError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        if s.is_empty() {
            return Err(DateError::Empty);
        }
        let (approximate, rest) = match s.strip_prefix('~') {
            Some(r) => (true, r.trim()),
            None => (false, s),
        };
        let parts: Vec<&str> = rest.split('-').collect();
        if parts.is_empty()
            || parts.len() > 3
            || parts
                .iter()
                .any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()))
        {
            return Err(DateError::Format);
        }
        if parts[0].len() != 4 {
            return Err(DateError::Format);
        }
        let year: i32 = parts[0].parse().map_err(|_| DateError::Format)?;
        if !(1900..=2100).contains(&year) {
            return Err(DateError::Year(year));
        }
        let year = year as i16;
        let month = match parts.get(1) {
            Some(m) if m.len() <= 2 => {
                let m: u8 = m.parse().map_err(|_| DateError::Format)?;
                if !(1..=12).contains(&m) {
                    return Err(DateError::Month(m));
                }
                Some(m)
            }
            Some(_) => return Err(DateError::Format),
            None => None,
        };
        let day = match (parts.get(2), month) {
            (Some(d), Some(m)) if d.len() <= 2 => {
                let d: u8 = d.parse().map_err(|_| DateError::Format)?;
                let max = days_in_month(year, m);
                if d == 0 || d > max {
                    return Err(DateError::Day { day: d, max });
                }
                Some(d)
            }
            (Some(_), _) => return Err(DateError::Format),
            (None, _) => None,
        };
        Ok(PartialDate {
            year,
            month,
            day,
            approximate,
        })
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.approximate {
            f.write_str("~")?;
        }
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
        }
        if let Some(d) = self.day {
            write!(f, "-{d:02}")?;
        }
        Ok(())
    }
}

impl Serialize for PartialDate {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for PartialDate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// A value as a person reads it, in `lang`: yes/no words, choice labels when
/// the question's kind is known (else the stored choice values), dates and
/// numbers as typed (`21`, not `21.0`).
pub fn display_value(v: &Value, kind: Option<&super::Kind>, lang: crate::i18n::Lang) -> String {
    let words = &crate::i18n::Strings::get(lang).common;
    let label = |value: &str| {
        kind.and_then(|k| k.choices().iter().find(|c| c.value == value))
            .map_or(value.to_string(), |c| c.label.get(lang).to_string())
    };
    match v {
        Value::YesNo(true) => words.yes.clone(),
        Value::YesNo(false) => words.no.clone(),
        Value::Choice(c) => label(c),
        Value::Choices(cs) => cs.iter().map(|c| label(c)).collect::<Vec<_>>().join(", "),
        Value::Date(d) => d.to_string(),
        Value::Number(n) => n.to_string(),
        Value::Text(t) => t.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_round_trip_at_every_precision() {
        for s in ["2024", "2024-03", "2024-02-29", "~2023-04", "~2022"] {
            let d: PartialDate = s.parse().unwrap();
            assert_eq!(d.to_string(), s);
        }
        let d: PartialDate = "2024-3-5".parse().unwrap();
        assert_eq!(d.to_string(), "2024-03-05");
        assert_eq!(d.precision(), DatePrecision::Day);
        assert_eq!(
            "~2024".parse::<PartialDate>().unwrap().precision(),
            DatePrecision::Approximate
        );
    }

    #[test]
    fn impossible_dates_are_refused_with_reason() {
        assert_eq!(
            "2023-02-29".parse::<PartialDate>(),
            Err(DateError::Day { day: 29, max: 28 })
        );
        assert_eq!("2023-13".parse::<PartialDate>(), Err(DateError::Month(13)));
        assert_eq!("23-01-01".parse::<PartialDate>(), Err(DateError::Format));
        assert_eq!("1850".parse::<PartialDate>(), Err(DateError::Year(1850)));
        assert_eq!("".parse::<PartialDate>(), Err(DateError::Empty));
        assert_eq!("2024-01-xx".parse::<PartialDate>(), Err(DateError::Format));
    }

    #[test]
    fn ranges_cover_the_whole_period() {
        let d: PartialDate = "2024-02".parse().unwrap();
        assert_eq!(d.earliest(), (2024, 2, 1));
        assert_eq!(d.latest(), (2024, 2, 29));
    }

    #[test]
    fn values_display_as_typed_in_each_language() {
        use crate::i18n::Lang;
        assert_eq!(display_value(&Value::YesNo(true), None, Lang::Nl), "ja");
        assert_eq!(display_value(&Value::YesNo(false), None, Lang::En), "no");
        assert_eq!(display_value(&Value::Number(21.0), None, Lang::En), "21");
        assert_eq!(display_value(&Value::Number(2.5), None, Lang::En), "2.5");
        assert_eq!(
            display_value(
                &Value::Choices(vec!["a".into(), "b".into()]),
                None,
                Lang::En
            ),
            "a, b"
        );
    }

    #[test]
    fn value_serialises_readably() {
        #[derive(Serialize, Deserialize, PartialEq, Debug)]
        struct W {
            v: Value,
        }
        let w = W {
            v: Value::Date("2024-03".parse().unwrap()),
        };
        let text = toml::to_string(&w).unwrap();
        assert!(text.contains("type = \"date\""), "{text}");
        assert!(text.contains("value = \"2024-03\""), "{text}");
        assert_eq!(toml::from_str::<W>(&text).unwrap(), w);
    }
}
