//! Keys for encryption at rest (age, X25519): the user's identity, kept in
//! an age file protected by a passphrase (scrypt), and the team's recipient
//! list. Secrets live in `secrecy`/`zeroize` wrappers and are wiped when
//! dropped; nothing here writes a secret anywhere but the identity file.

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use age::secrecy::{ExposeSecret, SecretString};
use age::x25519;
use zeroize::Zeroizing;

use crate::error::{CryptoProblem, Error, IoOp, Result};

/// The team's recipient file in a data folder, shared by everyone who
/// writes sessions there.
pub const RECIPIENTS_FILE: &str = "recipients.toml";
/// The user's identity in the data folder unless the config names another.
pub const IDENTITY_FILE: &str = "identity.age";

/// A passphrase, wiped from memory when dropped.
pub struct Passphrase(SecretString);

impl Passphrase {
    pub fn new(text: String) -> Passphrase {
        Passphrase(SecretString::from(text))
    }

    /// The first line of a file (`GEHOOR_PASSPHRASE_FILE`), without its
    /// line ending.
    pub fn from_file(path: &Path) -> Result<Passphrase> {
        let mut bytes = Zeroizing::new(Vec::new());
        std::fs::File::open(path)
            .and_then(|mut f| f.read_to_end(&mut bytes))
            .map_err(|e| Error::io(IoOp::Read, path, e))?;
        let text = std::str::from_utf8(&bytes).map_err(|_| Error::NotUtf8 {
            path: path.into(),
            line: 1,
            col: 1,
        })?;
        let line = text.lines().next().unwrap_or_default();
        Ok(Passphrase::new(line.to_string()))
    }

    /// The secret itself, for comparing two entries.
    pub fn expose(&self) -> &SecretString {
        &self.0
    }

    fn secret(&self) -> SecretString {
        SecretString::from(self.0.expose_secret().to_string())
    }
}

fn crypto(path: &Path, problem: CryptoProblem) -> Error {
    Error::Crypto {
        path: path.into(),
        problem,
    }
}

/// Create a new identity at `path` (0600, never replacing a file) protected
/// by `passphrase`, with age's scrypt work factor (about a second on this
/// machine). Returns its public key.
pub fn init(path: &Path, passphrase: &Passphrase) -> Result<x25519::Recipient> {
    init_inner(path, passphrase, None)
}

/// `init` with a chosen scrypt work factor (log2 N). Only for tests, where a
/// second per unlock in every spawned process adds up; the program itself
/// always uses `init`.
#[doc(hidden)]
pub fn init_with_work_factor_for_tests(
    path: &Path,
    passphrase: &Passphrase,
    log_n: u8,
) -> Result<x25519::Recipient> {
    init_inner(path, passphrase, Some(log_n))
}

fn init_inner(
    path: &Path,
    passphrase: &Passphrase,
    log_n: Option<u8>,
) -> Result<x25519::Recipient> {
    if std::fs::symlink_metadata(path).is_ok() {
        return Err(crypto(path, CryptoProblem::IdentityExists));
    }
    let identity = x25519::Identity::generate();
    let public = identity.to_public();
    let secret = identity.to_string();
    let plain = Zeroizing::new(format!(
        "# gehoor identity\n# public key: {public}\n{}\n",
        secret.expose_secret()
    ));
    let mut scrypt = age::scrypt::Recipient::new(passphrase.secret());
    if let Some(n) = log_n {
        scrypt.set_work_factor(n);
    }
    let sealed = seal_to(&[&scrypt as &dyn age::Recipient], plain.as_bytes())
        .map_err(|e| Error::io(IoOp::Write, path, e))?;
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    super::atomic::ensure_private_dir(dir)?;
    let mut tmp = tempfile::Builder::new()
        .prefix(super::atomic::TEMP_PREFIX)
        .permissions(std::fs::Permissions::from_mode(0o600))
        .tempfile_in(dir)
        .map_err(|e| Error::io(IoOp::Write, path, e))?;
    tmp.write_all(&sealed)
        .and_then(|()| tmp.as_file().sync_all())
        .map_err(|e| Error::io(IoOp::Write, path, e))?;
    // No-clobber: a key created meanwhile is not replaced either.
    tmp.persist_noclobber(path).map_err(|e| {
        if e.error.kind() == std::io::ErrorKind::AlreadyExists {
            crypto(path, CryptoProblem::IdentityExists)
        } else {
            Error::io(IoOp::Rename, path, e.error)
        }
    })?;
    super::atomic::fsync_dir(dir)?;
    Ok(public)
}

