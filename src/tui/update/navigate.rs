//! Moving around the interview screen: the cursor in the tree, the focused
//! pane, the source list, clicks and the scroll wheel.

use super::{Effect, Msg};
use crate::tui::action::Action;
use crate::tui::app::{App, Pane};

pub(super) fn update(app: &mut App, msg: Msg) -> Option<Effect> {
    if let Msg::Act(a @ (Action::NextRequired | Action::NextFlagged | Action::NextCommented)) = msg
    {
        next_matching(app, a);
        return None;
    }
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
        Msg::Act(Action::First) => match st.focus {
            Pane::Sources => st.source_cursor = 0,
            Pane::Tree | Pane::Question => {
                st.cursor = st.rows.iter().position(|r| r.key().is_some()).unwrap_or(0)
            }
        },
        Msg::Act(Action::Last) => match st.focus {
            Pane::Sources => st.source_cursor = st.sources.len().saturating_sub(1),
            Pane::Tree | Pane::Question => st.cursor = last_row,
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
                // The selected row may wrap over several lines: the layout knows.
                if let Some(r) = layout.tree_row_at(row, st.cursor, st.tree_offset)
                    && r < st.rows.len()
                {
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

/// Move to the next question row (after the cursor, wrapping round) that
/// is an open required question, flagged, or commented on.
fn next_matching(app: &mut App, what: Action) {
    let data = app.data.clone();
    let s = app.strings();
    let Some(st) = app.interview_mut() else {
        return;
    };
    let hit = |i: usize| -> bool {
        let r = &st.rows[i];
        let (Some(key), Some(qi)) = (r.key(), r.question) else {
            return false;
        };
        let answer = st.session.answers.get(key);
        match what {
            Action::NextRequired => {
                data.catalog.questionnaires[r.qn].questions[qi].required
                    == crate::questionnaire::Required::Must
                    && !answer.is_some_and(|a| a.is_answered())
            }
            Action::NextFlagged => answer.is_some_and(|a| a.flagged),
            _ => st
                .session
                .comments
                .iter()
                .any(|c| c.target.as_deref() == Some(key)),
        }
    };
    let n = st.rows.len();
    let found = (1..=n)
        .map(|d| (st.cursor + d) % n.max(1))
        .find(|&i| hit(i));
    match found {
        Some(i) => {
            st.cursor = i;
            st.focus = Pane::Tree;
        }
        None => {
            app.status = Some(crate::i18n::fill(
                &s.tui.advanced_to,
                &[("what", crate::tui::keymap::describe(what, s))],
            ));
        }
    }
}

/// After a confirmed answer, on to the next question (follow-ups the
/// answer opened come first), unless the config turned this off.
pub(super) fn advance(app: &mut App) {
    if !app.advance {
        return;
    }
    let Some(st) = app.interview_mut() else {
        return;
    };
    if let Some(next) = st.rows[st.cursor + 1..]
        .iter()
        .position(|r| r.key().is_some())
    {
        st.cursor += 1 + next;
        super::interview::refresh_sources(app);
        scroll_tree(app);
    }
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
