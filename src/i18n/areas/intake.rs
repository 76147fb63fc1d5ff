area! {
    /// Warnings before a new interview is created: a case reference that looks
    /// like personal data, a case that already has a session.
    IntakeText {
        looks_like_name, looks_like_birth_date, looks_like_both, pseudonym_hint,
        case_has_sessions, existing_session, confirm, yes_answers, not_started,
    }
}
