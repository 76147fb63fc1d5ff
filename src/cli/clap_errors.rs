//! clap's parse errors in the run's language. clap words its errors in
//! English; gehoor reads the error's kind and context and words it from the
//! `cli_help` table instead, with the (already translated) usage line.

use std::process::ExitCode;

use clap::error::{ContextKind, ContextValue, ErrorKind};

use crate::i18n::{Strings, fill};

fn text(e: &clap::Error, kind: ContextKind) -> String {
    match e.get(kind) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(v)) => v.join(", "),
        Some(ContextValue::StyledStr(s)) => s.to_string(),
        Some(ContextValue::StyledStrs(v)) => v
            .iter()
            .map(|s| s.to_string())
            .collect::<Vec<_>>()
            .join(", "),
        Some(ContextValue::Number(n)) => n.to_string(),
        _ => String::new(),
    }
}

/// The message clap would print for `e`, in `s`'s language.
pub fn render(e: &clap::Error, s: &Strings) -> String {
    let h = &s.cli_help;
    let t = &h.err;
    let arg = text(e, ContextKind::InvalidArg);
    let value = text(e, ContextKind::InvalidValue);
    let vars = [
        ("arg", arg.as_str()),
        ("value", value.as_str()),
        ("other", &text(e, ContextKind::PriorArg)),
    ];
    let mut msg = match e.kind() {
        ErrorKind::InvalidValue | ErrorKind::ValueValidation if value.is_empty() => {
            fill(&t.missing_value, &vars)
        }
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => fill(&t.invalid_value, &vars),
        ErrorKind::UnknownArgument => fill(&t.unknown_argument, &vars),
        ErrorKind::InvalidSubcommand => fill(
            &t.unknown_subcommand,
            &[("arg", &text(e, ContextKind::InvalidSubcommand))],
        ),
        ErrorKind::MissingRequiredArgument => fill(&t.missing_argument, &vars),
        ErrorKind::ArgumentConflict => fill(&t.conflict, &vars),
        ErrorKind::TooManyValues => fill(&t.too_many_values, &vars),
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues | ErrorKind::NoEquals => {
            fill(&t.missing_value, &vars)
        }
        ErrorKind::MissingSubcommand => fill(
            &t.missing_subcommand,
            &[("arg", &text(e, ContextKind::InvalidSubcommand))],
        ),
        ErrorKind::InvalidUtf8 => t.invalid_utf8.clone(),
        _ => t.other.clone(),
    };
    let valid = text(e, ContextKind::ValidValue);
    if !valid.is_empty() {
        msg.push_str(&format!(" [{}: {valid}]", h.possible_values));
    }
    let suggestion = [
        ContextKind::SuggestedArg,
        ContextKind::SuggestedValue,
        ContextKind::SuggestedSubcommand,
    ]
    .into_iter()
    .map(|k| text(e, k))
    .find(|v| !v.is_empty());
    if let Some(sugg) = suggestion {
        msg.push_str("; ");
        msg.push_str(&fill(&h.did_you_mean, &[("suggestion", &sugg)]));
    }
    let mut out = format!("{}: {msg}\n", s.error.prefix);
    let usage = text(e, ContextKind::Usage);
    // clap puts its own English heading before the (translated) usage line.
    if let Some((_, line)) = usage.split_once(' ') {
        out.push_str(&format!("\n{} {}\n", h.usage, line.trim()));
    }
    out.push_str(&format!(
        "\n{}\n",
        fill(&h.more_info, &[("help", "--help")])
    ));
    out
}

/// Print `e` (help and version as clap renders them, they are already
/// translated; errors through `render`) and give the exit code.
pub fn exit_with(e: &clap::Error, s: &Strings) -> ExitCode {
    use std::io::Write as _;
    match e.kind() {
        ErrorKind::DisplayHelp
        | ErrorKind::DisplayVersion
        | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let _ = e.print();
            ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2))
        }
        _ => {
            let _ = write!(
                std::io::stderr(),
                "{}",
                crate::sanitize::clean(&render(e, s))
            );
            ExitCode::from(2)
        }
    }
}
