//! Parse the whole shipped corpus (five documents, 408 footnotes) repeatedly
//! and report the time per full parse. Run: `cargo bench --bench corpus_parse`.

use std::time::{Duration, Instant};

use gehoor::assets::FileSet;
use gehoor::corpus::Corpus;

fn main() {
    let files = FileSet::embedded_corpus();
    // Warm up caches and the allocator.
    for _ in 0..5 {
        std::hint::black_box(Corpus::load(&files).expect("shipped corpus loads"));
    }
    let runs = 50;
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            let corpus = Corpus::load(std::hint::black_box(&files)).expect("loads");
            let took = start.elapsed();
            std::hint::black_box(corpus);
            took
        })
        .collect();
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let mean = times.iter().sum::<Duration>() / runs;
    println!(
        "corpus_parse: {runs} runs, min {:.2} ms, median {:.2} ms, mean {:.2} ms, max {:.2} ms",
        ms(times[0]),
        ms(times[times.len() / 2]),
        ms(mean),
        ms(times[times.len() - 1]),
    );
}
