//! The interview (and review) screen: moving through the question tree,
//! answering, citing, repeat groups, submitting.

use super::{Effect, Msg};
use crate::interview::{self, RowKind};
use crate::notes::{ReviewChange, Session, parse_answer_key};
use crate::questionnaire::{AnswerStatus, Catalog, Kind, Question};
use crate::tui::action::Action;
use crate::tui::app::{App, InterviewState, Overlay, Pane, PromptPurpose, TextPrompt, line_input};
use crate::tui::editor::{self, Editor};
use crate::tui::sources;

pub use super::answering::{cite, missing_required};

pub fn open_interview(app: &mut App, mut session: Session, read_only: bool, review: bool) {
    let moved = interview::adopt_renames(&app.data.catalog, &mut session);
    let changed = interview::changed_questionnaires(&app.data.catalog, &session);
    let mut st = InterviewState {
        session,
        read_only,
        review,
        rows: Vec::new(),
        progress: Default::default(),
        cursor: 0,
        tree_offset: 0,
        focus: Pane::Tree,
        editor: None,
        show_guidance: false,
        show_russian: false,
        sources: Vec::new(),
        glossary: Vec::new(),
        source_cursor: 0,
        source_scroll: 0,
        autosave: crate::notes::Autosave::new(),
        saved_at: None,
        save_error: None,
        changed_questionnaires: changed,
    };
    if !moved.is_empty() && !read_only {
        st.autosave.note_change(app.now);
    }
    refresh(&mut st, &app.data.catalog);
    // Pick up where the interviewer stopped; a new session starts on the
    // first question rather than a topic header.
    st.cursor = interview::resume_at(&st.session, &st.rows)
        .or_else(|| st.rows.iter().position(|r| r.key().is_some()))
        .unwrap_or(0);
    let returned = (st.session.status == crate::notes::Status::Returned)
        .then(|| {
            st.session
                .history
                .iter()
                .rev()
                .find(|h| h.to == crate::notes::Status::Returned)
        })
        .flatten()
        .map(|h| {
            crate::i18n::fill(
                &app.strings().tui.returned_notice,
                &[
                    ("by", &crate::sanitize::clean_line(&h.by)),
                    (
                        "reason",
                        // The template ends the sentence itself.
                        crate::sanitize::clean_line(h.reason.as_deref().unwrap_or(""))
                            .trim_end_matches(['.', ' ']),
                    ),
                ],
            )
        });
    app.screen = crate::tui::app::Screen::Interview(Box::new(st));
    app.overlay = None;
    if returned.is_some() {
        app.status = returned;
    }
    refresh_sources(app);
}

/// Recompute the rows and progress after any change to answers, so
/// follow-ups appear and disappear at once.
pub fn refresh(st: &mut InterviewState, catalog: &Catalog) {
    let current = st.rows.get(st.cursor).cloned();
    st.rows = interview::rows(catalog, &st.session);
    st.progress = interview::progress(catalog, &st.session, &st.rows);
    if let Some(cur) = current
        && let Some(pos) = st.rows.iter().position(|r| r == &cur)
    {
        st.cursor = pos;
    }
    st.cursor = st.cursor.min(st.rows.len().saturating_sub(1));
}

pub fn refresh_sources(app: &mut App) {
    let lang = app.lang;
    let index = app.index.clone();
    let data = app.data.clone();
    let Some(st) = app.interview_mut() else {
        return;
    };
    let current = current_question(st, &data.catalog);
    let cited: Vec<String> = current
        .as_ref()
        .and_then(|(key, _)| st.session.answers.get(key))
        .map(|a| a.cited.clone())
        .unwrap_or_default();
    let question = current.map(|(_, q)| q.clone());
    let (mut items, glossary) = match question {
        Some(q) => sources::for_question(&data.corpus, index.as_deref(), &q, lang),
        // On a topic or group row: the sources the topic as a whole rests on.
        None => match st.rows.get(st.cursor) {
            Some(row) => (
                data.catalog.questionnaires[row.qn]
                    .sources
                    .iter()
                    .filter_map(|r| sources::passage(&data.corpus, r, true))
                    .collect(),
                Vec::new(),
            ),
            None => (Vec::new(), Vec::new()),
        },
    };
    // What the answer cites comes first, so a reviewer reads it in full.
    for reference in cited.iter().rev() {
        let item = match items.iter().position(|i| &i.reference == reference) {
            Some(pos) => Some(items.remove(pos)),
            None => sources::passage(&data.corpus, reference, false),
        };
        if let Some(mut item) = item {
            item.cited = true;
            items.insert(0, item);
        }
    }
    st.sources = items;
    st.glossary = glossary;
    st.source_cursor = 0;
    st.source_scroll = 0;
}

