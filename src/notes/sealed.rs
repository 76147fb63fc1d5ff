//! The store's side of encryption: a store built with a `Codec`, copies
//! sealed like its files, and the file mode of a group folder.

use std::path::{Path, PathBuf};

use super::crypt::Codec;
use super::store::{Store, load_with};
use super::{Session, atomic, group};
use crate::error::Result;

pub(super) fn write_copy_with(codec: &Codec, dir: &Path, session: &Session) -> Result<PathBuf> {
    atomic::ensure_private_dir(dir)?;
    let path = dir.join(format!("{}.toml", session.id));
    atomic::write(&path, &codec.seal(&path, session.to_toml().as_bytes())?)?;
    Ok(path)
}

impl Store {
    /// A store whose every write goes through `codec` (sealed when
    /// encryption is on).
    pub fn with_codec(sessions_dir: PathBuf, codec: Codec) -> Store {
        Store {
            dir: sessions_dir,
            codec,
            holder: super::store::login_name(),
        }
    }

    pub fn codec(&self) -> &Codec {
        &self.codec
    }

    /// `write_copy`, sealed like the store's own files.
    pub fn write_copy(&self, dir: &Path, session: &Session) -> Result<PathBuf> {
        write_copy_with(&self.codec, dir, session)
    }

    /// Read and open one session file of this folder (or a copy).
    pub fn load(&self, path: &Path) -> Result<Session> {
        load_with(&self.codec, path)
    }

    /// Mode for files other members of a group folder must read (0660) when
    /// encryption guards their content; 0600 otherwise.
    pub(super) fn file_mode(&self) -> u32 {
        if self.codec.is_sealed() && group::is_group_folder(&self.dir) {
            0o660
        } else {
            0o600
        }
    }
}
