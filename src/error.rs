//! The crate's one error type. Every variant carries enough to say what went
//! wrong, where, and what to do; the wording lives in the string table so it
//! exists in Dutch and English (`Error::render`).

use std::path::PathBuf;

use crate::i18n::Strings;
use crate::message::Msg;

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// What the program was doing when an I/O call failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IoOp {
    Read,
    Write,
    CreateDir,
    Lock,
    Rename,
    List,
}

#[derive(Debug)]
pub enum Error {
    Io {
        op: IoOp,
        path: PathBuf,
        source: std::io::Error,
    },
    /// A file that could not be parsed: a config, a session, a document.
    Parse {
        path: PathBuf,
        line: usize,
        col: usize,
        /// What is wrong there; a parser's message is summarised per language.
        detail: Msg,
    },
    Usage {
        detail: Msg,
    },
    UnknownRef {
        reference: String,
        suggestions: Vec<String>,
    },
    SessionNotFound {
        query: String,
        suggestions: Vec<String>,
    },
    SessionAmbiguous {
        query: String,
        matches: Vec<String>,
    },
    SessionLocked {
        path: PathBuf,
        holder: Box<crate::notes::LockHolder>,
    },
    NewerSchema {
        path: PathBuf,
        found: u32,
        supported: u32,
    },
    InvalidQuestionnaires {
        errors: usize,
    },
    /// A concurrent writer changed the file between read and write and the
    /// change cannot be merged.
    Conflict {
        path: PathBuf,
    },
    /// A text file (questionnaire, corpus document, config) that is not
    /// UTF-8; `line` and `col` locate the first invalid byte.
    NotUtf8 {
        path: PathBuf,
        line: usize,
        col: usize,
    },
    /// A session status change the review workflow does not allow.
    InvalidTransition {
        from: String,
        to: String,
    },
    /// The session's lifecycle refuses the change (read-only record,
    /// four-eyes rule, missing reason).
    Refused(crate::notes::Refusal),
    /// A path in the data folder holding a link, pipe, folder or device
    /// where a regular file belongs; `kind` is "symlink", "fifo", "folder"
    /// or "special".
    NotAFile {
        path: PathBuf,
        kind: &'static str,
    },
    /// Two or more files claim one session id.
    DuplicateId {
        id: String,
        paths: Vec<PathBuf>,
    },
    /// A write to a submitted or approved session.
    SessionClosed {
        path: PathBuf,
        status: crate::notes::Status,
    },
    /// TOML nested deeper than any session file is, refused before the
    /// recursive parser sees it.
    TooDeep {
        path: PathBuf,
        line: usize,
        col: usize,
        limit: usize,
    },
    /// An encrypted file or key that cannot be used (see `notes::crypt`).
    Crypto {
        path: PathBuf,
        problem: CryptoProblem,
    },
}

/// Why encrypted data or a key could not be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CryptoProblem {
    /// Encrypted for other keys: another team's file, or a rekey removed us.
    NotForThisKey,
    /// Not a well-formed age file, or its content fails authentication.
    Damaged,
    /// Encrypted, but encryption is off here so no key was unlocked.
    NoKeyLoaded,
    WrongPassphrase,
    /// `gehoor keys init` has not been run (no identity file).
    NoIdentity,
    /// The identity file exists already; keys are never overwritten.
    IdentityExists,
    /// A recipient or identity string that is not a valid age key.
    BadKey {
        detail: String,
    },
    /// Encryption is on but there is no passphrase to unlock the key with.
    NoPassphrase,
}