pub fn current_question<'a>(
    st: &InterviewState,
    catalog: &'a Catalog,
) -> Option<(String, &'a Question)> {
    let row = st.rows.get(st.cursor)?;
    let key = row.key()?.to_string();
    let q = &catalog.questionnaires[row.qn].questions[row.question?];
    Some((key, q))
}

/// The question under the cursor, unless it is computed: a derived value is
/// never asked, so it takes no note, flag or status of its own (they belong
/// on the answer it derives from). Says so on the status line.
fn asked_question<'a>(
    app: &mut App,
    data: &'a crate::tui::app::Data,
) -> Option<(String, &'a Question)> {
    let (key, q) = current_question(app.interview()?, &data.catalog)?;
    if q.computed.is_some() {
        app.status = Some(app.strings().tui.computed_not_asked.clone());
        return None;
    }
    Some((key, q))
}

pub fn autosave_due(app: &mut App) -> Option<Effect> {
    let now = app.now;
    let st = app.interview()?;
    let due = !st.read_only && st.autosave.due(now);
    due.then_some(Effect::Save)
}

pub(super) fn mark_changed(app: &mut App) {
    let now = app.now;
    let data = app.data.clone();
    if let Some(st) = app.interview_mut() {
        st.autosave.note_change(now);
        refresh(st, &data.catalog);
    }
}

