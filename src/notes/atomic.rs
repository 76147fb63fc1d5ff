//! Atomic, durable file replacement: a temp file in the same folder, fsync,
//! rename over the target, fsync the folder (`persist` alone leaves the
//! rename in the page cache). Files are 0600, folders 0700.

use std::fs::{DirBuilder, File};
use std::io::Write;
use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
use std::path::Path;

use crate::error::{Error, IoOp, Result};

/// Temp files start with this, so listing skips them after a crash.
pub const TEMP_PREFIX: &str = ".gehoor-tmp-";

pub fn ensure_private_dir(dir: &Path) -> Result<()> {
    if dir.is_dir() {
        return Ok(());
    }
    DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
        .map_err(|e| Error::io(IoOp::CreateDir, dir, e))
}

pub fn fsync_dir(dir: &Path) -> Result<()> {
    File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(|e| Error::io(IoOp::Write, dir, e))
}

/// Write a temp file next to `target`, fsynced, 0600; the caller renames it
/// with `commit` (possibly after a last check).
/// The folder a file lives in; `.` for a bare file name.
fn parent(target: &Path) -> &Path {
    match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// `mode` is 0600, or 0660 for a file in a group folder.
pub fn prepare_with_mode(
    target: &Path,
    bytes: &[u8],
    mode: u32,
) -> Result<tempfile::NamedTempFile> {
    let tmp = written_temp(target, bytes, mode)?;
    tmp.as_file()
        .sync_all()
        .map_err(|e| Error::io(IoOp::Write, target, e))?;
    Ok(tmp)
}

/// `bytes` in a private temp file beside `target`, not yet synced.
fn written_temp(target: &Path, bytes: &[u8], mode: u32) -> Result<tempfile::NamedTempFile> {
    let mut tmp = tempfile::Builder::new()
        .prefix(TEMP_PREFIX)
        .permissions(std::fs::Permissions::from_mode(mode))
        .tempfile_in(parent(target))
        .map_err(|e| Error::io(IoOp::Write, target, e))?;
    if mode != 0o600 {
        // The umask may have narrowed the mode given at creation.
        tmp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(mode))
            .map_err(|e| Error::io(IoOp::Write, target, e))?;
    }
    tmp.write_all(bytes)
        .map_err(|e| Error::io(IoOp::Write, target, e))?;
    Ok(tmp)
}

pub fn commit(tmp: tempfile::NamedTempFile, target: &Path) -> Result<()> {
    tmp.persist(target)
        .map_err(|e| Error::io(IoOp::Rename, target, e.error))?;
    fsync_dir(parent(target))
}

/// Replace `target` atomically but without fsync: survives the process
/// being killed, not the machine losing power. For the autosave draft only.
pub fn write_unsynced(target: &Path, bytes: &[u8]) -> Result<()> {
    written_temp(target, bytes, 0o600)?
        .persist(target)
        .map_err(|e| Error::io(IoOp::Rename, target, e.error))?;
    Ok(())
}

/// Replace `target` with `bytes`, atomically and durably.
pub fn write(target: &Path, bytes: &[u8]) -> Result<()> {
    write_with_mode(target, bytes, 0o600)
}

pub fn write_with_mode(target: &Path, bytes: &[u8], mode: u32) -> Result<()> {
    let tmp = prepare_with_mode(target, bytes, mode)?;
    commit(tmp, target)
}
