//! Messages carried inside errors as a key of the `messages` table and its
//! values, so the text is chosen when it is printed, in the run's language,
//! rather than when the error is made (which knows no language).

mod toml_summary;

pub use toml_summary::{summarize as summarize_toml, type_key};

use crate::i18n::{Lang, Strings, fill};

/// One value of a message: text as given, or another key of the table (a type
/// name) that is translated too.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Arg {
    Text(String),
    Key(&'static str),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Msg {
    pub key: &'static str,
    pub args: Vec<(&'static str, Arg)>,
    /// The source's own English wording (a parser's or the operating
    /// system's message), more precise than the summary: English prints it
    /// as it is, other languages the summary.
    pub english: Option<String>,
}

impl Msg {
    /// A message whose values are all plain text.
    pub fn new(key: &'static str, args: &[(&'static str, &str)]) -> Msg {
        Msg {
            key,
            args: args
                .iter()
                .map(|(k, v)| (*k, Arg::Text((*v).to_string())))
                .collect(),
            english: None,
        }
    }

    /// Text already taken from the run's string table (`ctx.strings`), for
    /// an error made where the language is known.
    pub fn plain(text: impl Into<String>) -> Msg {
        Msg::new("plain", &[("text", &text.into())])
    }

    /// A summary that English replaces with `original`.
    pub fn with_english(mut self, original: impl Into<String>) -> Msg {
        self.english = Some(original.into());
        self
    }

    pub fn render(&self, s: &Strings) -> String {
        if let (Lang::En, Some(original)) = (s.lang, &self.english) {
            return original.clone();
        }
        let table = &s.messages;
        let values: Vec<(&str, String)> = self
            .args
            .iter()
            .map(|(k, v)| {
                let text = match v {
                    Arg::Text(t) => t.clone(),
                    Arg::Key(key) => table.get(key).unwrap_or(key).to_string(),
                };
                (*k, text)
            })
            .collect();
        let pairs: Vec<(&str, &str)> = values.iter().map(|(k, v)| (*k, v.as_str())).collect();
        fill(table.get(self.key).unwrap_or(self.key), &pairs)
    }

    /// The value named `name`, as given (tests, and callers that match on it).
    pub fn arg(&self, name: &str) -> Option<&str> {
        self.args.iter().find_map(|(k, v)| match v {
            Arg::Text(t) if *k == name => Some(t.as_str()),
            _ => None,
        })
    }
}

/// English, for logs, `Debug`-like uses and tests.
impl std::fmt::Display for Msg {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.render(Strings::get(Lang::En)))
    }
}

#[cfg(test)]
mod tests;
