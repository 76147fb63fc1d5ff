//! Every keybinding, in one table with a description per binding. The footer
//! hints and the help overlay are generated from it. Keys typed while a text
//! editor has focus go to the editor, except those of `Mode::Editor`.

use std::collections::HashMap;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::Action;
use crate::i18n::Strings;

/// Where a binding applies: a mode per screen, overlay and editor. A mode
/// falls back to `Global` (no text entry) or `Editor` (text entry), so keys
/// shared by many modes are bound once.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Mode {
    /// Every screen and overlay when no text editor has focus.
    Global,
    Home,
    Interview,
    Review,
    Sessions,
    HelpOverlay,
    PassageOverlay,
    TimelineOverlay,
    MessageOverlay,
    SubmitOverlay,
    RecoverOverlay,
    /// The search overlay: a query line above a result list.
    SearchOverlay,
    /// Quick jump: a query line above a list of questions.
    JumpOverlay,
    /// A single-line input: an answer, a filter, a folder.
    Line,
    /// A multi-line text: a long answer, a note, a comment.
    Text,
    /// A yes/no or choice answer.
    Choice,
    /// The new-interview form on one of its text fields.
    Form,
    /// The new-interview form on its topic list.
    FormTopics,
    /// A question put in a window (a comment, a reason, an amendment):
    /// Enter confirms, Esc cancels, Alt-Enter starts a new line.
    Prompt,
    /// A yes/no confirmation: Enter confirms, Esc cancels.
    ConfirmOverlay,
    /// Quitting found nowhere to write the text: retry, write elsewhere,
    /// or lose it on purpose; quit keys do not leave.
    StrandedOverlay,
    /// Keys every text-entry mode shares; the rest of the keyboard is text.
    Editor,
}

impl Mode {
    pub const ALL: [Mode; 22] = [
        Mode::Global,
        Mode::Home,
        Mode::Interview,
        Mode::Review,
        Mode::Sessions,
        Mode::HelpOverlay,
        Mode::PassageOverlay,
        Mode::TimelineOverlay,
        Mode::MessageOverlay,
        Mode::SubmitOverlay,
        Mode::RecoverOverlay,
        Mode::SearchOverlay,
        Mode::JumpOverlay,
        Mode::Line,
        Mode::Text,
        Mode::Choice,
        Mode::Form,
        Mode::FormTopics,
        Mode::Prompt,
        Mode::ConfirmOverlay,
        Mode::StrandedOverlay,
        Mode::Editor,
    ];

    /// Where keys not bound in this mode are looked up next.
    pub fn fallback(self) -> Option<Mode> {
        match self {
            Mode::Global | Mode::Editor => None,
            Mode::Home
            | Mode::Interview
            | Mode::Review
            | Mode::Sessions
            | Mode::HelpOverlay
            | Mode::PassageOverlay
            | Mode::TimelineOverlay
            | Mode::MessageOverlay
            | Mode::SubmitOverlay
            | Mode::RecoverOverlay
            | Mode::ConfirmOverlay
            | Mode::StrandedOverlay => Some(Mode::Global),
            Mode::SearchOverlay
            | Mode::JumpOverlay
            | Mode::Line
            | Mode::Text
            | Mode::Choice
            | Mode::Form
            | Mode::FormTopics
            | Mode::Prompt => Some(Mode::Editor),
        }
    }

    /// Keys this mode does not bind are text for its input.
    pub fn takes_text(self) -> bool {
        matches!(
            self,
            Mode::SearchOverlay
                | Mode::JumpOverlay
                | Mode::Line
                | Mode::Text
                | Mode::Form
                | Mode::FormTopics
                | Mode::Prompt
                | Mode::Editor
        )
    }
}

#[derive(Debug, Clone, Copy)]
pub struct Binding {
    pub mode: Mode,
    /// Human-readable key, parsed once by `parse_key`, e.g. "ctrl-c", "?".
    pub key: &'static str,
    pub action: Action,
    /// Shown in the footer when true.
    pub hint: bool,
}

const fn b(mode: Mode, key: &'static str, action: Action, hint: bool) -> Binding {
    Binding {
        mode,
        key,
        action,
        hint,
    }
}

use Action as A;
use Mode as M;

