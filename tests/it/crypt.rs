//! Encryption at rest (issue 20): keys, who can read a session, rekeying,
//! converting a plain folder, group folders and the export warning.

use std::collections::BTreeMap;
use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use gehoor::Error;
use gehoor::error::CryptoProblem;
use gehoor::i18n::Lang;
use gehoor::notes::convert::Conversion;
use gehoor::notes::keys::{self, Passphrase};
use gehoor::notes::{Codec, Keyring, ListEntry, Session, Store, crypt};
use gehoor::questionnaire::Value;

/// scrypt work factor for test keys (2^10): a test unlocks keys in many
/// processes; the program always creates keys at age's default.
pub const TEST_WORK_FACTOR: u8 = 10;

/// A team member with a key of their own, as `gehoor keys init` leaves it.
pub struct Member {
    pub name: String,
    pub home: PathBuf,
    pub identity: PathBuf,
    pub pass_file: PathBuf,
    pub public: String,
}

impl Member {
    pub fn new(root: &Path, name: &str) -> Member {
        let home = root.join(format!("home-{}", name.replace(' ', "-")));
        fs::create_dir_all(&home).unwrap();
        let identity = home.join("identity.age");
        let pass_file = home.join("passphrase");
        let pass = format!("{name} passphrase");
        fs::write(&pass_file, format!("{pass}\n")).unwrap();
        let public = keys::init_with_work_factor_for_tests(
            &identity,
            &Passphrase::new(pass),
            TEST_WORK_FACTOR,
        )
        .unwrap()
        .to_string();
        Member {
            name: name.into(),
            home,
            identity,
            pass_file,
            public,
        }
    }

    pub fn keyring(&self, team: &[&Member]) -> Arc<Keyring> {
        let identity = keys::unlock(
            &self.identity,
            &Passphrase::from_file(&self.pass_file).unwrap(),
        )
        .unwrap();
        let team = team
            .iter()
            .map(|m| keys::parse_recipient(Path::new("team"), &m.public).unwrap())
            .collect();
        Arc::new(Keyring::new(identity, team))
    }

    pub fn store(&self, sessions: &Path, team: &[&Member]) -> Store {
        Store::with_codec(sessions.into(), Codec::Sealed(self.keyring(team)))
    }

    /// A config turning encryption on with this member's key.
    pub fn config(&self) -> PathBuf {
        let path = self.home.join("config.toml");
        fs::write(
            &path,
            format!(
                "encryption = \"on\"\nname = \"{}\"\nidentity = \"{}\"\n",
                self.name,
                self.identity.display()
            ),
        )
        .unwrap();
        path
    }

    /// `gehoor` as this member on data folder `data`, English.
    pub fn cli(&self, data: &Path) -> assert_cmd::Command {
        let mut c = assert_cmd::Command::cargo_bin("gehoor").unwrap();
        c.args(["--lang", "en"])
            .env("GEHOOR_DATA_DIR", data)
            .env("GEHOOR_CONFIG", self.config())
            .env("GEHOOR_PASSPHRASE_FILE", &self.pass_file)
            .env("HOME", &self.home);
        c
    }
}

/// The data folder's recipient file listing `members`.
pub fn share_with(data: &Path, members: &[&Member]) {
    fs::create_dir_all(data).unwrap();
    let map: BTreeMap<String, String> = members
        .iter()
        .map(|m| (m.name.clone(), m.public.clone()))
        .collect();
    keys::write_recipients(&data.join(keys::RECIPIENTS_FILE), &map, 0o600).unwrap();
}

fn session(case: &str) -> Session {
    let mut s = Session::new(
        case,
        "Interviewer A",
        Lang::En,
        Vec::new(),
        &gehoor::notes::now(),
    );
    s.set_value(
        "summons.received",
        Some(Value::Text("A summons in March".into())),
        &gehoor::notes::now(),
    );
    s.set_note(
        "summons.received",
        "Handed over by the landlord",
        &gehoor::notes::now(),
    );
    s
}

fn problem(e: &Error) -> Option<&CryptoProblem> {
    match e {
        Error::Crypto { problem, .. } => Some(problem),
        _ => None,
    }
}

