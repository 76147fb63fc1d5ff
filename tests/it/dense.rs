//! The embedded e5 model, the committed passage vectors of the built-in
//! corpus, and the fused ranking on the fresh evaluation set.

use gehoor::search::dense::{self, PassageVectors, dot};
use gehoor::search::eval::{EvalCase, parse_cases, ranks_by, summarise, wilson};
use gehoor::search::{Index, Method, SearchOptions};

fn builtin_index() -> Index {
    gehoor::search::index_files_with_vectors(&gehoor::assets::FileSet::embedded_corpus()).unwrap()
}

#[test]
fn model_loads_from_the_binary_and_embeds_across_languages() {
    let m = dense::model();
    assert_eq!(m.dim(), 384);
    let q = m.query("military summons");
    let norm: f32 = dot(&q, &q);
    assert!((norm - 1.0).abs() < 1e-4, "{norm}");
    let p = m.passages(&[
        "Sinds april 2023 kan een oproep voor militaire dienst digitaal worden verstrekt.",
        "Transgender mensen mogen hun geslacht niet meer laten wijzigen.",
    ]);
    let (on_topic, off_topic) = (dot(&q, &p[..384]), dot(&q, &p[384..]));
    assert!(on_topic > off_topic + 0.03, "{on_topic} vs {off_topic}");
    // A NUL cannot cut the text short: the engine sees a space.
    assert_eq!(m.query("oproep\0dienst"), m.query("oproep dienst"));
}

#[test]
fn committed_vectors_match_the_built_in_corpus() {
    let files = gehoor::assets::FileSet::embedded_corpus();
    let corpus = gehoor::corpus::Corpus::load(&files).unwrap();
    let passages = gehoor::search::passages_from(&corpus);
    let v = dense::builtin_vectors().expect("model/corpus-vectors.bin parses");
    assert_eq!(
        v.clone().matching(&passages).map(|v| v.len()),
        Some(passages.len()),
        "model/corpus-vectors.bin is stale: cargo run --release --example embed_corpus"
    );
    // The stored rows are what the model computes now (two passages, to keep
    // the test quick; the hash covers which texts they were made from).
    for i in [0, passages.len() / 2] {
        let fresh = PassageVectors::compute(dense::model(), &passages[i..=i], |_, _| {});
        let cos = dot(fresh.row(0), v.row(i));
        assert!(cos > 0.9999, "passage {i}: cosine {cos}");
    }
    assert!(builtin_index().vectors().is_some());
}

#[test]
fn vector_files_round_trip_and_reject_other_corpora() {
    let v = dense::builtin_vectors().unwrap();
    let bytes = v.to_bytes();
    assert_eq!(PassageVectors::from_bytes(&bytes).as_ref(), Some(&v));
    assert!(PassageVectors::from_bytes(&bytes[..bytes.len() - 1]).is_none());
    assert!(PassageVectors::from_bytes(b"GHV1").is_none());
    let index = Index::build(Vec::new(), &Default::default());
    assert!(!index.set_vectors(v));
    assert!(index.vectors().is_none());
}

#[test]
fn fused_search_gives_one_slot_per_section_and_explains_ranks() {
    let index = builtin_index();
    let hits = index.search(
        "Can my son be forced to fight after being drafted?",
        &SearchOptions::default(),
    );
    assert_eq!(hits.len(), 10);
    let mut slots: Vec<(String, String)> = hits
        .iter()
        .map(|h| {
            let key = if h.section.is_empty() {
                String::new()
            } else {
                h.section.clone()
            };
            (h.doc.clone(), key)
        })
        .collect();
    slots.sort();
    slots.dedup();
    assert_eq!(slots.len(), hits.len(), "{hits:#?}");
    for h in &hits {
        let r = h.ranks.expect("fused hits carry their ranks");
        assert!(r.lexical.is_some() || r.dense.is_some());
        assert!((h.score - r.fused).abs() < 1e-6);
    }
    assert!(hits.windows(2).all(|w| w[0].score >= w[1].score));
    // Without a query vector the same index ranks lexically, as before.
    let lexical = index.search_with("oproep", &SearchOptions::default(), Method::Fused, None);
    assert!(lexical.iter().all(|h| h.ranks.is_none()));
}

fn fresh_cases(split: &str) -> Vec<EvalCase> {
    let path = std::path::Path::new("tests/fixtures/search-eval.toml");
    let text = std::fs::read_to_string(path).unwrap();
    parse_cases(path, &text)
        .unwrap()
        .into_iter()
        .filter(|c| c.split.as_deref() == Some(split))
        .collect()
}

