use super::*;

pub(super) fn load_question(
    sink: &mut Sink,
    text: &str,
    item: &Item,
    sections: &[Section],
    groups: &[Group],
) -> Option<Question> {
    let Some(t) = Table::new(item, text) else {
        Table::wrong_type(sink, "question", item, "table");
        return None;
    };
    t.unknown_keys(sink, "[[question]]", QUESTION_KEYS);
    let id = t.string(sink, "id", true);
    if let Some((id, span)) = &id
        && !is_id(id)
    {
        sink.error(Code::InvalidId, span.clone(), &[("id", id)]);
    }
    let kind = kind(sink, text, &t);
    let q_text = t.text(sink, text, "text", true, true);
    let hint = t.text(sink, text, "hint", false, false);
    let guidance = t.text(sink, text, "guidance", false, false);
    let (sources, source_spans) = t.strings(sink, "sources").into_iter().unzip();
    let keywords = t
        .strings(sink, "keywords")
        .into_iter()
        .map(|(s, _)| s)
        .collect();
    let (required, required_span) = match t.string(sink, "required", false) {
        Some((r, span)) => match r.as_str() {
            "ask" => (Required::Ask, span),
            "must" => (Required::Must, span),
            _ => {
                invalid_value(sink, "required", &r, span.clone(), &["ask", "must"]);
                (Required::Ask, span)
            }
        },
        None => (Required::Ask, 0..0),
    };
    let show = show_if(sink, text, &t);
    let computed = computed(sink, text, &t);
    if computed.is_some() && required == Required::Must {
        sink.error(Code::ComputedRequired, required_span.clone(), &[]);
    }
    let (renamed_from, renamed_spans): (Vec<String>, Vec<Range<usize>>) =
        t.strings(sink, "renamed_from").into_iter().unzip();
    for (old, span) in renamed_from.iter().zip(&renamed_spans) {
        if !is_id(old) {
            sink.error(Code::InvalidId, span.clone(), &[("id", old)]);
        }
    }
    let retired = t.boolean(sink, "retired").unwrap_or(false);
    let section = reference(
        sink,
        &t,
        "section",
        Code::UnknownSection,
        sections.iter().map(|s| s.id.as_str()),
    );
    let group = reference(
        sink,
        &t,
        "group",
        Code::UnknownGroup,
        groups.iter().map(|g| g.id.as_str()),
    );
    let (id, id_span) = id?;
    if !is_id(&id) {
        return None;
    }
    Some(Question {
        id,
        kind: kind?,
        text: q_text,
        hint,
        guidance,
        sources,
        keywords,
        required,
        show_if: show.flatten(),
        computed,
        renamed_from,
        retired,
        section,
        group,
        spans: QuestionSpans {
            id: id_span,
            required: required_span,
            sources: source_spans,
            renamed_from: renamed_spans,
        },
    })
}

pub(super) fn reference<'a>(
    sink: &mut Sink,
    t: &Table,
    key: &str,
    code: Code,
    defined: impl Iterator<Item = &'a str> + Clone,
) -> Option<String> {
    let (name, span) = t.string(sink, key, false)?;
    if defined.clone().any(|d| d == name) {
        return Some(name);
    }
    let list: Vec<&str> = defined.clone().collect();
    let list = if list.is_empty() {
        "-".to_string()
    } else {
        list.join(", ")
    };
    sink.push(
        Severity::Error,
        code,
        span,
        &[("name", &name), ("defined", &list)],
        did_you_mean(&name, defined),
    );
    None
}

