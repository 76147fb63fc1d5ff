//! Session files as bytes (invalid UTF-8 included), read the two ways the
//! program reads them: `store::load` (full parse, with migration) and the
//! sessions list (a fast syntax-only summary that falls back to the full
//! parse). When both read a file their summaries must agree, and a session that loads must survive a write
//! and a re-read unchanged.
#![no_main]

use std::path::PathBuf;
use std::sync::OnceLock;

use gehoor::notes::{ListEntry, SessionSummary, Store, parse_session, store};
use libfuzzer_sys::fuzz_target;

fn dir() -> &'static tempfile::TempDir {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    // /dev/shm keeps the per-input write off the disk where it exists.
    DIR.get_or_init(|| {
        tempfile::tempdir_in("/dev/shm")
            .or_else(|_| tempfile::tempdir())
            .expect("temp dir")
    })
}

fuzz_target!(|data: &[u8]| {
    let dir = dir();
    let path: PathBuf = dir.path().join("s.toml");
    std::fs::write(&path, data).expect("write input");
    let loaded = store::load(&path);
    if let Ok(text) = std::str::from_utf8(data) {
        let direct = parse_session(&path, text);
        assert_eq!(
            direct.is_ok(),
            loaded.is_ok(),
            "load and parse_session disagree"
        );
    }
    // Without a `schema_version` key the fast path cannot read the header
    // and the list is the full parse by construction; skipping the listing
    // (a thread and a directory scan) then keeps the fuzzer fast.
    if data.windows(14).any(|w| w == b"schema_version") {
        let listed = Store::new(dir.path().to_path_buf()).list().expect("list");
        assert_eq!(listed.len(), 1);
        match (&loaded, &listed[0]) {
            (Ok(s), ListEntry::Session(summary)) => {
                assert_eq!(
                    summary,
                    &SessionSummary::of(s, path.clone()),
                    "fast summary differs"
                );
            }
            (Err(_), ListEntry::Unreadable { .. }) => {}
            // Issue 17: a file the list shows as a session must open.
            (Err(e), ListEntry::Session(_)) => panic!("listed, but does not load: {e:?}"),
            (l, e) => panic!("load and list disagree:\nload: {l:?}\nlist: {e:?}"),
        }
    }
    if let Ok(session) = loaded {
        let written = session.to_toml();
        let again = parse_session(&path, &written)
            .unwrap_or_else(|e| panic!("written session does not parse: {e:?}\n{written}"));
        // Compared as text: NaN numbers make `==` on values useless.
        assert_eq!(again.to_toml(), written, "round trip changed the session");
    }
});
