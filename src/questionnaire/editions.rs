//! Questionnaire refs against editions: when a document says
//! `supersedes = "OLD"`, every ref into OLD gets a verdict (certain move,
//! changed, removed) for `gehoor check` and `gehoor questionnaires migrate`.

use std::ops::Range;
use std::path::PathBuf;

use super::Code;
use super::diag::{Diagnostic, Severity, make};
use super::model::Catalog;
use crate::assets::FileSet;
use crate::corpus::Corpus;
use crate::corpus::edition::{EditionDiff, Fate, fate};

/// One place a questionnaire cites a ref.
#[derive(Debug, Clone)]
pub struct RefUse {
    pub file: PathBuf,
    /// Byte range of the string in the file.
    pub span: Range<usize>,
    pub reference: String,
}

/// Every ref in the catalog, in file order.
pub fn ref_uses(catalog: &Catalog) -> Vec<RefUse> {
    let mut out = Vec::new();
    for qn in &catalog.questionnaires {
        let header = qn.sources.iter().zip(&qn.spans.sources);
        let questions = qn
            .questions
            .iter()
            .flat_map(|q| q.sources.iter().zip(&q.spans.sources));
        for (r, span) in header.chain(questions) {
            out.push(RefUse {
                file: qn.path.clone(),
                span: span.clone(),
                reference: r.clone(),
            });
        }
    }
    out.sort_by(|a, b| (&a.file, a.span.start).cmp(&(&b.file, b.span.start)));
    out
}

/// (old id, new id) for every document that supersedes another in `corpus`.
pub fn editions(corpus: &Corpus) -> Vec<(String, String)> {
    corpus
        .documents
        .iter()
        .filter_map(|d| {
            let old = d.meta.supersedes.as_ref()?;
            corpus.document(old)?;
            Some((old.clone(), d.meta.id.clone()))
        })
        .collect()
}

/// The verdict on every ref into `diff.old`, with where it is cited.
pub fn verdicts(catalog: &Catalog, diff: &EditionDiff<'_>) -> Vec<(RefUse, Fate)> {
    ref_uses(catalog)
        .into_iter()
        .filter_map(|u| fate(diff, &u.reference).map(|f| (u, f)))
        .collect()
}

/// `check`'s warnings for refs into superseded editions.
pub fn diagnostics(catalog: &Catalog, corpus: &Corpus, files: &FileSet) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (old_id, new_id) in editions(corpus) {
        let (Some(old), Some(new)) = (corpus.document(&old_id), corpus.document(&new_id)) else {
            continue;
        };
        let diff = EditionDiff::compare(old, new);
        for (u, f) in verdicts(catalog, &diff) {
            let text = files
                .files
                .iter()
                .find(|t| files.display_path(t) == u.file)
                .map_or("", |t| t.text.as_str());
            let r = u.reference.as_str();
            let (code, args): (Code, Vec<(&'static str, String)>) = match &f {
                Fate::Certain { new_ref } => {
                    (Code::SupersededMoved, vec![("new", new_ref.clone())])
                }
                Fate::Changed {
                    class,
                    candidates,
                    hint,
                } => (
                    Code::SupersededChanged,
                    vec![
                        ("class", (*class).to_string()),
                        ("candidates", candidates.join(", ")),
                        ("diff", hint.clone()),
                    ],
                ),
                Fate::Removed => (Code::SupersededRemoved, Vec::new()),
                Fate::Unknown => continue,
            };
            let mut all: Vec<(&'static str, &str)> =
                vec![("ref", r), ("old", &old_id), ("doc", &new_id)];
            all.extend(args.iter().map(|(k, v)| (*k, v.as_str())));
            out.push(make(
                Severity::Warning,
                code,
                &u.file,
                text,
                u.span.clone(),
                &all,
                None,
            ));
        }
    }
    out
}