pub fn update(app: &mut App, msg: Msg) -> Option<Effect> {
    let editing = app.interview().is_some_and(|s| s.editor.is_some());
    if editing {
        return super::editing::editor_update(app, msg);
    }
    let data = app.data.clone();
    let s = app.strings();
    let lang = app.lang;
    let clock = app.clock.clone();
    let st = app.interview_mut()?;
    let before = st.cursor;
    match msg {
        Msg::Act(
            Action::Up
            | Action::Down
            | Action::PageUp
            | Action::PageDown
            | Action::NextPane
            | Action::PrevPane
            | Action::First
            | Action::Last
            | Action::NextRequired
            | Action::NextFlagged
            | Action::NextCommented,
        )
        | Msg::Click { .. }
        | Msg::Scroll { .. } => {
            super::navigate::update(app, msg);
        }
        Msg::Act(Action::Back) => st.focus = Pane::Tree,
        Msg::Act(Action::ToggleGuidance) => st.show_guidance = !st.show_guidance,
        Msg::Act(Action::ToggleRussian) => st.show_russian = !st.show_russian,
        Msg::Act(Action::Edit | Action::Select) if st.focus == Pane::Sources => {
            if let Some(item) = st.sources.get(st.source_cursor).cloned() {
                app.overlay = Some(Overlay::Passage { item, scroll: 0 });
            }
            return None;
        }
        Msg::Act(Action::Edit | Action::Select) => {
            if super::record::locked(st) {
                app.status = Some(super::record::locked_message(st, s));
                return None;
            }
            match st.rows.get(st.cursor).map(|r| r.kind.clone()) {
                Some(RowKind::Group { full_id, count: 0 }) => {
                    st.session.add_group_instance(&full_id, &clock);
                    mark_changed(app);
                }
                Some(RowKind::Question { .. }) => {
                    let (key, q) = asked_question(app, &data)?;
                    let st = app.interview_mut()?;
                    let current = st.session.answers.get(&key).and_then(|a| a.value.as_ref());
                    let labels = labels(q, lang, s);
                    st.editor = Some(editor::for_kind(&q.kind, current, labels));
                }
                _ => {}
            }
            return None;
        }
        Msg::Act(Action::EditSessionNote) if !super::record::locked(st) => {
            st.editor = Some(Editor::SessionNote {
                input: editor::multiline(&st.session.note),
            });
            return None;
        }
        Msg::Act(Action::EditNote) => {
            if super::record::locked(st) {
                app.status = Some(super::record::locked_message(st, s));
                return None;
            }
            let (key, _) = asked_question(app, &data)?;
            let st = app.interview_mut()?;
            let note = st
                .session
                .answers
                .get(&key)
                .map(|a| a.note.clone())
                .unwrap_or_default();
            st.editor = Some(Editor::Note {
                input: editor::multiline(&note),
            });
            return None;
        }
        Msg::Act(Action::ToggleFlag) if !super::record::locked(st) => {
            let (key, _) = asked_question(app, &data)?;
            let st = app.interview_mut()?;
            let flagged = st.session.answers.get(&key).is_some_and(|a| a.flagged);
            st.session.set_flagged(&key, !flagged, &clock);
            mark_changed(app);
            return None;
        }
        Msg::Act(Action::CycleStatus) if !super::record::locked(st) => {
            let (key, _) = asked_question(app, &data)?;
            let st = app.interview_mut()?;
            let status = st.session.answers.get(&key).map(|a| a.status);
            let next = match status {
                None | Some(AnswerStatus::Answered) => AnswerStatus::Declined,
                Some(AnswerStatus::Declined) => AnswerStatus::Unclear,
                Some(AnswerStatus::Unclear) => AnswerStatus::NotApplicable,
                Some(AnswerStatus::NotApplicable) => AnswerStatus::NotAsked,
                Some(AnswerStatus::NotAsked) => AnswerStatus::Answered,
            };
            st.session.set_status(&key, next, &clock);
            mark_changed(app);
            return None;
        }
        Msg::Act(Action::AddInstance) if !super::record::locked(st) => {
            let group = group_of_row(st)?;
            let n = st.session.add_group_instance(&group, &clock);
            mark_changed(app);
            let st = app.interview_mut()?;
            if let Some(pos) = st.rows.iter().position(
                |r| matches!(&r.kind, RowKind::Instance { full_id, n: m } if *full_id == group && *m == n),
            ) {
                st.cursor = pos;
            }
            refresh_sources(app);
            return None;
        }
        Msg::Act(Action::RemoveInstance) if !super::record::locked(st) => {
            let group = group_of_row(st)?;
            let n = instance_of_row(st)?;
            let gid = crate::questionnaire::GroupId::split(&group)?;
            let (qn_id, g) = (gid.questionnaire, gid.local);
            let qn = data.catalog.questionnaire(qn_id)?;
            let ids: Vec<String> = qn
                .questions
                .iter()
                .filter(|q| q.group.as_deref() == Some(g))
                .map(|q| q.full_id(qn_id))
                .collect();
            let refs: Vec<&str> = ids.iter().map(String::as_str).collect();
            if let Ok(archived) = st
                .session
                .remove_group_instance(&group, n as u32, &refs, &clock)
            {
                app.status = Some(crate::i18n::fill(
                    &s.tui.instance_removed,
                    &[("n", &n.to_string()), ("count", &archived.to_string())],
                ));
            }
            mark_changed(app);
            refresh_sources(app);
            return None;
        }
        Msg::Act(Action::Search) => {
            app.overlay = Some(Overlay::Search(crate::tui::app::SearchState {
                input: line_input(""),
                results: Vec::new(),
                glossary: Vec::new(),
                cursor: 0,
                typed_at: None,
                embedding: None,
                vector: None,
            }));
            return None;
        }
        Msg::Act(Action::QuickJump) => {
            let results = super::overlay::jump_results(app, "");
            app.overlay = Some(Overlay::Jump(crate::tui::app::JumpState {
                input: line_input(""),
                results,
                cursor: 0,
            }));
            return None;
        }
        Msg::Act(Action::OpenSection) => {
            let item = st.sources.get(st.source_cursor)?;
            let whole = sources::whole_section(&data.corpus, &item.reference)
                .unwrap_or_else(|| item.clone());
            app.overlay = Some(Overlay::Passage {
                item: whole,
                scroll: 0,
            });
            return None;
        }
        Msg::Act(Action::Cite) if !super::record::locked(st) => {
            let reference = st.sources.get(st.source_cursor)?.reference.clone();
            cite(app, &reference);
            return None;
        }
        Msg::Act(Action::Submit) if !super::record::locked(st) => {
            super::record::ask_submit(app);
            return None;
        }
        Msg::Act(Action::Comment) if st.review => {
            let target = st
                .rows
                .get(st.cursor)
                .and_then(|r| r.key())
                .map(str::to_string);
            app.overlay = Some(Overlay::Prompt(TextPrompt {
                purpose: PromptPurpose::Comment { target },
                input: editor::multiline(""),
            }));
            return None;
        }
        Msg::Act(Action::CommentSession) if st.review => {
            app.overlay = Some(Overlay::Prompt(TextPrompt {
                purpose: PromptPurpose::Comment { target: None },
                input: editor::multiline(""),
            }));
            return None;
        }
        Msg::Act(Action::Approve) if st.review => {
            super::record::ask_approve(app);
            return None;
        }
        Msg::Act(Action::Reopen) if !st.review => {
            super::record::ask_reopen(app);
            return None;
        }
        Msg::Act(Action::Amend) if !st.review => {
            let key = st
                .rows
                .get(st.cursor)
                .and_then(|r| r.key())
                .map(str::to_string);
            super::record::ask_amend(app, key);
            return None;
        }
        Msg::Act(Action::ReturnForWork) if st.review => {
            app.overlay = Some(Overlay::Prompt(TextPrompt {
                purpose: PromptPurpose::ReturnReason,
                input: editor::multiline(""),
            }));
            return None;
        }
        Msg::Act(Action::Timeline) => {
            let (lines, keys) = crate::tui::timeline::lines(&data.catalog, &st.session, lang, s)
                .into_iter()
                .unzip();
            app.overlay = Some(Overlay::Timeline {
                lines,
                keys,
                cursor: 0,
            });
            return None;
        }
        _ => {}
    }
    if app.interview().is_some_and(|st| st.cursor != before) {
        refresh_sources(app);
    }
    super::navigate::scroll_tree(app);
    None
}

