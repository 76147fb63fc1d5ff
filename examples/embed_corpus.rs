//! Writes `model/corpus-vectors.bin`, the e5 vectors of every passage of the
//! built-in corpus, and `model/question-vectors.bin`, those of every question
//! text of the built-in questionnaires (both languages, as the source pane
//! searches with them): the binary embeds both, so neither a search of the
//! built-in corpus nor a question's source pane needs to embed at start-up.
//! Run after changing the corpus, the glossary, a question or the model:
//!
//!     cargo run --release --example embed_corpus
//!
//! `tests/it/dense.rs` fails while either file is stale.
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

    let index = gehoor::search::index_files(&files).expect("the built-in corpus indexes");
    let (catalog, _) = gehoor::questionnaire::load_checked(
        &gehoor::assets::FileSet::embedded_questionnaires(),
        &corpus.refs(),
    );
    let inputs = gehoor::search::dense::queries::question_inputs(&catalog, &index);
    let inputs: Vec<&str> = inputs.iter().map(String::as_str).collect();
    let questions =
        gehoor::search::dense::QueryVectors::default().extended(model, &inputs, |done, total| {
            eprint!("\rembedding questions: {done}/{total}")
        });
    eprintln!();
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/model/question-vectors.bin");
    std::fs::write(path, questions.to_bytes()).expect("write model/question-vectors.bin");
    eprintln!("wrote {path}");
}
