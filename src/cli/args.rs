//! The command-line contract (DESIGN.md), as clap derive types.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(
    name = "gehoor",
    version,
    about = "Prepare and guide asylum interviews: questions, country-report sources, notes.",
    long_about = "gehoor walks an interviewer through topic-based question sets derived from \
country-of-origin reports, shows the report passages behind each question, and saves \
structured notes on this machine. Without a command it opens the home screen.\n\n\
Exit codes: 0 ok, 1 problems found (check), 2 usage, configuration or I/O error."
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// Folder holding sessions (a shared folder for supervisors)
    #[arg(long, global = true, env = "GEHOOR_DATA_DIR", value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// Questionnaire folder to use instead of the built-in set
    #[arg(long, global = true, value_name = "DIR")]
    pub questionnaires: Option<PathBuf>,
    /// Corpus folder to use instead of the built-in documents
    #[arg(long, global = true, value_name = "DIR")]
    pub corpus: Option<PathBuf>,
    /// Language of the interface (default: from the locale, else nl)
    #[arg(long, global = true, value_enum)]
    pub lang: Option<LangArg>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum LangArg {
    Nl,
    En,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Start a new interview (opens the interview screen)
    Interview(InterviewArgs),
    /// Review saved sessions as a supervisor (read-only except comments)
    Review(ReviewArgs),
    /// Validate questionnaires and their source references
    Check(CheckArgs),
    /// List the source documents, or show one section or paragraph
    #[command(subcommand)]
    Corpus(CorpusCommand),
    /// Maintain questionnaires: move refs to a new edition of a report
    #[command(subcommand)]
    Questionnaires(QuestionnairesCommand),
    /// Full-text search over the source documents
    Search(SearchArgs),
    /// Saved interview sessions
    #[command(subcommand)]
    Sessions(SessionsCommand),
    /// Export a session as Markdown (case file) or JSON
    Export(ExportArgs),
    /// Encryption keys: your identity and the team's recipients
    #[command(subcommand)]
    Keys(KeysCommand),
    /// The configuration file
    #[command(subcommand)]
    Config(ConfigCommand),
    /// Print a shell completion script
    Completions(CompletionsArgs),
    /// Print the manual page (roff), or write it into a folder
    Man(ManArgs),
}

#[derive(Debug, Args)]
pub struct InterviewArgs {
    /// Case reference (pseudonymous)
    #[arg(long = "case", value_name = "REF")]
    pub case_ref: Option<String>,
    /// Interviewer name (default: `name` from the config)
    #[arg(long)]
    pub interviewer: Option<String>,
    /// A profile bundling topics for a case type, e.g. draft-evader
    #[arg(long, conflicts_with = "topics")]
    pub profile: Option<String>,
    /// Comma-separated questionnaire ids
    #[arg(long, value_delimiter = ',')]
    pub topics: Vec<String>,
}

