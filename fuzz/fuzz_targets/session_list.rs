//! A sessions folder built from the input: the bytes are split at 0xFF into
//! up to eight files (`f0.toml`…). `Store::list` must not panic, and it must
//! agree with the full parse file by file: a file listed as a session loads
//! with the same summary, a file that loads is listed as a session unless
//! another file claims its id. Resolving a listed case reference never
//! yields a session whose file says otherwise.
#![no_main]

use std::collections::HashMap;
use std::sync::OnceLock;

use gehoor::notes::{ListEntry, SessionSummary, Store, store};
use libfuzzer_sys::fuzz_target;

fn dir() -> &'static tempfile::TempDir {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    DIR.get_or_init(|| {
        tempfile::tempdir_in("/dev/shm")
            .or_else(|_| tempfile::tempdir())
            .expect("temp dir")
    })
}

fuzz_target!(|data: &[u8]| {
    let root = dir().path().join("sessions");
    let _ = std::fs::remove_dir_all(&root);
    std::fs::create_dir(&root).expect("folder");
    let files: Vec<&[u8]> = data.split(|b| *b == 0xff).take(8).collect();
    for (i, bytes) in files.iter().enumerate() {
        std::fs::write(root.join(format!("f{i}.toml")), bytes).expect("write");
    }
    let store = Store::new(root.clone());
    let listed = store.list().expect("list");
    assert_eq!(listed.len(), files.len());
    let loaded: Vec<_> = (0..files.len())
        .map(|i| store::load(&root.join(format!("f{i}.toml"))))
        .collect();
    let mut ids: HashMap<uuid::Uuid, usize> = HashMap::new();
    for s in loaded.iter().flatten() {
        *ids.entry(s.id).or_default() += 1;
    }
    for e in &listed {
        let i: usize = e.path().file_stem().unwrap().to_string_lossy()[1..]
            .parse()
            .unwrap();
        match (e, &loaded[i]) {
            (ListEntry::Session(summary), Ok(s)) => {
                assert_eq!(summary, &SessionSummary::of(s, e.path().to_path_buf()));
                assert_eq!(ids[&s.id], 1, "a duplicate id listed as a session");
                if let Ok(id) = store.resolve(&s.case_ref) {
                    let back = store.open_read_only(id).ok();
                    assert!(back.is_none_or(|b| b.id == id));
                }
            }
            (ListEntry::Session(_), Err(err)) => {
                panic!("listed, but does not load: {err:?}")
            }
            (ListEntry::Unreadable { .. }, Ok(s)) => {
                assert!(ids[&s.id] > 1, "loads but is listed unreadable");
            }
            (ListEntry::Unreadable { .. }, Err(_)) => {}
        }
    }
});
