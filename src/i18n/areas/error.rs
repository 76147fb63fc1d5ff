area! {
    /// Error messages: each says what went wrong, where, and what to do.
    ErrorText {
        prefix, io_read, io_write, io_create_dir, io_lock, io_rename, io_list, parse, usage,
        unknown_ref, session_not_found, session_ambiguous, session_locked,
        newer_schema, invalid_questionnaires, conflict, invalid_transition, not_utf8,
        read_only, self_approval, reason_required, empty_amendment,
    }
}
