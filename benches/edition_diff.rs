//! Align the shipped report with its fictional next edition (the test
//! fixture) repeatedly: the cost of `corpus diff`, of `check` with a
//! `supersedes`, and of loading a corpus that holds both editions.
//! Run: `cargo bench --bench edition_diff`.

use std::path::Path;
use std::time::{Duration, Instant};

use gehoor::assets::FileSet;
use gehoor::corpus::Corpus;
use gehoor::corpus::edition::EditionDiff;

fn report(name: &str, mut times: Vec<Duration>) {
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "{name}: {} runs, min {:.2} ms, median {:.2} ms, max {:.2} ms",
        times.len(),
        ms(times[0]),
        ms(times[times.len() / 2]),
        ms(times[times.len() - 1]),
    );
}

fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/edition/corpus");
    let files = FileSet::from_dir(&dir).expect("fixture corpus");
    let corpus = Corpus::load(&files).expect("loads");
    let old = corpus.document("ambtsbericht-rf-2025").unwrap();
    let new = corpus.document("ambtsbericht-rf-next-test").unwrap();
    for _ in 0..3 {
        std::hint::black_box(EditionDiff::compare(old, new));
    }
    let runs = 30;
    let diff: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            std::hint::black_box(EditionDiff::compare(
                std::hint::black_box(old),
                std::hint::black_box(new),
            ));
            start.elapsed()
        })
        .collect();
    report("edition_diff (compare)", diff);
    let load: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            std::hint::black_box(Corpus::load(std::hint::black_box(&files)).expect("loads"));
            start.elapsed()
        })
        .collect();
    report("edition_diff (load both editions)", load);
}
