//! Styles. `Auto` uses only attributes and the terminal's own foreground and
//! a few ANSI colours that read on light and dark backgrounds; NO_COLOR turns
//! every colour off and keeps bold/reverse/underline, which carry the meaning.

use ratatui::style::{Color, Modifier, Style};

use crate::config::Theme;

#[derive(Debug, Clone, Copy)]
pub struct Palette {
    pub color: bool,
    pub theme: Theme,
}

impl Palette {
    pub fn new(theme: Theme, no_color: bool) -> Palette {
        Palette {
            color: !no_color,
            theme,
        }
    }

    /// NO_COLOR is respected when set to any non-empty value (no-color.org).
    pub fn from_env(theme: Theme) -> Palette {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Palette::new(theme, no_color)
    }

    fn fg(&self, c: Color) -> Style {
        if self.color {
            Style::new().fg(c)
        } else {
            Style::new()
        }
    }

    pub fn title(&self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    pub fn selected(&self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }

    pub fn focus_border(&self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }

    pub fn dim(&self) -> Style {
        Style::new().add_modifier(Modifier::DIM)
    }

    pub fn ok(&self) -> Style {
        self.fg(match self.theme {
            Theme::Light => Color::Green,
            _ => Color::LightGreen,
        })
    }

    pub fn warn(&self) -> Style {
        self.fg(match self.theme {
            Theme::Light => Color::Magenta,
            _ => Color::Yellow,
        })
        .add_modifier(Modifier::BOLD)
    }

    pub fn error(&self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }

    pub fn highlight(&self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::UNDERLINED)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_color_keeps_meaning_in_attributes() {
        let p = Palette::new(Theme::Auto, true);
        assert_eq!(p.warn().fg, None);
        assert!(p.warn().add_modifier.contains(Modifier::BOLD));
        let p = Palette::new(Theme::Auto, false);
        assert!(p.warn().fg.is_some());
    }
}
