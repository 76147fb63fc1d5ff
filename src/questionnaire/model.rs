//! The questionnaire model as the rest of the program sees it: plain data,
//! already validated by the loader. Byte spans stay attached so `check` can
//! point at the exact place in the file.

use std::collections::HashMap;
use std::ops::Range;
use std::path::PathBuf;

use super::expr::Expr;
use super::value::DatePrecision;
use crate::i18n::Lang;

/// Everything loaded from one questionnaire folder.
#[derive(Debug, Clone, Default)]
pub struct Catalog {
    pub questionnaires: Vec<Questionnaire>,
    pub profiles: Vec<Profile>,
}

impl Catalog {
    pub fn questionnaire(&self, id: &str) -> Option<&Questionnaire> {
        self.questionnaires.iter().find(|q| q.id == id)
    }

    pub fn profile(&self, id: &str) -> Option<&Profile> {
        self.profiles.iter().find(|p| p.id == id)
    }

    /// A question by its full id `<questionnaire>.<question>`.
    pub fn question(&self, full_id: &str) -> Option<(&Questionnaire, &Question)> {
        let id = super::FullId::split(full_id)?;
        let questionnaire = self.questionnaire(id.questionnaire)?;
        questionnaire
            .question(id.local)
            .map(|question| (questionnaire, question))
    }
}

/// A text in Dutch and English, with an optional Russian version for
/// reading out through an interpreter.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Text {
    pub nl: String,
    pub en: String,
    pub ru: Option<String>,
}

impl Text {
    /// The text in `lang`, or in the other language when that one is empty.
    pub fn get(&self, lang: Lang) -> &str {
        let (want, other) = match lang {
            Lang::Nl => (&self.nl, &self.en),
            Lang::En => (&self.en, &self.nl),
        };
        if want.is_empty() { other } else { want }
    }

    pub fn is_empty(&self) -> bool {
        self.nl.is_empty() && self.en.is_empty()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Topic {
    Military,
    Lgbtiq,
    Critics,
    Identity,
}

impl Topic {
    pub const ALL: [Topic; 4] = [
        Topic::Military,
        Topic::Lgbtiq,
        Topic::Critics,
        Topic::Identity,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Topic::Military => "military",
            Topic::Lgbtiq => "lgbtiq",
            Topic::Critics => "critics",
            Topic::Identity => "identity",
        }
    }

    pub fn parse(s: &str) -> Option<Topic> {
        Topic::ALL.into_iter().find(|t| t.name() == s)
    }
}

#[derive(Debug, Clone)]
pub struct Questionnaire {
    pub id: String,
    pub version: u32,
    pub topic: Topic,
    /// Position in pickers, lower first; files without one sort last.
    pub order: Option<i64>,
    pub title: Text,
    pub description: Text,
    pub sources: Vec<String>,
    /// `YYYY-MM`: the end of the reporting period of the report the
    /// questionnaire rests on; guidance is true as of that month.
    pub as_of: Option<String>,
    pub sections: Vec<Section>,
    pub groups: Vec<Group>,
    pub questions: Vec<Question>,
    /// sha256 of the file text, lowercase hex: sessions record it so a later
    /// edit of the file is noticed.
    pub content_hash: String,
    /// The path diagnostics and the UI show.
    pub path: PathBuf,
    pub spans: QuestionnaireSpans,
    /// Question id → position in `questions`: every lookup by id is O(1),
    /// so checking a 100,000-question file stays linear.
    pub(crate) index: HashMap<String, usize>,
}

impl Questionnaire {
    pub fn question(&self, id: &str) -> Option<&Question> {
        self.position(id).map(|i| &self.questions[i])
    }

    /// Where question `id` is in `questions`.
    pub fn position(&self, id: &str) -> Option<usize> {
        self.index.get(id).copied()
    }

    pub fn group(&self, id: &str) -> Option<&Group> {
        self.groups.iter().find(|g| g.id == id)
    }

    pub fn section(&self, id: &str) -> Option<&Section> {
        self.sections.iter().find(|s| s.id == id)
    }

