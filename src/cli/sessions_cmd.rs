//! `gehoor sessions list | quarantine`.

use std::process::ExitCode;

use unicode_width::UnicodeWidthStr;

use super::{Ctx, SessionsCommand, StatusArg};
use crate::error::Result;
use crate::i18n::{NotesText, fill};
use crate::notes::convert::Conversion;
use crate::notes::{ListEntry, Status, Store, short_ids};
use crate::sanitize::clean_line;

pub fn run(ctx: &Ctx, cmd: &SessionsCommand) -> Result<ExitCode> {
    let store = ctx.store()?;
    warn_if_shared(ctx, &store);
    match cmd {
        SessionsCommand::List { status, json } => list(ctx, &store, *status, *json),
        SessionsCommand::Encrypt => super::convert_cmd::run(ctx, &store, Conversion::Encrypt),
        SessionsCommand::Rekey => super::convert_cmd::run(ctx, &store, Conversion::Rekey),
        SessionsCommand::Quarantine { file } => {
            let dest = store.quarantine(file)?;
            super::out::println(&fill(
                &ctx.strings.notes.quarantined,
                &[
                    ("file", &clean_line(file)),
                    ("dest", &clean_line(&dest.display().to_string())),
                ],
            ))?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// Printed by every command that reads the sessions folder.
pub fn warn_if_shared(ctx: &Ctx, store: &Store) {
    if let Some(text) = shared_warning(ctx, store) {
        super::out::warn(&text);
    }
}

/// The warning for a sessions folder others may read, if any: a group
/// folder without encryption, or a folder open to other users.
pub fn shared_warning(ctx: &Ctx, store: &Store) -> Option<String> {
    let dir = store.warn_if_shared()?;
    let path = [("path", clean_line(&dir.display().to_string()))];
    let path: Vec<(&str, &str)> = path.iter().map(|(k, v)| (*k, v.as_str())).collect();
    Some(if crate::notes::is_group_folder(store.dir()) {
        fill(&ctx.strings.keys.group_folder_plain, &path)
    } else {
        fill(&ctx.strings.cli.data_dir_readable_by_others, &path)
    })
}

pub fn status_text(n: &NotesText, s: Status) -> &str {
    match s {
        Status::Draft => &n.status_draft,
        Status::Submitted => &n.status_submitted,
        Status::Approved => &n.status_approved,
        Status::Returned => &n.status_returned,
    }
}

fn status_of(arg: StatusArg) -> Status {
    match arg {
        StatusArg::Draft => Status::Draft,
        StatusArg::Submitted => Status::Submitted,
        StatusArg::Approved => Status::Approved,
        StatusArg::Returned => Status::Returned,
    }
}

fn wanted(filter: Option<StatusArg>, s: Status) -> bool {
    filter.is_none_or(|f| status_of(f) == s)
}

fn pad(text: &str, width: usize) -> String {
    let w = text.width();
    format!("{text}{}", " ".repeat(width.saturating_sub(w)))
}

fn list(ctx: &Ctx, store: &Store, filter: Option<StatusArg>, json: bool) -> Result<ExitCode> {
    // Unreadable files are always shown: they need attention whatever the filter.
    let all = store.list()?;
    let total = all
        .iter()
        .filter(|e| matches!(e, ListEntry::Session(_)))
        .count();
    // Unique among every session in the folder, not only the shown ones, so
    // that `export` and `review` accept them.
    let ids: Vec<uuid::Uuid> = all
        .iter()
        .filter_map(|e| match e {
            ListEntry::Session(s) => Some(s.id),
            ListEntry::Unreadable { .. } => None,
        })
        .collect();
    let short: std::collections::HashMap<uuid::Uuid, String> =
        ids.iter().copied().zip(short_ids(&ids)).collect();
    let entries: Vec<ListEntry> = all
        .into_iter()
        .filter(|e| match e {
            ListEntry::Session(s) => wanted(filter, s.status),
            ListEntry::Unreadable { .. } => true,
        })
        .collect();
    if json {
        let text = serde_json::to_string_pretty(&entries).expect("list entries serialise");
        // The stored text, with every control and bidi character escaped.
        super::out::println(&crate::sanitize::escape_json(&text))?;
        return Ok(ExitCode::SUCCESS);
    }
    let n = &ctx.strings.notes;
    if entries.is_empty() && total > 0 {
        let status = filter.map_or(String::new(), |f| status_text(n, status_of(f)).to_string());
        println!(
            "{}",
            fill(
                &n.list_none_match,
                &[
                    ("status", &status),
                    ("dir", &clean_line(&store.dir().display().to_string())),
                    ("count", &total.to_string()),
                ]
            )
        );
        return Ok(ExitCode::SUCCESS);
    }
    if entries.is_empty() {
        super::out::println(&fill(
            &n.list_empty,
            &[("dir", &clean_line(&store.dir().display().to_string()))],
        ))?;
        return Ok(ExitCode::SUCCESS);
    }
    let header = [
        n.col_id.clone(),
        n.col_case.clone(),
        n.col_interviewer.clone(),
        n.col_updated.clone(),
        n.col_status.clone(),
        n.col_answered.clone(),
        n.col_status_only.clone(),
        n.col_flagged.clone(),
        n.col_comments.clone(),
    ];
    let mut rows = vec![header];
    for e in &entries {
        if let ListEntry::Session(s) = e {
            rows.push([
                short
                    .get(&s.id)
                    .cloned()
                    .unwrap_or_else(|| s.id.to_string()),
                clean_line(&s.case_ref),
                clean_line(&s.interviewer),
                s.updated.strftime("%Y-%m-%d %H:%M").to_string(),
                status_text(n, s.status).to_string(),
                s.answered.to_string(),
                s.status_only.to_string(),
                s.flagged.to_string(),
                s.comments.to_string(),
            ]);
        }
    }
    let widths: Vec<usize> = (0..9)
        .map(|i| rows.iter().map(|r| r[i].width()).max().unwrap_or(0))
        .collect();
    let mut text = String::new();
    if rows.len() > 1 {
        for r in &rows {
            let line: Vec<String> = r.iter().zip(&widths).map(|(c, w)| pad(c, *w)).collect();
            text.push_str(line.join("  ").trim_end());
            text.push('\n');
        }
    }
    for e in &entries {
        if let ListEntry::Unreadable {
            path,
            line,
            col,
            message,
            ..
        } = e
        {
            let file = path
                .file_name()
                .map(|f| f.to_string_lossy().into_owned())
                .unwrap_or_default();
            text.push_str(&format!(
                "{}\n  {}\n",
                fill(
                    &n.list_unreadable,
                    &[
                        ("path", &clean_line(&path.display().to_string())),
                        ("line", &line.to_string()),
                        ("col", &col.to_string()),
                        ("reason", &clean_line(&message.render(ctx.strings))),
                    ]
                ),
                fill(&n.list_unreadable_hint, &[("file", &clean_line(&file))])
            ));
        }
    }
    super::out::print(&text)?;
    Ok(ExitCode::SUCCESS)
}
