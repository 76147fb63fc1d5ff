//! The application state. `update` (in `update/`) changes it without I/O;
//! views only read it.

use std::sync::Arc;
use std::time::Instant;

use ratatui::layout::Rect;
use ratatui_textarea::TextArea;

use super::editor::Editor;
use super::theme::Palette;
use crate::corpus::Corpus;
use crate::i18n::{Lang, Strings};
use crate::interview::{Progress, Row};
use crate::notes::{ListEntry, Session};
use crate::questionnaire::Catalog;
use crate::search::Index;

/// Everything loaded at start that screens read but never change.
pub struct Data {
    pub catalog: Catalog,
    pub corpus: Corpus,
    pub glossary: crate::search::Glossary,
    /// Rendered diagnostics when the questionnaires have errors; no interview
    /// starts then.
    pub invalid: Option<String>,
    pub user_name: String,
    /// `keep_cited_text` from the config: cited passages keep their text.
    pub keep_cited_text: bool,
    /// What the configuration allows (self-approval).
    pub policy: crate::notes::Policy,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HomeItem {
    New,
    Review,
    Quit,
}

impl HomeItem {
    pub const ALL: [HomeItem; 3] = [HomeItem::New, HomeItem::Review, HomeItem::Quit];
}

/// A single-line input built on the same editor as notes. Stored text shown
/// in it is cleaned first: the editor draws whatever it holds.
pub fn line_input(text: &str) -> TextArea<'static> {
    let mut t = TextArea::new(vec![crate::sanitize::clean_line(text)]);
    t.move_cursor(ratatui_textarea::CursorMove::End);
    t
}

pub fn input_text(t: &TextArea<'_>) -> String {
    t.lines().join("\n")
}

pub struct HomeState {
    pub menu: usize,
    /// Index into the filtered session list when the list has focus.
    pub list: Option<usize>,
    pub filter: TextArea<'static>,
    pub filtering: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormField {
    CaseRef,
    Interviewer,
    Filter,
    Topics,
}

/// One line of the topic picker: a profile (selects its topics) or a topic.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PickItem {
    Profile(usize),
    Topic(usize),
}

pub struct FormState {
    pub case_ref: TextArea<'static>,
    pub interviewer: TextArea<'static>,
    pub filter: TextArea<'static>,
    pub field: FormField,
    pub cursor: usize,
    /// Questionnaire indices, in the order picked.
    pub picked: Vec<usize>,
    pub error: Option<String>,
    /// The case reference a warning was shown for: Enter again creates.
    pub warned: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    Tree,
    Question,
    Sources,
}

/// A passage shown in the source pane or a search result.
#[derive(Debug, Clone, PartialEq)]
pub struct SourceItem {
    pub reference: String,
    /// "document · 1.1.3 Title".
    pub heading: crate::sanitize::Clean,
    pub text: crate::sanitize::Clean,
    pub footnotes: Vec<crate::sanitize::Clean>,
    /// Cited by the question itself (rather than found by the index).
    pub explicit: bool,
    /// Cited in the current answer (shown first).
    pub cited: bool,
    /// Byte ranges of matched words in `text`.
    pub highlights: Vec<std::ops::Range<usize>>,
}

pub struct InterviewState {
    pub session: Session,
    pub read_only: bool,
    pub review: bool,
    pub rows: Vec<Row>,
    pub progress: Progress,
    pub cursor: usize,
    /// The first tree row on screen; moves only as far as the cursor needs.
    pub tree_offset: usize,
    pub focus: Pane,
    pub editor: Option<Editor>,
    pub show_guidance: bool,
    pub show_russian: bool,
    pub sources: Vec<SourceItem>,
    pub glossary: Vec<String>,
    pub source_cursor: usize,
    pub source_scroll: u16,
    /// Unsaved changes and when the next save may run.
    pub autosave: crate::notes::Autosave,
    pub saved_at: Option<Instant>,
    pub save_error: Option<String>,
    /// Questionnaires changed since the session started (shown as a notice).
    pub changed_questionnaires: Vec<String>,
}

