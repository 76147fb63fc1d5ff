//! The one parser of the dotted ids questions and repeat groups go by
//! outside their file: `<questionnaire>.<question>` and
//! `<questionnaire>.<group>`.

/// `<questionnaire>.<local id>`: a question's or a repeat group's full id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FullId<'a> {
    pub questionnaire: &'a str,
    /// The id inside the questionnaire.
    pub local: &'a str,
}

/// A question's full id.
pub type QuestionId<'a> = FullId<'a>;
/// A repeat group's full id.
pub type GroupId<'a> = FullId<'a>;

impl<'a> FullId<'a> {
    /// `None` when there is no dot (a bare local id).
    pub fn split(full_id: &'a str) -> Option<FullId<'a>> {
        let (questionnaire, local) = full_id.split_once('.')?;
        Some(FullId {
            questionnaire,
            local,
        })
    }
}

impl std::fmt::Display for FullId<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}.{}", self.questionnaire, self.local)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_at_the_first_dot_and_round_trips() {
        let id = FullId::split("summons.summonses").unwrap();
        assert_eq!((id.questionnaire, id.local), ("summons", "summonses"));
        assert_eq!(id.to_string(), "summons.summonses");
        assert_eq!(FullId::split("bare"), None);
    }
}
