//! Questionnaires: the model, the TOML loader with spans, and `show_if`.
//! The format is documented for trainers in docs/questionnaires.md.

mod analyze;
mod code;
pub mod computed;
pub mod diag;
pub mod editions;
pub mod expr;
pub mod grounding;
mod ids;
mod load;
pub mod model;
mod table;
pub mod value;

pub use code::Code;
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

/// `check` plus the grounding rules, which need the corpus text: numbers in
/// hints and guidance against the cited sections, and `as_of` against the
/// reporting periods (see `grounding`).
pub fn check_grounded(
    files: &FileSet,
    known_refs: &[String],
    grounds: &grounding::Grounds,
) -> Vec<Diagnostic> {
    let loaded = load::load_all(files);
    let mut out = loaded.diagnostics.clone();
    out.extend(analyze::analyze(&loaded, known_refs));
    out.extend(grounding::check(&loaded, grounds));
    sort(&mut out);
    out
}

fn sort(out: &mut Vec<Diagnostic>) {
    out.sort_by(|a, b| {
        // By the code's name, so the order is the same in every release.
        (&a.file, a.span.start, a.severity, a.code.as_str()).cmp(&(
            &b.file,
            b.span.start,
            b.severity,
            b.code.as_str(),
        ))
    });
    out.dedup();
}

/// The catalog and every diagnostic from one parse of `files`: what the
/// program needs at start-up, without reading the files twice.
pub fn load_checked(files: &FileSet, known_refs: &[String]) -> (Catalog, Vec<Diagnostic>) {
    let loaded = load::load_all(files);
    let mut out = loaded.diagnostics.clone();
    out.extend(analyze::analyze(&loaded, known_refs));
    out.extend(grounding::check(&loaded, &grounding::Grounds::default()));
    sort(&mut out);
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