fn labels(q: &Question, lang: crate::i18n::Lang, s: &crate::i18n::Strings) -> Vec<String> {
    match &q.kind {
        Kind::YesNo => vec![s.common.yes.clone(), s.common.no.clone()],
        k => k
            .choices()
            .iter()
            .map(|c| c.label.get(lang).to_string())
            .collect(),
    }
}

fn group_of_row(st: &InterviewState) -> Option<String> {
    match &st.rows.get(st.cursor)?.kind {
        RowKind::Group { full_id, .. } | RowKind::Instance { full_id, .. } => Some(full_id.clone()),
        RowKind::Question {
            full_id,
            instance: Some(_),
            ..
        } => {
            let row = &st.rows[st.cursor];
            let _ = full_id;
            // The group row sits above its instances; walk up to it.
            st.rows[..st.cursor]
                .iter()
                .rev()
                .find_map(|r| match &r.kind {
                    RowKind::Group { full_id, .. } if r.qn == row.qn => Some(full_id.clone()),
                    _ => None,
                })
        }
        _ => None,
    }
}

fn instance_of_row(st: &InterviewState) -> Option<usize> {
    match &st.rows.get(st.cursor)?.kind {
        RowKind::Instance { n, .. } => Some(*n as usize),
        RowKind::Question { key, .. } => parse_answer_key(key).1,
        _ => None,
    }
}

/// A reviewer's comment or status change, signed with the reviewer's name.
pub(super) fn review(app: &App, change: ReviewChange) -> Option<Effect> {
    let st = app.interview()?;
    let by = if app.data.user_name.is_empty() {
        app.strings().tui.unknown_reviewer.clone()
    } else {
        app.data.user_name.clone()
    };
    Some(Effect::Review {
        id: st.session.id,
        change,
        by,
        at: app.clock.clone(),
    })
}
