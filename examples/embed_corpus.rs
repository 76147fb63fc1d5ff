//! Writes `model/corpus-vectors.bin`: the e5 vectors of every passage of the
//! built-in corpus, which the binary embeds so searching it needs no start-up
//! embedding. Run after changing the corpus or the model:
//!
//!     cargo run --release --example embed_corpus
//!
//! `tests/it/dense.rs` fails while the file does not match the corpus.
fn main() {
    let files = gehoor::assets::FileSet::embedded_corpus();
    let corpus = gehoor::corpus::Corpus::load(&files).expect("the built-in corpus loads");
    let passages = gehoor::search::passages_from(&corpus);
    let model = gehoor::search::dense::model();
    let vectors =
        gehoor::search::dense::PassageVectors::compute(model, &passages, |done, total| {
            eprint!("\rembedding passages: {done}/{total}");
        });
    eprintln!();
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/model/corpus-vectors.bin");
    std::fs::write(path, vectors.to_bytes()).expect("write model/corpus-vectors.bin");
    eprintln!("wrote {path}");
}
