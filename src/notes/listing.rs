//! Reading the sessions folder as a whole: the list, finding a session by
//! id prefix or case reference, and quarantining an unreadable file. Any
//! `*.toml` entry is listed, readable or not (a folder, a link or a pipe
//! with that name is listed as unreadable, never skipped silently), and a
//! session id claimed by two files is never resolved to either.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use uuid::Uuid;

use super::crypt::Codec;
use super::store::{ListEntry, QUARANTINE_DIR, SessionSummary, Store};
use super::{atomic, draft, safe_fs};
use crate::error::{Error, IoOp, Result};
use crate::message::Msg;

impl Store {
    pub(super) fn session_files(&self) -> Result<Vec<PathBuf>> {
        let rd = match fs::read_dir(self.dir()) {
            Ok(rd) => rd,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(Error::io(IoOp::List, self.dir(), e)),
        };
        let mut files = Vec::new();
        for entry in rd {
            let entry = entry.map_err(|e| Error::io(IoOp::List, self.dir(), e))?;
            let name = entry.file_name();
            let name = name.to_string_lossy();
            if name.starts_with('.') || !name.ends_with(".toml") {
                continue;
            }
            files.push(entry.path());
        }
        Ok(files)
    }

    /// Every `*.toml` entry, unsorted, duplicates not yet marked.
    fn entries(&self) -> Result<Vec<ListEntry>> {
        let files = self.session_files()?;
        // Parsing dominates; spread it over the cores.
        let threads = std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .min(files.len().div_ceil(64).max(1));
        let chunk = files.len().div_ceil(threads).max(1);
        Ok(std::thread::scope(|scope| {
            let workers: Vec<_> = files
                .chunks(chunk)
                .map(|paths| {
                    let codec = &self.codec;
                    scope.spawn(move || {
                        paths
                            .iter()
                            .map(|p| summarise(codec, p))
                            .collect::<Vec<_>>()
                    })
                })
                .collect();
            workers
                .into_iter()
                .flat_map(|w| w.join().expect("listing a file does not panic"))
                .collect()
        }))
    }

    /// Every session file, newest first; unreadable files are listed with
    /// the reason instead of breaking the list. Files sharing one session id
    /// are all listed as unreadable, naming each other.
    pub fn list(&self) -> Result<Vec<ListEntry>> {
        let mut entries = self.entries()?;
        let dups = duplicates(&entries);
        for e in &mut entries {
            if let ListEntry::Session(s) = e
                && let Some(paths) = dups.get(&s.id)
            {
                let err = Error::DuplicateId {
                    id: s.id.to_string(),
                    paths: paths.clone(),
                };
                *e = unreadable(s.path.clone(), &err);
            }
        }
        entries.sort_by(|a, b| match (a, b) {
            (ListEntry::Session(a), ListEntry::Session(b)) => b
                .updated
                .timestamp()
                .cmp(&a.updated.timestamp())
                .then(a.id.cmp(&b.id)),
            (ListEntry::Session(_), ListEntry::Unreadable { .. }) => std::cmp::Ordering::Less,
            (ListEntry::Unreadable { .. }, ListEntry::Session(_)) => std::cmp::Ordering::Greater,
            (a, b) => a.path().cmp(b.path()),
        });
        Ok(entries)
    }

    /// A session by id prefix or exact case reference.
    pub fn resolve(&self, query: &str) -> Result<Uuid> {
        let q = query.trim();
        let all: Vec<SessionSummary> = self
            .entries()?
            .into_iter()
            .filter_map(|e| match e {
                ListEntry::Session(s) => Some(s),
                ListEntry::Unreadable { .. } => None,
            })
            .collect();
        let by_case: Vec<&SessionSummary> = all.iter().filter(|s| s.case_ref == q).collect();
        let lower = q.to_ascii_lowercase();
        let by_id: Vec<&SessionSummary> = if lower.is_empty() {
            Vec::new()
        } else {
            all.iter()
                .filter(|s| s.id.to_string().starts_with(&lower))
                .collect()
        };
        let matches = if by_case.is_empty() { by_id } else { by_case };
        let mut ids: Vec<Uuid> = matches.iter().map(|s| s.id).collect();
        ids.sort();
        ids.dedup();
        if let [id] = ids.as_slice() {
            // The case reference of one file must never open another's.
            let mut paths: Vec<PathBuf> = all
                .iter()
                .filter(|s| s.id == *id)
                .map(|s| s.path.clone())
                .collect();
            if paths.len() > 1 {
                paths.sort();
                return Err(Error::DuplicateId {
                    id: id.to_string(),
                    paths,
                });
            }
        }
        match matches.as_slice() {
            [one] => Ok(one.id),
            [] => Err(Error::SessionNotFound {
                query: q.to_string(),
                suggestions: super::suggest::suggest(q, &all),
            }),
            many => Err(Error::SessionAmbiguous {
                query: q.to_string(),
                matches: many
                    .iter()
                    .map(|s| format!("{} ({})", s.id, s.case_ref))
                    .collect(),
            }),
        }
    }