#[test]
fn interviewer_and_supervisor_read_a_third_key_cannot_and_nothing_is_overwritten() {
    let tmp = tempfile::tempdir().unwrap();
    let a = Member::new(tmp.path(), "Interviewer A");
    let b = Member::new(tmp.path(), "Supervisor B");
    let c = Member::new(tmp.path(), "Stranger C");
    let sessions = tmp.path().join("data").join("sessions");
    let interviewer = a.store(&sessions, &[&b]);
    let supervisor = b.store(&sessions, &[&a]);
    let stranger = c.store(&sessions, &[]);

    let mut s = session("TEST-ROUND");
    let mut handle = interviewer.create(&s).unwrap();
    let file = interviewer.path_of(s.id);
    let bytes = fs::read(&file).unwrap();
    assert!(crypt::is_sealed(&bytes), "the session file is an age file");
    assert!(!String::from_utf8_lossy(&bytes).contains("TEST-ROUND"));

    // The supervisor's own key opens it and a comment goes back sealed.
    assert_eq!(supervisor.open_read_only(s.id).unwrap(), s);
    supervisor
        .add_review(s.id, |x| {
            x.add_comment(
                "Supervisor B",
                Some("summons.received"),
                "Date?",
                &gehoor::notes::now(),
            );
            Ok(())
        })
        .unwrap();
    assert!(crypt::is_sealed(&fs::read(&file).unwrap()));
    // The interviewer's next save merges it in: both keys still read it.
    s.set_note(
        "summons.received",
        "Handed over on 3 March",
        &gehoor::notes::now(),
    );
    handle.save_merged(&mut s).unwrap();
    assert_eq!(s.comments.len(), 1);
    assert_eq!(interviewer.open_read_only(s.id).unwrap(), s);
    assert_eq!(supervisor.open_read_only(s.id).unwrap(), s);
    drop(handle);

    // A third key: listed as unreadable with the reason, never touched.
    let before = fs::read(&file).unwrap();
    let err = stranger.open_read_only(s.id).unwrap_err();
    assert_eq!(problem(&err), Some(&CryptoProblem::NotForThisKey), "{err}");
    let listed = stranger.list().unwrap();
    match &listed[..] {
        [ListEntry::Unreadable { reason, .. }] => {
            assert!(
                reason.contains("encrypted for keys other than yours"),
                "{reason}"
            )
        }
        other => panic!("{other:?}"),
    }
    assert!(stranger.open_for_write(s.id).is_err());
    assert!(
        stranger
            .add_review(s.id, |x| {
                x.add_comment("Stranger C", None, "x", &gehoor::notes::now());
                Ok(())
            })
            .is_err()
    );
    // Without encryption the file is unreadable too, and says why.
    let plain = Store::new(sessions.clone());
    let err = plain.open_read_only(s.id).unwrap_err();
    assert_eq!(problem(&err), Some(&CryptoProblem::NoKeyLoaded), "{err}");
    assert_eq!(fs::read(&file).unwrap(), before, "never overwritten");
}

#[test]
fn a_damaged_sealed_file_is_unreadable_with_the_reason_and_kept() {
    let tmp = tempfile::tempdir().unwrap();
    let a = Member::new(tmp.path(), "Interviewer A");
    let sessions = tmp.path().join("data").join("sessions");
    let store = a.store(&sessions, &[]);
    let s = session("TEST-DAMAGED");
    drop(store.create(&s).unwrap());
    let file = store.path_of(s.id);
    let mut bytes = fs::read(&file).unwrap();
    let n = bytes.len();
    bytes[n - 20] ^= 0x55;
    fs::write(&file, &bytes).unwrap();
    match &store.list().unwrap()[..] {
        [ListEntry::Unreadable { reason, .. }] => {
            assert!(reason.contains("damaged"), "{reason}")
        }
        other => panic!("{other:?}"),
    }
    let err = store.open_for_write(s.id).unwrap_err();
    assert_eq!(problem(&err), Some(&CryptoProblem::Damaged));
    assert_eq!(fs::read(&file).unwrap(), bytes);
}