#[derive(Debug, Args)]
pub struct ReviewArgs {
    /// Session id prefix or case reference; without it, the sessions table
    pub session: Option<String>,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum CheckFormat {
    Human,
    Json,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Questionnaire files or folders (default: the active questionnaires)
    pub paths: Vec<PathBuf>,
    #[arg(long, value_enum, default_value = "human")]
    pub format: CheckFormat,
}

#[derive(Debug, Subcommand)]
pub enum CorpusCommand {
    /// The documents with title, date, language and counts
    List {
        #[arg(long)]
        json: bool,
    },
    /// One section or paragraph with its footnotes, e.g. ambtsbericht-rf-2025#1.1.3/p2
    Show {
        #[arg(value_name = "REF")]
        reference: String,
        #[arg(long)]
        json: bool,
        /// Wrap width (default: the terminal's width)
        #[arg(long)]
        width: Option<usize>,
    },
    /// Add a text file as a document: document.toml scaffold and a report of what was recognised
    Import(ImportArgs),
    /// Compare two editions of a document, section by section
    Diff(DiffArgs),
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum LayoutArg {
    Auto,
    PdfReport,
    Letter,
    PressRelease,
    Article,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The text as published or exported (UTF-8)
    #[arg(value_name = "FILE.txt")]
    pub file: PathBuf,
    /// Document id: lowercase letters, digits and '-', e.g. ambtsbericht-rf-2026
    #[arg(long)]
    pub id: String,
    /// Text layout; auto picks it from the text's features
    #[arg(long, value_enum, default_value = "auto")]
    pub layout: LayoutArg,
    /// Corpus folder to write into (default: --corpus, else ./corpus)
    #[arg(long, value_name = "DIR")]
    pub into: Option<PathBuf>,
    #[arg(long)]
    pub title: Option<String>,
    /// YYYY-MM-DD
    #[arg(long)]
    pub published: Option<String>,
    /// Two-letter code, e.g. nl
    #[arg(long)]
    pub language: Option<String>,
    #[arg(long)]
    pub publisher: Option<String>,
    /// The id of the edition this one replaces
    #[arg(long)]
    pub supersedes: Option<String>,
    /// Only report what was recognised; write nothing
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// Id of the old edition
    pub old: String,
    /// Id of the new edition
    pub new: String,
    #[arg(long, conflicts_with = "markdown")]
    pub json: bool,
    /// A report for trainers, in Markdown
    #[arg(long)]
    pub markdown: bool,
    /// Write to this file instead of standard output
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum QuestionnairesCommand {
    /// Rewrite refs into an old edition that certainly moved; list the rest
    Migrate(MigrateArgs),
}

#[derive(Debug, Args)]
pub struct MigrateArgs {
    /// Id of the old edition
    #[arg(long)]
    pub from: String,
    /// Id of the new edition
    #[arg(long)]
    pub to: String,
    /// Rewrite the files (without it, only list what would change)
    #[arg(long)]
    pub write: bool,
}

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// What to look for, in Dutch, English or Russian
    #[arg(required = true, num_args = 1..)]
    pub query: Vec<String>,
    #[arg(long, default_value_t = 10)]
    pub limit: usize,
    #[arg(long)]
    pub json: bool,
    /// Only this document id
    #[arg(long)]
    pub doc: Option<String>,
    /// Show each hit's lexical rank, dense rank and fused score
    #[arg(long)]
    pub explain: bool,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum StatusArg {
    Draft,
    Submitted,
    Approved,
    Returned,
}

#[derive(Debug, Subcommand)]
pub enum SessionsCommand {
    /// Sessions in the data folder, newest first
    List {
        #[arg(long, value_enum)]
        status: Option<StatusArg>,
        #[arg(long)]
        json: bool,
    },
    /// Move an unreadable session file into the quarantine folder
    Quarantine {
        /// File name of the unreadable session
        file: String,
    },
    /// Encrypt every plain session in the folder, in place (resumable)
    Encrypt,
    /// Re-encrypt every session for the current recipient list
    Rekey,
}

#[derive(Debug, Subcommand)]
pub enum KeysCommand {
    /// Create your key, protected by a passphrase, and print its public key
    Init,
    /// Encrypt every session also to this team member's public key
    AddRecipient {
        /// A name to recognise the key by
        name: String,
        /// The public key, age1…
        key: String,
    },
    /// Stop encrypting to a team member (then run `gehoor sessions rekey`)
    RemoveRecipient {
        /// The name the recipient was added under
        name: String,
    },
    /// The recipients every session is encrypted to
    List,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum ExportFormat {
    Markdown,
    /// One self-contained file, printable on A4
    Html,
    Json,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Session id prefix or case reference
    pub session: String,
    #[arg(long, value_enum, default_value = "markdown")]
    pub format: ExportFormat,
    /// Write to this file instead of standard output
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Print where the configuration file is read from
    Path,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ShellArg {
    Bash,
    Zsh,
    Fish,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    #[arg(value_enum)]
    pub shell: ShellArg,
}

#[derive(Debug, Args)]
pub struct ManArgs {
    /// Write gehoor.1 into this folder instead of printing it
    #[arg(long, value_name = "DIR")]
    pub out_dir: Option<PathBuf>,
}
