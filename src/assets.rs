//! The shipped questionnaires and corpus, compiled into the binary, and the
//! same shape read from a directory the user names instead.

use std::path::{Path, PathBuf};

use include_dir::{Dir, include_dir};

use crate::error::{Error, IoOp, Result};

static QUESTIONNAIRES: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/questionnaires");
static CORPUS: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/corpus");

/// A set of text files with paths relative to their root, sorted by path.
/// `origin` is what diagnostics show before the relative path.
#[derive(Debug, Clone)]
pub struct FileSet {
    pub origin: Origin,
    pub files: Vec<TextFile>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// Compiled into the binary; `name` is the folder it came from.
    Embedded {
        name: &'static str,
    },
    Dir(PathBuf),
}

#[derive(Debug, Clone)]
pub struct TextFile {
    /// Relative to the root, with `/` separators.
    pub rel: String,
    pub text: String,
}

impl TextFile {
    /// The path a user can open: absolute for a directory, `<folder>/<rel>`
    /// for embedded files.
    pub fn display_path(&self, origin: &Origin) -> PathBuf {
        match origin {
            Origin::Embedded { name } => Path::new(name).join(&self.rel),
            Origin::Dir(root) => root.join(&self.rel),
        }
    }
}

impl FileSet {
    pub fn get(&self, rel: &str) -> Option<&TextFile> {
        self.files.iter().find(|f| f.rel == rel)
    }

    pub fn display_path(&self, file: &TextFile) -> PathBuf {
        file.display_path(&self.origin)
    }

    pub fn embedded_questionnaires() -> FileSet {
        from_embedded(&QUESTIONNAIRES, "questionnaires")
    }

    pub fn embedded_corpus() -> FileSet {
        from_embedded(&CORPUS, "corpus")
    }

    /// Every text file under `root` (recursively), sorted; hidden entries are
    /// skipped so editor swap files and `.git` never count.
    pub fn from_dir(root: &Path) -> Result<FileSet> {
        let mut files = Vec::new();
        collect(root, root, &mut files)?;
        files.sort_by(|a, b| a.rel.cmp(&b.rel));
        Ok(FileSet {
            origin: Origin::Dir(root.to_path_buf()),
            files,
        })
    }

    /// The directory if one is given, else the embedded default.
    pub fn questionnaires(dir: Option<&Path>) -> Result<FileSet> {
        dir.map_or_else(|| Ok(Self::embedded_questionnaires()), Self::from_dir)
    }

    pub fn corpus(dir: Option<&Path>) -> Result<FileSet> {
        dir.map_or_else(|| Ok(Self::embedded_corpus()), Self::from_dir)
    }
}

fn from_embedded(dir: &'static Dir<'static>, name: &'static str) -> FileSet {
    let mut files = Vec::new();
    walk_embedded(dir, &mut files);
    files.sort_by(|a, b| a.rel.cmp(&b.rel));
    FileSet {
        origin: Origin::Embedded { name },
        files,
    }
}

fn walk_embedded(dir: &'static Dir<'static>, out: &mut Vec<TextFile>) {
    for file in dir.files() {
        if let Some(text) = file.contents_utf8() {
            out.push(TextFile {
                rel: file.path().to_string_lossy().replace('\\', "/"),
                text: text.to_string(),
            });
        }
    }
    for sub in dir.dirs() {
        walk_embedded(sub, out);
    }
}

/// Files gehoor reads as text (questionnaires, document metadata and texts,
/// the glossary): one that is not UTF-8 is an error naming it, never skipped.
fn is_text_name(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("toml") || e.eq_ignore_ascii_case("txt"))
}

/// A text file the user named, or `Error::NotUtf8` naming it.
pub fn read_text(path: &Path) -> Result<String> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(IoOp::Read, path, e))?;
    crate::error::utf8(path, bytes)
}

fn collect(root: &Path, dir: &Path, out: &mut Vec<TextFile>) -> Result<()> {
    let entries = std::fs::read_dir(dir).map_err(|e| Error::io(IoOp::List, dir, e))?;
    for entry in entries {
        let entry = entry.map_err(|e| Error::io(IoOp::List, dir, e))?;
        let path = entry.path();
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        if path.is_dir() {
            collect(root, &path, out)?;
        } else {
            let bytes = std::fs::read(&path).map_err(|e| Error::io(IoOp::Read, &path, e))?;
            let text = if is_text_name(&path) {
                crate::error::utf8(&path, bytes)?
            } else {
                // Binary files (images beside a document, say) are not ours to read.
                match String::from_utf8(bytes) {
                    Ok(text) => text,
                    Err(_) => continue,
                }
            };
            let rel = path
                .strip_prefix(root)
                .unwrap_or(&path)
                .to_string_lossy()
                .replace('\\', "/");
            out.push(TextFile { rel, text });
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn directory_and_embedded_have_the_same_shape() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        std::fs::write(dir.path().join("sub/b.toml"), "b").unwrap();
        std::fs::write(dir.path().join("a.toml"), "a").unwrap();
        std::fs::write(dir.path().join(".hidden.swp"), "x").unwrap();
        let set = FileSet::from_dir(dir.path()).unwrap();
        let rels: Vec<_> = set.files.iter().map(|f| f.rel.as_str()).collect();
        assert_eq!(rels, ["a.toml", "sub/b.toml"]);
        assert_eq!(set.get("sub/b.toml").unwrap().text, "b");
    }

    #[test]
    fn missing_directory_is_a_located_error() {
        let err = FileSet::from_dir(Path::new("/nonexistent/gehoor-test")).unwrap_err();
        assert!(matches!(err, Error::Io { op: IoOp::List, .. }));
    }

    #[test]
    fn a_text_file_that_is_not_utf8_is_an_error_a_binary_file_is_skipped() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("photo.png"), b"\x89PNG\xff").unwrap();
        assert!(FileSet::from_dir(dir.path()).unwrap().files.is_empty());
        std::fs::write(dir.path().join("q.toml"), b"id = \"caf\xe9\"").unwrap();
        let err = FileSet::from_dir(dir.path()).unwrap_err();
        assert!(
            matches!(&err, Error::NotUtf8 { path, line: 1, col: 10 } if path.ends_with("q.toml")),
            "{err:?}"
        );
    }
}
