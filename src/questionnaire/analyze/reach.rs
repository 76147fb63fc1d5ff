use super::*;

/// Whether an atom can ever be true: `Dead` when it uses a question that is
/// never shown or compares with something the question cannot hold.
#[derive(Clone, Copy, PartialEq)]
pub(super) enum Atom {
    Dead,
    Const(bool),
    Free,
}

pub(super) struct Reach<'a> {
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
                        impl crate::questionnaire::expr::Answers for NoAnswers {
                            fn get(
                                &self,
                                _: &str,
                                _: Option<usize>,
                            ) -> Option<&crate::questionnaire::value::Value>
                            {
                                None
                            }
                        }
                        let scope = crate::questionnaire::expr::Scope {
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

pub(super) enum Key {
    Str(String),
    Num(f64),
}

pub(super) fn key_of(l: &Lit) -> Key {
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

pub(super) fn tighten(
    map: &mut HashMap<String, (f64, bool)>,
    key: &str,
    n: f64,
    strict: bool,
    lower: bool,
) {
    let e = map.entry(key.to_string()).or_insert((n, strict));
    let better = if lower { n > e.0 } else { n < e.0 };
    if better || (n == e.0 && strict) {
        *e = (n, strict || (n == e.0 && e.1));
    }
}

pub(super) fn flip(op: CmpOp) -> CmpOp {
    match op {
        CmpOp::Lt => CmpOp::Gt,
        CmpOp::Le => CmpOp::Ge,
        CmpOp::Gt => CmpOp::Lt,
        CmpOp::Ge => CmpOp::Le,
        other => other,
    }
}

pub(super) fn conjuncts<'a>(e: &'a Expr, out: &mut Vec<&'a Expr>) {
    match &e.kind {
        ExprKind::And(a, b) => {
            conjuncts(a, out);
            conjuncts(b, out);
        }
        _ => out.push(e),
    }
}

/// The conditions a question is shown under: its own and its group's.
pub(super) fn conditions<'a>(qn: &'a Questionnaire, q: &'a Question) -> Vec<&'a Expr> {
    let group = q
        .group
        .as_deref()
        .and_then(|g| qn.group(g))
        .and_then(|g| g.show_if.as_ref());
    q.show_if.iter().chain(group).collect()
}

pub(super) fn never_shown(cx: &mut Ctx) {
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
                Required::Must => (Severity::Error, Code::MustNeverShown),
                Required::Ask => (Severity::Warning, Code::NeverShown),
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

#[cfg(test)]
mod reach_tests {
    use crate::assets::{FileSet, Origin, TextFile};
    use crate::questionnaire::Code;

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
            diags.iter().all(|d| d.code == Code::MustNeverShown),
            "{cond}: {diags:?}"
        );
        diags.iter().any(|d| d.code == Code::MustNeverShown)
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