pub(super) fn kind(sink: &mut Sink, text: &str, t: &Table) -> Option<Kind> {
    let (name, span) = t.string(sink, "kind", true)?;
    let specific: [(&str, &[&str]); 6] = [
        ("choices", &["single_choice", "multi_choice"]),
        ("precision", &["date"]),
        ("min", &["number"]),
        ("max", &["number"]),
        ("unit", &["number"]),
        ("computed", &["number"]),
    ];
    if Kind::NAMES.contains(&name.as_str()) {
        for (key, kinds) in specific {
            if !kinds.contains(&name.as_str())
                && let Some(key_span) = t.key_span(key)
            {
                sink.error(
                    Code::KindKey,
                    key_span,
                    &[("key", key), ("kind", &name), ("kinds", &kinds.join(", "))],
                );
            }
        }
    }
    Some(match name.as_str() {
        "yes_no" => Kind::YesNo,
        "single_choice" => Kind::SingleChoice {
            choices: choices(sink, text, t, &span)?,
        },
        "multi_choice" => Kind::MultiChoice {
            choices: choices(sink, text, t, &span)?,
        },
        "date" => Kind::Date {
            precision: match t.string(sink, "precision", false) {
                Some((p, pspan)) => match p.as_str() {
                    "day" => DatePrecision::Day,
                    "month" => DatePrecision::Month,
                    "year" => DatePrecision::Year,
                    _ => {
                        invalid_value(sink, "precision", &p, pspan, &["day", "month", "year"]);
                        DatePrecision::Day
                    }
                },
                None => DatePrecision::Day,
            },
        },
        "number" => {
            let min = t.number(sink, "min");
            let max = t.number(sink, "max");
            if let (Some((lo, _)), Some((hi, span))) = (&min, &max)
                && lo > hi
            {
                sink.error(
                    Code::MinMax,
                    span.clone(),
                    &[("min", &lo.to_string()), ("max", &hi.to_string())],
                );
            }
            let unit = t
                .get("unit")
                .map(|_| t.text(sink, text, "unit", false, false));
            Kind::Number {
                min: min.map(|(n, _)| n),
                max: max.map(|(n, _)| n),
                unit,
            }
        }
        "short_text" => Kind::ShortText,
        "long_text" => Kind::LongText,
        _ => {
            invalid_value(sink, "kind", &name, span, &Kind::NAMES);
            return None;
        }
    })
}

pub(super) fn choices(
    sink: &mut Sink,
    text: &str,
    t: &Table,
    kind_span: &Range<usize>,
) -> Option<Vec<Choice>> {
    if t.get("choices").is_none() {
        sink.error(Code::MissingChoices, kind_span.clone(), &[]);
        return Some(Vec::new());
    }
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut out = Vec::new();
    let items = t.array(sink, "choices");
    for item in items {
        let Some(c) = Table::new(item, text) else {
            Table::wrong_type(sink, "choices", item, "table { value, label }");
            continue;
        };
        let c = Table {
            table: c.table,
            span: item.span(),
        };
        c.unknown_keys(sink, "choices", CHOICE_KEYS);
        let label = c.text(sink, text, "label", true, false);
        let Some((value, span)) = c.string(sink, "value", true) else {
            continue;
        };
        if value.trim().is_empty() || value.contains('"') {
            sink.error(Code::InvalidChoiceValue, span, &[("value", &value)]);
            continue;
        }
        if let Some(first) = seen.get(&value) {
            let line = crate::error::line_col(text, *first).0;
            sink.error(
                Code::DuplicateChoice,
                span,
                &[("id", &value), ("line", &line.to_string())],
            );
            continue;
        }
        seen.insert(value.clone(), span.start);
        out.push(Choice { value, label, span });
    }
    if items.len() < 2 {
        let span = t.get("choices").map_or(kind_span.clone(), |c| c.span());
        sink.error(Code::TooFewChoices, span, &[]);
    }
    Some(out)
}

/// `renamed_from` must not name a current question (its answers would
/// belong to two questions) nor appear under two questions.
pub(super) fn renames(sink: &mut Sink, questions: &[Question]) {
    let mut claimed: HashMap<&str, &str> = HashMap::new();
    for q in questions {
        for (old, span) in q.renamed_from.iter().zip(&q.spans.renamed_from) {
            if questions.iter().any(|o| &o.id == old) {
                sink.error(
                    Code::ReusedId,
                    span.clone(),
                    &[("id", old), ("question", &q.id)],
                );
            } else if let Some(other) = claimed.get(old.as_str()) {
                sink.error(
                    Code::RenamedCollision,
                    span.clone(),
                    &[("id", old), ("other", other)],
                );
            } else {
                claimed.insert(old, &q.id);
            }
        }
    }
}

/// Within a repeat group, a bare reference to another question of the same
/// group means the same instance.
pub(super) fn mark_siblings(questions: &mut [Question]) {
    let groups: HashMap<String, Option<String>> = questions
        .iter()
        .map(|q| (q.id.clone(), q.group.clone()))
        .collect();
    for q in questions.iter_mut() {
        let Some(g) = q.group.clone() else { continue };
        let same_group = |r: &crate::questionnaire::expr::Ref| {
            r.questionnaire.is_none()
                && groups
                    .get(&r.question)
                    .is_some_and(|tg| tg.as_deref() == Some(&g))
        };
        if let Some(e) = &mut q.show_if {
            e.refs_mut(&mut |r| r.sibling = same_group(r));
        }
        if let Some(c) = &mut q.computed {
            c.source.sibling = same_group(&c.source);
        }
    }
}
