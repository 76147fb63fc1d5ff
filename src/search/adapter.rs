//! From the parsed corpus to the index's input.

use super::{Glossary, Index, Passage};
use crate::assets::{FileSet, Origin};
use crate::corpus::Corpus;
use crate::error::Result;
use crate::i18n::Lang;

/// The section id the corpus parser gives the report's reference list.
const BIBLIOGRAPHY: &str = "bibliografie";

const GLOSSARY_FILE: &str = "glossary.toml";

/// One passage per paragraph. `section` is the ref segment (the heading
/// number, or the slug of an unnumbered part), so refs and sections agree;
/// a bold sub-heading is appended to the section title ("Title › Sub"), where
/// it is indexed with the title's weight.
///
/// The report's bibliography is left out: it repeats source titles the
/// paragraphs' footnotes already carry, and its short English entries would
/// outrank the text that answers a question (measured: recall@3 drops).
pub fn passages_from(corpus: &Corpus) -> Vec<Passage> {
    corpus
        .passages()
        .filter(|v| v.section_id != Some(BIBLIOGRAPHY))
        .map(|v| {
            let title = v.section_title.unwrap_or("");
            let section_title = match v.subheading {
                Some(sub) if !title.is_empty() => format!("{title} › {sub}"),
                Some(sub) => sub.to_string(),
                None => title.to_string(),
            };
            Passage {
                reference: v.reference.clone(),
                doc: v.doc_id.to_string(),
                section: v.section_id.unwrap_or("").to_string(),
                section_title,
                text: v.text.to_string(),
                footnotes: v.footnotes.iter().map(|f| f.text.clone()).collect(),
                lang: Lang::parse(v.language).unwrap_or_default(),
            }
        })
        .collect()
}

/// The glossary shipped beside the documents (`glossary.toml` at the corpus
/// root); an empty one when the folder has none.
pub fn glossary_from(files: &FileSet) -> Result<Glossary> {
    match files.get(GLOSSARY_FILE) {
        Some(f) => Glossary::parse_at(&files.display_path(f), &f.text),
        None => Ok(Glossary::default()),
    }
}

/// Corpus, glossary and index in one call, for a background thread:
/// `std::thread::spawn(move || search::index_files(&files))`.
/// Lexical until vectors are set (`Index::set_vectors`; see
/// `index_files_with_vectors`).
pub fn index_files(files: &FileSet) -> Result<Index> {
    let glossary = glossary_from(files)?;
    let corpus = Corpus::load(files)?;
    Ok(Index::build(passages_from(&corpus), &glossary))
}

/// As `index_files`, and the built-in corpus gets its committed passage
/// vectors, so it searches fused at once.
pub fn index_files_with_vectors(files: &FileSet) -> Result<Index> {
    let index = index_files(files)?;
    if matches!(files.origin, Origin::Embedded { .. })
        && let Some(v) = super::dense::builtin_vectors()
    {
        index.set_vectors(v);
    }
    Ok(index)
}
