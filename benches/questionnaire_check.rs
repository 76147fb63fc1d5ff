//! Loading and checking a questionnaire folder: `cargo bench --bench questionnaire_check`.
//! Uses the shipped questionnaires when there are any, else the valid test
//! fixture replicated to 13 questionnaires. Target: under 10 ms.

use std::time::{Duration, Instant};

use gehoor::assets::{FileSet, Origin, TextFile};

fn replicated_fixture() -> FileSet {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/check/valid");
    let summons = std::fs::read_to_string(dir.join("summons.toml")).expect("fixture");
    let travel = std::fs::read_to_string(dir.join("travel.toml")).expect("fixture");
    let mut files = vec![TextFile {
        rel: "travel.toml".into(),
        text: travel,
    }];
    let mut topics = vec!["\"travel\"".to_string()];
    for i in 1..=12 {
        let id = format!("summons_{i:02}");
        files.push(TextFile {
            rel: format!("{id}.toml"),
            text: summons.replacen("id = \"summons\"", &format!("id = \"{id}\""), 1),
        });
        topics.push(format!("\"{id}\""));
    }
    files.push(TextFile {
        rel: "profiles.toml".into(),
        text: format!(
            "[[profile]]\nid = \"all\"\ntitle = {{ nl = \"Alles\", en = \"All\" }}\ntopics = [{}]\n",
            topics.join(", ")
        ),
    });
    files.sort_by(|a, b| a.rel.cmp(&b.rel));
    FileSet {
        origin: Origin::Dir("bench".into()),
        files,
    }
}

fn main() {
    let shipped = FileSet::embedded_questionnaires();
    let (files, what) = if shipped.files.iter().any(|f| f.rel.ends_with(".toml")) {
        (shipped, "shipped questionnaires")
    } else {
        (replicated_fixture(), "valid fixture x13")
    };
    let docs = [
        "ambtsbericht-rf-2025",
        "brief-moratorium-2022",
        "persbericht-kuzmin-2026-en",
        "persbericht-kuzmin-2026-nl",
        "artikel-moechametov-2025",
    ];
    // A corpus-sized ref list: every section and paragraph a large report has.
    let mut refs: Vec<String> = docs
        .iter()
        .flat_map(|d| [d.to_string(), format!("{d}#*")])
        .collect();
    for a in 1..=8 {
        for b in 1..=10 {
            for p in 1..=25 {
                refs.push(format!("ambtsbericht-rf-2025#{a}.{b}/p{p}"));
            }
        }
    }
    refs.sort();
    let bytes: usize = files.files.iter().map(|f| f.text.len()).sum();
    let diags = gehoor::check::check(&files, &refs);
    let (errors, warnings) = gehoor::check::counts(&diags);
    for _ in 0..5 {
        std::hint::black_box(gehoor::check::check(&files, &refs));
    }
    let runs = 200;
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            std::hint::black_box(gehoor::check::check(std::hint::black_box(&files), &refs));
            t.elapsed()
        })
        .collect();
    times.sort();
    let median = times[runs / 2];
    let p95 = times[runs * 95 / 100];
    let worst = times[runs - 1];
    println!(
        "load+check {what}: {} files, {bytes} bytes, {} refs, {errors} errors, {warnings} warnings",
        files.files.len(),
        refs.len()
    );
    println!("median {median:?}, p95 {p95:?}, max {worst:?} over {runs} runs (target < 10 ms)");
}
