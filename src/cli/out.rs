//! Writing a command's output. `println!` panics (exit 101) when stdout is
//! a closed pipe (`| head -1`) or a full disk (`> /dev/full`); every command
//! writes through here instead, and `cli::main` turns a closed pipe into a
//! quiet exit, as other Unix tools do, and any other failure into exit 2
//! with the reason. Output is written in one piece, so a failing write
//! fails before anything is written where it can (a pipe, /dev/full).

use std::io::Write;

use crate::error::{Error, IoOp, Result};

pub const STDOUT: &str = "<stdout>";

/// `text` to stdout, flushed.
pub fn print(text: &str) -> Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())
        .and_then(|()| out.flush())
        .map_err(|e| Error::io(IoOp::Write, STDOUT, e))
}

/// `text` and a newline to stdout.
pub fn println(text: &str) -> Result<()> {
    print(&format!("{text}\n"))
}

/// A warning or notice on stderr; a closed stderr is not worth failing for.
pub fn warn(text: &str) {
    let _ = writeln!(std::io::stderr(), "{text}");
}

/// Whether `e` is stdout closed under us: the reader has gone, which is not
/// an error worth a message.
pub fn is_closed_pipe(e: &Error) -> bool {
    matches!(e, Error::Io { op: IoOp::Write, path, source }
        if path.as_os_str() == STDOUT && source.kind() == std::io::ErrorKind::BrokenPipe)
}
