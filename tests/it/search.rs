//! The search index on small fictional passages, the shipped glossary, and
//! the evaluation set on the real corpus (printing recall and MRR).

use gehoor::i18n::Lang;
use gehoor::search::{Glossary, Index, IndexConfig, Passage, SearchOptions};

const GLOSSARY: &str = r#"
[[term]]
nl = ["oproep"]
en = ["summons", "call-up"]
ru = ["повестка"]
translit = ["povestka"]
note = { nl = "Oproep.", en = "Summons." }

[[term]]
nl = ["uitreisverbod"]
en = ["exit ban", "travel ban"]
ru = ["запрет на выезд"]
translit = ["zapret na vyezd"]
note = { nl = "Verbod.", en = "Ban." }
"#;

fn p(reference: &str, title: &str, text: &str, footnotes: &[&str], lang: Lang) -> Passage {
    let (doc, rest) = reference.split_once('#').unwrap();
    let section = rest.split('/').next().unwrap();
    let section = if section.starts_with('p') {
        ""
    } else {
        section
    };
    Passage {
        reference: reference.into(),
        doc: doc.into(),
        section: section.into(),
        section_title: title.into(),
        text: text.into(),
        footnotes: footnotes.iter().map(|s| s.to_string()).collect(),
        lang,
    }
}

fn fictional() -> Vec<Passage> {
    vec![
        p(
            "rap#1.1/p1",
            "Dienstplichtigen",
            "Alle mannen tussen 18 en 30 jaar vallen onder de dienstplicht in Oekraïne en elders.",
            &[],
            Lang::Nl,
        ),
        p(
            "rap#1.2/p1",
            "Digitale oproep",
            "Sinds april kan een oproep digitaal worden bezorgd. Wie de oproepen negeert, krijgt een boete van 30.000 roebel.",
            &["Bron: een fictieve krant, 2024."],
            Lang::Nl,
        ),
        p(
            "rap#1.3/p1",
            "Andere maatregelen",
            "Na registratie geldt een uitreisverbod; het paspoort moet worden ingeleverd.",
            &[],
            Lang::Nl,
        ),
        p(
            "rap#1.3/p2",
            "Andere maatregelen",
            "Ook rijbewijs en leningen kunnen worden beperkt.",
            &["Vertrouwelijke bron over het uitreisverbod."],
            Lang::Nl,
        ),
        p(
            "news#p1",
            "",
            "The deserter jumped from a train to escape the call-up.",
            &[],
            Lang::En,
        ),
    ]
}

fn index() -> Index {
    Index::build(fictional(), &Glossary::parse(GLOSSARY).unwrap())
}

fn refs(hits: &[gehoor::search::Hit]) -> Vec<&str> {
    hits.iter().map(|h| h.reference.as_str()).collect()
}

#[test]
fn stemming_and_diacritic_folding_find_inflected_words() {
    let idx = index();
    let hits = idx.search("oproepen", &SearchOptions::default());
    assert_eq!(refs(&hits)[0], "rap#1.2/p1");
    let hits = idx.search("OEKRAINE", &SearchOptions::default());
    assert_eq!(refs(&hits), ["rap#1.1/p1"]);
    let hits = idx.search("deserters", &SearchOptions::default());
    assert_eq!(refs(&hits), ["news#p1"]);
}

#[test]
fn numbers_are_tokens_and_highlights_point_at_the_matched_words() {
    let idx = index();
    let hits = idx.search("boete 30.000", &SearchOptions::default());
    let hit = &hits[0];
    assert_eq!(hit.reference, "rap#1.2/p1");
    let marked: Vec<&str> = hit
        .highlights
        .iter()
        .map(|r| &hit.snippet[r.clone()])
        .collect();
    assert_eq!(marked, ["boete", "30.000"]);
}

#[test]
fn glossary_expansion_crosses_languages_and_can_be_switched_off() {
    let idx = index();
    let expanded = idx.search("exit ban", &SearchOptions::default());
    assert_eq!(refs(&expanded)[0], "rap#1.3/p1");
    // The footnote mention ranks below the paragraph that says it itself.
    assert_eq!(refs(&expanded)[1], "rap#1.3/p2");
    let plain = idx.search(
        "exit ban",
        &SearchOptions {
            expand: false,
            ..SearchOptions::default()
        },
    );
    assert!(plain.is_empty(), "{plain:?}");
    let ru = idx.search("повестку", &SearchOptions::default());
    assert_eq!(refs(&ru)[0], "rap#1.2/p1");
    let translit = idx.search("povestka", &SearchOptions::default());
    assert!(refs(&translit).contains(&"news#p1"));
}

