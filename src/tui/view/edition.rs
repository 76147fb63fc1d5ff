//! Editions in the interview screen: what a newer edition did with a
//! source's section, and answers whose cited passage changed or went.

use ratatui::text::{Line, Span};

use crate::notes::Answer;
use crate::tui::app::App;

/// A passage's ref, and what a newer edition did with its section.
pub(in crate::tui::view) fn reference_line(app: &App, reference: &str) -> Line<'static> {
    let e = &app.strings().edition;
    let Some(n) = app.data.corpus.newer_edition(reference) else {
        return Line::styled(reference.to_string(), app.palette.dim());
    };
    let target = if n.targets.is_empty() {
        String::new()
    } else {
        format!(" → {}", n.targets.join(", "))
    };
    let note = crate::i18n::fill(
        &e.newer_edition,
        &[
            ("doc", &n.doc),
            ("class", e.class(n.class)),
            ("target", &target),
        ],
    );
    let style = if n.class == "unchanged" || n.class == "renumbered" {
        app.palette.dim()
    } else {
        app.palette.warn()
    };
    Line::from(vec![
        Span::styled(format!("{reference}  "), app.palette.dim()),
        Span::styled(crate::sanitize::Clean::line(&format!("({note})")), style),
    ])
}

/// Citations whose passage reads differently now, or is gone, with the
/// text as cited when the session kept it.
pub(in crate::tui::view) fn changed_citations(app: &App, a: &Answer) -> Vec<Line<'static>> {
    use crate::corpus::citation::{CitationState, citation_state};
    let e = &app.strings().edition;
    let mut out = Vec::new();
    for r in &a.cited {
        let label = match citation_state(&app.data.corpus, r, a.cited_hash(r)) {
            CitationState::Same => continue,
            CitationState::Changed => &e.citation_changed,
            CitationState::Gone => &e.citation_gone,
        };
        let shown = crate::sanitize::Clean::line(r);
        out.push(Line::styled(
            format!("⚠ {shown}: {label}"),
            app.palette.warn(),
        ));
        if let Some(text) = a.cited_text(r) {
            out.push(Line::styled(
                format!(
                    "  {}: {}",
                    e.citation_stored,
                    crate::sanitize::Clean::line(text)
                ),
                app.palette.dim(),
            ));
        }
    }
    out
}
