//! The questionnaire loader and checker on arbitrary text: as a
//! questionnaire beside the shipped profiles, or, when it has profile
//! tables, as `profiles.toml` (a separate parse path) beside a shipped
//! questionnaire. Every diagnostic
//! must point inside the file and render without panicking.
#![no_main]

use std::sync::OnceLock;

use gehoor::assets::{FileSet, Origin, TextFile};
use gehoor::check;
use gehoor::i18n::Lang;
use gehoor::questionnaire::{self, Diagnostic};
use libfuzzer_sys::fuzz_target;

fn shipped(rel: &str) -> &'static TextFile {
    static SET: OnceLock<FileSet> = OnceLock::new();
    SET.get_or_init(FileSet::embedded_questionnaires)
        .get(rel)
        .expect("shipped file")
}

fn set(files: Vec<TextFile>) -> FileSet {
    FileSet {
        origin: Origin::Embedded {
            name: "questionnaires",
        },
        files,
    }
}

fn input(rel: &str, text: &str) -> TextFile {
    TextFile {
        rel: rel.into(),
        text: text.into(),
    }
}

fn assert_located(diags: &[Diagnostic], files: &FileSet) {
    for d in diags {
        let file = files
            .files
            .iter()
            .find(|f| files.display_path(f) == d.file)
            .unwrap_or_else(|| panic!("diagnostic for an unknown file: {d:?}"));
        let text = &file.text;
        assert!(
            d.span.start <= d.span.end && d.span.end <= text.len(),
            "span out of bounds: {d:?}"
        );
        let lines = text.matches('\n').count() + 1;
        assert!(d.line >= 1 && d.line <= lines, "line out of bounds: {d:?}");
        assert!(d.col >= 1, "column 0: {d:?}");
    }
}

fuzz_target!(|text: &str| {
    let refs = ["ambtsbericht-rf-2025#*".to_string()];
    // A file with profile tables goes in as `profiles.toml` (its own parse
    // path), anything else as a questionnaire; one load per input keeps
    // the fuzzer fast on 30 KB files.
    let files = if text.contains("[[profile") {
        set(vec![
            input("profiles.toml", text),
            shipped("exemption.toml").clone(),
        ])
    } else {
        set(vec![
            shipped("profiles.toml").clone(),
            input("summons.toml", text),
        ])
    };
    let (_catalog, diags) = questionnaire::load_checked(&files, &refs);
    assert_located(&diags, &files);
    let _ = check::render_human(&diags, &files, Lang::En);
    let _ = check::render_json(&diags, Lang::Nl);
});
