//! Unlocking the user's key, once per run: the passphrase comes from the
//! file `GEHOOR_PASSPHRASE_FILE` names (scripts, tests) or is asked on the
//! terminal, before the TUI switches screens. The store every command uses
//! is built here, so no command can forget to encrypt.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::Ctx;
use crate::error::{CryptoProblem, Error, Result};
use crate::i18n::fill;
use crate::notes::keys::{self, Passphrase};
use crate::notes::{Codec, Keyring, Store};

pub const PASSPHRASE_FILE_ENV: &str = "GEHOOR_PASSPHRASE_FILE";

/// The passphrase from `GEHOOR_PASSPHRASE_FILE`, or asked on the terminal
/// with `prompt` (without echo).
pub fn passphrase(prompt: &str, key_path: &Path) -> Result<Passphrase> {
    if let Some(file) = std::env::var_os(PASSPHRASE_FILE_ENV) {
        return Passphrase::from_file(Path::new(&file));
    }
    match rpassword::prompt_password(prompt) {
        Ok(text) => Ok(Passphrase::new(text)),
        Err(_) => Err(Error::Crypto {
            path: key_path.into(),
            problem: CryptoProblem::NoPassphrase,
        }),
    }
}

/// The data folder's shared recipient file.
pub fn recipients_file(ctx: &Ctx) -> PathBuf {
    ctx.settings.data_dir.join(keys::RECIPIENTS_FILE)
}

/// Everyone a session is sealed for besides the user: the config's
/// recipients and the data folder's recipient file.
pub fn team(ctx: &Ctx) -> Result<Vec<age::x25519::Recipient>> {
    let origin = ctx
        .settings
        .config_path
        .clone()
        .unwrap_or_else(|| PathBuf::from("config.toml"));
    let mut out = Vec::new();
    for key in ctx.settings.recipients.values() {
        out.push(keys::parse_recipient(&origin, key)?);
    }
    let file = recipients_file(ctx);
    for key in keys::read_recipients(&file)?.values() {
        out.push(keys::parse_recipient(&file, key)?);
    }
    Ok(out)
}

impl Ctx {
    /// The unlocked keyring; asks for the passphrase the first time only.
    pub fn keyring(&self) -> Result<Arc<Keyring>> {
        if let Some(k) = self.keyring.get() {
            return Ok(k.clone());
        }
        let path = &self.settings.identity;
        if !path.exists() {
            return Err(Error::Crypto {
                path: path.clone(),
                problem: CryptoProblem::NoIdentity,
            });
        }
        let team = team(self)?;
        let prompt = fill(
            &self.strings.keys.passphrase_prompt,
            &[("path", &path.display().to_string())],
        );
        let identity = keys::unlock(path, &passphrase(&prompt, path)?)?;
        let keyring = Arc::new(Keyring::new(identity, team));
        Ok(self.keyring.get_or_init(|| keyring).clone())
    }

    /// The sessions store, sealing everything it writes when encryption is
    /// on.
    pub fn store(&self) -> Result<Store> {
        let codec = if self.settings.encryption {
            Codec::Sealed(self.keyring()?)
        } else {
            Codec::Plain
        };
        let store = Store::with_codec(self.settings.sessions_dir(), codec);
        Ok(match self.settings.user_name() {
            Some(name) => store.held_by(&name),
            None => store,
        })
    }
}
