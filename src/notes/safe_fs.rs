//! Opening files in a data folder someone else may also write to (a shared,
//! group-writable folder): a symbolic link planted at a path gehoor opens
//! would make it truncate or read a file elsewhere, and a named pipe would
//! block it forever. Every file gehoor opens in place in the data folder
//! goes through here: `O_NOFOLLOW` (a link is refused, not followed),
//! `O_NONBLOCK` (opening a pipe returns at once) and a check of what was
//! opened (only a regular file is used). Whole-file replacements are made
//! with a fresh temp file (`O_EXCL`) and a rename, which replaces a link
//! instead of following it.

use std::fs::{File, OpenOptions};
use std::io::Read;
use std::os::unix::fs::{FileTypeExt, OpenOptionsExt};
use std::path::Path;

use crate::error::{Error, IoOp, Result};

const FLAGS: i32 = libc::O_NOFOLLOW | libc::O_NONBLOCK | libc::O_CLOEXEC;

/// What sits at a path that is not a regular file, for the message.
fn refuse(path: &Path, file: &File) -> Result<()> {
    let t = file
        .metadata()
        .map_err(|e| Error::io(IoOp::Read, path, e))?
        .file_type();
    if t.is_file() {
        return Ok(());
    }
    let kind = if t.is_dir() {
        "folder"
    } else if t.is_fifo() {
        "fifo"
    } else {
        "special"
    };
    Err(Error::NotAFile {
        path: path.into(),
        kind,
    })
}

fn opened(path: &Path, op: IoOp, r: std::io::Result<File>) -> Result<File> {
    match r {
        Ok(f) => {
            refuse(path, &f)?;
            Ok(f)
        }
        // O_NOFOLLOW on a link gives ELOOP.
        Err(e) if e.raw_os_error() == Some(libc::ELOOP) => Err(Error::NotAFile {
            path: path.into(),
            kind: "symlink",
        }),
        Err(e) => Err(Error::io(op, path, e)),
    }
}

/// Open (creating it 0600 if missing) a regular file for reading and
/// writing, never through a link and never blocking on a pipe.
pub fn open_rw(path: &Path, op: IoOp) -> Result<File> {
    opened(
        path,
        op,
        OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .mode(0o600)
            .custom_flags(FLAGS)
            .open(path),
    )
}

/// Open an existing regular file read-only, the same way.
pub fn open_read(path: &Path) -> Result<File> {
    opened(
        path,
        IoOp::Read,
        OpenOptions::new().read(true).custom_flags(FLAGS).open(path),
    )
}

/// The bytes of a regular file; `Ok(None)` when nothing is there.
pub fn read_if_exists(path: &Path) -> Result<Option<Vec<u8>>> {
    let mut file = match open_read(path) {
        Ok(f) => f,
        Err(Error::Io { source, .. }) if source.kind() == std::io::ErrorKind::NotFound => {
            return Ok(None);
        }
        Err(e) => return Err(e),
    };
    let mut bytes = Vec::new();
    file.read_to_end(&mut bytes)
        .map_err(|e| Error::io(IoOp::Read, path, e))?;
    Ok(Some(bytes))
}

/// The bytes of a regular file that must exist.
pub fn read(path: &Path) -> Result<Vec<u8>> {
    read_if_exists(path)?.ok_or_else(|| {
        Error::io(
            IoOp::Read,
            path,
            std::io::Error::from(std::io::ErrorKind::NotFound),
        )
    })
}
