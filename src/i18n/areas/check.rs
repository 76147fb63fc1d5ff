area! {
    /// Strings of the check area.
    Check { placeholder }
}
