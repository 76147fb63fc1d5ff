//! Citing a passage into an answer, and what submit still needs.

use super::interview::{current_question, mark_changed};
use crate::questionnaire::{Catalog, Required};
use crate::tui::app::{App, InterviewState};

/// Cite a corpus ref into the current answer: the ref is stored with the
/// answer, and a line naming it is added to the note.
pub fn cite(app: &mut App, reference: &str) {
    let data = app.data.clone();
    let clock = app.clock.clone();
    let s = app.strings();
    let Some(st) = app.interview_mut() else {
        return;
    };
    if super::record::locked(st) {
        return;
    }
    let Some((key, _)) = current_question(st, &data.catalog) else {
        app.status = Some(s.tui.cite_no_question.clone());
        return;
    };
    let already = st
        .session
        .answers
        .get(&key)
        .is_some_and(|a| a.cited.iter().any(|r| r == reference));
    st.session
        .cite_in(&data.corpus, &key, reference, data.keep_cited_text, &clock);
    if !already {
        super::editing::append_to_note(&mut st.session, &key, &format!("[{reference}]"), &clock);
    }
    app.status = Some(crate::i18n::fill(&s.tui.cited, &[("ref", reference)]));
    mark_changed(app);
}

pub fn missing_required(
    st: &InterviewState,
    catalog: &Catalog,
    lang: crate::i18n::Lang,
) -> Vec<String> {
    st.rows
        .iter()
        .filter_map(|r| {
            let key = r.key()?;
            let q = &catalog.questionnaires[r.qn].questions[r.question?];
            let answered = st.session.answers.get(key).is_some_and(|a| a.is_answered());
            (q.required == Required::Must && !answered)
                .then(|| format!("{key}: {}", crate::sanitize::clean_line(q.text.get(lang))))
        })
        .collect()
}