#[test]
fn keys_init_makes_a_private_passphrase_protected_key_and_never_replaces_it() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let pass = tmp.path().join("pass");
    fs::write(&pass, "a long passphrase\n").unwrap();
    let config = tmp.path().join("config.toml");
    fs::write(&config, "encryption = \"on\"\nname = \"Interviewer A\"\n").unwrap();
    let run = |args: &[&str], pass: &Path| {
        assert_cmd::Command::cargo_bin("gehoor")
            .unwrap()
            .args(["--lang", "en"])
            .args(args)
            .env("GEHOOR_DATA_DIR", &data)
            .env("GEHOOR_CONFIG", &config)
            .env("GEHOOR_PASSPHRASE_FILE", pass)
            .output()
            .unwrap()
    };
    let out = run(&["keys", "init"], &pass);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}{:?}", out.stderr);
    let public = stdout
        .lines()
        .find(|l| l.starts_with("age1"))
        .unwrap_or_else(|| panic!("{stdout}"))
        .to_string();
    let identity = data.join("identity.age");
    assert_eq!(
        fs::metadata(&identity).unwrap().permissions().mode() & 0o777,
        0o600
    );
    let stored = fs::read(&identity).unwrap();
    assert!(crypt::is_sealed(&stored));
    assert!(!String::from_utf8_lossy(&stored).contains("AGE-SECRET-KEY"));
    // Its public key is in the folder's recipient list.
    let recipients = keys::read_recipients(&data.join("recipients.toml")).unwrap();
    assert_eq!(recipients.get("Interviewer A"), Some(&public));
    // The passphrase unlocks it, and the key is the one printed.
    let id = keys::unlock(&identity, &Passphrase::from_file(&pass).unwrap()).unwrap();
    assert_eq!(id.to_public().to_string(), public);

    // A second init refuses and leaves the key alone.
    let again = run(&["keys", "init"], &pass);
    assert_eq!(again.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&again.stderr).contains("never overwritten"));
    assert_eq!(fs::read(&identity).unwrap(), stored);

    // A wrong passphrase is a clear error, and nothing is written.
    let wrong = tmp.path().join("wrong");
    fs::write(&wrong, "not it\n").unwrap();
    let out = run(&["sessions", "list"], &wrong);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("Wrong passphrase for the key"), "{err}");
    assert!(!data.join("sessions").exists());
}

