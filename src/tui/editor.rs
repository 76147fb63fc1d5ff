//! The answer editor for each question kind, and turning its contents into
//! a `Value` (or a reason why not).

use ratatui_textarea::{TextArea, WrapMode};

use super::app::{input_text, line_input};
use crate::questionnaire::{Kind, PartialDate, Value};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    Date,
    Number,
    Text,
}

pub enum Editor {
    /// yes/no, single or multiple choice: `values` are the stored values.
    Choice {
        values: Vec<String>,
        labels: Vec<String>,
        multi: bool,
        /// A yes/no question: the answer is `Value::YesNo`, whatever the
        /// labels or values say.
        yes_no: bool,
        /// Moved or ticked since it opened: Esc then keeps the marks.
        touched: bool,
        cursor: usize,
        checked: Vec<bool>,
    },
    Line {
        kind: LineKind,
        input: TextArea<'static>,
        error: Option<String>,
    },
    Long {
        input: TextArea<'static>,
    },
    /// The free-text note on an answer.
    Note {
        input: TextArea<'static>,
    },
    /// The session-level free note.
    SessionNote {
        input: TextArea<'static>,
    },
}

/// A multi-line editor holding `text`, cleaned first (the editor draws
/// whatever it holds); what the user then saves is what they saw.
pub fn multiline(text: &str) -> TextArea<'static> {
    let text = crate::sanitize::clean(text);
    let lines: Vec<String> = if text.is_empty() {
        vec![String::new()]
    } else {
        text.lines().map(str::to_string).collect()
    };
    let mut t = TextArea::new(lines);
    t.set_wrap_mode(WrapMode::WordOrGlyph);
    t.move_cursor(ratatui_textarea::CursorMove::Bottom);
    t.move_cursor(ratatui_textarea::CursorMove::End);
    t
}

/// Labels are supplied by the caller in the user's language.
pub fn for_kind(kind: &Kind, current: Option<&Value>, labels: Vec<String>) -> Editor {
    match kind {
        Kind::YesNo => {
            let cur = match current {
                Some(Value::YesNo(false)) => 1,
                _ => 0,
            };
            Editor::Choice {
                values: vec!["yes".into(), "no".into()],
                labels,
                multi: false,
                yes_no: true,
                touched: false,
                cursor: cur,
                checked: vec![false; 2],
            }
        }
        Kind::SingleChoice { choices } | Kind::MultiChoice { choices } => {
            let values: Vec<String> = choices.iter().map(|c| c.value.clone()).collect();
            let multi = matches!(kind, Kind::MultiChoice { .. });
            let checked = values
                .iter()
                .map(|v| match current {
                    Some(Value::Choices(cs)) => cs.contains(v),
                    Some(Value::Choice(c)) => c == v,
                    _ => false,
                })
                .collect::<Vec<_>>();
            let cursor = checked.iter().position(|c| *c).unwrap_or(0);
            Editor::Choice {
                values,
                labels,
                multi,
                yes_no: false,
                touched: false,
                cursor,
                checked,
            }
        }
        Kind::Date { .. } => Editor::Line {
            kind: LineKind::Date,
            input: line_input(&current.map(value_text).unwrap_or_default()),
            error: None,
        },
        Kind::Number { .. } => Editor::Line {
            kind: LineKind::Number,
            input: line_input(&current.map(value_text).unwrap_or_default()),
            error: None,
        },
        Kind::ShortText => Editor::Line {
            kind: LineKind::Text,
            input: line_input(&current.map(value_text).unwrap_or_default()),
            error: None,
        },
        Kind::LongText => Editor::Long {
            input: multiline(&current.map(value_text).unwrap_or_default()),
        },
    }
}

/// A value as the user would type it back into a line or text editor.
pub fn value_text(v: &Value) -> String {
    crate::questionnaire::display_value(v, None, crate::i18n::Lang::En)
}

/// Why typed text is not a valid value of its kind.
#[derive(Debug, Clone, PartialEq)]
pub enum Invalid {
    Date(String),
    Number,
    OutOfRange { min: Option<f64>, max: Option<f64> },
}

