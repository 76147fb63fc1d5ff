//! The terminal interface (Elm architecture): `Msg` → `update(&mut App)` →
//! `Effect`; views borrow `&App`. `run` below and `effects` are the only TUI
//! code doing I/O: the loop reads events and draws, `effects` performs what
//! `update` asked for through the store.

pub mod action;
pub mod app;
pub mod editor;
mod effects;
pub mod filter;
pub mod keymap;
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
use std::time::{Duration, Instant};

use ratatui::crossterm::event::{self, Event, KeyEventKind, MouseEventKind};

use crate::cli::Ctx;
use crate::error::{Error, IoOp, Result};
use crate::notes::{Session, Store, WriteHandle};
use app::{App, Data, Screen};
use effects::{copy_suggestion, load_sessions, perform, save, write_draft};
use update::{Effect, Msg, update};

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
pub fn load_data(ctx: &Ctx) -> Result<Data> {
    let corpus = crate::assets::FileSet::corpus(ctx.settings.corpus.as_deref())?;
    let questionnaires =
        crate::assets::FileSet::questionnaires(ctx.settings.questionnaires.as_deref())?;
    Data::from_files(
        &corpus,
        &questionnaires,
        ctx.settings.lang,
        // The config's name, else the login name: prefilled as interviewer
        // and used as a reviewer's comment author.
        ctx.settings
            .name
            .clone()
            .or_else(|| std::env::var("USER").ok())
            .unwrap_or_default(),
    )
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
        })
    }
}

/// The message a key press becomes in the current focus: a bound action,
/// or input for whatever has focus. Tests script keys through this too.
pub fn key_msg(app: &App, key: ratatui::crossterm::event::KeyEvent) -> Msg {
    match keymap::lookup(update::mode(app), key) {
        Some(a) => Msg::Act(a),
        None => Msg::Input(key),
    }
}

pub fn run_home(ctx: &Ctx) -> Result<ExitCode> {
    let data = load_data(ctx)?;
    run(ctx, data, Start::Home)
}

fn spawn_index(data: &Arc<Data>) -> mpsc::Receiver<Arc<crate::search::Index>> {
    let (tx, rx) = mpsc::channel();
    let data = data.clone();
    std::thread::spawn(move || {
        let index =
            crate::search::Index::build(crate::search::passages_from(&data.corpus), &data.glossary);
        let _ = tx.send(Arc::new(index));
    });
    rx
}

pub fn run(ctx: &Ctx, data: Data, start: Start) -> Result<ExitCode> {
    // Before the screen switches: the passphrase is asked on the terminal.
    let store = ctx.store()?;
    let data = Arc::new(data);
    let index_rx = spawn_index(&data);
    let term_flag = crate::notes::install_signal_flags()?;
    let palette = theme::Palette::from_env(ctx.settings.theme);
    let mut app = App::new(ctx.settings.lang, palette, data);
    app.copy_suggestion = copy_suggestion();
    let mut handle: Option<WriteHandle> = None;
    load_sessions(&mut app, &store);
    if let Some(path) = store.warn_if_shared() {
        let path = path.display().to_string();
        app.status = Some(crate::i18n::fill(
            &app.strings().cli.data_dir_readable_by_others,
            &[("path", &path)],
        ));
    }
    match start {
        Start::Home => {}
        Start::Create(session) => {
            let h = store.create(&session)?;
            handle = Some(h);
            update::open_interview(&mut app, *session, false, false);
        }
        Start::Form {
            case_ref,
            interviewer,
            topics,
        } => {
            let picked = topics
                .iter()
                .filter_map(|t| {
                    app.data
                        .catalog
                        .questionnaires
                        .iter()
                        .position(|q| &q.id == t)
                })
                .collect();
            app.screen = Screen::NewInterview(Box::new(app::FormState {
                case_ref: app::line_input(&case_ref),
                interviewer: app::line_input(&interviewer),
                filter: app::line_input(""),
                field: if case_ref.is_empty() {
                    app::FormField::CaseRef
                } else {
                    app::FormField::Topics
                },
                cursor: 0,
                picked,
                error: None,
            }));
        }
        Start::Review(None) => {
            app.screen = Screen::Sessions(app::SessionsState {
                cursor: 0,
                filter: app::line_input(""),
                filtering: false,
                sort: app::SortKey::Status,
            });
        }
        Start::Review(Some(query)) => {
            let id = store.resolve(&query)?;
            let session = store.open_read_only(id)?;
            update::open_interview(&mut app, session, true, true);
        }
    }
    let mut guard =
        terminal::TerminalGuard::enter().map_err(|e| Error::io(IoOp::Write, "<terminal>", e))?;
    let leaving = Arc::new(std::sync::atomic::AtomicBool::new(false));
    terminal::spawn_watchdog(term_flag.clone(), leaving.clone());
    let result = event_loop(
        &mut guard.terminal,
        &mut app,
        &store,
        &mut handle,
        &index_rx,
        &term_flag,
    );
    // However the loop ended (a terminal that stopped answering included),
    // what is in an open editor is kept and saved before anything else.
    leaving.store(true, Ordering::Relaxed);
    for effect in leave_editors(&mut app) {
        perform(&mut app, &store, &mut handle, effect);
    }
    save(&mut app, &mut handle);
    drop(guard);
    result.map(|()| ExitCode::SUCCESS)
}

