//! The search index read back from a snapshot in the cache dir instead of
//! being rebuilt by every `gehoor search` process.

use std::path::Path;

use gehoor::assets::FileSet;
use gehoor::search::dense;
use gehoor::search::{Index, SearchOptions};

#[test]
fn a_snapshot_searches_exactly_as_the_index_it_was_taken_of() {
    let (built, docs) = gehoor::index_cache::build(&FileSet::embedded_corpus()).unwrap();
    let bytes = built.to_snapshot(&docs);
    let (read, read_docs) = Index::from_snapshot(&bytes).expect("snapshot reads back");
    assert_eq!(read_docs, docs);
    assert_eq!(read.passages(), built.passages());
    assert_eq!(read.passage_hash(), built.passage_hash());
    for index in [&built, &read] {
        assert!(index.set_vectors(dense::builtin_vectors().unwrap()));
    }
    let opts = SearchOptions::default();
    for q in [
        "oproep",
        "povestka",
        "Mag een dienstplichtige zijn contract opzeggen?",
        "exit ban for conscripts",
    ] {
        let a = format!("{:?}", built.search(q, &opts));
        assert_eq!(a, format!("{:?}", read.search(q, &opts)), "{q}");
    }
    // Anything but a whole snapshot is refused, never half used.
    assert!(Index::from_snapshot(&bytes[..bytes.len() / 2]).is_none());
    assert!(Index::from_snapshot(&bytes[4..]).is_none());
    assert!(Index::from_snapshot(b"").is_none());
}

fn copy_doc(corpus: &Path, id: &str) {
    let doc = corpus.join(id);
    std::fs::create_dir_all(&doc).unwrap();
    for f in ["document.toml", "text.txt"] {
        std::fs::copy(format!("corpus/{id}/{f}"), doc.join(f)).unwrap();
    }
}

fn snapshots(cache: &Path) -> Vec<std::path::PathBuf> {
    std::fs::read_dir(cache.join("index"))
        .map(|d| d.flatten().map(|e| e.path()).collect())
        .unwrap_or_default()
}

/// The first search of a folder writes its snapshot; the next reads it (a
/// planted snapshot of another corpus shows it is read, not rebuilt); an
/// edit of the folder or a damaged file means a rebuild, never a stale or
/// broken index.
#[test]
fn gehoor_search_reads_the_index_from_the_cache_and_rebuilds_when_it_is_outdated() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = tmp.path().join("corpus");
    copy_doc(&corpus, "brief-moratorium-2022");
    let cache = tmp.path().join("cache");
    let search = |query: &str| -> Vec<String> {
        let out = assert_cmd::Command::cargo_bin("gehoor")
            .unwrap()
            .env("GEHOOR_CONFIG", "/nonexistent/gehoor-test.toml")
            .env("GEHOOR_CACHE_DIR", &cache)
            .env("LANG", "en_GB.UTF-8")
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .arg("--corpus")
            .arg(&corpus)
            .args(["search", "--json", query])
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
        let hits: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        hits.as_array()
            .unwrap()
            .iter()
            .map(|h| h["ref"].as_str().unwrap().to_string())
            .collect()
    };
    let first = search("moratorium");
    assert!(!first.is_empty());
    assert!(search("Kuzmin").is_empty());
    let files = snapshots(&cache);
    assert_eq!(files.len(), 1, "{files:?}");
    assert_eq!(search("moratorium"), first);

    // Plant the snapshot of another corpus under the same name: it is what
    // the next search reads.
    let other = tmp.path().join("other");
    copy_doc(&other, "persbericht-kuzmin-2026-nl");
    let (index, docs) = gehoor::index_cache::build(&FileSet::from_dir(&other).unwrap()).unwrap();
    std::fs::write(&files[0], index.to_snapshot(&docs)).unwrap();
    let planted = search("Kuzmin");
    assert!(
        planted
            .iter()
            .all(|r| r.starts_with("persbericht-kuzmin-2026-nl#")),
        "{planted:?}"
    );
    assert!(!planted.is_empty());

    // A damaged snapshot is rebuilt over.
    std::fs::write(&files[0], b"GHX1 not a snapshot").unwrap();
    assert_eq!(search("moratorium"), first);
    let files = snapshots(&cache);
    assert_eq!(files.len(), 1);
    assert!(Index::from_snapshot(&std::fs::read(&files[0]).unwrap()).is_some());

    // An edited folder is indexed again, and its old snapshot goes.
    let text = corpus.join("brief-moratorium-2022/text.txt");
    let mut t = std::fs::read_to_string(&text).unwrap();
    t.push_str("\n\nDe zwaluwstaartvlinder staat op de lijst.\n");
    std::fs::write(&text, t).unwrap();
    assert_eq!(search("zwaluwstaartvlinder").len(), 1);
    let after = snapshots(&cache);
    assert_eq!(after.len(), 1);
    assert_ne!(after, files);
}
