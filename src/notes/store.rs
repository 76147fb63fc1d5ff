//! The only writer of user data. One TOML file per session, `<id>.toml`, in
//! one folder; atomic durable writes; one interviewer per session (lock);
//! reviewers add comments and status changes without that lock. A file that
//! cannot be read is never overwritten, deleted or moved unless asked.

use std::fs;
use std::io::Read;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};

use jiff::Zoned;
use serde::Serialize;
use sha2::{Digest, Sha256};
use uuid::Uuid;

use super::crypt::Codec;
use super::lock::{self, SessionLock};
use super::merge::merge_review;
use super::{Session, Status, atomic, draft, group, parse_session, safe_fs, three_way};
use crate::error::{Error, IoOp, Result};
use crate::message::Msg;

pub const QUARANTINE_DIR: &str = "quarantine";

#[derive(Debug, Clone)]
pub struct Store {
    pub(super) dir: PathBuf,
    pub(super) codec: Codec,
    /// The name written into lock files, so a colleague who finds the
    /// session open learns who has it.
    pub(super) holder: String,
}

/// The login name, until the program names the user from its config
/// (`Store::held_by`).
pub(super) fn login_name() -> String {
    std::env::var("USER").unwrap_or_default()
}

/// What the sessions table shows for a readable file.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SessionSummary {
    pub id: Uuid,
    pub case_ref: String,
    pub interviewer: String,
    pub created: Zoned,
    pub updated: Zoned,
    pub status: Status,
    /// Real answers: a value with the status answered.
    pub answered: usize,
    /// Declined, unclear, n.a. or not asked: counted apart from real answers.
    pub status_only: usize,
    pub flagged: usize,
    pub comments: usize,
    pub path: PathBuf,
}

impl SessionSummary {
    pub fn of(s: &Session, path: PathBuf) -> SessionSummary {
        SessionSummary {
            id: s.id,
            case_ref: s.case_ref.clone(),
            interviewer: s.interviewer.clone(),
            created: s.created.clone(),
            updated: s.updated.clone(),
            status: s.status,
            answered: s.answers.values().filter(|a| a.has_value()).count(),
            status_only: s.answers.values().filter(|a| a.is_status_only()).count(),
            flagged: s.flagged_count(),
            comments: s.comments.len(),
            path,
        }
    }
}

/// One file in the sessions folder: a summary, or why it cannot be read.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ListEntry {
    Session(SessionSummary),
    Unreadable {
        path: PathBuf,
        /// In English, for tools; `message` says it in the user's language.
        reason: String,
        line: usize,
        col: usize,
        #[serde(skip)]
        message: Msg,
    },
}

impl ListEntry {
    pub fn path(&self) -> &Path {
        match self {
            ListEntry::Session(s) => &s.path,
            ListEntry::Unreadable { path, .. } => path,
        }
    }
}

/// The interviewer's right to write one session; dropping it releases the
/// lock.
#[derive(Debug)]
pub struct WriteHandle {
    path: PathBuf,
    guard_path: PathBuf,
    /// The file as this handle last read or wrote it: when the file is still
    /// that one (same bytes, same inode), nobody else wrote and there is
    /// nothing to merge; otherwise it is the base of a three-way merge.
    last: Option<Seen>,
    codec: Codec,
    /// 0600, or 0660 in a group folder with encryption on.
    mode: u32,
    _lock: SessionLock,
}

#[derive(Debug)]
struct Seen {
    file: Snapshot,
    session: Session,
}

/// A file's identity: its content hash and its generation, the inode (every
/// atomic write makes a new one, so a rewrite with equal bytes shows too).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Snapshot {
    hash: [u8; 32],
    ino: u64,
}

pub(super) fn hash(bytes: &[u8]) -> [u8; 32] {
    Sha256::digest(bytes).into()
}

