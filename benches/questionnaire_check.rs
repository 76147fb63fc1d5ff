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
    hostile_sizes(&refs);
}

/// One questionnaire of `n` yes/no questions, each shown when the next is
/// answered (a forward reference: one warning per question).
fn huge(n: usize) -> FileSet {
    let mut text = String::from(
        "id = \"big\"\nversion = 1\ntopic = \"military\"\ntitle = { nl = \"Groot\", en = \"Big\" }\n",
    );
    for i in 0..n {
        text.push_str(&format!(
            "\n[[question]]\nid = \"q{i}\"\nkind = \"yes_no\"\ntext = {{ nl = \"Vraag {i}?\", en = \"Question {i}?\" }}\n"
        ));
        if i + 1 < n {
            text.push_str(&format!("show_if = \"q{}\"\n", i + 1));
        }
    }
    FileSet {
        origin: Origin::Dir("bench".into()),
        files: vec![TextFile {
            rel: "big.toml".into(),
            text,
        }],
    }
}

/// Issue 17: checking grew with the square of the file (10k questions
/// 3.4 s, 20k 13.6 s). Time per question must stay flat as `n` grows.
fn hostile_sizes(refs: &[String]) {
    for n in [10_000, 20_000, 50_000, 100_000] {
        let files = huge(n);
        let t = Instant::now();
        let diags = std::hint::black_box(gehoor::check::check(&files, refs));
        let took = t.elapsed();
        println!(
            "{n} questions, {} diagnostics: {took:?} ({:.1} µs per question)",
            diags.len(),
            took.as_secs_f64() * 1e6 / n as f64
        );
    }
}
