area! {
    /// The record's lifecycle on screen: confirmations, reopen, amendments.
    LifecycleText {
        key_reopen, key_amend, prompt_cancelled, prompt_empty, confirm_title, confirm_approve,
        reopen_not_submitted, prompt_reopen, reopened, prompt_amend_source, prompt_amend_text,
        amended, amendment_line, original, submit_status_only, submit_confirm_anyway,
        progress_status_only, submitted_locked, mode_prompt,
        changed_since_returned, nothing_before,
    }
}
