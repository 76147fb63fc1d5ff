//! The session store under faults: crashes, concurrent openers, reviewers
//! writing while an interviewer saves, corrupt files.

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::time::Duration;

use gehoor::Error;
use gehoor::i18n::Lang;
use gehoor::notes::{ListEntry, QuestionnaireUse, Session, Status, Store, parse_session};
use gehoor::questionnaire::{AnswerStatus, Value};

use crate::support::locks;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/sessions");

/// Spawning a process forks every open file, including a lock file another
/// test just released, until the child execs. The tests in this file that
/// spawn the CLI do not run beside those that expect a refusal or re-take a
/// lock; elsewhere (the crash harness, the CLI tests), `support::locks`
/// waits that window out.
static SPAWNS: std::sync::Mutex<()> = std::sync::Mutex::new(());

fn no_spawns() -> std::sync::MutexGuard<'static, ()> {
    SPAWNS.lock().unwrap_or_else(|e| e.into_inner())
}

fn tmp() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

fn store_in(dir: &tempfile::TempDir) -> Store {
    Store::new(dir.path().join("data").join("sessions"))
}

pub(crate) fn session(case: &str, answers: usize) -> Session {
    let mut s = Session::new(
        case,
        "Interviewer A",
        Lang::En,
        vec![QuestionnaireUse {
            id: "summons".into(),
            version: 1,
            hash: "c0ffee".into(),
        }],
        &gehoor::notes::now(),
    );
    for i in 0..answers {
        let key = format!("summons.q{i:03}");
        s.set_value(
            &key,
            Some(Value::Text(format!("answer {i}"))),
            &gehoor::notes::now(),
        );
        s.set_note(&key, "gen 0", &gehoor::notes::now());
    }
    s.note = "gen 0".into();
    s
}

fn mode(p: &Path) -> u32 {
    fs::metadata(p).unwrap().permissions().mode() & 0o777
}

