//! A question's source pane: its explicit refs, then the fused ranking, with
//! the question's vector looked up from what was embedded ahead (committed
//! for the built-in questionnaires, computed in the background for a
//! folder), never computed on a keystroke.

use std::sync::Arc;

use gehoor::assets::FileSet;
use gehoor::i18n::Lang;
use gehoor::questionnaire::Catalog;
use gehoor::search::dense::{self, QueryVectors, dot, queries};
use gehoor::search::{Hit, Index, Method, SearchOptions};

fn builtin_index() -> Index {
    gehoor::search::index_files_with_vectors(&FileSet::embedded_corpus()).unwrap()
}

fn builtin_catalog() -> Catalog {
    let corpus = gehoor::corpus::Corpus::load(&FileSet::embedded_corpus()).unwrap();
    gehoor::questionnaire::load_checked(&FileSet::embedded_questionnaires(), &corpus.refs()).0
}

/// The app with an interview open on the TUI fixture questionnaire "trial"
/// (a folder, so its questions are not among the committed vectors).
fn trial_interview() -> gehoor::tui::app::App {
    use gehoor::tui::app::{App, Data};
    let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tui");
    let data = Data::from_files(
        &FileSet::embedded_corpus(),
        &FileSet::from_dir(&fixtures).unwrap(),
        Lang::En,
        "Tester".into(),
    )
    .unwrap();
    let palette = gehoor::tui::theme::Palette::new(gehoor::config::Theme::Auto, true);
    let mut app = App::new(Lang::En, palette, Arc::new(data));
    let trial = app.data.catalog.questionnaire("trial").unwrap();
    let session = gehoor::notes::Session::new(
        "CASE-7",
        "Tester",
        Lang::En,
        gehoor::interview::uses(&[trial]),
        &gehoor::notes::now(),
    );
    gehoor::tui::update::open_interview(&mut app, session, false, false);
    app
}

fn refs(hits: &[Hit]) -> Vec<&str> {
    hits.iter().map(|h| h.reference.as_str()).collect()
}

#[test]
fn committed_question_vectors_match_the_built_in_questionnaires() {
    let index = builtin_index();
    let inputs = queries::question_inputs(&builtin_catalog(), &index);
    let v = dense::builtin_question_vectors().expect("model/question-vectors.bin parses");
    let mut wanted: Vec<[u8; 32]> = inputs.iter().map(|t| queries::key(t)).collect();
    wanted.sort();
    assert_eq!(
        v.keys, wanted,
        "model/question-vectors.bin is stale (a question text or the glossary changed): \
         cargo run --release --example embed_corpus"
    );
    // The stored rows are what the model computes now (two texts, to keep
    // the test quick; the keys cover which texts they were made from).
    for text in [&inputs[0], &inputs[inputs.len() / 2]] {
        let cos = dot(&dense::model().query(text), v.get(text).unwrap());
        assert!(cos > 0.9999, "{text}: cosine {cos}");
    }
    assert!(queries::attach_builtin(&index, &inputs));
    assert!(index.query_vectors().is_some());
}

#[test]
fn query_vector_files_round_trip_and_reject_damage() {
    let v = dense::builtin_question_vectors().unwrap();
    let bytes = v.to_bytes();
    assert_eq!(QueryVectors::from_bytes(&bytes).as_ref(), Some(&v));
    assert!(QueryVectors::from_bytes(&bytes[..bytes.len() - 1]).is_none());
    assert!(QueryVectors::from_bytes(b"GHQ1").is_none());
    // Keys out of order would break the lookup: refused.
    let mut swapped = v.clone();
    swapped.keys.swap(0, 1);
    assert!(QueryVectors::from_bytes(&swapped.to_bytes()).is_none());
}

