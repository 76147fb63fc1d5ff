//! `gehoor keys init | add-recipient | remove-recipient | list`.

use std::process::ExitCode;

use super::unlock::{passphrase, recipients_file};
use super::{Ctx, KeysCommand};
use crate::error::{Error, Result};
use crate::i18n::fill;
use crate::notes::is_group_folder;
use crate::notes::keys::{self, Passphrase};
use crate::sanitize::clean_line;

pub fn run(ctx: &Ctx, cmd: &KeysCommand) -> Result<ExitCode> {
    match cmd {
        KeysCommand::Init => init(ctx),
        KeysCommand::AddRecipient { name, key } => add(ctx, name, key),
        KeysCommand::RemoveRecipient { name } => remove(ctx, name),
        KeysCommand::List => list(ctx),
    }
}

fn new_passphrase(ctx: &Ctx) -> Result<Passphrase> {
    use age::secrecy::ExposeSecret as _;
    let k = &ctx.strings.keys;
    let path = &ctx.settings.identity;
    let first = passphrase(&k.passphrase_new, path)?;
    // From a file there is nobody to ask twice.
    if std::env::var_os(super::unlock::PASSPHRASE_FILE_ENV).is_none() {
        let again = passphrase(&k.passphrase_again, path)?;
        if first.expose().expose_secret() != again.expose().expose_secret() {
            return Err(Error::Usage {
                detail: crate::message::Msg::plain(k.passphrase_mismatch.clone()),
            });
        }
    }
    if first.expose().expose_secret().is_empty() {
        return Err(Error::Usage {
            detail: crate::message::Msg::plain(k.passphrase_empty.clone()),
        });
    }
    Ok(first)
}

/// The folder's file mode for shared files: 0660 in a group folder.
fn shared_mode(ctx: &Ctx) -> u32 {
    if is_group_folder(&ctx.settings.data_dir) || is_group_folder(&ctx.settings.sessions_dir()) {
        0o660
    } else {
        0o600
    }
}

fn user_name(ctx: &Ctx) -> String {
    ctx.settings
        .user_name()
        .filter(|n| !n.trim().is_empty())
        .unwrap_or_else(|| "me".into())
}

fn init(ctx: &Ctx) -> Result<ExitCode> {
    let k = &ctx.strings.keys;
    let path = &ctx.settings.identity;
    if std::fs::symlink_metadata(path).is_ok() {
        return Err(Error::Crypto {
            path: path.clone(),
            problem: crate::error::CryptoProblem::IdentityExists,
        });
    }
    let pass = new_passphrase(ctx)?;
    let public = keys::init(path, &pass)?.to_string();
    super::out::println(&format!(
        "{}\n{public}",
        fill(&k.init_done, &[("path", &path.display().to_string())])
    ))?;
    // Listed in the folder's recipient file, so a reviewer's write (sealed
    // for the file's recipients as the reviewer knows them) keeps the
    // interviewer among them.
    let file = recipients_file(ctx);
    let mut map = keys::read_recipients(&file)?;
    let mut name = user_name(ctx);
    if map.get(&name).is_some_and(|v| *v != public) {
        name = format!("{name} ({})", &public[4..12]);
    }
    map.insert(name.clone(), public);
    keys::write_recipients(&file, &map, shared_mode(ctx))?;
    super::out::println(&fill(
        &k.init_registered,
        &[
            ("name", &clean_line(&name)),
            ("file", &file.display().to_string()),
        ],
    ))?;
    if !ctx.settings.encryption {
        super::out::warn(&k.encryption_off);
    }
    Ok(ExitCode::SUCCESS)
}

fn add(ctx: &Ctx, name: &str, key: &str) -> Result<ExitCode> {
    let file = recipients_file(ctx);
    let public = keys::parse_recipient(std::path::Path::new("<command line>"), key)?;
    let mut map = keys::read_recipients(&file)?;
    map.insert(name.trim().to_string(), public.to_string());
    keys::write_recipients(&file, &map, shared_mode(ctx))?;
    super::out::println(&fill(
        &ctx.strings.keys.recipient_added,
        &[
            ("name", &clean_line(name)),
            ("file", &file.display().to_string()),
        ],
    ))?;
    Ok(ExitCode::SUCCESS)
}

fn remove(ctx: &Ctx, name: &str) -> Result<ExitCode> {
    let file = recipients_file(ctx);
    let mut map = keys::read_recipients(&file)?;
    let vars = [
        ("name", clean_line(name)),
        ("file", file.display().to_string()),
    ];
    let vars: Vec<(&str, &str)> = vars.iter().map(|(k, v)| (*k, v.as_str())).collect();
    if map.remove(name.trim()).is_none() {
        return Err(Error::Usage {
            detail: crate::message::Msg::plain(fill(&ctx.strings.keys.recipient_unknown, &vars)),
        });
    }
    keys::write_recipients(&file, &map, shared_mode(ctx))?;
    super::out::println(&fill(&ctx.strings.keys.recipient_removed, &vars))?;
    Ok(ExitCode::SUCCESS)
}

fn list(ctx: &Ctx) -> Result<ExitCode> {
    let k = &ctx.strings.keys;
    let file = recipients_file(ctx);
    let from_file = keys::read_recipients(&file)?;
    if from_file.is_empty() && ctx.settings.recipients.is_empty() {
        super::out::println(&k.list_empty)?;
        return Ok(ExitCode::SUCCESS);
    }
    super::out::println(&k.list_header)?;
    for (name, key) in &from_file {
        super::out::println(&format!("  {}  {key}", clean_line(name)))?;
    }
    for (name, key) in &ctx.settings.recipients {
        super::out::println(&format!(
            "  {}  {}  ({})",
            clean_line(name),
            clean_line(key),
            k.list_own
        ))?;
    }
    if !ctx.settings.encryption {
        super::out::warn(&k.encryption_off);
    }
    Ok(ExitCode::SUCCESS)
}
