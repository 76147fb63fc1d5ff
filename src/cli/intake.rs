//! Warnings before `gehoor interview` creates a session: a case reference
//! that looks like a name or date of birth, a case that already has a
//! session. On a terminal the interviewer confirms; otherwise the warning is
//! printed and gehoor goes on (the interview screen needs a terminal anyway).

use std::io::{BufRead, IsTerminal, Write};

use super::Ctx;
use crate::i18n::{IntakeText, fill};
use crate::notes::{PersonalData, Store, personal_data, sessions_for_case};
use crate::sanitize::clean_line;

/// The warnings for `case_ref`, one line each; empty when there are none.
pub fn warnings(ctx: &Ctx, case_ref: &str) -> Vec<String> {
    let t = &ctx.strings.intake;
    let case = clean_line(case_ref.trim());
    let mut out = Vec::new();
    if let Some(kind) = personal_data(case_ref) {
        let template = match kind {
            PersonalData::Name => &t.looks_like_name,
            PersonalData::BirthDate => &t.looks_like_birth_date,
            PersonalData::NameAndBirthDate => &t.looks_like_both,
        };
        out.push(fill(template, &[("case", &case)]));
        out.push(t.pseudonym_hint.clone());
    }
    let store = Store::new(ctx.settings.sessions_dir());
    // A folder that cannot be listed is reported by creating the session,
    // with the error that fits (it cannot be created, it is not writable).
    let existing = sessions_for_case(&store, case_ref).unwrap_or_default();
    if !existing.is_empty() {
        out.push(fill(
            &t.case_has_sessions,
            &[("case", &case), ("count", &existing.len().to_string())],
        ));
        for s in &existing {
            out.push(fill(
                &t.existing_session,
                &[
                    ("id", &s.id.to_string()),
                    (
                        "status",
                        super::sessions_cmd::status_text(&ctx.strings.notes, s.status),
                    ),
                    ("interviewer", &clean_line(&s.interviewer)),
                    ("updated", &s.updated.strftime("%Y-%m-%d %H:%M").to_string()),
                ],
            ));
        }
    }
    out
}

/// Whether `answer` (a line typed at the prompt) means yes.
pub fn is_yes(t: &IntakeText, answer: &str) -> bool {
    let a = answer.trim().to_lowercase();
    !a.is_empty() && t.yes_answers.split(',').any(|y| y == a)
}

/// Print the warnings; true when the interview may be created.
pub fn confirm(ctx: &Ctx, case_ref: &str) -> bool {
    let lines = warnings(ctx, case_ref);
    if lines.is_empty() {
        return true;
    }
    let mut err = std::io::stderr();
    for l in &lines {
        let _ = writeln!(err, "{l}");
    }
    if !std::io::stdin().is_terminal() {
        return true;
    }
    let t = &ctx.strings.intake;
    let _ = write!(err, "{}", t.confirm);
    let _ = err.flush();
    let mut answer = String::new();
    let _ = std::io::stdin().lock().read_line(&mut answer);
    if is_yes(t, &answer) {
        true
    } else {
        let _ = writeln!(err, "{}", t.not_started);
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{Lang, Strings};

    #[test]
    fn only_yes_in_the_run_language_confirms() {
        let nl = &Strings::get(Lang::Nl).intake;
        assert!(is_yes(nl, "j\n"));
        assert!(is_yes(nl, " Ja "));
        assert!(!is_yes(nl, "\n"));
        assert!(!is_yes(nl, "nee"));
        let en = &Strings::get(Lang::En).intake;
        assert!(is_yes(en, "y"));
        assert!(!is_yes(en, "j"));
    }
}
