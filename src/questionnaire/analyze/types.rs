use super::*;

/// The static type of a comparison operand.
pub(super) enum Ty<'q, 'l> {
    Question(&'q Question, String),
    Lit(&'l Lit),
    /// Unresolved or broken: already reported.
    Unknown,
}

pub(super) fn operand_ty<'c, 'l>(cx: &mut Ctx<'c>, qn: &Questionnaire, e: &'l Expr) -> Ty<'c, 'l> {
    match &e.kind {
        ExprKind::Lit(l) => Ty::Lit(l),
        ExprKind::Ref(r) => match resolve(&cx.loaded.catalog, cx.loaded, &qn.id, r) {
            Target::Found(q) => Ty::Question(q, r.to_string()),
            _ => Ty::Unknown,
        },
        _ => {
            cx.error(Code::ExprOperand, &qn.path, e.span.clone(), &[]);
            Ty::Unknown
        }
    }
}

pub(super) fn lit_name(l: &Lit) -> &'static str {
    match l {
        Lit::Str(_) => "text",
        Lit::Num(_) => "number",
        Lit::Date(_) => "date",
        Lit::Bool(_) => "true/false",
    }
}

pub(super) fn is_year(n: f64) -> bool {
    n.fract() == 0.0 && (1000.0..=9999.0).contains(&n)
}

/// Whether a literal can be compared with a question of `kind` using `op`.
pub(super) fn lit_fits(kind: &Kind, op: CmpOp, l: &Lit) -> bool {
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

pub(super) fn check_types(cx: &mut Ctx, qn: &Questionnaire, e: &Expr, condition: bool) {
    match &e.kind {
        ExprKind::Lit(Lit::Bool(_)) | ExprKind::Ref(_) | ExprKind::Answered(_) => {}
        ExprKind::Lit(_) => {
            if condition {
                cx.error(Code::NotACondition, &qn.path, e.span.clone(), &[]);
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

pub(super) fn check_in(
    cx: &mut Ctx,
    qn: &Questionnaire,
    l: &Ty,
    r: &Ty,
    left: &Expr,
    right: &Expr,
) {
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
                    Code::InType,
                    &qn.path,
                    right.span.clone(),
                    &[("name", name), ("kind", other.name())],
                );
            }
        },
        Ty::Lit(lit) => {
            cx.error(
                Code::InType,
                &qn.path,
                right.span.clone(),
                &[("name", &lit.to_string()), ("kind", lit_name(lit))],
            );
        }
        Ty::Unknown => {}
    }
}

pub(super) fn in_left(cx: &mut Ctx, qn: &Questionnaire, left: &Expr) {
    cx.error(
        Code::InLeft,
        &qn.path,
        left.span.clone(),
        &[("found", &left.to_string())],
    );
}

pub(super) fn unknown_choice(
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
        Code::UnknownChoice,
        &qn.path,
        span,
        &[("value", v), ("name", name), ("choices", &list.join(", "))],
        sugg,
    );
}

#[allow(clippy::too_many_arguments)]
pub(super) fn check_cmp(
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
                    Code::CompareType,
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
            Code::OrderType
        } else if matches!(q.kind, Kind::MultiChoice { .. }) {
            Code::MultiChoiceEq
        } else {
            Code::CompareType
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
                Code::YesNoValue,
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