impl Error {
    pub fn io(op: IoOp, path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            op,
            path: path.into(),
            source,
        }
    }

    /// Exit code per the README: 2 for usage, config and I/O errors.
    pub fn exit_code(&self) -> u8 {
        2
    }

    /// The reason first, then where, for a status line that a long path
    /// would cut off before the reason: "No space left on device (os error
    /// 28) — /data/sessions".
    pub fn brief(&self, s: &Strings) -> String {
        match self {
            Error::Io { path, source, .. } => format!("{source} — {}", path.display()),
            other => other.render(s),
        }
    }

    /// The full message, in the user's language: what, where, what to do.
    pub fn render(&self, s: &Strings) -> String {
        let e = &s.error;
        let list = |v: &[String]| v.join(", ");
        match self {
            Error::Io { op, path, source } => {
                let what = match op {
                    IoOp::Read => &e.io_read,
                    IoOp::Write => &e.io_write,
                    IoOp::CreateDir => &e.io_create_dir,
                    IoOp::Lock => &e.io_lock,
                    IoOp::Rename => &e.io_rename,
                    IoOp::List => &e.io_list,
                };
                crate::i18n::fill(
                    what,
                    &[
                        ("path", &path.display().to_string()),
                        ("reason", &io_reason(source).render(s)),
                    ],
                )
            }
            Error::Parse {
                path,
                line,
                col,
                detail,
            } => crate::i18n::fill(
                &e.parse,
                &[
                    ("path", &path.display().to_string()),
                    ("line", &line.to_string()),
                    ("col", &col.to_string()),
                    ("detail", &detail.render(s)),
                ],
            ),
            Error::Usage { detail } => {
                crate::i18n::fill(&e.usage, &[("detail", &detail.render(s))])
            }
            Error::UnknownRef {
                reference,
                suggestions,
            } if suggestions.is_empty() => {
                crate::i18n::fill(&e.unknown_ref_none, &[("ref", reference)])
            }
            Error::SessionNotFound { query, suggestions } if suggestions.is_empty() => {
                crate::i18n::fill(&e.session_not_found_none, &[("query", query)])
            }
            Error::UnknownRef {
                reference,
                suggestions,
            } => crate::i18n::fill(
                &e.unknown_ref,
                &[("ref", reference), ("suggestions", &list(suggestions))],
            ),
            Error::SessionNotFound { query, suggestions } => crate::i18n::fill(
                &e.session_not_found,
                &[("query", query), ("suggestions", &list(suggestions))],
            ),
            Error::SessionAmbiguous { query, matches } => crate::i18n::fill(
                &e.session_ambiguous,
                &[("query", query), ("matches", &list(matches))],
            ),
            Error::SessionLocked { path, holder } => holder.describe(path, s),
            Error::NewerSchema {
                path,
                found,
                supported,
            } => crate::i18n::fill(
                &e.newer_schema,
                &[
                    ("path", &path.display().to_string()),
                    ("found", &found.to_string()),
                    ("supported", &supported.to_string()),
                ],
            ),
            Error::InvalidQuestionnaires { errors } => {
                crate::i18n::fill(&e.invalid_questionnaires, &[("count", &errors.to_string())])
            }
            Error::Conflict { path } => {
                crate::i18n::fill(&e.conflict, &[("path", &path.display().to_string())])
            }
            Error::NotUtf8 { path, line, col } => crate::i18n::fill(
                &e.not_utf8,
                &[
                    ("path", &path.display().to_string()),
                    ("line", &line.to_string()),
                    ("col", &col.to_string()),
                ],
            ),
            Error::NotAFile { path, kind } => {
                let what = match *kind {
                    "symlink" => &e.what_symlink,
                    "fifo" => &e.what_fifo,
                    "folder" => &e.what_folder,
                    _ => &e.what_special,
                };
                crate::i18n::fill(
                    &e.not_a_file,
                    &[("path", &path.display().to_string()), ("what", what)],
                )
            }
            Error::DuplicateId { id, paths } => {
                let paths: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
                crate::i18n::fill(&e.duplicate_id, &[("id", id), ("paths", &list(&paths))])
            }
            Error::SessionClosed { path, status } => {
                let n = &s.notes;
                let status = match status {
                    crate::notes::Status::Submitted => &n.status_submitted,
                    crate::notes::Status::Approved => &n.status_approved,
                    crate::notes::Status::Draft => &n.status_draft,
                    crate::notes::Status::Returned => &n.status_returned,
                };
                crate::i18n::fill(
                    &e.session_closed,
                    &[("path", &path.display().to_string()), ("status", status)],
                )
            }
            Error::TooDeep {
                path,
                line,
                col,
                limit,
            } => crate::i18n::fill(
                &e.too_deep,
                &[
                    ("path", &path.display().to_string()),
                    ("line", &line.to_string()),
                    ("col", &col.to_string()),
                    ("limit", &limit.to_string()),
                ],
            ),
            Error::InvalidTransition { from, to } => crate::i18n::fill(
                &e.invalid_transition,
                &[("from", status_name(s, from)), ("to", status_name(s, to))],
            ),
            Error::Refused(r) => {
                use crate::notes::Refusal;
                match r {
                    Refusal::ReadOnly { status } => crate::i18n::fill(
                        &e.read_only,
                        &[("status", status_name(s, status.code()))],
                    ),
                    Refusal::SelfApproval { who } => {
                        crate::i18n::fill(&e.self_approval, &[("who", who)])
                    }
                    Refusal::ReasonRequired => e.reason_required.clone(),
                    Refusal::EmptyAmendment => e.empty_amendment.clone(),
                }
            }
            Error::Crypto { path, problem } => {
                let (template, detail) = match problem {
                    CryptoProblem::NotForThisKey => (&e.crypto_not_for_this_key, ""),
                    CryptoProblem::Damaged => (&e.crypto_damaged, ""),
                    CryptoProblem::NoKeyLoaded => (&e.crypto_no_key_loaded, ""),
                    CryptoProblem::WrongPassphrase => (&e.crypto_wrong_passphrase, ""),
                    CryptoProblem::NoIdentity => (&e.crypto_no_identity, ""),
                    CryptoProblem::IdentityExists => (&e.crypto_identity_exists, ""),
                    CryptoProblem::BadKey { detail } => (&e.crypto_bad_key, detail.as_str()),
                    CryptoProblem::NoPassphrase => (&e.crypto_no_passphrase, ""),
                };
                crate::i18n::fill(
                    template,
                    &[("path", &path.display().to_string()), ("detail", detail)],
                )
            }
        }
    }
}

