//! Checks that need the whole catalog: what `show_if` refers to and whether
//! it makes sense, cycles, conditions that can never hold, corpus refs and
//! profile topics.

mod cycles;
mod profiles;
mod reach;
mod refs;
mod types;
use crate::questionnaire::Code;
use cycles::*;
use profiles::*;
use reach::*;
use refs::*;
use types::*;

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::path::Path;

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

use super::diag::{Diagnostic, Lines, Severity, did_you_mean, make_with};
use super::expr::{CmpOp, Expr, ExprKind, Lit, Ref};
use super::load::Loaded;
use super::model::*;

struct Ctx<'a> {
    loaded: &'a Loaded,
    out: Vec<Diagnostic>,
    /// Line starts per file, built on its first diagnostic.
    lines: HashMap<&'a Path, Lines>,
}

impl Ctx<'_> {
    fn push(
        &mut self,
        severity: Severity,
        code: Code,
        path: &Path,
        span: Range<usize>,
        args: &[(&'static str, &str)],
        suggestion: Option<String>,
    ) {
        let (key, text) = self
            .loaded
            .texts
            .get_key_value(path)
            .map_or((None, ""), |(k, t)| (Some(k.as_path()), t.as_str()));
        let empty = Lines::default();
        let lines = match key {
            Some(k) => self.lines.entry(k).or_insert_with(|| Lines::new(text)),
            None => &empty,
        };
        self.out.push(make_with(
            severity, code, path, text, lines, span, args, suggestion,
        ));
    }

    fn error(
        &mut self,
        code: Code,
        path: &Path,
        span: Range<usize>,
        args: &[(&'static str, &str)],
    ) {
        self.push(Severity::Error, code, path, span, args, None);
    }
}

/// What a reference resolved to.
enum Target<'a> {
    Found(&'a Question),
    /// Exists but could not be loaded; already reported.
    Broken,
    Missing,
}

fn resolve<'a>(cat: &'a Catalog, loaded: &Loaded, here: &str, r: &Ref) -> Target<'a> {
    let qn_id = r.questionnaire.as_deref().unwrap_or(here);
    match cat.questionnaire(qn_id) {
        Some(qn) => match qn.question(&r.question) {
            Some(q) => Target::Found(q),
            None if loaded.broken.contains(&format!("{qn_id}.{}", r.question)) => Target::Broken,
            None => Target::Missing,
        },
        None if loaded.broken.contains(qn_id) => Target::Broken,
        None => Target::Missing,
    }
}

pub(crate) fn analyze(loaded: &Loaded, known_refs: &[String]) -> Vec<Diagnostic> {
    let mut cx = Ctx {
        loaded,
        out: Vec::new(),
        lines: HashMap::new(),
    };
    let cat = &loaded.catalog;
    for qn in &cat.questionnaires {
        let mut first_in: HashMap<&str, usize> = HashMap::new();
        for (i, q) in qn.questions.iter().enumerate() {
            if let Some(g) = &q.group {
                first_in.entry(g.as_str()).or_insert(i);
            }
        }
        for g in &qn.groups {
            if let Some(e) = &g.show_if {
                let first = first_in.get(g.id.as_str()).copied();
                check_expr(&mut cx, qn, e, first, None);
            }
        }
        for (i, q) in qn.questions.iter().enumerate() {
            if let Some(e) = &q.show_if {
                check_expr(&mut cx, qn, e, Some(i), q.group.as_deref());
            }
            if let Some(c) = &q.computed {
                check_computed(&mut cx, qn, c);
            }
        }
    }
    cycles(&mut cx);
    never_shown(&mut cx);
    corpus_refs(&mut cx, known_refs);
    profiles(&mut cx);
    cx.out
}

/// `asked_at`: the position of the question (or the group's first
/// question) the condition decides about; a reference to a question at or
/// after it reads an answer that cannot have been given yet.
/// `group`: the repeat group the condition is evaluated in, if any.
fn check_expr(
    cx: &mut Ctx,
    qn: &Questionnaire,
    e: &Expr,
    asked_at: Option<usize>,
    group: Option<&str>,
) {
    let cat = &cx.loaded.catalog;
    // References first: each unknown one once.
    for r in e.refs() {
        let same_file = r.questionnaire.as_deref().is_none_or(|q| q == qn.id);
        let position = qn.position(&r.question);
        if same_file
            && let (Some(at), Some(pos)) = (asked_at, position)
            && pos > at
        {
            let name = r.to_string();
            cx.push(
                Severity::Warning,
                Code::ForwardRef,
                &qn.path,
                r.span.clone(),
                &[("name", &name)],
                None,
            );
        }
        match resolve(cat, cx.loaded, &qn.id, r) {
            Target::Found(target) if target.retired => retired_ref(cx, qn, r),
            Target::Found(target)
                if target.group.is_some() && (!same_file || target.group.as_deref() != group) =>
            {
                let name = r.to_string();
                let g = target.group.clone().unwrap_or_default();
                cx.push(
                    Severity::Warning,
                    Code::GroupRefOutside,
                    &qn.path,
                    r.span.clone(),
                    &[("name", &name), ("group", &g)],
                    None,
                );
            }
            Target::Found(..) | Target::Broken => {}
            Target::Missing => unknown_ref(cx, qn, r),
        }
    }
    check_types(cx, qn, e, true);
}

fn retired_ref(cx: &mut Ctx, qn: &Questionnaire, r: &Ref) {
    let name = r.to_string();
    cx.push(
        Severity::Warning,
        Code::RetiredRef,
        &qn.path,
        r.span.clone(),
        &[("name", &name)],
        None,
    );
}

fn unknown_ref(cx: &mut Ctx, qn: &Questionnaire, r: &Ref) {
    let cat = &cx.loaded.catalog;
    let name = r.to_string();
    let qn_id = r.questionnaire.as_deref().unwrap_or(&qn.id);
    let Some(target_qn) = cat.questionnaire(qn_id) else {
        let ids = cat.questionnaires.iter().map(|q| q.id.as_str());
        let sugg = did_you_mean(qn_id, ids).map(|s| format!("{s}.{}", r.question));
        cx.push(
            Severity::Error,
            Code::UnknownQuestionnaireRef,
            &qn.path,
            r.span.clone(),
            &[("name", &name), ("questionnaire", qn_id)],
            sugg,
        );
        return;
    };
    if let Some(now) = target_qn.resolve_renamed(&r.question) {
        let new = match &r.questionnaire {
            Some(q) => format!("{q}.{}", now.id),
            None => now.id.clone(),
        };
        cx.push(
            Severity::Error,
            Code::RenamedRef,
            &qn.path,
            r.span.clone(),
            &[("name", &name), ("new", &new)],
            Some(new.clone()),
        );
        return;
    }
    let sugg = did_you_mean(
        &r.question,
        target_qn.questions.iter().map(|q| q.id.as_str()),
    )
    .map(|s| match &r.questionnaire {
        Some(q) => format!("{q}.{s}"),
        None => s,
    });
    cx.push(
        Severity::Error,
        Code::UnknownQuestion,
        &qn.path,
        r.span.clone(),
        &[("name", &name), ("questionnaire", qn_id)],
        sugg,
    );
}

/// A computed question must name an existing date question.
fn check_computed(cx: &mut Ctx, qn: &Questionnaire, c: &super::computed::Computed) {
    let r = &c.source;
    match resolve(&cx.loaded.catalog, cx.loaded, &qn.id, r) {
        Target::Found(target) if !matches!(target.kind, Kind::Date { .. }) => {
            let name = r.to_string();
            let kind = target.kind.name();
            cx.error(
                Code::ComputedNotDate,
                &qn.path,
                r.span.clone(),
                &[("name", &name), ("kind", kind)],
            );
        }
        Target::Found(target) if target.retired => retired_ref(cx, qn, r),
        Target::Found(..) | Target::Broken => {}
        Target::Missing => unknown_ref(cx, qn, r),
    }
}
