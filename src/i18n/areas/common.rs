area! {
    /// Words shared by every screen and command.
    Common { yes, no, status_draft, status_submitted, status_approved, status_returned, error }
}
