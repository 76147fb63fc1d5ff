//! `show_if`: a small expression language over earlier answers.
//! See docs/questionnaires.md for the language as trainers read it.

mod lex;
mod parse;

use std::fmt;
use std::ops::Range;

pub use parse::{ParseError, parse};

use super::value::{PartialDate, Value};

#[derive(Debug, Clone, PartialEq)]
pub struct Expr {
    pub kind: ExprKind,
    /// Byte range in the questionnaire file.
    pub span: Range<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CmpOp {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    In,
}

impl CmpOp {
    pub fn symbol(self) -> &'static str {
        match self {
            CmpOp::Eq => "==",
            CmpOp::Ne => "!=",
            CmpOp::Lt => "<",
            CmpOp::Le => "<=",
            CmpOp::Gt => ">",
            CmpOp::Ge => ">=",
            CmpOp::In => "in",
        }
    }

    pub fn is_order(self) -> bool {
        matches!(self, CmpOp::Lt | CmpOp::Le | CmpOp::Gt | CmpOp::Ge)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum ExprKind {
    Lit(Lit),
    Ref(Ref),
    Answered(Ref),
    Not(Box<Expr>),
    And(Box<Expr>, Box<Expr>),
    Or(Box<Expr>, Box<Expr>),
    Cmp {
        op: CmpOp,
        op_span: Range<usize>,
        left: Box<Expr>,
        right: Box<Expr>,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub enum Lit {
    Str(String),
    Num(f64),
    Date(PartialDate),
    Bool(bool),
}

/// A reference to a question: `name` (same questionnaire) or `other.name`.
#[derive(Debug, Clone, PartialEq)]
pub struct Ref {
    pub questionnaire: Option<String>,
    pub question: String,
    pub span: Range<usize>,
    /// Set by the loader: the target is in the same repeat group as the
    /// question holding the expression, so it means the same instance.
    pub sibling: bool,
}

impl Ref {
    pub fn full_id(&self, current_questionnaire: &str) -> String {
        format!(
            "{}.{}",
            self.questionnaire
                .as_deref()
                .unwrap_or(current_questionnaire),
            self.question
        )
    }
}

/// Answered values, by full question id and repeat-group instance. Only
/// answers with status `Answered` are returned.
pub trait Answers {
    fn get(&self, full_id: &str, instance: Option<usize>) -> Option<&Value>;
}

/// Where an expression is evaluated: which questionnaire bare names refer
/// to, and which repeat-group instance sibling questions are read from.
#[derive(Debug, Clone, Copy)]
pub struct Scope<'a> {
    pub questionnaire: &'a str,
    pub instance: Option<usize>,
}

/// A value an operand evaluates to.
enum Operand<'a> {
    Missing,
    Lit(&'a Lit),
    Answer(&'a Value),
}

impl Expr {
    /// Every question reference in the expression, in source order.
    pub fn refs(&self) -> Vec<&Ref> {
        let mut out = Vec::new();
        self.walk_refs(&mut out);
        out
    }

    fn walk_refs<'a>(&'a self, out: &mut Vec<&'a Ref>) {
        match &self.kind {
            ExprKind::Lit(_) => {}
            ExprKind::Ref(r) | ExprKind::Answered(r) => out.push(r),
            ExprKind::Not(e) => e.walk_refs(out),
            ExprKind::And(a, b) | ExprKind::Or(a, b) => {
                a.walk_refs(out);
                b.walk_refs(out);
            }
            ExprKind::Cmp { left, right, .. } => {
                left.walk_refs(out);
                right.walk_refs(out);
            }
        }
    }

    pub(crate) fn refs_mut(&mut self, f: &mut impl FnMut(&mut Ref)) {
        match &mut self.kind {
            ExprKind::Lit(_) => {}
            ExprKind::Ref(r) | ExprKind::Answered(r) => f(r),
            ExprKind::Not(e) => e.refs_mut(f),
            ExprKind::And(a, b) | ExprKind::Or(a, b) => {
                a.refs_mut(f);
                b.refs_mut(f);
            }
            ExprKind::Cmp { left, right, .. } => {
                left.refs_mut(f);
                right.refs_mut(f);
            }
        }
    }

    /// Whether the condition holds. An unanswered question makes every
    /// comparison that uses it false.
    pub fn eval(&self, answers: &dyn Answers, scope: &Scope) -> bool {
        match &self.kind {
            ExprKind::Lit(Lit::Bool(b)) => *b,
            ExprKind::Lit(_) => true,
            ExprKind::Ref(r) => match lookup(r, answers, scope) {
                Some(Value::YesNo(b)) => *b,
                Some(_) => true,
                None => false,
            },
            ExprKind::Answered(r) => lookup(r, answers, scope).is_some(),
            ExprKind::Not(e) => !e.eval(answers, scope),
            ExprKind::And(a, b) => a.eval(answers, scope) && b.eval(answers, scope),
            ExprKind::Or(a, b) => a.eval(answers, scope) || b.eval(answers, scope),
            ExprKind::Cmp {
                op, left, right, ..
            } => {
                let l = operand(left, answers, scope);
                let r = operand(right, answers, scope);
                compare(*op, &l, &r).unwrap_or(false)
            }
        }
    }
}

fn lookup<'a>(r: &Ref, answers: &'a dyn Answers, scope: &Scope) -> Option<&'a Value> {
    let instance = if r.sibling { scope.instance } else { None };
    answers.get(&r.full_id(scope.questionnaire), instance)
}

fn operand<'a>(e: &'a Expr, answers: &'a dyn Answers, scope: &Scope) -> Operand<'a> {
    match &e.kind {
        ExprKind::Lit(l) => Operand::Lit(l),
        ExprKind::Ref(r) => lookup(r, answers, scope).map_or(Operand::Missing, Operand::Answer),
        // Nested conditions are not values; the checker rejects them.
        _ => Operand::Missing,
    }
}

/// A comparable scalar.
#[derive(PartialEq, PartialOrd)]
enum Scalar<'a> {
    Num(f64),
    Day((i16, u8, u8)),
    Str(&'a str),
}

fn scalar_of_value(v: &Value) -> Option<Scalar<'_>> {
    Some(match v {
        Value::YesNo(true) => Scalar::Str("yes"),
        Value::YesNo(false) => Scalar::Str("no"),
        Value::Choice(s) | Value::Text(s) => Scalar::Str(s),
        Value::Number(n) => Scalar::Num(*n),
        Value::Date(d) => Scalar::Day(d.earliest()),
        Value::Choices(_) => return None,
    })
}

