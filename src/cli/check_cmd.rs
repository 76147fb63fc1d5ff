//! `gehoor check`.

use std::process::ExitCode;

use super::Ctx;
use crate::error::{Error, Result};

pub fn run(_ctx: &Ctx, _args: &impl std::fmt::Debug) -> Result<ExitCode> {
    Err(Error::NotBuilt {
        command: "check".into(),
    })
}