/// The value typed in a line or long editor; `Ok(None)` when empty.
pub fn parse_line(kind: &Kind, text: &str) -> Result<Option<Value>, Invalid> {
    let t = crate::sanitize::clean(text);
    let trimmed = t.trim();
    if trimmed.is_empty() {
        return Ok(None);
    }
    match kind {
        Kind::Date { .. } => trimmed
            .parse::<PartialDate>()
            .map(|d| Some(Value::Date(d)))
            .map_err(|e| Invalid::Date(e.to_string())),
        Kind::Number { min, max, .. } => {
            let n: f64 = trimmed
                .replace(',', ".")
                .parse()
                .map_err(|_| Invalid::Number)?;
            if !n.is_finite() {
                return Err(Invalid::Number);
            }
            if min.is_some_and(|m| n < m) || max.is_some_and(|m| n > m) {
                return Err(Invalid::OutOfRange {
                    min: *min,
                    max: *max,
                });
            }
            Ok(Some(Value::Number(n)))
        }
        Kind::ShortText | Kind::LongText => Ok(Some(Value::Text(t.trim_end().to_string()))),
        // Choices are picked from a list, never typed on a line.
        Kind::YesNo | Kind::SingleChoice { .. } | Kind::MultiChoice { .. } => {
            Ok(Some(Value::Text(t.trim_end().to_string())))
        }
    }
}

impl Editor {
    pub fn text(&self) -> Option<String> {
        match self {
            Editor::Line { input, .. }
            | Editor::Long { input }
            | Editor::Note { input }
            | Editor::SessionNote { input } => Some(input_text(input)),
            Editor::Choice { .. } => None,
        }
    }

    /// The chosen value of a choice editor.
    pub fn choice_value(&self) -> Option<Value> {
        let Editor::Choice {
            values,
            multi,
            yes_no,
            cursor,
            checked,
            ..
        } = self
        else {
            return None;
        };
        if *multi {
            Some(Value::Choices(
                values
                    .iter()
                    .zip(checked)
                    .filter(|(_, c)| **c)
                    .map(|(v, _)| v.clone())
                    .collect(),
            ))
        } else if *yes_no {
            Some(Value::YesNo(*cursor == 0))
        } else {
            values.get(*cursor).cloned().map(Value::Choice)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_numbers_and_text_parse_or_explain() {
        let date = Kind::Date {
            precision: crate::questionnaire::DatePrecision::Day,
        };
        assert_eq!(
            parse_line(&date, " 2024-03 ").unwrap(),
            Some(Value::Date("2024-03".parse().unwrap()))
        );
        assert!(matches!(
            parse_line(&date, "2024-02-30"),
            Err(Invalid::Date(_))
        ));
        let number = Kind::Number {
            min: Some(0.0),
            max: Some(120.0),
            unit: None,
        };
        assert_eq!(
            parse_line(&number, "21").unwrap(),
            Some(Value::Number(21.0))
        );
        assert_eq!(
            parse_line(&number, "2,5").unwrap(),
            Some(Value::Number(2.5))
        );
        assert!(matches!(
            parse_line(&number, "200"),
            Err(Invalid::OutOfRange { .. })
        ));
        assert_eq!(parse_line(&number, "abc"), Err(Invalid::Number));
        assert_eq!(parse_line(&Kind::ShortText, "  "), Ok(None));
        assert_eq!(
            parse_line(&Kind::ShortText, "a\u{1b}[31mb"),
            Ok(Some(Value::Text("ab".into())))
        );
    }

    #[test]
    fn a_single_choice_named_yes_and_no_stays_a_choice() {
        let choice = |v: &str| crate::questionnaire::Choice {
            value: v.into(),
            label: Default::default(),
            span: 0..0,
        };
        let kind = Kind::SingleChoice {
            choices: vec![choice("yes"), choice("no")],
        };
        let e = for_kind(&kind, None, vec!["yes".into(), "no".into()]);
        assert_eq!(e.choice_value(), Some(Value::Choice("yes".into())));
    }

    #[test]
    fn choice_editors_round_trip_values() {
        let e = for_kind(
            &Kind::YesNo,
            Some(&Value::YesNo(false)),
            vec!["ja".into(), "nee".into()],
        );
        assert_eq!(e.choice_value(), Some(Value::YesNo(false)));
        assert_eq!(value_text(&Value::Number(21.0)), "21");
    }
}