/// Prints lexical, dense and fused scores of one half, overall and per
/// language; returns (lexical, fused) ranks.
fn report(split: &str) -> (Vec<Option<usize>>, Vec<Option<usize>>) {
    let index = builtin_index();
    let cases = fresh_cases(split);
    let qv: Vec<Vec<f32>> = cases
        .iter()
        .map(|c| dense::model().query(&index.dense_query(&c.q)))
        .collect();
    let mut out = (Vec::new(), Vec::new());
    for (name, method) in [
        ("lexical", Method::Lexical),
        ("dense", Method::Dense),
        ("fused", Method::Fused),
    ] {
        let ranks = ranks_by(&index, &cases, method, &qv);
        let (r1, r3, mrr) = summarise(&ranks);
        let n = ranks.len();
        let (lo1, hi1) = wilson((r1 * n as f64).round() as usize, n);
        let (lo3, hi3) = wilson((r3 * n as f64).round() as usize, n);
        println!(
            "{split} {name:<7} n={n:>3} R@1 {r1:.3} [{lo1:.2}, {hi1:.2}]  R@3 {r3:.3} [{lo3:.2}, {hi3:.2}]  MRR {mrr:.3}"
        );
        for lang in ["nl", "en", "ru"] {
            let sub: Vec<_> = cases
                .iter()
                .zip(&ranks)
                .filter(|(c, _)| c.lang == lang)
                .map(|(_, r)| *r)
                .collect();
            let (a, b, c) = summarise(&sub);
            println!(
                "    {lang}: n={:>2} R@1 {a:.3} R@3 {b:.3} MRR {c:.3}",
                sub.len()
            );
        }
        for (c, r) in cases.iter().zip(&ranks) {
            if r.is_none_or(|r| r > 3) {
                println!("    miss {name}: {} -> {} ({r:?})", c.q, c.answer);
            }
        }
        match method {
            Method::Lexical => out.0 = ranks,
            Method::Fused => out.1 = ranks,
            Method::Dense => {}
        }
    }
    out
}

#[test]
fn fused_ranking_on_the_tune_half() {
    let (lexical, fused) = report("tune");
    let (_, r3, _) = summarise(&fused);
    let (_, l3, _) = summarise(&lexical);
    assert!(r3 > l3, "fused {r3} vs lexical {l3}");
}

/// The held-out half, reported once in docs/performance.md. Prints the same
/// table as the tune half, and which questions lexical finds in its top 3
/// that fused does not.
#[test]
fn fused_ranking_on_the_test_half() {
    let (lexical, fused) = report("test");
    let lost: Vec<usize> = (0..lexical.len())
        .filter(|&i| lexical[i].is_some_and(|r| r <= 3) && fused[i].is_none_or(|r| r > 3))
        .collect();
    println!("test: lost by fusion from lexical top 3: {lost:?}");
    let (_, r3, _) = summarise(&fused);
    let (_, l3, _) = summarise(&lexical);
    assert!(r3 > l3, "fused {r3} vs lexical {l3}");
}

