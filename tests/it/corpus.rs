//! The shipped corpus parsed end to end, refs, robustness and the CLI.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use assert_cmd::Command;
use gehoor::assets::{FileSet, Origin, TextFile};
use gehoor::corpus::{Corpus, Document, ProblemKind};
use gehoor::error::Error;
use predicates::prelude::*;

const REPORT: &str = "ambtsbericht-rf-2025";

fn corpus() -> &'static Corpus {
    static C: OnceLock<Corpus> = OnceLock::new();
    C.get_or_init(|| Corpus::load(&FileSet::embedded_corpus()).expect("shipped corpus loads"))
}

fn report() -> &'static Document {
    corpus().document(REPORT).unwrap()
}

/// The paragraph (of the report) whose footnote links include `n`.
fn citing(n: u32) -> &'static gehoor::corpus::Paragraph {
    let hits: Vec<_> = report()
        .paragraphs
        .iter()
        .filter(|p| p.footnotes.contains(&n))
        .collect();
    assert_eq!(
        hits.len(),
        1,
        "footnote {n} cited by {} paragraphs",
        hits.len()
    );
    hits[0]
}

/// Every numbered heading of the report, in order, with its line
/// (shared/reports/ambtsbericht-rf-2025-map.md, appendix A).
const OUTLINE: &[(&str, &str, usize)] = &[
    ("1", "Militaire dienst", 48),
    ("1.1", "Dienstplichtigen", 71),
    ("1.1.1", "Verhoging dienstplichtleeftijd", 109),
    (
        "1.1.2",
        "Elektronisch militair register (Uniform Militair Register)",
        127,
    ),
    ("1.1.3", "Digitale oproep en invallen", 257),
    (
        "1.1.3.1",
        "Negeren van oproepen – straf- en administratiefrechtelijke sancties",
        372,
    ),
    ("1.1.3.2", "Negeren van oproepen – andere maatregelen", 403),
    ("1.1.4", "Vrijstelling of alternatieve dienstplicht", 513),
    ("1.1.5", "Dienstplichtontduiking en desertie", 551),
    ("1.1.6", "Inzet dienstplichtigen in Oekraïne", 628),
    ("1.1.7", "Inzet dienstplichtigen in Koersk en Belgorod", 645),
    ("1.2", "Contractsoldaten", 696),
    (
        "1.2.1",
        "Uitbreiding doelgroepen: leeftijdsgrens, criminelen, buitenlanders",
        716,
    ),
    (
        "1.2.2",
        "Rekrutering: campagne en streefgetallen voor de overheid",
        848,
    ),
    (
        "1.2.2.1",
        "Campagne in openbare ruimte en via werkgevers",
        853,
    ),
    ("1.2.2.2", "Streefgetallen voor de lokale overheid", 905),
    ("1.2.2.3", "Financiële prikkels", 950),
    ("1.2.2.4", "Rekrutering van dienstplichtigen", 962),
    ("1.2.3", "Huurlingenlegers", 1081),
    ("1.2.4", "Tsjetsjenië / Kadirovtsy", 1127),
    ("1.3", "Mobilisatie van reservisten", 1176),
    (
        "1.4",
        "Strafbepalingen voor contractsoldaten, reservisten en dienstplichtigen",
        1313,
    ),
    ("1.4.1", "Strafbepalingen", 1316),
    (
        "1.4.2",
        "Mogelijkheid om te deserteren voor gemobiliseerden en contractsoldaten",
        1409,
    ),
    ("1.4.3", "Daadwerkelijke vervolging", 1516),
    ("1.5", "Anti-Russische (para)militaire groepen", 1539),
    ("2", "LHBTIQ+", 1572),
    ("2.1", "Intersekse mensen", 1648),
    ("2.2", "Vervolging voor extremisme", 1692),
    (
        "2.2.1",
        "Wetgeving – strafrechtelijke misdrijven en bestuursrechtelijke overtredingen",
        1743,
    ),
    (
        "2.2.2",
        "Gevolgen uitspraak – strafrechtelijke vervolging",
        1821,
    ),
    (
        "2.2.3",
        "Gevolgen uitspraak – Administratieve vervolging",
        1896,
    ),
    ("2.2.4", "Gevolgen uitspraak – Zelfcensuur", 2015),
    ("2.3", "Anti-propaganda wet van december 2022", 2028),
    ("2.3.1", "Voorbeelden", 2114),
    ("2.4", "Gevolgen van wetgeving in de samenleving", 2160),
    (
        "2.5",
        "Transgender personen: Verbod geslachtsbevestigende operaties / aangepaste geslachtsaanduiding",
        2214,
    ),
    ("2.6", "Regionale verschillen", 2299),
    ("3", "Critici en opposanten", 2460),
    (
        "3.1",
        "Nieuwe wetgeving, aanscherping van bestaande wetgeving en beleid",
        2592,
    ),
    (
        "3.2",
        "Opsporingsmethoden: Screening van sociale media en gezichtsherkenning",
        3014,
    ),
    ("3.3", "Politieke activisten", 3126),
    ("3.3.1", "Alexei Navalny en zijn aanhangers", 3128),
    ("3.4", "Andere activisten", 3294),
    ("3.5", "Advocaten", 3378),
    ("3.6", "Journalisten", 3445),
    ("3.7", "Kritiek op de oorlog", 3517),
    ("3.7.1", "Kritiek op de oorlog – strafzaken", 3557),
    (
        "3.7.2",
        "Kritiek op de oorlog – bestuursrechtelijke zaken",
        3693,
    ),
    ("3.7.3", "Militaire bloggers", 3717),
    ("3.7.4", "Kinderen en jongvolwassenen", 3756),
    ("3.7.5", "Punitieve psychiatrische behandeling", 3808),
    ("3.7.6", "Vrouwen en moeders van militairen", 3844),
    ("3.8", "Monitoring van Russen buiten Rusland", 3856),
    ("3.9", "Demonstraties", 3908),
    ("4.2", "Afkortingen", 4336),
];

