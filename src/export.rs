//! Session exports (Markdown for the case file, JSON for other systems) as
//! values; they print nothing. The JSON shape is documented in
//! docs/sessions.md (`format = "gehoor-session"`, `format_version = 1`).

use serde_json::{Value as Json, json};

use crate::i18n::Lang;
use crate::notes::{Answer, Session, Status, parse_answer_key};
use crate::questionnaire::{AnswerStatus, Value};
use crate::sanitize::{clean, clean_line};

pub const JSON_FORMAT: &str = "gehoor-session";
pub const JSON_FORMAT_VERSION: u32 = 1;

/// What an export needs besides the session: question texts and cited
/// passages. `None` when unknown (the export then shows the id or ref).
pub trait ExportContext {
    fn question_text(&self, full_id: &str, lang: Lang) -> Option<String>;
    /// The passage behind a corpus ref: a title line and its text.
    fn passage(&self, reference: &str) -> Option<(String, String)>;
}

/// The questionnaires and corpus the program runs with: exports show the
/// question texts and quote the cited passages.
pub struct Library<'a> {
    pub catalog: &'a crate::questionnaire::Catalog,
    pub corpus: &'a crate::corpus::Corpus,
}

impl ExportContext for Library<'_> {
    fn question_text(&self, full_id: &str, lang: Lang) -> Option<String> {
        self.catalog
            .question(full_id)
            .map(|(_, q)| q.text.get(lang).to_string())
    }

    fn passage(&self, reference: &str) -> Option<(String, String)> {
        let r = self.corpus.resolve(reference)?;
        let section = r
            .section
            .and_then(|s| r.document.sections.iter().position(|x| std::ptr::eq(x, s)));
        let title = r.document.heading(section);
        let text = r
            .paragraphs
            .iter()
            .map(|p| p.text.as_str())
            .collect::<Vec<_>>()
            .join("\n\n");
        Some((title, text))
    }
}

/// A context that knows nothing: exports show ids and refs only.
pub struct NoContext;

impl ExportContext for NoContext {
    fn question_text(&self, _full_id: &str, _lang: Lang) -> Option<String> {
        None
    }
    fn passage(&self, _reference: &str) -> Option<(String, String)> {
        None
    }
}

struct Labels {
    title: &'static str,
    case: &'static str,
    interviewer: &'static str,
    created: &'static str,
    updated: &'static str,
    status: &'static str,
    id: &'static str,
    questionnaires: &'static str,
    note: &'static str,
    answers: &'static str,
    answer: &'static str,
    no_value: &'static str,
    flagged: &'static str,
    sources: &'static str,
    removed: &'static str,
    comments: &'static str,
    whole: &'static str,
    history: &'static str,
    reason: &'static str,
    instance: &'static str,
}

// Export labels are part of a document, not the interface, so they live with
// the exporter; both languages are complete by construction.
fn labels(lang: Lang) -> Labels {
    match lang {
        Lang::Nl => Labels {
            title: "Gehoorsessie",
            case: "Zaakreferentie",
            interviewer: "Interviewer",
            created: "Aangemaakt",
            updated: "Bijgewerkt",
            status: "Status",
            id: "Sessie-id",
            questionnaires: "Vragenlijsten",
            note: "Notitie",
            answers: "Antwoorden",
            answer: "Antwoord",
            no_value: "(geen antwoord)",
            flagged: "Gemarkeerd voor navraag",
            sources: "Bronnen",
            removed: "Verwijderde antwoorden (bewaard)",
            comments: "Opmerkingen van de beoordelaar",
            whole: "hele sessie",
            history: "Statusgeschiedenis",
            reason: "reden",
            instance: "nr.",
        },
        Lang::En => Labels {
            title: "Interview session",
            case: "Case reference",
            interviewer: "Interviewer",
            created: "Created",
            updated: "Updated",
            status: "Status",
            id: "Session id",
            questionnaires: "Questionnaires",
            note: "Note",
            answers: "Answers",
            answer: "Answer",
            no_value: "(no answer)",
            flagged: "Flagged for follow-up",
            sources: "Sources",
            removed: "Removed answers (kept)",
            comments: "Reviewer comments",
            whole: "whole session",
            history: "Status history",
            reason: "reason",
            instance: "no.",
        },
    }
}

fn status_label(s: Status, lang: Lang) -> &'static str {
    match (lang, s) {
        (Lang::Nl, Status::Draft) => "concept",
        (Lang::Nl, Status::Submitted) => "ingediend",
        (Lang::Nl, Status::Approved) => "goedgekeurd",
        (Lang::Nl, Status::Returned) => "teruggestuurd",
        (Lang::En, s) => s.code(),
    }
}

