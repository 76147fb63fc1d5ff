//! Passage vectors of a `--corpus DIR`, cached in the platform's cache dir
//! (`…/gehoor/vectors/<content hash>.bin`): computing them takes minutes, so
//! it happens once per corpus version, off the path of any search. A changed
//! corpus has another hash and so another file; a damaged file is ignored.

use std::path::PathBuf;
use std::sync::Arc;

use crate::error::{Error, IoOp, Result};
use crate::search::dense::{self, PassageVectors, vectors};
use crate::search::{Index, Passage};

/// gehoor's cache dir; `GEHOOR_CACHE_DIR` overrides the platform's (tests,
/// shared machines).
pub fn cache_root() -> Option<PathBuf> {
    std::env::var_os("GEHOOR_CACHE_DIR")
        .map(PathBuf::from)
        .or_else(|| {
            directories::ProjectDirs::from("nl", "gehoor", "gehoor")
                .map(|d| d.cache_dir().to_path_buf())
        })
}

pub fn cache_dir() -> Option<PathBuf> {
    cache_root().map(|d| d.join("vectors"))
}

fn path_for(passages: &[Passage]) -> Option<PathBuf> {
    let hash = vectors::content_hash(passages);
    Some(cache_dir()?.join(format!("{}.bin", vectors::hex(&hash))))
}

/// The cached vectors of the index's passages, if any (by the hash the
/// index knows, so a snapshot's passages are not hashed again).
pub fn load_for(index: &Index) -> Option<PassageVectors> {
    let name = format!("{}.bin", vectors::hex(&index.passage_hash()));
    let bytes = std::fs::read(cache_dir()?.join(name)).ok()?;
    PassageVectors::from_bytes(&bytes)
}

/// The cached vectors of exactly these passages, if any.
pub fn load(passages: &[Passage]) -> Option<PassageVectors> {
    let bytes = std::fs::read(path_for(passages)?).ok()?;
    PassageVectors::from_bytes(&bytes)?.matching(passages)
}

/// Computes the vectors (`progress(done, total)` per batch) and writes them;
/// the vectors come back even when the cache cannot be written.
pub fn compute_and_store(
    passages: &[Passage],
    progress: impl FnMut(usize, usize),
) -> (PassageVectors, Result<()>) {
    let v = PassageVectors::compute(dense::model(), passages, progress);
    let stored = store(passages, &v);
    (v, stored)
}

/// Atomic, so an interrupted run leaves no half file behind.
fn store(passages: &[Passage], v: &PassageVectors) -> Result<()> {
    if let Some(path) = path_for(passages) {
        let dir = path.parent().expect("cache file has a folder");
        std::fs::create_dir_all(dir).map_err(|e| Error::io(IoOp::CreateDir, dir, e))?;
        let mut tmp =
            tempfile::NamedTempFile::new_in(dir).map_err(|e| Error::io(IoOp::Write, dir, e))?;
        std::io::Write::write_all(&mut tmp, &v.to_bytes())
            .map_err(|e| Error::io(IoOp::Write, tmp.path(), e))?;
        tmp.persist(&path)
            .map_err(|e| Error::io(IoOp::Rename, &path, e.error))?;
    }
    Ok(())
}

/// Gives `index` its vectors from the cache, or computes them on a thread of
/// its own and sets them when done; searches stay lexical until then.
/// `progress(done, total)` is called from that thread.
pub fn attach_in_background(
    index: Arc<Index>,
    progress: impl FnMut(usize, usize) + Send + 'static,
) -> std::thread::JoinHandle<()> {
    std::thread::spawn(move || {
        if index.vectors().is_some() {
            return;
        }
        let v = match load_for(&index) {
            Some(v) => v,
            // A cache that cannot be written still leaves the vectors in
            // memory for this run.
            None => compute_and_store(index.passages(), progress).0,
        };
        index.set_vectors(v);
    })
}
