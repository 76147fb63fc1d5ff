//! Questionnaires: the model, the TOML loader with spans, and `show_if`.
//! The format is documented for trainers in docs/questionnaires.md.

mod analyze;
pub mod diag;
pub mod expr;
mod ids;
mod load;
pub mod model;
mod table;
pub mod value;

pub use diag::{Diagnostic, Severity};
pub use expr::{Answers, Expr, Scope};
pub use ids::{FullId, GroupId, QuestionId};
pub use load::{
    CHOICE_KEYS, GROUP_KEYS, PROFILE_KEYS, QUESTION_KEYS, QUESTIONNAIRE_KEYS, SECTION_KEYS, load,
};
pub use model::*;
pub use value::{AnswerStatus, DatePrecision, PartialDate, Value, display_value};

use crate::assets::FileSet;

/// Load and check everything in `files`: every problem, sorted by file and
/// position. `known_refs` are the valid corpus refs; an entry `DOC#*`
/// accepts every well-formed ref into DOC.
pub fn check(files: &FileSet, known_refs: &[String]) -> Vec<Diagnostic> {
    load_checked(files, known_refs).1
}

/// The catalog and every diagnostic from one parse of `files`: what the
/// program needs at start-up, without reading the files twice.
pub fn load_checked(files: &FileSet, known_refs: &[String]) -> (Catalog, Vec<Diagnostic>) {
    let loaded = load::load_all(files);
    let mut out = loaded.diagnostics.clone();
    out.extend(analyze::analyze(&loaded, known_refs));
    out.sort_by(|a, b| {
        (&a.file, a.span.start, a.severity, a.code).cmp(&(
            &b.file,
            b.span.start,
            b.severity,
            b.code,
        ))
    });
    out.dedup();
    (loaded.catalog, out)
}

/// Whether `question` is shown given the answers so far: its own `show_if`
/// and its group's must hold; a retired question is never shown.
pub fn visible(
    catalog: &Catalog,
    questionnaire: &Questionnaire,
    question: &Question,
    answers: &dyn Answers,
    instance: Option<usize>,
) -> bool {
    let _ = catalog;
    if question.retired {
        return false;
    }
    let scope = Scope {
        questionnaire: &questionnaire.id,
        instance,
    };
    let own = question
        .show_if
        .as_ref()
        .is_none_or(|e| e.eval(answers, &scope));
    // The group's condition decides whether any instance exists; it is read
    // outside the instance.
    let group_scope = Scope {
        questionnaire: &questionnaire.id,
        instance: None,
    };
    let group = question
        .group
        .as_deref()
        .and_then(|g| questionnaire.group(g))
        .and_then(|g| g.show_if.as_ref())
        .is_none_or(|e| e.eval(answers, &group_scope));
    own && group
}
