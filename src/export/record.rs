//! The interview record as data, built once from a session and rendered
//! three ways (Markdown, HTML, JSON). Everything a renderer shows is
//! decided here: the order, the words, the local times; renderers only
//! escape and lay out. Free text is already cleaned (`sanitize::clean`).

use super::words::Stamp;

#[derive(Debug, Clone)]
pub struct Record {
    pub header: Header,
    /// Topics in the session's order.
    pub topics: Vec<TopicBlock>,
    /// Answers the interview no longer shows: hidden or removed questions,
    /// removed repeat instances.
    pub kept: Vec<Item>,
    /// What changed since the version that was returned or reopened.
    pub changes: Option<Changes>,
    pub comments: Vec<CommentLine>,
    pub history: Vec<HistoryLine>,
}

#[derive(Debug, Clone)]
pub struct Header {
    pub case_ref: String,
    pub session_id: String,
    pub interviewer: String,
    pub lang_code: &'static str,
    pub lang: String,
    pub status_code: &'static str,
    pub status: String,
    pub profile: Option<Named>,
    pub topics: Vec<Named>,
    pub questionnaires: Vec<QuestionnaireLine>,
    pub created: Stamp,
    pub updated: Stamp,
    /// The latest submission and approval, when there is one.
    pub submitted: Option<Stamp>,
    pub approved: Option<Stamp>,
    pub note: String,
    pub progress: ProgressLine,
}

#[derive(Debug, Clone)]
pub struct Named {
    pub id: String,
    pub title: String,
}

#[derive(Debug, Clone)]
pub struct QuestionnaireLine {
    pub id: String,
    pub title: String,
    pub version: u32,
    pub hash: String,
    /// The file on this machine differs from the one the session used.
    pub changed: bool,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ProgressLine {
    pub answered: usize,
    pub status_only: usize,
    pub open_required: usize,
    pub flagged: usize,
}

impl ProgressLine {
    /// The counts filled into the record's progress template, as every
    /// format writes them.
    pub fn sentence(&self, template: &str) -> String {
        crate::i18n::fill(
            template,
            &[
                ("answered", &self.answered.to_string()),
                ("status_only", &self.status_only.to_string()),
                ("open", &self.open_required.to_string()),
                ("flagged", &self.flagged.to_string()),
            ],
        )
    }
}

#[derive(Debug, Clone)]
pub struct TopicBlock {
    pub named: Named,
    pub sections: Vec<SectionBlock>,
}

/// A run of questions under one section heading (`None`: questions that
/// belong to no section).
#[derive(Debug, Clone)]
pub struct SectionBlock {
    pub named: Option<Named>,
    pub parts: Vec<Part>,
}

#[derive(Debug, Clone)]
pub enum Part {
    Question(Box<Item>),
    Group(GroupBlock),
}

#[derive(Debug, Clone)]
pub struct GroupBlock {
    pub id: String,
    pub title: String,
    pub instances: Vec<InstanceBlock>,
}

#[derive(Debug, Clone)]
pub struct InstanceBlock {
    pub n: u32,
    /// "Oproep 1".
    pub heading: String,
    pub items: Vec<Item>,
}

/// Where an item sits in the record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    Interview,
    Hidden,
    Removed,
    RemovedInstance,
}

impl Place {
    pub fn code(self) -> &'static str {
        match self {
            Place::Interview => "interview",
            Place::Hidden => "hidden",
            Place::Removed => "removed",
            Place::RemovedInstance => "removed_instance",
        }
    }
}

/// One question of the record, answered or not.
#[derive(Debug, Clone)]
pub struct Item {
    pub key: String,
    pub questionnaire: String,
    pub question: String,
    pub instance: Option<usize>,
    /// The question in the session's language; the key when unknown.
    pub text: String,
    pub known: bool,
    pub kind: Option<&'static str>,
    pub required: bool,
    pub place: Place,
    /// Why a kept answer is kept, written out ("repeat removed on …").
    pub kept_why: Option<String>,
    pub answer: Option<AnswerView>,
    /// A computed question's value, derived from another answer.
    pub derived: Option<super::derived::DerivedView>,
    pub comments: Vec<CommentLine>,
}

impl Item {
    /// A required question without a real answer or a status.
    pub fn is_open_required(&self) -> bool {
        self.required && self.answer.as_ref().is_none_or(|a| !a.is_given())
    }
}

#[derive(Debug, Clone)]
pub struct ValueView {
    /// The stored value as JSON (`{ "type": …, "value": … }`).
    pub code: serde_json::Value,
    /// As the interviewer saw it.
    pub text: String,
    /// Labels beside choice codes.
    pub labels: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct AnswerView {
    pub value: Option<ValueView>,
    pub status_code: &'static str,
    pub status: String,
    /// A status other than answered (declined, unclear, …).
    pub status_only: bool,
    pub note: String,
    pub flagged: bool,
    pub cited: Vec<Citation>,
    pub given: Option<Stamp>,
    pub updated: Stamp,
    pub amendments: Vec<AmendmentView>,
    /// The answer differs from the version that was returned or reopened.
    pub changed: Option<ChangedView>,
}

impl AnswerView {
    pub fn is_given(&self) -> bool {
        self.value.is_some() || self.status_only || !self.amendments.is_empty()
    }
}

#[derive(Debug, Clone)]
pub struct Citation {
    pub reference: String,
    pub title: Option<String>,
    pub text: Option<String>,
    /// `same`, `changed` or `gone`: the passage now against the hash kept
    /// when it was cited.
    pub state: &'static str,
    /// The mark for a changed or gone passage, in the record's language.
    pub mark: Option<String>,
    /// The text as cited, when the session kept it and it differs now.
    pub as_cited: Option<String>,
}

#[derive(Debug, Clone)]
pub struct AmendmentView {
    pub by: String,
    pub at: Stamp,
    pub source: String,
    pub value: Option<ValueView>,
    pub text: String,
}

/// An answer's earlier version, as a line a person reads.
#[derive(Debug, Clone)]
pub struct ChangedView {
    /// When that version was submitted.
    pub since: Stamp,
    pub before: String,
}

#[derive(Debug, Clone)]
pub struct Changes {
    pub since: Stamp,
    pub lines: Vec<ChangeLine>,
}

#[derive(Debug, Clone)]
pub struct ChangeLine {
    pub key: String,
    pub text: String,
    pub before: String,
    pub after: String,
}

#[derive(Debug, Clone)]
pub struct CommentLine {
    pub id: String,
    pub author: String,
    pub at: Stamp,
    pub target: Option<String>,
    pub text: String,
}

#[derive(Debug, Clone)]
pub struct HistoryLine {
    pub from_code: &'static str,
    pub from: String,
    pub to_code: &'static str,
    pub to: String,
    pub by: String,
    pub at: Stamp,
    pub reason: Option<String>,
}

impl Record {
    /// Every item in record order: the interview, then the kept answers.
    pub fn items(&self) -> impl Iterator<Item = &Item> {
        self.topics
            .iter()
            .flat_map(|t| &t.sections)
            .flat_map(|s| &s.parts)
            .flat_map(|p| match p {
                Part::Question(i) => vec![&**i],
                Part::Group(g) => g
                    .instances
                    .iter()
                    .flat_map(|n| &n.items)
                    .collect::<Vec<&Item>>(),
            })
            .chain(&self.kept)
    }
}
