area! {
    /// The supervisor's screens.
    ReviewText { col_case, col_comments, col_created, col_flagged, col_interviewer, col_missing, col_progress, col_status, col_updated, sorted_by, table_title }
}
