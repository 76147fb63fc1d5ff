area! {
    /// Strings of `gehoor keys`, the passphrase prompt and the encryption
    /// commands and warnings.
    KeysText {
        about_keys, passphrase_prompt, passphrase_new, passphrase_again, passphrase_mismatch,
        passphrase_empty, init_done, init_registered, recipient_added, recipient_removed,
        recipient_unknown, rekey_hint, list_header, list_empty, list_own, encrypt_progress,
        encrypt_done, encrypt_in_use, encrypt_unreadable, export_plain_warning,
        group_folder_plain, encryption_off,
    }
}
