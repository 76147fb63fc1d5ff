//! The record for other systems: the same content as the document, with
//! codes beside labels and RFC 3339 timestamps. docs/record.schema.json
//! describes it; change both together and raise `JSON_FORMAT_VERSION` for
//! anything a consumer would notice.

use serde_json::{Value as Json, json};

use super::record::*;
use super::words::Stamp;
use super::{JSON_FORMAT, JSON_FORMAT_VERSION};

fn stamp(s: &Stamp) -> Json {
    json!({ "at": s.rfc3339, "text": s.text })
}

fn opt_stamp(s: Option<&Stamp>) -> Json {
    s.map_or(Json::Null, stamp)
}

fn value(v: &ValueView) -> Json {
    let mut out = v.code.clone();
    out["text"] = json!(v.text);
    if !v.labels.is_empty() {
        out["labels"] = json!(v.labels);
    }
    out
}

fn named(n: &Named) -> Json {
    json!({ "id": n.id, "title": n.title })
}

fn comment(c: &CommentLine) -> Json {
    json!({
        "id": c.id,
        "author": c.author,
        "at": c.at.rfc3339,
        "at_text": c.at.text,
        "target": c.target,
        "text": c.text,
    })
}

fn answer(it: &Item) -> Json {
    let a = it.answer.as_ref();
    json!({
        "key": it.key,
        "questionnaire": it.questionnaire,
        "question": it.question,
        "instance": it.instance,
        "question_text": it.known.then_some(&it.text),
        "kind": it.kind,
        "required": it.required,
        "place": it.place.code(),
        "kept_because": it.kept_why,
        "value": a.and_then(|a| a.value.as_ref()).map(value),
        "derived": it.derived.as_ref().map(|d| d.data.clone()),
        "status": a.map(|a| json!({ "code": a.status_code, "label": a.status })),
        "note": a.map_or("", |a| a.note.as_str()),
        "flagged": a.is_some_and(|a| a.flagged),
        "cited": a.map_or(Vec::new(), |a| a.cited.iter().map(|c| json!({
            "ref": c.reference,
            "title": c.title,
            "text": c.text,
            "state": c.state,
            "as_cited": c.as_cited,
        })).collect()),
        "given": opt_stamp(a.and_then(|a| a.given.as_ref())),
        "last_changed": opt_stamp(a.map(|a| &a.updated)),
        "amendments": a.map_or(Vec::new(), |a| a.amendments.iter().map(|m| json!({
            "by": m.by,
            "at": m.at.rfc3339,
            "at_text": m.at.text,
            "source": m.source,
            "value": m.value.as_ref().map(value),
            "text": m.text,
        })).collect()),
        "changed_after": a.and_then(|a| a.changed.as_ref()).map(|c| json!({
            "since": c.since.rfc3339,
            "before": c.before,
        })),
    })
}

fn question_ref(it: &Item) -> Json {
    json!({
        "key": it.key,
        "question_text": it.text,
        "required": it.required,
        "open": it.is_open_required(),
        "answered": it.answer.is_some(),
    })
}

/// The record as a JSON value.
pub fn json(rec: &Record) -> Json {
    let h = &rec.header;
    let p = &h.progress;
    json!({
        "format": JSON_FORMAT,
        "format_version": JSON_FORMAT_VERSION,
        "id": h.session_id,
        "case_ref": h.case_ref,
        "interviewer": h.interviewer,
        "lang": { "code": h.lang_code, "label": h.lang },
        "status": { "code": h.status_code, "label": h.status },
        "profile": h.profile.as_ref().map(named),
        "topics": h.topics.iter().map(named).collect::<Vec<_>>(),
        "questionnaires": h.questionnaires.iter().map(|q| json!({
            "id": q.id,
            "title": q.title,
            "version": q.version,
            "hash": q.hash,
            "changed_since": q.changed,
        })).collect::<Vec<_>>(),
        "created": stamp(&h.created),
        "updated": stamp(&h.updated),
        "submitted": opt_stamp(h.submitted.as_ref()),
        "approved": opt_stamp(h.approved.as_ref()),
        "note": h.note,
        "progress": {
            "answered": p.answered,
            "status_only": p.status_only,
            "open_required": p.open_required,
            "flagged": p.flagged,
        },
        "interview": rec.topics.iter().map(|t| json!({
            "topic": named(&t.named),
            "sections": t.sections.iter().map(|s| json!({
                "section": s.named.as_ref().map(named),
                "parts": s.parts.iter().map(|part| match part {
                    Part::Question(it) => json!({ "question": question_ref(it) }),
                    Part::Group(g) => json!({ "group": {
                        "id": g.id,
                        "title": g.title,
                        "instances": g.instances.iter().map(|n| json!({
                            "n": n.n,
                            "heading": n.heading,
                            "questions": n.items.iter().map(question_ref).collect::<Vec<_>>(),
                        })).collect::<Vec<_>>(),
                    }}),
                }).collect::<Vec<_>>(),
            })).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "answers": rec
            .items()
            .filter(|i| i.answer.is_some() || i.derived.as_ref().is_some_and(|d| d.has_value()))
            .map(answer)
            .collect::<Vec<_>>(),
        "open_required": rec.items().filter(|i| i.is_open_required()).map(|i| i.key.clone()).collect::<Vec<_>>(),
        "changes": rec.changes.as_ref().map(|c| json!({
            "since": c.since.rfc3339,
            "answers": c.lines.iter().map(|l| json!({
                "key": l.key,
                "question_text": l.text,
                "before": l.before,
                "after": l.after,
            })).collect::<Vec<_>>(),
        })),
        "comments": rec.comments.iter().map(comment).collect::<Vec<_>>(),
        "history": rec.history.iter().map(|h| json!({
            "from": h.from_code,
            "from_label": h.from,
            "to": h.to_code,
            "to_label": h.to,
            "by": h.by,
            "at": h.at.rfc3339,
            "at_text": h.at.text,
            "reason": h.reason,
        })).collect::<Vec<_>>(),
    })
}
