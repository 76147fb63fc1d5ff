//! What the runtime reports back after creating, opening, listing and
//! reviewing sessions, and where the interview policy lives: submitted work
//! opens read-only, a session locked by another writer opens read-only.

use super::{Effect, Msg, open_interview};
use crate::error::Error;
use crate::notes::ReviewChange;
use crate::tui::app::{
    App, FormField, FormState, Overlay, Screen, SessionsState, SortKey, line_input,
};

pub(super) fn apply(app: &mut App, msg: Msg) -> Vec<Effect> {
    let s = app.strings();
    match msg {
        Msg::ShowForm {
            case_ref,
            interviewer,
            topics,
        } => {
            let picked = topics
                .iter()
                .filter_map(|t| {
                    app.data
                        .catalog
                        .questionnaires
                        .iter()
                        .position(|q| &q.id == t)
                })
                .collect();
            app.screen = Screen::NewInterview(Box::new(FormState {
                case_ref: line_input(&case_ref),
                interviewer: line_input(&interviewer),
                filter: line_input(""),
                field: if case_ref.is_empty() {
                    FormField::CaseRef
                } else {
                    FormField::Topics
                },
                cursor: 0,
                picked,
                error: None,
                warned: None,
            }));
        }
        Msg::ShowSessions => {
            app.screen = Screen::Sessions(SessionsState {
                cursor: 0,
                filter: line_input(""),
                filtering: false,
                sort: SortKey::Status,
            });
        }
        Msg::Created(Ok(session)) => open_interview(app, session, false, false),
        Msg::Loaded {
            result: Ok(session),
            review: true,
        } => open_interview(app, session, true, true),
        Msg::Loaded {
            result: Ok(session),
            review: false,
        } => {
            if session.status.interviewer_may_edit() {
                return vec![Effect::Lock { id: session.id }];
            }
            open_interview(app, session, true, false);
            app.status = Some(s.tui.submitted_read_only.clone());
        }
        Msg::Locked(Ok((session, draft))) => {
            open_interview(app, session, false, false);
            if let Some(draft) = draft {
                app.overlay = Some(Overlay::Recover {
                    draft: Box::new(draft),
                });
            }
        }
        // A window, because the message (who, since when, where) does
        // not fit a status line even on a wide terminal.
        Msg::Locked(Err((e @ Error::SessionLocked { .. }, Some(session)))) => {
            open_interview(app, session, true, false);
            app.overlay = Some(Overlay::Message(e.render(s)));
            app.status = Some(s.tui.locked_read_only.clone());
        }
        Msg::Listed(Ok((list, stats))) => {
            app.sessions = list;
            app.stats = stats;
        }
        Msg::Reviewed {
            result: Ok(written),
            change,
        } => {
            let data = app.data.clone();
            if let Some(st) = app.interview_mut() {
                st.session = written;
                super::refresh(st, &data.catalog);
            }
            app.status = Some(match change {
                ReviewChange::Comment { .. } => s.tui.comment_saved.clone(),
                ReviewChange::Approve { .. } => s.tui.approved.clone(),
                ReviewChange::Return { .. } => s.tui.returned.clone(),
            });
        }
        // A window, not the status line: that line is taken by the save
        // error this copy works around.
        Msg::Copied(result) => {
            let text = match result {
                Ok(path) => {
                    crate::i18n::fill(&s.tui.copy_saved, &[("path", &path.display().to_string())])
                }
                Err(e) => e.render(s),
            };
            app.overlay = Some(Overlay::Message(text));
        }
        Msg::DraftDiscarded(Ok(())) => {}
        Msg::Reopened(Ok(session)) => super::record::reopened(app, session),
        Msg::Created(Err(e))
        | Msg::Loaded { result: Err(e), .. }
        | Msg::Locked(Err((e, _)))
        | Msg::Listed(Err(e))
        | Msg::Reviewed { result: Err(e), .. }
        | Msg::DraftDiscarded(Err(e))
        | Msg::Reopened(Err(e)) => fail(app, e),
        Msg::Act(_)
        | Msg::Input(_)
        | Msg::Paste(_)
        | Msg::Click { .. }
        | Msg::Scroll { .. }
        | Msg::Tick(_)
        | Msg::Frame(_)
        | Msg::IndexReady(_)
        | Msg::EmbeddingProgress { .. }
        | Msg::QueryEmbedded { .. }
        | Msg::Terminate
        | Msg::SharedFolder(_)
        | Msg::Saved(_)
        | Msg::Rescued(_) => {}
    }
    Vec::new()
}

fn fail(app: &mut App, e: Error) {
    let text = e.render(app.strings());
    // The form draws its own error line, not the status line.
    match &mut app.screen {
        Screen::NewInterview(form) => form.error = Some(text),
        Screen::Home(_) | Screen::Sessions(_) | Screen::Interview(_) => app.status = Some(text),
    }
}
