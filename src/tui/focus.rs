//! Which keymap mode has the keyboard: one mapping from the app's screen,
//! overlay and editor to a `Mode`, read by the runtime (to look keys up),
//! by `update` (to leave editors) and by the views (footer and help).

use super::app::{App, FormField, Overlay, PromptPurpose, Screen};
use super::editor::Editor;
use super::keymap::Mode;

pub fn mode(app: &App) -> Mode {
    if let Some(overlay) = &app.overlay {
        return match overlay {
            Overlay::Help { .. } => Mode::HelpOverlay,
            Overlay::Search(_) => Mode::SearchOverlay,
            Overlay::Jump(_) => Mode::JumpOverlay,
            Overlay::Passage { .. } => Mode::PassageOverlay,
            Overlay::Submit { .. } => Mode::SubmitOverlay,
            Overlay::Prompt(p) => match p.purpose {
                PromptPurpose::SaveCopy | PromptPurpose::AmendSource { .. } => Mode::Line,
                PromptPurpose::Comment { .. }
                | PromptPurpose::ReturnReason
                | PromptPurpose::ReopenReason
                | PromptPurpose::AmendText { .. } => Mode::Prompt,
            },
            Overlay::Confirm { .. } => Mode::ConfirmOverlay,
            Overlay::Timeline { .. } => Mode::TimelineOverlay,
            Overlay::Message(_) => Mode::MessageOverlay,
            Overlay::Recover { .. } => Mode::RecoverOverlay,
            Overlay::Stranded => Mode::StrandedOverlay,
        };
    }
    screen_mode(app)
}

/// The mode of the screen under any overlay.
pub fn screen_mode(app: &App) -> Mode {
    match &app.screen {
        Screen::Home(h) if h.filtering => Mode::Line,
        Screen::Home(_) => Mode::Home,
        Screen::NewInterview(f) => match f.field {
            FormField::Topics => Mode::FormTopics,
            FormField::CaseRef | FormField::Interviewer | FormField::Filter => Mode::Form,
        },
        Screen::Sessions(s) if s.filtering => Mode::Line,
        Screen::Sessions(_) => Mode::Sessions,
        Screen::Interview(i) => match &i.editor {
            Some(Editor::Choice { .. }) => Mode::Choice,
            Some(Editor::Line { .. }) => Mode::Line,
            Some(Editor::Long { .. } | Editor::Note { .. } | Editor::SessionNote { .. }) => {
                Mode::Text
            }
            None if i.review => Mode::Review,
            None => Mode::Interview,
        },
    }
}

/// An editor or input has focus whose contents a quit must keep.
pub fn editing(app: &App) -> bool {
    mode(app).fallback() == Some(Mode::Editor)
}
