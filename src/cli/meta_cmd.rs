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
                detail: "this platform has no configuration folder; set GEHOOR_CONFIG".into(),
            });
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub fn completions(args: &CompletionsArgs) -> Result<ExitCode> {
    use clap_complete::{Shell, generate};
    let shell = match args.shell {
        ShellArg::Bash => Shell::Bash,
        ShellArg::Zsh => Shell::Zsh,
        ShellArg::Fish => Shell::Fish,
    };
    // Into memory first: clap_complete panics when its writer fails.
    let mut buf = Vec::new();
    generate(shell, &mut Cli::command(), "gehoor", &mut buf);
    super::out::print(&String::from_utf8_lossy(&buf))?;
    Ok(ExitCode::SUCCESS)
}

pub fn man(ctx: &Ctx, args: &ManArgs) -> Result<ExitCode> {
    let man = clap_mangen::Man::new(Cli::command());
    let mut buf = Vec::new();
    man.render(&mut buf)
        .map_err(|e| Error::io(IoOp::Write, "gehoor.1", e))?;
    match &args.out_dir {
        Some(dir) => {
            let path = dir.join("gehoor.1");
            // Through a temp file and a rename: a link at the name is replaced, not followed.
            crate::notes::write_atomic(&path, &buf)?;
            super::out::println(&crate::i18n::fill(
                &ctx.strings.cli.man_written,
                &[("path", &path.display().to_string())],
            ))?;
        }
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(&buf)
                .and_then(|()| out.flush())
                .map_err(|e| Error::io(IoOp::Write, super::out::STDOUT, e))?
        }
    }
    Ok(ExitCode::SUCCESS)
}
