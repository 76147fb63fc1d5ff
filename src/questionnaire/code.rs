//! Diagnostic codes: each names one problem, is the key of its message in
//! `i18n/check.toml`, and is stable in `gehoor check --format json`.

macro_rules! codes {
    ($($variant:ident => $name:literal,)*) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code {
            $($variant,)*
        }

        impl Code {
            pub const ALL: &[Code] = &[$(Code::$variant,)*];

            pub fn as_str(self) -> &'static str {
                match self {
                    $(Code::$variant => $name,)*
                }
            }
        }
    };
}

codes! {
    TomlSyntax => "toml_syntax",
    UnknownKey => "unknown_key",
    WrongType => "wrong_type",
    MissingKey => "missing_key",
    InvalidId => "invalid_id",
    IdFileMismatch => "id_file_mismatch",
    InvalidValue => "invalid_value",
    VersionRange => "version_range",
    DuplicateQuestionnaire => "duplicate_questionnaire",
    DuplicateQuestion => "duplicate_question",
    DuplicateSection => "duplicate_section",
    DuplicateGroup => "duplicate_group",
    DuplicateChoice => "duplicate_choice",
    DuplicateProfile => "duplicate_profile",
    MissingTranslation => "missing_translation",
    RuNotAllowed => "ru_not_allowed",
    KindKey => "kind_key",
    MissingChoices => "missing_choices",
    TooFewChoices => "too_few_choices",
    InvalidChoiceValue => "invalid_choice_value",
    MinMax => "min_max",
    UnknownSection => "unknown_section",
    UnknownGroup => "unknown_group",
    ReusedId => "reused_id",
    RenamedCollision => "renamed_collision",
    ExprBadOperator => "expr_bad_operator",
    ExprUnterminatedString => "expr_unterminated_string",
    ExprBadDate => "expr_bad_date",
    ExprBadNumber => "expr_bad_number",
    ExprUnexpectedChar => "expr_unexpected_char",
    ExprEmpty => "expr_empty",
    ExprTrailing => "expr_trailing",
    ExprExpectedOperand => "expr_expected_operand",
    ExprExpectedClose => "expr_expected_close",
    ExprTooDeep => "expr_too_deep",
    ExprTooLong => "expr_too_long",
    ExprUnknownFunction => "expr_unknown_function",
    ExprAnsweredArg => "expr_answered_arg",
    ExprBadRef => "expr_bad_ref",
    RetiredRef => "retired_ref",
    UnknownQuestionnaireRef => "unknown_questionnaire_ref",
    RenamedRef => "renamed_ref",
    UnknownQuestion => "unknown_question",
    ExprOperand => "expr_operand",
    NotACondition => "not_a_condition",
    InType => "in_type",
    InLeft => "in_left",
    UnknownChoice => "unknown_choice",
    CompareType => "compare_type",
    OrderType => "order_type",
    MultiChoiceEq => "multi_choice_eq",
    YesNoValue => "yes_no_value",
    MustNeverShown => "must_never_shown",
    NeverShown => "never_shown",
    ShowIfCycle => "show_if_cycle",
    BadRef => "bad_ref",
    UnknownRef => "unknown_ref",
    UnknownTopic => "unknown_topic",
    ForwardRef => "forward_ref",
    GroupRefOutside => "group_ref_outside",
    UngroundedNumber => "ungrounded_number",
    UnknownNumber => "unknown_number",
    NumberMismatch => "number_mismatch",
    UncitedSection => "uncited_section",
    GroundingMarker => "grounding_marker",
    UnusedException => "unused_exception",
    AsOfMissing => "as_of_missing",
    AsOfMismatch => "as_of_mismatch",
    SupersededMoved => "superseded_moved",
    SupersededChanged => "superseded_changed",
    SupersededRemoved => "superseded_removed",
    ComputedSyntax => "computed_syntax",
    ComputedDate => "computed_date",
    ComputedNotDate => "computed_not_date",
    ComputedRequired => "computed_required",
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl serde::Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{Lang, Strings};

    #[test]
    fn every_code_has_a_message_in_both_languages_and_no_message_is_orphaned() {
        for lang in [Lang::Nl, Lang::En] {
            let s = &Strings::get(lang).check;
            for code in Code::ALL {
                assert!(
                    s.msg.get(code.as_str()).is_some(),
                    "{code} has no {lang:?} message"
                );
            }
            for name in crate::i18n::CheckMessages::CODES {
                assert!(
                    Code::ALL.iter().any(|c| c.as_str() == *name),
                    "message {name} has no code"
                );
            }
        }
    }
}
