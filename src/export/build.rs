//! Building the `Record` from a session: the walk of `interview::rows` gives
//! the order (topics, sections, groups, instances); answers the walk no
//! longer shows are kept under their own heading.

use std::collections::BTreeMap;

use jiff::tz::TimeZone;
use serde_json::{Value as Json, json};

use super::Passages;
use super::record::*;
use super::words::{self, stamp};
use crate::corpus::citation::CitationState;
use crate::i18n::{Lang, Strings, fill};
use crate::interview::{Orphan, RowKind, orphaned_answers, rows};
use crate::notes::{Answer, AnswerState, Session, Status, parse_answer_key};
use crate::questionnaire::{AnswerStatus, Catalog, Kind, Question, Required, Value};
use crate::sanitize::{clean, clean_line};

struct Ctx<'a> {
    session: &'a Session,
    catalog: &'a Catalog,
    passages: &'a dyn Passages,
    tz: &'a TimeZone,
    lang: Lang,
    /// Answer keys that changed since the returned version, with what they
    /// were then.
    changed: BTreeMap<String, Option<AnswerState>>,
    since: Option<words::Stamp>,
}

/// The record of `session`, with question texts from `catalog`, cited
/// passages from `passages` and times in `tz`.
pub fn build(
    session: &Session,
    catalog: &Catalog,
    passages: &dyn Passages,
    tz: &TimeZone,
) -> Record {
    let lang = session.lang;
    let base = session.returned_version();
    let changes = session.changes_since_returned();
    let cx = Ctx {
        session,
        catalog,
        passages,
        tz,
        lang,
        changed: changes
            .iter()
            .map(|c| (c.key.clone(), c.before.clone()))
            .collect(),
        since: base.map(|b| stamp(&b.at, tz, lang)),
    };
    let topics = interview(&cx);
    let kept = kept(&cx, &topics);
    let mut record = Record {
        header: header(&cx),
        topics,
        kept,
        changes: cx.since.clone().map(|since| Changes {
            since,
            lines: changes
                .iter()
                .map(|c| {
                    let (id, _) = parse_answer_key(&c.key);
                    let q = catalog.question(id).map(|(_, q)| q);
                    ChangeLine {
                        key: c.key.clone(),
                        text: question_text(&cx, &c.key, q),
                        before: describe(&cx, c.before.as_ref(), q),
                        after: describe(&cx, c.after.as_ref(), q),
                    }
                })
                .collect(),
        }),
        comments: session
            .comments
            .iter()
            .map(|c| CommentLine {
                id: c.id.to_string(),
                author: clean_line(&c.author),
                at: stamp(&c.at, tz, lang),
                target: c.target.clone(),
                text: clean(&c.text),
            })
            .collect(),
        history: session
            .history
            .iter()
            .map(|h| HistoryLine {
                from_code: h.from.code(),
                from: words::session_status(h.from, lang),
                to_code: h.to.code(),
                to: words::session_status(h.to, lang),
                by: clean_line(&h.by),
                at: stamp(&h.at, tz, lang),
                reason: h.reason.as_deref().map(clean),
            })
            .collect(),
    };
    let mut progress = ProgressLine::default();
    for item in record.items().filter(|i| i.place == Place::Interview) {
        match &item.answer {
            Some(a) if a.status_only => progress.status_only += 1,
            Some(a) if a.value.is_some() => progress.answered += 1,
            _ => {}
        }
        progress.open_required += usize::from(item.is_open_required());
        progress.flagged += usize::from(item.answer.as_ref().is_some_and(|a| a.flagged));
    }
    record.header.progress = progress;
    let comments = record.comments.clone();
    for_each_item(&mut record, |item| {
        item.comments = comments
            .iter()
            .filter(|c| c.target.as_deref() == Some(item.key.as_str()))
            .cloned()
            .collect();
    });
    record
}

fn for_each_item(record: &mut Record, mut f: impl FnMut(&mut Item)) {
    for t in &mut record.topics {
        for s in &mut t.sections {
            for p in &mut s.parts {
                match p {
                    Part::Question(i) => f(i),
                    Part::Group(g) => g
                        .instances
                        .iter_mut()
                        .flat_map(|n| &mut n.items)
                        .for_each(&mut f),
                }
            }
        }
    }
    record.kept.iter_mut().for_each(f);
}