pub struct SessionsState {
    pub cursor: usize,
    pub filter: TextArea<'static>,
    pub filtering: bool,
    pub sort: SortKey,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortKey {
    Updated,
    Case,
    Status,
    Interviewer,
}

pub enum Screen {
    Home(HomeState),
    NewInterview(Box<FormState>),
    Interview(Box<InterviewState>),
    Sessions(SessionsState),
}

pub struct SearchState {
    pub input: TextArea<'static>,
    pub results: Vec<SourceItem>,
    pub glossary: Vec<String>,
    pub cursor: usize,
    /// When the query last changed: it is embedded after a pause in typing.
    pub typed_at: Option<std::time::Instant>,
    /// The query being embedded off the UI thread, and the last result.
    pub embedding: Option<String>,
    pub vector: Option<(String, Vec<f32>)>,
}

pub struct JumpState {
    pub input: TextArea<'static>,
    /// Row indices, best match first.
    pub results: Vec<usize>,
    pub cursor: usize,
}

pub struct TextPrompt {
    pub purpose: PromptPurpose,
    pub input: TextArea<'static>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PromptPurpose {
    Comment {
        target: Option<String>,
    },
    ReturnReason,
    /// A folder for a copy of the session, when the data folder fails.
    SaveCopy,
    /// Why a submitted session is reopened.
    ReopenReason,
    /// Where an amendment of `key` comes from; the text is asked next.
    AmendSource {
        key: String,
    },
    AmendText {
        key: String,
        source: String,
    },
}

/// What a confirmation window does on Enter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Confirm {
    Approve,
    /// Submit although these required questions have only a status.
    Submit,
}

pub enum Overlay {
    Help {
        scroll: u16,
    },
    Search(SearchState),
    Jump(JumpState),
    Passage {
        item: SourceItem,
        scroll: u16,
    },
    Submit {
        /// "key: question" of each open required question.
        missing: Vec<String>,
        /// The one Enter jumps to.
        cursor: usize,
        /// Required questions answered only with a status (declined, …).
        status_only: Vec<String>,
    },
    /// A yes/no question: Enter confirms, Esc cancels.
    Confirm {
        what: Confirm,
        text: String,
    },
    Prompt(TextPrompt),
    Timeline {
        lines: Vec<String>,
        /// The answer each line is about, if any: Enter goes there.
        keys: Vec<Option<String>>,
        cursor: usize,
    },
    Message(String),
    /// A draft left by a killed instance holds work the session file lacks
    /// (the open session, until the interviewer restores it).
    Recover {
        draft: Box<Session>,
    },
    /// Quitting found no place that would take the text: `App::stranded`.
    Stranded,
}

/// A quit with text the data folder, the copy folder, the home folder and
/// the temp dir all refused: the program stays open until told.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stranded {
    /// Each place tried, with the system's reason, the data folder first.
    pub tried: Vec<String>,
    /// Losing the text was asked for once; the next ask leaves.
    pub lose_armed: bool,
}

/// How a quit left, when it was not an ordinary one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The data folder refused the text, and this file holds it.
    Rescued(std::path::PathBuf),
    /// The user chose to quit and lose what was not saved.
    Lost,
}

