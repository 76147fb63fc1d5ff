//! Every keybinding, in one table with a description per binding. The footer
//! hints and the help overlay are generated from it.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::Action;
use crate::i18n::Strings;

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Every screen when no text editor has focus.
    Global,
    Home,
}

#[derive(Debug, Clone, Copy)]
pub struct Binding {
    pub mode: Mode,
    /// Human-readable key, parsed by `parse_key`, e.g. "ctrl-c", "?", "down".
    pub key: &'static str,
    pub action: Action,
    /// Shown in the footer when true.
    pub hint: bool,
}

pub const BINDINGS: &[Binding] = &[
    Binding {
        mode: Mode::Global,
        key: "ctrl-c",
        action: Action::Quit,
        hint: false,
    },
    Binding {
        mode: Mode::Global,
        key: "q",
        action: Action::Quit,
        hint: true,
    },
    Binding {
        mode: Mode::Global,
        key: "?",
        action: Action::ToggleHelp,
        hint: true,
    },
    Binding {
        mode: Mode::Home,
        key: "up",
        action: Action::Up,
        hint: false,
    },
    Binding {
        mode: Mode::Home,
        key: "k",
        action: Action::Up,
        hint: false,
    },
    Binding {
        mode: Mode::Home,
        key: "down",
        action: Action::Down,
        hint: false,
    },
    Binding {
        mode: Mode::Home,
        key: "j",
        action: Action::Down,
        hint: false,
    },
    Binding {
        mode: Mode::Home,
        key: "enter",
        action: Action::Select,
        hint: true,
    },
];

/// Parse "ctrl-c", "shift-tab", "enter", "?" into a key event.
pub fn parse_key(spec: &str) -> Option<KeyEvent> {
    let mut mods = KeyModifiers::NONE;
    let mut rest = spec;
    loop {
        if let Some(r) = rest.strip_prefix("ctrl-") {
            mods |= KeyModifiers::CONTROL;
            rest = r;
        } else if let Some(r) = rest.strip_prefix("alt-") {
            mods |= KeyModifiers::ALT;
            rest = r;
        } else if let Some(r) = rest.strip_prefix("shift-") {
            mods |= KeyModifiers::SHIFT;
            rest = r;
        } else {
            break;
        }
    }
    let code = match rest {
        "enter" => KeyCode::Enter,
        "esc" => KeyCode::Esc,
        "tab" => KeyCode::Tab,
        "backtab" => KeyCode::BackTab,
        "up" => KeyCode::Up,
        "down" => KeyCode::Down,
        "left" => KeyCode::Left,
        "right" => KeyCode::Right,
        "pageup" => KeyCode::PageUp,
        "pagedown" => KeyCode::PageDown,
        "home" => KeyCode::Home,
        "end" => KeyCode::End,
        "space" => KeyCode::Char(' '),
        s if s.chars().count() == 1 => KeyCode::Char(s.chars().next()?),
        s if s.starts_with('f') => KeyCode::F(s[1..].parse().ok()?),
        _ => return None,
    };
    Some(KeyEvent::new(code, mods))
}

fn normalise(ev: KeyEvent) -> (KeyCode, KeyModifiers) {
    // Terminals report '?' with or without SHIFT; compare characters without it.
    let mods = match ev.code {
        KeyCode::Char(_) => ev.modifiers - KeyModifiers::SHIFT,
        _ => ev.modifiers,
    };
    (ev.code, mods)
}

/// The action bound to `ev` in `mode`, falling back to global bindings.
pub fn lookup(mode: Mode, ev: KeyEvent) -> Option<Action> {
    let want = normalise(ev);
    let find = |m: Mode| {
        BINDINGS
            .iter()
            .find(|b| b.mode == m && parse_key(b.key).map(normalise) == Some(want))
            .map(|b| b.action)
    };
    find(mode).or_else(|| find(Mode::Global))
}

/// The description of an action in the user's language.
pub fn describe(action: Action, s: &Strings) -> &str {
    let t = &s.tui;
    match action {
        Action::Quit => &t.key_quit,
        Action::ToggleHelp => &t.key_help,
        Action::Up => &t.key_up,
        Action::Down => &t.key_down,
        Action::Select => &t.key_select,
    }
}

#[cfg(test)]
mod tests {
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
    fn question_mark_with_shift_still_opens_help() {
        let ev = KeyEvent::new(KeyCode::Char('?'), KeyModifiers::SHIFT);
        assert_eq!(lookup(Mode::Home, ev), Some(Action::ToggleHelp));
    }
}
