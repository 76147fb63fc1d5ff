//! Filtered and sorted views of the app's lists, recomputed from state on
//! demand (never stored, so they cannot go stale). fuzzy-matcher ranks short
//! strings only.

use crate::notes::{ListEntry, SessionSummary, Status};
use crate::search::fuzzy;
use crate::tui::app::{App, PickItem, Screen, SortKey, input_text};

fn summaries(app: &App) -> impl Iterator<Item = &SessionSummary> {
    app.sessions.iter().filter_map(|e| match e {
        ListEntry::Session(s) => Some(s),
        ListEntry::Unreadable { .. } => None,
    })
}

fn label(s: &SessionSummary) -> String {
    format!("{} {} {}", s.case_ref, s.interviewer, s.id)
}

/// Rank `items` by `query`; an empty query keeps the order.
pub fn rank<T>(query: &str, items: Vec<T>, text: impl Fn(&T) -> String) -> Vec<T> {
    if query.trim().is_empty() {
        return items;
    }
    let texts: Vec<String> = items.iter().map(&text).collect();
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    let order = fuzzy::rank(query, &refs);
    let mut slots: Vec<Option<T>> = items.into_iter().map(Some).collect();
    order
        .into_iter()
        .filter_map(|(i, _)| slots.get_mut(i).and_then(Option::take))
        .collect()
}

/// Session ids on the home screen: the interviewer's resumable sessions
/// (drafts and returned ones first), newest first, fuzzy-filtered.
pub fn home_sessions(app: &App) -> Vec<String> {
    let Screen::Home(h) = &app.screen else {
        return Vec::new();
    };
    let mut list: Vec<&SessionSummary> = summaries(app).collect();
    list.sort_by(|a, b| {
        let open = |s: &SessionSummary| matches!(s.status, Status::Draft | Status::Returned);
        open(b).cmp(&open(a)).then(b.updated.cmp(&a.updated))
    });
    rank(&input_text(&h.filter), list, |s| label(s))
        .into_iter()
        .map(|s| s.id.to_string())
        .collect()
}

/// The supervisor's sessions table, sorted and filtered.
pub fn table(app: &App) -> Vec<&SessionSummary> {
    let Screen::Sessions(st) = &app.screen else {
        return Vec::new();
    };
    let mut list: Vec<&SessionSummary> = summaries(app).collect();
    match st.sort {
        SortKey::Updated => list.sort_by(|a, b| b.updated.cmp(&a.updated)),
        SortKey::Case => list.sort_by(|a, b| a.case_ref.cmp(&b.case_ref)),
        SortKey::Interviewer => list.sort_by(|a, b| a.interviewer.cmp(&b.interviewer)),
        SortKey::Status => list.sort_by_key(|s| (s.status != Status::Submitted, s.status.code())),
    }
    rank(&input_text(&st.filter), list, |s| label(s))
}

/// The topic picker: profiles first, then questionnaires, fuzzy-filtered.
pub fn pick_items(app: &App) -> Vec<PickItem> {
    let Screen::NewInterview(f) = &app.screen else {
        return Vec::new();
    };
    let lang = app.lang;
    let cat = &app.data.catalog;
    let mut items: Vec<PickItem> = (0..cat.profiles.len()).map(PickItem::Profile).collect();
    let mut topics: Vec<usize> = (0..cat.questionnaires.len()).collect();
    topics.sort_by_key(|&i| (cat.questionnaires[i].order.unwrap_or(i64::MAX), i));
    items.extend(topics.into_iter().map(PickItem::Topic));
    rank(&input_text(&f.filter), items, |item| match item {
        PickItem::Profile(i) => {
            let p = &cat.profiles[*i];
            format!("{} {}", p.title.get(lang), p.id)
        }
        PickItem::Topic(i) => {
            let q = &cat.questionnaires[*i];
            format!("{} {}", q.title.get(lang), q.id)
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rank_keeps_order_without_query_and_filters_with_one() {
        let items = vec!["Oproep", "Uitreisverbod", "Mobilisatie"];
        assert_eq!(rank("", items.clone(), |s| s.to_string()), items);
        let hits = rank("uitr", items, |s| s.to_string());
        assert_eq!(hits.first(), Some(&"Uitreisverbod"));
        assert!(!hits.contains(&"Mobilisatie"));
    }
}