/// The bytes at `path` and their identity, or `None` when nothing is there.
fn snapshot(path: &Path) -> Result<Option<(Snapshot, Vec<u8>)>> {
    let mut file = match safe_fs::open_read(path) {
        Ok(f) => f,
        Err(Error::Io { source, .. }) if source.kind() == std::io::ErrorKind::NotFound => {
            return Ok(None);
        }
        Err(e) => return Err(e),
    };
    let ino = file
        .metadata()
        .map_err(|e| Error::io(IoOp::Read, path, e))?
        .ino();
    let mut bytes = Vec::new();
    file.read_to_end(&mut bytes)
        .map_err(|e| Error::io(IoOp::Read, path, e))?;
    Ok(Some((
        Snapshot {
            hash: hash(&bytes),
            ino,
        },
        bytes,
    )))
}

pub(super) fn parse_bytes(path: &Path, bytes: &[u8]) -> Result<Session> {
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let (line, col) = crate::error::line_col(
            &String::from_utf8_lossy(&bytes[..e.valid_up_to()]),
            e.valid_up_to(),
        );
        Error::Parse {
            path: path.into(),
            line,
            col,
            detail: crate::message::Msg::new("not_utf8", &[]),
        }
    })?;
    parse_session(path, text)
}

/// Read and parse a session file (a regular file; never through a link).
pub fn load(path: &Path) -> Result<Session> {
    load_with(&Codec::Plain, path)
}

/// Read, open (decrypt when sealed) and parse a session file.
pub(super) fn load_with(codec: &Codec, path: &Path) -> Result<Session> {
    open_bytes(codec, path, &safe_fs::read(path)?)
}

/// The session in bytes as read from `path`, sealed or plain.
pub fn open_bytes(codec: &Codec, path: &Path, bytes: &[u8]) -> Result<Session> {
    parse_bytes(path, &codec.open(path, bytes)?)
}

/// Submitted and approved sessions are closed: the interviewer's record no
/// longer changes. Reviewers' comments and status changes still go in, so a
/// recorded return (or reopen) opens it again.
fn closed(s: Status) -> bool {
    matches!(s, Status::Submitted | Status::Approved)
}

/// The writer recorded a reopen of the closed file (the lifecycle's
/// `reopen`): a change out of the file's status that the file lacks.
fn reopened(merged: &Session, disk: &Session) -> bool {
    merged
        .history
        .iter()
        .any(|h| h.from == disk.status && h.to == Status::Draft && !disk.history.contains(h))
}

impl WriteHandle {
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Save, keeping comments and status changes a reviewer wrote meanwhile.
    pub fn save(&mut self, session: &Session) -> Result<()> {
        let mut s = session.clone();
        self.save_merged(&mut s)
    }

    /// Save, and bring into `session` what others wrote meanwhile: a
    /// reviewer's comments and status changes, and another writer's answers
    /// (three-way, against what this handle last saw). Refuses with
    /// `Error::Conflict` when both changed the same answer, and with
    /// `Error::SessionClosed` when the file is submitted or approved and the
    /// interviewer's record would change.
    pub fn save_merged(&mut self, session: &mut Session) -> Result<()> {
        let _guard = lock::write_guard(&self.guard_path)?;
        for _ in 0..2 {
            let before = snapshot(&self.path)?;
            let mut merged = session.clone();
            if let Some((snap, bytes)) = &before {
                let seen = self.last.as_ref().filter(|l| l.file == *snap);
                let disk = match seen {
                    Some(l) => l.session.clone(),
                    // An unreadable file is never overwritten: the error says why.
                    None => open_bytes(&self.codec, &self.path, bytes)?,
                };
                if seen.is_none() {
                    merge_review(&mut merged, &disk);
                    if let Some(base) = &self.last
                        && !three_way::merge(&mut merged, &base.session, &disk)
                    {
                        return Err(Error::Conflict {
                            path: self.path.clone(),
                        });
                    }
                }
                if closed(disk.status)
                    && !reopened(&merged, &disk)
                    && !three_way::same_record(&merged, &disk)
                {
                    return Err(Error::SessionClosed {
                        path: self.path.clone(),
                        status: disk.status,
                    });
                }
            }
            let text = merged.to_toml();
            let sealed = self.codec.seal(&self.path, text.as_bytes())?;
            let tmp = atomic::prepare_with_mode(&self.path, &sealed, self.mode)?;
            let ino = tmp
                .as_file()
                .metadata()
                .map_err(|e| Error::io(IoOp::Write, &self.path, e))?
                .ino();
            // A writer that ignores the guard (another machine on a shared
            // folder) shows up as a changed file: merge again.
            if snapshot(&self.path)?.map(|s| s.0) == before.map(|s| s.0) {
                atomic::commit(tmp, &self.path)?;
                self.last = Some(Seen {
                    file: Snapshot {
                        hash: hash(&sealed),
                        ino,
                    },
                    session: merged.clone(),
                });
                *session = merged;
                return Ok(());
            }
        }
        Err(Error::Conflict {
            path: self.path.clone(),
        })
    }

