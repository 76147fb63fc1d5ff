area! {
    /// Terminal screens.
    Tui {
        home_title, home_new, home_review, home_quit, home_recent, home_none, rescued_to, rescue_failed,
        too_small, help_title, help_close, key_quit, key_suspend, key_help, key_up, key_down, key_select,
        key_page_up, key_page_down, key_back, key_next_pane, key_prev_pane, key_filter, key_lang,
        key_edit, key_note, key_guidance, key_russian, key_flag, key_status, key_add_instance,
        key_remove_instance, key_search, key_jump, key_open, key_cite, key_submit, key_comment,
        key_comment_session, key_approve, key_return, key_timeline, key_sort, key_confirm, key_toggle, key_discard, key_close, key_first, key_last, key_next_required, key_next_flagged,
        key_next_commented, key_delete_to_start, key_delete_to_end, key_delete_word, close_unsaved,
        passage_help_read_only, advanced_to, form_enter_again,
        mode_global, mode_home, mode_interview, mode_review, mode_sessions, mode_help, mode_passage,
        mode_timeline, mode_message, mode_submit, mode_recover, mode_search, mode_jump, mode_line,
        mode_text, mode_choice, mode_form, mode_form_topics, mode_editor,
        history_title, history_none, session_comments, returned_notice, session_note, key_session_note,
        review_save_state,
        key_save_copy, prompt_save_copy, copy_saved, save_copy_hint, recover_title, recover_body, recovered, draft_discarded,
        cited_tag,
        banner_returned, banner_interviewer_note, banner_missing, questionnaire_missing, missing_answers,
        tree_title_missing,
        comments_heading, help_title_scroll,
        precision_day, precision_month, precision_year,
        submitted_read_only, locked_read_only,
        unknown_reviewer,
        kept_answers, orphan_hidden, orphan_removed, not_opened,
        answer, approved, cite_no_question, cited, cited_refs, comment_saved, editor_choice, editor_line, editor_long, editor_multi, editor_note, footnotes, form_case, form_filter, form_help, form_interviewer, form_need_case, form_need_interviewer, form_need_topics, form_profile, form_topics, group_help, guidance, guidance_hint, index_building, instance_removed, invalid_date, invalid_number, invalid_range, jump_title, kind_date, kind_long, kind_multi, kind_number, kind_short, kind_single, kind_yes_no, message_title, no_questions, no_russian, no_sources, not_answered, computed_not_asked, note, passage_help, progress, prompt_comment, prompt_comment_session, prompt_return, questionnaire_changed, quit_unsaved, read_only, read_only_mode, required, returned, review_mode, save_failed, saved, saved_ago, search_help, search_title, semantic_pending, sources_title, sources_as_of, status, status_answered, status_declined, status_na, status_not_asked, status_unclear, submit_confirm, submit_missing, submit_title, submitted, timeline_empty, timeline_flags, timeline_future, timeline_gap, timeline_order, timeline_title, tree_title, unparsed_kept, unparsed_note, unreadable_sessions, unsaved,
    }
}