#[test]
fn golden_outline_of_the_report() {
    let numbered: Vec<(&str, &str, usize)> = report()
        .sections
        .iter()
        .filter(|s| s.number.is_some())
        .map(|s| (s.id.as_str(), s.title.as_str(), s.line))
        .collect();
    assert_eq!(numbered, OUTLINE);
    let ids: Vec<&str> = report().sections.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids.first(), Some(&"inleiding"));
    assert_eq!(&ids[ids.len() - 2..], ["bibliografie", "4.2"]);
    let s = report().section("1.1.3.1").unwrap();
    assert_eq!(s.level, 4);
    assert_eq!(report().sections[s.parent.unwrap()].id, "1.1.3");
}

#[test]
fn shipped_corpus_has_no_problems() {
    assert_eq!(corpus().problems, []);
    let ids: Vec<&str> = corpus().documents.iter().map(|d| d.id()).collect();
    assert_eq!(
        ids,
        [
            "ambtsbericht-rf-2025",
            "artikel-moechametov-2025",
            "brief-moratorium-2022",
            "persbericht-kuzmin-2026-en",
            "persbericht-kuzmin-2026-nl"
        ]
    );
}

#[test]
fn every_footnote_is_attached_exactly_once() {
    let doc = report();
    let numbers: Vec<u32> = doc.footnotes.iter().map(|f| f.number).collect();
    assert_eq!(numbers, (1..=408).collect::<Vec<_>>());
    let mut cited: Vec<u32> = doc
        .paragraphs
        .iter()
        .flat_map(|p| p.footnotes.clone())
        .collect();
    cited.sort_unstable();
    assert_eq!(cited, (1..=408).collect::<Vec<_>>());
}

