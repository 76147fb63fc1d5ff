//! One struct per area of the string table; each area's file owns its keys
//! so that work on one screen or command never touches another's table.

/// A struct of `String` fields, one per key, rejecting unknown keys.
macro_rules! area {
    ($(#[$doc:meta])* $name:ident { $($key:ident),* $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, serde::Deserialize)]
        #[serde(deny_unknown_fields)]
        pub struct $name {
            $(pub $key: String,)*
        }
    };
}

mod check;
mod cli;
mod cli_help;
mod common;
mod corpus;
mod edition;
mod error;
mod intake;
mod keys;
mod leaving;
mod lifecycle;
mod messages;
mod notes;
mod record;
mod review;
mod search;
mod tui;

pub use check::{Check, CheckMessages};
pub use cli::Cli;
pub use cli_help::{CliErrors, CliHelp, ManText};
pub use common::Common;
pub use corpus::CorpusText;
pub use edition::EditionText;
pub use error::ErrorText;
pub use intake::IntakeText;
pub use keys::KeysText;
pub use leaving::LeavingText;
pub use lifecycle::LifecycleText;
pub use messages::Messages;
pub use notes::NotesText;
pub use record::RecordText;
pub use review::ReviewText;
pub use search::SearchText;
pub use tui::Tui;
