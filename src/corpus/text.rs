//! Small text rules shared by the layout parsers.

use super::meta::LineHyphen;

/// Append a wrapped line to a paragraph. `prev_hyphen` says the previous
/// line ended in a hyphen with nothing after it (a break inside a word).
pub fn join_line(buf: &mut String, line: &str, prev_hyphen: bool, rule: LineHyphen) {
    if buf.is_empty() {
        buf.push_str(line);
    } else if prev_hyphen && buf.ends_with('-') {
        if rule == LineHyphen::Drop {
            buf.pop();
        }
        buf.push_str(line);
    } else {
        buf.push(' ');
        buf.push_str(line);
    }
}

/// The text ends a sentence (ignoring closing quotes/brackets and a
/// trailing footnote marker).
pub fn ends_terminal(s: &str) -> bool {
    let t = s.trim_end().trim_end_matches(|c: char| c.is_ascii_digit());
    let t = t.trim_end_matches(['”', '"', '’', '\'', ')', '»', ' ']);
    t.ends_with(['.', '!', '?', ';', ':'])
}

pub fn starts_lower(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_lowercase)
}

pub fn starts_upper(s: &str) -> bool {
    s.trim_start_matches(['“', '"', '‘', '\''])
        .chars()
        .next()
        .is_some_and(char::is_uppercase)
}

/// A link-list line: one bare URL, at most one leading space, nothing after.
pub fn is_link_line(raw: &str) -> bool {
    let t = raw.strip_prefix(' ').unwrap_or(raw);
    (t.starts_with("https://") || t.starts_with("http://"))
        && !t.contains(char::is_whitespace)
        && !t.is_empty()
}

/// URLs written inside running text, without trailing punctuation.
pub fn urls_in(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (i, _) in text.match_indices("http") {
        let rest = &text[i..];
        if !(rest.starts_with("https://") || rest.starts_with("http://")) {
            continue;
        }
        let end = rest
            .find(|c: char| c.is_whitespace() || c == '<' || c == '>')
            .unwrap_or(rest.len());
        let url = rest[..end].trim_end_matches(['.', ',', ';', ')', ']']);
        if url.len() > "https://".len() && !out.iter().any(|u| u == url) {
            out.push(url.to_string());
        }
    }
    out
}

/// Lowercase ASCII slug for unnumbered section ids ("Inleiding" → "inleiding").
pub fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hyphen_rules_differ() {
        let mut keep = String::from("anti-");
        join_line(&mut keep, "extremisme", true, LineHyphen::Keep);
        assert_eq!(keep, "anti-extremisme");
        let mut drop = String::from("Vreemdelin-");
        join_line(&mut drop, "gencirculaire", true, LineHyphen::Drop);
        assert_eq!(drop, "Vreemdelingencirculaire");
        let mut spaced = String::from("spoor 2-");
        join_line(&mut spaced, "zaken", false, LineHyphen::Drop);
        assert_eq!(spaced, "spoor 2- zaken");
    }

    #[test]
    fn terminal_ignores_markers_and_quotes() {
        assert!(ends_terminal("tijd.280"));
        assert!(ends_terminal("gezegd.”"));
        assert!(!ends_terminal("op een ander"));
        assert!(is_link_line(" https://a.b/c"));
        assert!(!is_link_line("https://a.b/c  "));
        assert_eq!(urls_in("zie https://x.org/a; en"), ["https://x.org/a"]);
        assert_eq!(slug("Bibliografie (fragment)"), "bibliografie-fragment");
    }
}
