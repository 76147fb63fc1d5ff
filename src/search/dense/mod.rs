//! Dense retrieval: multilingual-e5-small (4-bit, vocabulary pruned to Dutch,
//! English and Russian; see docs/model.md) embedded in the binary, and the
//! passage vectors it is searched with. Pure apart from running the model.

mod ffi;
pub mod queries;
pub mod vectors;

use std::sync::{Mutex, OnceLock};

pub use queries::QueryVectors;
pub use vectors::PassageVectors;

/// The model image, aligned as the engine reads it (see `ffi`).
#[repr(C, align(64))]
struct Aligned<B: ?Sized>(B);

static IMAGE: &Aligned<[u8]> = &Aligned(*include_bytes!("../../../model/e5-small-nl-en-ru-q4.bin"));

static BUILTIN_VECTORS: &[u8] = include_bytes!("../../../model/corpus-vectors.bin");

/// The committed vectors of the built-in corpus (`examples/embed_corpus.rs`);
/// `Index::set_vectors` accepts them only if they match its passages.
pub fn builtin_vectors() -> Option<PassageVectors> {
    PassageVectors::from_bytes(BUILTIN_VECTORS)
}

static BUILTIN_QUESTION_VECTORS: &[u8] = include_bytes!("../../../model/question-vectors.bin");

/// The committed vectors of the built-in questionnaires' question texts
/// (`examples/embed_corpus.rs`), as the built-in corpus's glossary rewrites
/// them; looked up by text, so a question not among them has none.
pub fn builtin_question_vectors() -> Option<QueryVectors> {
    QueryVectors::from_bytes(BUILTIN_QUESTION_VECTORS)
}

const MAX_QUERY: usize = 200;

/// The shipped model, loaded on first use. Loading parses the vocabulary
/// (a few milliseconds); the weights are read in place from the binary.
pub fn model() -> &'static Model {
    static MODEL: OnceLock<Model> = OnceLock::new();
    MODEL.get_or_init(|| Model {
        engine: ffi::Engine::load(&IMAGE.0).expect("the embedded model image loads"),
        last: Mutex::new(None),
    })
}

#[derive(Debug)]
pub struct Model {
    engine: ffi::Engine,
    /// The last query and its vector: callers often rank one query twice
    /// (with and without a document filter, lexical and fused).
    last: Mutex<Option<(String, Vec<f32>)>>,
}

impl Model {
    pub fn dim(&self) -> usize {
        self.engine.dim()
    }

    /// Whether the AVX2 build of the engine runs (else the portable one).
    pub fn uses_avx2(&self) -> bool {
        self.engine.uses_avx2()
    }

    /// A search query (e5's "query: " prefix is added by the engine). Only
    /// the first `MAX_QUERY` bytes count: a question is shorter, and a
    /// pasted page would cost a second per keystroke pause.
    pub fn query(&self, text: &str) -> Vec<f32> {
        let mut end = text.len().min(MAX_QUERY);
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let text = &text[..end];
        let cached = |m: &Option<(String, Vec<f32>)>| {
            m.as_ref()
                .filter(|(q, _)| q == text)
                .map(|(_, v)| v.clone())
        };
        if let Some(v) = self.last.lock().ok().and_then(|m| cached(&m)) {
            return v;
        }
        let v = self.engine.embed(&[text], true);
        if let Ok(mut m) = self.last.lock() {
            *m = Some((text.to_string(), v.clone()));
        }
        v
    }

    /// Passages ("passage: " prefix), row-major `texts.len() * dim`.
    pub fn passages(&self, texts: &[&str]) -> Vec<f32> {
        self.engine.embed(texts, false)
    }
}

/// Eight independent sums, so the compiler can keep them in one vector
/// register: a single running sum must add in order and stays scalar, which
/// made the dense ranking of 33,800 passages cost about 15 ms.
pub fn dot(a: &[f32], b: &[f32]) -> f32 {
    let n = a.len().min(b.len());
    let (ca, ra) = a[..n].as_chunks::<8>();
    let (cb, rb) = b[..n].as_chunks::<8>();
    let mut acc = [0.0f32; 8];
    for (x, y) in ca.iter().zip(cb) {
        for i in 0..8 {
            acc[i] += x[i] * y[i];
        }
    }
    let tail: f32 = ra.iter().zip(rb).map(|(x, y)| x * y).sum();
    acc.iter().sum::<f32>() + tail
}

#[cfg(test)]
mod tests {
    #[test]
    fn dot_adds_every_product_whatever_the_length() {
        for n in [0, 1, 7, 8, 9, 384, 389] {
            let a: Vec<f32> = (0..n).map(|i| (i % 7) as f32 - 3.0).collect();
            let b: Vec<f32> = (0..n).map(|i| (i % 5) as f32 * 0.5).collect();
            let naive: f32 = a.iter().zip(&b).map(|(x, y)| x * y).sum();
            assert!((super::dot(&a, &b) - naive).abs() < 1e-3, "{n}");
        }
    }
}
