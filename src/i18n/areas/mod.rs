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
mod common;
mod corpus;
mod error;
mod notes;
mod review;
mod search;
mod tui;

pub use check::{Check, CheckMessages};
pub use cli::Cli;
pub use common::Common;
pub use corpus::CorpusText;
pub use error::ErrorText;
pub use notes::NotesText;
pub use review::ReviewText;
pub use search::SearchText;
pub use tui::Tui;