#[test]
fn recipients_are_added_checked_listed_and_removed() {
    let tmp = tempfile::tempdir().unwrap();
    let a = Member::new(tmp.path(), "Interviewer A");
    let b = Member::new(tmp.path(), "Supervisor B");
    let data = tmp.path().join("data");
    let out = a
        .cli(&data)
        .args(["keys", "add-recipient", "Supervisor B", &b.public])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let out = a
        .cli(&data)
        .args(["keys", "add-recipient", "Typo", "age1notakey"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a valid age key"));
    let out = a.cli(&data).args(["keys", "list"]).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains(&b.public) && !text.contains("Typo"), "{text}");
    let out = a
        .cli(&data)
        .args(["keys", "remove-recipient", "Nobody"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = a
        .cli(&data)
        .args(["keys", "remove-recipient", "Supervisor B"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("sessions rekey"));
    assert!(
        keys::read_recipients(&data.join("recipients.toml"))
            .unwrap()
            .is_empty()
    );
}

#[test]
fn rekey_removes_a_recipient_whose_key_then_fails() {
    let tmp = tempfile::tempdir().unwrap();
    let a = Member::new(tmp.path(), "Interviewer A");
    let b = Member::new(tmp.path(), "Supervisor B");
    let data = tmp.path().join("data");
    share_with(&data, &[&a, &b]);
    let sessions = data.join("sessions");
    let store = a.store(&sessions, &[&b]);
    let ids: Vec<_> = (0..3)
        .map(|i| {
            let s = session(&format!("TEST-REKEY-{i}"));
            let h = store.create(&s).unwrap();
            h.write_draft(&s).unwrap();
            s.id
        })
        .collect();
    let supervisor = b.store(&sessions, &[&a]);
    for id in &ids {
        supervisor.open_read_only(*id).unwrap();
    }
    let out = a
        .cli(&data)
        .args(["keys", "remove-recipient", "Supervisor B"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let out = a.cli(&data).args(["sessions", "rekey"]).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text} {out:?}");
    assert!(text.contains("3 file(s) encrypted"), "{text}");
    assert!(text.contains("for 1 key(s)"), "{text}");
    for id in &ids {
        let err = supervisor.open_read_only(*id).unwrap_err();
        assert_eq!(problem(&err), Some(&CryptoProblem::NotForThisKey), "{err}");
        // The draft was re-sealed with its session.
        let draft = sessions.join(format!(".{id}.autosave.toml"));
        let err = supervisor.load(&draft).unwrap_err();
        assert_eq!(problem(&err), Some(&CryptoProblem::NotForThisKey), "{err}");
        assert_eq!(a.store(&sessions, &[]).open_read_only(*id).unwrap().id, *id);
    }
}

#[test]
fn encrypting_a_plain_folder_converts_each_file_and_resumes_after_a_crash() {
    let tmp = tempfile::tempdir().unwrap();
    let a = Member::new(tmp.path(), "Interviewer A");
    let data = tmp.path().join("data");
    share_with(&data, &[&a]);
    let sessions = data.join("sessions");
    let plain = Store::new(sessions.clone());
    let mut originals = Vec::new();
    for i in 0..4 {
        let s = session(&format!("TEST-CONVERT-{i}"));
        let h = plain.create(&s).unwrap();
        h.write_draft(&s).unwrap();
        originals.push((s.id, fs::read(plain.path_of(s.id)).unwrap()));
    }
    let corrupt = sessions.join("0195f0c2-0000-7000-8000-000000000000.toml");
    fs::write(&corrupt, "schema_version = 1\nid = [broken\n").unwrap();
    let store = a.store(&sessions, &[]);
    // A crash after two files: the state one run leaves when killed there,
    // each file either plain or sealed (each is replaced by one rename).
    for (id, bytes) in &originals[..2] {
        let path = store.path_of(*id);
        let sealed = store.codec().seal(&path, bytes).unwrap().into_owned();
        fs::write(&path, sealed).unwrap();
    }
    let out = a.cli(&data).args(["sessions", "encrypt"]).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        out.status.code(),
        Some(1),
        "the corrupt file is left: {err}"
    );
    assert!(
        text.contains("2 file(s) encrypted, 2 were already"),
        "{text}"
    );
    assert!(
        err.contains("Not touched") && err.contains("0195f0c2"),
        "{err}"
    );
    assert_eq!(
        fs::read_to_string(&corrupt).unwrap(),
        "schema_version = 1\nid = [broken\n"
    );
    for (id, bytes) in &originals {
        let path = store.path_of(*id);
        let sealed = fs::read(&path).unwrap();
        assert!(crypt::is_sealed(&sealed));
        // Byte for byte the same session inside.
        assert_eq!(&*store.codec().open(&path, &sealed).unwrap(), &bytes[..]);
        let draft = fs::read(sessions.join(format!(".{id}.autosave.toml"))).unwrap();
        assert!(crypt::is_sealed(&draft), "drafts are converted too");
    }
    // Running it again finds nothing left to do.
    let out = store.convert(Conversion::Encrypt, &mut |_, _| {}).unwrap();
    assert_eq!((out.converted.len(), out.already), (0, 4));
    // A session open elsewhere is skipped, not raced.
    let (_, held) = crate::support::locks::open_for_write(&store, originals[0].0);
    let out = store.convert(Conversion::Rekey, &mut |_, _| {}).unwrap();
    assert_eq!(out.in_use, vec![store.path_of(originals[0].0)]);
    assert_eq!(out.converted.len(), 3);
    drop(held);
}

#[test]
fn a_group_folder_gets_group_readable_files_and_a_warning_without_encryption() {
    let tmp = tempfile::tempdir().unwrap();
    let a = Member::new(tmp.path(), "Interviewer A");
    let b = Member::new(tmp.path(), "Supervisor B");
    let data = tmp.path().join("data");
    share_with(&data, &[&a, &b]);
    let sessions = data.join("sessions");
    fs::create_dir_all(&sessions).unwrap();
    fs::set_permissions(&sessions, fs::Permissions::from_mode(0o2770)).unwrap();
    if fs::metadata(&sessions).unwrap().permissions().mode() & 0o2000 == 0 {
        assert!(
            std::env::var_os("CI").is_none(),
            "setgid folders must work under CI"
        );
        eprintln!("skipped: this file system drops the setgid bit");
        return;
    }
    let store = a.store(&sessions, &[&b]);
    let s = session("TEST-GROUP");
    let handle = store.create(&s).unwrap();
    let mode = |p: PathBuf| fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(store.path_of(s.id)), 0o660);
    assert_eq!(mode(sessions.join(format!("{}.lock", s.id))), 0o660);
    assert_eq!(mode(sessions.join(format!(".{}.write-lock", s.id))), 0o660);
    assert_eq!(
        mode(data.join("recipients.toml")),
        0o600,
        "written by the test"
    );
    drop(handle);
    // Encrypted: no warning. Plain in the same folder: a warning.
    let out = a.cli(&data).args(["sessions", "list"]).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success() && !err.contains("Warning"), "{err}");
    let out = assert_cmd::Command::cargo_bin("gehoor")
        .unwrap()
        .args(["--lang", "en", "sessions", "list"])
        .env("GEHOOR_DATA_DIR", &data)
        .env("GEHOOR_CONFIG", tmp.path().join("none.toml"))
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("is a group folder") && err.contains("encryption is off"),
        "{err}"
    );
    // Lock files still never follow a symlink planted in their place.
    let s2 = session("TEST-GROUP-2");
    let target = tmp.path().join("victim");
    fs::write(&target, "untouched").unwrap();
    let target_mode = mode(target.clone());
    std::os::unix::fs::symlink(&target, sessions.join(format!(".{}.write-lock", s2.id))).unwrap();
    assert!(store.create(&s2).is_err());
    assert_eq!(fs::read_to_string(&target).unwrap(), "untouched");
    assert_eq!(
        mode(target),
        target_mode,
        "its mode was not changed through the link"
    );
}

#[test]
fn export_stays_plain_and_warns_when_encryption_is_on() {
    let tmp = tempfile::tempdir().unwrap();
    let a = Member::new(tmp.path(), "Interviewer A");
    let data = tmp.path().join("data");
    share_with(&data, &[&a]);
    let store = a.store(&data.join("sessions"), &[]);
    let s = session("TEST-EXPORT");
    drop(store.create(&s).unwrap());
    let out = a
        .cli(&data)
        .args(["export", "TEST-EXPORT", "--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("Handed over by the landlord"));
    assert!(String::from_utf8_lossy(&out.stderr).contains("this export is NOT encrypted"));
}

/// `gehoor review` as the supervisor, in a terminal: their own key opens
/// the interviewer's sealed session.
#[test]
fn a_supervisor_reviews_an_encrypted_session_with_their_own_key() {
    use crate::pty::{Tui, bin, command};
    let tmp = tempfile::tempdir().unwrap();
    let a = Member::new(tmp.path(), "Interviewer A");
    let b = Member::new(tmp.path(), "Supervisor B");
    let data = tmp.path().join("data");
    share_with(&data, &[&a, &b]);
    let store = a.store(&data.join("sessions"), &[&b]);
    let s = session("TEST-REVIEW-SEALED");
    drop(store.create(&s).unwrap());
    let mut cmd = command(
        &bin(),
        &["--lang", "en", "review", "TEST-REVIEW-SEALED"],
        &data,
        &b.home,
    );
    cmd.env("GEHOOR_CONFIG", b.config());
    cmd.env("GEHOOR_PASSPHRASE_FILE", &b.pass_file);
    let mut tui = Tui::spawn(cmd, 160, 40);
    tui.wait_for("TEST-REVIEW-SEALED");
    tui.key("\x03");
    assert_eq!(tui.wait_exit(), 0);
}