fn answer_status_label(s: AnswerStatus, lang: Lang) -> &'static str {
    match (lang, s) {
        (Lang::Nl, AnswerStatus::Answered) => "beantwoord",
        (Lang::Nl, AnswerStatus::Declined) => "wil niet antwoorden",
        (Lang::Nl, AnswerStatus::Unclear) => "onduidelijk",
        (Lang::Nl, AnswerStatus::NotAsked) => "niet gevraagd",
        (Lang::Nl, AnswerStatus::NotApplicable) => "niet van toepassing",
        (Lang::En, AnswerStatus::Answered) => "answered",
        (Lang::En, AnswerStatus::Declined) => "declined",
        (Lang::En, AnswerStatus::Unclear) => "unclear",
        (Lang::En, AnswerStatus::NotAsked) => "not asked",
        (Lang::En, AnswerStatus::NotApplicable) => "not applicable",
    }
}

/// A value as a person reads it.
pub fn display_value(v: &Value, lang: Lang) -> String {
    crate::questionnaire::display_value(v, None, lang)
}

/// Markdown metacharacters at line starts and inline would restyle
/// untrusted text; escape them so notes read as typed.
fn md(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in clean(text).chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Multi-line untrusted text as a block quote.
fn quote(text: &str) -> String {
    md(text)
        .lines()
        .map(|l| format!("> {l}\n"))
        .collect::<String>()
}

fn question_heading(key: &str, ctx: &dyn ExportContext, lang: Lang, l: &Labels) -> String {
    let (id, instance) = parse_answer_key(key);
    let text = ctx
        .question_text(id, lang)
        .map(|t| md(&clean_line(&t)))
        .unwrap_or_else(|| format!("`{}`", clean_line(id)));
    match instance {
        Some(n) => format!("{text} ({} {n}) — `{}`", l.instance, clean_line(key)),
        None if ctx.question_text(id, lang).is_some() => {
            format!("{text} — `{}`", clean_line(key))
        }
        None => text,
    }
}

fn md_answer(
    out: &mut String,
    key: &str,
    a: &Answer,
    s: &Session,
    ctx: &dyn ExportContext,
    lang: Lang,
    l: &Labels,
) {
    out.push_str(&format!("### {}\n\n", question_heading(key, ctx, lang, l)));
    let value = a
        .value
        .as_ref()
        .map(|v| match v {
            // `~2023-10` is a date, not markup.
            Value::Date(d) => d.to_string(),
            v => md(&display_value(v, lang)),
        })
        .unwrap_or_else(|| l.no_value.to_string());
    out.push_str(&format!(
        "- **{}:** {}\n- **{}:** {}\n",
        l.answer,
        value.replace('\n', " "),
        l.status,
        answer_status_label(a.status, lang)
    ));
    if a.flagged {
        out.push_str(&format!("- **{}**\n", l.flagged));
    }
    if !a.note.trim().is_empty() {
        out.push_str(&format!("\n**{}:**\n\n{}", l.note, quote(&a.note)));
    }
    if !a.cited.is_empty() {
        out.push_str(&format!("\n**{}:**\n\n", l.sources));
        for r in &a.cited {
            match ctx.passage(r) {
                Some((title, text)) => out.push_str(&format!(
                    "- `{}` — {}\n\n{}\n",
                    clean_line(r),
                    md(&clean_line(&title)),
                    quote(&text)
                )),
                None => out.push_str(&format!("- `{}`\n", clean_line(r))),
            }
        }
    }
    let comments: Vec<_> = s
        .comments
        .iter()
        .filter(|c| c.target.as_deref() == Some(key))
        .collect();
    if !comments.is_empty() {
        out.push_str(&format!("\n**{}:**\n\n", l.comments));
        for c in comments {
            out.push_str(&format!(
                "- {} ({}): {}\n",
                md(&clean_line(&c.author)),
                c.at,
                md(&c.text).replace('\n', " ")
            ));
        }
    }
    out.push('\n');
}

/// The case-file export: header, session note, every answer with status,
/// note, cited passages and comments, removed answers, session comments and
/// the status history.
pub fn markdown(session: &Session, ctx: &dyn ExportContext, lang: Lang) -> String {
    let l = labels(lang);
    let s = session;
    let mut out = format!(
        "# {}: {}\n\n| | |\n|---|---|\n| {} | {} |\n| {} | {} |\n| {} | {} |\n| {} | {} |\n| {} | {} |\n| {} | `{}` |\n",
        l.title,
        md(&clean_line(&s.case_ref)),
        l.case,
        md(&clean_line(&s.case_ref)),
        l.interviewer,
        md(&clean_line(&s.interviewer)),
        l.created,
        s.created,
        l.updated,
        s.updated,
        l.status,
        status_label(s.status, lang),
        l.id,
        s.id
    );
    if !s.questionnaires.is_empty() {
        let list: Vec<String> = s
            .questionnaires
            .iter()
            .map(|q| format!("`{}` v{}", clean_line(&q.id), q.version))
            .collect();
        out.push_str(&format!("| {} | {} |\n", l.questionnaires, list.join(", ")));
    }
    out.push('\n');
    if !s.note.trim().is_empty() {
        out.push_str(&format!("## {}\n\n{}\n", l.note, quote(&s.note)));
    }
    out.push_str(&format!("## {}\n\n", l.answers));
    for (key, a) in &s.answers {
        md_answer(&mut out, key, a, s, ctx, lang, &l);
    }
    if !s.removed.is_empty() {
        out.push_str(&format!("## {}\n\n", l.removed));
        for r in &s.removed {
            md_answer(&mut out, &r.key, &r.answer, s, ctx, lang, &l);
        }
    }
    let general: Vec<_> = s
        .comments
        .iter()
        .filter(|c| c.target.as_ref().is_none_or(|t| !s.answers.contains_key(t)))
        .collect();
    if !general.is_empty() {
        out.push_str(&format!("## {}\n\n", l.comments));
        for c in general {
            let target = c
                .target
                .as_deref()
                .map(|t| format!("`{}`", clean_line(t)))
                .unwrap_or_else(|| l.whole.to_string());
            out.push_str(&format!(
                "- {} ({}, {}): {}\n",
                md(&clean_line(&c.author)),
                c.at,
                target,
                md(&c.text).replace('\n', " ")
            ));
        }
        out.push('\n');
    }
    if !s.history.is_empty() {
        out.push_str(&format!("## {}\n\n", l.history));
        for h in &s.history {
            out.push_str(&format!(
                "- {}: {} → {} ({})",
                h.at,
                status_label(h.from, lang),
                status_label(h.to, lang),
                md(&clean_line(&h.by))
            ));
            if let Some(r) = &h.reason {
                out.push_str(&format!("; {}: {}", l.reason, md(r).replace('\n', " ")));
            }
            out.push('\n');
        }
        out.push('\n');
    }
    out
}

fn json_value(v: &Value) -> Json {
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
            "earliest": fmt_ymd(d.earliest()),
            "latest": fmt_ymd(d.latest()),
        }),
        Value::Number(n) => json!({ "type": "number", "value": n }),
        Value::Text(t) => json!({ "type": "text", "value": clean(t) }),
    }
}

