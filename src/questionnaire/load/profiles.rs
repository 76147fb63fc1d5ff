use super::*;

pub(super) fn load_profiles(sink: &mut Sink, path: &Path, text: &str) -> Vec<Profile> {
    let Some(doc) = parse_doc(sink, text) else {
        return Vec::new();
    };
    let top = Table {
        table: doc.get_ref(),
        span: 0..0,
    };
    top.unknown_keys(sink, "profiles.toml", PROFILE_FILE_KEYS);
    let mut out = Vec::new();
    let mut seen = HashMap::new();
    for t in table_items(sink, text, &top, "profile") {
        t.unknown_keys(sink, "[[profile]]", PROFILE_KEYS);
        let title = t.text(sink, text, "title", true, false);
        let description = t.text(sink, text, "description", false, false);
        if t.get("topics").is_none() {
            sink.error(Code::MissingKey, t.span.clone(), &[("key", "topics")]);
        }
        let (topics, topic_spans) = t.strings(sink, "topics").into_iter().unzip();
        let Some((id, span)) =
            unique_id(sink, &t, Code::DuplicateProfile, &mut seen, is_profile_id)
        else {
            continue;
        };
        out.push(Profile {
            id,
            title,
            description,
            topics,
            path: path.to_path_buf(),
            span,
            topic_spans,
        });
    }
    out
}

/// Two `profiles.toml` files (say in subfolders) defining the same id.
pub(super) fn duplicate_profiles(out: &mut Loaded) {
    let mut first: HashMap<&str, &Profile> = HashMap::new();
    let mut extra = Vec::new();
    for p in &out.catalog.profiles {
        let Some(f) = first.get(p.id.as_str()) else {
            first.insert(&p.id, p);
            continue;
        };
        let (Some(text), Some(first_text)) = (out.texts.get(&p.path), out.texts.get(&f.path))
        else {
            continue;
        };
        let line = crate::error::line_col(first_text, f.span.start).0;
        let at = format!("{line} ({})", f.path.display());
        let mut v = Vec::new();
        Sink {
            path: &p.path,
            text,
            out: &mut v,
            lines: Default::default(),
        }
        .error(
            Code::DuplicateProfile,
            p.span.clone(),
            &[("id", &p.id), ("line", &at)],
        );
        extra.extend(v);
    }
    out.diagnostics.extend(extra);
}
