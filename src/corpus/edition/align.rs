//! Aligning the sections of two editions: first by identical text (so a
//! renumbered section is found wherever it went), then paragraph by
//! paragraph (splits and merges), then by word similarity with the title
//! and number as tie-breakers (edited sections). What is left was removed
//! or is new. The order matters: a number is never trusted on its own,
//! because a new edition reuses old numbers for other text.

use std::collections::HashMap;

use serde::Serialize;

use super::content::{ParaText, SectionText};

/// What became of one section of the old edition. Indices are into the
/// new document's `sections`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "class")]
pub enum Change {
    /// Same number, title and text.
    Unchanged { new: usize },
    /// Same title and text under another number (moved or renumbered).
    Renumbered { new: usize },
    /// The text or title changed; the number may have changed too.
    Edited { new: usize },
    /// Its paragraphs went to several new sections.
    Split { new: Vec<usize> },
    /// It and `others` (old sections) went into one new section.
    Merged { new: usize, others: Vec<usize> },
    /// Nothing in the new edition matches.
    Removed,
}

impl Change {
    /// Short machine name, also the key of its label in the string table.
    pub fn class(&self) -> &'static str {
        match self {
            Change::Unchanged { .. } => "unchanged",
            Change::Renumbered { .. } => "renumbered",
            Change::Edited { .. } => "edited",
            Change::Split { .. } => "split",
            Change::Merged { .. } => "merged",
            Change::Removed => "removed",
        }
    }

    /// The new sections this one went to, in order.
    pub fn targets(&self) -> Vec<usize> {
        match self {
            Change::Unchanged { new } | Change::Renumbered { new } | Change::Edited { new } => {
                vec![*new]
            }
            Change::Merged { new, .. } => vec![*new],
            Change::Split { new } => new.clone(),
            Change::Removed => Vec::new(),
        }
    }

    /// The cited text is the same in the new edition: a ref can move
    /// without anyone reading it again.
    pub fn is_certain(&self) -> bool {
        matches!(self, Change::Unchanged { .. } | Change::Renumbered { .. })
    }
}

/// Similarity above which two sections are the same section, edited.
const SAME_SECTION: f64 = 0.5;
/// With the same title, less is enough.
const SAME_TITLE: f64 = 0.25;
/// Paragraphs of an old section that must be found again for a split.
const SPLIT_SHARE: f64 = 0.5;

pub(crate) fn align(old: &[SectionText], new: &[SectionText]) -> (Vec<Change>, Vec<usize>) {
    let mut changes: Vec<Option<Change>> = vec![None; old.len()];
    let mut taken = vec![false; new.len()];
    identical(old, new, &mut changes, &mut taken);
    splits(old, new, &mut changes, &mut taken);
    merges(old, new, &mut changes, &mut taken);
    similar(old, new, &mut changes, &mut taken);
    let added = (0..new.len()).filter(|&n| !taken[n]).collect();
    let changes = changes
        .into_iter()
        .map(|c| c.unwrap_or(Change::Removed))
        .collect();
    (changes, added)
}

fn identical(
    old: &[SectionText],
    new: &[SectionText],
    changes: &mut [Option<Change>],
    taken: &mut [bool],
) {
    let mut last = 0usize;
    for (o, os) in old.iter().enumerate() {
        let candidates: Vec<usize> = (0..new.len())
            .filter(|&n| !taken[n] && new[n].same_text(os))
            // A section without text of its own is known by its title only.
            .filter(|&n| !os.is_empty() || new[n].title == os.title)
            .collect();
        // Prefer the same title, then the same number, then the nearest
        // after the previous match (document order is mostly kept).
        let best = candidates.iter().copied().min_by_key(|&n| {
            (
                new[n].title != os.title,
                new[n].id != os.id,
                n < last,
                n.abs_diff(last),
            )
        });
        if let Some(n) = best {
            taken[n] = true;
            last = n;
            changes[o] = Some(if new[n].title != os.title {
                Change::Edited { new: n }
            } else if new[n].id == os.id {
                Change::Unchanged { new: n }
            } else {
                Change::Renumbered { new: n }
            });
        }
    }
}