fn header(cx: &Ctx<'_>) -> Header {
    let (s, lang, tz) = (cx.session, cx.lang, cx.tz);
    let last = |to: Status| {
        s.history
            .iter()
            .rev()
            .find(|h| h.to == to)
            .map(|h| stamp(&h.at, tz, lang))
    };
    let ids: Vec<&str> = s.questionnaires.iter().map(|q| q.id.as_str()).collect();
    let title = |id: &str| {
        cx.catalog
            .questionnaire(id)
            .map_or(clean_line(id), |q| clean_line(q.title.get(lang)))
    };
    Header {
        case_ref: clean_line(&s.case_ref),
        session_id: s.id.to_string(),
        interviewer: clean_line(&s.interviewer),
        lang_code: s.lang.code(),
        lang: words::language(s.lang, lang),
        status_code: s.status.code(),
        status: words::session_status(s.status, lang),
        profile: cx
            .catalog
            .profiles
            .iter()
            .find(|p| p.topics.iter().map(String::as_str).eq(ids.iter().copied()))
            .map(|p| Named {
                id: p.id.clone(),
                title: clean_line(p.title.get(lang)),
            }),
        topics: ids
            .iter()
            .map(|id| Named {
                id: clean_line(id),
                title: title(id),
            })
            .collect(),
        questionnaires: s
            .questionnaires
            .iter()
            .map(|u| QuestionnaireLine {
                id: clean_line(&u.id),
                title: title(&u.id),
                version: u.version,
                hash: clean_line(&u.hash),
                changed: cx
                    .catalog
                    .questionnaire(&u.id)
                    .is_none_or(|q| q.version != u.version || q.content_hash != u.hash),
            })
            .collect(),
        created: stamp(&s.created, tz, lang),
        updated: stamp(&s.updated, tz, lang),
        submitted: last(Status::Submitted),
        approved: (s.status == Status::Approved)
            .then(|| last(Status::Approved))
            .flatten(),
        note: clean(&s.note),
        progress: ProgressLine::default(),
    }
}

fn interview(cx: &Ctx<'_>) -> Vec<TopicBlock> {
    let lang = cx.lang;
    let mut topics: Vec<TopicBlock> = Vec::new();
    for row in rows(cx.catalog, cx.session) {
        let qn = &cx.catalog.questionnaires[row.qn];
        if row.kind == RowKind::Topic {
            topics.push(TopicBlock {
                named: Named {
                    id: qn.id.clone(),
                    title: clean_line(qn.title.get(lang)),
                },
                sections: Vec::new(),
            });
            continue;
        }
        let Some(topic) = topics.last_mut() else {
            continue;
        };
        let q = row.question.map(|i| &qn.questions[i]);
        // Group and instance rows carry their first question, whose section
        // is the group's.
        let section = q.and_then(|q| q.section.as_deref());
        if !matches!(
            row.kind,
            RowKind::Question {
                instance: Some(_),
                ..
            } | RowKind::Instance { .. }
        ) && topic
            .sections
            .last()
            .is_none_or(|s| s.named.as_ref().map(|n| n.id.as_str()) != section)
        {
            topic.sections.push(SectionBlock {
                named: section.map(|id| Named {
                    id: id.to_string(),
                    title: qn
                        .section(id)
                        .map_or(id.to_string(), |s| clean_line(s.title.get(lang))),
                }),
                parts: Vec::new(),
            });
        }
        let Some(block) = topic.sections.last_mut() else {
            continue;
        };
        match &row.kind {
            RowKind::Group { full_id, .. } => {
                let gid = full_id.split_once('.').map_or(full_id.as_str(), |(_, g)| g);
                let title = qn
                    .group(gid)
                    .map_or(gid.to_string(), |g| clean_line(g.title.get(lang)));
                block.parts.push(Part::Group(GroupBlock {
                    id: full_id.clone(),
                    title,
                    instances: Vec::new(),
                }));
            }
            RowKind::Instance { n, .. } => {
                if let Some(Part::Group(g)) = block.parts.last_mut() {
                    g.instances.push(InstanceBlock {
                        n: *n,
                        heading: format!("{} {n}", g.title),
                        items: Vec::new(),
                    });
                }
            }
            RowKind::Question { key, instance, .. } => {
                let it = item(cx, key, q, Place::Interview, None);
                match (instance, block.parts.last_mut()) {
                    (Some(_), Some(Part::Group(g))) => {
                        if let Some(n) = g.instances.last_mut() {
                            n.items.push(it);
                        }
                    }
                    _ => block.parts.push(Part::Question(Box::new(it))),
                }
            }
            RowKind::Topic => {}
        }
    }
    topics
}

