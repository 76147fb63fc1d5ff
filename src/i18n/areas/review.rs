area! {
    /// Strings of the review area.
    ReviewText { placeholder }
}