pub struct App {
    pub lang: Lang,
    pub palette: Palette,
    pub data: Arc<Data>,
    pub index: Option<Arc<Index>>,
    /// Passages embedded so far and in all, while a corpus folder's vectors
    /// are computed; searches are lexical until then and say so.
    pub embedding: Option<(usize, usize)>,
    pub sessions: Vec<ListEntry>,
    /// Progress per session for the supervisor's table, computed on load.
    pub stats: std::collections::HashMap<uuid::Uuid, Progress>,
    pub screen: Screen,
    pub overlay: Option<Overlay>,
    pub status: Option<String>,
    /// Where the last frame put each pane, for clicks and scrolling.
    pub layout: FrameLayout,
    /// The time of the last tick: the runtime passes it in, nothing here
    /// reads a clock.
    pub now: Instant,
    pub clock: jiff::Zoned,
    /// Prefilled in the save-a-copy prompt (the runtime knows the home folder).
    pub copy_suggestion: String,
    /// A quit is waiting for its save to succeed.
    pub quitting: bool,
    /// A save failed on quit and the user was told: the next quit leaves.
    pub quit_armed: bool,
    /// Leaving the interview is waiting for its save.
    pub closing: bool,
    /// Where the sessions table was when a session was opened from it.
    pub table_cursor: usize,
    /// Move to the next question after an answer is confirmed (config
    /// `advance`).
    pub advance: bool,
    /// A quit found nowhere to put the text (see `Stranded`).
    pub stranded: Option<Stranded>,
    /// Set when a quit left otherwise than with everything saved.
    pub outcome: Option<Outcome>,
}

/// The panes of the last frame drawn (empty before the first).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FrameLayout {
    pub tree: Rect,
    pub question: Rect,
    pub sources: Rect,
    /// The tree row drawn first. It can be past `tree_offset`: the list
    /// scrolls further to show a wrapped selected row whole.
    pub tree_first: usize,
    /// The row that was selected, and the lines it took: the selected row
    /// wraps, every other row takes one line.
    pub tree_selected: usize,
    pub tree_selected_lines: u16,
}

impl FrameLayout {
    /// The tree row drawn at screen line `y` (inside the tree's border).
    /// When the frame was drawn with another row selected than `cursor`
    /// (keys arrived since), every row is taken to be one line from `offset`.
    pub fn tree_row_at(&self, y: u16, cursor: usize, offset: usize) -> Option<usize> {
        let inner_top = self.tree.y + 1;
        if y < inner_top || y + 1 >= self.tree.y + self.tree.height {
            return None;
        }
        let mut line = (y - inner_top) as usize;
        let (first, tall) = if cursor == self.tree_selected && self.tree_selected_lines > 0 {
            (self.tree_first, self.tree_selected_lines as usize)
        } else {
            return Some(offset + line);
        };
        let mut row = first;
        loop {
            let h = if row == self.tree_selected { tall } else { 1 };
            if line < h {
                return Some(row);
            }
            line -= h;
            row += 1;
        }
    }
}

impl App {
    pub fn new(lang: Lang, palette: Palette, data: Arc<Data>) -> App {
        App {
            lang,
            palette,
            data,
            index: None,
            embedding: None,
            sessions: Vec::new(),
            stats: std::collections::HashMap::new(),
            screen: Screen::Home(HomeState {
                menu: 0,
                list: None,
                filter: line_input(""),
                filtering: false,
            }),
            overlay: None,
            status: None,
            layout: FrameLayout::default(),
            now: Instant::now(),
            clock: crate::notes::now(),
            copy_suggestion: String::new(),
            quitting: false,
            quit_armed: false,
            closing: false,
            table_cursor: 0,
            advance: true,
            stranded: None,
            outcome: None,
        }
    }

    pub fn with_advance(mut self, advance: bool) -> App {
        self.advance = advance;
        self
    }

    pub fn with_copy_suggestion(mut self, dir: String) -> App {
        self.copy_suggestion = dir;
        self
    }

    pub fn strings(&self) -> &'static Strings {
        Strings::get(self.lang)
    }

    pub fn interview(&self) -> Option<&InterviewState> {
        match &self.screen {
            Screen::Interview(i) => Some(i),
            _ => None,
        }
    }

    pub fn interview_mut(&mut self) -> Option<&mut InterviewState> {
        match &mut self.screen {
            Screen::Interview(i) => Some(i),
            _ => None,
        }
    }
}