fn kept(cx: &Ctx<'_>, topics: &[TopicBlock]) -> Vec<Item> {
    let r = &Strings::get(cx.lang).record;
    let rows = rows(cx.catalog, cx.session);
    let _ = topics;
    let worth = |a: &Answer| AnswerState::of(a).is_some() || !a.amendments.is_empty();
    let mut out: Vec<Item> = orphaned_answers(cx.catalog, cx.session, &rows)
        .into_iter()
        .filter(|(k, _)| cx.session.answers.get(k).is_some_and(worth))
        .map(|(key, why)| {
            let (id, _) = parse_answer_key(&key);
            let q = cx.catalog.question(id).map(|(_, q)| q);
            let (place, text) = match why {
                Orphan::Hidden => (Place::Hidden, &r.kept_hidden),
                Orphan::Removed => (Place::Removed, &r.kept_removed),
            };
            let mut it = item(cx, &key, q, place, Some(text.clone()));
            it.text = kept_text(cx, &key, q);
            it
        })
        .collect();
    for removed in &cx.session.removed {
        let (id, _) = parse_answer_key(&removed.key);
        let q = cx.catalog.question(id).map(|(_, q)| q);
        let why = fill(
            &r.kept_instance,
            &[("at", &stamp(&removed.removed, cx.tz, cx.lang).text)],
        );
        let mut it = item(cx, &removed.key, q, Place::RemovedInstance, Some(why));
        it.text = kept_text(cx, &removed.key, q);
        it.answer = Some(answer_view(cx, &removed.key, &removed.answer, q));
        out.push(it);
    }
    out
}

fn question_text(cx: &Ctx<'_>, key: &str, q: Option<&Question>) -> String {
    q.map_or_else(|| clean_line(key), |q| clean_line(q.text.get(cx.lang)))
}

/// A kept answer's question with the repeat it belonged to ("… (Oproep 3)"):
/// outside the walk, nothing else says which instance it was.
fn kept_text(cx: &Ctx<'_>, key: &str, q: Option<&Question>) -> String {
    let text = question_text(cx, key, q);
    let (id, instance) = parse_answer_key(key);
    let group = q.and_then(|q| q.group.as_deref()).and_then(|g| {
        let qn = cx.catalog.questionnaire(id.split_once('.')?.0)?;
        Some(clean_line(qn.group(g)?.title.get(cx.lang)))
    });
    match (instance, group) {
        (Some(n), Some(g)) => format!("{text} ({g} {n})"),
        (Some(n), None) => format!("{text} (#{n})"),
        _ => text,
    }
}

fn item(cx: &Ctx<'_>, key: &str, q: Option<&Question>, place: Place, why: Option<String>) -> Item {
    let (id, instance) = parse_answer_key(key);
    let (questionnaire, question) = id.split_once('.').unwrap_or(("", id));
    Item {
        key: key.to_string(),
        questionnaire: questionnaire.to_string(),
        question: question.to_string(),
        instance,
        text: question_text(cx, key, q),
        known: q.is_some(),
        kind: q.map(|q| q.kind.name()),
        required: place == Place::Interview && q.is_some_and(|q| q.required == Required::Must),
        place,
        kept_why: why,
        answer: cx
            .session
            .answers
            .get(key)
            .filter(|a| AnswerState::of(a).is_some() || !a.amendments.is_empty())
            .map(|a| answer_view(cx, key, a, q)),
        derived: q.and_then(|q| {
            let answers = crate::interview::SessionAnswers(cx.session);
            super::derived::view(q, questionnaire, instance, &answers, cx.lang)
        }),
        comments: Vec::new(),
    }
}