/// Typing in the `/` overlay ranks lexically at once; only after a pause is
/// the query handed out to be embedded (an effect the runtime runs on a
/// worker thread), and its vector turns the results into the fused ranking.
#[test]
fn search_overlay_embeds_the_query_after_a_pause_off_the_ui_thread() {
    use gehoor::config::Theme;
    use gehoor::i18n::Lang;
    use gehoor::tui::app::{App, Data, Overlay};
    use gehoor::tui::theme::Palette;
    use gehoor::tui::update::{Effect, Msg, Now, open_interview, update};
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    use std::sync::Arc;
    use std::time::{Duration, Instant};

    let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tui");
    let data = Data::from_files(
        &gehoor::assets::FileSet::embedded_corpus(),
        &gehoor::assets::FileSet::from_dir(&fixtures).unwrap(),
        Lang::En,
        "Tester".into(),
    )
    .unwrap();
    let mut app = App::new(Lang::En, Palette::new(Theme::Auto, true), Arc::new(data));
    let trial = app.data.catalog.questionnaire("trial").unwrap();
    let session = gehoor::notes::Session::new(
        "CASE-7",
        "Tester",
        Lang::En,
        gehoor::interview::uses(&[trial]),
        &gehoor::notes::now(),
    );
    open_interview(&mut app, session, false, false);
    update(&mut app, Msg::IndexReady(Arc::new(builtin_index())));
    let t0 = Instant::now();
    let tick = |app: &mut App, at: Duration| {
        update(
            app,
            Msg::Tick(Now {
                instant: t0 + at,
                wall: gehoor::notes::now(),
            }),
        )
    };
    tick(&mut app, Duration::ZERO);
    let press = |app: &mut App, c: char| {
        let msg = gehoor::tui::key_msg(app, KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
        update(app, msg.unwrap())
    };
    press(&mut app, '/');
    let query = "forced to sign a contract";
    for c in query.chars() {
        let effects = press(&mut app, c);
        assert!(
            !effects
                .iter()
                .any(|e| matches!(e, Effect::EmbedQuery { .. }))
        );
    }
    let results = |app: &App| match &app.overlay {
        Some(Overlay::Search(s)) => s.results.clone(),
        _ => panic!("no search overlay"),
    };
    let lexical = results(&app);
    assert!(!lexical.is_empty());
    // Still typing: nothing is embedded yet.
    assert!(tick(&mut app, Duration::from_millis(100)).is_empty());
    let effects = tick(&mut app, Duration::from_millis(400));
    assert_eq!(
        effects,
        vec![Effect::EmbedQuery {
            query: query.to_string(),
            text: query.to_string()
        }]
    );
    // Asked once, not on every tick while it runs.
    assert!(tick(&mut app, Duration::from_millis(450)).is_empty());
    let vector = dense::model().query(query);
    update(
        &mut app,
        Msg::QueryEmbedded {
            query: query.to_string(),
            vector,
        },
    );
    let fused = results(&app);
    assert!(!fused.is_empty());
    assert_ne!(
        fused.iter().map(|r| format!("{r:?}")).collect::<Vec<_>>(),
        lexical.iter().map(|r| format!("{r:?}")).collect::<Vec<_>>(),
        "the fused ranking replaces the lexical one"
    );
    // A vector for a query no longer in the box is dropped.
    press(&mut app, 's');
    let before = results(&app);
    update(
        &mut app,
        Msg::QueryEmbedded {
            query: query.to_string(),
            vector: dense::model().query(query),
        },
    );
    assert_eq!(format!("{:?}", results(&app)), format!("{before:?}"));
}

/// A corpus folder is searched lexically, saying so, until its vectors are
/// in the cache under its content hash; then the same command is fused.
#[test]
fn a_corpus_folder_is_lexical_until_its_cached_vectors_exist() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = tmp.path().join("corpus");
    let doc = corpus.join("brief-moratorium-2022");
    std::fs::create_dir_all(&doc).unwrap();
    for f in ["document.toml", "text.txt"] {
        std::fs::copy(format!("corpus/brief-moratorium-2022/{f}"), doc.join(f)).unwrap();
    }
    let cache = tmp.path().join("cache");
    let search = || {
        let out = assert_cmd::Command::cargo_bin("gehoor")
            .unwrap()
            .env("GEHOOR_CONFIG", "/nonexistent/gehoor-test.toml")
            .env("GEHOOR_CACHE_DIR", &cache)
            .env("LANG", "en_GB.UTF-8")
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .arg("--corpus")
            .arg(&corpus)
            .args(["search", "--json", "moratorium"])
            .output()
            .unwrap();
        assert!(out.status.success());
        let hits: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        (hits, String::from_utf8(out.stderr).unwrap())
    };
    let (hits, err) = search();
    assert!(err.contains("lexical search only"), "{err}");
    assert!(hits[0].get("ranks").is_none(), "{hits}");

    let files = gehoor::assets::FileSet::from_dir(&corpus).unwrap();
    let passages = gehoor::search::passages_from(&gehoor::corpus::Corpus::load(&files).unwrap());
    let v = PassageVectors::compute(dense::model(), &passages, |_, _| {});
    let dir = cache.join("vectors");
    std::fs::create_dir_all(&dir).unwrap();
    let name = format!("{}.bin", gehoor::search::dense::vectors::hex(&v.hash));
    std::fs::write(dir.join(name), v.to_bytes()).unwrap();

    let (hits, err) = search();
    assert!(!err.contains("lexical search only"), "{err}");
    assert!(hits[0]["ranks"]["fused"].as_f64().unwrap() > 0.0, "{hits}");
}
