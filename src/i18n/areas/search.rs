area! {
    /// Strings of the search area.
    SearchText { no_hits, score, glossary, more, explain, unranked, lexical_only }
}