/// Where each paragraph text of the untaken new sections stands.
fn paragraph_homes<'a>(new: &'a [SectionText], taken: &[bool]) -> HashMap<&'a ParaText, usize> {
    let mut homes = HashMap::new();
    for (n, ns) in new.iter().enumerate().filter(|(n, _)| !taken[*n]) {
        for p in &ns.paragraphs {
            homes.entry(p).or_insert(n);
        }
    }
    homes
}

fn splits(
    old: &[SectionText],
    new: &[SectionText],
    changes: &mut [Option<Change>],
    taken: &mut [bool],
) {
    for (o, os) in old.iter().enumerate() {
        if changes[o].is_some() || os.paragraphs.len() < 2 {
            continue;
        }
        let homes = paragraph_homes(new, taken);
        let found: Vec<usize> = os
            .paragraphs
            .iter()
            .filter_map(|p| homes.get(p))
            .copied()
            .collect();
        let mut targets: Vec<usize> = Vec::new();
        for &n in &found {
            if !targets.contains(&n) {
                targets.push(n);
            }
        }
        let share = found.len() as f64 / os.paragraphs.len() as f64;
        // Each target must be mostly made of this section's paragraphs.
        let own = |n: usize| {
            let from_here = new[n]
                .paragraphs
                .iter()
                .filter(|p| os.paragraphs.contains(p))
                .count();
            from_here * 2 >= new[n].paragraphs.len()
        };
        if targets.len() >= 2 && share >= SPLIT_SHARE && targets.iter().all(|&n| own(n)) {
            for &n in &targets {
                taken[n] = true;
            }
            changes[o] = Some(Change::Split { new: targets });
        }
    }
}

fn merges(
    old: &[SectionText],
    new: &[SectionText],
    changes: &mut [Option<Change>],
    taken: &mut [bool],
) {
    for (n, ns) in new.iter().enumerate() {
        if taken[n] || ns.paragraphs.len() < 2 {
            continue;
        }
        let sources: Vec<usize> = (0..old.len())
            .filter(|&o| changes[o].is_none() && !old[o].is_empty())
            .filter(|&o| {
                let found = old[o]
                    .paragraphs
                    .iter()
                    .filter(|p| ns.paragraphs.contains(p))
                    .count();
                found as f64 / old[o].paragraphs.len() as f64 >= SPLIT_SHARE
            })
            .collect();
        if sources.len() >= 2 {
            taken[n] = true;
            for &o in &sources {
                let others = sources.iter().copied().filter(|&x| x != o).collect();
                changes[o] = Some(Change::Merged { new: n, others });
            }
        }
    }
}

fn similar(
    old: &[SectionText],
    new: &[SectionText],
    changes: &mut [Option<Change>],
    taken: &mut [bool],
) {
    let mut pairs: Vec<(f64, usize, usize)> = Vec::new();
    for (o, os) in old
        .iter()
        .enumerate()
        .filter(|(o, _)| changes[*o].is_none())
    {
        for (n, ns) in new.iter().enumerate().filter(|(n, _)| !taken[*n]) {
            let same_title = os.title == ns.title;
            let sim = os.similarity(ns);
            let both_empty = os.is_empty() && ns.is_empty();
            let ok = sim >= SAME_SECTION || (same_title && (sim >= SAME_TITLE || both_empty));
            if ok {
                let score = sim
                    + if same_title { 0.2 } else { 0.0 }
                    + if os.id == ns.id { 0.05 } else { 0.0 };
                pairs.push((score, o, n));
            }
        }
    }
    pairs.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    for (_, o, n) in pairs {
        if changes[o].is_none() && !taken[n] {
            taken[n] = true;
            changes[o] = Some(Change::Edited { new: n });
        }
    }
}