pub const BINDINGS: &[Binding] = &[
    b(M::Global, "ctrl-c", A::Quit, false),
    b(M::Global, "ctrl-z", A::Suspend, false),
    b(M::Global, "q", A::Quit, true),
    b(M::Global, "?", A::ToggleHelp, true),
    b(M::Global, "f1", A::ToggleHelp, false),
    b(M::Global, "up", A::Up, false),
    b(M::Global, "k", A::Up, false),
    b(M::Global, "down", A::Down, false),
    b(M::Global, "j", A::Down, false),
    b(M::Global, "pageup", A::PageUp, false),
    b(M::Global, "pagedown", A::PageDown, false),
    b(M::Global, "home", A::First, false),
    b(M::Global, "end", A::Last, false),
    b(M::Global, "enter", A::Select, false),
    b(M::Global, "esc", A::Back, false),
    b(M::Global, "tab", A::NextPane, false),
    b(M::Global, "backtab", A::PrevPane, false),
    b(M::Global, "L", A::ToggleLang, false),
    b(M::Home, "/", A::Filter, true),
    b(M::Home, "enter", A::Select, true),
    b(M::Sessions, "q", A::Back, true),
    b(M::Sessions, "/", A::Filter, true),
    b(M::Sessions, "s", A::SortNext, true),
    b(M::Sessions, "enter", A::Select, true),
    b(M::Interview, "q", A::Close, true),
    b(M::Interview, "enter", A::Edit, true),
    b(M::Interview, "n", A::EditNote, true),
    b(M::Interview, "g", A::ToggleGuidance, true),
    b(M::Interview, "r", A::ToggleRussian, false),
    b(M::Interview, "f", A::ToggleFlag, false),
    b(M::Interview, "x", A::CycleStatus, false),
    b(M::Interview, "+", A::AddInstance, false),
    b(M::Interview, "-", A::RemoveInstance, false),
    b(M::Interview, "/", A::Search, true),
    b(M::Interview, "ctrl-p", A::QuickJump, true),
    b(M::Interview, "o", A::OpenSection, false),
    b(M::Interview, "c", A::Cite, false),
    b(M::Interview, "S", A::Submit, false),
    b(M::Interview, "O", A::Reopen, false),
    b(M::Interview, "A", A::Amend, false),
    b(M::Interview, "t", A::Timeline, false),
    b(M::Interview, "N", A::EditSessionNote, false),
    b(M::Interview, "w", A::SaveCopy, false),
    b(M::Interview, "ctrl-s", A::SaveCopy, false),
    b(M::Interview, "m", A::NextRequired, false),
    b(M::Interview, "F", A::NextFlagged, false),
    b(M::Interview, "M", A::NextCommented, false),
    b(M::Review, "q", A::Close, true),
    b(M::Review, "m", A::NextRequired, false),
    b(M::Review, "F", A::NextFlagged, false),
    b(M::Review, "M", A::NextCommented, false),
    b(M::Review, "enter", A::Select, false),
    b(M::Review, "/", A::Search, false),
    b(M::Review, "ctrl-p", A::QuickJump, false),
    b(M::Review, "o", A::OpenSection, false),
    b(M::Review, "c", A::Comment, true),
    b(M::Review, "C", A::CommentSession, false),
    b(M::Review, "a", A::Approve, true),
    b(M::Review, "R", A::ReturnForWork, true),
    b(M::Review, "t", A::Timeline, true),
    b(M::Review, "g", A::ToggleGuidance, false),
    b(M::HelpOverlay, "esc", A::Back, true),
    b(M::HelpOverlay, "q", A::Back, false),
    b(M::MessageOverlay, "enter", A::Select, true),
    b(M::MessageOverlay, "esc", A::Back, false),
    b(M::MessageOverlay, "q", A::Back, false),
    b(M::TimelineOverlay, "esc", A::Back, true),
    b(M::TimelineOverlay, "q", A::Back, false),
    b(M::PassageOverlay, "c", A::Cite, true),
    b(M::PassageOverlay, "o", A::OpenSection, true),
    b(M::PassageOverlay, "esc", A::Back, true),
    b(M::PassageOverlay, "q", A::Back, false),
    // "ja" in Dutch, "yes" in English: the prompt names both.
    b(M::SubmitOverlay, "y", A::Confirm, false),
    b(M::SubmitOverlay, "j", A::Confirm, false),
    b(M::SubmitOverlay, "enter", A::Confirm, true),
    b(M::SubmitOverlay, "esc", A::Back, true),
    b(M::SubmitOverlay, "q", A::Back, false),
    b(M::SubmitOverlay, "up", A::Up, false),
    b(M::SubmitOverlay, "down", A::Down, false),
    // The draft is someone's words: only these decide, never Esc.
    b(M::RecoverOverlay, "y", A::Confirm, false),
    b(M::RecoverOverlay, "enter", A::Confirm, true),
    b(M::RecoverOverlay, "n", A::Discard, true),
    b(M::SearchOverlay, "up", A::Up, false),
    b(M::SearchOverlay, "down", A::Down, false),
    b(M::SearchOverlay, "enter", A::Select, true),
    b(M::JumpOverlay, "up", A::Up, false),
    b(M::JumpOverlay, "down", A::Down, false),
    b(M::JumpOverlay, "enter", A::Select, true),
    b(M::Line, "enter", A::Confirm, true),
    b(M::Choice, "up", A::Up, false),
    b(M::Choice, "k", A::Up, false),
    b(M::Choice, "down", A::Down, false),
    b(M::Choice, "j", A::Down, false),
    b(M::Choice, "space", A::Toggle, true),
    b(M::Choice, "enter", A::Confirm, true),
    b(M::Form, "tab", A::NextPane, true),
    b(M::Form, "backtab", A::PrevPane, false),
    b(M::Form, "up", A::Up, false),
    b(M::Form, "down", A::Down, false),
    b(M::Form, "enter", A::Confirm, true),
    b(M::FormTopics, "tab", A::NextPane, true),
    b(M::FormTopics, "backtab", A::PrevPane, false),
    b(M::FormTopics, "up", A::Up, false),
    b(M::FormTopics, "down", A::Down, false),
    b(M::FormTopics, "space", A::Toggle, true),
    b(M::FormTopics, "enter", A::Confirm, true),
    b(M::Prompt, "enter", A::Confirm, true),
    b(M::Prompt, "esc", A::Back, true),
    b(M::ConfirmOverlay, "enter", A::Confirm, true),
    b(M::ConfirmOverlay, "esc", A::Back, true),
    // Nothing closes this window but a save, a copy, or losing the text
    // on purpose (asked twice).
    b(M::StrandedOverlay, "r", A::Retry, true),
    b(M::StrandedOverlay, "w", A::SaveCopy, true),
    b(M::StrandedOverlay, "X", A::LoseText, true),
    b(M::Editor, "esc", A::Back, true),
    b(M::Editor, "f1", A::ToggleHelp, true),
    b(M::Editor, "ctrl-c", A::Quit, false),
    b(M::Editor, "ctrl-z", A::Suspend, false),
    b(M::Editor, "ctrl-s", A::SaveCopy, false),
    b(M::Editor, "ctrl-u", A::DeleteToLineStart, false),
    b(M::Editor, "ctrl-k", A::DeleteToLineEnd, false),
    b(M::Editor, "ctrl-w", A::DeleteWordBack, false),
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
        s if s.len() > 1 && s.starts_with('f') => KeyCode::F(s[1..].parse().ok()?),
        _ => return None,
    };
    Some(KeyEvent::new(code, mods))
}

