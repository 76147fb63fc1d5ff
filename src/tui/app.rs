//! The application state and `update`: pure, no I/O. Effects that need I/O
//! are returned to the loop.

use super::action::Action;
use crate::i18n::{Lang, Strings};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HomeItem {
    New,
    Resume,
    Review,
    Quit,
}

impl HomeItem {
    pub const ALL: [HomeItem; 4] = [
        HomeItem::New,
        HomeItem::Resume,
        HomeItem::Review,
        HomeItem::Quit,
    ];
}

/// What the loop must do after an update.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    Quit,
}

pub struct App {
    pub lang: Lang,
    pub home_selected: usize,
    pub show_help: bool,
    pub status: Option<String>,
}

impl App {
    pub fn new(lang: Lang) -> App {
        App {
            lang,
            home_selected: 0,
            show_help: false,
            status: None,
        }
    }

    pub fn strings(&self) -> &'static Strings {
        Strings::get(self.lang)
    }
}

pub fn update(app: &mut App, action: Action) -> Option<Effect> {
    match action {
        Action::Quit => return Some(Effect::Quit),
        Action::ToggleHelp => app.show_help = !app.show_help,
        Action::Up => app.home_selected = app.home_selected.saturating_sub(1),
        Action::Down => app.home_selected = (app.home_selected + 1).min(HomeItem::ALL.len() - 1),
        Action::Select => {
            if HomeItem::ALL[app.home_selected] == HomeItem::Quit {
                return Some(Effect::Quit);
            }
            app.status = Some(crate::i18n::fill(
                &app.strings().error.not_built,
                &[("command", "interview")],
            ));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn navigation_is_clamped() {
        let mut app = App::new(Lang::En);
        update(&mut app, Action::Up);
        assert_eq!(app.home_selected, 0);
        for _ in 0..10 {
            update(&mut app, Action::Down);
        }
        assert_eq!(app.home_selected, HomeItem::ALL.len() - 1);
        assert_eq!(update(&mut app, Action::Select), Some(Effect::Quit));
    }

    #[test]
    fn help_toggles() {
        let mut app = App::new(Lang::Nl);
        assert_eq!(update(&mut app, Action::ToggleHelp), None);
        assert!(app.show_help);
        update(&mut app, Action::ToggleHelp);
        assert!(!app.show_help);
    }
}