    /// Move an unreadable file into `<sessions>/quarantine/`, only when the
    /// user asks, with the autosave draft and lock file beside it (the draft
    /// may hold the newest text). Refuses readable sessions and anything
    /// outside the folder. Returns the new path.
    pub fn quarantine(&self, file_name: &str) -> Result<PathBuf> {
        let given = Path::new(file_name);
        let in_dir = given.parent().is_none_or(|p| {
            p.as_os_str().is_empty() || p.canonicalize().ok() == self.dir().canonicalize().ok()
        });
        let name = given
            .file_name()
            .filter(|_| in_dir)
            .ok_or_else(|| Error::Usage {
                detail: Msg::new(
                    "not_in_folder",
                    &[
                        ("file", file_name),
                        ("dir", &self.dir().display().to_string()),
                    ],
                ),
            })?;
        let src = self.dir().join(name);
        if fs::symlink_metadata(&src).is_err() {
            return Err(Error::SessionNotFound {
                query: file_name.to_string(),
                suggestions: Vec::new(),
            });
        }
        if self.load(&src).is_ok() {
            return Err(Error::Usage {
                detail: Msg::new("readable_session", &[("path", &src.display().to_string())]),
            });
        }
        let qdir = self.dir().join(QUARANTINE_DIR);
        // A link planted at `quarantine` would move the file out of the folder.
        match fs::symlink_metadata(&qdir) {
            Ok(m) if !m.is_dir() => {
                return Err(Error::NotAFile {
                    path: qdir,
                    kind: if m.file_type().is_symlink() {
                        "symlink"
                    } else {
                        "special"
                    },
                });
            }
            _ => atomic::ensure_private_dir(&qdir)?,
        }
        let dest = free_name(&qdir, &name.to_string_lossy());
        fs::rename(&src, &dest).map_err(|e| Error::io(IoOp::Rename, &src, e))?;
        let stem = Path::new(name)
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        for side in [
            draft::path_for(&src),
            self.dir().join(format!("{stem}.lock")),
        ] {
            if fs::symlink_metadata(&side).is_ok() {
                let file = side.file_name().unwrap_or_default().to_string_lossy();
                let to = free_name(&qdir, file.trim_start_matches('.'));
                fs::rename(&side, &to).map_err(|e| Error::io(IoOp::Rename, &side, e))?;
            }
        }
        // The write guard holds nothing; an unlisted leftover only confuses.
        let _ = fs::remove_file(self.dir().join(format!(".{stem}.write-lock")));
        atomic::fsync_dir(&qdir)?;
        atomic::fsync_dir(self.dir())?;
        Ok(dest)
    }
}

/// `dir/name`, or `dir/name.N` for the first N not taken.
fn free_name(dir: &Path, name: &str) -> PathBuf {
    let mut dest = dir.join(name);
    let mut n = 1;
    while fs::symlink_metadata(&dest).is_ok() {
        dest = dir.join(format!("{name}.{n}"));
        n += 1;
    }
    dest
}

/// Ids claimed by more than one file, with those files.
fn duplicates(entries: &[ListEntry]) -> BTreeMap<Uuid, Vec<PathBuf>> {
    let mut by_id: BTreeMap<Uuid, Vec<PathBuf>> = BTreeMap::new();
    for e in entries {
        if let ListEntry::Session(s) = e {
            by_id.entry(s.id).or_default().push(s.path.clone());
        }
    }
    by_id.retain(|_, paths| {
        paths.sort();
        paths.len() > 1
    });
    by_id
}

fn summarise(codec: &Codec, path: &Path) -> ListEntry {
    let sealed = match safe_fs::read(path) {
        Ok(b) => b,
        Err(e) => return unreadable(path.to_path_buf(), &e),
    };
    let bytes = match codec.open(path, &sealed) {
        Ok(b) => b,
        Err(e) => return unreadable(path.to_path_buf(), &e),
    };
    if let Ok(text) = std::str::from_utf8(&bytes)
        && let Some(s) = super::list::fast_summary(path.to_path_buf(), text)
    {
        return ListEntry::Session(s);
    }
    match super::store::parse_bytes(path, &bytes) {
        Ok(s) => ListEntry::Session(SessionSummary::of(&s, path.to_path_buf())),
        Err(e) => unreadable(path.to_path_buf(), &e),
    }
}

fn unreadable(path: PathBuf, e: &Error) -> ListEntry {
    let (message, line, col) = match e {
        Error::Parse {
            line, col, detail, ..
        } => (detail.clone(), *line, *col),
        Error::TooDeep { line, col, .. } => (
            Msg::new("io_other", &[("raw", &e.to_string())]),
            *line,
            *col,
        ),
        Error::NewerSchema {
            found, supported, ..
        } => (
            Msg::new(
                "schema_newer",
                &[
                    ("found", &found.to_string()),
                    ("supported", &supported.to_string()),
                ],
            ),
            1,
            1,
        ),
        Error::Io { source, .. } => (crate::error::io_reason(source), 0, 0),
        other => (Msg::new("io_other", &[("raw", &other.to_string())]), 0, 0),
    };
    ListEntry::Unreadable {
        path,
        reason: message.to_string(),
        line,
        col,
        message,
    }
}
