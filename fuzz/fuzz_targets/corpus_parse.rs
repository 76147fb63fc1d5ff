//! The corpus parsers. The first byte picks what the rest is: the text of a
//! shipped document (with its real `document.toml`, so each layout's parser
//! runs), or a `document.toml` itself. A corpus that loads must resolve
//! every ref it lists, and arbitrary ref strings must not panic.
#![no_main]

use std::sync::OnceLock;

use gehoor::assets::{FileSet, Origin, TextFile};
use gehoor::corpus::Corpus;
use gehoor::search;
use libfuzzer_sys::fuzz_target;

/// Documents whose `document.toml` is used; the report is listed twice so
/// half of the inputs go to its parser, the most complex one.
const DOCS: [&str; 5] = [
    "ambtsbericht-rf-2025",
    "ambtsbericht-rf-2025",
    "brief-moratorium-2022",
    "persbericht-kuzmin-2026-en",
    "artikel-moechametov-2025",
];

fn shipped(rel: &str) -> &'static str {
    static SET: OnceLock<FileSet> = OnceLock::new();
    &SET.get_or_init(FileSet::embedded_corpus)
        .get(rel)
        .expect("shipped file")
        .text
}

fn file(rel: String, text: &str) -> TextFile {
    TextFile {
        rel,
        text: text.to_string(),
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(rest);
    let files = match usize::from(mode) % (DOCS.len() + 1) {
        i if i < DOCS.len() => {
            let doc = DOCS[i];
            vec![
                file(
                    format!("{doc}/document.toml"),
                    shipped(&format!("{doc}/document.toml")),
                ),
                file(format!("{doc}/text.txt"), &text),
            ]
        }
        _ => {
            // The folder must match the id for the file to be accepted, so
            // use the id it declares when there is one.
            let id = text
                .lines()
                .find_map(|l| l.trim().strip_prefix("id = \""))
                .and_then(|r| r.split('"').next())
                .filter(|id| !id.is_empty() && !id.contains('/'))
                .unwrap_or("doc")
                .to_string();
            vec![
                file(format!("{id}/document.toml"), &text),
                file(format!("{id}/text.txt"), "1 Inleiding\n\nEen alinea.\n"),
                file(format!("{id}/other.txt"), "Een alinea.\n"),
            ]
        }
    };
    let set = FileSet {
        origin: Origin::Embedded { name: "corpus" },
        files,
    };
    let Ok(corpus) = Corpus::load(&set) else {
        return;
    };
    for p in &corpus.problems {
        let _ = p.kind.describe();
    }
    let refs = corpus.refs();
    for r in refs.iter().take(2000) {
        let resolved = corpus
            .resolve(r)
            .unwrap_or_else(|| panic!("listed ref {r:?} does not resolve"));
        // A listed ref is what a user cites; it must lead back to itself,
        // not to another section that happens to share its id.
        assert_eq!(&resolved.reference(), r, "ref does not round-trip");
        let _ = resolved.footnotes();
        let _ = resolved.paragraph_refs().count();
    }
    let _ = corpus.passages().count();
    let _ = search::passages_from(&corpus);
    // Ref strings as a user types them: the first line, and mangled forms
    // of the listed refs.
    let first = text.lines().next().unwrap_or("");
    let _ = corpus.resolve(first);
    let _ = corpus.suggest(first, 3);
    if let Some(r) = refs.last() {
        for probe in [
            format!("{r}/p0"),
            format!("{r}/p99999999999999999999"),
            format!("{r}#"),
            format!("{}#{first}", corpus.documents[0].meta.id),
        ] {
            let _ = corpus.resolve(&probe);
        }
    }
});
