area! {
    /// Command-line output outside any one command's area.
    Cli {
        config_bad, data_dir_readable_by_others, man_written, about_app, about_interview, about_review, about_check, about_corpus, about_questionnaires, about_search, about_sessions, about_export, about_config, about_completions, about_man, help_data_dir, help_questionnaires, help_corpus, help_lang,
    }
}
