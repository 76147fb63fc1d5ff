//! The screen as text, for tests that look for words on it: one line per
//! row, trailing blanks trimmed.

use gehoor::tui::app::App;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;

pub fn text(buf: &Buffer) -> String {
    let mut out = String::new();
    for y in 0..buf.area.height {
        let line: String = (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect();
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// `app` drawn on a `w`×`h` terminal.
pub fn render(app: &App, w: u16, h: u16) -> String {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| {
        gehoor::tui::view::render(app, f);
    })
    .unwrap();
    text(t.backend().buffer())
}
