//! Issue 17: hostile data folders, generated. Someone who may write to a
//! shared sessions folder plants, at every path gehoor opens there, a
//! symbolic link (to a file or a folder outside), a named pipe, a folder, a
//! copy of another session (a duplicate id), a 5 KB deeply nested file, a
//! truncated session, or takes the permissions away. Then `sessions list`,
//! `export`, and the interview's open, save and quit (the store calls the
//! TUI's effects make: `open_for_write`, `recoverable`, `save_merged`,
//! `clear_draft`, drop) run. Each works or fails with an error naming the
//! place; none hangs, panics, follows a link, writes outside the folder or
//! shows another applicant's record. The case count is bounded for CI.

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::time::Duration;

use gehoor::i18n::Lang;
use gehoor::notes::{ListEntry, Session, Store};
use proptest::prelude::*;

mod tui;

/// Each kind of plant once, for the tests that try every one at every path.
const EVERY_PLANT: [Plant; 9] = [
    Plant::LinkToFile,
    Plant::LinkToFolder,
    Plant::Fifo,
    Plant::Folder,
    Plant::DuplicateOfB,
    Plant::Deep,
    Plant::Truncated(0.5),
    Plant::NoPermission,
    Plant::ReadableByAll,
];

#[derive(Debug, Clone, Copy)]
enum Plant {
    LinkToFile,
    LinkToFolder,
    Fifo,
    Folder,
    DuplicateOfB,
    Deep,
    Truncated(f64),
    NoPermission,
    ReadableByAll,
}

/// The paths gehoor opens in the folder for session A (and a stray copy).
const TARGETS: &[&str] = &[
    "{a}.toml",
    "{a}.lock",
    ".{a}.write-lock",
    ".{a}.autosave.toml",
    "quarantine",
    "zz-copy.toml",
];

fn plant() -> impl Strategy<Value = Plant> {
    prop_oneof![
        Just(Plant::LinkToFile),
        Just(Plant::LinkToFolder),
        Just(Plant::Fifo),
        Just(Plant::Folder),
        Just(Plant::DuplicateOfB),
        Just(Plant::Deep),
        (0.0..1.0f64).prop_map(Plant::Truncated),
        Just(Plant::NoPermission),
        Just(Plant::ReadableByAll),
    ]
}

fn session(case: &str) -> Session {
    let now = gehoor::notes::now();
    let mut s = Session::new(case, "Interviewer Fictief", Lang::En, Vec::new(), &now);
    s.set_value(
        "summons.received",
        Some(gehoor::questionnaire::Value::YesNo(true)),
        &now,
    );
    s.set_note("summons.received", format!("note of {case}"), &now);
    s
}

fn mkfifo(p: &Path) {
    let c = std::ffi::CString::new(p.as_os_str().as_encoded_bytes()).unwrap();
    // SAFETY: mkfifo reads the NUL-terminated path only.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
}

/// Put `what` at `path` (replacing what was there).
fn apply(what: Plant, path: &Path, outside: &Path, a_text: &str, b_text: &str) {
    if let Ok(m) = fs::symlink_metadata(path) {
        if m.is_dir() {
            fs::remove_dir_all(path).unwrap();
        } else {
            fs::remove_file(path).unwrap();
        }
    }
    match what {
        Plant::LinkToFile => std::os::unix::fs::symlink(outside.join("victim"), path).unwrap(),
        Plant::LinkToFolder => std::os::unix::fs::symlink(outside, path).unwrap(),
        Plant::Fifo => mkfifo(path),
        Plant::Folder => fs::create_dir(path).unwrap(),
        Plant::DuplicateOfB => fs::write(path, b_text).unwrap(),
        Plant::Deep => fs::write(
            path,
            format!(
                "schema_version = 1\nnote = {}{}\n",
                "[".repeat(2500),
                "]".repeat(2500)
            ),
        )
        .unwrap(),
        Plant::Truncated(f) => {
            let mut cut = (a_text.len() as f64 * f) as usize;
            while !a_text.is_char_boundary(cut) {
                cut -= 1;
            }
            fs::write(path, &a_text[..cut]).unwrap()
        }
        Plant::NoPermission => {
            fs::write(path, a_text).unwrap();
            fs::set_permissions(path, fs::Permissions::from_mode(0o000)).unwrap();
        }
        Plant::ReadableByAll => {
            fs::write(path, a_text).unwrap();
            fs::set_permissions(path, fs::Permissions::from_mode(0o644)).unwrap();
        }
    }
}

/// Every file under `dir` with its bytes (links and pipes as markers).
fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    for e in fs::read_dir(dir).unwrap().flatten() {
        let m = fs::symlink_metadata(e.path()).unwrap();
        if m.is_dir() {
            out.extend(snapshot(&e.path()));
        } else if m.is_file() {
            out.push((e.path(), fs::read(e.path()).unwrap_or_default()));
        } else {
            out.push((e.path(), b"special".to_vec()));
        }
    }
    out.sort();
    out
}

