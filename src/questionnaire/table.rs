//! Reading one TOML table with spans: every key is checked against the keys
//! allowed there, every value against its type, and each problem becomes a
//! located diagnostic instead of stopping at the first.

use crate::questionnaire::Code;
use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::diag::{Severity, Sink, did_you_mean};
use super::model::Text;

pub(crate) type Item<'i> = Spanned<DeValue<'i>>;

pub(crate) struct Table<'a, 'i> {
    pub table: &'a DeTable<'i>,
    /// Where the table starts: `[[question]]` or `{`.
    pub span: Range<usize>,
}

/// The first line of a span, so a diagnostic about a whole table underlines
/// its header rather than every line of it.
pub(crate) fn first_line(text: &str, span: &Range<usize>) -> Range<usize> {
    let s = span.start.min(text.len());
    let end = text[s..].find('\n').map_or(text.len(), |i| s + i);
    s..end.min(span.end.max(s + 1)).max(s)
}

impl<'a, 'i> Table<'a, 'i> {
    pub fn new(item: &'a Item<'i>, text: &str) -> Option<Self> {
        match item.get_ref() {
            DeValue::Table(t) => Some(Table {
                table: t,
                span: first_line(text, &item.span()),
            }),
            _ => None,
        }
    }

    /// Report every key that is not in `allowed`, with a suggestion.
    pub fn unknown_keys(&self, sink: &mut Sink, place: &str, allowed: &[&str]) {
        for (key, _) in self.table.iter() {
            let name: &str = key.get_ref();
            if !allowed.contains(&name) {
                let allowed_list = allowed.join(", ");
                sink.push(
                    Severity::Error,
                    Code::UnknownKey,
                    key.span(),
                    &[("key", name), ("place", place), ("allowed", &allowed_list)],
                    did_you_mean(name, allowed.iter().copied()),
                );
            }
        }
    }

    pub fn get(&self, key: &str) -> Option<&'a Item<'i>> {
        self.table.get(key)
    }

    pub fn key_span(&self, key: &str) -> Option<Range<usize>> {
        self.table.get_key_value(key).map(|(k, _)| k.span())
    }

    fn missing(&self, sink: &mut Sink, key: &str) {
        sink.error(Code::MissingKey, self.span.clone(), &[("key", key)]);
    }

    pub fn wrong_type(sink: &mut Sink, key: &str, item: &Item, expected: &str) {
        sink.error(
            Code::WrongType,
            item.span(),
            &[
                ("key", key),
                ("expected", expected),
                ("found", item.get_ref().type_str()),
            ],
        );
    }

    pub fn string(
        &self,
        sink: &mut Sink,
        key: &str,
        required: bool,
    ) -> Option<(String, Range<usize>)> {
        let Some(item) = self.get(key) else {
            if required {
                self.missing(sink, key);
            }
            return None;
        };
        match item.get_ref().as_str() {
            Some(s) => Some((s.to_string(), item.span())),
            None => {
                Self::wrong_type(sink, key, item, "string");
                None
            }
        }
    }

    pub fn integer(
        &self,
        sink: &mut Sink,
        key: &str,
        required: bool,
    ) -> Option<(i64, Range<usize>)> {
        let Some(item) = self.get(key) else {
            if required {
                self.missing(sink, key);
            }
            return None;
        };
        match item.get_ref().as_integer().and_then(|i| {
            i.as_str()
                .parse::<i64>()
                .ok()
                .or_else(|| parse_radix(i.as_str(), i.radix()))
        }) {
            Some(n) => Some((n, item.span())),
            None => {
                Self::wrong_type(sink, key, item, "integer");
                None
            }
        }
    }

    pub fn number(&self, sink: &mut Sink, key: &str) -> Option<(f64, Range<usize>)> {
        let item = self.get(key)?;
        let v = item.get_ref();
        let n = v
            .as_integer()
            .and_then(|i| i.as_str().replace('_', "").parse::<f64>().ok())
            .or_else(|| {
                v.as_float()
                    .and_then(|f| f.as_str().replace('_', "").parse::<f64>().ok())
            });
        match n.filter(|n| n.is_finite()) {
            Some(n) => Some((n, item.span())),
            None => {
                Self::wrong_type(sink, key, item, "number");
                None
            }
        }
    }

