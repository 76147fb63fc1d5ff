area! {
    /// Command-line output outside any one command's area.
    Cli { not_built_hint, config_bad, data_dir_readable_by_others, man_written }
}
