//! Untrusted text in a Markdown export, so that it reads as typed and
//! restyles nothing, in CommonMark and in the HTML it becomes:
//! - `text`: inline text; Markdown punctuation is backslash-escaped, and
//!   `&`, `<`, `>` become entities (a backslash before `<` still lets some
//!   renderers pass raw HTML through, and `&amp;` is never read as markup);
//! - `code`: a code span whose fence is longer than any run of backticks
//!   inside, so a backtick in a ref or key cannot close it early;
//! - `block`: text of any number of lines as a block quote, each line kept.
//!
//! All three clean escape sequences and controls first (`sanitize`).

use crate::sanitize::{clean, clean_line};

/// Inline text, one line or many (newlines are kept; see `block`).
pub fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in clean(s).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '#' | '|' | '~' | '!' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// One line of text as inline Markdown.
pub fn line(s: &str) -> String {
    text(&clean_line(s))
}

/// `s` on one line as a code span that nothing inside can end.
pub fn code(s: &str) -> String {
    let s = clean_line(s);
    let longest = s.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    // A span starting or ending with a backtick needs a space to be read.
    let pad = if s.starts_with('`') || s.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{s}{pad}{fence}")
}

/// Text of any number of lines as a block quote, `indent` before every line
/// (to sit inside a list item); an empty line stays in the quote.
pub fn block(s: &str, indent: &str) -> String {
    text(s)
        .split('\n')
        .map(|l| {
            if l.trim().is_empty() {
                format!("{indent}>\n")
            } else {
                format!("{indent}> {l}\n")
            }
        })
        .collect()
}

/// After a list bullet: a single line inline, several lines as a quote
/// under the bullet (a list item holds them; flattening lost the breaks).
pub fn inline_or_block(s: &str) -> String {
    let s = s.trim_end_matches('\n');
    if s.contains('\n') {
        format!("\n\n{}", block(s, "  ").trim_end_matches('\n'))
    } else {
        text(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_backtick_cannot_end_a_code_span() {
        assert_eq!(code("DOC#1"), "`DOC#1`");
        assert_eq!(code("a`b"), "``a`b``");
        assert_eq!(code("a``b`"), "``` a``b` ```");
        assert_eq!(code("`**x**`"), "`` `**x**` ``");
    }

    #[test]
    fn html_and_markdown_are_inert() {
        assert_eq!(
            text("A & B <script> **x** [l](u)"),
            "A &amp; B &lt;script&gt; \\*\\*x\\*\\* \\[l\\](u)"
        );
    }

    #[test]
    fn every_line_of_a_multi_line_answer_is_kept() {
        assert_eq!(inline_or_block("one"), "one");
        assert_eq!(inline_or_block("one\n\ntwo\n"), "\n\n  > one\n  >\n  > two");
    }
}
