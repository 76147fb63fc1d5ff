//! With encryption on, nothing typed reaches the disk in plain text: a
//! unique word in every kind of field goes through save, draft, copy, a
//! reviewer's comment merged in, SIGKILL mid-save and the real TUI; then
//! every file under the test's data, copy and temp folders is searched.
//! The SIGKILL rounds double as the crash harness with encryption on.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use gehoor::i18n::Lang;
use gehoor::notes::keys::{self, Passphrase};
use gehoor::notes::{Codec, Keyring, QuestionnaireUse, Session, Store};
use gehoor::questionnaire::{AnswerStatus, Value};

use crate::crypt::{Member, share_with};
use crate::pty::{self, Tui, bin, command, session_file};

/// Fictional and unique: appears nowhere else in the repository.
const CANARY: &str = "Kwikstaartmolen4417";

fn every_file(root: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(root).unwrap().flatten() {
        let t = entry.file_type().unwrap();
        if t.is_dir() {
            every_file(&entry.path(), out);
        } else if t.is_file() {
            out.push(entry.path());
        }
    }
}

/// Every file under `roots` that holds the canary (in any letter case).
fn hits(roots: &[&Path]) -> (Vec<PathBuf>, usize) {
    let mut files = Vec::new();
    for r in roots {
        if r.exists() {
            every_file(r, &mut files);
        }
    }
    let needle = CANARY.to_lowercase();
    let found = files
        .iter()
        .filter(|f| {
            let bytes = fs::read(f).unwrap_or_default();
            String::from_utf8_lossy(&bytes)
                .to_lowercase()
                .contains(&needle)
        })
        .cloned()
        .collect();
    (found, files.len())
}

/// A session with the canary in every kind of field the format has.
fn canary_session() -> Session {
    let c = CANARY;
    let mut s = Session::new(
        format!("CASE-{c}"),
        format!("{c} Interviewer"),
        Lang::En,
        vec![QuestionnaireUse {
            id: format!("q{c}"),
            version: 1,
            hash: format!("hash{c}"),
        }],
        &gehoor::notes::now(),
    );
    s.note = format!("Session note {c}");
    let text = format!("summons.text_{c}");
    s.set_value(
        &text,
        Some(Value::Text(format!("Answer {c}"))),
        &gehoor::notes::now(),
    );
    s.set_note(&text, format!("Note {c}"), &gehoor::notes::now());
    s.cite(&text, &format!("doc#{c}/p1"), &gehoor::notes::now());
    s.set_flagged(&text, true, &gehoor::notes::now());
    s.set_value(
        "summons.choice",
        Some(Value::Choice(format!("opt_{c}"))),
        &gehoor::notes::now(),
    );
    s.set_value(
        "summons.choices",
        Some(Value::Choices(vec![format!("a_{c}"), "b".into()])),
        &gehoor::notes::now(),
    );
    s.set_status(
        "summons.declined",
        AnswerStatus::Declined,
        &gehoor::notes::now(),
    );
    s.set_note(
        "summons.declined",
        format!("Declined {c}"),
        &gehoor::notes::now(),
    );
    let group = format!("summons.group_{c}");
    s.add_group_instance(&group, &gehoor::notes::now());
    s.add_group_instance(&group, &gehoor::notes::now());
    let q = format!("summons.in_group_{c}");
    s.set_value(
        &format!("{q}#1"),
        Some(Value::Text(format!("removed {c}"))),
        &gehoor::notes::now(),
    );
    s.set_value(
        &format!("{q}#2"),
        Some(Value::Text(format!("kept {c}"))),
        &gehoor::notes::now(),
    );
    s.remove_group_instance(&group, 1, &[&q], &gehoor::notes::now())
        .unwrap();
    s.submit(&format!("{c} Interviewer"), &gehoor::notes::now())
        .unwrap();
    s.return_for_work(
        &format!("{c} Supervisor"),
        &format!("Reason {c}"),
        &gehoor::notes::now(),
    )
    .unwrap();
    s
}

