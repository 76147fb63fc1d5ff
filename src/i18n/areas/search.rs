area! {
    /// Strings of the search area.
    SearchText { placeholder }
}