    /// Rewrite the autosave draft (see `draft.rs`) with what is on screen.
    pub fn write_draft(&self, session: &Session) -> Result<()> {
        draft::write(&self.path, &self.codec, session)
    }

    /// Remove the draft once the session file holds everything in it.
    pub fn clear_draft(&self) -> Result<()> {
        draft::clear(&self.path)
    }

    /// Work left in a draft by a killed instance, which the session file
    /// lacks; `on_disk` is the session as just opened.
    pub fn recoverable(&self, on_disk: &Session) -> Option<Session> {
        draft::recoverable(&self.path, &self.codec, on_disk)
    }
}

/// Save a copy of `session` into `dir` (created 0700 if needed) as
/// `<id>.toml`, atomically and durably, for when the data folder cannot be
/// written. Returns the file written. The copy is an ordinary session file:
/// moved into a sessions folder, it opens like any other.
pub fn write_copy(dir: &Path, session: &Session) -> Result<PathBuf> {
    super::sealed::write_copy_with(&Codec::Plain, dir, session)
}

impl Store {
    pub fn new(sessions_dir: PathBuf) -> Store {
        Store {
            dir: sessions_dir,
            codec: Codec::Plain,
            holder: login_name(),
        }
    }

    /// The user named in this store's lock files (the config's `name`).
    pub fn held_by(mut self, name: &str) -> Store {
        if !name.trim().is_empty() {
            self.holder = name.trim().to_string();
        }
        self
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub fn path_of(&self, id: Uuid) -> PathBuf {
        self.dir.join(format!("{id}.toml"))
    }

    pub(super) fn lock_path(&self, id: Uuid) -> PathBuf {
        self.dir.join(format!("{id}.lock"))
    }

    pub(super) fn guard_path(&self, id: Uuid) -> PathBuf {
        self.dir.join(format!(".{id}.write-lock"))
    }

    /// The sessions folder or its parent (the data folder) when group or
    /// others have any access to it, else the first session file or draft
    /// they may read (copied in, or made by another program: gehoor's next
    /// save makes it 0600 again, and the user is told before that); the CLI
    /// and the home screen warn with `cli.data_dir_readable_by_others`.
    pub fn warn_if_shared(&self) -> Option<PathBuf> {
        if self.codec.is_sealed() && group::is_group_folder(&self.dir) {
            // The keys guard the content; sharing is the point.
            return None;
        }
        let shared = |m: &fs::Metadata| m.permissions().mode() & 0o077 != 0;
        let dir = [Some(self.dir.as_path()), self.dir.parent()]
            .into_iter()
            .flatten()
            .find(|d| fs::metadata(d).is_ok_and(|m| m.is_dir() && shared(&m)))
            .map(Path::to_path_buf);
        dir.or_else(|| {
            let mut files: Vec<PathBuf> = fs::read_dir(&self.dir)
                .ok()?
                .flatten()
                .filter(|e| e.file_name().to_string_lossy().ends_with(".toml"))
                .filter(|e| e.metadata().is_ok_and(|m| m.is_file() && shared(&m)))
                .map(|e| e.path())
                .collect();
            files.sort();
            files.into_iter().next()
        })
    }

    fn lock(&self, id: Uuid) -> Result<WriteHandle> {
        atomic::ensure_private_dir(&self.dir)?;
        let path = self.path_of(id);
        let mode = self.file_mode();
        let lock = lock::acquire(&self.lock_path(id), &path, &self.holder)?;
        if mode != 0o600 {
            group::share_lock_files(&lock, &self.guard_path(id))?;
        }
        Ok(WriteHandle {
            path,
            guard_path: self.guard_path(id),
            last: None,
            codec: self.codec.clone(),
            mode,
            _lock: lock,
        })
    }

    /// Write a new session at once, so an interview exists on disk before
    /// its first answer, and keep it locked for writing.
    pub fn create(&self, session: &Session) -> Result<WriteHandle> {
        let mut handle = self.lock(session.id)?;
        if fs::symlink_metadata(&handle.path).is_ok() {
            return Err(Error::Conflict {
                path: handle.path.clone(),
            });
        }
        handle.save(session)?;
        Ok(handle)
    }

    /// Open for writing: `Error::SessionLocked` (with host and pid) when
    /// another instance has it; the caller may then `open_read_only`.
    pub fn open_for_write(&self, id: Uuid) -> Result<(Session, WriteHandle)> {
        let path = self.path_of(id);
        if fs::symlink_metadata(&path).is_err() {
            return Err(Error::SessionNotFound {
                query: id.to_string(),
                suggestions: Vec::new(),
            });
        }
        let mut handle = self.lock(id)?;
        let (file, bytes) = snapshot(&handle.path)?.ok_or_else(|| Error::SessionNotFound {
            query: id.to_string(),
            suggestions: Vec::new(),
        })?;
        let session = self.checked(id, open_bytes(&self.codec, &handle.path, &bytes)?)?;
        handle.last = Some(Seen {
            file,
            session: session.clone(),
        });
        Ok((session, handle))
    }

    pub fn open_read_only(&self, id: Uuid) -> Result<Session> {
        self.checked(id, self.load(&self.path_of(id))?)
    }

    /// `<id>.toml` holding another session (a renamed copy) is not `id`.
    fn checked(&self, id: Uuid, s: Session) -> Result<Session> {
        if s.id == id {
            return Ok(s);
        }
        Err(Error::DuplicateId {
            id: id.to_string(),
            paths: vec![self.path_of(id)],
        })
    }

    /// A reviewer's write: without the interviewer's lock, re-read the file,
    /// let `f` change a copy, and keep only its new comments and status
    /// changes. Refuses with `Error::Conflict` when the file keeps changing
    /// between read and rename. Returns the session as written.
    pub fn add_review(
        &self,
        id: Uuid,
        mut f: impl FnMut(&mut Session) -> Result<()>,
    ) -> Result<Session> {
        let path = self.path_of(id);
        let _guard = lock::write_guard(&self.guard_path(id))?;
        for _ in 0..2 {
            let (before, bytes) = snapshot(&path)?.ok_or_else(|| {
                Error::io(
                    IoOp::Read,
                    &path,
                    std::io::Error::from(std::io::ErrorKind::NotFound),
                )
            })?;
            let disk = self.checked(id, open_bytes(&self.codec, &path, &bytes)?)?;
            let mut edited = disk.clone();
            f(&mut edited)?;
            let mut merged = disk;
            if !merge_review(&mut merged, &edited) {
                return Ok(merged);
            }
            let text = merged.to_toml();
            let sealed = self.codec.seal(&path, text.as_bytes())?;
            let tmp = atomic::prepare_with_mode(&path, &sealed, self.file_mode())?;
            if snapshot(&path)?.map(|s| s.0) == Some(before) {
                atomic::commit(tmp, &path)?;
                return Ok(merged);
            }
        }
        Err(Error::Conflict { path })
    }
}
