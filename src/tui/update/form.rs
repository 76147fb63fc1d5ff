//! The new-interview form: case reference, interviewer, topics or a profile.

use super::{Effect, Msg, paste_into};
use crate::notes::Session;
use crate::tui::action::Action;
use crate::tui::app::{App, FormField, HomeState, PickItem, Screen, input_text, line_input};
use crate::tui::filter;

pub fn update(app: &mut App, msg: Msg) -> Option<Effect> {
    let items = filter::pick_items(app);
    let s = app.strings();
    let sessions = &app.sessions;
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
            } else if f.warned.as_deref() != Some(case_ref.as_str())
                && let Some(warning) = intake_warning(&case_ref, sessions, s)
            {
                // Said once; Enter again means the interviewer read it.
                f.error = Some(warning);
                f.warned = Some(case_ref);
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

/// What to say before creating a session for `case_ref`: it looks like
/// personal data, or the case already has sessions.
fn intake_warning(
    case_ref: &str,
    sessions: &[crate::notes::ListEntry],
    s: &crate::i18n::Strings,
) -> Option<String> {
    use crate::notes::PersonalData;
    let t = &s.intake;
    let personal = crate::notes::personal_data(case_ref).map(|p| {
        let template = match p {
            PersonalData::Name => &t.looks_like_name,
            PersonalData::BirthDate => &t.looks_like_birth_date,
            PersonalData::NameAndBirthDate => &t.looks_like_both,
        };
        format!(
            "{} {}",
            crate::i18n::fill(template, &[("case", case_ref)]),
            t.pseudonym_hint
        )
    });
    let same = sessions
        .iter()
        .filter(|e| match e {
            crate::notes::ListEntry::Session(x) => {
                x.case_ref.trim().eq_ignore_ascii_case(case_ref.trim())
            }
            _ => false,
        })
        .count();
    let existing = (same > 0).then(|| {
        crate::i18n::fill(
            &t.case_has_sessions,
            &[("case", case_ref), ("count", &same.to_string())],
        )
    });
    let parts: Vec<String> = personal.into_iter().chain(existing).collect();
    (!parts.is_empty()).then(|| format!("{} ({})", parts.join(" "), s.tui.form_enter_again))
}