#[test]
fn hard_marker_cases() {
    // "maart 20231" = 2023 + footnote 1.
    let p = citing(1);
    assert!(
        p.text.contains("van maart 2023 van de hier beschreven"),
        "{}",
        p.text
    );
    // "159.72" = 159 + footnote 72.
    assert!(
        citing(72).text.ends_with("op minimaal 159."),
        "{}",
        citing(72).text
    );
    // "100328 en 150" = 100 + footnote 328.
    assert!(
        citing(328)
            .text
            .contains("tussen de 100 en 150 arrestaties")
    );
    // "34.380 Deze" = 34 + footnote 380.
    assert!(citing(380).text.contains("rond 34. Deze daling"));
    // "roebel. 45 46 De": two loose markers.
    let p = citing(45);
    assert!(std::ptr::eq(p, citing(46)));
    assert!(p.text.contains("30.000 roebel. De beperkende"));
    // "paragraaf 1.2.2.120 Bij" = section 1.2.2 + footnote 120.
    assert!(citing(120).text.contains("zie paragraaf 1.2.2. Bij"));
    // "(art. 280.3 WvS) … tijd.280": the article number is not the marker.
    assert!(citing(280).text.contains("280.3"));
    // Sub-heading markers count: "(artikel 337 WvS, “AWOL”)141".
    let p = citing(141);
    assert_eq!(
        p.subheading.as_deref(),
        Some("Ongeoorloofde afwezigheid van de eenheid (artikel 337 WvS, “AWOL”)")
    );
    // Real numbers survive.
    let all: String = report()
        .paragraphs
        .iter()
        .map(|p| p.text.as_str())
        .collect();
    assert!(!all.contains("20231"));
    assert!(all.contains("2.022"));
}

#[test]
fn footnotes_spanning_pages_and_empty_ones() {
    let doc = report();
    let f58 = doc.footnote(58).unwrap();
    assert!(f58.text.contains(
        "Oproep tot het geweten’, 1 oktober 2024 (RU); vertrouwelijke bron d.d. 5 november 2024"
    ));
    assert!(f58.confidential);
    let f147 = doc.footnote(147).unwrap();
    assert!(
        f147.text
            .contains("Holod, De vrouw van de Russische commandant ontvoerde hem uit het leger")
    );
    let f313 = doc.footnote(313).unwrap();
    assert!(
        f313.text
            .contains("uitvoerende agentschap dat verantwoordelijk is voor het toezicht op")
    );
    for n in [136, 199] {
        assert_eq!(doc.footnote(n).unwrap().text, "");
        citing(n);
    }
    assert_eq!(
        doc.footnote(322).unwrap().text.split(' ').next(),
        Some("Ministerie")
    );
    assert!(!doc.footnote(1).unwrap().confidential);
}

#[test]
fn no_footnote_text_or_link_in_any_paragraph() {
    for doc in &corpus().documents {
        // The bibliography annex lists the sources the footnotes cite.
        let annex = doc.section("bibliografie").map(|s| s.paragraphs.clone());
        for (i, p) in doc.paragraphs.iter().enumerate() {
            assert!(!p.text.contains("https://"), "{}: {}", doc.id(), p.text);
            if annex.as_ref().is_some_and(|a| a.contains(&i)) {
                continue;
            }
            for f in &doc.footnotes {
                let head: String = f.text.chars().take(40).collect();
                if head.chars().count() == 40 {
                    assert!(
                        !p.text.contains(&head),
                        "footnote {} in {}",
                        f.number,
                        p.text
                    );
                }
            }
            assert!(!p.text.contains("Pagina "), "{}", p.text);
        }
    }
}

