//! Commands about gehoor itself: config path, completions, man page.

use std::io::Write;
use std::process::ExitCode;

use clap::CommandFactory;

use super::{Cli, CompletionsArgs, Ctx, ManArgs, ShellArg};
use crate::error::{Error, IoOp, Result};

pub fn config_path(ctx: &Ctx) -> Result<ExitCode> {
    match &ctx.settings.config_path {
        Some(p) => println!("{}", p.display()),
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
    generate(shell, &mut Cli::command(), "gehoor", &mut std::io::stdout());
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
            std::fs::write(&path, &buf).map_err(|e| Error::io(IoOp::Write, &path, e))?;
            println!(
                "{}",
                crate::i18n::fill(
                    &ctx.strings.cli.man_written,
                    &[("path", &path.display().to_string())]
                )
            );
        }
        None => std::io::stdout()
            .write_all(&buf)
            .map_err(|e| Error::io(IoOp::Write, "<stdout>", e))?,
    }
    Ok(ExitCode::SUCCESS)
}