fn fmt_ymd((y, m, d): (i16, u8, u8)) -> String {
    format!("{y:04}-{m:02}-{d:02}")
}

fn json_answer(key: &str, a: &Answer, ctx: &dyn ExportContext, lang: Lang) -> Json {
    let (id, instance) = parse_answer_key(key);
    let (questionnaire, question) =
        crate::questionnaire::FullId::split(id).map_or(("", id), |q| (q.questionnaire, q.local));
    json!({
        "key": key,
        "questionnaire": questionnaire,
        "question": question,
        "instance": instance,
        "question_text": ctx.question_text(id, lang).map(|t| clean(&t)),
        "value": a.value.as_ref().map(json_value),
        "status": a.status,
        "note": clean(&a.note),
        "flagged": a.flagged,
        "cited": a.cited.iter().map(|r| {
            let p = ctx.passage(r);
            json!({
                "ref": r,
                "title": p.as_ref().map(|(t, _)| clean(t)),
                "text": p.as_ref().map(|(_, t)| clean(t)),
            })
        }).collect::<Vec<_>>(),
        "created": a.created.to_string(),
        "updated": a.updated.to_string(),
    })
}

/// The export for other systems; see docs/sessions.md for the schema.
pub fn json(session: &Session, ctx: &dyn ExportContext) -> Json {
    let s = session;
    let lang = s.lang;
    json!({
        "format": JSON_FORMAT,
        "format_version": JSON_FORMAT_VERSION,
        "schema_version": s.schema_version,
        "id": s.id.to_string(),
        "case_ref": clean(&s.case_ref),
        "interviewer": clean(&s.interviewer),
        "created": s.created.to_string(),
        "updated": s.updated.to_string(),
        "lang": lang,
        "status": s.status,
        "note": clean(&s.note),
        "questionnaires": s.questionnaires.iter().map(|q| json!({
            "id": q.id, "version": q.version, "hash": q.hash,
        })).collect::<Vec<_>>(),
        "groups": s.groups,
        "answers": s.answers.iter().map(|(k, a)| json_answer(k, a, ctx, lang)).collect::<Vec<_>>(),
        "removed": s.removed.iter().map(|r| {
            let mut a = json_answer(&r.key, &r.answer, ctx, lang);
            a["removed"] = json!(r.removed.to_string());
            a
        }).collect::<Vec<_>>(),
        "comments": s.comments.iter().map(|c| json!({
            "id": c.id.to_string(),
            "author": clean(&c.author),
            "at": c.at.to_string(),
            "target": c.target,
            "text": clean(&c.text),
        })).collect::<Vec<_>>(),
        "history": s.history.iter().map(|h| json!({
            "from": h.from,
            "to": h.to,
            "by": clean(&h.by),
            "at": h.at.to_string(),
            "reason": h.reason.as_ref().map(|r| clean(r)),
        })).collect::<Vec<_>>(),
    })
}

#[cfg(test)]
mod tests;
