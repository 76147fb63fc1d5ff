use super::*;
use crate::tui::view::text::{ellipsize, wrap_words};
use unicode_width::UnicodeWidthStr;

/// The selected row wraps over at most this many lines (and at most half
/// the pane, so the rows around it stay in view).
const MAX_SELECTED_LINES: usize = 10;

pub(super) fn marker(
    app: &App,
    answer: Option<&Answer>,
    required: bool,
    computed: bool,
) -> Span<'static> {
    match answer {
        // Never asked, so neither open nor answered: "=" for "derived".
        _ if computed => Span::styled("= ", app.palette.dim()),
        Some(a) if a.is_answered() && a.status != AnswerStatus::Answered => {
            Span::styled("~ ", app.palette.dim())
        }
        Some(a) if a.is_answered() => Span::styled("✓ ", app.palette.ok()),
        _ if required => Span::styled("! ", app.palette.warn()),
        _ => Span::raw("· "),
    }
}

/// The title of the repeat group a group or instance row belongs to.
pub(super) fn group_title(
    qn: &crate::questionnaire::Questionnaire,
    row: &crate::interview::Row,
    lang: crate::i18n::Lang,
) -> String {
    row.question
        .and_then(|qi| qn.questions[qi].group.as_deref())
        .and_then(|g| qn.group(g))
        .map_or(String::new(), |g| {
            crate::sanitize::Clean::line(g.title.get(lang)).into_string()
        })
}

/// Comments on answers of the questionnaire `qn_id` (a topic's count).
pub(super) fn topic_comments(st: &InterviewState, qn_id: &str) -> usize {
    st.session
        .comments
        .iter()
        .filter_map(|c| c.target.as_deref())
        .filter(|t| {
            crate::questionnaire::FullId::split(t).is_some_and(|f| f.questionnaire == qn_id)
        })
        .count()
}

/// One tree row in parts: what comes before the text (fixed width, so the
/// text starts in the same column whatever the markers), the text, and
/// what comes after it (kept whole; the text gives way).
struct RowParts {
    prefix: Vec<Span<'static>>,
    text: String,
    style: Style,
    suffix: Vec<Span<'static>>,
}

fn row_parts(app: &App, st: &InterviewState, r: &crate::interview::Row) -> RowParts {
    let cat = &app.data.catalog;
    let lang = app.lang;
    let indent = "  ".repeat(r.depth as usize);
    let qn = &cat.questionnaires[r.qn];
    match &r.kind {
        RowKind::Topic => {
            let count = topic_comments(st, &qn.id);
            RowParts {
                prefix: Vec::new(),
                text: crate::sanitize::Clean::line(qn.title.get(lang)).into_string(),
                style: app.palette.title(),
                suffix: if count > 0 {
                    vec![Span::styled(format!(" ✎{count}"), app.palette.warn())]
                } else {
                    Vec::new()
                },
            }
        }
        RowKind::Group { count, .. } => RowParts {
            prefix: vec![Span::raw(format!("{indent}⟳ "))],
            text: group_title(qn, r, lang),
            style: Style::new(),
            suffix: vec![Span::raw(format!(" ({count})"))],
        },
        RowKind::Instance { n, .. } => RowParts {
            prefix: vec![Span::raw(indent)],
            text: format!("{} {n}", group_title(qn, r, lang)),
            style: Style::new(),
            suffix: Vec::new(),
        },
        RowKind::Question { key, .. } => {
            let q = &qn.questions[r.question.unwrap_or(0)];
            let answer = st.session.answers.get(key);
            let commented = st
                .session
                .comments
                .iter()
                .any(|c| c.target.as_deref() == Some(key));
            // A two-column slot for the supervisor's ✎ and the flag ⚑,
            // blank when unused, so no marker moves the text.
            let prefix = vec![
                Span::raw(indent),
                if commented {
                    Span::styled("✎", app.palette.warn())
                } else {
                    Span::raw(" ")
                },
                if answer.is_some_and(|a| a.flagged) {
                    Span::styled("⚑", app.palette.warn())
                } else {
                    Span::raw(" ")
                },
                marker(
                    app,
                    answer,
                    q.required == Required::Must,
                    q.computed.is_some(),
                ),
            ];
            RowParts {
                prefix,
                text: crate::sanitize::Clean::line(q.text.get(lang)).into_string(),
                style: Style::new(),
                suffix: Vec::new(),
            }
        }
    }
}

