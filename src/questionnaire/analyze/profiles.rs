use super::*;

pub(super) fn profiles(cx: &mut Ctx) {
    let cat = &cx.loaded.catalog;
    for p in &cat.profiles {
        for (t, span) in p.topics.iter().zip(&p.topic_spans) {
            if cat.questionnaire(t).is_some() || cx.loaded.broken.contains(t) {
                continue;
            }
            let sugg = did_you_mean(t, cat.questionnaires.iter().map(|q| q.id.as_str()));
            cx.push(
                Severity::Error,
                Code::UnknownTopic,
                &p.path,
                span.clone(),
                &[("topic", t), ("profile", &p.id)],
                sugg,
            );
        }
    }
}