fn normalise(ev: KeyEvent) -> (KeyCode, KeyModifiers) {
    // Terminals report '?' or 'S' with or without SHIFT, and BackTab with it;
    // compare characters without SHIFT.
    let mods = match ev.code {
        KeyCode::Char(_) | KeyCode::BackTab => ev.modifiers - KeyModifiers::SHIFT,
        _ => ev.modifiers,
    };
    let code = match ev.code {
        KeyCode::Char(c) if mods.contains(KeyModifiers::CONTROL) => {
            KeyCode::Char(c.to_ascii_lowercase())
        }
        c => c,
    };
    (code, mods)
}

type KeyId = (KeyCode, KeyModifiers);

/// The table, parsed once: (mode, key) → action.
static PARSED: std::sync::LazyLock<HashMap<(Mode, KeyId), Action>> =
    std::sync::LazyLock::new(|| {
        BINDINGS
            .iter()
            .filter_map(|b| Some(((b.mode, normalise(parse_key(b.key)?)), b.action)))
            .collect()
    });

/// The action bound to `ev` in `mode` or, failing that, in its fallbacks.
pub fn lookup(mode: Mode, ev: KeyEvent) -> Option<Action> {
    let want = normalise(ev);
    let mut m = Some(mode);
    while let Some(cur) = m {
        if let Some(a) = PARSED.get(&(cur, want)) {
            return Some(*a);
        }
        m = cur.fallback();
    }
    None
}

