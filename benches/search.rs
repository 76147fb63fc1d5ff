//! Search speed: index build, per-query latency (p50/p99) on the shipped
//! corpus and on a 100× corpus, a plain-text scan of the same text with
//! ripgrep (or grep when rg is absent), and the whole `gehoor search` process.
//! Run: `cargo bench --bench search`.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use gehoor::assets::FileSet;
use gehoor::corpus::Corpus;
use gehoor::search::dense::{self, PassageVectors, vectors::content_hash};
use gehoor::search::eval::parse_cases;
use gehoor::search::{Glossary, Index, Method, Passage, SearchOptions, passages_from};

const COPIES: usize = 100;

fn main() {
    let files = FileSet::embedded_corpus();
    let t = Instant::now();
    let corpus = Corpus::load(&files).expect("embedded corpus loads");
    let load = t.elapsed();
    let t = Instant::now();
    let glossary = Glossary::parse(&files.get("glossary.toml").expect("glossary").text)
        .expect("glossary parses");
    let glossary_parse = t.elapsed();
    let passages = passages_from(&corpus);
    let eval_path = Path::new("tests/fixtures/search-eval.toml");
    let eval_text = std::fs::read_to_string(eval_path).expect("eval set");
    let mut queries: Vec<String> = parse_cases(eval_path, &eval_text)
        .expect("eval set parses")
        .into_iter()
        .map(|c| c.q)
        .collect();
    queries.extend(
        [
            "oproep",
            "povestka",
            "uitreisverbod",
            "exit ban",
            "desertie",
            "buitenlands agent",
        ]
        .map(String::from),
    );

    println!("corpus load (parse 5 documents): {}", ms(load));
    println!(
        "glossary parse ({} entries): {}",
        glossary.len(),
        ms(glossary_parse)
    );
    println!(
        "queries: {} (the evaluation questions plus 6 keyword queries)\n",
        queries.len()
    );

    let big = replicate(&passages, COPIES);
    for (name, set) in [
        ("shipped".to_string(), passages.clone()),
        (format!("{COPIES}x"), big),
    ] {
        let bytes: usize = set.iter().map(passage_bytes).sum();
        let (index, build) = build_best_of(&set, &glossary, 3);
        let (p50, p99, max) = latency(&index, &queries, 5, Mode::Lexical);
        println!(
            "{name:>8}: {} passages, {:.1} MB text | build {} | lexical query p50 {} p99 {} max {}",
            set.len(),
            bytes as f64 / 1e6,
            ms(build),
            us(p50),
            us(p99),
            us(max)
        );
        assert!(index.set_vectors(replicate_vectors(&set)));
        let (p50, p99, max) = latency(&index, &queries, 2, Mode::FusedGivenVector);
        println!(
            "{name:>8}: fused ranking, query vector given | p50 {} p99 {} max {}",
            us(p50),
            us(p99),
            us(max)
        );
        let (p50, p99, max) = latency(&index, &queries, 2, Mode::FusedWithEmbedding);
        println!(
            "{name:>8}: fused query incl. embedding the query | p50 {} p99 {} max {}",
            us(p50),
            us(p99),
            us(max)
        );
        scan_compare(&name, &set, &queries[queries.len() - 6..]);
    }
    process_time(&queries);
}

fn passage_bytes(p: &Passage) -> usize {
    p.text.len() + p.section_title.len() + p.footnotes.iter().map(String::len).sum::<usize>()
}

/// The documents again under new ids (`DOC~k`), so nothing is shared.
fn replicate(passages: &[Passage], copies: usize) -> Vec<Passage> {
    let mut out = Vec::with_capacity(passages.len() * copies);
    for k in 0..copies {
        for p in passages {
            let mut q = p.clone();
            if k > 0 {
                q.doc = format!("{}~{k}", p.doc);
                q.reference = p.reference.replacen(&p.doc, &q.doc, 1);
            }
            out.push(q);
        }
    }
    out
}

fn build_best_of(set: &[Passage], glossary: &Glossary, runs: usize) -> (Index, Duration) {
    let mut best = Duration::MAX;
    let mut index = None;
    for _ in 0..runs {
        let input = set.to_vec();
        let t = Instant::now();
        let built = Index::build(input, glossary);
        best = best.min(t.elapsed());
        index = Some(built);
    }
    (index.expect("at least one run"), best)
}

#[derive(Clone, Copy)]
enum Mode {
    Lexical,
    FusedGivenVector,
    FusedWithEmbedding,
}