#[test]
fn link_lists_are_kept_whole_and_attributed_where_named() {
    let text = report_text();
    let mut raw: Vec<&str> = text
        .lines()
        .map(|l| l.strip_prefix(' ').unwrap_or(l))
        .filter(|l| l.starts_with("http") && !l.contains(char::is_whitespace))
        .collect();
    raw.sort_unstable();
    raw.dedup();
    let mut kept: Vec<&str> = report()
        .link_lists
        .iter()
        .flat_map(|l| l.urls.iter().map(String::as_str))
        .collect();
    kept.sort_unstable();
    kept.dedup();
    assert_eq!(kept, raw);
    // Footnote 1's page lists the 2023 report; fn 147 names IStories and Holod.
    assert_eq!(report().link_lists[0].footnotes, [1, 2]);
    let f147 = report().footnote(147).unwrap();
    assert!(f147.urls.iter().any(|u| u.contains("holod.media")));
    assert!(f147.urls.iter().any(|u| u.contains("istories")));
    // A URL written inside a footnote is its own.
    assert!(report().footnotes.iter().any(|f| {
        f.urls
            .iter()
            .any(|u| u.starts_with("https://base.garant.ru/180912"))
    }));
}

#[test]
fn text_reads_on_across_page_breaks() {
    let all: Vec<&str> = report()
        .paragraphs
        .iter()
        .map(|p| p.text.as_str())
        .collect();
    let has = |s: &str| all.iter().any(|t| t.contains(s));
    assert!(has(
        "door bijvoorbeeld op een ander adres te verblijven. Het elektronisch register"
    ));
    // Through footnotes, a link list and a running header (p. 38 → 39).
    assert!(has(
        "(lid 4, artikel 6.21 — \"propaganda\" onder minderjarigen in de media"
    ));
    // The orphaned heading 1.1.3.2 gets the text of the next page.
    let s = report().section("1.1.3.2").unwrap();
    let first = &report().paragraphs[s.paragraphs.start];
    assert!(first.text.starts_with("Naast het moelijker maken"));
    assert_eq!((first.lines.0, first.page), (424, Some(13)));
    // Hyphen rule of the report: the hyphen is real.
    assert!(has("anti-extremismewetgeving"));
    assert!(has("Kara-Murza"));
    // A blank line inside a list item is bridged.
    assert!(has("methoden van oorlogvoering (Artikel 356 WvS)."));
    assert!(all.iter().all(|t| *t != "WvS)."));
}

#[test]
fn pages_follow_the_running_header_anchors() {
    let page_at = |line: usize| {
        report()
            .paragraphs
            .iter()
            .find(|p| p.lines.0 == line)
            .and_then(|p| p.page)
    };
    assert_eq!(report().section("inleiding").unwrap().page, Some(6));
    assert_eq!(report().section("1.4.3").unwrap().page, Some(30));
    assert_eq!(report().section("4.2").unwrap().page, Some(76));
    assert_eq!(page_at(424), Some(13));
    assert_eq!(report().figures.len(), 2);
    assert!(report().figures[0].caption.starts_with("Bron: OVD-Info"));
}

#[test]
fn unnumbered_subheadings_are_paragraph_metadata() {
    let starts: Vec<usize> = report()
        .paragraphs
        .iter()
        .filter(|p| p.subheading.is_some())
        .map(|p| p.lines.0)
        .collect();
    for line in [
        323, 438, 559, 580, 761, 769, 827, 834, 970, 1009, 1260, 1325, 1336, 1350, 1394, 1399,
        1586, 1600, 1629, 1642, 2170, 2185, 2231, 2272, 2319, 2331, 2382, 2396, 2603, 2662, 2744,
        2751, 2807, 2862, 2880, 2892, 2952, 3000, 3117, 3195, 3240, 3261, 3288, 3300, 3308, 3315,
        3622, 3640, 3678,
    ] {
        assert!(starts.contains(&line), "no sub-heading at line {line}");
    }
    // A sub-heading is never a section: titles are not unique (3.1 has one
    // called "Kritiek op de oorlog", like section 3.7).
    assert!(report().sections.iter().all(|s| s.title != "Uitreisverbod"));
}