/// Bindings in effect in `mode`, in table order: its own and its
/// fallbacks', without those a nearer mode binds the same key over.
pub fn bindings_for(mode: Mode) -> impl Iterator<Item = &'static Binding> {
    let chain: Vec<Mode> = std::iter::successors(Some(mode), |m| m.fallback()).collect();
    let mut winner: HashMap<KeyId, Mode> = HashMap::new();
    for m in chain.iter().rev() {
        for b in BINDINGS.iter().filter(|b| b.mode == *m) {
            if let Some(k) = parse_key(b.key) {
                winner.insert(normalise(k), *m);
            }
        }
    }
    BINDINGS.iter().filter(move |b| {
        chain.contains(&b.mode)
            && parse_key(b.key).is_some_and(|k| winner.get(&normalise(k)) == Some(&b.mode))
    })
}

/// A mode's heading in the help, in the user's language.
pub fn mode_title(mode: Mode, s: &Strings) -> &str {
    let t = &s.tui;
    match mode {
        M::Global => &t.mode_global,
        M::Home => &t.mode_home,
        M::Interview => &t.mode_interview,
        M::Review => &t.mode_review,
        M::Sessions => &t.mode_sessions,
        M::HelpOverlay => &t.mode_help,
        M::PassageOverlay => &t.mode_passage,
        M::TimelineOverlay => &t.mode_timeline,
        M::MessageOverlay => &t.mode_message,
        M::SubmitOverlay => &t.mode_submit,
        M::RecoverOverlay => &t.mode_recover,
        M::SearchOverlay => &t.mode_search,
        M::JumpOverlay => &t.mode_jump,
        M::Line => &t.mode_line,
        M::Text => &t.mode_text,
        M::Choice => &t.mode_choice,
        M::Form => &t.mode_form,
        M::FormTopics => &t.mode_form_topics,
        M::Prompt => &s.lifecycle.mode_prompt,
        M::ConfirmOverlay => &s.lifecycle.confirm_title,
        M::StrandedOverlay => &s.leaving.title,
        M::Editor => &t.mode_editor,
    }
}

/// The description of an action in the user's language.
pub fn describe(action: Action, s: &Strings) -> &str {
    let t = &s.tui;
    match action {
        A::Quit => &t.key_quit,
        A::Suspend => &t.key_suspend,
        A::ToggleHelp => &t.key_help,
        A::Up => &t.key_up,
        A::Down => &t.key_down,
        A::PageUp => &t.key_page_up,
        A::PageDown => &t.key_page_down,
        A::Select => &t.key_select,
        A::Back => &t.key_back,
        A::NextPane => &t.key_next_pane,
        A::PrevPane => &t.key_prev_pane,
        A::Filter => &t.key_filter,
        A::ToggleLang => &t.key_lang,
        A::Edit => &t.key_edit,
        A::EditNote => &t.key_note,
        A::EditSessionNote => &t.key_session_note,
        A::ToggleGuidance => &t.key_guidance,
        A::ToggleRussian => &t.key_russian,
        A::ToggleFlag => &t.key_flag,
        A::CycleStatus => &t.key_status,
        A::AddInstance => &t.key_add_instance,
        A::RemoveInstance => &t.key_remove_instance,
        A::Search => &t.key_search,
        A::QuickJump => &t.key_jump,
        A::OpenSection => &t.key_open,
        A::Cite => &t.key_cite,
        A::Submit => &t.key_submit,
        A::Reopen => &s.lifecycle.key_reopen,
        A::Amend => &s.lifecycle.key_amend,
        A::SaveCopy => &t.key_save_copy,
        A::Comment => &t.key_comment,
        A::CommentSession => &t.key_comment_session,
        A::Approve => &t.key_approve,
        A::ReturnForWork => &t.key_return,
        A::Timeline => &t.key_timeline,
        A::SortNext => &t.key_sort,
        A::Confirm => &t.key_confirm,
        A::Toggle => &t.key_toggle,
        A::Discard => &t.key_discard,
        A::Close => &t.key_close,
        A::First => &t.key_first,
        A::Last => &t.key_last,
        A::NextRequired => &t.key_next_required,
        A::NextFlagged => &t.key_next_flagged,
        A::NextCommented => &t.key_next_commented,
        A::DeleteToLineStart => &t.key_delete_to_start,
        A::DeleteToLineEnd => &t.key_delete_to_end,
        A::DeleteWordBack => &t.key_delete_word,
        A::Retry => &s.leaving.key_retry,
        A::LoseText => &s.leaving.key_lose,
    }
}

#[cfg(test)]
mod tests;
