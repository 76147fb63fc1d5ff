//! The one seam between the store and encryption: `Codec::seal` turns a
//! session's bytes into what is written (every session file, draft, copy
//! and merge temp file goes through it), `Codec::open` turns what was read
//! back into TOML. Sealed files are age files (binary format, X25519
//! recipients), recognised by their header line, so a folder may hold
//! plain and sealed files while it is being converted.

use std::borrow::Cow;
use std::path::Path;
use std::sync::Arc;

use age::x25519;

use crate::error::{CryptoProblem, Error, Result};

/// The first bytes of every age file (binary format).
pub const AGE_MAGIC: &[u8] = b"age-encryption.org/";

pub fn is_sealed(bytes: &[u8]) -> bool {
    bytes.starts_with(AGE_MAGIC)
}

/// A sealed file whose first line was damaged still has an age recipient
/// stanza on its second: it is reported as a damaged sealed file, not
/// parsed as a session and reported as a TOML error.
fn damaged_seal(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(512)];
    head.split(|b| *b == b'\n')
        .nth(1)
        .is_some_and(|l| l.starts_with(b"-> "))
}

/// The unlocked identity and everyone a session is sealed for.
pub struct Keyring {
    identity: x25519::Identity,
    /// The identity's own public key first, then the team, without repeats.
    recipients: Vec<x25519::Recipient>,
}

impl std::fmt::Debug for Keyring {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never the secret.
        f.debug_struct("Keyring")
            .field("public", &self.identity.to_public().to_string())
            .field("recipients", &self.recipients.len())
            .finish()
    }
}

impl Keyring {
    pub fn new(identity: x25519::Identity, team: Vec<x25519::Recipient>) -> Keyring {
        let mut recipients = vec![identity.to_public()];
        for r in team {
            let text = r.to_string();
            if !recipients.iter().any(|k| k.to_string() == text) {
                recipients.push(r);
            }
        }
        Keyring {
            identity,
            recipients,
        }
    }

    pub fn public_key(&self) -> String {
        self.identity.to_public().to_string()
    }

    /// How many keys a session is sealed for, the user's own included.
    pub fn recipient_count(&self) -> usize {
        self.recipients.len()
    }
}

/// How session bytes are stored: as they are, or sealed for a keyring.
#[derive(Debug, Clone, Default)]
pub enum Codec {
    #[default]
    Plain,
    Sealed(Arc<Keyring>),
}

fn crypto(path: &Path, problem: CryptoProblem) -> Error {
    Error::Crypto {
        path: path.into(),
        problem,
    }
}

impl Codec {
    pub fn is_sealed(&self) -> bool {
        matches!(self, Codec::Sealed(_))
    }

    /// What is written for `plain`; `path` names the target in errors.
    pub fn seal<'a>(&self, path: &Path, plain: &'a [u8]) -> Result<Cow<'a, [u8]>> {
        match self {
            Codec::Plain => Ok(Cow::Borrowed(plain)),
            Codec::Sealed(keys) => {
                let recipients: Vec<&dyn age::Recipient> = keys
                    .recipients
                    .iter()
                    .map(|r| r as &dyn age::Recipient)
                    .collect();
                super::keys::seal_to(&recipients, plain)
                    .map(Cow::Owned)
                    .map_err(|e| crate::error::Error::io(crate::error::IoOp::Write, path, e))
            }
        }
    }

    /// The plain bytes of what was read from `path`. Plain files pass
    /// through in both modes (a folder being converted holds both).
    pub fn open<'a>(&self, path: &Path, bytes: &'a [u8]) -> Result<Cow<'a, [u8]>> {
        if !is_sealed(bytes) {
            if damaged_seal(bytes) {
                return Err(crypto(path, CryptoProblem::Damaged));
            }
            return Ok(Cow::Borrowed(bytes));
        }
        let Codec::Sealed(keys) = self else {
            return Err(crypto(path, CryptoProblem::NoKeyLoaded));
        };
        open_with(&keys.identity, path, bytes).map(Cow::Owned)
    }
}

fn open_with(identity: &x25519::Identity, path: &Path, bytes: &[u8]) -> Result<Vec<u8>> {
    use std::io::Read;
    let decryptor =
        age::Decryptor::new_buffered(bytes).map_err(|_| crypto(path, CryptoProblem::Damaged))?;
    if decryptor.is_scrypt() {
        // A passphrase-sealed file (an identity put in the sessions folder)
        // is not a session; trying it would run scrypt on untrusted input.
        return Err(crypto(path, CryptoProblem::NotForThisKey));
    }
    let mut reader = decryptor
        .decrypt(std::iter::once(identity as &dyn age::Identity))
        .map_err(|e| match e {
            age::DecryptError::NoMatchingKeys => crypto(path, CryptoProblem::NotForThisKey),
            _ => crypto(path, CryptoProblem::Damaged),
        })?;
    let mut plain = Vec::with_capacity(bytes.len());
    reader
        .read_to_end(&mut plain)
        .map_err(|_| crypto(path, CryptoProblem::Damaged))?;
    Ok(plain)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keyring(team: Vec<x25519::Recipient>) -> Arc<Keyring> {
        Arc::new(Keyring::new(x25519::Identity::generate(), team))
    }

    #[test]
    fn sealed_bytes_open_for_every_recipient_and_no_one_else() {
        let supervisor = x25519::Identity::generate();
        let mine = Codec::Sealed(keyring(vec![supervisor.to_public()]));
        let theirs = Codec::Sealed(Arc::new(Keyring::new(supervisor, Vec::new())));
        let stranger = Codec::Sealed(keyring(Vec::new()));
        let p = Path::new("s.toml");
        let sealed = mine.seal(p, b"schema_version = 1\n").unwrap().into_owned();
        assert!(is_sealed(&sealed));
        assert!(!sealed.windows(14).any(|w| w == b"schema_version"));
        assert_eq!(&*mine.open(p, &sealed).unwrap(), b"schema_version = 1\n");
        assert_eq!(&*theirs.open(p, &sealed).unwrap(), b"schema_version = 1\n");
        assert!(matches!(
            stranger.open(p, &sealed),
            Err(Error::Crypto {
                problem: CryptoProblem::NotForThisKey,
                ..
            })
        ));
        assert!(matches!(
            Codec::Plain.open(p, &sealed),
            Err(Error::Crypto {
                problem: CryptoProblem::NoKeyLoaded,
                ..
            })
        ));
        let mut flipped = sealed.clone();
        let last = flipped.len() - 1;
        flipped[last] ^= 1;
        assert!(matches!(
            mine.open(p, &flipped),
            Err(Error::Crypto {
                problem: CryptoProblem::Damaged,
                ..
            })
        ));
    }

    #[test]
    fn the_debug_form_holds_no_secret() {
        let k = keyring(Vec::new());
        assert!(!format!("{k:?}").contains("AGE-SECRET-KEY"));
    }
}