    /// The question that now answers for `old_id` (itself or via `renamed_from`).
    pub fn resolve_renamed(&self, old_id: &str) -> Option<&Question> {
        self.question(old_id).or_else(|| {
            self.questions
                .iter()
                .find(|q| q.renamed_from.iter().any(|r| r == old_id))
        })
    }
}

/// Where parts of the questionnaire header sit in the file.
#[derive(Debug, Clone, Default)]
pub struct QuestionnaireSpans {
    pub id: Range<usize>,
    pub as_of: Range<usize>,
    pub sources: Vec<Range<usize>>,
}

#[derive(Debug, Clone, Default)]
pub struct Section {
    pub id: String,
    pub title: Text,
    pub span: Range<usize>,
}

/// A repeat group: its questions are asked once per event.
#[derive(Debug, Clone, Default)]
pub struct Group {
    pub id: String,
    /// The instance label: "Summons 1", "Summons 2".
    pub title: Text,
    pub show_if: Option<Expr>,
    pub span: Range<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Required {
    #[default]
    Ask,
    Must,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Choice {
    pub value: String,
    pub label: Text,
    pub span: Range<usize>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub enum Kind {
    #[default]
    YesNo,
    SingleChoice {
        choices: Vec<Choice>,
    },
    MultiChoice {
        choices: Vec<Choice>,
    },
    Date {
        /// The finest precision asked; coarser and approximate dates are
        /// always accepted.
        precision: DatePrecision,
    },
    Number {
        min: Option<f64>,
        max: Option<f64>,
        unit: Option<Text>,
    },
    ShortText,
    LongText,
}

impl Kind {
    pub const NAMES: [&'static str; 7] = [
        "yes_no",
        "single_choice",
        "multi_choice",
        "date",
        "number",
        "short_text",
        "long_text",
    ];

    pub fn name(&self) -> &'static str {
        match self {
            Kind::YesNo => "yes_no",
            Kind::SingleChoice { .. } => "single_choice",
            Kind::MultiChoice { .. } => "multi_choice",
            Kind::Date { .. } => "date",
            Kind::Number { .. } => "number",
            Kind::ShortText => "short_text",
            Kind::LongText => "long_text",
        }
    }

    /// The choices of a choice question; empty for every other kind.
    pub fn choices(&self) -> &[Choice] {
        match self {
            Kind::SingleChoice { choices } | Kind::MultiChoice { choices } => choices,
            _ => &[],
        }
    }

    pub fn is_text(&self) -> bool {
        matches!(self, Kind::ShortText | Kind::LongText)
    }
}

#[derive(Debug, Clone, Default)]
pub struct Question {
    pub id: String,
    pub kind: Kind,
    pub text: Text,
    pub hint: Text,
    pub guidance: Text,
    pub sources: Vec<String>,
    pub keywords: Vec<String>,
    pub required: Required,
    pub show_if: Option<Expr>,
    /// Derived from another answer instead of asked (see `computed`).
    pub computed: Option<super::computed::Computed>,
    pub renamed_from: Vec<String>,
    pub retired: bool,
    pub section: Option<String>,
    pub group: Option<String>,
    pub spans: QuestionSpans,
}

impl Question {
    /// `<questionnaire id>.<question id>`: the key sessions store answers under.
    pub fn full_id(&self, questionnaire_id: &str) -> String {
        format!("{questionnaire_id}.{}", self.id)
    }
}

/// Where parts of a question sit in its file.
#[derive(Debug, Clone, Default)]
pub struct QuestionSpans {
    /// The `id = "..."` value.
    pub id: Range<usize>,
    pub required: Range<usize>,
    pub sources: Vec<Range<usize>>,
    pub renamed_from: Vec<Range<usize>>,
}

/// A bundle of questionnaires for a common kind of case.
#[derive(Debug, Clone, Default)]
pub struct Profile {
    pub id: String,
    pub title: Text,
    pub description: Text,
    /// Questionnaire ids, in interview order.
    pub topics: Vec<String>,
    pub path: PathBuf,
    pub span: Range<usize>,
    pub topic_spans: Vec<Range<usize>>,
}
