//! TUI speed: time to the first frame with the shipped corpus and
//! questionnaires, and keystroke-to-redrawn-frame at 200×60.
//! Run: cargo bench --bench tui

use std::sync::Arc;
use std::time::{Duration, Instant};

use gehoor::assets::FileSet;
use gehoor::config::Theme;
use gehoor::i18n::Lang;
use gehoor::notes::Session;
use gehoor::tui::app::{App, Data};
use gehoor::tui::theme::Palette;
use gehoor::tui::update::{open_interview, update};
use gehoor::tui::{key_msg, view};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

fn main() {
    // First frame: load questionnaires + corpus + checks, build the app,
    // open an interview and draw once (the index builds in the background).
    let mut firsts = Vec::new();
    for _ in 0..20 {
        let start = Instant::now();
        let data = Data::from_files(
            &FileSet::embedded_corpus(),
            &FileSet::embedded_questionnaires(),
            Lang::Nl,
            "bench".into(),
        )
        .unwrap();
        let data = Arc::new(data);
        let mut app = App::new(Lang::Nl, Palette::new(Theme::Auto, false), data.clone());
        let qns: Vec<_> = data.catalog.questionnaires.iter().collect();
        let session = Session::new(
            "BENCH",
            "bench",
            Lang::Nl,
            gehoor::interview::uses(&qns),
            &gehoor::notes::now(),
        );
        open_interview(&mut app, session, false, false);
        let mut t = Terminal::new(TestBackend::new(200, 60)).unwrap();
        t.draw(|f| {
            view::render(&app, f);
        })
        .unwrap();
        firsts.push(start.elapsed());
    }
    firsts.sort();
    println!(
        "first frame (load + check + open + draw, 200x60): p50 {:.1} ms, max {:.1} ms",
        percentile(&firsts, 0.5).as_secs_f64() * 1e3,
        firsts.last().unwrap().as_secs_f64() * 1e3
    );

    // Keystrokes: move down through every question and back, with the
    // search index ready (source pane recomputed on each move), then draw;
    // the lexical pane (an index without vectors) and the fused pane (as
    // the TUI starts on the built-in data: passage and question vectors
    // committed, looked up, never embedded), in alternating rounds so both
    // see the same load.
    let data = Arc::new(
        Data::from_files(
            &FileSet::embedded_corpus(),
            &FileSet::embedded_questionnaires(),
            Lang::Nl,
            "bench".into(),
        )
        .unwrap(),
    );
    let build = || {
        gehoor::search::Index::build(gehoor::search::passages_from(&data.corpus), &data.glossary)
    };
    let lexical = Arc::new(build());
    let fused = build();
    assert!(fused.set_vectors(gehoor::search::dense::builtin_vectors().unwrap()));
    let inputs = gehoor::search::dense::queries::question_inputs(&data.catalog, &fused);
    assert!(gehoor::search::dense::queries::attach_builtin(
        &fused, &inputs
    ));
    let fused = Arc::new(fused);
    let (mut lex_times, mut fused_times) = (Vec::new(), Vec::new());
    for _ in 0..3 {
        lex_times.extend(keystrokes(&data, &lexical));
        fused_times.extend(keystrokes(&data, &fused));
    }
    for (name, mut times) in [("lexical", lex_times), ("fused", fused_times)] {
        times.sort();
        println!(
            "keystroke to frame (move + {name} source pane + draw, 200x60, {} keys): p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
            times.len(),
            percentile(&times, 0.5).as_secs_f64() * 1e3,
            percentile(&times, 0.99).as_secs_f64() * 1e3,
            times.last().unwrap().as_secs_f64() * 1e3
        );
    }
}

/// 600 presses of Down/Up through every question, each timed from the key
/// to the redrawn frame.
fn keystrokes(data: &Arc<Data>, index: &Arc<gehoor::search::Index>) -> Vec<Duration> {
    let mut app = App::new(Lang::Nl, Palette::new(Theme::Auto, false), data.clone());
    let qns: Vec<_> = data.catalog.questionnaires.iter().collect();
    open_interview(
        &mut app,
        Session::new(
            "BENCH",
            "bench",
            Lang::Nl,
            gehoor::interview::uses(&qns),
            &gehoor::notes::now(),
        ),
        false,
        false,
    );
    update(
        &mut app,
        gehoor::tui::update::Msg::IndexReady(index.clone()),
    );
    let mut t = Terminal::new(TestBackend::new(200, 60)).unwrap();
    let mut times = Vec::new();
    for i in 0..600 {
        let code = if (i / 150) % 2 == 0 {
            KeyCode::Down
        } else {
            KeyCode::Up
        };
        let start = Instant::now();
        if let Some(msg) = key_msg(&app, KeyEvent::new(code, KeyModifiers::NONE)) {
            update(&mut app, msg);
        }
        t.draw(|f| {
            view::render(&app, f);
        })
        .unwrap();
        times.push(start.elapsed());
    }
    times
}