    pub fn boolean(&self, sink: &mut Sink, key: &str) -> Option<bool> {
        let item = self.get(key)?;
        match item.get_ref().as_bool() {
            Some(b) => Some(b),
            None => {
                Self::wrong_type(sink, key, item, "boolean");
                None
            }
        }
    }

    pub fn strings(&self, sink: &mut Sink, key: &str) -> Vec<(String, Range<usize>)> {
        let Some(item) = self.get(key) else {
            return Vec::new();
        };
        let Some(arr) = item.get_ref().as_array() else {
            Self::wrong_type(sink, key, item, "array");
            return Vec::new();
        };
        let mut out = Vec::new();
        for el in arr.iter() {
            match el.get_ref().as_str() {
                Some(s) => out.push((s.to_string(), el.span())),
                None => Self::wrong_type(sink, key, el, "string"),
            }
        }
        out
    }

    pub fn array(&self, sink: &mut Sink, key: &str) -> &'a [Item<'i>] {
        let Some(item) = self.get(key) else {
            return &[];
        };
        match item.get_ref().as_array() {
            Some(arr) => arr,
            None => {
                Self::wrong_type(sink, key, item, "array");
                &[]
            }
        }
    }

    /// A `{ nl, en }` text; `ru` only where `allow_ru`. A missing language is
    /// a warning: the other language is shown instead.
    pub fn text(
        &self,
        sink: &mut Sink,
        text: &str,
        key: &str,
        required: bool,
        allow_ru: bool,
    ) -> Text {
        let Some(item) = self.get(key) else {
            if required {
                self.missing(sink, key);
            }
            return Text::default();
        };
        let Some(t) = Table::new(item, text) else {
            Self::wrong_type(sink, key, item, "table { nl, en }");
            return Text::default();
        };
        let t = Table {
            table: t.table,
            span: item.span(),
        };
        let allowed: &[&str] = if allow_ru {
            &["nl", "en", "ru"]
        } else {
            &["nl", "en"]
        };
        for (k, _) in t.table.iter() {
            let name: &str = k.get_ref();
            if name == "ru" && !allow_ru {
                sink.error(Code::RuNotAllowed, k.span(), &[("key", key)]);
            } else if !allowed.contains(&name) {
                let list = allowed.join(", ");
                sink.push(
                    Severity::Error,
                    Code::UnknownKey,
                    k.span(),
                    &[("key", name), ("place", key), ("allowed", &list)],
                    did_you_mean(name, allowed.iter().copied()),
                );
            }
        }
        let mut lang = |l: &str| -> String {
            match t.get(l) {
                Some(v) => match v.get_ref().as_str() {
                    Some(s) if !s.trim().is_empty() => s.to_string(),
                    Some(_) => {
                        sink.warn(
                            Code::MissingTranslation,
                            v.span(),
                            &[("key", key), ("lang", l)],
                        );
                        String::new()
                    }
                    None => {
                        Self::wrong_type(sink, l, v, "string");
                        String::new()
                    }
                },
                None => {
                    if l != "ru" {
                        sink.warn(
                            Code::MissingTranslation,
                            item.span(),
                            &[("key", key), ("lang", l)],
                        );
                    }
                    String::new()
                }
            }
        };
        let nl = lang("nl");
        let en = lang("en");
        let ru = if allow_ru && t.get("ru").is_some() {
            Some(lang("ru")).filter(|s| !s.is_empty())
        } else {
            None
        };
        Text { nl, en, ru }
    }
}

fn parse_radix(s: &str, radix: u32) -> Option<i64> {
    let digits = s.replace('_', "");
    let digits = digits
        .strip_prefix("0x")
        .or_else(|| digits.strip_prefix("0o"))
        .or_else(|| digits.strip_prefix("0b"))
        .unwrap_or(&digits);
    i64::from_str_radix(digits, radix).ok()
}