fn event_loop(
    terminal: &mut ratatui::DefaultTerminal,
    app: &mut App,
    store: &Store,
    handle: &mut Option<WriteHandle>,
    index_rx: &mpsc::Receiver<Arc<crate::search::Index>>,
    term_flag: &Arc<std::sync::atomic::AtomicBool>,
) -> Result<()> {
    let io = |e| Error::io(IoOp::Write, "<terminal>", e);
    let mut quit_armed = false;
    let mut drained = true;
    loop {
        app.now = Instant::now();
        if let Ok(index) = index_rx.try_recv() {
            update(app, Msg::IndexReady(index));
        }
        if term_flag.load(Ordering::Relaxed) {
            // SIGTERM, SIGHUP or a closed terminal: `run` keeps what is in
            // any open editor, saves, and leaves.
            return Ok(());
        }
        let size = terminal.size().map_err(io)?;
        app.viewport = ratatui::layout::Rect::new(0, 0, size.width, size.height);
        terminal.draw(|f| view::render(app, f)).map_err(io)?;
        // The loop waits on the terminal itself and asks crossterm only when
        // the terminal is still there (see `terminal::wait_for_input`).
        // After an event crossterm may hold more from the same read, so the
        // next round does not wait.
        let wait = if drained {
            Duration::from_millis(250)
        } else {
            Duration::ZERO
        };
        let ready = match terminal::wait_for_input(wait) {
            terminal::Readiness::HungUp => return Ok(()),
            terminal::Readiness::Input => event::poll(Duration::ZERO).map_err(io)?,
            terminal::Readiness::Idle => !drained && event::poll(Duration::ZERO).map_err(io)?,
            terminal::Readiness::NotATty => event::poll(wait).map_err(io)?,
        };
        drained = !ready;
        let msg = if ready {
            match event::read().map_err(io)? {
                Event::Key(k) if k.kind != KeyEventKind::Release => Some(key_msg(app, k)),
                Event::Paste(text) => Some(Msg::Paste(text)),
                Event::Mouse(m) => match m.kind {
                    MouseEventKind::Down(_) => Some(Msg::Click {
                        col: m.column,
                        row: m.row,
                    }),
                    MouseEventKind::ScrollDown => Some(Msg::Scroll { down: true }),
                    MouseEventKind::ScrollUp => Some(Msg::Scroll { down: false }),
                    _ => None,
                },
                _ => None,
            }
        } else {
            None
        };
        let mut effects = Vec::new();
        if let Some(msg) = msg {
            if matches!(
                msg,
                Msg::Act(action::Action::Quit | action::Action::Suspend)
            ) {
                effects.extend(leave_editors(app));
            }
            effects.extend(update(app, msg));
        }
        effects.extend(update(app, Msg::Tick(Instant::now())));
        for effect in effects {
            match effect {
                Effect::Quit => {
                    if save(app, handle) || quit_armed {
                        return Ok(());
                    }
                    // The save failed: say so, and quit only when asked again.
                    quit_armed = true;
                    app.overlay = Some(app::Overlay::Message(
                        app.strings().tui.quit_unsaved.clone(),
                    ));
                }
                Effect::Save => {
                    save(app, handle);
                }
                Effect::Suspend => {
                    save(app, handle);
                    terminal::suspend(terminal).map_err(io)?;
                }
                other => perform(app, store, handle, other),
            }
        }
        write_draft(app, handle);
    }
}

/// Leave every open editor the way Esc does, so what was being typed is
/// kept before a final save.
fn leave_editors(app: &mut App) -> Vec<Effect> {
    let mut effects = Vec::new();
    for _ in 0..4 {
        if update::mode(app) != keymap::Mode::Editor {
            break;
        }
        effects.extend(update(app, Msg::Act(action::Action::Back)));
    }
    effects
}
