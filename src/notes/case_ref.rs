//! Checks on a case reference before a session is created: it must be a
//! pseudonym (never a name and date of birth), and a second session for a
//! case that already has one is usually a mistake. Both only warn; the
//! interviewer decides. Used by `gehoor interview --case` and the TUI's
//! new-interview form.

use super::store::{ListEntry, SessionSummary, Store};
use crate::error::Result;

/// What in a case reference looks like personal data.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PersonalData {
    Name,
    BirthDate,
    NameAndBirthDate,
}

/// A word written as a name: a capital, then at least one lowercase letter
/// (Latin or Cyrillic). Codes such as `ZAAK` or `RU` are not.
fn name_like(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(char::is_uppercase)
        && chars.clone().count() >= 1
        && chars.all(|c| c.is_lowercase() || c == '\'' || c == '-')
}

/// `14-05-2001`, `14.05.2001`, `14/5/2001` or `2001-05-14`: a day, a month
/// and a year from 1900 to 2099.
fn date_like(token: &str) -> bool {
    let parts: Vec<&str> = token.split(['-', '.', '/']).collect();
    let [a, b, c] = parts.as_slice() else {
        return false;
    };
    let num = |s: &str| {
        s.parse::<u32>()
            .ok()
            .filter(|_| s.chars().all(|c| c.is_ascii_digit()))
    };
    let (day, month, year) = match (num(a), num(b), num(c)) {
        (Some(d), Some(m), Some(y)) if c.len() == 4 => (d, m, y),
        (Some(y), Some(m), Some(d)) if a.len() == 4 => (d, m, y),
        _ => return false,
    };
    (1..=31).contains(&day) && (1..=12).contains(&month) && (1900..=2099).contains(&year)
}

/// Whether `case_ref` looks like a name (two name-like words in a row), a
/// date of birth, or both.
pub fn personal_data(case_ref: &str) -> Option<PersonalData> {
    let words: Vec<&str> = case_ref
        .split(|c: char| c.is_whitespace() || c == ',' || c == '_')
        .filter(|w| !w.is_empty())
        .collect();
    let name = words.windows(2).any(|w| name_like(w[0]) && name_like(w[1]));
    let date = words.iter().any(|w| date_like(w.trim_matches(['(', ')'])));
    match (name, date) {
        (true, true) => Some(PersonalData::NameAndBirthDate),
        (true, false) => Some(PersonalData::Name),
        (false, true) => Some(PersonalData::BirthDate),
        (false, false) => None,
    }
}

/// The sessions in `store` for the same case (the reference compared
/// without surrounding space and case), newest first.
pub fn sessions_for_case(store: &Store, case_ref: &str) -> Result<Vec<SessionSummary>> {
    let want = case_ref.trim().to_lowercase();
    if want.is_empty() {
        return Ok(Vec::new());
    }
    Ok(store
        .list()?
        .into_iter()
        .filter_map(|e| match e {
            ListEntry::Session(s) if s.case_ref.trim().to_lowercase() == want => Some(s),
            _ => None,
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_and_a_birth_date_are_recognised() {
        assert_eq!(
            personal_data("Ivan Petrov 14-05-2001"),
            Some(PersonalData::NameAndBirthDate)
        );
        assert_eq!(personal_data("Иван Петров"), Some(PersonalData::Name));
        assert_eq!(
            personal_data("ZAAK-1 2001-05-14"),
            Some(PersonalData::BirthDate)
        );
        assert_eq!(
            personal_data("zaak 14.5.2001"),
            Some(PersonalData::BirthDate)
        );
    }

    #[test]
    fn pseudonyms_and_codes_pass() {
        for ok in [
            "ZAAK-1",
            "RU-2026-0042",
            "Zaak 7",
            "A 12-34-5678",
            "dossier 31-13-2001",
            "Bravo",
        ] {
            assert_eq!(personal_data(ok), None, "{ok}");
        }
    }
}
