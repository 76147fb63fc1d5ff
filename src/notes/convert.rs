//! Converting a folder in place: `encrypt` seals every plain session file
//! and autosave draft; `rekey` re-seals every file for the current
//! recipient list (after someone joined or left the team). One file at a
//! time, each replaced atomically under the session's lock, so a crash
//! leaves every file either as it was or converted, and running the command
//! again finishes the job. A file that cannot be read is reported and never
//! touched; a session open in another gehoor is skipped and reported.

use std::path::{Path, PathBuf};

use uuid::Uuid;

use super::safe_fs::read_if_exists as read_bytes;
use super::store::{Store, hash, open_bytes};
use super::{atomic, crypt, draft, lock};
use crate::error::{Error, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Conversion {
    /// Seal plain files; sealed ones are already done.
    Encrypt,
    /// Re-seal every file for the current recipients.
    Rekey,
}

/// What a conversion did, file by file.
#[derive(Debug, Default)]
pub struct Outcome {
    pub converted: Vec<PathBuf>,
    /// Sealed already (`Encrypt` only).
    pub already: usize,
    /// Open in another gehoor: run the command again when it is closed.
    pub in_use: Vec<PathBuf>,
    /// Files left untouched, with the reason.
    pub unreadable: Vec<(PathBuf, Error)>,
}

impl Store {
    /// Convert every session in the folder; `progress(done, total)` is
    /// called after each file. Needs a store with encryption on.
    pub fn convert(
        &self,
        how: Conversion,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Result<Outcome> {
        if !self.codec().is_sealed() {
            return Err(Error::Usage {
                detail: crate::message::Msg::plain(
                    "encryption is off: set encryption = \"on\" in the configuration first",
                ),
            });
        }
        let mut files = self.session_files()?;
        files.sort();
        let mut out = Outcome::default();
        for (i, path) in files.iter().enumerate() {
            self.convert_one(how, path, &mut out);
            progress(i + 1, files.len());
        }
        Ok(out)
    }

    fn convert_one(&self, how: Conversion, path: &Path, out: &mut Outcome) {
        let Some(id) = path
            .file_stem()
            .and_then(|s| s.to_str())
            .and_then(|s| Uuid::parse_str(s).ok())
        else {
            out.unreadable.push((
                path.into(),
                Error::Usage {
                    detail: crate::message::Msg::plain("the file name is not <session id>.toml"),
                },
            ));
            return;
        };
        let lock = match lock::acquire(&self.lock_path(id), path, &self.holder) {
            Ok(l) => l,
            Err(Error::SessionLocked { .. }) => {
                out.in_use.push(path.into());
                return;
            }
            Err(e) => {
                out.unreadable.push((path.into(), e));
                return;
            }
        };
        match self.reseal(how, path) {
            Ok(true) => out.converted.push(path.into()),
            Ok(false) => out.already += 1,
            Err(e) => out.unreadable.push((path.into(), e)),
        }
        // The draft holds what the file may lack; it follows its session.
        let draft = draft::path_for(path);
        if let Ok(Some(bytes)) = read_bytes(&draft)
            && (how == Conversion::Rekey || !crypt::is_sealed(&bytes))
            && let Ok(plain) = self.codec().open(&draft, &bytes)
            && let Ok(sealed) = self.codec().seal(&draft, &plain)
        {
            let _ = atomic::write(&draft, &sealed);
        }
        drop(lock);
    }

    /// Re-seal one file under the write guard; `false` when there was
    /// nothing to do.
    fn reseal(&self, how: Conversion, path: &Path) -> Result<bool> {
        let id = path
            .file_stem()
            .and_then(|s| s.to_str())
            .and_then(|s| Uuid::parse_str(s).ok())
            .unwrap_or_default();
        let _guard = lock::write_guard(&self.guard_path(id))?;
        let Some(before) = read_bytes(path)? else {
            return Ok(false);
        };
        if how == Conversion::Encrypt && crypt::is_sealed(&before) {
            return Ok(false);
        }
        // Only a file that reads as a session is converted: the exact bytes,
        // so nothing in it changes but its protection.
        open_bytes(self.codec(), path, &before)?;
        let plain = self.codec().open(path, &before)?;
        let sealed = self.codec().seal(path, &plain)?;
        let tmp = atomic::prepare_with_mode(path, &sealed, self.file_mode())?;
        if read_bytes(path)?.map(|b| hash(&b)) != Some(hash(&before)) {
            return Err(Error::Conflict { path: path.into() });
        }
        atomic::commit(tmp, path)?;
        Ok(true)
    }
}
