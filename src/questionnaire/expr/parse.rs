//! Recursive descent over the tokens: `or` < `and` < `not` < comparison.
//! Depth is bounded so hostile input cannot exhaust the stack.

use crate::questionnaire::Code;
use std::ops::Range;

use super::lex::{Tok, lex};
use super::{CmpOp, Expr, ExprKind, Lit, Ref};

const MAX_DEPTH: usize = 64;
/// Operands joined by `and`/`or`: a chain builds a tree as deep as it is
/// long, which every recursive walk (refs, eval, drop) descends; 30,000
/// terms overflowed the stack. No real condition comes near this.
pub const MAX_TERMS: usize = 256;

#[derive(Debug, Clone, PartialEq)]
pub struct ParseError {
    /// Names a message in the `check` string table.
    pub code: Code,
    pub span: Range<usize>,
    pub found: String,
}

/// Parse `src`; every span in the result and the error is shifted by `base`
/// so it points into the file the expression came from.
pub fn parse(src: &str, base: usize) -> Result<Expr, ParseError> {
    let toks = lex(src).map_err(|e| ParseError {
        code: e.code,
        span: e.span.start + base..e.span.end + base,
        found: e.found,
    })?;
    let mut p = Parser {
        src,
        toks,
        pos: 0,
        base,
        depth: 0,
        terms: 0,
    };
    if p.toks.is_empty() {
        return Err(p.err(Code::ExprEmpty, base..base + src.len()));
    }
    let e = p.or()?;
    if let Some((_, span)) = p.toks.get(p.pos) {
        let span = span.clone();
        return Err(p.err(Code::ExprTrailing, p.shift(span)));
    }
    Ok(e)
}

struct Parser<'a> {
    src: &'a str,
    toks: Vec<(Tok, Range<usize>)>,
    pos: usize,
    base: usize,
    depth: usize,
    terms: usize,
}

