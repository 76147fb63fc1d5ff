area! {
    /// Strings of the notes area: `gehoor sessions` and `gehoor export`.
    NotesText {
        col_id, col_case, col_interviewer, col_updated, col_status, col_answered, col_status_only, col_flagged,
        col_comments, list_empty, list_none_match, list_unreadable, list_unreadable_hint, quarantined,
        export_written, status_draft, status_submitted, status_approved, status_returned,
    }
}
