//! Moving around the interview screen: the cursor in the tree, the focused
//! pane, the source list, clicks and the scroll wheel.

use super::{Effect, Msg};
use crate::tui::action::Action;
use crate::tui::app::{App, Pane};

pub(super) fn update(app: &mut App, msg: Msg) -> Option<Effect> {
    let layout = app.layout;
    let st = app.interview_mut()?;
    let last_row = st.rows.len().saturating_sub(1);
    match msg {
        Msg::Act(Action::Up) => match st.focus {
            Pane::Sources => st.source_cursor = st.source_cursor.saturating_sub(1),
            Pane::Tree | Pane::Question => st.cursor = st.cursor.saturating_sub(1),
        },
        Msg::Act(Action::Down) => match st.focus {
            Pane::Sources => {
                st.source_cursor = (st.source_cursor + 1).min(st.sources.len().saturating_sub(1));
            }
            Pane::Tree | Pane::Question => st.cursor = (st.cursor + 1).min(last_row),
        },
        Msg::Act(Action::PageUp) => match st.focus {
            Pane::Sources => st.source_scroll = st.source_scroll.saturating_sub(10),
            Pane::Tree | Pane::Question => st.cursor = st.cursor.saturating_sub(10),
        },
        Msg::Act(Action::PageDown) => match st.focus {
            Pane::Sources => st.source_scroll = st.source_scroll.saturating_add(10),
            Pane::Tree | Pane::Question => st.cursor = (st.cursor + 10).min(last_row),
        },
        Msg::Act(Action::NextPane) => {
            st.focus = match st.focus {
                Pane::Tree => Pane::Question,
                Pane::Question => Pane::Sources,
                Pane::Sources => Pane::Tree,
            }
        }
        Msg::Act(Action::PrevPane) => {
            st.focus = match st.focus {
                Pane::Tree => Pane::Sources,
                Pane::Question => Pane::Tree,
                Pane::Sources => Pane::Question,
            }
        }
        Msg::Click { col, row } => {
            let at = (col, row).into();
            if layout.tree.contains(at) {
                st.focus = Pane::Tree;
                let r = (row.saturating_sub(layout.tree.y + 1)) as usize + st.tree_offset;
                if r < st.rows.len() {
                    st.cursor = r;
                }
            } else if layout.question.contains(at) {
                st.focus = Pane::Question;
            } else if layout.sources.contains(at) {
                st.focus = Pane::Sources;
            }
        }
        Msg::Scroll { down } => match st.focus {
            Pane::Sources => {
                st.source_scroll = if down {
                    st.source_scroll.saturating_add(3)
                } else {
                    st.source_scroll.saturating_sub(3)
                }
            }
            Pane::Tree | Pane::Question => {
                st.cursor = if down {
                    (st.cursor + 1).min(last_row)
                } else {
                    st.cursor.saturating_sub(1)
                }
            }
        },
        _ => {}
    }
    None
}

/// Scroll the tree only as far as needed to keep the cursor on screen, as a
/// list the user scrolls by hand would. The height is the last frame's.
pub fn scroll_tree(app: &mut App) {
    if app.layout.tree.height == 0 {
        // No frame drawn yet: the first one sets the height.
        return;
    }
    let inner = (app.layout.tree.height.saturating_sub(2) as usize).max(1);
    let Some(st) = app.interview_mut() else {
        return;
    };
    if st.cursor < st.tree_offset {
        st.tree_offset = st.cursor;
    } else if st.cursor >= st.tree_offset + inner {
        st.tree_offset = st.cursor + 1 - inner;
    }
}
