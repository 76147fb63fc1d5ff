//! Questionnaires: the model, the TOML loader with spans, and `show_if`.

pub mod value;

pub use value::{AnswerStatus, DatePrecision, PartialDate, Value};
