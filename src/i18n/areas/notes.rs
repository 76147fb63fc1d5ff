area! {
    /// Strings of the notes area.
    NotesText { placeholder }
}
