//! Answer keys: `<questionnaire>.<question>` or, inside a repeat group,
//! `<questionnaire>.<question>#<n>` with n the 1-based instance.

/// The key an answer is stored under.
pub fn answer_key(full_id: &str, instance: Option<usize>) -> String {
    match instance {
        Some(n) => format!("{full_id}#{n}"),
        None => full_id.to_string(),
    }
}

/// The inverse of `answer_key`: the full question id and the instance.
/// A `#` suffix that is not a positive number is kept as part of the id.
pub fn parse_answer_key(key: &str) -> (&str, Option<usize>) {
    if let Some((id, n)) = key.rsplit_once('#')
        && let Ok(n) = n.parse::<usize>()
        && n > 0
    {
        return (id, Some(n));
    }
    (key, None)
}
