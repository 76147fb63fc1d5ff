//! The supervisor's sessions table.

use super::{Effect, Msg, paste_into};
use crate::tui::action::Action;
use crate::tui::app::{App, HomeState, Screen, SortKey, line_input};
use crate::tui::filter;

pub fn update(app: &mut App, msg: Msg) -> Option<Effect> {
    let rows: Vec<String> = filter::table(app)
        .iter()
        .map(|s| s.id.to_string())
        .collect();
    let Screen::Sessions(st) = &mut app.screen else {
        return None;
    };
    match msg {
        Msg::Act(Action::Filter) => st.filtering = true,
        Msg::Act(Action::Back | Action::Confirm) if st.filtering => st.filtering = false,
        Msg::Act(Action::Back) => {
            app.screen = Screen::Home(HomeState {
                menu: 1,
                list: None,
                filter: line_input(""),
                filtering: false,
            });
        }
        Msg::Input(k) if st.filtering => {
            st.filter.input(k);
            st.cursor = 0;
        }
        Msg::Paste(text) if st.filtering => paste_into(&mut st.filter, &text, true),
        Msg::Act(Action::Up) => st.cursor = st.cursor.saturating_sub(1),
        Msg::Act(Action::Down) => st.cursor = (st.cursor + 1).min(rows.len().saturating_sub(1)),
        Msg::Scroll { down } => {
            st.cursor = if down {
                (st.cursor + 1).min(rows.len().saturating_sub(1))
            } else {
                st.cursor.saturating_sub(1)
            }
        }
        Msg::Act(Action::SortNext) => {
            st.sort = match st.sort {
                SortKey::Updated => SortKey::Status,
                SortKey::Status => SortKey::Case,
                SortKey::Case => SortKey::Interviewer,
                SortKey::Interviewer => SortKey::Updated,
            };
            st.cursor = 0;
        }
        Msg::Act(Action::Select) => {
            app.table_cursor = st.cursor;
            return rows.get(st.cursor).map(|id| Effect::Load {
                id: id.clone(),
                review: true,
            });
        }
        Msg::Click { row, .. } => {
            // Two header rows (border and column titles) precede the first session.
            let r = row.saturating_sub(2) as usize;
            if r < rows.len() {
                st.cursor = r;
            }
        }
        _ => {}
    }
    None
}
