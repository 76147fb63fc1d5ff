area! {
    /// Strings of the corpus area.
    CorpusText { placeholder }
}
