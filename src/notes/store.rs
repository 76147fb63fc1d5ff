//! The only writer of user data. One TOML file per session, `<id>.toml`, in
//! one folder; atomic durable writes; one interviewer per session (lock);
//! reviewers add comments and status changes without that lock. A file that
//! cannot be read is never overwritten, deleted or moved unless asked.

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use jiff::Zoned;
use serde::Serialize;
use sha2::{Digest, Sha256};
use uuid::Uuid;

use super::lock::{self, SessionLock};
use super::merge::merge_review;
use super::{Session, Status, atomic, draft, parse_session};
use crate::error::{Error, IoOp, Result};
use crate::message::Msg;

pub const QUARANTINE_DIR: &str = "quarantine";

#[derive(Debug, Clone)]
pub struct Store {
    dir: PathBuf,
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
    pub answered: usize,
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
            answered: s.answered_count(),
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
    /// Hash of the bytes this handle last wrote: when the file still holds
    /// them, nobody else wrote and there is nothing to merge.
    last_written: Option<[u8; 32]>,
    _lock: SessionLock,
}

fn hash(bytes: &[u8]) -> [u8; 32] {
    Sha256::digest(bytes).into()
}

fn read_bytes(path: &Path) -> Result<Option<Vec<u8>>> {
    match fs::read(path) {
        Ok(b) => Ok(Some(b)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(Error::io(IoOp::Read, path, e)),
    }
}

fn parse_bytes(path: &Path, bytes: &[u8]) -> Result<Session> {
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

/// Read and parse a session file.
pub fn load(path: &Path) -> Result<Session> {
    let bytes = fs::read(path).map_err(|e| Error::io(IoOp::Read, path, e))?;
    parse_bytes(path, &bytes)
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

    /// Save, and bring the reviewer's comments and status changes written
    /// meanwhile into `session`, so the interviewer sees them.
    pub fn save_merged(&mut self, session: &mut Session) -> Result<()> {
        let _guard = lock::write_guard(&self.guard_path)?;
        for _ in 0..2 {
            let before = read_bytes(&self.path)?.map(|b| (hash(&b), b));
            if let Some((h, b)) = &before
                && Some(*h) != self.last_written
            {
                // An unreadable file is never overwritten: the error says why.
                let disk = parse_bytes(&self.path, b)?;
                merge_review(session, &disk);
            }
            let text = session.to_toml();
            let tmp = atomic::prepare(&self.path, text.as_bytes())?;
            // A writer that ignores the guard (another machine on a shared
            // folder) shows up as a changed file: merge again.
            if read_bytes(&self.path)?.map(|b| hash(&b)) == before.map(|(h, _)| h) {
                atomic::commit(tmp, &self.path)?;
                self.last_written = Some(hash(text.as_bytes()));
                return Ok(());
            }
        }
        Err(Error::Conflict {
            path: self.path.clone(),
        })
    }

    /// Rewrite the autosave draft (see `draft.rs`) with what is on screen.
    pub fn write_draft(&self, session: &Session) -> Result<()> {
        draft::write(&self.path, session)
    }

    /// Remove the draft once the session file holds everything in it.
    pub fn clear_draft(&self) -> Result<()> {
        draft::clear(&self.path)
    }

    /// Work left in a draft by a killed instance, which the session file
    /// lacks; `on_disk` is the session as just opened.
    pub fn recoverable(&self, on_disk: &Session) -> Option<Session> {
        draft::recoverable(&self.path, on_disk)
    }
}

/// Save a copy of `session` into `dir` (created 0700 if needed) as
/// `<id>.toml`, atomically and durably, for when the data folder cannot be
/// written. Returns the file written. The copy is an ordinary session file:
/// moved into a sessions folder, it opens like any other.
pub fn write_copy(dir: &Path, session: &Session) -> Result<PathBuf> {
    atomic::ensure_private_dir(dir)?;
    let path = dir.join(format!("{}.toml", session.id));
    atomic::write(&path, session.to_toml().as_bytes())?;
    Ok(path)
}

impl Store {
    pub fn new(sessions_dir: PathBuf) -> Store {
        Store { dir: sessions_dir }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub fn path_of(&self, id: Uuid) -> PathBuf {
        self.dir.join(format!("{id}.toml"))
    }

    fn lock_path(&self, id: Uuid) -> PathBuf {
        self.dir.join(format!("{id}.lock"))
    }

    fn guard_path(&self, id: Uuid) -> PathBuf {
        self.dir.join(format!(".{id}.write-lock"))
    }

    /// The sessions folder or its parent (the data folder) when group or
    /// others have any access to it; the CLI warns with
    /// `cli.data_dir_readable_by_others`.
    pub fn warn_if_shared(&self) -> Option<PathBuf> {
        [Some(self.dir.as_path()), self.dir.parent()]
            .into_iter()
            .flatten()
            .find(|d| {
                fs::metadata(d)
                    .map(|m| m.is_dir() && m.permissions().mode() & 0o077 != 0)
                    .unwrap_or(false)
            })
            .map(Path::to_path_buf)
    }

    fn lock(&self, id: Uuid) -> Result<WriteHandle> {
        atomic::ensure_private_dir(&self.dir)?;
        let path = self.path_of(id);
        let lock = lock::acquire(&self.lock_path(id), &path)?;
        Ok(WriteHandle {
            path,
            guard_path: self.guard_path(id),
            last_written: None,
            _lock: lock,
        })
    }

    /// Write a new session at once, so an interview exists on disk before
    /// its first answer, and keep it locked for writing.
    pub fn create(&self, session: &Session) -> Result<WriteHandle> {
        let mut handle = self.lock(session.id)?;
        if handle.path.exists() {
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
        if !path.exists() {
            return Err(Error::SessionNotFound {
                query: id.to_string(),
                suggestions: Vec::new(),
            });
        }
        let handle = self.lock(id)?;
        let session = load(&handle.path)?;
        Ok((session, handle))
    }

    pub fn open_read_only(&self, id: Uuid) -> Result<Session> {
        load(&self.path_of(id))
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
            let before = fs::read(&path).map_err(|e| Error::io(IoOp::Read, &path, e))?;
            let disk = parse_bytes(&path, &before)?;
            let mut edited = disk.clone();
            f(&mut edited)?;
            let mut merged = disk;
            if !merge_review(&mut merged, &edited) {
                return Ok(merged);
            }
            let tmp = atomic::prepare(&path, merged.to_toml().as_bytes())?;
            if read_bytes(&path)?.map(|b| hash(&b)) == Some(hash(&before)) {
                atomic::commit(tmp, &path)?;
                return Ok(merged);
            }
        }
        Err(Error::Conflict { path })
    }

    fn session_files(&self) -> Result<Vec<PathBuf>> {
        let rd = match fs::read_dir(&self.dir) {
            Ok(rd) => rd,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(Error::io(IoOp::List, &self.dir, e)),
        };
        let mut files = Vec::new();
        for entry in rd {
            let entry = entry.map_err(|e| Error::io(IoOp::List, &self.dir, e))?;
            let name = entry.file_name();
            let name = name.to_string_lossy();
            if name.starts_with('.') || !name.ends_with(".toml") {
                continue;
            }
            if entry.file_type().is_ok_and(|t| t.is_file()) {
                files.push(entry.path());
            }
        }
        Ok(files)
    }

    /// Every session file, newest first; unreadable files are listed with
    /// the reason instead of breaking the list.
    pub fn list(&self) -> Result<Vec<ListEntry>> {
        let files = self.session_files()?;
        // Parsing dominates; spread it over the cores.
        let threads = std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .min(files.len().div_ceil(64).max(1));
        let chunk = files.len().div_ceil(threads).max(1);
        let mut entries: Vec<ListEntry> = std::thread::scope(|scope| {
            let workers: Vec<_> = files
                .chunks(chunk)
                .map(|paths| {
                    scope.spawn(move || paths.iter().map(|p| summarise(p)).collect::<Vec<_>>())
                })
                .collect();
            workers
                .into_iter()
                .flat_map(|w| w.join().expect("listing a file does not panic"))
                .collect()
        });
        entries.sort_by(|a, b| match (a, b) {
            (ListEntry::Session(a), ListEntry::Session(b)) => b
                .updated
                .timestamp()
                .cmp(&a.updated.timestamp())
                .then(a.id.cmp(&b.id)),
            (ListEntry::Session(_), ListEntry::Unreadable { .. }) => std::cmp::Ordering::Less,
            (ListEntry::Unreadable { .. }, ListEntry::Session(_)) => std::cmp::Ordering::Greater,
            (a, b) => a.path().cmp(b.path()),
        });
        Ok(entries)
    }

    /// A session by id prefix or exact case reference.
    pub fn resolve(&self, query: &str) -> Result<Uuid> {
        let q = query.trim();
        let sessions: Vec<SessionSummary> = self
            .list()?
            .into_iter()
            .filter_map(|e| match e {
                ListEntry::Session(s) => Some(s),
                ListEntry::Unreadable { .. } => None,
            })
            .collect();
        let by_case: Vec<&SessionSummary> = sessions.iter().filter(|s| s.case_ref == q).collect();
        let lower = q.to_ascii_lowercase();
        let by_id: Vec<&SessionSummary> = if lower.is_empty() {
            Vec::new()
        } else {
            sessions
                .iter()
                .filter(|s| s.id.to_string().starts_with(&lower))
                .collect()
        };
        let matches = if by_case.is_empty() { by_id } else { by_case };
        match matches.as_slice() {
            [one] => Ok(one.id),
            [] => Err(Error::SessionNotFound {
                query: q.to_string(),
                suggestions: super::suggest::suggest(q, &sessions),
            }),
            many => Err(Error::SessionAmbiguous {
                query: q.to_string(),
                matches: many
                    .iter()
                    .map(|s| format!("{} ({})", s.id, s.case_ref))
                    .collect(),
            }),
        }
    }

    /// Move an unreadable file into `<sessions>/quarantine/`, only when the
    /// user asks. Refuses readable sessions and anything outside the folder.
    /// Returns the new path.
    pub fn quarantine(&self, file_name: &str) -> Result<PathBuf> {
        let given = Path::new(file_name);
        let in_dir = given.parent().is_none_or(|p| {
            p.as_os_str().is_empty() || p.canonicalize().ok() == self.dir.canonicalize().ok()
        });
        let dir_name = self.dir.display().to_string();
        let name = given
            .file_name()
            .filter(|_| in_dir)
            .ok_or_else(|| Error::Usage {
                detail: Msg::new("not_in_folder", &[("file", file_name), ("dir", &dir_name)]),
            })?;
        let src = self.dir.join(name);
        if !src.is_file() {
            return Err(Error::SessionNotFound {
                query: file_name.to_string(),
                suggestions: Vec::new(),
            });
        }
        if load(&src).is_ok() {
            return Err(Error::Usage {
                detail: Msg::new("readable_session", &[("path", &src.display().to_string())]),
            });
        }
        let qdir = self.dir.join(QUARANTINE_DIR);
        atomic::ensure_private_dir(&qdir)?;
        let mut dest = qdir.join(name);
        let mut n = 1;
        while dest.exists() {
            dest = qdir.join(format!("{}.{n}", name.to_string_lossy()));
            n += 1;
        }
        fs::rename(&src, &dest).map_err(|e| Error::io(IoOp::Rename, &src, e))?;
        atomic::fsync_dir(&qdir)?;
        atomic::fsync_dir(&self.dir)?;
        Ok(dest)
    }
}

fn summarise(path: &Path) -> ListEntry {
    if let Ok(text) = fs::read_to_string(path)
        && let Some(s) = super::list::fast_summary(path.to_path_buf(), &text)
    {
        return ListEntry::Session(s);
    }
    match load(path) {
        Ok(s) => ListEntry::Session(SessionSummary::of(&s, path.to_path_buf())),
        Err(e) => unreadable(path.to_path_buf(), &e),
    }
}

fn unreadable(path: PathBuf, e: &Error) -> ListEntry {
    let (message, line, col) = match e {
        Error::Parse {
            line, col, detail, ..
        } => (detail.clone(), *line, *col),
        Error::NewerSchema {
            found, supported, ..
        } => (
            Msg::new(
                "schema_newer",
                &[
                    ("found", &found.to_string()),
                    ("supported", &supported.to_string()),
                ],
            ),
            1,
            1,
        ),
        Error::Io { source, .. } => (crate::error::io_reason(source), 0, 0),
        other => (Msg::new("io_other", &[("raw", &other.to_string())]), 0, 0),
    };
    ListEntry::Unreadable {
        path,
        reason: message.to_string(),
        line,
        col,
        message,
    }
}
