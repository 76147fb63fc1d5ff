//! Answer keys: `<questionnaire>.<question>` or, inside a repeat group,
//! `<questionnaire>.<question>#<n>` with n the 1-based instance.

/// The key an answer is stored under.
pub fn answer_key(full_id: &str, instance: Option<usize>) -> String {
    match instance {
        Some(n) => format!("{full_id}#{n}"),
        None => full_id.to_string(),
    }
}

/// An answer key split into its parts: the one parser of answer keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AnswerKey<'a> {
    /// The full question id, `<questionnaire>.<question>`.
    pub question: &'a str,
    /// The 1-based repeat instance.
    pub instance: Option<usize>,
}

impl<'a> AnswerKey<'a> {
    /// A `#` suffix that is not a positive number is kept as part of the id.
    pub fn parse(key: &'a str) -> AnswerKey<'a> {
        if let Some((id, n)) = key.rsplit_once('#')
            && let Ok(n) = n.parse::<usize>()
            && n > 0
        {
            return AnswerKey {
                question: id,
                instance: Some(n),
            };
        }
        AnswerKey {
            question: key,
            instance: None,
        }
    }

    pub fn question_id(&self) -> Option<crate::questionnaire::QuestionId<'a>> {
        crate::questionnaire::FullId::split(self.question)
    }
}

impl std::fmt::Display for AnswerKey<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&answer_key(self.question, self.instance))
    }
}

/// The inverse of `answer_key`: the full question id and the instance.
pub fn parse_answer_key(key: &str) -> (&str, Option<usize>) {
    let k = AnswerKey::parse(key);
    (k.question, k.instance)
}
