//! A bound on how deeply TOML may nest before a recursive parser sees it.
//! The `toml` crate builds values recursively: 2,500 nested `[` in one
//! value overflow the stack and abort the process, which cannot be caught.
//! This pass only lexes (strings and comments are single tokens, so a `[`
//! inside them does not count) and runs in linear time without recursion.

use std::path::Path;

use toml_parser::Source;
use toml_parser::lexer::TokenKind;

use crate::error::{Error, Result};

/// No session, questionnaire, config or document file gehoor writes or
/// ships nests deeper than a handful of levels (a table header counts two).
pub const LIMIT: usize = 32;

/// `Error::TooDeep` at the first bracket or brace past `LIMIT`.
pub fn check(path: &Path, text: &str) -> Result<()> {
    let mut depth = 0usize;
    for token in Source::new(text).lex() {
        match token.kind() {
            TokenKind::LeftSquareBracket | TokenKind::LeftCurlyBracket => {
                depth += 1;
                if depth > LIMIT {
                    let at = token.span().start();
                    let (line, col) = crate::error::line_col(text, at);
                    return Err(Error::TooDeep {
                        path: path.into(),
                        line,
                        col,
                        limit: LIMIT,
                    });
                }
            }
            TokenKind::RightSquareBracket | TokenKind::RightCurlyBracket => {
                depth = depth.saturating_sub(1);
            }
            _ => {}
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn brackets_in_strings_and_comments_do_not_count() {
        let deep = "[".repeat(100);
        let text = format!("a = \"{deep}\"\nb = '{deep}'\n# {deep}\nc = [[1], {{ d = [2] }}]\n");
        assert!(check(Path::new("x"), &text).is_ok());
    }

    #[test]
    fn nesting_past_the_limit_is_located() {
        let text = format!("x = 1\nnote = {}{}\n", "[".repeat(2500), "]".repeat(2500));
        match check(Path::new("x"), &text) {
            Err(Error::TooDeep { line, col, .. }) => assert_eq!((line, col), (2, 8 + LIMIT)),
            other => panic!("{other:?}"),
        }
    }
}
