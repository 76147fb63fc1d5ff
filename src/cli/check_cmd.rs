//! `gehoor check [PATH...] [--format human|json]`: every problem at once.
//! Exit 0 clean (warnings allowed), 1 errors found, 2 cannot run.

use std::io::IsTerminal;
use std::path::Path;
use std::process::ExitCode;

use super::{CheckArgs, CheckFormat, Ctx};
use crate::assets::{FileSet, Origin, TextFile};
use crate::check;
use crate::error::Result;

/// The active corpus (`--corpus` or the built-in one).
fn corpus(ctx: &Ctx) -> Result<crate::corpus::Corpus> {
    let files = FileSet::corpus(ctx.settings.corpus.as_deref())?;
    crate::corpus::Corpus::load(&files)
}

/// The files to check: the active questionnaires, or the named files and
/// folders gathered into one set so references between them resolve.
fn gather(ctx: &Ctx, paths: &[std::path::PathBuf]) -> Result<FileSet> {
    if paths.is_empty() {
        return FileSet::questionnaires(ctx.settings.questionnaires.as_deref());
    }
    if let [one] = paths
        && one.is_dir()
    {
        return FileSet::from_dir(one);
    }
    let mut files = Vec::new();
    for p in paths {
        if p.is_dir() {
            let set = FileSet::from_dir(p)?;
            for f in &set.files {
                files.push(TextFile {
                    rel: set.display_path(f).display().to_string(),
                    text: f.text.clone(),
                });
            }
        } else {
            let text = crate::assets::read_text(p)?;
            files.push(TextFile {
                rel: p.display().to_string(),
                text,
            });
        }
    }
    Ok(FileSet {
        origin: Origin::Dir(Path::new("").to_path_buf()),
        files,
    })
}

pub fn run(ctx: &Ctx, args: &CheckArgs) -> Result<ExitCode> {
    let files = gather(ctx, &args.paths)?;
    let corpus = corpus(ctx)?;
    let mut refs = corpus.refs();
    refs.sort();
    let grounds = check::Grounds::from_corpus(&corpus);
    let mut diags = check::check_grounded(&files, &refs, &grounds);
    // Refs into an edition that a newer document supersedes.
    let (catalog, _) = crate::questionnaire::load_checked(&files, &refs);
    diags.extend(crate::questionnaire::editions::diagnostics(
        &catalog, &corpus, &files,
    ));
    diags.sort_by(|a, b| (&a.file, a.span.start).cmp(&(&b.file, b.span.start)));
    let lang = ctx.settings.lang;
    let toml_files = files
        .files
        .iter()
        .filter(|f| f.rel.ends_with(".toml"))
        .count();
    match args.format {
        CheckFormat::Json => super::out::println(&check::render_json(&diags, lang))?,
        CheckFormat::Human => {
            let color = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
            let text = if color {
                check::render_human_color(&diags, &files, lang)
            } else {
                check::render_human(&diags, &files, lang)
            };
            let summary = check::summary(&diags, toml_files, lang);
            super::out::print(&format!("{text}{summary}\n"))?;
        }
    }
    let (errors, _) = check::counts(&diags);
    Ok(ExitCode::from(u8::from(errors > 0)))
}