#[test]
fn letter_press_releases_and_article() {
    let c = corpus();
    let letter = c.document("brief-moratorium-2022").unwrap();
    let text: String = letter.paragraphs.iter().map(|p| p.text.as_str()).collect();
    assert!(text.contains("Vreemdelingencirculaire 2000"));
    assert!(text.contains("individuele feiten en omstandigheden die los staan"));
    assert!(text.contains("spoor 2- zaken"));
    let subs: Vec<_> = letter
        .paragraphs
        .iter()
        .filter_map(|p| p.subheading.as_deref())
        .collect();
    assert_eq!(
        subs,
        [
            "Werking besluit- en vertrekmoratorium",
            "Contacten DT&V met autoriteiten Russische Federatie en Belarus"
        ]
    );

    for (id, marker_text) in [
        (
            "persbericht-kuzmin-2026-en",
            "International Protection n. 10.",
        ),
        (
            "persbericht-kuzmin-2026-nl",
            "bescherming nr. 10 naar behoren",
        ),
    ] {
        let doc = c.document(id).unwrap();
        let f = doc.footnote(1).unwrap();
        assert!(f.urls[0].starts_with("https://www.unhcr.org/media/guidelines"));
        let cited: Vec<_> = doc
            .paragraphs
            .iter()
            .filter(|p| p.footnotes == [1])
            .collect();
        assert_eq!(cited.len(), 1);
        assert!(cited[0].text.contains(marker_text), "{}", cited[0].text);
        let list = doc.paragraphs.last().unwrap();
        assert!(list.text.starts_with("1. Aktionsgemeinschaft"));
        assert!(list.text.contains("\n16. ") && list.text.contains("\n17. "));
        assert!(!list.text.contains("unhcr") && !list.text.contains("**"));
    }
    let en = c.document("persbericht-kuzmin-2026-en").unwrap();
    assert!(
        en.paragraphs[1]
            .text
            .contains("RUSSIAN WAR RESISTER MAKSIM KUZMIN TO THE")
    );

    let art = c.document("artikel-moechametov-2025").unwrap();
    assert!(
        art.paragraphs[0]
            .text
            .starts_with("De 21-jarige Russische deserteur")
    );
    assert_eq!(art.paragraphs.len(), 10);
    assert!(art.sections.is_empty());
}