impl Parser<'_> {
    fn shift(&self, r: Range<usize>) -> Range<usize> {
        r.start + self.base..r.end + self.base
    }

    fn err(&self, code: Code, span: Range<usize>) -> ParseError {
        let local = span.start.saturating_sub(self.base)..span.end.saturating_sub(self.base);
        let found = self.src.get(local).unwrap_or("").to_string();
        ParseError { code, span, found }
    }

    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.pos).map(|(t, _)| t)
    }

    fn end_span(&self) -> Range<usize> {
        let end = self.base + self.src.len();
        end..end
    }

    fn here(&self) -> Range<usize> {
        self.toks
            .get(self.pos)
            .map(|(_, s)| self.shift(s.clone()))
            .unwrap_or_else(|| self.end_span())
    }

    fn enter(&mut self) -> Result<(), ParseError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(self.err(Code::ExprTooDeep, self.here()));
        }
        Ok(())
    }

    /// One more operand of `and`/`or`, or `expr_too_long`.
    fn joined(&mut self) -> Result<(), ParseError> {
        self.terms += 1;
        if self.terms >= MAX_TERMS {
            return Err(self.err(Code::ExprTooLong, self.here()));
        }
        self.pos += 1;
        Ok(())
    }

    fn or(&mut self) -> Result<Expr, ParseError> {
        self.enter()?;
        let mut left = self.and()?;
        while self.peek() == Some(&Tok::Or) {
            self.joined()?;
            let right = self.and()?;
            let span = left.span.start..right.span.end;
            left = Expr {
                kind: ExprKind::Or(Box::new(left), Box::new(right)),
                span,
            };
        }
        self.depth -= 1;
        Ok(left)
    }

    fn and(&mut self) -> Result<Expr, ParseError> {
        let mut left = self.not()?;
        while self.peek() == Some(&Tok::And) {
            self.joined()?;
            let right = self.not()?;
            let span = left.span.start..right.span.end;
            left = Expr {
                kind: ExprKind::And(Box::new(left), Box::new(right)),
                span,
            };
        }
        Ok(left)
    }

    fn not(&mut self) -> Result<Expr, ParseError> {
        if self.peek() == Some(&Tok::Not) {
            let start = self.here().start;
            self.pos += 1;
            self.enter()?;
            let inner = self.not()?;
            self.depth -= 1;
            let span = start..inner.span.end;
            return Ok(Expr {
                kind: ExprKind::Not(Box::new(inner)),
                span,
            });
        }
        self.comparison()
    }

    fn comparison(&mut self) -> Result<Expr, ParseError> {
        let left = self.primary()?;
        let op = match self.peek() {
            Some(Tok::Eq) => Some(CmpOp::Eq),
            Some(Tok::Ne) => Some(CmpOp::Ne),
            Some(Tok::Lt) => Some(CmpOp::Lt),
            Some(Tok::Le) => Some(CmpOp::Le),
            Some(Tok::Gt) => Some(CmpOp::Gt),
            Some(Tok::Ge) => Some(CmpOp::Ge),
            Some(Tok::In) => Some(CmpOp::In),
            _ => None,
        };
        let Some(op) = op else { return Ok(left) };
        let op_span = self.here();
        self.pos += 1;
        let right = self.primary()?;
        let span = left.span.start..right.span.end;
        Ok(Expr {
            kind: ExprKind::Cmp {
                op,
                op_span,
                left: Box::new(left),
                right: Box::new(right),
            },
            span,
        })
    }

    fn primary(&mut self) -> Result<Expr, ParseError> {
        let Some((tok, span)) = self.toks.get(self.pos).cloned() else {
            return Err(self.err(Code::ExprExpectedOperand, self.end_span()));
        };
        let span = self.shift(span);
        self.pos += 1;
        let lit = |l: Lit| Expr {
            kind: ExprKind::Lit(l),
            span: span.clone(),
        };
        Ok(match tok {
            Tok::Str(s) => lit(Lit::Str(s)),
            Tok::Num(n) => lit(Lit::Num(n)),
            Tok::Date(d) => lit(Lit::Date(d)),
            Tok::True => lit(Lit::Bool(true)),
            Tok::False => lit(Lit::Bool(false)),
            Tok::LParen => {
                self.enter()?;
                let inner = self.or()?;
                self.depth -= 1;
                if self.peek() != Some(&Tok::RParen) {
                    return Err(self.err(Code::ExprExpectedClose, self.here()));
                }
                let end = self.here().end;
                self.pos += 1;
                Expr {
                    kind: inner.kind,
                    span: span.start..end,
                }
            }
            Tok::Ident(name) if self.peek() == Some(&Tok::LParen) => {
                if name != "answered" {
                    return Err(self.err(Code::ExprUnknownFunction, span));
                }
                self.pos += 1;
                let arg = match self.toks.get(self.pos).cloned() {
                    Some((Tok::Ident(a), s)) => {
                        self.pos += 1;
                        self.reference(&a, self.shift(s))?
                    }
                    _ => return Err(self.err(Code::ExprAnsweredArg, self.here())),
                };
                if self.peek() != Some(&Tok::RParen) {
                    return Err(self.err(Code::ExprExpectedClose, self.here()));
                }
                let end = self.here().end;
                self.pos += 1;
                Expr {
                    kind: ExprKind::Answered(arg),
                    span: span.start..end,
                }
            }
            Tok::Ident(name) => {
                let r = self.reference(&name, span.clone())?;
                Expr {
                    kind: ExprKind::Ref(r),
                    span,
                }
            }
            _ => return Err(self.err(Code::ExprExpectedOperand, span)),
        })
    }

    fn reference(&self, name: &str, span: Range<usize>) -> Result<Ref, ParseError> {
        let parts: Vec<&str> = name.split('.').collect();
        let valid = |p: &str| super::super::load::is_id(p);
        match parts.as_slice() {
            [q] if valid(q) => Ok(Ref {
                questionnaire: None,
                question: q.to_string(),
                span,
                sibling: false,
            }),
            [qn, q] if valid(qn) && valid(q) => Ok(Ref {
                questionnaire: Some(qn.to_string()),
                question: q.to_string(),
                span,
                sibling: false,
            }),
            _ => Err(self.err(Code::ExprBadRef, span)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(src: &str) -> String {
        parse(src, 0).unwrap().to_string()
    }

    #[test]
    fn precedence_is_not_then_and_then_or() {
        assert_eq!(show("a or b and not c"), "(a or (b and (not c)))");
        assert_eq!(show("not (a or b)"), "(not (a or b))");
        assert_eq!(
            show(r#"x.y == "yes" and age >= 18"#),
            r#"((x.y == "yes") and (age >= 18))"#
        );
        assert_eq!(show(r#""g" in channel"#), r#"("g" in channel)"#);
        assert_eq!(
            show("answered(d) and d < 2023-04"),
            "(answered(d) and (d < 2023-04))"
        );
    }

    #[test]
    fn spans_are_shifted_into_the_file() {
        let e = parse("a == 1", 10).unwrap();
        assert_eq!(e.span, 10..16);
        let err = parse("a == ", 10).unwrap_err();
        assert_eq!((err.code, err.span), (Code::ExprExpectedOperand, 15..15));
    }

    #[test]
    fn errors_name_what_went_wrong() {
        let code = |s: &str| parse(s, 0).unwrap_err().code;
        assert_eq!(code(""), Code::ExprEmpty);
        assert_eq!(code("(a"), Code::ExprExpectedClose);
        assert_eq!(code("a b"), Code::ExprTrailing);
        assert_eq!(code("foo(a)"), Code::ExprUnknownFunction);
        assert_eq!(code("answered(1)"), Code::ExprAnsweredArg);
        assert_eq!(code("a.b.c"), Code::ExprBadRef);
        assert_eq!(code(&"(".repeat(500)), Code::ExprTooDeep);
        assert_eq!(code(&"not ".repeat(500)), Code::ExprTooDeep);
        let chain = |n: usize| vec!["a"; n].join(" and ");
        assert!(parse(&chain(MAX_TERMS), 0).is_ok());
        assert_eq!(code(&chain(MAX_TERMS + 1)), Code::ExprTooLong);
        assert_eq!(code(&vec!["a"; 30_000].join(" or ")), Code::ExprTooLong);
    }
}
