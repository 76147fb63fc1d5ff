use super::{Effect, Msg};
use crate::tui::action::Action;
use crate::tui::app::{
    App, FormField, FormState, HomeItem, Screen, SessionsState, SortKey, line_input,
};
use crate::tui::filter;

pub fn update(app: &mut App, msg: Msg) -> Option<Effect> {
    let visible = filter::home_sessions(app);
    let user = app.data.user_name.clone();
    let invalid = app.data.invalid.clone();
    let Screen::Home(h) = &mut app.screen else {
        return None;
    };
    match msg {
        Msg::Act(Action::Filter) => {
            h.filtering = true;
            h.list = Some(0);
        }
        Msg::Act(Action::Back | Action::Confirm) if h.filtering => h.filtering = false,
        Msg::Act(Action::Back) => h.list = None,
        Msg::Input(key) if h.filtering => {
            h.filter.input(key);
            h.list = Some(0);
        }
        Msg::Paste(text) if h.filtering => super::paste_into(&mut h.filter, &text, true),
        Msg::Act(Action::NextPane | Action::PrevPane) => {
            h.list = match h.list {
                None if !visible.is_empty() => Some(0),
                _ => None,
            };
        }
        Msg::Act(Action::Up) => match &mut h.list {
            Some(0) => h.list = None,
            Some(i) => *i -= 1,
            None => h.menu = h.menu.saturating_sub(1),
        },
        Msg::Act(Action::Down) => match &mut h.list {
            Some(i) => *i = (*i + 1).min(visible.len().saturating_sub(1)),
            None if h.menu + 1 < HomeItem::ALL.len() => h.menu += 1,
            None if !visible.is_empty() => h.list = Some(0),
            None => {}
        },
        Msg::Act(Action::Select) => {
            h.filtering = false;
            if let Some(i) = h.list {
                return visible.get(i).map(|id| Effect::Load {
                    id: id.clone(),
                    review: false,
                });
            }
            match HomeItem::ALL[h.menu] {
                HomeItem::New => {
                    if let Some(diag) = invalid {
                        app.overlay = Some(crate::tui::app::Overlay::Message(diag));
                        return None;
                    }
                    app.screen = Screen::NewInterview(Box::new(FormState {
                        case_ref: line_input(""),
                        interviewer: line_input(&user),
                        filter: line_input(""),
                        field: FormField::CaseRef,
                        cursor: 0,
                        picked: Vec::new(),
                        error: None,
                        warned: None,
                    }));
                }
                HomeItem::Review => {
                    app.screen = Screen::Sessions(SessionsState {
                        cursor: 0,
                        filter: line_input(""),
                        filtering: false,
                        sort: SortKey::Updated,
                    });
                    return Some(Effect::ListSessions);
                }
                HomeItem::Quit => return Some(Effect::Quit),
            }
        }
        Msg::Click { row, .. } => {
            // The menu starts one row below the top border.
            let r = row as usize;
            if (1..=HomeItem::ALL.len()).contains(&r) {
                h.menu = r - 1;
                h.list = None;
            }
        }
        Msg::Scroll { down } => {
            return update(app, Msg::Act(if down { Action::Down } else { Action::Up }));
        }
        _ => {}
    }
    None
}
