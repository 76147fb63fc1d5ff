//! The effects `update` asks for, performed against the store. `Io` owns
//! the store and the open session's write handle; it reads the `App` but
//! never changes it: each result goes back to `update` as a message.

use super::app::App;
use super::update::{Effect, Msg, SessionStats};
use crate::error::Result;
use crate::notes::{Session, Store, WriteHandle};

/// Where the save-a-copy prompt suggests writing: a folder in the home
/// directory, since the data folder is the one that just failed.
pub fn copy_suggestion() -> String {
    std::env::var_os("HOME")
        .map(|h| {
            std::path::Path::new(&h)
                .join("gehoor-copies")
                .display()
                .to_string()
        })
        .unwrap_or_default()
}

fn expand_home(dir: &str) -> std::path::PathBuf {
    match (dir.strip_prefix("~/"), std::env::var_os("HOME")) {
        (Some(rest), Some(home)) => std::path::Path::new(&home).join(rest),
        _ => std::path::PathBuf::from(dir),
    }
}

/// Where text the data folder refuses may go on quit, after the copy
/// folder: the home folder and the temp dir. None by default, so a test
/// never writes into the real ones; `tui::run` takes them from the
/// environment.
#[derive(Debug, Clone, Default)]
pub struct RescuePlaces {
    pub home: Option<std::path::PathBuf>,
    pub temp: Option<std::path::PathBuf>,
}

impl RescuePlaces {
    pub fn from_env() -> RescuePlaces {
        RescuePlaces {
            home: std::env::var_os("HOME").map(std::path::PathBuf::from),
            temp: Some(std::env::temp_dir()),
        }
    }
}

pub struct Io {
    store: Store,
    rescue_places: RescuePlaces,
    /// The writer's lock and file of the session being interviewed.
    handle: Option<WriteHandle>,
    /// Query vectors computed on worker threads, for `embedded`.
    embedded: (std::sync::mpsc::Sender<Msg>, std::sync::mpsc::Receiver<Msg>),
}

impl Io {
    pub fn new(store: Store) -> Io {
        Io {
            store,
            rescue_places: RescuePlaces::default(),
            handle: None,
            embedded: std::sync::mpsc::channel(),
        }
    }

    pub fn with_rescue_places(mut self, places: RescuePlaces) -> Io {
        self.rescue_places = places;
        self
    }

    /// Write the open session's unsaved text into the first place that
    /// takes it: the copy folder, the home folder, the temp dir. `None`
    /// when nothing is unsaved.
    pub fn rescue(&self, app: &App) -> Option<crate::notes::rescue::Rescued> {
        let st = app
            .interview()
            .filter(|st| !st.read_only && st.autosave.pending())?;
        let copy = (!app.copy_suggestion.is_empty()).then(|| expand_home(&app.copy_suggestion));
        Some(crate::notes::rescue::rescue(
            self.store.codec(),
            &st.session,
            copy.as_deref(),
            self.rescue_places.home.as_deref(),
            self.rescue_places.temp.as_deref(),
        ))
    }

    /// A query vector a worker thread finished, if any.
    pub fn embedded(&self) -> Option<Msg> {
        self.embedded.1.try_recv().ok()
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    /// Perform one effect; `Quit` and `Suspend` belong to the runtime.
    pub fn perform(&mut self, app: &App, effect: Effect) -> Option<Msg> {
        match effect {
            Effect::Quit | Effect::Suspend => None,
            Effect::EmbedQuery { query, text } => {
                let tx = self.embedded.0.clone();
                std::thread::spawn(move || {
                    let vector = crate::search::dense::model().query(&text);
                    let _ = tx.send(Msg::QueryEmbedded { query, vector });
                });
                None
            }
            Effect::Release => {
                self.handle = None;
                None
            }
            Effect::Save => Some(Msg::Saved(self.save(app)?)),
            Effect::Rescue => Some(Msg::Rescued(self.rescue(app)?)),
            Effect::WriteDraft => {
                if let (Some(st), Some(h)) = (app.interview(), self.handle.as_ref()) {
                    // A folder that refuses the draft refuses the save too,
                    // and that error is the one shown.
                    let _ = h.write_draft(&st.session);
                }
                None
            }
            Effect::Create(session) => Some(Msg::Created(self.create(*session))),
            Effect::Load { id, review } => Some(Msg::Loaded {
                result: self
                    .store
                    .resolve(&id)
                    .and_then(|uuid| self.store.open_read_only(uuid)),
                review,
            }),
            Effect::Lock { id } => Some(Msg::Locked(match self.store.open_for_write(id) {
                Ok((session, h)) => {
                    let draft = h.recoverable(&session);
                    self.handle = Some(h);
                    Ok((session, draft))
                }
                Err(e) => Err((e, self.store.open_read_only(id).ok())),
            })),
            Effect::ListSessions => Some(Msg::Listed(self.list(app))),
            Effect::Review { id, change, by, at } => Some(Msg::Reviewed {
                result: self
                    .store
                    .add_review(id, |session| change.apply(session, &by, &at)),
                change,
            }),
            Effect::SaveCopy { dir } => {
                let st = app.interview()?;
                Some(Msg::Copied(
                    self.store.write_copy(&expand_home(&dir), &st.session),
                ))
            }
            Effect::Reopen { id, by, reason, at } => {
                Some(Msg::Reopened(self.reopen(id, &by, &reason, &at)))
            }
            Effect::DiscardDraft => Some(Msg::DraftDiscarded(
                self.handle.as_ref().map_or(Ok(()), |h| h.clear_draft()),
            )),
        }
    }

    /// Reopen a submitted session: the writer's lock, the recorded status
    /// change, the write the store allows for it.
    fn reopen(
        &mut self,
        id: uuid::Uuid,
        by: &str,
        reason: &str,
        at: &jiff::Zoned,
    ) -> Result<Session> {
        let (mut session, mut h) = match self.handle.take() {
            Some(h) => (crate::notes::store::load(h.path())?, h),
            None => self.store.open_for_write(id)?,
        };
        let result = session
            .reopen(by, reason, at)
            .and_then(|()| h.save_merged(&mut session));
        self.handle = Some(h);
        result.map(|()| session)
    }

    /// Create a session file (before the first answer, so a crash never
    /// loses a session that was started) and keep its write handle.
    pub fn create(&mut self, session: Session) -> Result<Session> {
        self.handle = Some(self.store.create(&session)?);
        Ok(session)
    }

    /// The open session merged with the file on disk (a reviewer may have
    /// written comments), as saved; `None` when nothing is open for writing.
    fn save(&mut self, app: &App) -> Option<Result<Session>> {
        let st = app.interview().filter(|st| !st.read_only)?;
        let h = self.handle.as_mut()?;
        let mut session = st.session.clone();
        Some(h.save_merged(&mut session).map(|()| {
            // The session file now holds everything the draft did.
            let _ = h.clear_draft();
            session
        }))
    }

    pub fn list(&self, app: &App) -> Result<(Vec<crate::notes::ListEntry>, SessionStats)> {
        let list = self.store.list()?;
        let mut stats = SessionStats::new();
        for entry in &list {
            if let crate::notes::ListEntry::Session(summary) = entry
                && let Ok(session) = self.store.open_read_only(summary.id)
            {
                let rows = crate::interview::rows(&app.data.catalog, &session);
                let progress = crate::interview::progress(&app.data.catalog, &session, &rows);
                stats.insert(summary.id, progress);
            }
        }
        Ok((list, stats))
    }
}
