//! Widgets that only read the `App`.

mod edition;
mod form;
pub mod help;
mod home;
mod interview;
mod overlay;
mod sessions;
mod stranded;
mod text;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::app::{App, FrameLayout, Overlay, Screen};
use super::keymap::{self, Mode};

pub use home::status_label;
pub use interview::{InterviewLayout, interview_layout};

pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;

/// Draw the whole frame; returns where the panes went (the runtime stores
/// it for clicks and scrolling, so nothing computes it twice).
pub fn render(app: &App, frame: &mut Frame) -> FrameLayout {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        too_small(app, frame, area);
        return FrameLayout::default();
    }
    let layout = match &app.screen {
        Screen::Home(h) => {
            home::render(app, h, frame, area);
            FrameLayout::default()
        }
        Screen::NewInterview(f) => {
            form::render(app, f, frame, area);
            FrameLayout::default()
        }
        Screen::Interview(i) => interview::render(app, i, frame, area),
        Screen::Sessions(s) => {
            sessions::render(app, s, frame, area);
            FrameLayout::default()
        }
    };
    match &app.overlay {
        None => {}
        Some(Overlay::Help { scroll }) => help::render(app, *scroll, frame, area),
        Some(o) => overlay::render(app, o, frame, area, &layout),
    }
    layout
}

fn too_small(app: &App, frame: &mut Frame, area: Rect) {
    let msg = crate::i18n::fill(
        &app.strings().tui.too_small,
        &[
            ("w", &MIN_WIDTH.to_string()),
            ("h", &MIN_HEIGHT.to_string()),
            ("cw", &area.width.to_string()),
            ("ch", &area.height.to_string()),
        ],
    );
    frame.render_widget(
        Paragraph::new(Line::from(msg)).wrap(Wrap { trim: true }),
        area,
    );
}

/// The footer: the hinted bindings of the current mode, from the keymap table.
pub fn footer(app: &App, mode: Mode, frame: &mut Frame, area: Rect) {
    let s = app.strings();
    let mut spans = Vec::new();
    let mut shown: Vec<&keymap::Binding> = keymap::bindings_for(mode)
        .filter(|b| hinted(app, b))
        // Quit and help do not work there: only its own keys are offered.
        .filter(|b| mode != Mode::StrandedOverlay || b.mode == mode)
        .collect();
    // What the focused pane offers comes first, before the line is cut.
    let on_sources = app
        .interview()
        .is_some_and(|st| st.focus == super::app::Pane::Sources);
    shown.sort_by_key(|b| {
        !(on_sources
            && matches!(
                b.action,
                super::action::Action::Cite | super::action::Action::OpenSection
            ))
    });
    for b in shown {
        if !spans.is_empty() {
            spans.push(Span::styled("  ", Style::new()));
        }
        spans.push(Span::styled(b.key, app.palette.title()));
        spans.push(Span::styled(
            format!(" {}", keymap::describe(b.action, s)),
            app.palette.dim(),
        ));
    }
    frame.render_widget(Line::from(spans), area);
}

/// Whether the footer offers a binding where the focus is now: citing and
/// opening passages when the sources pane has focus, and nothing that
/// changes a read-only session.
fn hinted(app: &App, b: &keymap::Binding) -> bool {
    use super::action::Action as A;
    let (read_only, on_sources) = app.interview().map_or((false, false), |st| {
        (st.read_only, st.focus == super::app::Pane::Sources)
    });
    match b.action {
        A::Cite => !read_only && (b.hint || on_sources),
        A::OpenSection => on_sources || b.hint,
        A::Edit
        | A::EditNote
        | A::EditSessionNote
        | A::ToggleFlag
        | A::CycleStatus
        | A::AddInstance
        | A::RemoveInstance
        | A::Submit
        | A::SaveCopy => b.hint && !read_only,
        _ => b.hint,
    }
}

/// Split off one line at the bottom for the footer.
pub fn with_footer(area: Rect) -> (Rect, Rect) {
    let [main, foot] = Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(area);
    (main, foot)
}

/// While a corpus folder's passages are embedded, searches rank by words
/// only: the source pane and the search window say so, with the count.
pub fn semantic_pending(app: &App) -> Option<String> {
    let (done, total) = app.embedding?;
    Some(crate::i18n::fill(
        &app.strings().tui.semantic_pending,
        &[("done", &done.to_string()), ("total", &total.to_string())],
    ))
}
