//! The effects `update` asks for, performed against the store: saving,
//! the autosave draft, creating and opening sessions, reviewer writes and
//! copies elsewhere. Called only from the loop in `tui/mod.rs`.

use super::app::{self, App, Screen};
use super::update::{self, Effect};
use crate::error::{Error, Result};
use crate::notes::{Session, Status, Store, WriteHandle};

/// Where the save-a-copy prompt suggests writing: a folder in the home
/// directory, since the data folder is the one that just failed.
pub(super) fn copy_suggestion() -> String {
    std::env::var_os("HOME")
        .map(|h| {
            std::path::Path::new(&h)
                .join("gehoor-copies")
                .display()
                .to_string()
        })
        .unwrap_or_default()
}

fn expand_home(dir: &str) -> std::path::PathBuf {
    match (dir.strip_prefix("~/"), std::env::var_os("HOME")) {
        (Some(rest), Some(home)) => std::path::Path::new(&home).join(rest),
        _ => std::path::PathBuf::from(dir),
    }
}

/// After every change, the draft beside the session holds what is on
/// screen, so a kill between two saves loses nothing typed.
pub(super) fn write_draft(app: &mut App, handle: &Option<WriteHandle>) {
    let (Some(st), Some(h)) = (app.interview_mut(), handle.as_ref()) else {
        return;
    };
    if st.read_only || !st.autosave.take_draft() {
        return;
    }
    // A folder that refuses the draft refuses the save too, and that error
    // is the one shown.
    let _ = h.write_draft(&st.session);
}

/// Save the open session; true when there is nothing left unsaved.
pub(super) fn save(app: &mut App, handle: &mut Option<WriteHandle>) -> bool {
    let s = app.strings();
    let now = app.now;
    let Some(st) = app.interview_mut() else {
        return true;
    };
    if st.read_only || !st.autosave.pending() {
        return true;
    }
    let Some(h) = handle.as_mut() else {
        return true;
    };
    match h.save_merged(&mut st.session) {
        Ok(()) => {
            // The session file now holds everything the draft did.
            let _ = h.clear_draft();
            st.autosave.saved(now);
            st.saved_at = Some(now);
            st.save_error = None;
            true
        }
        Err(e) => {
            st.save_error = Some(e.render(s));
            false
        }
    }
}

pub(super) fn load_sessions(app: &mut App, store: &Store) {
    match store.list() {
        Ok(list) => {
            app.stats.clear();
            for entry in &list {
                if let crate::notes::ListEntry::Session(summary) = entry
                    && let Ok(session) = store.open_read_only(summary.id)
                {
                    let rows = crate::interview::rows(&app.data.catalog, &session);
                    let progress = crate::interview::progress(&app.data.catalog, &session, &rows);
                    app.stats.insert(summary.id, progress);
                }
            }
            app.sessions = list;
        }
        Err(e) => app.status = Some(e.render(app.strings())),
    }
}

pub(super) fn perform(
    app: &mut App,
    store: &Store,
    handle: &mut Option<WriteHandle>,
    effect: Effect,
) {
    let s = app.strings();
    let result: Result<()> = (|| {
        match effect {
            Effect::Create {
                case_ref,
                interviewer,
                topics,
            } => {
                let qns: Vec<&crate::questionnaire::Questionnaire> = topics
                    .iter()
                    .filter_map(|t| app.data.catalog.questionnaire(t))
                    .collect();
                let session = Session::new(
                    case_ref,
                    interviewer,
                    app.lang,
                    crate::interview::uses(&qns),
                );
                *handle = Some(store.create(&session)?);
                update::open_interview(app, session, false, false);
            }
            Effect::Open { id, review } => {
                let uuid = store.resolve(&id)?;
                if review {
                    let session = store.open_read_only(uuid)?;
                    update::open_interview(app, session, true, true);
                } else {
                    let on_disk = store.open_read_only(uuid)?;
                    if matches!(on_disk.status, Status::Submitted | Status::Approved) {
                        // Submitted work changes only after a supervisor returns it.
                        update::open_interview(app, on_disk, true, false);
                        app.status = Some(s.tui.submitted_read_only.clone());
                        return Ok(());
                    }
                    match store.open_for_write(uuid) {
                        Ok((session, h)) => {
                            let draft = h.recoverable(&session);
                            *handle = Some(h);
                            update::open_interview(app, session, false, false);
                            if let Some(draft) = draft {
                                app.overlay = Some(app::Overlay::Recover {
                                    draft: Box::new(draft),
                                });
                            }
                        }
                        Err(e @ Error::SessionLocked { .. }) => {
                            let session = store.open_read_only(uuid)?;
                            update::open_interview(app, session, true, false);
                            app.status = Some(e.render(s));
                        }
                        Err(e) => return Err(e),
                    }
                }
            }
            Effect::LoadSessions => load_sessions(app, store),
            Effect::Comment { target, text } => {
                review_write(app, store, |session, author| {
                    session.add_comment(author, target.as_deref(), &text);
                    Ok(())
                })?;
                app.status = Some(s.tui.comment_saved.clone());
            }
            Effect::Approve => {
                review_write(app, store, |session, author| session.approve(author))?;
                app.status = Some(s.tui.approved.clone());
            }
            Effect::Return { reason } => {
                review_write(app, store, |session, author| {
                    session.return_for_work(author, &reason)
                })?;
                app.status = Some(s.tui.returned.clone());
            }
            Effect::DiscardDraft => {
                if let Some(h) = handle.as_ref() {
                    h.clear_draft()?;
                }
            }
            Effect::SaveCopy { dir } => {
                let Some(st) = app.interview() else {
                    return Ok(());
                };
                // A window, not the status line: that line is taken by the
                // save error this copy works around.
                let text = match store.write_copy(&expand_home(&dir), &st.session) {
                    Ok(path) => crate::i18n::fill(
                        &s.tui.copy_saved,
                        &[("path", &path.display().to_string())],
                    ),
                    Err(e) => e.render(s),
                };
                app.overlay = Some(app::Overlay::Message(text));
            }
            Effect::Quit | Effect::Save | Effect::Suspend => {}
        }
        Ok(())
    })();
    if let Err(e) = result {
        let text = e.render(s);
        // The form draws its own error line, not the status line.
        match &mut app.screen {
            Screen::NewInterview(form) => form.error = Some(text),
            _ => app.status = Some(text),
        }
    }
}

/// A reviewer's write: only comments and status changes, merged into the
/// file on disk without the interviewer's lock; the view reloads from it.
fn review_write(
    app: &mut App,
    store: &Store,
    mut f: impl FnMut(&mut Session, &str) -> Result<()>,
) -> Result<()> {
    let author = if app.data.user_name.is_empty() {
        app.strings().tui.unknown_reviewer.clone()
    } else {
        app.data.user_name.clone()
    };
    let Some(st) = app.interview() else {
        return Ok(());
    };
    let id = st.session.id;
    let written = store.add_review(id, |session| f(session, &author))?;
    if let Some(st) = app.interview_mut() {
        st.session = written;
        let data = app.data.clone();
        if let Some(st) = app.interview_mut() {
            update::refresh(st, &data.catalog);
        }
    }
    Ok(())
}