/// "On what date did this summons tell you to report?" cites 1.1.3.2;
/// lexically the next passage comes from the LGBTIQ+ (Dutch) or the
/// journalists' (English) section, which share a word but not the topic,
/// while the fused ranking brings 1.1.3, "Digital summons and raids".
#[test]
fn the_source_pane_follows_the_fused_ranking_after_the_explicit_refs() {
    let catalog = builtin_catalog();
    let q = catalog
        .questionnaire("summons")
        .unwrap()
        .questions
        .iter()
        .find(|q| q.id == "report_date")
        .unwrap()
        .clone();
    let lexical = builtin_index();
    let fused = builtin_index();
    assert!(queries::attach_builtin(
        &fused,
        &queries::question_inputs(&catalog, &fused)
    ));
    for lang in Lang::ALL {
        let text = q.text.get(lang);
        let before = lexical.source_pane(&q.sources, text, &q.keywords, 8);
        let after = fused.source_pane(&q.sources, text, &q.keywords, 8);
        let n = q.sources.len();
        assert_eq!(refs(&before[..n]), refs(&after[..n]), "explicit refs first");
        assert!(before[n..].iter().all(|h| h.ranks.is_none()));
        // The rest is the fused search of the question, as `gehoor search`
        // ranks it, minus what the explicit refs already show.
        let query = format!("{text} {}", q.keywords.join(" "));
        let vector = dense::model().query(&fused.dense_query(text));
        assert_eq!(fused.known_query_vector(text), Some(vector.as_slice()));
        let search = fused.search_with(
            &query,
            &SearchOptions {
                limit: 8 + n,
                ..SearchOptions::default()
            },
            Method::Fused,
            Some(&vector),
        );
        let expected: Vec<&str> = search
            .iter()
            .filter(|h| {
                !after[..n]
                    .iter()
                    .any(|e| e.doc == h.doc && e.section == h.section)
            })
            .map(|h| h.reference.as_str())
            .take(8 - n)
            .collect();
        assert_eq!(refs(&after[n..]), expected, "{lang:?}");
        assert!(after[n..].iter().all(|h| h.ranks.is_some()));
        assert_eq!(after[n].section, "1.1.3", "{lang:?}: {:?}", refs(&after));
        assert_ne!(before[n].section, after[n].section, "{lang:?}");
    }
}

/// Questionnaires from a folder: their questions are not among the
/// committed vectors, so the pane stays lexical until the background thread
/// has embedded them and the index is handed to the app again.
#[test]
fn a_questionnaire_folder_gets_its_question_vectors_in_the_background() {
    use gehoor::tui::app::App;
    use gehoor::tui::update::{Msg, update};

    let mut app = trial_interview();
    let first = app.data.catalog.questionnaire("trial").unwrap().questions[0].clone();
    let index = Arc::new(builtin_index());
    update(&mut app, Msg::IndexReady(index.clone()));
    let shown = |app: &App| -> Vec<String> {
        app.interview()
            .unwrap()
            .sources
            .iter()
            .map(|s| s.reference.clone())
            .collect()
    };
    let pane = |index: &Index| -> Vec<String> {
        index
            .source_pane(
                &first.sources,
                first.text.get(Lang::En),
                &first.keywords,
                gehoor::tui::sources::PANE_LIMIT,
            )
            .into_iter()
            .map(|h| h.reference)
            .collect()
    };
    let lexical = shown(&app);
    assert_eq!(lexical, pane(&index), "the first question's pane");

    let inputs = queries::question_inputs(&app.data.catalog, &index);
    assert!(!queries::attach_builtin(&index, &inputs), "not built in");
    assert!(index.query_vectors().is_none());
    let worker = {
        let index = index.clone();
        std::thread::spawn(move || queries::attach_computed(&index, &inputs))
    };
    assert!(worker.join().unwrap());
    assert!(index.known_query_vector(first.text.get(Lang::En)).is_some());
    update(&mut app, Msg::IndexReady(index.clone()));
    let fused = shown(&app);
    assert_eq!(fused, pane(&index));
    assert_ne!(fused, lexical, "the pane turned fused");
}

#[test]
fn a_corpus_folder_being_embedded_is_announced_with_its_progress() {
    use gehoor::tui::app::{App, Overlay};
    use gehoor::tui::update::{Msg, update};
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    let mut app = trial_interview();
    // A folder's index: no vectors until the background thread sets them.
    let index = Arc::new(gehoor::search::index_files(&FileSet::embedded_corpus()).unwrap());
    update(&mut app, Msg::IndexReady(index.clone()));
    update(
        &mut app,
        Msg::EmbeddingProgress {
            done: 40,
            total: 338,
        },
    );
    let notice = "meaning index is ready: 40 of 338";
    let pane = crate::support::screen::render(&app, 200, 60);
    assert!(pane.contains(notice), "{pane}");

    let key = |app: &mut App, code: KeyCode| {
        if let Some(msg) = gehoor::tui::key_msg(app, KeyEvent::new(code, KeyModifiers::NONE)) {
            update(app, msg);
        }
    };
    key(&mut app, KeyCode::Char('/'));
    assert!(matches!(app.overlay, Some(Overlay::Search(_))));
    let overlay = crate::support::screen::render(&app, 200, 60);
    assert!(overlay.contains("40 of 338"), "{overlay}");
    key(&mut app, KeyCode::Esc);

    index.set_vectors(dense::builtin_vectors().unwrap());
    update(&mut app, Msg::IndexReady(index));
    let ready = crate::support::screen::render(&app, 200, 60);
    assert!(!ready.contains("meaning index"), "{ready}");
    assert!(app.embedding.is_none());
}