/// Encrypt `plain` to `recipients` in age's binary format.
pub(super) fn seal_to(
    recipients: &[&dyn age::Recipient],
    plain: &[u8],
) -> std::io::Result<Vec<u8>> {
    let encryptor = age::Encryptor::with_recipients(recipients.iter().copied())
        .map_err(std::io::Error::other)?;
    let mut out = Vec::with_capacity(plain.len() + 512);
    let mut w = encryptor.wrap_output(&mut out)?;
    w.write_all(plain)?;
    w.finish()?;
    Ok(out)
}

/// Unlock the identity at `path`. A wrong passphrase is
/// `CryptoProblem::WrongPassphrase`; a missing file `NoIdentity`.
pub fn unlock(path: &Path, passphrase: &Passphrase) -> Result<x25519::Identity> {
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(crypto(path, CryptoProblem::NoIdentity));
        }
        Err(e) => return Err(Error::io(IoOp::Read, path, e)),
    };
    let decryptor =
        age::Decryptor::new(&bytes[..]).map_err(|_| crypto(path, CryptoProblem::Damaged))?;
    let scrypt = age::scrypt::Identity::new(passphrase.secret());
    let mut reader = decryptor
        .decrypt(std::iter::once(&scrypt as &dyn age::Identity))
        .map_err(|e| match e {
            age::DecryptError::DecryptionFailed
            | age::DecryptError::KeyDecryptionFailed
            | age::DecryptError::NoMatchingKeys => crypto(path, CryptoProblem::WrongPassphrase),
            _ => crypto(path, CryptoProblem::Damaged),
        })?;
    let mut plain = Zeroizing::new(Vec::new());
    reader
        .read_to_end(&mut plain)
        .map_err(|_| crypto(path, CryptoProblem::Damaged))?;
    let text = std::str::from_utf8(&plain).map_err(|_| crypto(path, CryptoProblem::Damaged))?;
    let line = text
        .lines()
        .map(str::trim)
        .find(|l| l.starts_with("AGE-SECRET-KEY-"))
        .ok_or_else(|| crypto(path, CryptoProblem::Damaged))?;
    x25519::Identity::from_str(line).map_err(|_| crypto(path, CryptoProblem::Damaged))
}

/// A public key from its `age1…` text; `origin` names where it came from.
pub fn parse_recipient(origin: &Path, text: &str) -> Result<x25519::Recipient> {
    x25519::Recipient::from_str(text.trim()).map_err(|e| {
        crypto(
            origin,
            CryptoProblem::BadKey {
                detail: crate::sanitize::clean_line(e),
            },
        )
    })
}

/// The names and public keys of a recipient file: a TOML table
/// `"Name" = "age1…"`. A missing file is an empty list.
pub fn read_recipients(path: &Path) -> Result<BTreeMap<String, String>> {
    let text = match std::fs::read(path) {
        Ok(b) => crate::error::utf8(path, b)?,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(BTreeMap::new()),
        Err(e) => return Err(Error::io(IoOp::Read, path, e)),
    };
    let map: BTreeMap<String, String> =
        toml::from_str(&text).map_err(|e| crate::error::from_toml(path, &text, &e))?;
    for key in map.values() {
        parse_recipient(path, key)?;
    }
    Ok(map)
}

/// Rewrite the recipient file atomically. `mode` is 0600, or 0660 in a
/// group folder so every member can read it.
pub fn write_recipients(path: &Path, map: &BTreeMap<String, String>, mode: u32) -> Result<()> {
    let mut text = String::from(
        "# Everyone every session in this folder is encrypted to, besides its writer.\n\
         # Managed with: gehoor keys add-recipient NAME AGE1… / remove-recipient NAME\n",
    );
    text.push_str(&toml::to_string(map).expect("a string map serialises"));
    if let Some(dir) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        super::atomic::ensure_private_dir(dir)?;
    }
    super::atomic::write_with_mode(path, text.as_bytes(), mode)
}

/// The default identity location for a data folder.
pub fn default_identity(data_dir: &Path) -> PathBuf {
    data_dir.join(IDENTITY_FILE)
}
