//! The terminal interface (Elm architecture): a key becomes a `Msg` through
//! the keymap, `update(&mut App, Msg)` changes the state and returns
//! `Effect`s, the runtime (`runtime.rs`) performs them through `Io`
//! (`effects.rs`) and feeds each result back as a message; views borrow
//! `&App`. This file only wires the real terminal to that runtime.

pub mod action;
pub mod app;
pub mod editor;
pub mod effects;
pub mod events;
pub mod filter;
pub mod focus;
pub mod keymap;
pub mod runtime;
pub mod sources;
pub mod terminal;
pub mod theme;
pub mod timeline;
pub mod update;
pub mod view;

use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::sync::mpsc;

use crate::config::Settings;
use crate::error::{Error, IoOp, Result};
use crate::notes::{Session, Store};
use app::{App, Data};
use effects::Io;
use update::Msg;

pub use runtime::key_msg;

/// What to show first.
pub enum Start {
    Home,
    /// Create this session and open it.
    Create(Box<Session>),
    /// The new-interview form, prefilled.
    Form {
        case_ref: String,
        interviewer: String,
        topics: Vec<String>,
    },
    /// Open an existing session (by id) as a supervisor.
    Review(Option<String>),
}

/// Load everything a screen needs; the search index is built afterwards on
/// a background thread so the first frame does not wait for it.
pub fn load_data(settings: &Settings) -> Result<Data> {
    let corpus = crate::assets::FileSet::corpus(settings.corpus.as_deref())?;
    let questionnaires =
        crate::assets::FileSet::questionnaires(settings.questionnaires.as_deref())?;
    let mut data = Data::from_files(
        &corpus,
        &questionnaires,
        settings.lang,
        // The config's name, else the login name: prefilled as interviewer
        // and used as a reviewer's comment author.
        settings.user_name().unwrap_or_default(),
    )?;
    data.keep_cited_text = settings.keep_cited_text;
    data.policy = settings.policy;
    Ok(data)
}

impl Data {
    pub fn from_files(
        corpus_files: &crate::assets::FileSet,
        q_files: &crate::assets::FileSet,
        lang: crate::i18n::Lang,
        user_name: String,
    ) -> Result<Data> {
        let corpus = crate::corpus::Corpus::load(corpus_files)?;
        let (catalog, diagnostics) = crate::questionnaire::load_checked(q_files, &corpus.refs());
        let (errors, _) = crate::check::counts(&diagnostics);
        let invalid = (errors > 0).then(|| crate::check::render_human(&diagnostics, q_files, lang));
        let glossary = match corpus_files.get("glossary.toml") {
            Some(f) => crate::search::Glossary::parse_at(&corpus_files.display_path(f), &f.text)?,
            None => crate::search::Glossary::default(),
        };
        Ok(Data {
            catalog,
            corpus,
            glossary,
            invalid,
            user_name,
            keep_cited_text: false,
            policy: crate::notes::Policy::default(),
        })
    }
}

pub fn run_home(settings: &Settings, store: Store) -> Result<ExitCode> {
    let data = load_data(settings)?;
    run(settings, store, data, Start::Home)
}

/// The index, with the built-in corpus's committed vectors, or a corpus
/// folder's from the cache or computed on (another) background thread; the
/// search is lexical until they are set. The questions' vectors (for the
/// source pane) are the committed ones, or, for questionnaires they do not
/// cover, computed here after the index is sent. The index is sent again
/// whenever more vectors are set, so the pane turns fused.
fn spawn_index(data: &Arc<Data>, builtin: bool) -> mpsc::Receiver<update::Msg> {
    use crate::search::dense::queries;
    let (tx, rx) = mpsc::channel();
    let data = data.clone();
    std::thread::spawn(move || {
        let index = Arc::new(crate::search::Index::build(
            crate::search::passages_from(&data.corpus),
            &data.glossary,
        ));
        let passages = match crate::search::dense::builtin_vectors() {
            Some(v) if builtin => {
                index.set_vectors(v);
                None
            }
            _ => {
                let progress = tx.clone();
                Some(crate::vector_cache::attach_in_background(
                    index.clone(),
                    move |done, total| {
                        let _ = progress.send(update::Msg::EmbeddingProgress { done, total });
                    },
                ))
            }
        };
        let inputs = queries::question_inputs(&data.catalog, &index);
        let questions_known = queries::attach_builtin(&index, &inputs);
        let _ = tx.send(update::Msg::IndexReady(index.clone()));
        if !questions_known {
            queries::attach_computed(&index, &inputs);
            let _ = tx.send(update::Msg::IndexReady(index.clone()));
        }
        if let Some(h) = passages {
            let _ = h.join();
            let _ = tx.send(update::Msg::IndexReady(index));
        }
    });
    rx
}