fn answer_view(cx: &Ctx<'_>, key: &str, a: &Answer, q: Option<&Question>) -> AnswerView {
    let kind = q.map(|q| &q.kind);
    AnswerView {
        value: a.value.as_ref().map(|v| value_view(v, kind, cx.lang)),
        status_code: words::answer_status_code(a.status),
        status: words::answer_status(a.status, cx.lang),
        status_only: a.status != AnswerStatus::Answered,
        note: clean(&a.note),
        flagged: a.flagged,
        cited: a
            .cited
            .iter()
            .map(|r| {
                let p = cx.passages.passage(r);
                let e = &crate::i18n::Strings::get(cx.lang).edition;
                let (state, mark) = match cx.passages.citation_state(r, a.cited_hash(r)) {
                    CitationState::Same => ("same", None),
                    CitationState::Changed => ("changed", Some(e.citation_changed.clone())),
                    CitationState::Gone => ("gone", Some(e.citation_gone.clone())),
                };
                Citation {
                    reference: r.clone(),
                    title: p.as_ref().map(|(t, _)| clean_line(t)),
                    text: p.as_ref().map(|(_, t)| clean(t)),
                    state,
                    as_cited: mark.as_ref().and(a.cited_text(r)).map(clean),
                    mark,
                }
            })
            .collect(),
        given: a.given.as_ref().map(|z| stamp(z, cx.tz, cx.lang)),
        updated: stamp(&a.updated, cx.tz, cx.lang),
        amendments: a
            .amendments
            .iter()
            .map(|m| AmendmentView {
                by: clean_line(&m.by),
                at: stamp(&m.at, cx.tz, cx.lang),
                source: clean_line(&m.source),
                value: m.value.as_ref().map(|v| value_view(v, kind, cx.lang)),
                text: clean(&m.text),
            })
            .collect(),
        changed: cx.changed.get(key).and_then(|before| {
            Some(ChangedView {
                since: cx.since.clone()?,
                before: describe(cx, before.as_ref(), q),
            })
        }),
    }
}

/// A version of an answer in one line: the value or the status, and the note.
fn describe(cx: &Ctx<'_>, state: Option<&AnswerState>, q: Option<&Question>) -> String {
    let r = &Strings::get(cx.lang).record;
    let Some(s) = state else {
        return r.nothing_before.clone();
    };
    let mut parts = Vec::new();
    if s.status != AnswerStatus::Answered {
        parts.push(words::answer_status(s.status, cx.lang));
    }
    if let Some(v) = &s.value {
        parts.push(clean(&words::value(v, q.map(|q| &q.kind), cx.lang)));
    }
    if !s.note.trim().is_empty() {
        parts.push(format!("{}: {}", r.note, clean(&s.note)));
    }
    if parts.is_empty() {
        parts.push(r.nothing_before.clone());
    }
    parts.join("; ")
}

pub fn value_view(v: &Value, kind: Option<&Kind>, lang: Lang) -> ValueView {
    ValueView {
        code: json_value(v),
        text: clean(&words::value(v, kind, lang)),
        labels: words::choice_labels(v, kind, lang)
            .iter()
            .map(|l| clean_line(l))
            .collect(),
    }
}

fn json_value(v: &Value) -> Json {
    let ymd = |(y, m, d): (i16, u8, u8)| format!("{y:04}-{m:02}-{d:02}");
    match v {
        Value::YesNo(b) => json!({ "type": "yes_no", "value": b }),
        Value::Choice(c) => json!({ "type": "choice", "value": clean(c) }),
        Value::Choices(cs) => {
            json!({ "type": "choices", "value": cs.iter().map(|c| clean(c)).collect::<Vec<_>>() })
        }
        Value::Date(d) => json!({
            "type": "date",
            "value": d.to_string(),
            "precision": d.precision(),
            "earliest": ymd(d.earliest()),
            "latest": ymd(d.latest()),
        }),
        Value::Number(n) => json!({ "type": "number", "value": n }),
        Value::Text(t) => json!({ "type": "text", "value": clean(t) }),
    }
}