fn gehoor(data: &Path, args: &[&str]) -> std::process::Output {
    assert_cmd::Command::cargo_bin("gehoor")
        .unwrap()
        .args(["--lang", "en", "--data-dir"])
        .arg(data)
        .args(args)
        .env_remove("GEHOOR_DATA_DIR")
        .env("GEHOOR_CONFIG", "/nonexistent/gehoor.toml")
        .timeout(Duration::from_secs(20))
        .output()
        .unwrap()
}

fn check_command(
    what: &str,
    out: &std::process::Output,
    other_case: &str,
) -> Result<(), TestCaseError> {
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    // A timeout kills it: no exit code.
    prop_assert!(
        matches!(out.status.code(), Some(0 | 2)),
        "{}: exit {:?}\n{}\n{}",
        what,
        out.status,
        stdout,
        stderr
    );
    prop_assert!(!stderr.contains("panicked"), "{}: {}", what, stderr);
    prop_assert!(
        !stdout.contains(other_case),
        "{}: another record:\n{}",
        what,
        stdout
    );
    Ok(())
}

fn one_folder(plants: &[(usize, Plant)]) -> Result<(), TestCaseError> {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let store = Store::new(data.join("sessions"));
    let a = session("CASE-A-FICTIEF");
    let b = session("CASE-B-FICTIEF");
    drop(store.create(&a).unwrap());
    drop(store.create(&b).unwrap());
    let dir = store.dir().to_path_buf();
    let a_text = fs::read_to_string(store.path_of(a.id)).unwrap();
    let b_text = fs::read_to_string(store.path_of(b.id)).unwrap();
    let outside = tmp.path().join("outside");
    fs::create_dir(&outside).unwrap();
    fs::write(outside.join("victim"), "the interviewer's own file").unwrap();
    for (target, what) in plants {
        let name = TARGETS[*target].replace("{a}", &a.id.to_string());
        apply(*what, &dir.join(name), &outside, &a_text, &b_text);
    }
    let before_outside = snapshot(&outside);

    let list = gehoor(&data, &["sessions", "list"]);
    check_command("sessions list", &list, "\u{0}")?;
    let json = gehoor(&data, &["sessions", "list", "--json"]);
    check_command("sessions list --json", &json, "\u{0}")?;
    // B's case reference never exports A's record, nor A's B's.
    let export_b = gehoor(&data, &["export", "CASE-B-FICTIEF"]);
    check_command("export B", &export_b, "CASE-A-FICTIEF")?;
    let export_a = gehoor(&data, &["export", "CASE-A-FICTIEF"]);
    check_command("export A", &export_a, "note of CASE-B-FICTIEF")?;

    // The library's listing: every entry is in the folder; a session
    // listed as readable under its own name opens as itself, and opening
    // its id never gives another session.
    for e in store.list().unwrap() {
        prop_assert!(e.path().starts_with(&dir), "{:?}", e);
        if let ListEntry::Session(s) = &e {
            let back = store.open_read_only(s.id);
            if *e.path() == store.path_of(s.id) {
                prop_assert!(
                    back.as_ref().is_ok_and(|x| x.id == s.id),
                    "{:?}: {:?}",
                    e,
                    back
                );
            } else if let Ok(x) = &back {
                prop_assert_eq!(x.id, s.id);
            }
        }
    }

    // The interview's open, save and quit, on another thread: a hang fails.
    let st = store.clone();
    let id = a.id;
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let r = st.open_for_write(id).and_then(|(mut s, mut h)| {
            let _ = h.recoverable(&s);
            s.note = "typed in the interview".into();
            h.save_merged(&mut s)?;
            h.clear_draft()?;
            Ok(s)
        });
        let _ = tx.send(r.map(|s| s.id).map_err(|e| e.to_string()));
    });
    let opened = rx.recv_timeout(Duration::from_secs(20));
    prop_assert!(opened.is_ok(), "open/save/quit hangs");
    if let Ok(Ok(got)) = opened {
        prop_assert_eq!(got, a.id, "opened another session");
    }

    prop_assert_eq!(
        snapshot(&outside),
        before_outside,
        "a file outside the folder changed"
    );
    // Nothing new appeared next to the data folder either.
    let beside: Vec<String> = fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    prop_assert_eq!(beside.len(), 2, "{:?}", beside);
    // Leave the folder removable.
    for e in walk(&dir) {
        let _ = fs::set_permissions(&e, fs::Permissions::from_mode(0o700));
    }
    Ok(())
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = e.path();
        if fs::symlink_metadata(&p).is_ok_and(|m| m.is_dir()) {
            out.extend(walk(&p));
        }
        out.push(p);
    }
    out
}

proptest! {
    // Each case runs four processes; 24 cases take well under a minute.
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn hostile_data_folders_never_hang_follow_links_or_mix_up_records(
        plants in prop::collection::vec((0..TARGETS.len(), plant()), 1..4),
    ) {
        one_folder(&plants)?;
    }
}

/// Every plant at every path once, so no combination is left to chance.
#[test]
fn every_plant_at_every_path() {
    for (target, name) in TARGETS.iter().enumerate() {
        for what in EVERY_PLANT {
            one_folder(&[(target, what)]).unwrap_or_else(|e| panic!("{name} with {what:?}: {e}"));
        }
    }
}
