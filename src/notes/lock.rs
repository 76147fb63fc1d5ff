//! One writer per session: an advisory lock on a sibling `<id>.lock` file
//! holding "host pid" so a refused opener can say who has it. The kernel
//! drops the lock when the holder dies, so a crash leaves no stale lock.

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

pub fn holder_text() -> String {
    format!(
        "{} pid {}",
        gethostname::gethostname().to_string_lossy(),
        std::process::id()
    )
}

/// Take the interviewer's lock or say who holds it. `session_path` is named
/// in the message.
pub fn acquire(lock_path: &Path, session_path: &Path) -> Result<SessionLock> {
    let mut file = open_for_lock(lock_path)?;
    match file.try_lock() {
        Ok(()) => {
            let text = holder_text();
            let mut w = open(lock_path)?;
            w.set_len(0)
                .and_then(|()| w.rewind())
                .and_then(|()| w.write_all(text.as_bytes()))
                .map_err(|e| Error::io(IoOp::Lock, lock_path, e))?;
            Ok(SessionLock { _file: file })
        }
        Err(TryLockError::WouldBlock) => {
            let mut holder = String::new();
            let _ = file.read_to_string(&mut holder);
            let holder = crate::sanitize::clean(holder.trim());
            Err(Error::SessionLocked {
                path: session_path.to_path_buf(),
                holder: if holder.is_empty() {
                    "?".into()
                } else {
                    holder
                },
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
    let file = open(path)?;
    file.lock().map_err(|e| Error::io(IoOp::Lock, path, e))?;
    Ok(file)
}