fn spans_width(spans: &[Span]) -> usize {
    spans.iter().map(|s| s.content.width()).sum()
}

/// A row as a list item: one line cut with `…`, or, when selected, the
/// whole text wrapped under itself (at most `max_lines` lines).
fn row_item(parts: RowParts, width: usize, selected: bool, max_lines: usize) -> ListItem<'static> {
    let lead = spans_width(&parts.prefix);
    let room = width
        .saturating_sub(lead + spans_width(&parts.suffix))
        .max(1);
    if !selected {
        let mut spans = parts.prefix;
        spans.push(Span::styled(ellipsize(&parts.text, room), parts.style));
        spans.extend(parts.suffix);
        return ListItem::new(Line::from(spans));
    }
    let wrapped = wrap_words(&parts.text, room, max_lines);
    let last = wrapped.len() - 1;
    let mut prefix = Some(parts.prefix);
    let mut suffix = Some(parts.suffix);
    let lines: Vec<Line> = wrapped
        .into_iter()
        .enumerate()
        .map(|(i, chunk)| {
            let mut spans = prefix
                .take()
                .unwrap_or_else(|| vec![Span::raw(" ".repeat(lead))]);
            spans.push(Span::styled(chunk, parts.style));
            if i == last {
                spans.extend(suffix.take().unwrap_or_default());
            }
            Line::from(spans)
        })
        .collect();
    ListItem::new(lines)
}

/// Draws the tree; returns the first row drawn and the lines the selected
/// row took, for hit-testing clicks.
pub(super) fn tree(app: &App, st: &InterviewState, frame: &mut Frame, area: Rect) -> (usize, u16) {
    let s = app.strings();
    let width = area.width.saturating_sub(2) as usize;
    let max_lines = (area.height.saturating_sub(2) as usize / 2).clamp(1, MAX_SELECTED_LINES);
    let items: Vec<ListItem> = st
        .rows
        .iter()
        .enumerate()
        .map(|(i, r)| row_item(row_parts(app, st, r), width, i == st.cursor, max_lines))
        .collect();
    let selected_lines = items.get(st.cursor).map_or(1, |i| i.height() as u16);
    let p = &st.progress;
    let missing = crate::interview::missing_questionnaires(&app.data.catalog, &st.session);
    if st.rows.is_empty() && !missing.is_empty() {
        // Not "0/0 questions": the questions exist, just not here.
        let lines: Vec<Line> = missing
            .iter()
            .map(|id| {
                Line::styled(
                    format!("✗ {}", crate::sanitize::Clean::line(id)),
                    app.palette.warn(),
                )
            })
            .collect();
        frame.render_widget(
            Paragraph::new(lines).block(pane_block(
                app,
                s.tui.tree_title_missing.as_str(),
                st.focus == Pane::Tree,
            )),
            area,
        );
        return (0, 1);
    }
    let title = crate::i18n::fill(
        &s.tui.tree_title,
        &[
            ("done", &p.answered.to_string()),
            ("total", &p.total().to_string()),
        ],
    );
    let mut state = ListState::default()
        .with_selected(Some(st.cursor))
        .with_offset(st.tree_offset);
    frame.render_stateful_widget(
        List::new(items)
            .block(pane_block(app, title, st.focus == Pane::Tree))
            .highlight_style(app.palette.selected()),
        area,
        &mut state,
    );
    (state.offset(), selected_lines)
}