const CHILD_DIR: &str = "GEHOOR_CANARY_DIR";
const CHILD_ID: &str = "GEHOOR_CANARY_ID";
const CHILD_KEY: &str = "GEHOOR_CANARY_IDENTITY";
const CHILD_PASS: &str = "GEHOOR_CANARY_PASS";
const CHILD_TEAM: &str = "GEHOOR_CANARY_TEAM";

/// Run only by the canary test: sealed saves, generation after generation,
/// until killed.
#[test]
#[ignore = "child process of the canary test"]
fn sealed_writer_child() {
    let Ok(dir) = std::env::var(CHILD_DIR) else {
        return;
    };
    let var = |k: &str| std::env::var(k).unwrap();
    let identity = keys::unlock(
        Path::new(&var(CHILD_KEY)),
        &Passphrase::from_file(Path::new(&var(CHILD_PASS))).unwrap(),
    )
    .unwrap();
    let team = vec![keys::parse_recipient(Path::new("team"), &var(CHILD_TEAM)).unwrap()];
    let codec = Codec::Sealed(std::sync::Arc::new(Keyring::new(identity, team)));
    let store = Store::with_codec(PathBuf::from(dir), codec);
    let (mut s, mut handle) = store
        .open_for_write(var(CHILD_ID).parse().unwrap())
        .unwrap();
    let start: u64 = s.note.rsplit(' ').next().unwrap().parse().unwrap_or(0);
    println!("ready");
    std::io::Write::flush(&mut std::io::stdout()).unwrap();
    for generation in start + 1.. {
        let note = format!("{CANARY} gen {generation}");
        let keys: Vec<String> = s.answers.keys().cloned().collect();
        for k in keys {
            s.set_note(&k, note.clone(), &gehoor::notes::now());
        }
        s.note = note.clone();
        handle.write_draft(&s).unwrap();
        handle.save(&s).unwrap();
    }
}

#[test]
fn the_canary_never_reaches_the_disk_in_plain_text() {
    let tmp = tempfile::tempdir().unwrap();
    let a = Member::new(tmp.path(), "Interviewer A");
    let b = Member::new(tmp.path(), "Supervisor B");
    let data = tmp.path().join("data");
    let child_tmp = tmp.path().join("tmpdir");
    fs::create_dir_all(&child_tmp).unwrap();
    share_with(&data, &[&a, &b]);
    let sessions = data.join("sessions");
    let interviewer = a.store(&sessions, &[&b]);
    let supervisor = b.store(&sessions, &[&a]);

    // Saved, drafted, copied.
    let mut s = canary_session();
    let mut handle = interviewer.create(&s).unwrap();
    s.set_note(
        "summons.choice",
        format!("Edited {CANARY}"),
        &gehoor::notes::now(),
    );
    handle.save(&s).unwrap();
    s.set_note(
        "summons.choice",
        format!("Typing {CANARY}"),
        &gehoor::notes::now(),
    );
    handle.write_draft(&s).unwrap();
    let copies = a.home.join("gehoor-copies");
    let copy = interviewer.write_copy(&copies, &s).unwrap();
    // Merged with a reviewer's comment.
    supervisor
        .add_review(s.id, |x| {
            x.add_comment(
                &format!("{CANARY} Reviewer"),
                Some(&format!("summons.text_{CANARY}")),
                &format!("Comment {CANARY}"),
                &gehoor::notes::now(),
            );
            Ok(())
        })
        .unwrap();
    handle.save_merged(&mut s).unwrap();
    assert_eq!(s.comments.len(), 1);
    handle.write_draft(&s).unwrap();
    drop(handle);

    // Killed mid-save, again and again; each time the file opens and is
    // one whole generation (the crash harness, sealed).
    let exe = std::env::current_exe().unwrap();
    let mut last_gen = 0u64;
    let mut advanced = 0;
    let mut seed: u64 = 0x2545_F491_4F6C_DD1D ^ u64::from(std::process::id());
    eprintln!("canary kill seed {seed}");
    for round in 0..40 {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let mut child = Command::new(&exe)
            .args([
                "--ignored",
                "--exact",
                "canary::sealed_writer_child",
                "--test-threads=1",
                "--nocapture",
            ])
            .env(CHILD_DIR, &sessions)
            .env(CHILD_ID, s.id.to_string())
            .env(CHILD_KEY, &a.identity)
            .env(CHILD_PASS, &a.pass_file)
            .env(CHILD_TEAM, &b.public)
            .env("TMPDIR", &child_tmp)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let out = child.stdout.take().unwrap();
        let ready = std::io::BufRead::lines(std::io::BufReader::new(out))
            .any(|l| l.is_ok_and(|l| l.trim_end().ends_with("ready")));
        assert!(ready, "round {round}: child did not start");
        std::thread::sleep(Duration::from_micros(500 + seed % 30_000));
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        let back = supervisor
            .open_read_only(s.id)
            .unwrap_or_else(|e| panic!("round {round}: unreadable after SIGKILL: {e}"));
        let generation: u64 = back.note.rsplit(' ').next().unwrap().parse().unwrap_or(0);
        for (k, ans) in &back.answers {
            if generation > 0 {
                assert_eq!(
                    ans.note, back.note,
                    "round {round}: {k} is from another save"
                );
            }
        }
        assert_eq!(back.comments.len(), 1, "round {round}: the comment stays");
        assert!(generation >= last_gen, "round {round}: went back in time");
        advanced += usize::from(generation > last_gen);
        last_gen = generation;
    }
    assert!(advanced > 3, "kills should land during saves: {advanced}");

    // The search finds the canary where it is decrypted, so it would find
    // it on disk too.
    let opened = supervisor.open_read_only(s.id).unwrap().to_toml();
    assert!(opened.matches(CANARY).count() >= 15, "{opened}");
    let copied = interviewer.load(&copy).unwrap();
    assert!(copied.to_toml().contains(&format!("Typing {CANARY}")));
    let (found, searched) = hits(&[&data, &copies, &child_tmp]);
    assert!(searched >= 5, "searched {searched} files");
    assert!(found.is_empty(), "plain text on disk: {found:?}");
}

