//! `gehoor sessions encrypt | rekey`: convert the folder in place, with
//! progress on standard error and a line for every file left alone.

use std::io::Write as _;
use std::process::ExitCode;

use super::Ctx;
use crate::error::Result;
use crate::i18n::fill;
use crate::notes::Store;
use crate::notes::convert::Conversion;
use crate::sanitize::clean_line;

pub fn run(ctx: &Ctx, store: &Store, how: Conversion) -> Result<ExitCode> {
    let k = &ctx.strings.keys;
    let interactive = std::io::IsTerminal::is_terminal(&std::io::stderr());
    let mut progress = |done: usize, total: usize| {
        if interactive {
            let text = fill(
                &k.encrypt_progress,
                &[("done", &done.to_string()), ("total", &total.to_string())],
            );
            let _ = write!(std::io::stderr(), "\r{text}");
        }
    };
    let out = store.convert(how, &mut progress)?;
    if interactive {
        let _ = writeln!(std::io::stderr());
    }
    for path in &out.in_use {
        super::out::warn(&fill(
            &k.encrypt_in_use,
            &[("path", &clean_line(&path.display().to_string()))],
        ));
    }
    for (_, e) in &out.unreadable {
        super::out::warn(&fill(
            &k.encrypt_unreadable,
            &[("reason", &clean_line(&e.render(ctx.strings)))],
        ));
    }
    super::out::println(&fill(
        &k.encrypt_done,
        &[
            ("converted", &out.converted.len().to_string()),
            ("already", &out.already.to_string()),
        ],
    ))?;
    if let crate::notes::Codec::Sealed(keys) = store.codec() {
        super::out::println(&fill(
            &k.rekey_hint,
            &[("count", &keys.recipient_count().to_string())],
        ))?;
    }
    // Something left to do is not success: a script should notice.
    Ok(if out.in_use.is_empty() && out.unreadable.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
