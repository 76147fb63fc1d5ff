//! `gehoor export SESSION [--format markdown|html|json] [-o FILE]`: the
//! interview record, in the session's language, times in local time.

use std::process::ExitCode;

use super::{Ctx, ExportArgs, ExportFormat};
use crate::error::Result;
use crate::export;
use crate::notes::write_atomic;
use crate::sanitize::clean_line;

pub fn run(ctx: &Ctx, args: &ExportArgs) -> Result<ExitCode> {
    let store = ctx.store()?;
    super::sessions_cmd::warn_if_shared(ctx, &store);
    if store.codec().is_sealed() {
        // The user asked for it; the warning is on every export.
        super::out::warn(&ctx.strings.keys.export_plain_warning);
    }
    let id = store.resolve(&args.session)?;
    let session = store.open_read_only(id)?;
    let corpus = crate::corpus::Corpus::load(&crate::assets::FileSet::corpus(
        ctx.settings.corpus.as_deref(),
    )?)?;
    let (catalog, _) = crate::questionnaire::load(&crate::assets::FileSet::questionnaires(
        ctx.settings.questionnaires.as_deref(),
    )?);
    let record = export::build(&session, &catalog, &corpus, &jiff::tz::TimeZone::system());
    let text = match args.format {
        ExportFormat::Markdown => export::markdown(&record, session.lang),
        ExportFormat::Html => export::html(&record, session.lang),
        ExportFormat::Json => {
            let mut t = crate::sanitize::escape_json(
                &serde_json::to_string_pretty(&export::json(&record))
                    .expect("a JSON value serialises"),
            );
            t.push('\n');
            t
        }
    };
    match &args.output {
        Some(path) => {
            write_atomic(path, text.as_bytes())?;
            eprintln!(
                "{}",
                crate::i18n::fill(
                    &ctx.strings.notes.export_written,
                    &[("path", &clean_line(&path.display().to_string()))]
                )
            );
        }
        None => super::out::print(&text)?,
    }
    Ok(ExitCode::SUCCESS)
}
