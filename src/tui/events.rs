//! Where input comes from: the real terminal (crossterm, with the tty wait
//! and the signal flag), or a key script for tests.

use std::collections::VecDeque;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use ratatui::crossterm::event::{self, Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::runtime::{EventSource, Input};
use super::terminal::{self, Readiness};
use super::update::Now;

impl Now {
    /// The clocks, read by the runtime's event source: `update` only ever
    /// gets the time as data.
    pub fn read() -> Now {
        Now {
            instant: Instant::now(),
            wall: crate::notes::now(),
        }
    }
}

pub struct TerminalEvents {
    /// Raised by SIGTERM or SIGHUP from outside.
    pub signalled: Arc<AtomicBool>,
    /// After an event crossterm may hold more from the same read, so the
    /// next wait must not block.
    drained: bool,
}

impl TerminalEvents {
    pub fn new(signalled: Arc<AtomicBool>) -> Self {
        TerminalEvents {
            signalled,
            drained: true,
        }
    }
}

impl EventSource for TerminalEvents {
    fn now(&mut self) -> Now {
        Now::read()
    }

    fn next(&mut self, timeout: Duration) -> std::io::Result<Input> {
        if self.signalled.load(Ordering::Relaxed) {
            return Ok(Input::Closed);
        }
        let wait = if self.drained {
            timeout
        } else {
            Duration::ZERO
        };
        // The loop waits on the terminal itself and asks crossterm only when
        // the terminal is still there (see `terminal::wait_for_input`).
        let ready = match terminal::wait_for_input(wait) {
            Readiness::HungUp => return Ok(Input::Closed),
            Readiness::Input => event::poll(Duration::ZERO)?,
            // Crossterm may hold an event it read with the last one (a key
            // typed with a resize, say): ask it, or that key would wait
            // for the next one.
            Readiness::Idle => event::poll(Duration::ZERO)?,
            Readiness::NotATty => event::poll(wait)?,
        };
        self.drained = !ready;
        if !ready {
            return Ok(if self.signalled.load(Ordering::Relaxed) {
                Input::Closed
            } else {
                Input::Idle
            });
        }
        Ok(match event::read()? {
            Event::Key(k) if k.kind != KeyEventKind::Release => Input::Key(k),
            Event::Paste(text) => Input::Paste(text),
            Event::Mouse(m) => Input::Mouse(m),
            _ => Input::Idle,
        })
    }

    fn suspend(&mut self) -> std::io::Result<()> {
        terminal::suspend()
    }
}

/// A key script, as gitu writes them: `"n Tolk <esc> <wait 1500> <c-c>"`.
/// Each character of a word is one key press; whitespace only separates
/// (a typed space is `<space>`). `<…>` is one key (`enter`, `esc`, `tab`,
/// `backtab`, `up`, `down`, `left`, `right`, `pageup`, `pagedown`,
/// `space`, `lt` for `<`, `f1`, `c-x` for Ctrl-X), `<wait MS>` moves the
/// clock on, `<paste TEXT>` pastes, `<close>` hangs the terminal up. When
/// the script is used up the loop returns (`Ended::Detached`), so a test
/// can look at the files and go on with another script. The clock starts
/// at a fixed wall time and moves 10 ms per input.
pub struct ScriptEvents {
    queue: VecDeque<Step>,
    instant: Instant,
    wall: jiff::Zoned,
}

#[derive(Debug, Clone)]
enum Step {
    Input(Input),
    Wait(Duration),
}

impl ScriptEvents {
    pub fn new(script: &str) -> ScriptEvents {
        ScriptEvents {
            queue: parse_script(script),
            instant: Instant::now(),
            wall: "2026-01-05T10:00:00+00:00[UTC]"
                .parse()
                .expect("a valid timestamp"),
        }
    }

    /// What is left of the script.
    pub fn remaining(&self) -> usize {
        self.queue.len()
    }

    fn advance(&mut self, by: Duration) {
        self.instant += by;
        if let Ok(w) = self
            .wall
            .checked_add(jiff::SignedDuration::try_from(by).unwrap_or_default())
        {
            self.wall = w;
        }
    }
}

impl EventSource for ScriptEvents {
    fn now(&mut self) -> Now {
        Now {
            instant: self.instant,
            wall: self.wall.clone(),
        }
    }

    fn next(&mut self, _timeout: Duration) -> std::io::Result<Input> {
        self.advance(Duration::from_millis(10));
        Ok(match self.queue.pop_front() {
            Some(Step::Input(i)) => i,
            Some(Step::Wait(d)) => {
                self.advance(d);
                Input::Idle
            }
            None => Input::Detach,
        })
    }
}

fn parse_script(script: &str) -> VecDeque<Step> {
    let mut out = VecDeque::new();
    let mut rest = script.trim_start();
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix('<')
            && let Some(end) = after.find('>')
        {
            out.extend(special(&after[..end]));
            rest = after[end + 1..].trim_start();
            continue;
        }
        let c = rest.chars().next().unwrap_or(' ');
        out.push_back(key(KeyCode::Char(c), KeyModifiers::NONE));
        rest = rest[c.len_utf8()..].trim_start();
    }
    out
}

fn key(code: KeyCode, mods: KeyModifiers) -> Step {
    Step::Input(Input::Key(KeyEvent::new(code, mods)))
}

fn special(spec: &str) -> Option<Step> {
    if let Some(ms) = spec.strip_prefix("wait ") {
        return Some(Step::Wait(Duration::from_millis(ms.trim().parse().ok()?)));
    }
    if spec == "close" {
        return Some(Step::Input(Input::Closed));
    }
    if let Some(text) = spec.strip_prefix("paste ") {
        return Some(Step::Input(Input::Paste(text.to_string())));
    }
    if let Some(c) = spec.strip_prefix("c-") {
        return Some(key(KeyCode::Char(c.chars().next()?), KeyModifiers::CONTROL));
    }
    let code = match spec {
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
        "space" => KeyCode::Char(' '),
        "lt" => KeyCode::Char('<'),
        f if f.starts_with('f') => KeyCode::F(f[1..].parse().ok()?),
        _ => return None,
    };
    Some(key(code, KeyModifiers::NONE))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(script: &str) -> Vec<String> {
        parse_script(script)
            .into_iter()
            .map(|s| match s {
                Step::Input(Input::Key(k)) => match k.code {
                    KeyCode::Char(c) if k.modifiers.contains(KeyModifiers::CONTROL) => {
                        format!("^{c}")
                    }
                    KeyCode::Char(c) => c.to_string(),
                    other => format!("{other:?}"),
                },
                Step::Input(other) => format!("{other:?}"),
                Step::Wait(d) => format!("wait{}", d.as_millis()),
            })
            .collect()
    }

    #[test]
    fn words_are_typed_with_spaces_and_specials_are_one_key() {
        assert_eq!(
            keys("n Tolk <enter><wait 1500> <c-c>"),
            ["n", "T", "o", "l", "k", "Enter", "wait1500", "^c"]
        );
        assert_eq!(keys("<down> a<space>b <lt>"), ["Down", "a", " ", "b", "<"]);
        assert_eq!(keys("<close>"), ["Closed"]);
    }
}
