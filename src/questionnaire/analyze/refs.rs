use super::*;

/// `DOC`, `DOC#1.2.3`, `DOC#1.2.3/p4` or `DOC#p4`.
pub(crate) fn ref_is_well_formed(r: &str) -> bool {
    crate::corpus::Ref::split(r).is_well_formed()
}

/// A known ref `DOC#*` accepts every well-formed ref into DOC.
pub(super) fn ref_known(r: &str, known: &HashSet<&str>) -> bool {
    if known.contains(r) {
        return true;
    }
    let doc = crate::corpus::Ref::split(r).doc;
    known.contains(format!("{doc}#*").as_str()) && ref_is_well_formed(r)
}

pub(super) fn suggest_ref(r: &str, known: &[String]) -> Option<String> {
    let concrete = known
        .iter()
        .filter(|k| !k.ends_with("#*"))
        .map(String::as_str);
    did_you_mean(r, concrete.clone()).or_else(|| {
        let m = SkimMatcherV2::default();
        concrete
            .filter_map(|k| m.fuzzy_match(k, r).map(|s| (s, k)))
            .max_by_key(|(s, _)| *s)
            .map(|(_, k)| k.to_string())
    })
}

pub(super) fn corpus_refs(cx: &mut Ctx, known_refs: &[String]) {
    let cat = &cx.loaded.catalog;
    let known: HashSet<&str> = known_refs.iter().map(String::as_str).collect();
    let check = |cx: &mut Ctx, path: &Path, r: &str, span: &Range<usize>| {
        if !ref_is_well_formed(r) {
            cx.error(Code::BadRef, path, span.clone(), &[("ref", r)]);
        } else if !ref_known(r, &known) {
            let sugg = suggest_ref(r, known_refs);
            cx.push(
                Severity::Error,
                Code::UnknownRef,
                path,
                span.clone(),
                &[("ref", r)],
                sugg,
            );
        }
    };
    for qn in &cat.questionnaires {
        for (r, span) in qn.sources.iter().zip(&qn.spans.sources) {
            check(cx, &qn.path, r, span);
        }
        for q in &qn.questions {
            for (r, span) in q.sources.iter().zip(&q.spans.sources) {
                check(cx, &qn.path, r, span);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refs_are_well_formed_or_not() {
        for ok in [
            "ambtsbericht-rf-2025",
            "ambtsbericht-rf-2025#1.1.3",
            "a#1.2/p3",
            "a#p4",
        ] {
            assert!(ref_is_well_formed(ok), "{ok}");
        }
        for bad in ["", "A#1", "a#", "a#1.", "a#1/3", "a#x", "a b"] {
            assert!(!ref_is_well_formed(bad), "{bad}");
        }
    }

    #[test]
    fn wildcard_accepts_refs_into_its_document_only() {
        let known: HashSet<&str> = ["doc#*", "other#1"].into_iter().collect();
        assert!(ref_known("doc#3.2/p1", &known));
        assert!(ref_known("other#1", &known));
        assert!(!ref_known("other#2", &known));
        assert!(!ref_known("nope#1", &known));
    }
}