/// The first messages: what `start` asks for, performed before the screen
/// switches, so a folder that cannot be written stops gehoor with a message
/// on the shell rather than inside the screen.
fn start_messages(app: &mut App, io: &mut Io, start: Start) -> Result<Vec<Msg>> {
    let mut msgs = Vec::new();
    if let Some(path) = io.store().warn_if_shared() {
        msgs.push(Msg::SharedFolder(path));
    }
    msgs.push(Msg::Listed(io.list(app)));
    match start {
        Start::Home => {}
        Start::Create(session) => msgs.push(Msg::Created(Ok(io.create(*session)?))),
        Start::Form {
            case_ref,
            interviewer,
            topics,
        } => msgs.push(Msg::ShowForm {
            case_ref,
            interviewer,
            topics,
        }),
        Start::Review(None) => msgs.push(Msg::ShowSessions),
        Start::Review(Some(query)) => {
            let id = io.store().resolve(&query)?;
            let session = io.store().open_read_only(id)?;
            msgs.push(Msg::Loaded {
                result: Ok(session),
                review: true,
            });
        }
    }
    Ok(msgs)
}

/// `store` comes from the CLI: with encryption on it seals everything it
/// writes, its key unlocked (the passphrase asked) before the screen switches.
pub fn run(settings: &Settings, store: Store, data: Data, start: Start) -> Result<ExitCode> {
    let mut io = Io::new(store).with_rescue_places(effects::RescuePlaces::from_env());
    let data = Arc::new(data);
    let index_rx = spawn_index(&data, settings.corpus.is_none());
    let term_flag = crate::notes::install_signal_flags()?;
    let palette = theme::Palette::from_env(settings.theme);
    let mut app = App::new(settings.lang, palette, data)
        .with_copy_suggestion(effects::copy_suggestion())
        .with_advance(settings.advance);
    let first = start_messages(&mut app, &mut io, start)?;
    let mut guard =
        terminal::TerminalGuard::enter().map_err(|e| Error::io(IoOp::Write, "<terminal>", e))?;
    let leaving = Arc::new(std::sync::atomic::AtomicBool::new(false));
    terminal::spawn_watchdog(term_flag.clone(), leaving.clone());
    let mut events = events::TerminalEvents::new(term_flag);
    let mut rt = runtime::Runtime {
        terminal: &mut guard.terminal,
        events: &mut events,
        io: &mut io,
        index: Some(index_rx),
    };
    let mut result = Ok(runtime::Ended::Quit);
    for msg in first {
        if let Err(e) = rt.step(&mut app, msg) {
            result = Err(e);
        }
    }
    if result.is_ok() {
        result = rt.run(&mut app);
    }
    // However the loop ended (a terminal that stopped answering included),
    // what is in an open editor is kept and saved before anything else.
    leaving.store(true, Ordering::Relaxed);
    if result.is_err() {
        let _ = rt.step(&mut app, Msg::Terminate);
    }
    // A quit already placed the text or was told to lose it; otherwise
    // (a hang-up, SIGTERM, the loop failing) the fallback places are tried
    // now: no one is left to answer a window.
    let rescued = match app.outcome.take() {
        Some(app::Outcome::Rescued(path)) => Some(Ok(path)),
        Some(app::Outcome::Lost) => Some(Err(Lost)),
        None => rt.io.rescue(&app).map(|r| r.map_err(Tried)),
    };
    drop(guard);
    let code = tell_rescue(&app, rescued);
    result.map(|_| code)
}

/// Why the text is in no file: every fallback place failed, or the user
/// chose to lose it after being shown those failures.
enum Unplaced {
    Tried(Vec<(std::path::PathBuf, Error)>),
    Lost,
}
use Unplaced::{Lost, Tried};

/// Say where the text went, once the terminal is back; exit 2 when it went
/// nowhere, never 0 as if all were well.
fn tell_rescue(
    app: &App,
    rescued: Option<std::result::Result<std::path::PathBuf, Unplaced>>,
) -> ExitCode {
    use std::io::Write;
    let s = app.strings();
    let places = |tried: &[String]| tried.join("; ");
    let (text, code) = match rescued {
        None => return ExitCode::SUCCESS,
        Some(Ok(path)) => (
            crate::i18n::fill(&s.tui.rescued_to, &[("path", &path.display().to_string())]),
            ExitCode::SUCCESS,
        ),
        Some(Err(Tried(tried))) => {
            let tried: Vec<String> = tried.iter().map(|(_, e)| e.brief(s)).collect();
            (
                crate::i18n::fill(&s.tui.rescue_failed, &[("tried", &places(&tried))]),
                ExitCode::from(2),
            )
        }
        Some(Err(Lost)) => {
            let tried = app
                .stranded
                .as_ref()
                .map(|st| st.tried.clone())
                .unwrap_or_default();
            (
                crate::i18n::fill(&s.leaving.lost, &[("tried", &places(&tried))]),
                ExitCode::from(2),
            )
        }
    };
    // A closed terminal has no stderr worth failing for.
    let _ = writeln!(std::io::stderr(), "{}", crate::sanitize::clean(&text));
    code
}
