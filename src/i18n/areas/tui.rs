area! {
    /// Terminal screens.
    Tui {
        home_title, home_new, home_resume, home_review, home_quit, home_recent, home_none,
        too_small, help_title, help_close, key_quit, key_help, key_up, key_down, key_select,
    }
}