/// The operating system's reason: in English its own words, in Dutch a
/// translation for the common cases and its own words for the rest.
pub fn io_reason(e: &std::io::Error) -> Msg {
    use std::io::ErrorKind as K;
    let key = match e.kind() {
        K::NotFound => "io_not_found",
        K::PermissionDenied => "io_permission_denied",
        K::AlreadyExists => "io_already_exists",
        K::StorageFull | K::QuotaExceeded => "io_storage_full",
        K::ReadOnlyFilesystem => "io_read_only",
        K::IsADirectory => "io_is_a_directory",
        K::NotADirectory => "io_not_a_directory",
        _ => "io_other",
    };
    let original = e.to_string();
    Msg::new(key, &[("raw", &original)]).with_english(original)
}

/// A status code (`returned`) as the user's language names it.
fn status_name<'a>(s: &'a Strings, code: &'a str) -> &'a str {
    let n = &s.notes;
    match code {
        "draft" => &n.status_draft,
        "submitted" => &n.status_submitted,
        "approved" => &n.status_approved,
        "returned" => &n.status_returned,
        other => other,
    }
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.render(crate::i18n::Strings::get(crate::i18n::Lang::En)))
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}

/// Convert a byte offset in `text` into a 1-based (line, column) pair;
/// the column counts characters, as editors do.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

/// The line `line` of `text` with a caret under column `col` (1-based,
/// characters), as `check` shows a place: the number, the line, the caret.
pub fn excerpt(text: &str, line: usize, col: usize) -> Option<String> {
    let source = text.lines().nth(line.checked_sub(1)?)?;
    let source = crate::sanitize::clean_line(source);
    let number = line.to_string();
    let pad = " ".repeat(number.len());
    let before: String = source.chars().take(col.saturating_sub(1)).collect();
    let indent = " ".repeat(unicode_width::UnicodeWidthStr::width(before.as_str()));
    Some(format!("{pad} |\n{number} | {source}\n{pad} | {indent}^"))
}

/// Bytes that must be UTF-8 text, or `Error::NotUtf8` at the first bad byte.
pub fn utf8(path: impl Into<PathBuf>, bytes: Vec<u8>) -> Result<String> {
    String::from_utf8(bytes).map_err(|e| {
        let bytes = e.as_bytes();
        let valid = &bytes[..e.utf8_error().valid_up_to()];
        let valid = std::str::from_utf8(valid).unwrap_or_default();
        let (line, col) = line_col(valid, valid.len());
        Error::NotUtf8 {
            path: path.into(),
            line,
            col,
        }
    })
}

/// A toml deserialisation error as a located `Error::Parse`.
pub fn from_toml(path: impl Into<PathBuf>, text: &str, err: &toml::de::Error) -> Error {
    let (line, col) = err
        .span()
        .map(|s| line_col(text, s.start))
        .unwrap_or((1, 1));
    Error::Parse {
        path: path.into(),
        line,
        col,
        detail: crate::message::summarize_toml(err.message()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_lines_and_chars() {
        let text = "a = 1\nbé = x\n";
        assert_eq!(line_col(text, 0), (1, 1));
        assert_eq!(line_col(text, 6), (2, 1));
        // 'x' sits after "bé = " which is 5 characters but 6 bytes.
        assert_eq!(line_col(text, 12), (2, 6));
    }

    #[test]
    fn status_names_and_io_reasons_are_in_the_users_language() {
        let nl = Strings::get(crate::i18n::Lang::Nl);
        let e = Error::InvalidTransition {
            from: "returned".into(),
            to: "approved".into(),
        };
        let text = e.render(nl);
        assert!(
            text.starts_with("Een sessie met status teruggestuurd kan niet naar goedgekeurd"),
            "{text}"
        );
        let e = Error::io(
            IoOp::Read,
            "/x",
            std::io::Error::from(std::io::ErrorKind::NotFound),
        );
        assert!(e.render(nl).contains("bestaat niet"), "{}", e.render(nl));
        assert!(!e.to_string().contains("bestaat niet"), "{e}");
    }

    #[test]
    fn excerpt_puts_the_caret_under_the_column() {
        let text = "a = 1\nbé = x\n";
        assert_eq!(excerpt(text, 2, 6).unwrap(), "  |\n2 | bé = x\n  |      ^");
        assert_eq!(excerpt(text, 9, 1), None);
    }

    #[test]
    fn invalid_utf8_is_located_at_the_first_bad_byte() {
        let err = utf8("x.txt", b"ok\nab\xffc".to_vec()).unwrap_err();
        assert!(
            matches!(
                err,
                Error::NotUtf8 {
                    line: 2,
                    col: 3,
                    ..
                }
            ),
            "{err:?}"
        );
        assert_eq!(utf8("x.txt", "ж".into()).unwrap(), "ж");
    }
}