/// The `[answers...]` tables of a session file, verbatim.
fn answers_part(text: &str) -> String {
    let mut out = String::new();
    let mut inside = false;
    for line in text.lines() {
        if line.starts_with('[') {
            inside = line.starts_with("[answers.");
        }
        if inside {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

#[test]
fn every_field_round_trips_through_the_store() {
    let _serial = no_spawns();
    let d = tmp();
    let store = store_in(&d);
    let mut s = session("TEST-RT", 3);
    s.set_value(
        "summons.date#1",
        Some(Value::Date("2023-10-02".parse().unwrap())),
        &gehoor::notes::now(),
    );
    s.set_value(
        "summons.how#1",
        Some(Value::Choices(vec!["post".into()])),
        &gehoor::notes::now(),
    );
    s.set_value(
        "summons.count",
        Some(Value::Number(2.0)),
        &gehoor::notes::now(),
    );
    s.set_value(
        "summons.yes",
        Some(Value::YesNo(false)),
        &gehoor::notes::now(),
    );
    s.set_value(
        "summons.kind",
        Some(Value::Choice("paper".into())),
        &gehoor::notes::now(),
    );
    s.set_status(
        "summons.phone",
        AnswerStatus::NotApplicable,
        &gehoor::notes::now(),
    );
    s.cite(
        "summons.yes",
        "ambtsbericht-rf-2025#1.1.3/p2",
        &gehoor::notes::now(),
    );
    s.set_flagged("summons.yes", true, &gehoor::notes::now());
    s.add_group_instance("summons.summonses", &gehoor::notes::now());
    s.note = "line 1\nline \"2\" \u{1F600} \u{0436}".into();
    s.add_comment(
        "Supervisor B",
        Some("summons.yes"),
        "Ask again",
        &gehoor::notes::now(),
    );
    s.submit("Interviewer A", &gehoor::notes::now()).unwrap();
    s.return_for_work("Supervisor B", "dates", &gehoor::notes::now())
        .unwrap();
    s.remove_group_instance(
        "summons.summonses",
        1,
        &["summons.date", "summons.how"],
        &gehoor::notes::now(),
    )
    .unwrap();
    let handle = store.create(&s).unwrap();
    drop(handle);
    let (back, _h) = locks::open_for_write(&store, s.id);
    assert_eq!(back, s);
    assert_eq!(back.removed.len(), 2);
    assert_eq!(store.open_read_only(s.id).unwrap(), s);
}

#[test]
fn files_are_private_and_a_shared_folder_is_reported() {
    let d = tmp();
    let store = store_in(&d);
    let s = session("TEST-PERM", 1);
    let _h = store.create(&s).unwrap();
    assert_eq!(mode(store.dir()), 0o700);
    assert_eq!(mode(store.dir().parent().unwrap()), 0o700);
    assert_eq!(mode(&store.path_of(s.id)), 0o600);
    assert_eq!(mode(&store.dir().join(format!("{}.lock", s.id))), 0o600);
    assert_eq!(store.warn_if_shared(), None);
    fs::set_permissions(store.dir(), fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(store.warn_if_shared().as_deref(), Some(store.dir()));
}

#[test]
fn a_second_opener_is_refused_and_may_read() {
    let _serial = no_spawns();
    let d = tmp();
    let store = store_in(&d);
    let s = session("TEST-LOCK", 2);
    let before = jiff::Timestamp::now();
    let handle = store_in(&d).held_by("Interviewer A").create(&s).unwrap();
    match store.open_for_write(s.id) {
        Err(e @ Error::SessionLocked { .. }) => {
            let Error::SessionLocked { holder, path } = &e else {
                unreachable!()
            };
            assert_eq!(holder.pid, Some(std::process::id()), "{holder:?}");
            assert_eq!(holder.user.as_deref(), Some("Interviewer A"));
            let since = holder.since.expect("since");
            assert!(
                since >= before && since <= jiff::Timestamp::now(),
                "{since}"
            );
            assert_eq!(path, &store.path_of(s.id));
            let nl = e.render(gehoor::i18n::Strings::get(Lang::Nl));
            let year = since
                .to_zoned(jiff::tz::TimeZone::system())
                .year()
                .to_string();
            assert!(
                nl.contains("geopend door Interviewer A sinds") && nl.contains(&year),
                "{nl}"
            );
            let en = e.render(gehoor::i18n::Strings::get(Lang::En));
            assert!(en.contains("open by Interviewer A since"), "{en}");
        }
        other => panic!("expected SessionLocked, got {other:?}"),
    }
    assert_eq!(store.open_read_only(s.id).unwrap(), s);
    drop(handle);
    drop(locks::open_for_write(&store, s.id)); // released on drop
    assert!(matches!(
        store.open_for_write(uuid::Uuid::now_v7()),
        Err(Error::SessionNotFound { .. })
    ));
}

#[test]
fn corrupt_files_are_listed_never_touched_and_quarantined_on_request() {
    let _serial = no_spawns();
    let d = tmp();
    let store = store_in(&d);
    let good = session("TEST-GOOD", 1);
    drop(store.create(&good).unwrap());
    let dir = store.dir();
    for f in ["truncated.toml", "newer-schema.toml"] {
        fs::copy(Path::new(FIXTURES).join(f), dir.join(f)).unwrap();
    }
    fs::write(dir.join("binary.toml"), [0xff, 0xfe, b'a', b'\n']).unwrap();
    let before: Vec<(PathBuf, Vec<u8>)> = ["truncated.toml", "newer-schema.toml", "binary.toml"]
        .iter()
        .map(|f| (dir.join(f), fs::read(dir.join(f)).unwrap()))
        .collect();

    let list = store.list().unwrap();
    assert_eq!(list.len(), 4);
    assert!(matches!(&list[0], ListEntry::Session(s) if s.case_ref == "TEST-GOOD"));
    let unreadable: Vec<(String, String, usize, usize)> = list[1..]
        .iter()
        .map(|e| match e {
            ListEntry::Unreadable {
                path,
                reason,
                line,
                col,
                ..
            } => (
                path.file_name().unwrap().to_string_lossy().into_owned(),
                reason.clone(),
                *line,
                *col,
            ),
            other => panic!("expected unreadable, got {other:?}"),
        })
        .collect();
    let trunc = unreadable.iter().find(|u| u.0 == "truncated.toml").unwrap();
    assert_eq!(trunc.2, 5, "{trunc:?}");
    assert!(trunc.3 > 1, "{trunc:?}");
    let newer = unreadable
        .iter()
        .find(|u| u.0 == "newer-schema.toml")
        .unwrap();
    assert!(newer.1.contains("schema version 9"), "{newer:?}");
    assert!(
        unreadable
            .iter()
            .any(|u| u.0 == "binary.toml" && u.1.contains("UTF-8"))
    );

    let future_id = "0190a6f2-3c4d-7e8f-9a0b-1c2d3e4f5a6d".parse().unwrap();
    fs::rename(dir.join("newer-schema.toml"), store.path_of(future_id)).unwrap();
    assert!(matches!(
        store.open_for_write(future_id),
        Err(Error::NewerSchema { found: 9, .. })
    ));
    fs::rename(store.path_of(future_id), dir.join("newer-schema.toml")).unwrap();
    for (p, bytes) in &before {
        assert_eq!(&fs::read(p).unwrap(), bytes, "{} untouched", p.display());
    }
    assert!(!dir.join("quarantine").exists(), "never automatic");

    assert!(store.quarantine(&format!("{}.toml", good.id)).is_err());
    assert!(store.quarantine("../escape.toml").is_err());
    let moved = store.quarantine("truncated.toml").unwrap();
    assert_eq!(moved, dir.join("quarantine").join("truncated.toml"));
    assert_eq!(fs::read(&moved).unwrap(), before[0].1);
    assert!(!dir.join("truncated.toml").exists());
    assert_eq!(mode(&dir.join("quarantine")), 0o700);
    assert_eq!(store.list().unwrap().len(), 3);
}

#[test]
fn an_unreadable_file_under_an_open_handle_is_not_overwritten() {
    let d = tmp();
    let store = store_in(&d);
    let s = session("TEST-CORRUPTED", 1);
    let mut handle = store.create(&s).unwrap();
    fs::write(store.path_of(s.id), "schema_version = 1\nid = [").unwrap();
    assert!(matches!(handle.save(&s), Err(Error::Parse { line: 2, .. })));
    assert_eq!(
        fs::read_to_string(store.path_of(s.id)).unwrap(),
        "schema_version = 1\nid = ["
    );
}

#[test]
fn version_0_fixture_migrates() {
    let _serial = no_spawns();
    let path = Path::new(FIXTURES).join("v0-draft.toml");
    let text = fs::read_to_string(&path).unwrap();
    let s = parse_session(&path, &text).unwrap();
    assert_eq!(s.schema_version, gehoor::notes::SCHEMA_VERSION);
    assert_eq!(s.case_ref, "TEST-2024-017");
    assert!(s.history.is_empty());
    assert_eq!(s.status, Status::Draft);
    assert_eq!(s.answers.len(), 2);
    assert_eq!(
        s.answers["summons.received"].value,
        Some(Value::YesNo(true))
    );
    assert!(s.answers["summons.received"].flagged);
    assert_eq!(s.answers["summons.date#1"].note, "");
    assert_eq!(s.comments[0].target.as_deref(), Some("summons.date#1"));
    assert_eq!(s.created.time_zone().iana_name(), Some("Europe/Amsterdam"));

    // Opening through the store migrates in memory; the file changes only on save.
    let d = tmp();
    let store = store_in(&d);
    fs::create_dir_all(store.dir()).unwrap();
    fs::copy(&path, store.path_of(s.id)).unwrap();
    let (opened, mut h) = locks::open_for_write(&store, s.id);
    assert_eq!(fs::read_to_string(store.path_of(s.id)).unwrap(), text);
    h.save(&opened).unwrap();
    let saved = fs::read_to_string(store.path_of(s.id)).unwrap();
    assert!(saved.starts_with(&format!(
        "schema_version = {}\n",
        gehoor::notes::SCHEMA_VERSION
    )));
    assert!(saved.contains("case_ref = \"TEST-2024-017\""));
    assert_eq!(store.open_read_only(s.id).unwrap(), opened);
}

#[test]
fn comments_and_status_round_trip_through_a_review() {
    let _serial = no_spawns();
    let d = tmp();
    let store = store_in(&d);
    let mut s = session("TEST-REVIEW", 5);
    s.submit("Interviewer A", &gehoor::notes::now()).unwrap();
    drop(store.create(&s).unwrap());
    let before = fs::read_to_string(store.path_of(s.id)).unwrap();
    store
        .add_review(s.id, |r| {
            r.add_comment(
                "Supervisor B",
                Some("summons.q001"),
                "Which city?",
                &gehoor::notes::now(),
            );
            r.add_comment(
                "Supervisor B",
                None,
                "Well documented.",
                &gehoor::notes::now(),
            );
            r.return_for_work(
                "Supervisor B",
                "city of the summons missing",
                &gehoor::notes::now(),
            )?;
            // A reviewer cannot change answers, even by mistake.
            r.set_value(
                "summons.q002",
                Some(Value::Text("tampered".into())),
                &gehoor::notes::now(),
            );
            r.answers.remove("summons.q003");
            Ok(())
        })
        .unwrap();
    let after = fs::read_to_string(store.path_of(s.id)).unwrap();
    assert_eq!(answers_part(&after), answers_part(&before));
    assert!(!answers_part(&before).is_empty());
    let back = store.open_read_only(s.id).unwrap();
    assert_eq!(back.comments.len(), 2);
    assert_eq!(back.comments[0].text, "Which city?");
    assert_eq!(back.comments[0].target.as_deref(), Some("summons.q001"));
    assert_eq!(back.comments[1].target, None);
    assert_eq!(back.status, Status::Returned);
    assert_eq!(
        back.history.last().unwrap().reason.as_deref(),
        Some("city of the summons missing")
    );
    // The interviewer sees both when opening.
    let (opened, _h) = locks::open_for_write(&store, s.id);
    assert_eq!(opened.comments, back.comments);
    // An invalid transition writes nothing.
    let err = store.add_review(s.id, |r| {
        r.approve(
            "Supervisor B",
            &gehoor::notes::now(),
            gehoor::notes::Policy::default(),
        )
    });
    assert!(matches!(err, Err(Error::InvalidTransition { .. })));
    assert_eq!(fs::read_to_string(store.path_of(s.id)).unwrap(), after);
}

#[test]
fn concurrent_interviewer_saves_and_reviewer_comments_lose_neither() {
    let d = tmp();
    let store = store_in(&d);
    let mut s = session("TEST-CONCURRENT", 0);
    let mut handle = store.create(&s).unwrap();
    let id = s.id;
    let reviewer_store = store.clone();
    let reviewer = std::thread::spawn(move || {
        for i in 0..40 {
            reviewer_store
                .add_review(id, |r| {
                    r.add_comment(
                        "Supervisor B",
                        None,
                        &format!("comment {i}"),
                        &gehoor::notes::now(),
                    );
                    Ok(())
                })
                .unwrap();
        }
    });
    for i in 0..40 {
        s.set_value(
            &format!("summons.q{i:03}"),
            Some(Value::Text(format!("a{i}"))),
            &gehoor::notes::now(),
        );
        handle.save_merged(&mut s).unwrap();
    }
    reviewer.join().unwrap();
    handle.save_merged(&mut s).unwrap();
    let back = store.open_read_only(id).unwrap();
    assert_eq!(back.answers.len(), 40);
    assert_eq!(back.comments.len(), 40);
    let mut texts: Vec<_> = back.comments.iter().map(|c| c.text.clone()).collect();
    texts.sort();
    texts.dedup();
    assert_eq!(texts.len(), 40);
    assert_eq!(
        s.comments.len(),
        40,
        "the interviewer's copy got the comments"
    );
}

#[test]
fn resolve_by_id_prefix_or_case_reference() {
    let d = tmp();
    let store = store_in(&d);
    let a = session("TEST-ALPHA", 0);
    let b = session("TEST-BRAVO", 0);
    drop(store.create(&a).unwrap());
    drop(store.create(&b).unwrap());
    assert_eq!(store.resolve("TEST-ALPHA").unwrap(), a.id);
    assert_eq!(store.resolve(&b.id.to_string()[..]).unwrap(), b.id);
    let common =
        a.id.to_string()
            .chars()
            .zip(b.id.to_string().chars())
            .take_while(|(x, y)| x == y)
            .count();
    assert_eq!(
        store.resolve(&a.id.to_string()[..common + 1]).unwrap(),
        a.id
    );
    if common > 0 {
        assert!(matches!(
            store.resolve(&a.id.to_string()[..common]),
            Err(Error::SessionAmbiguous { matches, .. }) if matches.len() == 2
        ));
    }
    match store.resolve("TEST-ALPH") {
        Err(Error::SessionNotFound { suggestions, .. }) => {
            assert_eq!(suggestions.first().map(String::as_str), Some("TEST-ALPHA"))
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn create_refuses_to_replace_an_existing_file() {
    let _serial = no_spawns();
    let d = tmp();
    let store = store_in(&d);
    let s = session("TEST-DUP", 1);
    drop(store.create(&s).unwrap());
    let before = fs::read(store.path_of(s.id)).unwrap();
    let mut other = session("TEST-DUP-2", 0);
    other.id = s.id;
    let err = crate::support::locks::retry(|| store.create(&other));
    assert!(matches!(err, Err(Error::Conflict { .. })), "{err:?}");
    assert_eq!(fs::read(store.path_of(s.id)).unwrap(), before);
}

fn gehoor(data: &Path) -> assert_cmd::Command {
    let mut c = assert_cmd::Command::cargo_bin("gehoor").unwrap();
    c.args(["--lang", "en", "--data-dir"]).arg(data);
    c.env_remove("GEHOOR_DATA_DIR")
        .env("GEHOOR_CONFIG", "/dev/null");
    c
}

#[test]
fn cli_lists_exports_and_quarantines() {
    let _serial = no_spawns();
    let d = tmp();
    let store = store_in(&d);
    let data = store.dir().parent().unwrap().to_path_buf();
    let mut s = session("TEST-CLI", 2);
    s.submit("Interviewer A", &gehoor::notes::now()).unwrap();
    s.add_comment(
        "Supervisor B",
        None,
        "Looks complete",
        &gehoor::notes::now(),
    );
    drop(store.create(&s).unwrap());
    let draft = session("TEST-CLI-DRAFT", 0);
    drop(store.create(&draft).unwrap());
    fs::copy(
        Path::new(FIXTURES).join("truncated.toml"),
        store.dir().join("broken.toml"),
    )
    .unwrap();
    // A copied file keeps its 0644, which is now warned about.
    fs::set_permissions(
        store.dir().join("broken.toml"),
        fs::Permissions::from_mode(0o600),
    )
    .unwrap();

    let out = gehoor(&data).args(["sessions", "list"]).assert().success();
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(text.contains("TEST-CLI "), "{text}");
    assert!(text.contains("TEST-CLI-DRAFT"), "{text}");
    assert!(text.contains("broken.toml:5:"), "{text}");
    assert!(
        text.contains("gehoor sessions quarantine broken.toml"),
        "{text}"
    );
    assert!(
        out.get_output().stderr.is_empty(),
        "private folder: no warning"
    );

    let out = gehoor(&data)
        .args(["sessions", "list", "--status", "submitted", "--json"])
        .assert()
        .success();
    let v: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    let kinds: Vec<(&str, Option<&str>)> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["kind"].as_str().unwrap(), e["case_ref"].as_str()))
        .collect();
    assert_eq!(kinds, [("session", Some("TEST-CLI")), ("unreadable", None)]);

    let target = d.path().join("export.md");
    gehoor(&data)
        .args(["export", "TEST-CLI", "-o"])
        .arg(&target)
        .assert()
        .success();
    assert_eq!(mode(&target), 0o600);
    let md = fs::read_to_string(&target).unwrap();
    assert!(md.starts_with("# Interview record: TEST-CLI\n"), "{md}");
    assert!(md.contains("Looks complete"), "{md}");
    let out = gehoor(&data)
        .args(["export", &s.id.to_string()[..13], "--format", "json"])
        .assert()
        .success();
    let v: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(v["case_ref"], "TEST-CLI");
    assert_eq!(v["answers"].as_array().unwrap().len(), 2);
    gehoor(&data)
        .args(["export", "TEST-NOPE"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("TEST-CLI"));

    gehoor(&data)
        .args(["sessions", "quarantine", "broken.toml"])
        .assert()
        .success();
    assert!(store.dir().join("quarantine/broken.toml").exists());

    fs::set_permissions(store.dir(), fs::Permissions::from_mode(0o755)).unwrap();
    gehoor(&data)
        .args(["sessions", "list"])
        .assert()
        .success()
        .stderr(predicates::str::contains("readable by other users"));
}

// ---- a hostile data folder (issue 17) ---------------------------------------
//
// Someone who may write to a shared sessions folder plants links, named
// pipes, folders and copies where gehoor will look. gehoor must neither
// follow, block, crash, nor show the wrong applicant's record.

/// Run `f` on another thread; `None` when it has not finished in 10 s (a
/// hang: the thread is left behind, the test fails).
fn within_10s<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> Option<T> {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(f());
    });
    rx.recv_timeout(Duration::from_secs(10)).ok()
}

fn mkfifo(p: &Path) {
    let c = std::ffi::CString::new(p.as_os_str().as_encoded_bytes()).unwrap();
    assert_eq!(
        unsafe { libc::mkfifo(c.as_ptr(), 0o600) },
        0,
        "{}",
        p.display()
    );
}

#[test]
fn links_planted_at_the_lock_files_are_refused_not_followed() {
    let _serial = no_spawns();
    let d = tmp();
    let store = store_in(&d);
    let s = session("TEST-LINK", 1);
    drop(store.create(&s).unwrap());
    let outside = d.path().join("outside");
    fs::create_dir(&outside).unwrap();
    for name in [format!("{}.lock", s.id), format!(".{}.write-lock", s.id)] {
        let planted = store.dir().join(&name);
        for existing in [true, false] {
            let victim = outside.join(format!("victim{existing}{name}"));
            if existing {
                fs::write(&victim, "the interviewer's own file").unwrap();
            }
            let _ = fs::remove_file(&planted);
            std::os::unix::fs::symlink(&victim, &planted).unwrap();
            let result = store.open_for_write(s.id).and_then(|(mut s2, mut h)| {
                s2.note = "changed".into();
                h.save(&s2)
            });
            let err = result.expect_err("a planted link must be refused");
            assert!(err.to_string().contains("symbolic link"), "{name}: {err}");
            if existing {
                assert_eq!(
                    fs::read_to_string(&victim).unwrap(),
                    "the interviewer's own file",
                    "{name}"
                );
            } else {
                assert!(!victim.exists(), "{name}: created through the link");
            }
            assert!(fs::symlink_metadata(&planted).unwrap().is_symlink());
        }
        fs::remove_file(&planted).unwrap();
    }
    let (_, mut h) = locks::open_for_write(&store, s.id);
    h.save(&s).unwrap();
}

#[test]
fn links_at_the_session_file_draft_and_quarantine_are_never_followed() {
    let _serial = no_spawns();
    let d = tmp();
    let store = store_in(&d);
    let s = session("TEST-LINK-FILE", 1);
    let outside = d.path().join("outside");
    fs::create_dir(&outside).unwrap();
    // Another applicant's session outside the folder, linked in as `<id>.toml`.
    let mut other = session("TEST-OUTSIDE", 1);
    other.id = s.id;
    let victim = outside.join("other.toml");
    fs::write(&victim, other.to_toml()).unwrap();
    fs::create_dir_all(store.dir()).unwrap();
    std::os::unix::fs::symlink(&victim, store.path_of(s.id)).unwrap();
    let err = store.open_for_write(s.id).expect_err("link refused");
    assert!(err.to_string().contains("symbolic link"), "{err}");
    assert!(store.open_read_only(s.id).is_err());
    assert!(matches!(
        store.list().unwrap().as_slice(),
        [ListEntry::Unreadable { reason, .. }] if reason.contains("symbolic link")
    ));
    fs::remove_file(store.path_of(s.id)).unwrap();

    // The draft: read through a link it would offer another file's text.
    let mut h = store.create(&s).unwrap();
    let draft = store.dir().join(format!(".{}.autosave.toml", s.id));
    let mut planted = s.clone();
    planted.note = "not typed here".into();
    fs::write(&victim, planted.to_toml()).unwrap();
    std::os::unix::fs::symlink(&victim, &draft).unwrap();
    assert_eq!(h.recoverable(&s), None, "a linked draft is not offered");
    h.write_draft(&s).unwrap();
    assert_eq!(fs::read_to_string(&victim).unwrap(), planted.to_toml());
    assert!(fs::symlink_metadata(&draft).unwrap().is_file());
    h.save(&s).unwrap();
    drop(h);

    // A copy folder holding a link at `<id>.toml`: replaced, not followed.
    let copies = d.path().join("copies");
    fs::create_dir(&copies).unwrap();
    std::os::unix::fs::symlink(&victim, copies.join(format!("{}.toml", s.id))).unwrap();
    gehoor::notes::store::write_copy(&copies, &s).unwrap();
    assert_eq!(fs::read_to_string(&victim).unwrap(), planted.to_toml());

    // `quarantine` as a link would move the file out of the folder.
    fs::write(
        store.dir().join("broken.toml"),
        "schema_version = 1\nid = [",
    )
    .unwrap();
    std::os::unix::fs::symlink(&outside, store.dir().join("quarantine")).unwrap();
    assert!(store.quarantine("broken.toml").is_err());
    assert!(store.dir().join("broken.toml").exists());
    assert!(!outside.join("broken.toml").exists());
}

#[test]
fn named_pipes_where_files_belong_never_hang() {
    let _serial = no_spawns();
    let d = tmp();
    let store = store_in(&d);
    let s = session("TEST-FIFO", 1);
    drop(store.create(&s).unwrap());
    let dir = store.dir().to_path_buf();
    for name in [
        format!("{}.lock", s.id),
        format!(".{}.write-lock", s.id),
        format!(".{}.autosave.toml", s.id),
        format!("{}.toml", s.id),
    ] {
        let path = dir.join(&name);
        let saved = fs::read(store.path_of(s.id)).unwrap();
        fs::remove_file(&path).ok();
        mkfifo(&path);
        let st = store.clone();
        let s2 = s.clone();
        let outcome = within_10s(move || {
            let opened = crate::support::locks::retry(|| st.open_for_write(s2.id));
            let opened = opened.and_then(|(back, mut h)| {
                let _ = h.recoverable(&back);
                h.save(&back)
            });
            (
                opened.map_err(|e| e.to_string()),
                st.list().map(|l| l.len()),
            )
        });
        let (opened, listed) = outcome.unwrap_or_else(|| panic!("{name}: hangs"));
        assert_eq!(listed.ok(), Some(1), "{name}");
        if name.ends_with("autosave.toml") {
            assert!(opened.is_ok(), "{name}: {opened:?}");
        } else {
            assert!(opened.unwrap_err().contains("named pipe"), "{name}");
        }
        fs::remove_file(&path).unwrap();
        fs::write(store.path_of(s.id), saved).unwrap();
    }
}

/// `note = ` and 2,500 `[` then 2,500 `]`: 5 KB that overflowed the stack
/// of every parser that recurses.
fn deep_file() -> String {
    format!(
        "schema_version = 1\nnote = {}{}\n",
        "[".repeat(2500),
        "]".repeat(2500)
    )
}

#[test]
fn deeply_nested_files_are_listed_as_unreadable_with_their_place() {
    let _serial = no_spawns();
    let d = tmp();
    let store = store_in(&d);
    let s = session("TEST-DEEP-NEIGHBOUR", 1);
    let h = store.create(&s).unwrap();
    fs::write(store.dir().join("deep.toml"), deep_file()).unwrap();
    fs::write(
        store.dir().join(format!(".{}.autosave.toml", s.id)),
        deep_file(),
    )
    .unwrap();
    assert_eq!(h.recoverable(&s), None);
    drop(h);
    let data = store.dir().parent().unwrap().to_path_buf();
    let out = gehoor(&data).args(["sessions", "list"]).assert().success();
    let text = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    assert!(text.contains("TEST-DEEP-NEIGHBOUR"), "{text}");
    assert!(text.contains("deep.toml:2:"), "{text}");
    gehoor(&data)
        .args(["export", "TEST-DEEP-NEIGHBOUR"])
        .assert()
        .success()
        .stdout(predicates::str::contains("TEST-DEEP-NEIGHBOUR"));
    gehoor(&data)
        .args(["sessions", "list", "--json"])
        .assert()
        .success();
}

#[test]
fn two_files_with_one_id_never_give_the_wrong_applicants_record() {
    let _serial = no_spawns();
    let d = tmp();
    let store = store_in(&d);
    let a = session("TEST-CASE-A", 1);
    drop(store.create(&a).unwrap());
    let copy = store.dir().join("zz-copy.toml");
    fs::write(
        &copy,
        fs::read_to_string(store.path_of(a.id))
            .unwrap()
            .replace("TEST-CASE-A", "TEST-CASE-B"),
    )
    .unwrap();
    let err = store.resolve("TEST-CASE-B").expect_err("ambiguous file");
    let msg = err.to_string();
    assert!(msg.contains("zz-copy.toml"), "{msg}");
    assert!(msg.contains(&format!("{}.toml", a.id)), "{msg}");
    let list = store.list().unwrap();
    assert_eq!(list.len(), 2);
    for e in &list {
        match e {
            ListEntry::Unreadable { reason, .. } => {
                assert!(reason.contains("zz-copy.toml") && reason.contains(&a.id.to_string()))
            }
            other => panic!("a duplicate listed as a session: {other:?}"),
        }
    }
    let data = store.dir().parent().unwrap().to_path_buf();
    let out = gehoor(&data)
        .args(["export", "TEST-CASE-B"])
        .assert()
        .code(2);
    let stdout = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    assert!(!stdout.contains("TEST-CASE-A"), "{stdout}");
    // `<id>.toml` holding another session's id is not that session.
    fs::remove_file(&copy).unwrap();
    let b = session("TEST-CASE-C", 0);
    fs::rename(store.path_of(a.id), store.path_of(b.id)).unwrap();
    assert!(store.open_read_only(b.id).is_err());
    assert!(store.open_for_write(b.id).is_err());
}

#[test]
fn a_submitted_or_approved_session_refuses_the_interviewers_writes() {
    let _serial = no_spawns();
    let d = tmp();
    let store = store_in(&d);
    let mut s = session("TEST-CLOSED", 1);
    let mut h = store.create(&s).unwrap();
    s.submit("Interviewer A", &gehoor::notes::now()).unwrap();
    h.save(&s).unwrap();
    let submitted = fs::read(store.path_of(s.id)).unwrap();
    // Two seconds later, in the window that is still open.
    s.set_value(
        "summons.q000",
        Some(Value::Text("changed after submit".into())),
        &gehoor::notes::now(),
    );
    let err = h.save(&s).expect_err("submitted: closed");
    assert!(matches!(err, Error::SessionClosed { .. }), "{err:?}");
    assert_eq!(fs::read(store.path_of(s.id)).unwrap(), submitted);
    // Saving the unchanged record (quitting) still works.
    let mut unchanged = parse_session(
        &store.path_of(s.id),
        &String::from_utf8(submitted.clone()).unwrap(),
    )
    .unwrap();
    h.save_merged(&mut unchanged).unwrap();
    // Approved by a reviewer; a flag added in the open window is refused.
    store
        .add_review(s.id, |x| {
            x.approve(
                "Supervisor B",
                &gehoor::notes::now(),
                gehoor::notes::Policy::default(),
            )
        })
        .unwrap();
    unchanged.set_flagged("summons.q000", true, &gehoor::notes::now());
    assert!(matches!(
        h.save_merged(&mut unchanged),
        Err(Error::SessionClosed {
            status: Status::Approved,
            ..
        })
    ));
    assert_eq!(store.open_read_only(s.id).unwrap().flagged_count(), 0);
    // Returned for work: the interviewer writes again.
    store
        .add_review(s.id, |x| {
            x.return_for_work("Supervisor B", "more detail", &gehoor::notes::now())
        })
        .unwrap();
    h.save_merged(&mut unchanged).unwrap();
    assert_eq!(store.open_read_only(s.id).unwrap().flagged_count(), 1);
}

#[test]
fn two_writers_after_a_deleted_lock_merge_and_never_overwrite_each_other() {
    let _serial = no_spawns();
    let d = tmp();
    let store = store_in(&d);
    let s = session("TEST-TWO-WRITERS", 1);
    drop(store.create(&s).unwrap());
    let (mut one, mut h1) = locks::open_for_write(&store, s.id);
    // The lock "looks stale" and is deleted: a second window gets in.
    fs::remove_file(store.dir().join(format!("{}.lock", s.id))).unwrap();
    let (mut two, mut h2) = store.open_for_write(s.id).unwrap();
    one.set_value(
        "summons.first",
        Some(Value::Text("from window one".into())),
        &gehoor::notes::now(),
    );
    h1.save_merged(&mut one).unwrap();
    two.set_value(
        "summons.second",
        Some(Value::Text("from window two".into())),
        &gehoor::notes::now(),
    );
    h2.save_merged(&mut two).unwrap();
    let disk = store.open_read_only(s.id).unwrap();
    assert!(
        disk.answers.contains_key("summons.first"),
        "window one's answer lost"
    );
    assert!(disk.answers.contains_key("summons.second"));
    assert!(
        two.answers.contains_key("summons.first"),
        "merged into window two"
    );
    // Both change the same answer: the second is refused, the first kept.
    one.set_value(
        "summons.q000",
        Some(Value::Text("one says".into())),
        &gehoor::notes::now(),
    );
    h1.save_merged(&mut one).unwrap();
    two.set_value(
        "summons.q000",
        Some(Value::Text("two says".into())),
        &gehoor::notes::now(),
    );
    assert!(matches!(
        h2.save_merged(&mut two),
        Err(Error::Conflict { .. })
    ));
    let disk = store.open_read_only(s.id).unwrap();
    assert_eq!(
        disk.answers["summons.q000"].value,
        Some(Value::Text("one says".into()))
    );
    // A rewrite with the same bytes is still another writer's: generation.
    let before = fs::read(store.path_of(s.id)).unwrap();
    fs::remove_file(store.path_of(s.id)).unwrap();
    fs::write(store.path_of(s.id), &before).unwrap();
    one.note = "after the rewrite".into();
    h1.save_merged(&mut one).unwrap();
}

#[test]
fn folders_and_pipes_named_like_sessions_are_listed_not_skipped() {
    let _serial = no_spawns();
    let d = tmp();
    let store = store_in(&d);
    let s = session("TEST-DIR", 0);
    drop(store.create(&s).unwrap());
    let id = uuid::Uuid::now_v7();
    fs::create_dir(store.path_of(id)).unwrap();
    let list = store.list().unwrap();
    assert_eq!(list.len(), 2, "{list:?}");
    assert!(
        matches!(&list[1], ListEntry::Unreadable { path, reason, .. }
        if *path == store.path_of(id) && reason.contains("folder"))
    );
}

#[test]
fn quarantine_takes_the_draft_and_lock_along() {
    let _serial = no_spawns();
    let d = tmp();
    let store = store_in(&d);
    let s = session("TEST-QUARANTINE", 1);
    let h = store.create(&s).unwrap();
    let mut newer = s.clone();
    newer.note = "the newest text".into();
    h.write_draft(&newer).unwrap();
    drop(h);
    fs::write(store.path_of(s.id), "schema_version = 1\nid = [").unwrap();
    let moved = store.quarantine(&format!("{}.toml", s.id)).unwrap();
    let q = moved.parent().unwrap();
    let left: Vec<String> = fs::read_dir(store.dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(&s.id.to_string()))
        .collect();
    assert!(left.is_empty(), "left behind: {left:?}");
    let draft = fs::read_dir(q)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.to_string_lossy().contains("autosave"))
        .expect("draft moved");
    assert!(
        fs::read_to_string(draft)
            .unwrap()
            .contains("the newest text")
    );
}

#[test]
fn a_session_file_readable_by_others_is_warned_about_before_it_is_fixed() {
    let _serial = no_spawns();
    let d = tmp();
    let store = store_in(&d);
    let s = session("TEST-0644", 1);
    drop(store.create(&s).unwrap());
    let file = store.path_of(s.id);
    fs::set_permissions(&file, fs::Permissions::from_mode(0o644)).unwrap();
    assert_eq!(store.warn_if_shared().as_deref(), Some(file.as_path()));
    let data = store.dir().parent().unwrap().to_path_buf();
    gehoor(&data)
        .args(["sessions", "list"])
        .assert()
        .success()
        .stderr(predicates::str::contains("readable by other users"))
        .stderr(predicates::str::contains(file.display().to_string()));
    assert_eq!(mode(&file), 0o644, "listing does not change it");
    let (back, mut h) = locks::open_for_write(&store, s.id);
    h.save(&back).unwrap();
    assert_eq!(mode(&file), 0o600, "the next save makes it private");
    assert_eq!(store.warn_if_shared(), None);
}

#[test]
fn a_query_with_nothing_to_suggest_asks_no_question() {
    let _serial = no_spawns();
    let d = tmp();
    let store = store_in(&d);
    drop(store.create(&session("TEST-ONLY", 0)).unwrap());
    let data = store.dir().parent().unwrap().to_path_buf();
    let out = gehoor(&data).args(["export", "zzzz"]).assert().code(2);
    let err = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(err.contains("No session found for 'zzzz'"), "{err}");
    assert!(!err.contains("Did you mean"), "{err}");
    let out = gehoor(&data).args(["export", "TEST-ONL"]).assert().code(2);
    let err = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(err.contains("Did you mean: TEST-ONLY?"), "{err}");
}

/// The files gehoor writes outside the data folder (`export -o`, `man
/// --out-dir`) are replaced through a rename: a link planted at the name is
/// replaced, and the file it pointed at is untouched.
#[test]
fn links_at_export_and_man_targets_are_replaced_not_followed() {
    let _serial = no_spawns();
    let d = tmp();
    let store = store_in(&d);
    let s = session("TEST-EXPORT-LINK", 1);
    drop(store.create(&s).unwrap());
    let data = store.dir().parent().unwrap().to_path_buf();
    let victim = d.path().join("victim");
    fs::write(&victim, "the interviewer's own file").unwrap();
    let target = d.path().join("export.md");
    std::os::unix::fs::symlink(&victim, &target).unwrap();
    gehoor(&data)
        .args(["export", "TEST-EXPORT-LINK", "-o"])
        .arg(&target)
        .assert()
        .success();
    assert!(fs::symlink_metadata(&target).unwrap().is_file());
    assert!(
        fs::read_to_string(&target)
            .unwrap()
            .contains("TEST-EXPORT-LINK")
    );
    let man_dir = d.path().join("man");
    fs::create_dir(&man_dir).unwrap();
    std::os::unix::fs::symlink(&victim, man_dir.join("gehoor.1")).unwrap();
    gehoor(&data)
        .args(["man", "--out-dir"])
        .arg(&man_dir)
        .assert()
        .success();
    assert!(
        fs::symlink_metadata(man_dir.join("gehoor.1"))
            .unwrap()
            .is_file()
    );
    assert_eq!(
        fs::read_to_string(&victim).unwrap(),
        "the interviewer's own file"
    );
}
