//! The autosave draft, `.<id>.autosave.toml` beside the session file. The
//! session itself is saved (merged, fsynced) at most once a second; the
//! draft is rewritten after every change, so a killed process loses at most
//! the keystroke in flight. It is not fsynced: it exists for a crash of the
//! program, and the fsynced save a second later covers a crash of the
//! machine. Every successful save removes it; one left behind holds work
//! the session file lacks, and is offered back when the session reopens.

use std::fs;
use std::path::{Path, PathBuf};

use super::crypt::Codec;
use super::merge::merge_review;
use super::{Session, atomic};
use crate::error::{Error, IoOp, Result};

pub fn path_for(session_path: &Path) -> PathBuf {
    let name = session_path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    session_path.with_file_name(format!(".{name}.autosave.toml"))
}

pub fn write(session_path: &Path, codec: &Codec, session: &Session) -> Result<()> {
    let path = path_for(session_path);
    atomic::write_unsynced(&path, &codec.seal(&path, session.to_toml().as_bytes())?)
}

pub fn clear(session_path: &Path) -> Result<()> {
    let path = path_for(session_path);
    match fs::remove_file(&path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(Error::io(IoOp::Write, &path, e)),
    }
}

/// The draft, with the reviewer's comments from `on_disk` merged in, when it
/// holds something the session file does not. An unreadable draft (cut off
/// by a crash of the machine) or one for another session is ignored.
pub fn recoverable(session_path: &Path, codec: &Codec, on_disk: &Session) -> Option<Session> {
    let path = path_for(session_path);
    let bytes = super::safe_fs::read(&path).ok()?;
    let mut draft = super::store::open_bytes(codec, &path, &bytes).ok()?;
    if draft.id != on_disk.id {
        return None;
    }
    merge_review(&mut draft, on_disk);
    (draft != *on_disk).then_some(draft)
}

/// What the draft changes, for the interviewer deciding whether to restore
/// it: answer keys (and `note` for the session note), in file order.
pub fn changes(draft: &Session, on_disk: &Session) -> Vec<String> {
    let mut keys: Vec<String> = draft
        .answers
        .iter()
        .filter(|(k, a)| on_disk.answers.get(*k) != Some(a))
        .map(|(k, _)| k.clone())
        .chain(
            on_disk
                .answers
                .keys()
                .filter(|k| !draft.answers.contains_key(*k))
                .cloned(),
        )
        .collect();
    keys.sort();
    if draft.note != on_disk.note {
        keys.push("note".into());
    }
    keys
}
