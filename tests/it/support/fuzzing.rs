//! What the cargo-fuzz targets (`fuzz/`) and their property tests
//! (`tests/fuzz_props.rs`) both stand on: answer sets for `show_if`, and the
//! search worlds. Included by path from both crates, so the two never drift.

#![allow(dead_code)]

use std::sync::OnceLock;

use gehoor::assets::FileSet;
use gehoor::corpus::Corpus;
use gehoor::questionnaire::{Answers, Value};
use gehoor::search::{self, Index};

pub struct NoAnswers;

impl Answers for NoAnswers {
    fn get(&self, _: &str, _: Option<usize>) -> Option<&Value> {
        None
    }
}

/// Every question answered with the same value, so comparisons take the
/// typed paths too.
pub struct All(pub Value);

impl Answers for All {
    fn get(&self, _: &str, _: Option<usize>) -> Option<&Value> {
        Some(&self.0)
    }
}

pub struct World {
    pub index: Index,
    pub corpus: Corpus,
    pub titles: Vec<String>,
}

impl World {
    fn new(files: FileSet) -> World {
        let corpus = Corpus::load(&files).expect("corpus loads");
        let titles = corpus.sections().map(|(_, _, t)| t.to_string()).collect();
        World {
            index: search::index_files(&files).expect("index builds"),
            corpus,
            titles,
        }
    }
}

/// The shipped corpus.
pub fn world() -> &'static World {
    static WORLD: OnceLock<World> = OnceLock::new();
    WORLD.get_or_init(|| World::new(FileSet::corpus(None).expect("embedded corpus")))
}

/// The small shipped documents with their spaces turned into no-break and
/// em spaces and a few escape sequences and bidi overrides mixed in: what a
/// user's own corpus from PDF or web text looks like, and where snippet
/// cutting once panicked.
pub fn hostile_world() -> &'static World {
    static WORLD: OnceLock<World> = OnceLock::new();
    WORLD.get_or_init(|| {
        let mut files = FileSet::embedded_corpus();
        files
            .files
            .retain(|f| !f.rel.starts_with("ambtsbericht-rf-2025/"));
        for f in files.files.iter_mut().filter(|f| f.rel.ends_with(".txt")) {
            f.text = hostile_spaces(&f.text);
        }
        World::new(files)
    })
}

fn hostile_spaces(text: &str) -> String {
    let mut n = 0usize;
    let mut out = String::with_capacity(text.len() * 2);
    for c in text.chars() {
        if c != ' ' {
            out.push(c);
            continue;
        }
        n += 1;
        match n {
            n if n % 11 == 0 => out.push_str(" \u{1b}[31m"),
            n if n % 13 == 0 => out.push_str("\u{202e} "),
            n if n % 5 == 0 => out.push('\u{2003}'),
            n if n % 2 == 0 => out.push('\u{a0}'),
            _ => out.push(' '),
        }
    }
    out
}
