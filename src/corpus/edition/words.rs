//! What changed inside an edited section: the sentences that differ, each
//! with a word diff (from the `similar` crate), and the footnotes that were
//! added, dropped or reworded.

use serde::Serialize;
use similar::{Algorithm, ChangeTag, TextDiff, capture_diff_slices};

use super::content::SectionText;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Tag {
    Same,
    Removed,
    Added,
}

/// A run of words with one tag; `text` keeps its spaces.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Words {
    pub tag: Tag,
    pub text: String,
}

/// One sentence that changed: removed (`new` is `None`), added (`old` is
/// `None`) or reworded (both, with `words` the word diff).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SentenceChange {
    pub old: Option<String>,
    pub new: Option<String>,
    pub words: Vec<Words>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FootnoteChange {
    pub old: Option<u32>,
    pub new: Option<u32>,
    pub words: Vec<Words>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct SectionDiff {
    /// Old and new title, when the title changed.
    pub title: Option<(String, String)>,
    pub sentences: Vec<SentenceChange>,
    pub footnotes: Vec<FootnoteChange>,
}

impl SectionDiff {
    pub fn is_empty(&self) -> bool {
        self.title.is_none() && self.sentences.is_empty() && self.footnotes.is_empty()
    }
}

/// The word diff of two texts, runs of equal tag merged.
pub fn word_diff(old: &str, new: &str) -> Vec<Words> {
    let diff = TextDiff::configure()
        .algorithm(Algorithm::Patience)
        .diff_words(old, new);
    let mut out: Vec<Words> = Vec::new();
    for change in diff.iter_all_changes() {
        let tag = match change.tag() {
            ChangeTag::Equal => Tag::Same,
            ChangeTag::Delete => Tag::Removed,
            ChangeTag::Insert => Tag::Added,
        };
        match out.last_mut() {
            Some(last) if last.tag == tag => last.text.push_str(change.value()),
            _ => out.push(Words {
                tag,
                text: change.value().to_string(),
            }),
        }
    }
    out
}

fn whole(tag: Tag, text: &str) -> Vec<Words> {
    vec![Words {
        tag,
        text: text.to_string(),
    }]
}

/// Sentences of a text: split after `.`, `?` or `!` (footnote markers are
/// already gone) when a space and a capital or digit follow.
pub fn sentences(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for w in chars.windows(3) {
        let [(_, a), (i, b), (_, c)] = [w[0], w[1], w[2]];
        if matches!(a, '.' | '?' | '!') && b == ' ' && (c.is_uppercase() || c.is_ascii_digit()) {
            out.push(text[start..i].trim().to_string());
            start = i + 1;
        }
    }
    let rest = text[start..].trim();
    if !rest.is_empty() {
        out.push(rest.to_string());
    }
    out
}

/// Pair the changed items of two lists: equal runs are skipped, a replaced
/// run is paired up in order, the rest is removed or added.
fn pair_changes<T: Ord + std::hash::Hash + Clone>(
    old: &[T],
    new: &[T],
) -> Vec<(Option<T>, Option<T>)> {
    let mut out = Vec::new();
    for op in capture_diff_slices(Algorithm::Patience, old, new) {
        let (_, o, n) = op.as_tag_tuple();
        let (o, n) = (&old[o], &new[n]);
        if matches!(op, similar::DiffOp::Equal { .. }) {
            continue;
        }
        for i in 0..o.len().max(n.len()) {
            out.push((o.get(i).cloned(), n.get(i).cloned()));
        }
    }
    out
}

pub(crate) fn section_diff(old: &SectionText, new: &SectionText) -> SectionDiff {
    let split = |s: &SectionText| -> Vec<String> {
        s.paragraphs
            .iter()
            .flat_map(|p| p.subheading.iter().cloned().chain(sentences(&p.text)))
            .collect()
    };
    let sentences = pair_changes(&split(old), &split(new))
        .into_iter()
        .map(|(o, n)| {
            let words = match (&o, &n) {
                (Some(o), Some(n)) => word_diff(o, n),
                (Some(o), None) => whole(Tag::Removed, o),
                (None, Some(n)) => whole(Tag::Added, n),
                (None, None) => Vec::new(),
            };
            SentenceChange {
                old: o,
                new: n,
                words,
            }
        })
        .collect();
    let old_notes: Vec<&str> = old.footnotes.iter().map(|(_, t)| t.as_str()).collect();
    let new_notes: Vec<&str> = new.footnotes.iter().map(|(_, t)| t.as_str()).collect();
    let number =
        |list: &[(u32, String)], text: &str| list.iter().find(|(_, t)| t == text).map(|(n, _)| *n);
    let footnotes = pair_changes(&old_notes, &new_notes)
        .into_iter()
        .map(|(o, n)| FootnoteChange {
            old: o.and_then(|t| number(&old.footnotes, t)),
            new: n.and_then(|t| number(&new.footnotes, t)),
            words: match (o, n) {
                (Some(o), Some(n)) => word_diff(o, n),
                (Some(o), None) => whole(Tag::Removed, o),
                (None, Some(n)) => whole(Tag::Added, n),
                (None, None) => Vec::new(),
            },
        })
        .collect();
    SectionDiff {
        title: (old.title != new.title).then(|| (old.title.clone(), new.title.clone())),
        sentences,
        footnotes,
    }
}

/// A diff on one line in the style of `git diff --word-diff`:
/// `[-removed-]{+added+}`; unchanged stretches longer than `context`
/// characters are shortened to their ends.
pub fn inline(words: &[Words], context: usize) -> String {
    let mut out = String::new();
    let last = words.len().saturating_sub(1);
    for (i, w) in words.iter().enumerate() {
        let core = w.text.trim();
        if w.tag != Tag::Same && (core.is_empty() || out.ends_with(' ')) {
            // nothing to separate
        } else if w.tag != Tag::Same && !out.is_empty() {
            out.push(' ');
        }
        match w.tag {
            Tag::Same => {
                let text = shorten(&w.text, context, i == 0, i == last);
                if !out.is_empty() && !out.ends_with(' ') && !text.starts_with(' ') {
                    out.push(' ');
                }
                out.push_str(&text);
            }
            Tag::Removed if !core.is_empty() => out.push_str(&format!("[-{core}-]")),
            Tag::Added if !core.is_empty() => out.push_str(&format!("{{+{core}+}}")),
            _ => {}
        }
    }
    out.trim().to_string()
}

/// An unchanged stretch cut down to about `context` characters next to
/// each change, at word boundaries.
fn shorten(text: &str, context: usize, first: bool, last: bool) -> String {
    if text.chars().count() <= context * 2 {
        return text.to_string();
    }
    let lead = if text.starts_with(char::is_whitespace) {
        " "
    } else {
        ""
    };
    let trail = if text.ends_with(char::is_whitespace) {
        " "
    } else {
        ""
    };
    let words: Vec<&str> = text.split_whitespace().collect();
    let head = take_words(words.iter().copied(), context).join(" ");
    let mut tail = take_words(words.iter().rev().copied(), context);
    tail.reverse();
    let tail = tail.join(" ");
    match (first, last) {
        (true, _) => format!("… {tail}{trail}"),
        (false, true) => format!("{lead}{head} …"),
        (false, false) => format!("{lead}{head} … {tail}{trail}"),
    }
}

/// Leading words of `iter` up to about `context` characters (at least one).
fn take_words<'a>(iter: impl Iterator<Item = &'a str>, context: usize) -> Vec<&'a str> {
    let mut n = 0;
    let mut kept = Vec::new();
    for w in iter {
        n += w.chars().count() + 1;
        if n > context && !kept.is_empty() {
            break;
        }
        kept.push(w);
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_split_at_sentence_ends_only() {
        assert_eq!(
            sentences("Eén zin. Nog een, met 1.5 erin. 2024 was het. einde"),
            ["Eén zin.", "Nog een, met 1.5 erin.", "2024 was het. einde"]
        );
    }

    #[test]
    fn inline_marks_removed_and_added_words() {
        let w = word_diff(
            "het budget was 13% van de begroting",
            "het budget was 17% van de begroting",
        );
        assert_eq!(
            inline(&w, 40),
            "het budget was [-13%-] {+17%+} van de begroting"
        );
        assert_eq!(inline(&w, 4), "… was [-13%-] {+17%+} van …");
    }
}
