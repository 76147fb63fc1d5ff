use super::*;
use crate::i18n::{Lang, Strings};

fn nl(m: &Msg) -> String {
    m.render(Strings::get(Lang::Nl))
}

#[test]
fn serde_messages_get_a_dutch_summary_and_keep_english() {
    let raw = "unknown variant `fr`, expected `nl` or `en`";
    let m = summarize_toml(raw);
    assert_eq!(nl(&m), "`fr` is geen geldige waarde; kies uit: nl, en");
    assert_eq!(m.to_string(), raw);

    let m = summarize_toml("unknown field `thema`, expected one of `data_dir`, `lang`");
    assert_eq!(
        nl(&m),
        "onbekende sleutel `thema`; toegestaan: data_dir, lang"
    );

    let m = summarize_toml("invalid type: integer `3`, expected a string");
    assert_eq!(
        nl(&m),
        "verkeerde soort waarde: geheel getal in plaats van tekst"
    );

    let m = summarize_toml("missing field `id`");
    assert_eq!(nl(&m), "de verplichte sleutel `id` ontbreekt");
}

#[test]
fn parser_messages_are_grouped_by_what_to_fix() {
    assert_eq!(
        nl(&summarize_toml("missing comma between key-value pairs")),
        "hier ontbreekt een komma"
    );
    assert_eq!(
        nl(&summarize_toml("string values must be quoted")),
        "tekst hoort tussen aanhalingstekens: \"...\""
    );
    assert_eq!(
        nl(&summarize_toml("unclosed array")).as_str(),
        "een haakje of aanhalingsteken wordt niet gesloten"
    );
    assert_eq!(
        nl(&summarize_toml("something new")),
        "hier staat iets wat niet in TOML hoort"
    );
    assert_eq!(summarize_toml("something new").to_string(), "something new");
}

#[test]
fn type_names_are_translated() {
    assert_eq!(type_key("integer `3`"), "type_integer");
    assert_eq!(type_key("a sequence"), "type_array");
    assert_eq!(type_key("inline table"), "type_table");
    assert_eq!(type_key("enum Lang"), "type_other");
    let s = Strings::get(Lang::Nl);
    for key in crate::i18n::Messages::KEYS {
        assert!(s.messages.get(key).is_some_and(|t| !t.is_empty()), "{key}");
    }
}