#[test]
fn refs_resolve_and_cover_the_right_paragraphs() {
    let c = corpus();
    let refs = c.refs();
    assert!(refs.contains(&"ambtsbericht-rf-2025#1.1.3.1/p2".to_string()));
    assert!(refs.contains(&"ambtsbericht-rf-2025#inleiding".to_string()));
    assert!(refs.contains(&"brief-moratorium-2022#p1".to_string()));
    for r in &refs {
        assert!(c.resolve(r).is_some(), "{r}");
    }
    let whole = c.resolve(REPORT).unwrap();
    assert_eq!(whole.paragraphs.len(), report().paragraphs.len());
    let sec = c.resolve("ambtsbericht-rf-2025#1.1.3.2").unwrap();
    assert_eq!(
        sec.section.unwrap().title,
        "Negeren van oproepen – andere maatregelen"
    );
    assert!(sec.paragraphs.len() >= 3);
    let p2 = c.resolve(" ambtsbericht-rf-2025#1.1.3.2/p2 ").unwrap();
    assert_eq!(p2.paragraphs.len(), 1);
    assert!(std::ptr::eq(&p2.paragraphs[0], &sec.paragraphs[1]));
    assert_eq!(
        p2.paragraphs[0].subheading.as_deref(),
        Some("Uitreisverbod")
    );
    assert_eq!(p2.reference(), "ambtsbericht-rf-2025#1.1.3.2/p2");
    assert_eq!(sec.reference(), "ambtsbericht-rf-2025#1.1.3.2");
    assert_eq!(
        c.resolve("brief-moratorium-2022#p2").unwrap().reference(),
        "brief-moratorium-2022#p2"
    );
    // A chapter's own text excludes its subsections.
    let ch1 = c.resolve("ambtsbericht-rf-2025#1").unwrap();
    assert_eq!(ch1.paragraphs.len(), 2);
    // Heading-only sections resolve to no paragraphs.
    assert_eq!(
        c.resolve("ambtsbericht-rf-2025#1.4")
            .unwrap()
            .paragraphs
            .len(),
        0
    );
    for bad in [
        "ambtsbericht-rf-2025#9.9",
        "ambtsbericht-rf-2025#1.1/p0",
        "ambtsbericht-rf-2025#1.1/p999",
        "ambtsbericht-rf-2025#p1",
        "nope",
        "brief-moratorium-2022#p0",
        "",
    ] {
        assert!(c.resolve(bad).is_none(), "{bad}");
    }
    assert_eq!(
        c.suggest("ambtsbericht-rf-2025#1.1.3.3", 2),
        [
            "ambtsbericht-rf-2025#1.1.3.1",
            "ambtsbericht-rf-2025#1.1.3.2"
        ]
    );
    let f = c.footnote(REPORT, 21).unwrap();
    assert_eq!(f.number, 21);
    let passages: Vec<_> = c.passages().collect();
    assert_eq!(
        passages.len(),
        c.documents
            .iter()
            .map(|d| d.paragraphs.len())
            .sum::<usize>()
    );
    let p = passages
        .iter()
        .find(|p| p.reference == "ambtsbericht-rf-2025#1.1.3.2/p2")
        .unwrap();
    assert_eq!(
        p.section_title,
        Some("Negeren van oproepen – andere maatregelen")
    );
    assert_eq!(
        p.footnotes.iter().map(|f| f.number).collect::<Vec<_>>(),
        [50, 51, 52]
    );
    assert_eq!(c.sections().count(), report().sections.len());
}

fn set_with(id: &str, toml: &str, text: &str) -> FileSet {
    FileSet {
        origin: Origin::Embedded { name: "test" },
        files: vec![
            TextFile {
                rel: format!("{id}/document.toml"),
                text: toml.to_string(),
            },
            TextFile {
                rel: format!("{id}/text.txt"),
                text: text.to_string(),
            },
        ],
    }
}

fn report_toml() -> String {
    FileSet::embedded_corpus()
        .get("ambtsbericht-rf-2025/document.toml")
        .unwrap()
        .text
        .clone()
}

fn report_text() -> String {
    FileSet::embedded_corpus()
        .get("ambtsbericht-rf-2025/text.txt")
        .unwrap()
        .text
        .clone()
}

fn texts_by_ref(c: &Corpus) -> BTreeMap<String, String> {
    c.passages()
        .map(|p| (p.reference, p.text.to_string()))
        .collect()
}

#[test]
fn refs_are_stable_across_reparses_and_edits_elsewhere() {
    let text = report_text();
    let a = Corpus::load(&set_with(REPORT, &report_toml(), &text)).unwrap();
    let b = Corpus::load(&set_with(REPORT, &report_toml(), &text)).unwrap();
    assert_eq!(texts_by_ref(&a), texts_by_ref(&b));
    // A paragraph added in chapter 3 leaves chapter 1 refs untouched.
    let edited = text.replacen(
        "Hoogverraad en staatsveiligheid",
        "Een nieuwe alinea zonder voetnoten.\n\nHoogverraad en staatsveiligheid",
        1,
    );
    let e = Corpus::load(&set_with(REPORT, &report_toml(), &edited)).unwrap();
    let (ta, te) = (texts_by_ref(&a), texts_by_ref(&e));
    for (r, t) in &ta {
        if r.contains("#1.") || r.contains("#2.") {
            assert_eq!(te.get(r), Some(t), "{r}");
        }
    }
    assert_eq!(te.len(), ta.len() + 1);
}

