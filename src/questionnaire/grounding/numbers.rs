//! Numbers in a text, told apart from section and footnote references.

use std::collections::BTreeSet;

/// A number as written and in a form that compares across languages
/// (`30.000` and `30,000` are both `30000`; `7,5` is `7.5`).
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Number {
    pub raw: String,
    pub value: String,
    pub at: usize,
}

pub(super) fn normalize(raw: &str) -> String {
    let groups: Vec<&str> = raw.split(['.', ',']).collect();
    let seps: BTreeSet<char> = raw.chars().filter(|c| *c == '.' || *c == ',').collect();
    let thousands = groups.len() > 1
        && seps.len() == 1
        && (1..=3).contains(&groups[0].len())
        && groups[1..].iter().all(|g| g.len() == 3);
    if thousands {
        groups.concat()
    } else if groups.len() == 2 && seps.contains(&',') {
        groups.join(".")
    } else {
        raw.to_string()
    }
}

/// Every number in `text`: digit runs joined by single `.` or `,`. A number
/// glued to letters (`H1`, `F64`, `1F`) is a name, not a figure.
pub(super) fn numbers(text: &str) -> Vec<Number> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < b.len()
            && (b[i].is_ascii_digit()
                || ((b[i] == b'.' || b[i] == b',') && b.get(i + 1).is_some_and(u8::is_ascii_digit)))
        {
            i += 1;
        }
        let glued = (start > 0 && b[start - 1].is_ascii_alphabetic())
            || b.get(i).is_some_and(u8::is_ascii_alphabetic);
        if !glued {
            let raw = &text[start..i];
            out.push(Number {
                raw: raw.to_string(),
                value: normalize(raw),
                at: start,
            });
        }
    }
    out
}

/// The word before byte `at`, lowercased, and the character right before it.
fn before(text: &str, at: usize) -> (String, Option<char>) {
    let head = &text[..at];
    let prev = head.chars().next_back();
    let word: String = head
        .trim_end_matches([' ', '\u{a0}'])
        .chars()
        .rev()
        .take_while(|c| c.is_alphabetic() || *c == '.')
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    (word.to_lowercase(), prev)
}

/// Whether the number at `n` refers to a section ("(1.1.3)", "hoofdstuk 1")
/// or a footnote ("voetnoot 21") rather than stating a figure.
enum Role {
    Figure,
    Section,
    Footnote,
}

fn role(text: &str, n: &Number, sections: &BTreeSet<String>) -> Role {
    let (word, prev) = before(text, n.at);
    if matches!(
        word.as_str(),
        "voetnoot" | "footnote" | "voetnoten" | "footnotes"
    ) {
        return Role::Footnote;
    }
    if matches!(word.as_str(), "hoofdstuk" | "chapter") {
        return Role::Section;
    }
    let dotted = n.raw.contains('.') && !n.raw.contains(',');
    let known = if sections.is_empty() {
        n.raw.split('.').all(|p| p.len() == 1)
    } else {
        sections.contains(&n.raw)
    };
    let after = text[n.at + n.raw.len()..].trim_start().to_lowercase();
    // "3.5–5.5 jaar", "3,5 tot 5,5": an amount, even where it looks like a section.
    let range = after.starts_with(['–', '-', '%'])
        || [
            "tot ", "to ", "jaar", "year", "keer", "times", "procent", "per cent",
        ]
        .iter()
        .any(|w| after.starts_with(w));
    // "art. 332(2.1)" and "lid 2.1" number a clause, not a section.
    let clause = matches!(
        word.as_str(),
        "lid" | "art." | "artikel" | "article" | "artt."
    ) || prev == Some('/')
        || (prev == Some('(')
            && text[..n.at - 1]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric));
    if dotted && known && !range && !clause {
        Role::Section
    } else {
        Role::Figure
    }
}

pub(super) struct Found {
    pub figures: Vec<Number>,
    pub sections: Vec<Number>,
}

pub(super) fn scan(text: &str, sections: &BTreeSet<String>) -> Found {
    let mut f = Found {
        figures: Vec::new(),
        sections: Vec::new(),
    };
    // "voetnoten 186–187": the second number continues the first's role.
    let mut last: Option<(usize, bool)> = None;
    for n in numbers(text) {
        let continues = last.is_some_and(|(end, footnote)| {
            footnote && matches!(&text[end..n.at], "–" | "-" | ", " | " en " | " and ")
        });
        let r = if continues {
            Role::Footnote
        } else {
            role(text, &n, sections)
        };
        last = Some((n.at + n.raw.len(), matches!(r, Role::Footnote)));
        match r {
            Role::Figure => f.figures.push(n),
            Role::Section => f.sections.push(n),
            Role::Footnote => {}
        }
    }
    f
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(text: &str) -> Vec<String> {
        numbers(text).into_iter().map(|n| n.value).collect()
    }

    #[test]
    fn numbers_compare_across_languages() {
        assert_eq!(values("30.000 roebel, 20.070 mensen"), ["30000", "20070"]);
        assert_eq!(values("30,000 roubles, 20,070 people"), ["30000", "20070"]);
        assert_eq!(
            values("7,5 keer; art. 207.3 en 20.3.3"),
            ["7.5", "207.3", "20.3.3"]
        );
        assert_eq!(values("H1 2024, F64, artikel 1F"), ["2024"]);
        assert_eq!(values("18–30 jaar."), ["18", "30"]);
    }

    #[test]
    fn section_citations_are_told_from_figures() {
        let sections: BTreeSet<String> = ["1.1.3", "2.1", "3.5", "1"].map(String::from).into();
        let f = scan(
            "zie (1.1.3, voetnoot 21); art. 332(2.1); 3.5–5.5 jaar (3.5); hoofdstuk 1; lid 2.1; \
             3.5 to 5.5 years; voetnoten 186–187; C2/3.2 Vc",
            &sections,
        );
        let raw = |v: &[Number]| v.iter().map(|n| n.raw.clone()).collect::<Vec<_>>();
        assert_eq!(raw(&f.sections), ["1.1.3", "3.5", "1"]);
        assert_eq!(
            raw(&f.figures),
            ["332", "2.1", "3.5", "5.5", "2.1", "3.5", "5.5", "3.2"]
        );
    }
}
