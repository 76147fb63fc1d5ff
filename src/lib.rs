//! gehoor: questions, sources and notes for asylum interviews.
//!
//! Domain modules (`corpus`, `questionnaire`, `search`, `notes`, `check`,
//! `export`) never import ratatui, crossterm or clap; only `cli` and `tui` do.

pub mod assets;
pub mod check;
pub mod cli;
pub mod config;
pub mod corpus;
pub mod error;
pub mod export;
pub mod i18n;
pub mod index_cache;
pub mod interview;
pub mod message;
pub mod notes;
pub mod questionnaire;
pub mod sanitize;
pub mod search;
pub mod toml_depth;
pub mod tui;
pub mod vector_cache;

pub use error::{Error, Result};
