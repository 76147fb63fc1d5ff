//! Store benchmarks: saving a 200-answer session with fsync (p50 target
//! < 5 ms), rewriting its autosave draft after a keystroke (no fsync; it
//! runs on every change, so it must stay well under a frame, 16 ms) and
//! listing 1,000 sessions (target < 200 ms).
//! With encryption on (issue 20): the same save sealed for three keys
//! against the plain save, interleaved in one run (target p50 ≤ 1.5×), the
//! sealed draft (target p50 < 2 ms) and listing 1,000 sealed sessions
//! (target < 300 ms).
//! Run: cargo bench --bench store

use std::time::{Duration, Instant};

use gehoor::i18n::Lang;
use std::sync::Arc;

use gehoor::notes::{Codec, Keyring, QuestionnaireUse, Session, Store};
use gehoor::questionnaire::Value;

fn session(case: &str, answers: usize) -> Session {
    let mut s = Session::new(
        case,
        "Interviewer A",
        Lang::Nl,
        vec![QuestionnaireUse {
            id: "summons".into(),
            version: 1,
            hash: "0123456789abcdef".into(),
        }],
        &gehoor::notes::now(),
    );
    for i in 0..answers {
        let key = format!("summons.q{i:03}");
        s.set_value(
            &key,
            Some(Value::Text(format!(
                "Answer {i}: the applicant describes the events in some detail."
            ))),
            &gehoor::notes::now(),
        );
        s.set_note(
            &key,
            "Interviewer note, one or two sentences long.",
            &gehoor::notes::now(),
        );
        s.cite(&key, "ambtsbericht-rf-2025#1.1.3/p2", &gehoor::notes::now());
    }
    s
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::new(dir.path().join("sessions"));

    let mut s = session("BENCH-SAVE", 200);
    let mut handle = store.create(&s).expect("create");
    let target = store.path_of(s.id);
    let bytes = std::fs::metadata(&target).expect("file").len();
    // Each save alternates with the floor: the same bytes through temp file,
    // fsync, rename and folder fsync with none of gehoor's work (serialise,
    // merge check, hashing), so both see the same disk conditions.
    let mut times = Vec::new();
    let mut floor = Vec::new();
    for i in 0..200 {
        s.set_note("summons.q000", format!("edit {i}"), &gehoor::notes::now());
        let t = Instant::now();
        handle.save(&s).expect("save");
        times.push(t.elapsed());

        let text = s.to_toml();
        let side = store.dir().join("floor.bench");
        let t = Instant::now();
        let mut tmp = tempfile::NamedTempFile::new_in(store.dir()).expect("temp");
        std::io::Write::write_all(&mut tmp, text.as_bytes()).expect("write");
        tmp.as_file().sync_all().expect("sync");
        tmp.persist(&side).expect("rename");
        std::fs::File::open(store.dir())
            .and_then(|d| d.sync_all())
            .expect("dir sync");
        floor.push(t.elapsed());
    }
    times.sort();
    floor.sort();
    println!(
        "save 200-answer session ({bytes} bytes, fsync file + dir), 200 runs: p50 {:.2} ms, p90 {:.2} ms, max {:.2} ms",
        percentile(&times, 0.5).as_secs_f64() * 1e3,
        percentile(&times, 0.9).as_secs_f64() * 1e3,
        times.last().unwrap().as_secs_f64() * 1e3
    );
    println!(
        "floor: write + fsync + rename + dir fsync of the same bytes, interleaved, 200 runs: p50 {:.2} ms, p90 {:.2} ms",
        percentile(&floor, 0.5).as_secs_f64() * 1e3,
        percentile(&floor, 0.9).as_secs_f64() * 1e3
    );
    let mut drafts = Vec::new();
    for i in 0..200 {
        s.set_note(
            "summons.q000",
            format!("keystroke {i}"),
            &gehoor::notes::now(),
        );
        let t = Instant::now();
        handle.write_draft(&s).expect("draft");
        drafts.push(t.elapsed());
    }
    handle.clear_draft().expect("clear draft");
    drafts.sort();
    println!(
        "autosave draft of the same session after a keystroke (serialise + write + rename, no fsync), 200 runs: p50 {:.2} ms, p90 {:.2} ms, max {:.2} ms",
        percentile(&drafts, 0.5).as_secs_f64() * 1e3,
        percentile(&drafts, 0.9).as_secs_f64() * 1e3,
        drafts.last().unwrap().as_secs_f64() * 1e3
    );
    drop(handle);

    let list_dir = tempfile::tempdir().expect("temp dir");
    let list_store = Store::new(list_dir.path().join("sessions"));
    let template = session("BENCH-LIST", 30);
    for i in 0..1000 {
        let mut s = template.clone();
        s.id = uuid::Uuid::now_v7();
        s.case_ref = format!("BENCH-{i:04}");
        drop(list_store.create(&s).expect("create"));
    }
    let mut times = Vec::new();
    for _ in 0..10 {
        let t = Instant::now();
        let entries = list_store.list().expect("list");
        times.push(t.elapsed());
        assert_eq!(entries.len(), 1000);
    }
    times.sort();
    println!(
        "list 1,000 sessions (30 answers each), 10 runs: p50 {:.1} ms, max {:.1} ms",
        percentile(&times, 0.5).as_secs_f64() * 1e3,
        times.last().unwrap().as_secs_f64() * 1e3
    );
    encrypted();
}

