//! The chronology of every date given in a session, with gaps and order
//! problems flagged for the supervisor to raise. It never judges.

use crate::notes::{Session, parse_answer_key};
use crate::questionnaire::{AnswerStatus, Catalog, PartialDate, Value};

#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    pub date: PartialDate,
    pub key: String,
    /// Position of the question in its questionnaire, for order checks.
    pub position: (usize, usize),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Flag {
    /// More than `months` months pass between two consecutive events.
    Gap {
        after: String,
        before: String,
        months: i32,
    },
    /// `later_question` is asked after `earlier_question` in the
    /// questionnaire (an event that usually follows) but is dated before it.
    Order {
        earlier_question: String,
        later_question: String,
    },
    /// A date after the session was last updated.
    Future { key: String },
}

/// A gap longer than this is worth asking about.
pub const GAP_MONTHS: i32 = 12;

fn months(d: &PartialDate) -> i32 {
    let (y, m, _) = d.earliest();
    i32::from(y) * 12 + i32::from(m)
}

/// Every answered date, oldest first.
pub fn events(catalog: &Catalog, session: &Session) -> Vec<Event> {
    let mut out: Vec<Event> = session
        .answers
        .iter()
        .filter(|(_, a)| a.status == AnswerStatus::Answered)
        .filter_map(|(k, a)| match &a.value {
            Some(Value::Date(d)) => {
                let (full_id, instance) = parse_answer_key(k);
                let position = catalog
                    .question(full_id)
                    .and_then(|(qn, q)| {
                        let qn_pos = session.questionnaires.iter().position(|u| u.id == qn.id)?;
                        let q_pos = qn.questions.iter().position(|x| x.id == q.id)?;
                        Some((qn_pos, q_pos * 1000 + instance.unwrap_or(0)))
                    })
                    .unwrap_or((usize::MAX, 0));
                Some(Event {
                    date: *d,
                    key: k.clone(),
                    position,
                })
            }
            _ => None,
        })
        .collect();
    out.sort_by(|a, b| {
        a.date
            .earliest()
            .cmp(&b.date.earliest())
            .then(a.key.cmp(&b.key))
    });
    out
}

/// A date of birth places the applicant in time (age, call-up years); the
/// years between it and the first event are no gap to ask about.
pub fn is_birth_date(key: &str) -> bool {
    let (full_id, _) = parse_answer_key(key);
    let local = full_id.rsplit('.').next().unwrap_or(full_id);
    matches!(local, "birth_date" | "date_of_birth" | "dob")
}

pub fn flags(events: &[Event], today: (i16, u8, u8)) -> Vec<Flag> {
    let mut out = Vec::new();
    let story: Vec<&Event> = events.iter().filter(|e| !is_birth_date(&e.key)).collect();
    for pair in story.windows(2) {
        let gap = months(&pair[1].date) - months(&pair[0].date);
        if gap > GAP_MONTHS {
            out.push(Flag::Gap {
                after: pair[0].key.clone(),
                before: pair[1].key.clone(),
                months: gap,
            });
        }
    }
    for (i, a) in events.iter().enumerate() {
        for b in &events[i + 1..] {
            // b is dated later (or the same); flag when b's question comes
            // earlier in the same questionnaire and the dates truly differ.
            if a.position.0 == b.position.0
                && b.position.1 < a.position.1
                && a.date.latest() < b.date.earliest()
            {
                out.push(Flag::Order {
                    earlier_question: b.key.clone(),
                    later_question: a.key.clone(),
                });
            }
        }
        if a.date.earliest() > today {
            out.push(Flag::Future { key: a.key.clone() });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(date: &str, key: &str, pos: (usize, usize)) -> Event {
        Event {
            date: date.parse().unwrap(),
            key: key.into(),
            position: pos,
        }
    }

    #[test]
    fn gaps_order_and_future_are_flagged() {
        let events = vec![
            ev("2022-01", "t.departure", (0, 5)),
            ev("2024-03-01", "t.summons", (0, 1)),
            ev("2030", "t.return", (0, 9)),
        ];
        let f = flags(&events, (2026, 11, 22));
        assert!(f.contains(&Flag::Gap {
            after: "t.departure".into(),
            before: "t.summons".into(),
            months: 26
        }));
        assert!(f.contains(&Flag::Order {
            earlier_question: "t.summons".into(),
            later_question: "t.departure".into()
        }));
        assert!(f.contains(&Flag::Future {
            key: "t.return".into()
        }));
    }

    #[test]
    fn the_birth_date_opens_no_gap() {
        let events = vec![
            ev("1998-05-02", "identity_travel.birth_date", (0, 0)),
            ev("2022-09", "identity_travel.left_russia", (0, 3000)),
        ];
        assert!(flags(&events, (2025, 1, 1)).is_empty());
        let events = vec![
            ev("2019-05", "summons.date#1", (0, 0)),
            ev("2022-09", "identity_travel.left_russia", (0, 3000)),
        ];
        assert_eq!(flags(&events, (2025, 1, 1)).len(), 1);
    }

    #[test]
    fn a_tidy_story_raises_nothing() {
        let events = vec![
            ev("2024-03-01", "t.summons", (0, 1)),
            ev("2024-04", "t.departure", (0, 5)),
        ];
        assert!(flags(&events, (2026, 11, 22)).is_empty());
    }
}
