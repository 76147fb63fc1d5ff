//! Tokens of `show_if`. Spans are byte offsets into the expression text.

use crate::questionnaire::Code;
use std::ops::Range;

use crate::questionnaire::value::PartialDate;

#[derive(Debug, Clone, PartialEq)]
pub enum Tok {
    /// `name` or `questionnaire.name`.
    Ident(String),
    Str(String),
    Num(f64),
    Date(PartialDate),
    True,
    False,
    And,
    Or,
    Not,
    In,
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    LParen,
    RParen,
}

/// Why the text could not be split into tokens; the code names a message in
/// the `check` string table.
#[derive(Debug, Clone, PartialEq)]
pub struct LexError {
    pub code: Code,
    pub span: Range<usize>,
    pub found: String,
}

pub fn lex(src: &str) -> Result<Vec<(Tok, Range<usize>)>, LexError> {
    let bytes = src.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        let start = i;
        match c {
            b' ' | b'\t' | b'\n' | b'\r' => {
                i += 1;
                continue;
            }
            b'(' => {
                out.push((Tok::LParen, i..i + 1));
                i += 1;
                continue;
            }
            b')' => {
                out.push((Tok::RParen, i..i + 1));
                i += 1;
                continue;
            }
            b'=' | b'!' | b'<' | b'>' => {
                let next_eq = bytes.get(i + 1) == Some(&b'=');
                let tok = match (c, next_eq) {
                    (b'=', true) => Tok::Eq,
                    (b'!', true) => Tok::Ne,
                    (b'<', true) => Tok::Le,
                    (b'>', true) => Tok::Ge,
                    (b'<', false) => Tok::Lt,
                    (b'>', false) => Tok::Gt,
                    _ => {
                        return Err(LexError {
                            code: Code::ExprBadOperator,
                            span: i..i + 1,
                            found: (c as char).to_string(),
                        });
                    }
                };
                let len = if next_eq { 2 } else { 1 };
                out.push((tok, i..i + len));
                i += len;
                continue;
            }
            b'"' => {
                let mut j = i + 1;
                while j < bytes.len() && bytes[j] != b'"' {
                    j += 1;
                }
                if j >= bytes.len() {
                    return Err(LexError {
                        code: Code::ExprUnterminatedString,
                        span: i..bytes.len(),
                        found: String::new(),
                    });
                }
                out.push((Tok::Str(src[i + 1..j].to_string()), i..j + 1));
                i = j + 1;
                continue;
            }
            b'0'..=b'9' => {
                let mut j = i;
                while j < bytes.len()
                    && (bytes[j].is_ascii_alphanumeric() || b"-._".contains(&bytes[j]))
                {
                    j += 1;
                }
                let word = &src[i..j];
                let tok = if word.contains('-') {
                    word.parse::<PartialDate>().ok().map(Tok::Date)
                } else {
                    word.parse::<f64>()
                        .ok()
                        .filter(|n| n.is_finite())
                        .map(Tok::Num)
                };
                match tok {
                    Some(t) => out.push((t, i..j)),
                    None => {
                        return Err(LexError {
                            code: if word.contains('-') {
                                Code::ExprBadDate
                            } else {
                                Code::ExprBadNumber
                            },
                            span: i..j,
                            found: word.to_string(),
                        });
                    }
                }
                i = j;
                continue;
            }
            c if c.is_ascii_alphabetic() || c == b'_' => {
                let mut j = i;
                while j < bytes.len()
                    && (bytes[j].is_ascii_alphanumeric() || bytes[j] == b'_' || bytes[j] == b'.')
                {
                    j += 1;
                }
                let word = &src[i..j];
                let tok = match word {
                    "and" => Tok::And,
                    "or" => Tok::Or,
                    "not" => Tok::Not,
                    "in" => Tok::In,
                    "true" => Tok::True,
                    "false" => Tok::False,
                    _ => Tok::Ident(word.to_string()),
                };
                out.push((tok, i..j));
                i = j;
                continue;
            }
            _ => {}
        }
        // Anything else, including the first byte of a multi-byte character.
        let ch = src[start..].chars().next().unwrap_or('?');
        return Err(LexError {
            code: Code::ExprUnexpectedChar,
            span: start..start + ch.len_utf8(),
            // A bidi or control character would vanish from the message.
            found: crate::sanitize::describe_char(ch),
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_every_kind_of_token() {
        let toks: Vec<Tok> = lex(r#"a.b >= 18 and "x" in c or d < 2023-04-11 != 3.5"#)
            .unwrap()
            .into_iter()
            .map(|(t, _)| t)
            .collect();
        assert_eq!(
            toks,
            vec![
                Tok::Ident("a.b".into()),
                Tok::Ge,
                Tok::Num(18.0),
                Tok::And,
                Tok::Str("x".into()),
                Tok::In,
                Tok::Ident("c".into()),
                Tok::Or,
                Tok::Ident("d".into()),
                Tok::Lt,
                Tok::Date("2023-04-11".parse().unwrap()),
                Tok::Ne,
                Tok::Num(3.5),
            ]
        );
    }

    #[test]
    fn reports_what_it_cannot_read() {
        assert_eq!(lex("a = 1").unwrap_err().code, Code::ExprBadOperator);
        assert_eq!(
            lex("\"open").unwrap_err().code,
            Code::ExprUnterminatedString
        );
        assert_eq!(lex("d < 2023-13-01").unwrap_err().code, Code::ExprBadDate);
        let e = lex("a == 'x'").unwrap_err();
        assert_eq!((e.code, e.span), (Code::ExprUnexpectedChar, 5..6));
    }
}