/// The built-in corpus's vectors, once per copy (`replicate` keeps order).
fn replicate_vectors(set: &[Passage]) -> PassageVectors {
    let one = dense::builtin_vectors().expect("committed vectors");
    let mut data = Vec::with_capacity(set.len() * one.dim);
    while data.len() < set.len() * one.dim {
        data.extend_from_slice(&one.data);
    }
    PassageVectors {
        hash: content_hash(set),
        dim: one.dim,
        data,
    }
}

fn latency(
    index: &Index,
    queries: &[String],
    rounds: usize,
    mode: Mode,
) -> (Duration, Duration, Duration) {
    let opts = SearchOptions::default();
    let vectors: Vec<Vec<f32>> = match mode {
        Mode::FusedGivenVector => queries
            .iter()
            .map(|q| dense::model().query(&index.dense_query(q)))
            .collect(),
        _ => Vec::new(),
    };
    let run = |i: usize, q: &str| match mode {
        Mode::Lexical => index.search_with(q, &opts, Method::Lexical, None),
        Mode::FusedGivenVector => index.search_with(q, &opts, Method::Fused, Some(&vectors[i])),
        Mode::FusedWithEmbedding => index.search(q, &opts),
    };
    let mut times = Vec::with_capacity(queries.len() * rounds);
    // One unmeasured round, so first-touch page faults do not count.
    for (i, q) in queries.iter().enumerate() {
        std::hint::black_box(run(i, q));
    }
    for _ in 0..rounds {
        for (i, q) in queries.iter().enumerate() {
            let t = Instant::now();
            let hits = run(i, q);
            times.push(t.elapsed());
            std::hint::black_box(hits);
        }
    }
    times.sort();
    let pick = |f: f64| times[((times.len() - 1) as f64 * f).round() as usize];
    (pick(0.5), pick(0.99), *times.last().expect("times"))
}

/// The same text as files, scanned case-insensitively for a keyword query.
fn scan_compare(name: &str, set: &[Passage], queries: &[String]) {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut by_doc: std::collections::BTreeMap<&str, String> = Default::default();
    for p in set {
        let s = by_doc.entry(&p.doc).or_default();
        s.push_str(&p.section_title);
        s.push('\n');
        s.push_str(&p.text);
        s.push('\n');
        for f in &p.footnotes {
            s.push_str(f);
            s.push('\n');
        }
    }
    for (doc, text) in &by_doc {
        std::fs::write(dir.path().join(format!("{doc}.txt")), text).expect("write");
    }
    let rg = Command::new("rg").arg("--version").output().is_ok();
    let tool = if rg { "rg -c -i" } else { "grep -r -c -i" };
    let mut times = Vec::new();
    for q in queries {
        let mut cmd = if rg {
            let mut c = Command::new("rg");
            c.args(["-c", "-i", "-e", q]);
            c
        } else {
            let mut c = Command::new("grep");
            c.args(["-r", "-c", "-i", "-e", q]);
            c
        };
        cmd.arg(dir.path());
        let t = Instant::now();
        let out = cmd.output().expect("scan runs");
        times.push(t.elapsed());
        std::hint::black_box(out);
    }
    times.sort();
    println!(
        "{name:>8}: scan with `{tool}` over the same text, {} keyword queries: median {} max {}",
        times.len(),
        ms(times[times.len() / 2]),
        ms(*times.last().expect("times"))
    );
}

/// Whole-process wall time of `gehoor search` on the embedded corpus, with
/// the index snapshot in a cache dir of its own (written by one unmeasured
/// run first, as the first search after installing a build does).
fn process_time(queries: &[String]) {
    let exe = env!("CARGO_BIN_EXE_gehoor");
    let cache = tempfile::tempdir().expect("tempdir");
    let run = |q: &str| {
        Command::new(exe)
            .args(["search", "--limit", "10"])
            .arg(q)
            .env("GEHOOR_CONFIG", "/nonexistent/gehoor-bench.toml")
            .env("GEHOOR_CACHE_DIR", cache.path())
            .output()
            .expect("gehoor runs")
    };
    let t = Instant::now();
    run(&queries[0]);
    println!(
        "\n`gehoor search`, first run (builds and caches the index): {}",
        ms(t.elapsed())
    );
    let mut times = Vec::new();
    for q in queries.iter().take(20) {
        let t = Instant::now();
        let out = run(q);
        times.push(t.elapsed());
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    times.sort();
    println!(
        "`gehoor search` process (spawn to exit, {} runs): median {} p90 {} max {}",
        times.len(),
        ms(times[times.len() / 2]),
        ms(times[times.len() * 9 / 10]),
        ms(*times.last().expect("times"))
    );
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1e3)
}

fn us(d: Duration) -> String {
    format!("{:.0} µs", d.as_secs_f64() * 1e6)
}