/// The real program: the passphrase is asked once, on the terminal, before
/// the screen switches; what is typed is saved and drafted sealed; a
/// SIGKILL leaves nothing readable behind.
#[test]
fn the_tui_asks_the_passphrase_once_and_writes_only_sealed_files() {
    let tmp = tempfile::tempdir().unwrap();
    let a = Member::new(tmp.path(), "Interviewer A");
    let data = tmp.path().join("data");
    share_with(&data, &[&a]);
    let child_tmp = tmp.path().join("tmpdir");
    fs::create_dir_all(&child_tmp).unwrap();
    let args = [
        "--lang",
        "en",
        "interview",
        "--case",
        "CANARY-TUI",
        "--interviewer",
        "Interviewer A",
        "--profile",
        "draft-evader",
    ];
    let mut cmd = command(&bin(), &args, &data, &a.home);
    cmd.env("GEHOOR_CONFIG", a.config());
    cmd.env("TMPDIR", &child_tmp);
    let mut tui = Tui::spawn(cmd, 120, 40);
    tui.wait_for("Passphrase for your key");
    assert!(
        !tui.raw().windows(8).any(|w| w == b"\x1b[?1049"),
        "asked before the alternate screen"
    );
    tui.send("Interviewer A passphrase\r");
    tui.wait_for("Questions 0/");
    let file = session_file(&data);
    tui.key("n");
    tui.wait_for("Esc keeps and leaves");
    tui.send(&format!("Fled via {CANARY}"));
    tui.wait_for(CANARY);
    let store = a.store(&data.join("sessions"), &[]);
    let draft = pty::draft_file(&file);
    let start = std::time::Instant::now();
    loop {
        let in_draft = store
            .load(&draft)
            .is_ok_and(|d| d.to_toml().contains(&format!("Fled via {CANARY}")));
        if in_draft {
            break;
        }
        assert!(
            start.elapsed() < pty::TIMEOUT,
            "the draft never held the text"
        );
        std::thread::sleep(Duration::from_millis(30));
    }
    tui.sigkill();
    let screen = tui.contents();
    assert_eq!(
        screen.matches("Passphrase for your key").count(),
        0,
        "asked once, then the screen switched: {screen}"
    );
    let (found, searched) = hits(&[&data, &child_tmp]);
    assert!(searched >= 3, "searched {searched} files");
    assert!(found.is_empty(), "plain text on disk: {found:?}");
}
