//! A group folder: one sessions folder shared by several Unix accounts
//! (setgid, 2770), where files are 0660 so every member can list them and
//! every recipient can decrypt them. Only with encryption on: then the keys,
//! not the file modes, decide who reads a session.

use std::fs::{self, OpenOptions};
use std::os::unix::fs::{MetadataExt, OpenOptionsExt, PermissionsExt};
use std::path::Path;

use super::lock::SessionLock;
use crate::error::{Error, IoOp, Result};

const SETGID: u32 = 0o2000;

/// A folder set up for a group: setgid, group may read, write and enter,
/// others nothing (2770). A symlinked folder is judged by what it points to,
/// as every file in it is reached through it.
pub fn is_group_folder(dir: &Path) -> bool {
    fs::metadata(dir).is_ok_and(|m| {
        let mode = m.mode();
        m.is_dir() && mode & SETGID != 0 && mode & 0o070 == 0o070 && mode & 0o007 == 0
    })
}

fn share(file: &fs::File, path: &Path) -> Result<()> {
    // Through the descriptor: a name swapped for a symlink meanwhile is not
    // followed. Another member's file keeps its mode (only its owner may
    // change it), which it got the same way.
    match file.set_permissions(fs::Permissions::from_mode(0o660)) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::PermissionDenied => Ok(()),
        Err(e) => Err(Error::io(IoOp::Lock, path, e)),
    }
}

/// Make the interviewer's lock file and the write guard usable by the other
/// members (a reviewer takes the guard to add a comment).
pub(super) fn share_lock_files(lock: &SessionLock, guard_path: &Path) -> Result<()> {
    share(lock.file(), guard_path)?;
    let guard = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .mode(0o660)
        .custom_flags(libc::O_NOFOLLOW)
        .open(guard_path)
        .map_err(|e| Error::io(IoOp::Lock, guard_path, e))?;
    share(&guard, guard_path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_setgid_folder_closed_to_others_is_a_group_folder() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path();
        for (mode, group) in [
            (0o2770, true),
            (0o770, false),
            (0o2775, false),
            (0o2750, false),
            (0o700, false),
        ] {
            fs::set_permissions(p, fs::Permissions::from_mode(mode)).unwrap();
            assert_eq!(is_group_folder(p), group, "{mode:o}");
        }
    }
}
