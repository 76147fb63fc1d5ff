//! The search index of a corpus, cached in the cache dir
//! (`…/gehoor/index/`) as a snapshot, so a `gehoor search` process reads it
//! in a few milliseconds instead of parsing the corpus and glossary and
//! stemming every word again.
//!
//! A snapshot is valid for one corpus and one build of the program: its
//! name hashes the executable's path, size and modification time (a new
//! build can index differently) and, for a corpus folder, every file's path
//! and text. A damaged or foreign file is rebuilt over; the cache is never
//! needed, so failing to read or write it only costs the rebuild.

use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::assets::FileSet;
use crate::corpus::Corpus;
use crate::error::Result;
use crate::search::{Index, glossary_from, passages_from};

const FORMAT: &[u8] = b"gehoor index snapshot 1";

/// Which build of the program is running, or `None` where the system
/// cannot say (then nothing is cached).
fn build_identity() -> Option<(PathBuf, Vec<u8>)> {
    let exe = std::env::current_exe().ok()?;
    let meta = std::fs::metadata(&exe).ok()?;
    let modified = meta
        .modified()
        .ok()?
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?;
    let mut id = meta.len().to_le_bytes().to_vec();
    id.extend(modified.as_nanos().to_le_bytes());
    #[cfg(unix)]
    id.extend(std::os::unix::fs::MetadataExt::ino(&meta).to_le_bytes());
    Some((exe, id))
}

fn short_hex(hash: &[u8]) -> String {
    hash[..12].iter().map(|b| format!("{b:02x}")).collect()
}

/// `<which corpus, read by which executable>-<which build, which text>.bin`:
/// a new build, or an edited corpus folder, replaces the file it outdates
/// rather than adding one.
fn cache_file(which: &[u8], content: &[u8]) -> Option<(PathBuf, String)> {
    let (exe, build) = build_identity()?;
    let dir = crate::vector_cache::cache_root()?.join("index");
    let mut prefix = Sha256::new();
    prefix.update(FORMAT);
    prefix.update(exe.as_os_str().as_encoded_bytes());
    prefix.update([0]);
    prefix.update(which);
    prefix.update([0]);
    let prefix = short_hex(&prefix.finalize());
    let mut suffix = Sha256::new();
    suffix.update(&build);
    suffix.update(content);
    let suffix = short_hex(&suffix.finalize());
    Some((dir.join(format!("{prefix}-{suffix}.bin")), prefix))
}

fn content_key(files: &FileSet) -> Vec<u8> {
    let mut h = Sha256::new();
    for f in &files.files {
        h.update(f.rel.as_bytes());
        h.update([0]);
        h.update(f.text.as_bytes());
        h.update([0]);
    }
    h.finalize().to_vec()
}

/// The index of the corpus folder `dir`, or of the built-in corpus, and the
/// ids of its documents: from the cache when a snapshot for this corpus and
/// this build is there, else built (and cached for the next run).
pub fn load_or_build(dir: Option<&Path>) -> Result<(Index, Vec<String>)> {
    // The built-in corpus is part of the executable, so the build names it;
    // a folder is read (and hashed) either way.
    let (files, path) = match dir {
        None => (None, cache_file(b"built-in corpus", b"")),
        Some(d) => {
            let files = FileSet::from_dir(d)?;
            let which = std::fs::canonicalize(d).unwrap_or_else(|_| d.to_path_buf());
            let path = cache_file(which.as_os_str().as_encoded_bytes(), &content_key(&files));
            (Some(files), path)
        }
    };
    if let Some((path, _)) = &path
        && let Ok(bytes) = std::fs::read(path)
        && let Some(found) = Index::from_snapshot(&bytes)
    {
        return Ok(found);
    }
    let files = match files {
        Some(f) => f,
        None => FileSet::embedded_corpus(),
    };
    let (index, documents) = build(&files)?;
    if let Some((path, prefix)) = path {
        store(&path, &prefix, &index.to_snapshot(&documents));
    }
    Ok((index, documents))
}

/// The index and document ids of `files`, built.
pub fn build(files: &FileSet) -> Result<(Index, Vec<String>)> {
    let glossary = glossary_from(files)?;
    let corpus = Corpus::load(files)?;
    let documents = corpus.documents.iter().map(|d| d.meta.id.clone()).collect();
    Ok((Index::build(passages_from(&corpus), &glossary), documents))
}

/// At most this many snapshots are kept (one per corpus folder searched
/// lately); the least recently written go first.
const KEEP: usize = 8;

/// Atomic (no half file is ever read); the same corpus's snapshots of
/// earlier builds go, and the oldest beyond `KEEP`. Best effort: a cache
/// that cannot be written is not an error of the search.
fn store(path: &Path, prefix: &str, bytes: &[u8]) {
    let Some(dir) = path.parent() else { return };
    if std::fs::create_dir_all(dir).is_err() {
        return;
    }
    let mut others = Vec::new();
    if let Ok(entries) = std::fs::read_dir(dir) {
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if !name.ends_with(".bin") {
                continue;
            }
            if name.starts_with(prefix) {
                let _ = std::fs::remove_file(e.path());
            } else if let Ok(modified) = e.metadata().and_then(|m| m.modified()) {
                others.push((modified, e.path()));
            }
        }
    }
    others.sort();
    let excess = (others.len() + 1).saturating_sub(KEEP);
    for (_, old) in others.into_iter().take(excess) {
        let _ = std::fs::remove_file(old);
    }
    if let Ok(mut tmp) = tempfile::NamedTempFile::new_in(dir)
        && std::io::Write::write_all(&mut tmp, bytes).is_ok()
    {
        let _ = tmp.persist(path);
    }
}
