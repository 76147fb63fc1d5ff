use super::*;
use crate::corpus::meta::{DocumentMeta, Kind, Layout, LineHyphen};
use crate::corpus::parse_document;

fn doc(id: &str, text: &str) -> Document {
    let meta = DocumentMeta {
        id: id.into(),
        title: "T".into(),
        publisher: "P".into(),
        kind: Kind::CountryReport,
        language: "nl".into(),
        published: "2025-01-01".into(),
        reporting_period: None,
        url: None,
        layout: Layout::PdfReport,
        line_hyphen: LineHyphen::Keep,
        text: "text.txt".into(),
        supersedes: None,
    };
    let (d, problems) = parse_document(meta, text);
    assert!(problems.is_empty(), "{problems:?}");
    d
}

const OLD: &str = "1 Dienstplicht

Alle mannen van achttien tot dertig jaar zijn dienstplichtig in dit land.

Een tweede alinea over uitstel en vrijstelling van de dienstplicht.

Een derde alinea over de boetes die in dat geval worden opgelegd.

2 Oproepen

De oproep wordt per post of digitaal bezorgd bij de dienstplichtige.

3 Demonstraties

Er waren minder demonstraties en minder arrestaties in dat jaar.

4 Verdwenen

Deze tekst komt in de nieuwe editie helemaal niet meer voor, nergens.
";

const NEW: &str = "1 Nieuw hoofdstuk

Iets heel anders dat in de oude editie niet stond, over een ander onderwerp.

2 Dienstplicht

Alle mannen van achttien tot dertig jaar zijn dienstplichtig in dit land.

3 Uitstel

Een tweede alinea over uitstel en vrijstelling van de dienstplicht.

Een derde alinea over de boetes die in dat geval worden opgelegd.

4 Oproepen

De oproep wordt per post of digitaal bezorgd bij de dienstplichtige.

5 Demonstraties

Er waren minder demonstraties en veel meer arrestaties in dat jaar.
";

fn ids(d: &Document, list: &[usize]) -> Vec<String> {
    list.iter().map(|&i| d.sections[i].id.clone()).collect()
}

#[test]
fn sections_are_aligned_by_text_not_by_number() {
    let (old, new) = (doc("old", OLD), doc("new", NEW));
    let diff = EditionDiff::compare(&old, &new);
    let classes: Vec<&str> = diff.changes.iter().map(Change::class).collect();
    assert_eq!(classes, ["split", "renumbered", "edited", "removed"]);
    assert_eq!(ids(&new, &diff.changes[0].targets()), ["2", "3"]);
    assert_eq!(ids(&new, &diff.changes[1].targets()), ["4"]);
    assert_eq!(ids(&new, &diff.changes[2].targets()), ["5"]);
    assert_eq!(ids(&new, &diff.added), ["1"]);
    let c = diff.counts();
    assert_eq!(
        (c.split, c.renumbered, c.edited, c.removed, c.new),
        (1, 1, 1, 1, 1)
    );
    let d = &diff.details[2];
    assert_eq!(d.sentences.len(), 1);
    assert_eq!(
        inline(&d.sentences[0].words, 80),
        "Er waren minder demonstraties en [-minder-] {+veel meer+} arrestaties in dat jaar."
    );
}

#[test]
fn only_identical_text_is_certain() {
    let (old, new) = (doc("old", OLD), doc("new", NEW));
    let diff = EditionDiff::compare(&old, &new);
    let f = |r: &str| fate(&diff, r).unwrap();
    assert_eq!(
        f("old#2"),
        Fate::Certain {
            new_ref: "new#4".into()
        }
    );
    assert_eq!(
        f("old#2/p1"),
        Fate::Certain {
            new_ref: "new#4/p1".into()
        }
    );
    assert_eq!(
        f("old"),
        Fate::Certain {
            new_ref: "new".into()
        }
    );
    assert!(matches!(
        f("old#3"),
        Fate::Changed {
            class: "edited",
            ..
        }
    ));
    assert!(matches!(f("old#1"), Fate::Changed { class: "split", .. }));
    // A paragraph that survived a split whole is certain on its own.
    assert_eq!(
        f("old#1/p3"),
        Fate::Certain {
            new_ref: "new#3/p2".into()
        }
    );
    assert_eq!(f("old#4"), Fate::Removed);
    assert_eq!(f("old#9"), Fate::Unknown);
    assert_eq!(f("old#1/p9"), Fate::Unknown);
    assert_eq!(fate(&diff, "other#1"), None);
}

#[test]
fn sections_joined_into_one_are_merged() {
    let old = doc("old", OLD);
    let merged = "1 Dienstplicht en oproepen

Alle mannen van achttien tot dertig jaar zijn dienstplichtig in dit land.

Een tweede alinea over uitstel en vrijstelling van de dienstplicht.

Een derde alinea over de boetes die in dat geval worden opgelegd.

De oproep wordt per post of digitaal bezorgd bij de dienstplichtige.
";
    let new = doc("new", merged);
    let diff = EditionDiff::compare(&old, &new);
    assert!(
        matches!(diff.changes[0], Change::Merged { new: 0, .. }),
        "{:?}",
        diff.changes
    );
    assert_eq!(
        diff.changes[1],
        Change::Merged {
            new: 0,
            others: vec![0]
        }
    );
    assert!(!diff.changes[1].is_certain());
}
