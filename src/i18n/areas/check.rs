/// One field per diagnostic code, with a lookup by code so a diagnostic can
/// be rendered in either language from its code alone.
macro_rules! by_code {
    ($(#[$doc:meta])* $name:ident { $($code:ident),* $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, serde::Deserialize)]
        #[serde(deny_unknown_fields)]
        pub struct $name {
            $(pub $code: String,)*
        }

        impl $name {
            pub const CODES: &'static [&'static str] = &[$(stringify!($code)),*];

            pub fn get(&self, code: &str) -> Option<&str> {
                match code {
                    $(stringify!($code) => Some(&self.$code),)*
                    _ => None,
                }
            }
        }
    };
}

macro_rules! check_codes {
    ($($code:ident),* $(,)?) => {
        by_code! {
            /// What is wrong, per diagnostic code.
            CheckMessages { $($code),* }
        }
        by_code! {
            /// What to do about it, per diagnostic code; empty for none.
            CheckHints { $($code),* }
        }
    };
}

check_codes! {
    toml_syntax, unknown_key, wrong_type, missing_key, invalid_id, id_file_mismatch,
    invalid_value, version_range, duplicate_questionnaire, duplicate_question,
    duplicate_section, duplicate_group, duplicate_choice, duplicate_profile,
    missing_translation, ru_not_allowed, kind_key, missing_choices, too_few_choices,
    invalid_choice_value, min_max, unknown_section, unknown_group, reused_id,
    renamed_collision, expr_bad_operator, expr_unterminated_string, expr_bad_date,
    expr_bad_number, expr_unexpected_char, expr_empty, expr_trailing,
    expr_expected_operand, expr_expected_close, expr_too_deep, expr_too_long, expr_unknown_function,
    expr_answered_arg, expr_bad_ref, retired_ref, unknown_questionnaire_ref, renamed_ref,
    unknown_question, expr_operand, not_a_condition, in_type, in_left, unknown_choice,
    compare_type, order_type, multi_choice_eq, yes_no_value, must_never_shown,
    never_shown, show_if_cycle, bad_ref, unknown_ref, unknown_topic, forward_ref, group_ref_outside,
    ungrounded_number, number_mismatch, uncited_section, grounding_marker, unknown_number, unused_exception, as_of_missing,
    as_of_mismatch,
    superseded_moved, superseded_changed, superseded_removed, computed_syntax, computed_date,
    computed_not_date, computed_required,
}

/// Strings of `gehoor check`.
#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Check {
    pub hint_label: String,
    pub severity_error: String,
    pub severity_warning: String,
    pub did_you_mean: String,
    pub summary: String,
    pub clean: String,
    pub msg: CheckMessages,
    pub hint: CheckHints,
}