#[test]
fn section_title_counts_and_doc_filter_and_limit_apply() {
    let idx = index();
    let hits = idx.search("digitale", &SearchOptions::default());
    assert_eq!(refs(&hits), ["rap#1.2/p1"]);
    let opts = SearchOptions {
        doc: Some("news".into()),
        ..SearchOptions::default()
    };
    assert_eq!(refs(&idx.search("oproep", &opts)), ["news#p1"]);
    let opts = SearchOptions {
        limit: 1,
        ..SearchOptions::default()
    };
    assert_eq!(idx.search("uitreisverbod", &opts).len(), 1);
    assert!(
        idx.search("de het een", &SearchOptions::default())
            .is_empty()
    );
}

#[test]
fn baseline_without_stemming_misses_inflections() {
    let idx = Index::build_with(
        fictional(),
        &Glossary::parse(GLOSSARY).unwrap(),
        IndexConfig::baseline(),
    );
    let opts = SearchOptions {
        expand: false,
        ..SearchOptions::default()
    };
    assert!(idx.search("deserters", &opts).is_empty());
    assert_eq!(refs(&idx.search("deserter", &opts)), ["news#p1"]);
}

#[test]
fn source_pane_puts_explicit_sources_first_without_repeats() {
    let idx = index();
    let pane = idx.source_pane(
        &["rap#1.3".to_string(), "rap#1.1".to_string()],
        "Moest u uw paspoort inleveren?",
        &["oproep".to_string()],
        4,
    );
    let r = refs(&pane);
    assert_eq!(&r[..2], ["rap#1.3/p1", "rap#1.1/p1"]);
    assert!(r.contains(&"rap#1.2/p1"));
    let mut unique = r.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), r.len());
    assert!(r.len() <= 4);
}

#[test]
fn index_is_send_and_sync_and_builds_in_a_thread() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Index>();
    let handle = std::thread::spawn(index);
    assert_eq!(handle.join().unwrap().len(), 5);
}

#[test]
fn shipped_glossary_parses_and_maps_the_issue_examples() {
    let text = std::fs::read_to_string("corpus/glossary.toml").unwrap();
    let g = Glossary::parse(&text).unwrap();
    assert!(g.len() >= 200, "only {} entries", g.len());
    let pairs = [
        ("summons", "oproep"),
        ("povestka", "oproep"),
        ("военкомат", "militair rekruteringsbureau"),
        ("Gosuslugi", "overheidsportaal"),
        ("exit ban", "uitreisverbod"),
        ("KoAP", "CAO"),
        ("Rosfinmonitoring", "lijst van extremisten"),
        ("desertion", "desertie"),
        ("foreign agent", "buitenlands agent"),
        ("undesirable organisation", "ongewenste organisatie"),
    ];
    for (word, nl) in pairs {
        let e = g
            .lookup(word)
            .unwrap_or_else(|| panic!("no entry for {word}"));
        assert!(e.nl.iter().any(|n| n == nl), "{word}: {:?}", e.nl);
        assert!(!e.note.nl.is_empty() && !e.note.en.is_empty());
    }
    for e in g.entries() {
        assert!(
            !e.note.nl.trim().is_empty() && !e.note.en.trim().is_empty(),
            "{e:?}"
        );
    }
}

fn real_corpus() -> (Vec<Passage>, Glossary) {
    let files = gehoor::assets::FileSet::embedded_corpus();
    let corpus = gehoor::corpus::Corpus::load(&files).unwrap();
    let glossary = Glossary::parse(&files.get("glossary.toml").unwrap().text).unwrap();
    (gehoor::search::passages_from(&corpus), glossary)
}

fn eval_cases() -> Vec<gehoor::search::eval::EvalCase> {
    let path = std::path::Path::new("tests/fixtures/search-eval.toml");
    let text = std::fs::read_to_string(path).unwrap();
    gehoor::search::eval::parse_cases(path, &text).unwrap()
}

