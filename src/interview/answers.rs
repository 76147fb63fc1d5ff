use crate::notes::{Session, answer_key};
use crate::questionnaire::{AnswerStatus, Answers, Value};

/// A session's answers as `show_if` sees them: only answered values count;
/// declined, unclear, not asked and n.a. read as unanswered.
pub struct SessionAnswers<'a>(pub &'a Session);

impl Answers for SessionAnswers<'_> {
    fn get(&self, full_id: &str, instance: Option<usize>) -> Option<&Value> {
        let a = self.0.answers.get(&answer_key(full_id, instance))?;
        if a.status == AnswerStatus::Answered {
            a.value.as_ref()
        } else {
            None
        }
    }
}