fn scalar_of_lit(l: &Lit) -> Scalar<'_> {
    match l {
        Lit::Str(s) => Scalar::Str(s),
        Lit::Num(n) => Scalar::Num(*n),
        Lit::Date(d) => Scalar::Day(d.earliest()),
        Lit::Bool(true) => Scalar::Str("yes"),
        Lit::Bool(false) => Scalar::Str("no"),
    }
}

fn scalar<'a>(o: &'a Operand<'a>) -> Option<Scalar<'a>> {
    match o {
        Operand::Missing => None,
        Operand::Lit(l) => Some(scalar_of_lit(l)),
        Operand::Answer(v) => scalar_of_value(v),
    }
}

/// A bare year compared with a date means 1 January of that year.
fn unify<'a>(a: Scalar<'a>, b: Scalar<'a>) -> (Scalar<'a>, Scalar<'a>) {
    let year = |n: f64| {
        (n.fract() == 0.0 && (1000.0..=9999.0).contains(&n))
            .then_some(Scalar::Day((n as i16, 1, 1)))
    };
    match (a, b) {
        (Scalar::Num(n), d @ Scalar::Day(_)) => (year(n).unwrap_or(Scalar::Num(n)), d),
        (d @ Scalar::Day(_), Scalar::Num(n)) => (d, year(n).unwrap_or(Scalar::Num(n))),
        other => other,
    }
}

fn compare(op: CmpOp, l: &Operand, r: &Operand) -> Option<bool> {
    if op == CmpOp::In {
        let needle = match l {
            Operand::Lit(Lit::Str(s)) => s.as_str(),
            Operand::Answer(Value::Choice(s) | Value::Text(s)) => s.as_str(),
            _ => return None,
        };
        return match r {
            Operand::Answer(Value::Choices(items)) => Some(items.iter().any(|i| i == needle)),
            Operand::Answer(Value::Text(t)) => {
                Some(t.to_lowercase().contains(&needle.to_lowercase()))
            }
            Operand::Lit(Lit::Str(t)) => Some(t.contains(needle)),
            _ => None,
        };
    }
    let (a, b) = unify(scalar(l)?, scalar(r)?);
    let same_type = matches!(
        (&a, &b),
        (Scalar::Num(_), Scalar::Num(_))
            | (Scalar::Day(_), Scalar::Day(_))
            | (Scalar::Str(_), Scalar::Str(_))
    );
    if !same_type {
        return None;
    }
    Some(match op {
        CmpOp::Eq => a == b,
        CmpOp::Ne => a != b,
        CmpOp::Lt => a < b,
        CmpOp::Le => a <= b,
        CmpOp::Gt => a > b,
        CmpOp::Ge => a >= b,
        CmpOp::In => unreachable!("handled above"),
    })
}

