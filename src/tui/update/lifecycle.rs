//! The record's lifecycle on screen: confirming prompts, approving after a
//! confirmation, reopening a submitted session with a reason, and amending
//! an answer (source, then text). The rules themselves live in
//! `notes::lifecycle`; this only asks and reports.

use super::Effect;
use crate::notes::Amendment;
use crate::tui::app::{App, Confirm, Overlay, PromptPurpose, TextPrompt, input_text};
use crate::tui::editor;

fn prompt(app: &mut App, purpose: PromptPurpose, multiline: bool) {
    app.overlay = Some(Overlay::Prompt(TextPrompt {
        purpose,
        input: if multiline {
            editor::multiline("")
        } else {
            crate::tui::app::line_input("")
        },
    }));
}

/// The user's name as recorded in history and amendments.
fn user(app: &App) -> String {
    if app.data.user_name.is_empty() {
        app.strings().tui.unknown_reviewer.clone()
    } else {
        app.data.user_name.clone()
    }
}

/// `a` in review: refuse at once under the four-eyes rule, else ask.
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
        } => Some(Effect::Approve),
        other => {
            app.overlay = Some(other);
            None
        }
    }
}

/// `O`: reopen a submitted session, asking why.
pub fn ask_reopen(app: &mut App) {
    let Some(st) = app.interview() else { return };
    if st.review || st.session.status != crate::notes::Status::Submitted {
        app.status = Some(app.strings().lifecycle.reopen_not_submitted.clone());
        return;
    }
    prompt(app, PromptPurpose::ReopenReason, true);
}

/// `A`: amend the answer under the cursor; a submitted session is
/// reopened first, so the history says why the record changed.
pub fn ask_amend(app: &mut App, key: Option<String>) {
    let Some(st) = app.interview() else { return };
    if st.review {
        return;
    }
    if let Err(e) = st.session.ensure_editable() {
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
        PromptPurpose::Comment { target } => Some(Effect::Comment { target, text }),
        PromptPurpose::ReturnReason => Some(Effect::Return { reason: text }),
        PromptPurpose::SaveCopy => Some(Effect::SaveCopy { dir: text }),
        PromptPurpose::ReopenReason => Some(Effect::Reopen { reason: text }),
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

fn amend(app: &mut App, key: &str, source: String, text: String) {
    let by = user(app);
    let s = app.strings();
    let Some(st) = app.interview_mut() else {
        return;
    };
    let amendment = Amendment {
        by,
        at: crate::notes::now(),
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
