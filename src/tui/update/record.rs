//! The record's lifecycle on screen: what a prompt does on Enter, approving
//! after a confirmation, reopening a submitted session with a reason, and
//! amending an answer (source, then text). The rules themselves live in
//! `notes::lifecycle`; this only asks, and reports what they say.

use super::Effect;
use crate::notes::{Amendment, ReviewChange, Status};
use crate::tui::app::{
    App, Confirm, InterviewState, Overlay, PromptPurpose, TextPrompt, input_text, line_input,
};
use crate::tui::editor;

fn prompt(app: &mut App, purpose: PromptPurpose, multiline: bool) {
    app.overlay = Some(Overlay::Prompt(TextPrompt {
        purpose,
        input: if multiline {
            editor::multiline("")
        } else {
            line_input("")
        },
    }));
}

/// Whether answers may change here: not in a read-only window, and not
/// while the session is submitted or approved (that needs a reopen).
pub fn locked(st: &InterviewState) -> bool {
    st.read_only || st.session.status.is_read_only()
}

pub(super) fn locked_message(st: &InterviewState, s: &crate::i18n::Strings) -> String {
    if st.review || !st.session.status.is_read_only() {
        s.tui.read_only.clone()
    } else {
        s.lifecycle.submitted_locked.clone()
    }
}

/// `S`: the required questions still open block the submit; those with
/// only a status (declined, unclear, n.a.) are listed and confirmed.
pub fn ask_submit(app: &mut App) {
    let data = app.data.clone();
    let lang = app.lang;
    let Some(st) = app.interview() else { return };
    let missing = super::interview::missing_required(st, &data.catalog, lang);
    let status_only = crate::interview::required_status_only(&data.catalog, &st.session, &st.rows)
        .iter()
        .map(|key| {
            let (id, _) = crate::notes::parse_answer_key(key);
            let text = data
                .catalog
                .question(id)
                .map_or("", |(_, q)| q.text.get(lang));
            format!("{key}: {}", crate::sanitize::clean_line(text))
        })
        .collect();
    app.overlay = Some(Overlay::Submit {
        missing,
        status_only,
        cursor: 0,
    });
}

/// The user's name as history and amendments record it.
fn user(app: &App) -> String {
    if app.data.user_name.is_empty() {
        app.strings().tui.unknown_reviewer.clone()
    } else {
        app.data.user_name.clone()
    }
}

/// `a` in review: refused at once under the four-eyes rule, else asked.
pub fn ask_approve(app: &mut App) {
    let who = user(app);
    let Some(st) = app.interview() else { return };
    if !app.data.policy.allow_self_approval && st.session.took_part(&who) {
        let e = crate::Error::Refused(crate::notes::Refusal::SelfApproval { who });
        app.status = Some(e.render(app.strings()));
        return;
    }
    let text = crate::i18n::fill(
        &app.strings().lifecycle.confirm_approve,
        &[("case", &crate::sanitize::clean_line(&st.session.case_ref))],
    );
    app.overlay = Some(Overlay::Confirm {
        what: Confirm::Approve,
        text,
    });
}

/// Enter in a confirmation window.
pub fn confirmed(app: &mut App) -> Option<Effect> {
    match app.overlay.take()? {
        Overlay::Confirm {
            what: Confirm::Approve,
            ..
        } => {
            let policy = app.data.policy;
            super::interview::review(app, ReviewChange::Approve { policy })
        }
        other => {
            app.overlay = Some(other);
            None
        }
    }
}

/// `O`: reopen a submitted session, asking why.
pub fn ask_reopen(app: &mut App) {
    let Some(st) = app.interview() else { return };
    if st.review || st.session.status != Status::Submitted {
        app.status = Some(app.strings().lifecycle.reopen_not_submitted.clone());
        return;
    }
    prompt(app, PromptPurpose::ReopenReason, true);
}

/// `A`: amend the answer under the cursor. A submitted session is reopened
/// first, so the history says why the record changed.
pub fn ask_amend(app: &mut App, key: Option<String>) {
    let Some(st) = app.interview() else { return };
    let refused = if st.read_only && !st.session.status.is_read_only() {
        Err(crate::Error::Refused(crate::notes::Refusal::ReadOnly {
            status: st.session.status,
        }))
    } else {
        st.session.ensure_editable()
    };
    if let Err(e) = refused {
        app.status = Some(e.render(app.strings()));
        return;
    }
    let Some(key) = key else {
        app.status = Some(app.strings().tui.cite_no_question.clone());
        return;
    };
    prompt(app, PromptPurpose::AmendSource { key }, false);
}

/// Enter in a prompt: an empty prompt stays open with a hint; otherwise
/// the prompt's purpose is carried out.
pub fn confirm_prompt(app: &mut App) -> Option<Effect> {
    let Some(Overlay::Prompt(p)) = app.overlay.as_ref() else {
        return None;
    };
    let text = crate::sanitize::clean(&input_text(&p.input))
        .trim()
        .to_string();
    if text.is_empty() {
        app.status = Some(app.strings().lifecycle.prompt_empty.clone());
        return None;
    }
    let Some(Overlay::Prompt(p)) = app.overlay.take() else {
        return None;
    };
    match p.purpose {
        PromptPurpose::Comment { target } => {
            super::interview::review(app, ReviewChange::Comment { target, text })
        }
        PromptPurpose::ReturnReason => {
            super::interview::review(app, ReviewChange::Return { reason: text })
        }
        PromptPurpose::SaveCopy => Some(Effect::SaveCopy { dir: text }),
        PromptPurpose::ReopenReason => reopen(app, text),
        PromptPurpose::AmendSource { key } => {
            prompt(app, PromptPurpose::AmendText { key, source: text }, true);
            None
        }
        PromptPurpose::AmendText { key, source } => {
            amend(app, &key, source, text);
            None
        }
    }
}

/// A session submitted in this window is reopened here and saved; one
/// opened read-only from disk needs the writer's lock first, which the
/// runtime takes (`Effect::Reopen`).
fn reopen(app: &mut App, reason: String) -> Option<Effect> {
    let by = user(app);
    let at = app.clock.clone();
    let s = app.strings();
    let st = app.interview_mut()?;
    if st.read_only {
        return Some(Effect::Reopen {
            id: st.session.id,
            by,
            reason,
            at,
        });
    }
    match st.session.reopen(&by, &reason, &at) {
        Ok(()) => {
            app.status = Some(s.lifecycle.reopened.clone());
            super::interview::mark_changed(app);
            Some(Effect::Save)
        }
        Err(e) => {
            app.status = Some(e.render(s));
            None
        }
    }
}

fn amend(app: &mut App, key: &str, source: String, text: String) {
    let by = user(app);
    let at = app.clock.clone();
    let s = app.strings();
    let Some(st) = app.interview_mut() else {
        return;
    };
    let amendment = Amendment {
        by,
        at,
        source,
        value: None,
        text,
    };
    match st.session.amend(key, amendment) {
        Ok(()) => {
            app.status = Some(s.lifecycle.amended.clone());
            super::interview::mark_changed(app);
        }
        Err(e) => app.status = Some(e.render(s)),
    }
}

/// The runtime's answer to `Effect::Reopen`: the session as reopened and
/// saved, now open for writing.
pub fn reopened(app: &mut App, session: crate::notes::Session) {
    let s = app.strings();
    let data = app.data.clone();
    if let Some(st) = app.interview_mut() {
        st.session = session;
        st.read_only = false;
        super::refresh(st, &data.catalog);
    }
    app.status = Some(s.lifecycle.reopened.clone());
}