/// A keyring like a team's: the writer and two supervisors.
fn keyring() -> Codec {
    let team = (0..2)
        .map(|_| age::x25519::Identity::generate().to_public())
        .collect();
    Codec::Sealed(Arc::new(Keyring::new(
        age::x25519::Identity::generate(),
        team,
    )))
}

fn encrypted() {
    let codec = keyring();
    let plain_dir = tempfile::tempdir().expect("temp dir");
    let sealed_dir = tempfile::tempdir().expect("temp dir");
    let plain = Store::new(plain_dir.path().join("sessions"));
    let sealed = Store::with_codec(sealed_dir.path().join("sessions"), codec.clone());
    let mut s = session("BENCH-SEALED", 200);
    let mut p_handle = plain.create(&s).expect("create");
    let mut s_handle = sealed.create(&s).expect("create");
    let bytes = std::fs::metadata(sealed.path_of(s.id)).expect("file").len();
    // Interleaved, so both see the same disk and the same load.
    let (mut p_times, mut s_times) = (Vec::new(), Vec::new());
    for i in 0..200 {
        s.set_note("summons.q000", format!("edit {i}"), &gehoor::notes::now());
        let t = Instant::now();
        p_handle.save(&s).expect("save");
        p_times.push(t.elapsed());
        let t = Instant::now();
        s_handle.save(&s).expect("save");
        s_times.push(t.elapsed());
    }
    p_times.sort();
    s_times.sort();
    let (p50, s50) = (percentile(&p_times, 0.5), percentile(&s_times, 0.5));
    println!(
        "encrypted save, 200 answers ({bytes} bytes sealed for 3 keys), 200 runs interleaved: p50 {:.2} ms (plain {:.2} ms), ratio {:.2}x, p90 {:.2} ms (plain {:.2} ms)",
        s50.as_secs_f64() * 1e3,
        p50.as_secs_f64() * 1e3,
        s50.as_secs_f64() / p50.as_secs_f64(),
        percentile(&s_times, 0.9).as_secs_f64() * 1e3,
        percentile(&p_times, 0.9).as_secs_f64() * 1e3,
    );
    let mut drafts = Vec::new();
    for i in 0..200 {
        s.set_note(
            "summons.q000",
            format!("keystroke {i}"),
            &gehoor::notes::now(),
        );
        let t = Instant::now();
        s_handle.write_draft(&s).expect("draft");
        drafts.push(t.elapsed());
    }
    s_handle.clear_draft().expect("clear draft");
    drafts.sort();
    println!(
        "encrypted autosave draft after a keystroke (serialise + seal + write + rename), 200 runs: p50 {:.2} ms, p90 {:.2} ms, max {:.2} ms",
        percentile(&drafts, 0.5).as_secs_f64() * 1e3,
        percentile(&drafts, 0.9).as_secs_f64() * 1e3,
        drafts.last().unwrap().as_secs_f64() * 1e3
    );
    drop((p_handle, s_handle));

    let list_dir = tempfile::tempdir().expect("temp dir");
    let list_store = Store::with_codec(list_dir.path().join("sessions"), codec);
    let template = session("BENCH-LIST", 30);
    for i in 0..1000 {
        let mut s = template.clone();
        s.id = uuid::Uuid::now_v7();
        s.case_ref = format!("BENCH-{i:04}");
        drop(list_store.create(&s).expect("create"));
    }
    let mut times = Vec::new();
    for _ in 0..10 {
        let t = Instant::now();
        let entries = list_store.list().expect("list");
        times.push(t.elapsed());
        assert_eq!(entries.len(), 1000);
        assert!(
            entries
                .iter()
                .all(|e| matches!(e, gehoor::notes::ListEntry::Session(_)))
        );
    }
    times.sort();
    println!(
        "list 1,000 encrypted sessions (30 answers each, 3 keys), 10 runs: p50 {:.1} ms, max {:.1} ms",
        percentile(&times, 0.5).as_secs_f64() * 1e3,
        times.last().unwrap().as_secs_f64() * 1e3
    );
}
