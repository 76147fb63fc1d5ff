use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, List, ListItem, ListState, Paragraph};

use super::with_footer;
use crate::tui::app::{App, FormField, FormState, PickItem};
use crate::tui::filter;

fn input_block<'a>(app: &App, title: &'a str, focused: bool) -> Block<'a> {
    let b = Block::bordered().title(title);
    if focused {
        b.border_style(app.palette.focus_border())
    } else {
        b
    }
}

pub fn render(app: &App, f: &FormState, frame: &mut Frame, area: Rect) {
    let s = app.strings();
    let (main, foot) = with_footer(area);
    let [case_a, who_a, filter_a, list_a, err_a] = Layout::vertical([
        Constraint::Length(3),
        Constraint::Length(3),
        Constraint::Length(3),
        Constraint::Min(3),
        Constraint::Length(1),
    ])
    .areas(main);
    let field = |w: &ratatui_textarea::TextArea<'static>,
                 title: &str,
                 which: FormField,
                 area: Rect,
                 frame: &mut Frame| {
        let mut t = w.clone();
        t.set_block(input_block(app, title, f.field == which));
        if f.field != which {
            t.set_cursor_style(ratatui::style::Style::new());
        }
        frame.render_widget(&t, area);
    };
    field(
        &f.case_ref,
        &s.tui.form_case,
        FormField::CaseRef,
        case_a,
        frame,
    );
    field(
        &f.interviewer,
        &s.tui.form_interviewer,
        FormField::Interviewer,
        who_a,
        frame,
    );
    field(
        &f.filter,
        &s.tui.form_filter,
        FormField::Filter,
        filter_a,
        frame,
    );

    let cat = &app.data.catalog;
    let items: Vec<ListItem> = filter::pick_items(app)
        .iter()
        .map(|item| match item {
            PickItem::Profile(i) => {
                let p = &cat.profiles[*i];
                ListItem::new(Line::from(vec![
                    Span::styled(format!("{} ", s.tui.form_profile), app.palette.title()),
                    Span::raw(crate::sanitize::Clean::line(p.title.get(app.lang))),
                    Span::styled(format!("  ({})", p.topics.join(", ")), app.palette.dim()),
                ]))
            }
            PickItem::Topic(i) => {
                let q = &cat.questionnaires[*i];
                let pos = f.picked.iter().position(|p| p == i);
                let mark = pos.map_or("[ ]".to_string(), |n| format!("[{}]", n + 1));
                ListItem::new(format!(
                    "{mark} {}",
                    crate::sanitize::Clean::line(q.title.get(app.lang))
                ))
            }
        })
        .collect();
    let mut state =
        ListState::default().with_selected((f.field == FormField::Topics).then_some(f.cursor));
    frame.render_stateful_widget(
        List::new(items)
            .block(input_block(
                app,
                &s.tui.form_topics,
                f.field == FormField::Topics,
            ))
            .highlight_style(app.palette.selected())
            .highlight_symbol("> "),
        list_a,
        &mut state,
    );
    if let Some(e) = &f.error {
        frame.render_widget(Line::styled(e.as_str(), app.palette.error()), err_a);
    }
    frame.render_widget(
        Paragraph::new(Line::styled(s.tui.form_help.as_str(), app.palette.dim())),
        foot,
    );
}