#[test]
fn evaluation_set_on_the_shipped_corpus() {
    use gehoor::search::eval::evaluate;
    let (passages, glossary) = real_corpus();
    // The set the lexical weights were tuned on; the fresh set of issue 19
    // (cases with a `split`) is scored by `fresh_evaluation_set_*`.
    let cases: Vec<_> = eval_cases()
        .into_iter()
        .filter(|c| c.split.is_none())
        .collect();
    assert!(cases.len() >= 60);
    let full = Index::build(passages.clone(), &glossary);
    let base = Index::build_with(passages, &glossary, IndexConfig::baseline());
    let m = evaluate(&full, &cases, true);
    let b = evaluate(&base, &cases, false);
    println!("cases: {}", m.cases);
    println!(
        "baseline (BM25, folded words, no stemming, no glossary): R@1 {:.3}  R@3 {:.3}  MRR {:.3}",
        b.recall_at_1, b.recall_at_3, b.mrr
    );
    println!(
        "gehoor   (BM25F, stemming, glossary expansion):          R@1 {:.3}  R@3 {:.3}  MRR {:.3}",
        m.recall_at_1, m.recall_at_3, m.mrr
    );
    for miss in &m.misses {
        println!("miss: {miss}");
    }
    for lang in ["nl", "en", "ru"] {
        let sub: Vec<_> = cases.iter().filter(|c| c.lang == lang).cloned().collect();
        let s = evaluate(&full, &sub, true);
        println!(
            "{lang}: {} cases, R@3 {:.3}, MRR {:.3}",
            s.cases, s.recall_at_3, s.mrr
        );
    }
    assert!(m.recall_at_3 >= 0.85, "recall@3 {:.3}", m.recall_at_3);
    assert!(m.mrr > b.mrr);
}

#[test]
fn fresh_evaluation_set_is_split_half_and_half_and_answers_exist() {
    let (passages, _) = real_corpus();
    let fresh: Vec<_> = eval_cases()
        .into_iter()
        .filter(|c| c.split.is_some())
        .collect();
    assert!(fresh.len() >= 80, "{}", fresh.len());
    let count = |split: &str, lang: &str| {
        fresh
            .iter()
            .filter(|c| c.split.as_deref() == Some(split) && c.lang == lang)
            .count()
    };
    for lang in ["nl", "en", "ru"] {
        let (tune, test) = (count("tune", lang), count("test", lang));
        assert!(tune.abs_diff(test) <= 2, "{lang}: {tune} tune, {test} test");
    }
    assert!(count("test", "nl").abs_diff(count("test", "en")) <= 2);
    for c in &fresh {
        assert!(matches!(c.split.as_deref(), Some("tune" | "test")), "{c:?}");
        assert!(
            passages
                .iter()
                .any(|p| gehoor::search::ref_within(&p.reference, &c.answer)),
            "no passage answers {c:?}"
        );
    }
    // Every chapter of the report is asked about.
    for chapter in ["1", "2", "3"] {
        let target = format!("ambtsbericht-rf-2025#{chapter}");
        assert!(
            fresh
                .iter()
                .any(|c| c.answer == target || c.answer.starts_with(&format!("{target}."))),
            "chapter {chapter}"
        );
    }
}

fn gehoor() -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::cargo_bin("gehoor").unwrap();
    cmd.env("GEHOOR_CONFIG", "/dev/null")
        // Index snapshots go beside the build, not into the user's cache.
        .env(
            "GEHOOR_CACHE_DIR",
            concat!(env!("CARGO_TARGET_TMPDIR"), "/gehoor-cache"),
        )
        .env("LANG", "en_GB.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES");
    cmd
}