#[test]
fn truncated_report_keeps_what_it_has() {
    let text = report_text();
    let lines: Vec<&str> = text.split('\n').collect();
    for cut in [1, 50, 290, 403, 1000, 2060, 2085, 3700, 4000] {
        let truncated = lines[..cut].join("\n");
        let c = Corpus::load(&set_with(REPORT, &report_toml(), &truncated)).unwrap();
        let doc = c.document(REPORT).unwrap();
        let before: Vec<_> = OUTLINE
            .iter()
            .filter(|(_, _, l)| *l <= cut)
            .map(|(n, _, _)| *n)
            .collect();
        let got: Vec<_> = doc
            .sections
            .iter()
            .filter_map(|s| s.number.as_deref())
            .collect();
        assert_eq!(got, before, "cut at {cut}");
        for p in &c.problems {
            assert!(p.line <= cut, "{p:?}");
        }
    }
    // Cut in the middle of a line, inside a footnote and in a UTF-8 text.
    let mid = &text[..text.char_indices().nth(text.len() / 3).unwrap().0];
    Corpus::load(&set_with(REPORT, &report_toml(), mid)).unwrap();
}

#[test]
fn footnotes_without_markers_are_reported_with_lines() {
    let text = " • Inleiding \n\nTekst zonder markering. \n\n \n1 Een voetnoot. \n2 Nog een. \n";
    let c = Corpus::load(&set_with(REPORT, &report_toml(), text)).unwrap();
    let kinds: Vec<_> = c
        .problems
        .iter()
        .map(|p| (p.line, p.kind.clone()))
        .collect();
    assert_eq!(
        kinds,
        [
            (6, ProblemKind::UnplacedFootnote { number: 1 }),
            (7, ProblemKind::UnplacedFootnote { number: 2 })
        ]
    );
    assert_eq!(c.document(REPORT).unwrap().paragraphs.len(), 1);
    let empty = Corpus::load(&set_with(REPORT, &report_toml(), "")).unwrap();
    assert_eq!(empty.problems[0].kind, ProblemKind::Empty);
}

#[test]
fn garbage_never_panics() {
    let pieces = [
        "",
        " ",
        "1 x",
        "408 y",
        "https://a.b/c",
        " https://a.b/c",
        "• ",
        "- ",
        "-",
        "1.1 Titel ",
        "1 Titel",
        " 2 Hoofdstuk ",
        "Pagina 3 van 9",
        "T | x |",
        "Bron: x",
        "abc-",
        "¹ <https://x>",
        "[1] y",
        "1. lijst",
        "**",
        "20231 van",
        "é",
        "\u{1b}[31m",
        "\r",
    ];
    let layouts = ["pdf_report", "letter", "press_release", "article"];
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    for round in 0..400 {
        let mut text = String::new();
        for _ in 0..(round % 60) {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            text.push_str(pieces[(seed % pieces.len() as u64) as usize]);
            if !seed.is_multiple_of(3) {
                text.push('\n');
            }
        }
        let toml = report_toml().replace("\"pdf_report\"", &format!("\"{}\"", layouts[round % 4]));
        let c = Corpus::load(&set_with(REPORT, &toml, &text)).unwrap();
        for r in c.refs() {
            assert!(c.resolve(&r).is_some());
        }
    }
}

#[test]
fn bad_document_toml_is_a_located_error() {
    let toml = report_toml().replace("layout = \"pdf_report\"", "layout = \"scroll\"");
    match Corpus::load(&set_with(REPORT, &toml, "x")).unwrap_err() {
        Error::Parse {
            line, col, path, ..
        } => {
            assert_eq!((line, col), (8, 10));
            assert!(path.ends_with("ambtsbericht-rf-2025/document.toml"));
        }
        e => panic!("{e:?}"),
    }
    let mut set = set_with(REPORT, &report_toml(), "x");
    set.files.pop();
    assert!(matches!(Corpus::load(&set), Err(Error::Parse { .. })));
}

