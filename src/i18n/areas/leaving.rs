area! {
    /// Leaving with text that no place would take (issue 17): the window
    /// that refuses to close, and what is said on the shell afterwards.
    LeavingText {
        title, body, tried, data_folder, lose_warning, refused, key_retry, key_lose, lost,
    }
}