impl fmt::Display for Expr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            ExprKind::Lit(l) => write!(f, "{l}"),
            ExprKind::Ref(r) => write!(f, "{r}"),
            ExprKind::Answered(r) => write!(f, "answered({r})"),
            ExprKind::Not(e) => write!(f, "(not {e})"),
            ExprKind::And(a, b) => write!(f, "({a} and {b})"),
            ExprKind::Or(a, b) => write!(f, "({a} or {b})"),
            ExprKind::Cmp {
                op, left, right, ..
            } => write!(f, "({left} {} {right})", op.symbol()),
        }
    }
}

impl fmt::Display for Ref {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.questionnaire {
            Some(q) => write!(f, "{q}.{}", self.question),
            None => f.write_str(&self.question),
        }
    }
}

impl fmt::Display for Lit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Lit::Str(s) => write!(f, "\"{s}\""),
            Lit::Num(n) => write!(f, "{n}"),
            Lit::Date(d) => write!(f, "{d}"),
            Lit::Bool(b) => write!(f, "{b}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;

    struct Map(HashMap<(String, Option<usize>), Value>);

    impl Answers for Map {
        fn get(&self, full_id: &str, instance: Option<usize>) -> Option<&Value> {
            self.0.get(&(full_id.to_string(), instance))
        }
    }

    fn answers(pairs: &[(&str, Option<usize>, Value)]) -> Map {
        Map(pairs
            .iter()
            .map(|(k, i, v)| ((k.to_string(), *i), v.clone()))
            .collect())
    }

    fn eval(src: &str, a: &Map) -> bool {
        parse(src, 0).unwrap().eval(
            a,
            &Scope {
                questionnaire: "s",
                instance: None,
            },
        )
    }

    #[test]
    fn compares_each_kind_of_answer() {
        let a = answers(&[
            ("s.received", None, Value::YesNo(true)),
            ("s.exempt", None, Value::YesNo(false)),
            ("s.age", None, Value::Number(19.0)),
            ("s.method", None, Value::Choice("post".into())),
            ("s.channel", None, Value::Choices(vec!["gosuslugi".into()])),
            ("s.left_on", None, Value::Date("2023-03".parse().unwrap())),
            ("s.story", None, Value::Text("They came at Night".into())),
            ("other.flag", None, Value::YesNo(true)),
        ]);
        assert!(eval(r#"received == "yes""#, &a));
        assert!(!eval(r#"received == "no""#, &a));
        assert!(eval("received and not exempt", &a));
        assert!(eval("age >= 18 and age < 20", &a));
        assert!(eval(r#"method == "gosuslugi" or method == "post""#, &a));
        assert!(eval(r#""gosuslugi" in channel"#, &a));
        assert!(!eval(r#""post" in channel"#, &a));
        assert!(eval("left_on < 2023-04-11", &a));
        assert!(eval("left_on == 2023-03-01", &a));
        assert!(eval("left_on >= 2023", &a));
        assert!(eval(r#""night" in story"#, &a));
        assert!(eval("other.flag", &a));
        assert!(eval("answered(story) and story", &a));
    }

    #[test]
    fn unanswered_makes_comparisons_false_and_not_true() {
        let a = answers(&[]);
        assert!(!eval(r#"received == "yes""#, &a));
        assert!(!eval(r#"received != "yes""#, &a));
        assert!(eval(r#"not (received == "yes")"#, &a));
        assert!(!eval("answered(received)", &a));
        assert!(!eval("age < 5", &a));
    }

    #[test]
    fn siblings_read_the_same_instance() {
        let mut e = parse(r#"kind == "paper""#, 0).unwrap();
        e.refs_mut(&mut |r| r.sibling = true);
        let a = answers(&[
            ("s.kind", Some(0), Value::Choice("paper".into())),
            ("s.kind", Some(1), Value::Choice("sms".into())),
        ]);
        let at = |i| {
            e.eval(
                &a,
                &Scope {
                    questionnaire: "s",
                    instance: Some(i),
                },
            )
        };
        assert!(at(0));
        assert!(!at(1));
    }
}
