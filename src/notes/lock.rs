//! One writer per session: an advisory lock on a sibling `<id>.lock` file
//! holding who opened it (user, host, pid, since when) so a refused opener
//! can say who has it. The kernel drops the lock when the holder dies, so a
//! crash leaves no stale lock.

use std::fs::{File, TryLockError};
use std::io::{Read, Seek, Write};
use std::path::Path;

use super::safe_fs;

use crate::error::{Error, IoOp, Result};

#[derive(Debug)]
pub struct SessionLock {
    _file: File,
}

impl SessionLock {
    /// The lock file itself, for `group::share_lock_files`.
    pub(super) fn file(&self) -> &File {
        &self._file
    }
}

/// The lock is held on a read-only descriptor, so a data folder remounted
/// read-only under a running interview is not kept busy by it and the next
/// save can report the real problem. flock belongs to the open file
/// description, so writing the holder through another one keeps it.
fn open_for_lock(path: &Path) -> Result<File> {
    // Created (0600) through a writable descriptor, then reopened.
    open(path)?;
    safe_fs::open_read(path)
}

/// Never through a link someone planted, never blocking on a pipe.
fn open(path: &Path) -> Result<File> {
    safe_fs::open_rw(path, IoOp::Lock)
}

/// Who holds a session's lock, as written in its lock file. A file
/// written by an older gehoor ("host pid N") or by anything else keeps its
/// text in `raw`; the fields it lacks stay empty.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LockHolder {
    pub user: Option<String>,
    pub host: Option<String>,
    pub pid: Option<u32>,
    pub since: Option<jiff::Timestamp>,
    pub raw: String,
}

impl LockHolder {
    /// Lines of "key value"; at most 4 KiB is read, anything else is kept
    /// as raw text only.
    pub fn parse(text: &str) -> LockHolder {
        let raw = crate::sanitize::clean(text.trim());
        let mut h = LockHolder {
            user: None,
            host: None,
            pid: None,
            since: None,
            raw,
        };
        for line in h.raw.clone().lines() {
            let Some((key, value)) = line.split_once(' ') else {
                continue;
            };
            let value = value.trim();
            match key {
                "user" if !value.is_empty() => h.user = Some(value.to_string()),
                "host" if !value.is_empty() => h.host = Some(value.to_string()),
                "pid" => h.pid = value.parse().ok(),
                "since" => h.since = value.parse().ok(),
                _ => {}
            }
        }
        h
    }

    /// The refusal as the user reads it: who, since when (local time,
    /// written out), on which computer; the raw text when the file says
    /// less than that.
    pub fn describe(&self, session_path: &Path, s: &crate::i18n::Strings) -> String {
        let path = session_path.display().to_string();
        match (&self.user, self.since) {
            (Some(user), Some(since)) => {
                let tz = jiff::tz::TimeZone::system();
                let since = crate::export::words::stamp(&since.to_zoned(tz.clone()), &tz, s.lang);
                crate::i18n::fill(
                    &s.error.session_locked_by,
                    &[
                        ("path", &path),
                        ("user", user),
                        ("since", &since.text),
                        ("host", self.host.as_deref().unwrap_or("?")),
                        ("pid", &self.pid.map_or("?".into(), |p| p.to_string())),
                    ],
                )
            }
            _ => crate::i18n::fill(
                &s.error.session_locked,
                &[
                    ("path", &path),
                    ("holder", if self.raw.is_empty() { "?" } else { &self.raw }),
                ],
            ),
        }
    }

    fn text(user: &str, at: jiff::Timestamp) -> String {
        format!(
            "user {}\nhost {}\npid {}\nsince {at}\n",
            user.replace(['\n', '\r'], " "),
            gethostname::gethostname().to_string_lossy(),
            std::process::id()
        )
    }
}

/// Take the interviewer's lock or say who holds it, and since when. `user`
/// is written into the lock file for the next opener's message;
/// `session_path` is named in it.
pub fn acquire(lock_path: &Path, session_path: &Path, user: &str) -> Result<SessionLock> {
    let mut file = open_for_lock(lock_path)?;
    match file.try_lock() {
        Ok(()) => {
            let text = LockHolder::text(user, jiff::Timestamp::now());
            let mut w = open(lock_path)?;
            w.set_len(0)
                .and_then(|()| w.rewind())
                .and_then(|()| w.write_all(text.as_bytes()))
                .map_err(|e| Error::io(IoOp::Lock, lock_path, e))?;
            Ok(SessionLock { _file: file })
        }
        Err(TryLockError::WouldBlock) => {
            let mut holder = String::new();
            let _ = (&mut file).take(4096).read_to_string(&mut holder);
            Err(Error::SessionLocked {
                path: session_path.to_path_buf(),
                holder: Box::new(LockHolder::parse(&holder)),
            })
        }
        Err(TryLockError::Error(e)) => Err(Error::io(IoOp::Lock, lock_path, e)),
    }
}

/// A short, blocking lock around one read-merge-rename, shared by the
/// interviewer's save and a reviewer's write so neither loses the other's
/// change (where the file system honours locks; the content hash check
/// covers the rest).
pub fn write_guard(path: &Path) -> Result<File> {
    let file = open(path).map_err(|e| folder_fault(path, e))?;
    file.lock().map_err(|e| Error::io(IoOp::Lock, path, e))?;
    Ok(file)
}

/// A folder that takes no writes (read-only, full, not ours) fails the
/// guard's open first; the save failed because of the folder, not a lock,
/// and the message says so.
fn folder_fault(path: &Path, e: Error) -> Error {
    match e {
        Error::Io { source, .. }
            if matches!(
                source.raw_os_error(),
                Some(libc::EROFS | libc::ENOSPC | libc::EDQUOT | libc::EACCES | libc::ENOTDIR)
            ) =>
        {
            let dir = path.parent().unwrap_or(Path::new("."));
            Error::io(IoOp::Write, dir, source)
        }
        other => other,
    }
}
