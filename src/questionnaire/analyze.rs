//! Checks that need the whole catalog: what `show_if` refers to and whether
//! it makes sense, cycles, conditions that can never hold, corpus refs and
//! profile topics.

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
        code: &'static str,
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
        code: &'static str,
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
                "forward_ref",
                &qn.path,
                r.span.clone(),
                &[("name", &name)],
                None,
            );
        }
        match resolve(cat, cx.loaded, &qn.id, r) {
            Target::Found(target) if target.retired => {
                let name = r.to_string();
                cx.push(
                    Severity::Warning,
                    "retired_ref",
                    &qn.path,
                    r.span.clone(),
                    &[("name", &name)],
                    None,
                );
            }
            Target::Found(target)
                if target.group.is_some() && (!same_file || target.group.as_deref() != group) =>
            {
                let name = r.to_string();
                let g = target.group.clone().unwrap_or_default();
                cx.push(
                    Severity::Warning,
                    "group_ref_outside",
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

fn unknown_ref(cx: &mut Ctx, qn: &Questionnaire, r: &Ref) {
    let cat = &cx.loaded.catalog;
    let name = r.to_string();
    let qn_id = r.questionnaire.as_deref().unwrap_or(&qn.id);
    let Some(target_qn) = cat.questionnaire(qn_id) else {
        let ids = cat.questionnaires.iter().map(|q| q.id.as_str());
        let sugg = did_you_mean(qn_id, ids).map(|s| format!("{s}.{}", r.question));
        cx.push(
            Severity::Error,
            "unknown_questionnaire_ref",
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
            "renamed_ref",
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
        "unknown_question",
        &qn.path,
        r.span.clone(),
        &[("name", &name), ("questionnaire", qn_id)],
        sugg,
    );
}

/// The static type of a comparison operand.
enum Ty<'q, 'l> {
    Question(&'q Question, String),
    Lit(&'l Lit),
    /// Unresolved or broken: already reported.
    Unknown,
}

fn operand_ty<'c, 'l>(cx: &mut Ctx<'c>, qn: &Questionnaire, e: &'l Expr) -> Ty<'c, 'l> {
    match &e.kind {
        ExprKind::Lit(l) => Ty::Lit(l),
        ExprKind::Ref(r) => match resolve(&cx.loaded.catalog, cx.loaded, &qn.id, r) {
            Target::Found(q) => Ty::Question(q, r.to_string()),
            _ => Ty::Unknown,
        },
        _ => {
            cx.error("expr_operand", &qn.path, e.span.clone(), &[]);
            Ty::Unknown
        }
    }
}

fn lit_name(l: &Lit) -> &'static str {
    match l {
        Lit::Str(_) => "text",
        Lit::Num(_) => "number",
        Lit::Date(_) => "date",
        Lit::Bool(_) => "true/false",
    }
}

fn is_year(n: f64) -> bool {
    n.fract() == 0.0 && (1000.0..=9999.0).contains(&n)
}

/// Whether a literal can be compared with a question of `kind` using `op`.
fn lit_fits(kind: &Kind, op: CmpOp, l: &Lit) -> bool {
    match (kind, l) {
        (Kind::YesNo, Lit::Str(_) | Lit::Bool(_)) => !op.is_order(),
        (Kind::SingleChoice { .. }, Lit::Str(_)) => !op.is_order(),
        (Kind::Number { .. }, Lit::Num(_)) => true,
        (Kind::Date { .. }, Lit::Date(_)) => true,
        (Kind::Date { .. }, Lit::Num(n)) => is_year(*n),
        (Kind::ShortText | Kind::LongText, Lit::Str(_)) => !op.is_order(),
        _ => false,
    }
}

fn check_types(cx: &mut Ctx, qn: &Questionnaire, e: &Expr, condition: bool) {
    match &e.kind {
        ExprKind::Lit(Lit::Bool(_)) | ExprKind::Ref(_) | ExprKind::Answered(_) => {}
        ExprKind::Lit(_) => {
            if condition {
                cx.error("not_a_condition", &qn.path, e.span.clone(), &[]);
            }
        }
        ExprKind::Not(a) => check_types(cx, qn, a, true),
        ExprKind::And(a, b) | ExprKind::Or(a, b) => {
            check_types(cx, qn, a, true);
            check_types(cx, qn, b, true);
        }
        ExprKind::Cmp {
            op,
            op_span,
            left,
            right,
        } => {
            let l = operand_ty(cx, qn, left);
            let r = operand_ty(cx, qn, right);
            if *op == CmpOp::In {
                check_in(cx, qn, &l, &r, left, right);
            } else {
                check_cmp(cx, qn, *op, op_span, &l, &r, left, right);
            }
        }
    }
}

fn check_in(cx: &mut Ctx, qn: &Questionnaire, l: &Ty, r: &Ty, left: &Expr, right: &Expr) {
    match r {
        Ty::Question(q, name) => match &q.kind {
            Kind::MultiChoice { choices } => match l {
                Ty::Lit(Lit::Str(v)) => unknown_choice(cx, qn, v, name, choices, left.span.clone()),
                Ty::Question(lq, _) if matches!(lq.kind, Kind::SingleChoice { .. }) => {}
                Ty::Unknown => {}
                _ => in_left(cx, qn, left),
            },
            Kind::ShortText | Kind::LongText => match l {
                Ty::Lit(Lit::Str(_)) | Ty::Unknown => {}
                Ty::Question(lq, _) if lq.kind.is_text() => {}
                _ => in_left(cx, qn, left),
            },
            other => {
                cx.error(
                    "in_type",
                    &qn.path,
                    right.span.clone(),
                    &[("name", name), ("kind", other.name())],
                );
            }
        },
        Ty::Lit(lit) => {
            cx.error(
                "in_type",
                &qn.path,
                right.span.clone(),
                &[("name", &lit.to_string()), ("kind", lit_name(lit))],
            );
        }
        Ty::Unknown => {}
    }
}

fn in_left(cx: &mut Ctx, qn: &Questionnaire, left: &Expr) {
    cx.error(
        "in_left",
        &qn.path,
        left.span.clone(),
        &[("found", &left.to_string())],
    );
}

fn unknown_choice(
    cx: &mut Ctx,
    qn: &Questionnaire,
    v: &str,
    name: &str,
    choices: &[Choice],
    span: Range<usize>,
) {
    if choices.iter().any(|c| c.value == v) {
        return;
    }
    let list: Vec<&str> = choices.iter().map(|c| c.value.as_str()).collect();
    let sugg = did_you_mean(v, list.iter().copied()).map(|s| format!("\"{s}\""));
    cx.push(
        Severity::Error,
        "unknown_choice",
        &qn.path,
        span,
        &[("value", v), ("name", name), ("choices", &list.join(", "))],
        sugg,
    );
}

#[allow(clippy::too_many_arguments)]
fn check_cmp(
    cx: &mut Ctx,
    qn: &Questionnaire,
    op: CmpOp,
    op_span: &Range<usize>,
    l: &Ty,
    r: &Ty,
    left: &Expr,
    right: &Expr,
) {
    let (q, name, lit, lit_span) = match (l, r) {
        (Ty::Question(q, name), Ty::Lit(lit)) => (*q, name, *lit, right.span.clone()),
        (Ty::Lit(lit), Ty::Question(q, name)) => (*q, name, *lit, left.span.clone()),
        (Ty::Question(a, an), Ty::Question(b, _)) => {
            let same = a.kind.name() == b.kind.name() || (a.kind.is_text() && b.kind.is_text());
            let ordered = matches!(a.kind, Kind::Number { .. } | Kind::Date { .. });
            if !same || (op.is_order() && !ordered) || matches!(a.kind, Kind::MultiChoice { .. }) {
                cx.error(
                    "compare_type",
                    &qn.path,
                    op_span.clone(),
                    &[
                        ("name", an),
                        ("kind", a.kind.name()),
                        ("other", b.kind.name()),
                        ("op", op.symbol()),
                    ],
                );
            }
            return;
        }
        _ => return,
    };
    if !lit_fits(&q.kind, op, lit) {
        let code = if op.is_order() && !matches!(q.kind, Kind::Number { .. } | Kind::Date { .. }) {
            "order_type"
        } else if matches!(q.kind, Kind::MultiChoice { .. }) {
            "multi_choice_eq"
        } else {
            "compare_type"
        };
        cx.error(
            code,
            &qn.path,
            lit_span,
            &[
                ("name", name),
                ("kind", q.kind.name()),
                ("other", lit_name(lit)),
                ("op", op.symbol()),
            ],
        );
        return;
    }
    match (&q.kind, lit) {
        (Kind::YesNo, Lit::Str(v)) if v != "yes" && v != "no" => {
            cx.error(
                "yes_no_value",
                &qn.path,
                lit_span,
                &[("name", name), ("value", v)],
            );
        }
        (Kind::SingleChoice { choices }, Lit::Str(v)) => {
            unknown_choice(cx, qn, v, name, choices, lit_span);
        }
        _ => {}
    }
}

/// Whether an atom can ever be true: `Dead` when it uses a question that is
/// never shown or compares with something the question cannot hold.
#[derive(Clone, Copy, PartialEq)]
enum Atom {
    Dead,
    Const(bool),
    Free,
}

struct Reach<'a> {
    cat: &'a Catalog,
    loaded: &'a Loaded,
    /// Full ids of questions that can never be shown.
    dead: &'a HashSet<String>,
    here: &'a str,
}

impl Reach<'_> {
    fn target(&self, r: &Ref) -> Option<(&Question, String)> {
        match resolve(self.cat, self.loaded, self.here, r) {
            Target::Found(q) => Some((q, r.full_id(self.here))),
            _ => None,
        }
    }

    fn ref_dead(&self, r: &Ref) -> bool {
        match resolve(self.cat, self.loaded, self.here, r) {
            Target::Found(q) => q.retired || self.dead.contains(&r.full_id(self.here)),
            Target::Broken => false,
            Target::Missing => true,
        }
    }

    fn atom(&self, e: &Expr) -> Atom {
        match &e.kind {
            ExprKind::Lit(Lit::Bool(b)) => Atom::Const(*b),
            ExprKind::Lit(_) => Atom::Const(true),
            ExprKind::Ref(r) | ExprKind::Answered(r) => {
                if self.ref_dead(r) {
                    Atom::Dead
                } else {
                    Atom::Free
                }
            }
            ExprKind::Cmp {
                op, left, right, ..
            } => {
                for side in [left, right] {
                    if let ExprKind::Ref(r) = &side.kind
                        && self.ref_dead(r)
                    {
                        return Atom::Dead;
                    }
                }
                match (&left.kind, &right.kind) {
                    (ExprKind::Lit(_), ExprKind::Lit(_)) => {
                        struct NoAnswers;
                        impl super::expr::Answers for NoAnswers {
                            fn get(
                                &self,
                                _: &str,
                                _: Option<usize>,
                            ) -> Option<&super::value::Value> {
                                None
                            }
                        }
                        let scope = super::expr::Scope {
                            questionnaire: self.here,
                            instance: None,
                        };
                        Atom::Const(e.eval(&NoAnswers, &scope))
                    }
                    (ExprKind::Ref(r), ExprKind::Lit(l)) | (ExprKind::Lit(l), ExprKind::Ref(r)) => {
                        match self.target(r) {
                            Some((q, _)) if !self.lit_possible(q, *op, l) => Atom::Dead,
                            _ => Atom::Free,
                        }
                    }
                    _ => Atom::Free,
                }
            }
            _ => Atom::Free,
        }
    }

    fn lit_possible(&self, q: &Question, op: CmpOp, l: &Lit) -> bool {
        if op == CmpOp::In {
            return match (&q.kind, l) {
                (Kind::MultiChoice { choices }, Lit::Str(v)) => {
                    choices.iter().any(|c| &c.value == v)
                }
                (Kind::ShortText | Kind::LongText, Lit::Str(_)) => true,
                _ => false,
            };
        }
        if !lit_fits(&q.kind, op, l) {
            return false;
        }
        match (&q.kind, l, op) {
            (Kind::YesNo, Lit::Str(v), CmpOp::Eq) => v == "yes" || v == "no",
            (Kind::SingleChoice { choices }, Lit::Str(v), CmpOp::Eq) => {
                choices.iter().any(|c| &c.value == v)
            }
            _ => true,
        }
    }

    fn can_true(&self, e: &Expr) -> bool {
        match &e.kind {
            ExprKind::Not(a) => self.can_false(a),
            ExprKind::Or(a, b) => self.can_true(a) || self.can_true(b),
            ExprKind::And(..) => {
                let mut parts = Vec::new();
                conjuncts(e, &mut parts);
                parts.iter().all(|p| self.can_true(p)) && self.consistent(&parts)
            }
            _ => match self.atom(e) {
                Atom::Dead => false,
                Atom::Const(b) => b,
                Atom::Free => true,
            },
        }
    }

    fn can_false(&self, e: &Expr) -> bool {
        match &e.kind {
            ExprKind::Not(a) => self.can_true(a),
            ExprKind::Or(a, b) => self.can_false(a) && self.can_false(b),
            ExprKind::And(a, b) => self.can_false(a) || self.can_false(b),
            _ => match self.atom(e) {
                Atom::Const(b) => !b,
                _ => true,
            },
        }
    }

    /// Whether the positive comparisons of a conjunction can hold together:
    /// `x == "a" and x == "b"`, `age < 10 and age > 20` cannot.
    fn consistent(&self, parts: &[&Expr]) -> bool {
        let mut eq: HashMap<String, Vec<String>> = HashMap::new();
        let mut ne: HashMap<String, Vec<String>> = HashMap::new();
        let mut lo: HashMap<String, (f64, bool)> = HashMap::new();
        let mut hi: HashMap<String, (f64, bool)> = HashMap::new();
        for p in parts {
            let (negated, inner) = match &p.kind {
                ExprKind::Not(i) => (true, &**i),
                _ => (false, *p),
            };
            let (op, r, l) = match &inner.kind {
                // A bare yes_no reference means `== "yes"`; negated, it is
                // true for "no" and for no answer, which `!=` models here.
                ExprKind::Ref(r) => match self.target(r) {
                    Some((q, _)) if q.kind == Kind::YesNo => (CmpOp::Eq, r, Lit::Str("yes".into())),
                    _ => continue,
                },
                ExprKind::Cmp {
                    op, left, right, ..
                } => match (&left.kind, &right.kind) {
                    (ExprKind::Ref(r), ExprKind::Lit(l)) => (*op, r, l.clone()),
                    (ExprKind::Lit(l), ExprKind::Ref(r)) => (flip(*op), r, l.clone()),
                    _ => continue,
                },
                _ => continue,
            };
            let key = r.full_id(self.here);
            let op = match (negated, op) {
                (false, op) => op,
                (true, CmpOp::Eq) => CmpOp::Ne,
                // `not (x != v)` is also true when x is unanswered: no constraint.
                _ => continue,
            };
            match (op, key_of(&l)) {
                (CmpOp::Eq, Key::Str(s)) => eq.entry(key).or_default().push(s),
                (CmpOp::Ne, Key::Str(s)) => ne.entry(key).or_default().push(s),
                (CmpOp::Eq, Key::Num(n)) => {
                    tighten(&mut lo, &key, n, false, true);
                    tighten(&mut hi, &key, n, false, false);
                }
                (CmpOp::Lt, Key::Num(n)) => tighten(&mut hi, &key, n, true, false),
                (CmpOp::Le, Key::Num(n)) => tighten(&mut hi, &key, n, false, false),
                (CmpOp::Gt, Key::Num(n)) => tighten(&mut lo, &key, n, true, true),
                (CmpOp::Ge, Key::Num(n)) => tighten(&mut lo, &key, n, false, true),
                _ => {}
            }
        }
        for (k, vals) in &eq {
            if vals.iter().any(|v| v != &vals[0]) {
                return false;
            }
            if ne.get(k).is_some_and(|n| n.contains(&vals[0])) {
                return false;
            }
        }
        for (k, (l, lstrict)) in &lo {
            if let Some((h, hstrict)) = hi.get(k)
                && (l > h || (l == h && (*lstrict || *hstrict)))
            {
                return false;
            }
        }
        true
    }
}

enum Key {
    Str(String),
    Num(f64),
}

fn key_of(l: &Lit) -> Key {
    match l {
        Lit::Str(s) => Key::Str(s.clone()),
        Lit::Bool(b) => Key::Str(if *b { "yes" } else { "no" }.into()),
        Lit::Num(n) if is_year(*n) => Key::Num(*n * 10000.0 + 101.0),
        Lit::Num(n) => Key::Num(*n),
        Lit::Date(d) => {
            let (y, m, dd) = d.earliest();
            Key::Num(f64::from(y) * 10000.0 + f64::from(m) * 100.0 + f64::from(dd))
        }
    }
}

fn tighten(map: &mut HashMap<String, (f64, bool)>, key: &str, n: f64, strict: bool, lower: bool) {
    let e = map.entry(key.to_string()).or_insert((n, strict));
    let better = if lower { n > e.0 } else { n < e.0 };
    if better || (n == e.0 && strict) {
        *e = (n, strict || (n == e.0 && e.1));
    }
}

fn flip(op: CmpOp) -> CmpOp {
    match op {
        CmpOp::Lt => CmpOp::Gt,
        CmpOp::Le => CmpOp::Ge,
        CmpOp::Gt => CmpOp::Lt,
        CmpOp::Ge => CmpOp::Le,
        other => other,
    }
}

fn conjuncts<'a>(e: &'a Expr, out: &mut Vec<&'a Expr>) {
    match &e.kind {
        ExprKind::And(a, b) => {
            conjuncts(a, out);
            conjuncts(b, out);
        }
        _ => out.push(e),
    }
}

/// The conditions a question is shown under: its own and its group's.
fn conditions<'a>(qn: &'a Questionnaire, q: &'a Question) -> Vec<&'a Expr> {
    let group = q
        .group
        .as_deref()
        .and_then(|g| qn.group(g))
        .and_then(|g| g.show_if.as_ref());
    q.show_if.iter().chain(group).collect()
}

fn never_shown(cx: &mut Ctx) {
    let cat = &cx.loaded.catalog;
    let mut dead: HashSet<String> = HashSet::new();
    // Each pass can only add; a chain of n questions settles in n passes.
    loop {
        let mut added = Vec::new();
        for qn in &cat.questionnaires {
            let reach = Reach {
                cat,
                loaded: cx.loaded,
                dead: &dead,
                here: &qn.id,
            };
            for q in &qn.questions {
                let id = q.full_id(&qn.id);
                if q.retired || dead.contains(&id) {
                    continue;
                }
                if conditions(qn, q).iter().any(|c| !reach.can_true(c)) {
                    added.push(id);
                }
            }
        }
        if added.is_empty() {
            break;
        }
        dead.extend(added);
    }
    for qn in &cat.questionnaires {
        for q in &qn.questions {
            if q.retired || !dead.contains(&q.full_id(&qn.id)) {
                continue;
            }
            let span = conditions(qn, q)
                .first()
                .map_or(q.spans.id.clone(), |e| e.span.clone());
            let (severity, code) = match q.required {
                Required::Must => (Severity::Error, "must_never_shown"),
                Required::Ask => (Severity::Warning, "never_shown"),
            };
            // An error inside the condition already explains it.
            let explained = cx.out.iter().any(|d| {
                d.is_error()
                    && d.file == qn.path
                    && d.span.start >= span.start
                    && d.span.end <= span.end
            });
            if explained && q.required == Required::Ask {
                continue;
            }
            cx.push(severity, code, &qn.path, span, &[("id", &q.id)], None);
        }
    }
}

fn cycles(cx: &mut Ctx) {
    let cat = &cx.loaded.catalog;
    let mut edges: HashMap<String, Vec<String>> = HashMap::new();
    let mut where_: HashMap<String, (&Path, Range<usize>)> = HashMap::new();
    for qn in &cat.questionnaires {
        for q in &qn.questions {
            let id = q.full_id(&qn.id);
            let conds = conditions(qn, q);
            if let Some(first) = conds.first() {
                where_.insert(id.clone(), (&qn.path, first.span.clone()));
            }
            let targets = conds
                .iter()
                .flat_map(|e| e.refs())
                .filter(|r| matches!(resolve(cat, cx.loaded, &qn.id, r), Target::Found(..)))
                .map(|r| r.full_id(&qn.id))
                .collect();
            edges.insert(id, targets);
        }
    }
    let mut state: HashMap<&str, u8> = HashMap::new();
    let mut reported: HashSet<Vec<String>> = HashSet::new();
    let mut found = Vec::new();
    let mut keys: Vec<&String> = edges.keys().collect();
    keys.sort();
    for start in keys {
        let mut stack: Vec<&str> = Vec::new();
        dfs(start, &edges, &mut state, &mut stack, &mut found);
    }
    for cycle in found {
        let mut key = cycle.clone();
        key.sort();
        if !reported.insert(key) {
            continue;
        }
        let Some((path, span)) = where_.get(&cycle[0]).cloned() else {
            continue;
        };
        let mut shown = cycle.clone();
        shown.push(cycle[0].clone());
        cx.error(
            "show_if_cycle",
            path,
            span,
            &[("cycle", &shown.join(" → "))],
        );
    }
}

/// Depth-first from `start`, recording every cycle met. Iterative, with an
/// explicit stack: a chain of 100,000 conditions overflowed the call stack.
fn dfs<'a>(
    start: &'a str,
    edges: &'a HashMap<String, Vec<String>>,
    state: &mut HashMap<&'a str, u8>,
    stack: &mut Vec<&'a str>,
    found: &mut Vec<Vec<String>>,
) {
    let mut on_stack: HashMap<&'a str, usize> = HashMap::new();
    // The node, and how many of its edges have been followed.
    let mut frames: Vec<(&'a str, usize)> = Vec::new();
    let mut visit = |node: &'a str,
                     state: &mut HashMap<&'a str, u8>,
                     stack: &mut Vec<&'a str>,
                     frames: &mut Vec<(&'a str, usize)>| {
        match state.get(node) {
            Some(2) => {}
            Some(1) => {
                if let Some(&pos) = on_stack.get(node) {
                    found.push(stack[pos..].iter().map(|s| s.to_string()).collect());
                }
            }
            _ => {
                state.insert(node, 1);
                on_stack.insert(node, stack.len());
                stack.push(node);
                frames.push((node, 0));
            }
        }
    };
    visit(start, state, stack, &mut frames);
    while let Some((node, i)) = frames.last_mut() {
        let node: &'a str = node;
        let next = edges.get(node).and_then(|e| e.get(*i));
        *i += 1;
        match next {
            Some(next) => visit(next, state, stack, &mut frames),
            None => {
                frames.pop();
                stack.pop();
                state.insert(node, 2);
            }
        }
    }
}

/// `DOC`, `DOC#1.2.3`, `DOC#1.2.3/p4` or `DOC#p4`.
pub(crate) fn ref_is_well_formed(r: &str) -> bool {
    let (doc, rest) = match r.split_once('#') {
        Some((d, s)) => (d, Some(s)),
        None => (r, None),
    };
    let doc_ok = !doc.is_empty()
        && doc
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    let num = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let para = |s: &str| s.strip_prefix('p').is_some_and(num);
    let section = |s: &str| s.split('.').all(num);
    doc_ok
        && match rest {
            None => true,
            Some(s) => match s.split_once('/') {
                Some((sec, p)) => section(sec) && para(p),
                None => section(s) || para(s),
            },
        }
}

/// A known ref `DOC#*` accepts every well-formed ref into DOC.
fn ref_known(r: &str, known: &HashSet<&str>) -> bool {
    if known.contains(r) {
        return true;
    }
    let doc = r.split('#').next().unwrap_or(r);
    known.contains(format!("{doc}#*").as_str()) && ref_is_well_formed(r)
}

fn suggest_ref(r: &str, known: &[String]) -> Option<String> {
    let concrete = known
        .iter()
        .filter(|k| !k.ends_with("#*"))
        .map(String::as_str);
    did_you_mean(r, concrete.clone()).or_else(|| {
        let m = SkimMatcherV2::default();
        concrete
            .filter_map(|k| m.fuzzy_match(k, r).map(|s| (s, k)))
            .max_by_key(|(s, _)| *s)
            .map(|(_, k)| k.to_string())
    })
}

fn corpus_refs(cx: &mut Ctx, known_refs: &[String]) {
    let cat = &cx.loaded.catalog;
    let known: HashSet<&str> = known_refs.iter().map(String::as_str).collect();
    let check = |cx: &mut Ctx, path: &Path, r: &str, span: &Range<usize>| {
        if !ref_is_well_formed(r) {
            cx.error("bad_ref", path, span.clone(), &[("ref", r)]);
        } else if !ref_known(r, &known) {
            let sugg = suggest_ref(r, known_refs);
            cx.push(
                Severity::Error,
                "unknown_ref",
                path,
                span.clone(),
                &[("ref", r)],
                sugg,
            );
        }
    };
    for qn in &cat.questionnaires {
        for (r, span) in qn.sources.iter().zip(&qn.spans.sources) {
            check(cx, &qn.path, r, span);
        }
        for q in &qn.questions {
            for (r, span) in q.sources.iter().zip(&q.spans.sources) {
                check(cx, &qn.path, r, span);
            }
        }
    }
}

fn profiles(cx: &mut Ctx) {
    let cat = &cx.loaded.catalog;
    for p in &cat.profiles {
        for (t, span) in p.topics.iter().zip(&p.topic_spans) {
            if cat.questionnaire(t).is_some() || cx.loaded.broken.contains(t) {
                continue;
            }
            let sugg = did_you_mean(t, cat.questionnaires.iter().map(|q| q.id.as_str()));
            cx.push(
                Severity::Error,
                "unknown_topic",
                &p.path,
                span.clone(),
                &[("topic", t), ("profile", &p.id)],
                sugg,
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refs_are_well_formed_or_not() {
        for ok in [
            "ambtsbericht-rf-2025",
            "ambtsbericht-rf-2025#1.1.3",
            "a#1.2/p3",
            "a#p4",
        ] {
            assert!(ref_is_well_formed(ok), "{ok}");
        }
        for bad in ["", "A#1", "a#", "a#1.", "a#1/3", "a#x", "a b"] {
            assert!(!ref_is_well_formed(bad), "{bad}");
        }
    }

    #[test]
    fn wildcard_accepts_refs_into_its_document_only() {
        let known: HashSet<&str> = ["doc#*", "other#1"].into_iter().collect();
        assert!(ref_known("doc#3.2/p1", &known));
        assert!(ref_known("other#1", &known));
        assert!(!ref_known("other#2", &known));
        assert!(!ref_known("nope#1", &known));
    }
}

#[cfg(test)]
mod reach_tests {
    use crate::assets::{FileSet, Origin, TextFile};

    /// Whether `cond` on a must question is reported as never true.
    fn never(cond: &str) -> bool {
        let text = format!(
            r#"id = "t"
version = 1
topic = "military"
title = {{ nl = "T", en = "T" }}

[[question]]
id = "age"
kind = "number"
text = {{ nl = "L", en = "A" }}

[[question]]
id = "left_on"
kind = "date"
text = {{ nl = "V", en = "L" }}

[[question]]
id = "flag"
kind = "yes_no"
text = {{ nl = "V", en = "Q" }}

[[question]]
id = "x"
kind = "yes_no"
required = "must"
text = {{ nl = "V", en = "Q" }}
show_if = '{cond}'
"#
        );
        let files = FileSet {
            origin: Origin::Dir("q".into()),
            files: vec![TextFile {
                rel: "t.toml".into(),
                text,
            }],
        };
        let diags = crate::questionnaire::check(&files, &[]);
        assert!(
            diags.iter().all(|d| d.code == "must_never_shown"),
            "{cond}: {diags:?}"
        );
        diags.iter().any(|d| d.code == "must_never_shown")
    }

    #[test]
    fn contradictions_are_found_and_satisfiable_conditions_kept() {
        assert!(never("age > 18 and age < 18"));
        assert!(never("age >= 65 and 18 > age"));
        assert!(never("left_on < 2023 and left_on > 2024-01"));
        assert!(never("flag and not flag"));
        assert!(never(r#"flag == "yes" and flag == "no""#));
        assert!(never("false"));
        assert!(never("not true or 1 > 2"));
        assert!(!never("age >= 18 and age <= 18"));
        assert!(!never("age < 18 or age >= 65"));
        assert!(!never("not flag and not answered(age)"));
        assert!(!never(r#"flag != "yes" and not (age == 3)"#));
        assert!(!never("left_on >= 2022-09 and left_on < 2023"));
    }
}
