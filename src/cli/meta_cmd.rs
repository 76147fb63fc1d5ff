//! Commands about gehoor itself: config path, completions, man page.

use std::io::Write;
use std::process::ExitCode;

use clap::CommandFactory;

use super::{Cli, CompletionsArgs, Ctx, ManArgs, ShellArg};
use crate::error::{Error, IoOp, Result};

pub fn config_path(ctx: &Ctx) -> Result<ExitCode> {
    match &ctx.settings.config_path {
        Some(p) => super::out::println(&p.display().to_string())?,
        None => {
            return Err(Error::Usage {
                detail: crate::message::Msg::new("no_config_dir", &[]),
            });
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub fn completions(ctx: &Ctx, args: &CompletionsArgs) -> Result<ExitCode> {
    use clap_complete::{Shell, generate};
    let shell = match args.shell {
        ShellArg::Bash => Shell::Bash,
        ShellArg::Zsh => Shell::Zsh,
        ShellArg::Fish => Shell::Fish,
    };
    let mut cmd = super::help::localize(Cli::command(), ctx.strings);
    // Into memory first: clap_complete panics when its writer fails.
    let mut buf = Vec::new();
    generate(shell, &mut cmd, "gehoor", &mut buf);
    super::out::print(&String::from_utf8_lossy(&buf))?;
    Ok(ExitCode::SUCCESS)
}

/// gehoor.1 on standard output, or every page into `--out-dir`.
pub fn man(ctx: &Ctx, args: &ManArgs) -> Result<ExitCode> {
    let cmd = super::help::localize(Cli::command(), ctx.strings);
    let pages =
        super::man::pages(&cmd, ctx.strings).map_err(|e| Error::io(IoOp::Write, "gehoor.1", e))?;
    match &args.out_dir {
        Some(dir) => {
            for (name, text) in &pages {
                let path = dir.join(name);
                std::fs::write(&path, text).map_err(|e| Error::io(IoOp::Write, &path, e))?;
                super::out::println(&crate::i18n::fill(
                    &ctx.strings.cli.man_written,
                    &[("path", &path.display().to_string())],
                ))?;
            }
        }
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(&pages[0].1)
                .and_then(|()| out.flush())
                .map_err(|e| Error::io(IoOp::Write, super::out::STDOUT, e))?
        }
    }
    Ok(ExitCode::SUCCESS)
}
