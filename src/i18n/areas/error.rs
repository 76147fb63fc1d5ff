area! {
    /// Error messages: each says what went wrong, where, and what to do.
    ErrorText {
        prefix, io_read, io_write, io_create_dir, io_lock, io_rename, io_list, parse, usage,
        unknown_ref, session_not_found, session_ambiguous, session_locked, session_locked_by,
        newer_schema, invalid_questionnaires, conflict, invalid_transition, not_utf8,
        read_only, self_approval, reason_required, empty_amendment,
        unknown_ref_none, session_not_found_none, not_a_file, what_symlink, what_fifo,
        what_folder, what_special, duplicate_id, session_closed, too_deep,
        crypto_not_for_this_key, crypto_damaged, crypto_no_key_loaded, crypto_wrong_passphrase,
        crypto_no_identity, crypto_identity_exists, crypto_bad_key, crypto_no_passphrase,
    }
}
