//! `gehoor questionnaires migrate --from OLD --to NEW [--write]`: rewrite
//! the refs whose text is the same in the new edition, list the rest.
//! Without `--write` nothing is written.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::ExitCode;

use super::diff_cmd::{class_label, document};
use super::{Ctx, MigrateArgs};
use crate::assets::{FileSet, Origin};
use crate::corpus::Corpus;
use crate::corpus::edition::rewrite::rewrite_sources;
use crate::corpus::edition::{EditionDiff, Fate};
use crate::error::{Error, Result, line_col};
use crate::i18n::fill;
use crate::notes::write_atomic;
use crate::questionnaire::editions::verdicts;
use crate::sanitize::clean_line;

pub fn run(ctx: &Ctx, args: &MigrateArgs) -> Result<ExitCode> {
    let s = &ctx.strings.edition;
    let corpus_files = FileSet::corpus(ctx.settings.corpus.as_deref())?;
    let corpus = Corpus::load(&corpus_files)?;
    let old = document(&corpus, &args.from, s)?;
    let new = document(&corpus, &args.to, s)?;
    let files = FileSet::questionnaires(ctx.settings.questionnaires.as_deref())?;
    if args.write && matches!(files.origin, Origin::Embedded { .. }) {
        return Err(Error::Usage {
            detail: crate::message::Msg::plain(s.migrate_embedded.clone()),
        });
    }
    let mut refs = corpus.refs();
    refs.sort();
    let (catalog, _) = crate::questionnaire::load_checked(&files, &refs);
    let diff = EditionDiff::compare(old, new);
    let mut moves: BTreeMap<PathBuf, BTreeMap<String, String>> = BTreeMap::new();
    let (mut certain, mut review) = (0usize, 0usize);
    let mut out = String::new();
    for (u, f) in verdicts(&catalog, &diff) {
        let text = files
            .files
            .iter()
            .find(|t| files.display_path(t) == u.file)
            .map_or("", |t| t.text.as_str());
        let (line, col) = line_col(text, u.span.start);
        let at = format!("{}:{line}:{col}", u.file.display());
        let r = u.reference.as_str();
        let line = match &f {
            Fate::Certain { new_ref } => {
                certain += 1;
                moves
                    .entry(u.file.clone())
                    .or_default()
                    .insert(r.to_string(), new_ref.clone());
                fill(
                    &s.migrate_moved,
                    &[("at", &at), ("old", r), ("new", new_ref)],
                )
            }
            Fate::Changed { class, hint, .. } => {
                review += 1;
                fill(
                    &s.migrate_review,
                    &[
                        ("at", &at),
                        ("old", r),
                        ("class", class_label(s, class)),
                        ("hint", hint),
                    ],
                )
            }
            Fate::Removed => {
                review += 1;
                fill(
                    &s.migrate_removed,
                    &[("at", &at), ("old", r), ("doc", &args.to)],
                )
            }
            Fate::Unknown => continue,
        };
        out.push_str(&clean_line(&line));
        out.push('\n');
    }
    if certain + review == 0 {
        println!(
            "{}",
            clean_line(&fill(&s.migrate_nothing, &[("doc", &args.from)]))
        );
        return Ok(ExitCode::SUCCESS);
    }
    print!("{out}");
    let (c, r) = (certain.to_string(), review.to_string());
    if !args.write {
        println!(
            "{}",
            fill(&s.migrate_dry_run, &[("certain", &c), ("review", &r)])
        );
        return Ok(ExitCode::SUCCESS);
    }
    for (path, map) in &moves {
        let Some(file) = files.files.iter().find(|t| files.display_path(t) == *path) else {
            continue;
        };
        let (text, _) = rewrite_sources(&file.text, map).map_err(|e| Error::Parse {
            path: path.clone(),
            line: 1,
            col: 1,
            detail: crate::message::summarize_toml(e.message()),
        })?;
        write_atomic(path, text.as_bytes())?;
    }
    println!(
        "{}",
        fill(
            &s.migrate_written,
            &[
                ("certain", &c),
                ("files", &moves.len().to_string()),
                ("review", &r)
            ]
        )
    );
    Ok(ExitCode::SUCCESS)
}
