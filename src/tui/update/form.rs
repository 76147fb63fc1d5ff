//! The new-interview form: case reference, interviewer, topics or a profile.

use super::{Effect, Msg, paste_into};
use crate::notes::Session;
use crate::tui::action::Action;
use crate::tui::app::{App, FormField, HomeState, PickItem, Screen, input_text, line_input};
use crate::tui::filter;

pub fn update(app: &mut App, msg: Msg) -> Option<Effect> {
    let items = filter::pick_items(app);
    let s = app.strings();
    let lang = app.lang;
    let clock = app.clock.clone();
    let cat = &app.data.catalog;
    let Screen::NewInterview(f) = &mut app.screen else {
        return None;
    };
    match msg {
        Msg::Act(Action::Back) => {
            app.screen = Screen::Home(HomeState {
                menu: 0,
                list: None,
                filter: line_input(""),
                filtering: false,
            });
        }
        Msg::Paste(text) => match f.field {
            FormField::CaseRef => paste_into(&mut f.case_ref, &text, true),
            FormField::Interviewer => paste_into(&mut f.interviewer, &text, true),
            FormField::Filter => paste_into(&mut f.filter, &text, true),
            FormField::Topics => {}
        },
        Msg::Act(Action::NextPane) => f.field = next(f.field),
        Msg::Act(Action::PrevPane) => f.field = prev(f.field),
        Msg::Act(Action::Up) if f.field == FormField::Topics => {
            if f.cursor == 0 {
                f.field = FormField::Filter;
            } else {
                f.cursor -= 1;
            }
        }
        Msg::Act(Action::Down) if f.field == FormField::Topics => {
            f.cursor = (f.cursor + 1).min(items.len().saturating_sub(1));
        }
        Msg::Act(Action::Down) => f.field = next(f.field),
        Msg::Act(Action::Up) => f.field = prev(f.field),
        Msg::Act(Action::Toggle) => {
            if let Some(item) = items.get(f.cursor) {
                toggle(&mut f.picked, item, cat);
            }
        }
        Msg::Act(Action::Confirm) if f.field != FormField::Topics => f.field = next(f.field),
        Msg::Act(Action::Confirm) => {
            if f.picked.is_empty()
                && let Some(item) = items.get(f.cursor)
            {
                toggle(&mut f.picked, item, cat);
            }
            let case_ref = crate::sanitize::clean_line(&input_text(&f.case_ref))
                .trim()
                .to_string();
            let interviewer = crate::sanitize::clean_line(&input_text(&f.interviewer))
                .trim()
                .to_string();
            if case_ref.is_empty() {
                f.error = Some(s.tui.form_need_case.clone());
                f.field = FormField::CaseRef;
            } else if interviewer.is_empty() {
                f.error = Some(s.tui.form_need_interviewer.clone());
                f.field = FormField::Interviewer;
            } else if f.picked.is_empty() {
                f.error = Some(s.tui.form_need_topics.clone());
            } else {
                let qns: Vec<&crate::questionnaire::Questionnaire> =
                    f.picked.iter().map(|&i| &cat.questionnaires[i]).collect();
                return Some(Effect::Create(Box::new(Session::new(
                    case_ref,
                    interviewer,
                    lang,
                    crate::interview::uses(&qns),
                    &clock,
                ))));
            }
        }
        Msg::Input(key) => {
            let input = match f.field {
                FormField::CaseRef => &mut f.case_ref,
                FormField::Interviewer => &mut f.interviewer,
                FormField::Filter => &mut f.filter,
                FormField::Topics => {
                    // Typing in the list filters it.
                    f.field = FormField::Filter;
                    &mut f.filter
                }
            };
            input.input(key);
            if f.field == FormField::Filter {
                f.cursor = 0;
            }
        }
        _ => {}
    }
    None
}

fn next(f: FormField) -> FormField {
    match f {
        FormField::CaseRef => FormField::Interviewer,
        FormField::Interviewer => FormField::Filter,
        FormField::Filter => FormField::Topics,
        FormField::Topics => FormField::CaseRef,
    }
}

fn prev(f: FormField) -> FormField {
    match f {
        FormField::CaseRef => FormField::Topics,
        FormField::Interviewer => FormField::CaseRef,
        FormField::Filter => FormField::Interviewer,
        FormField::Topics => FormField::Filter,
    }
}

/// A profile replaces the selection with its topics; a topic toggles.
fn toggle(picked: &mut Vec<usize>, item: &PickItem, cat: &crate::questionnaire::Catalog) {
    match item {
        PickItem::Profile(p) => {
            *picked = cat.profiles[*p]
                .topics
                .iter()
                .filter_map(|t| cat.questionnaires.iter().position(|q| &q.id == t))
                .collect();
        }
        PickItem::Topic(t) => {
            if let Some(pos) = picked.iter().position(|x| x == t) {
                picked.remove(pos);
            } else {
                picked.push(*t);
            }
        }
    }
}
