area! {
    /// The interview record (export): headings and labels of a document
    /// that goes into a case file.
    RecordText {
        title, case, session_id, interviewer, language, profile, topics, questionnaires,
        questionnaire_line, questionnaire_changed, created, updated, submitted, approved, status,
        session_note, progress, interview, question, answer, answer_status, note, sources,
        open_required, not_answered, flagged, given, last_changed, amendment, amendment_meta,
        original, changed_since, changed_before, nothing_before, kept, kept_hidden, kept_removed,
        kept_instance, changes, changes_none, before, after, comments, comment_meta,
        whole_session, history, history_line, reason, page, page_of, footer,
        lang_nl, lang_en, months, date_month, date_year, date_about, time_format,
        derived, derived_age, derived_missing, derived_born_after, age_range, age_about,
        status_answered, status_declined, status_unclear, status_not_asked,
        status_not_applicable,
    }
}
