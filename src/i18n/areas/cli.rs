area! {
    /// Command-line output outside any one command's area.
    Cli {
        config_bad, config_missing, data_dir_readable_by_others, man_written,
    }
}