fn gehoor() -> Command {
    let mut cmd = Command::cargo_bin("gehoor").unwrap();
    cmd.env("GEHOOR_CONFIG", "/dev/null")
        .env("LANG", "en_GB.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES");
    cmd
}

#[test]
fn cli_list_and_show() {
    gehoor()
        .args(["corpus", "list"])
        .assert()
        .success()
        .stdout(predicate::str::contains("ambtsbericht-rf-2025"))
        .stdout(predicate::str::contains("2025-02-14"))
        .stdout(predicate::str::contains("408"));
    let out = gehoor()
        .args(["corpus", "list", "--json"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["documents"].as_array().unwrap().len(), 5);
    assert_eq!(v["documents"][0]["footnotes"], 408);

    let out = gehoor()
        .args([
            "corpus",
            "show",
            "ambtsbericht-rf-2025#1.1.3.2",
            "--width",
            "60",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("ambtsbericht-rf-2025#1.1.3.2 — Negeren van"));
    assert!(text.contains("Uitreisverbod"));
    assert!(text.contains("Footnotes"));
    assert!(text.contains("[44] "));
    for line in text.lines().filter(|l| !l.contains("://")) {
        assert!(unicode_width::UnicodeWidthStr::width(line) <= 60, "{line}");
    }

    let out = gehoor()
        .args([
            "corpus",
            "show",
            "ambtsbericht-rf-2025#1.1.3.2/p2",
            "--json",
        ])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["paragraphs"].as_array().unwrap().len(), 1);
    assert_eq!(v["paragraphs"][0]["ref"], "ambtsbericht-rf-2025#1.1.3.2/p2");
    assert_eq!(v["footnotes"][0]["number"], 50);
    assert_eq!(v["section"]["id"], "1.1.3.2");
}

#[test]
fn cli_unknown_ref_suggests_and_exits_2() {
    gehoor()
        .args(["corpus", "show", "ambtsbericht-rf-2025#1.1.3.3"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("ambtsbericht-rf-2025#1.1.3.1"));
}

#[test]
fn cli_reads_a_corpus_folder() {
    let dir = tempfile::tempdir().unwrap();
    let doc = dir.path().join("notitie-2024");
    std::fs::create_dir(&doc).unwrap();
    std::fs::write(
        doc.join("document.toml"),
        "id = \"notitie-2024\"\ntitle = \"Notitie\"\npublisher = \"Test\"\nkind = \"news\"\n\
         language = \"nl\"\npublished = \"2024-01-02\"\nlayout = \"article\"\n",
    )
    .unwrap();
    std::fs::write(doc.join("text.txt"), "Eerste alinea.\nTweede alinea.\n").unwrap();
    gehoor()
        .args(["corpus", "show", "notitie-2024#p2", "--corpus"])
        .arg(dir.path())
        .assert()
        .success()
        .stdout(predicate::str::contains("Tweede alinea."));
    std::fs::write(doc.join("document.toml"), "id = 3\n").unwrap();
    gehoor()
        .args(["corpus", "list", "--corpus"])
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("document.toml:1:"));
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(128))]
    #[test]
    fn any_text_parses_in_every_layout(text in "(?s).{0,300}", layout in 0usize..4) {
        let layouts = ["pdf_report", "letter", "press_release", "article"];
        let toml = report_toml().replace("\"pdf_report\"", &format!("\"{}\"", layouts[layout]));
        let c = Corpus::load(&set_with(REPORT, &toml, &text)).unwrap();
        let lines = text.split('\n').count();
        for p in &c.problems {
            proptest::prop_assert!(p.line <= lines);
        }
        for r in c.refs() {
            proptest::prop_assert!(c.resolve(&r).is_some());
        }
    }
}
