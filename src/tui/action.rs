//! The vocabulary of everything a user can do; keys map to these.

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    Quit,
    ToggleHelp,
    Up,
    Down,
    Select,
}

impl Action {
    pub const ALL: &[Action] = &[
        Action::Quit,
        Action::ToggleHelp,
        Action::Up,
        Action::Down,
        Action::Select,
    ];
}
