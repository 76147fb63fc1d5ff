//! The table's own consistency.

use super::*;

#[test]
fn every_binding_parses() {
    for b in BINDINGS {
        assert!(parse_key(b.key).is_some(), "cannot parse {:?}", b.key);
    }
}

#[test]
fn no_key_is_bound_twice_in_one_mode() {
    for (i, a) in BINDINGS.iter().enumerate() {
        for b in &BINDINGS[i + 1..] {
            if a.mode == b.mode {
                assert_ne!(
                    parse_key(a.key).map(normalise),
                    parse_key(b.key).map(normalise),
                    "{} bound twice in {:?}",
                    a.key,
                    a.mode
                );
            }
        }
    }
}

#[test]
fn every_action_is_reachable_and_described() {
    let s = Strings::get(crate::i18n::Lang::En);
    for action in Action::ALL {
        assert!(
            BINDINGS.iter().any(|b| b.action == *action),
            "{action:?} has no key"
        );
        assert!(!describe(*action, s).is_empty());
    }
}

#[test]
fn shifted_characters_match() {
    let ev = KeyEvent::new(KeyCode::Char('?'), KeyModifiers::SHIFT);
    assert_eq!(lookup(Mode::Home, ev), Some(Action::ToggleHelp));
    let ev = KeyEvent::new(KeyCode::Char('S'), KeyModifiers::SHIFT);
    assert_eq!(lookup(Mode::Interview, ev), Some(Action::Submit));
    let ev = KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT);
    assert_eq!(lookup(Mode::Interview, ev), Some(Action::PrevPane));
}

#[test]
fn editor_mode_lets_letters_through() {
    let ev = KeyEvent::new(KeyCode::Char('q'), KeyModifiers::NONE);
    assert_eq!(lookup(Mode::Editor, ev), None);
    let ev = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert_eq!(lookup(Mode::Editor, ev), Some(Action::Quit));
}
