/// Messages carried inside errors as a key and values (`crate::message::Msg`),
/// rendered in the run's language when printed, with a lookup by key.
macro_rules! keyed {
    ($(#[$doc:meta])* $name:ident { $($key:ident),* $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, serde::Deserialize)]
        #[serde(deny_unknown_fields)]
        pub struct $name {
            $(pub $key: String,)*
        }

        impl $name {
            pub const KEYS: &'static [&'static str] = &[$(stringify!($key)),*];

            pub fn get(&self, key: &str) -> Option<&str> {
                match key {
                    $(stringify!($key) => Some(&self.$key),)*
                    _ => None,
                }
            }
        }
    };
}

keyed! {
    /// Usage and parse details, TOML parser summaries and type names.
    Messages {
        plain, unknown_profile, unknown_topic, doc_supersedes, no_config_dir, no_group_instance, not_in_folder,
        readable_session, doc_text_missing, doc_id_invalid, doc_id_folder, doc_lang,
        doc_published, doc_period, schema_version_type, schema_version_invalid, not_utf8,
        schema_newer, glossary_empty_term,
        toml_unknown_field, toml_no_fields, toml_unknown_variant, toml_wrong_type,
        toml_missing_field, toml_duplicate, toml_duplicate_here, toml_newline, toml_invalid_value, toml_unclosed,
        toml_missing_comma, toml_missing_value, toml_unquoted, toml_string, toml_number,
        toml_syntax,
        type_string, type_integer, type_float, type_number, type_boolean, type_array,
        type_table, type_datetime, type_other,
        io_not_found, io_permission_denied, io_already_exists, io_storage_full, io_read_only,
        io_is_a_directory, io_not_a_directory, io_other,
    }
}