#[test]
fn search_command_prints_json_with_refs_and_highlights() {
    let out = gehoor()
        .args(["search", "--json", "--limit", "3", "zapret", "na", "vyezd"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let hits: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let hits = hits.as_array().unwrap();
    assert_eq!(hits.len(), 3);
    let first = &hits[0];
    assert!(
        first["ref"]
            .as_str()
            .unwrap()
            .starts_with("ambtsbericht-rf-2025#1.1.3"),
        "{first}"
    );
    for key in ["doc", "section", "score", "snippet", "highlights"] {
        assert!(!first[key].is_null(), "{key} missing in {first}");
    }
    let snippet = first["snippet"].as_str().unwrap();
    let h = &first["highlights"][0];
    let (s, e) = (
        h["start"].as_u64().unwrap() as usize,
        h["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(snippet[s..e].to_lowercase(), "uitreisverbod");
}

#[test]
fn search_command_marks_words_and_filters_by_document() {
    let out = gehoor()
        .args(["search", "--doc", "artikel-moechametov-2025", "trein"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("artikel-moechametov-2025#p"), "{text}");
    assert!(!text.contains("ambtsbericht-rf-2025#"), "{text}");
    assert!(text.contains('«') && text.contains('»'), "{text}");

    let out = gehoor()
        .args(["search", "--doc", "ambtsbericht", "oproep"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("ambtsbericht-rf-2025"), "{err}");
}

#[test]
fn index_files_builds_the_embedded_corpus_in_a_background_thread() {
    let files = gehoor::assets::FileSet::embedded_corpus();
    let index = std::thread::spawn(move || gehoor::search::index_files(&files))
        .join()
        .unwrap()
        .unwrap();
    assert!(index.glossary().len() >= 200);
    assert!(
        index
            .passages()
            .iter()
            .all(|p| !p.reference.contains("#bibliografie/"))
    );
    let hits = index.search("povestka voenkomat", &SearchOptions::default());
    assert!(gehoor::search::ref_within(
        &hits[0].reference,
        "ambtsbericht-rf-2025#1.1"
    ));
    let entry = index.glossary().lookup("voenkomat").unwrap();
    assert_eq!(entry.headword(Lang::En), "military commissariat");
    assert!(entry.note(Lang::Nl).contains("dienstplichtigen"));
}

#[test]
fn source_pane_on_the_report_picks_the_fitting_paragraph_of_an_explicit_section() {
    let (passages, glossary) = real_corpus();
    let index = Index::build(passages, &glossary);
    let pane = index.source_pane(
        &["ambtsbericht-rf-2025#1.1.3.2".to_string()],
        "Moest u uw internationale paspoort inleveren?",
        &["uitreisverbod".to_string()],
        5,
    );
    assert_eq!(pane.len(), 5);
    assert!(
        pane[0]
            .reference
            .starts_with("ambtsbericht-rf-2025#1.1.3.2/p")
    );
    assert!(
        pane[0].snippet.to_lowercase().contains("paspoort"),
        "{:?}",
        pane[0]
    );
    let mut refs: Vec<_> = pane.iter().map(|h| h.reference.clone()).collect();
    refs.sort();
    refs.dedup();
    assert_eq!(refs.len(), 5);
}

/// The snippet centres on the rarest matched term, not the longest: a word
/// in every passage weighs little however long it is.
#[test]
fn snippets_centre_on_the_rarest_matched_term() {
    let filler = "Er staat hier verder niets bijzonders over de zaak in deze zin. ".repeat(6);
    let text = format!(
        "De gedeeltelijke mobilisatie begon in september. {filler}Daarna verhoorde de FSB de dienstplichtige."
    );
    let mut passages: Vec<Passage> = (1..=12)
        .map(|i| {
            p(
                &format!("rap#2.{i}/p1"),
                "Mobilisatie",
                &format!("Over de gedeeltelijke mobilisatie in regio {i}."),
                &[],
                Lang::Nl,
            )
        })
        .collect();
    passages.push(p("rap#3.1/p1", "Diensten", &text, &[], Lang::Nl));
    let idx = Index::build(passages, &Glossary::parse(GLOSSARY).unwrap());
    let hits = idx.search("mobilisatie FSB", &SearchOptions::default());
    let hit = hits
        .iter()
        .find(|h| h.reference == "rap#3.1/p1")
        .expect("the passage with both words");
    let marked: Vec<&str> = hit
        .highlights
        .iter()
        .map(|r| &hit.snippet[r.clone()])
        .collect();
    assert!(
        marked.contains(&"FSB"),
        "the rare, short term is in the snippet: {:?} {marked:?}",
        hit.snippet
    );
    // Length alone would have chosen the long, common word.
    let word = |w: &str| {
        let at = text.find(w).unwrap();
        at..at + w.len()
    };
    let (by_length, _) =
        gehoor::search::snippet::make(&text, &[word("mobilisatie"), word("FSB")], 220);
    assert!(!by_length.contains("FSB"), "{by_length}");
}
