//! `gehoor review [SESSION]`: the supervisor's table, or one session.

use std::process::ExitCode;

use super::{Ctx, ReviewArgs};
use crate::error::Result;
use crate::tui::{self, Start};

pub fn run(ctx: &Ctx, args: &ReviewArgs) -> Result<ExitCode> {
    let data = tui::load_data(&ctx.settings)?;
    tui::run(
        &ctx.settings,
        ctx.store()?,
        data,
        Start::Review(args.session.clone()),
    )
}
