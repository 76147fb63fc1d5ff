//! `gehoor interview`: start a new interview and open it.

use std::process::ExitCode;

use super::{Ctx, InterviewArgs};
use crate::error::{Error, Result};
use crate::message::Msg;
use crate::notes::Session;
use crate::tui::{self, Start};

pub fn run(ctx: &Ctx, args: &InterviewArgs) -> Result<ExitCode> {
    let data = tui::load_data(&ctx.settings)?;
    if let Some(diag) = &data.invalid {
        // The same diagnostics as `gehoor check`; no interview starts.
        eprintln!("{diag}");
        let errors = diag.matches("error").count().max(1);
        return Err(Error::InvalidQuestionnaires { errors });
    }
    let cat = &data.catalog;
    let topics: Vec<String> = if let Some(p) = &args.profile {
        match cat.profile(p) {
            Some(profile) => profile.topics.clone(),
            None => {
                let ids: Vec<&str> = cat.profiles.iter().map(|p| p.id.as_str()).collect();
                return Err(Error::Usage {
                    detail: Msg::new(
                        "unknown_profile",
                        &[("name", p), ("known", &ids.join(", "))],
                    ),
                });
            }
        }
    } else {
        args.topics
            .iter()
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty())
            .collect()
    };
    for t in &topics {
        if cat.questionnaire(t).is_none() {
            let ids: Vec<&str> = cat.questionnaires.iter().map(|q| q.id.as_str()).collect();
            return Err(Error::Usage {
                detail: Msg::new("unknown_topic", &[("name", t), ("known", &ids.join(", "))]),
            });
        }
    }
    let case_ref = args.case_ref.clone().unwrap_or_default();
    if !case_ref.trim().is_empty() && !super::intake::confirm(ctx, &case_ref) {
        return Ok(ExitCode::SUCCESS);
    }
    let interviewer = args
        .interviewer
        .clone()
        .unwrap_or_else(|| data.user_name.clone());
    if topics.is_empty() || case_ref.trim().is_empty() || interviewer.trim().is_empty() {
        // Not enough to start: open the new-interview form with what is known.
        return tui::run(
            &ctx.settings,
            ctx.store()?,
            data,
            Start::Form {
                case_ref,
                interviewer,
                topics,
            },
        );
    }
    let qns: Vec<_> = topics.iter().filter_map(|t| cat.questionnaire(t)).collect();
    let session = Session::new(
        crate::sanitize::clean_line(&case_ref).trim(),
        crate::sanitize::clean_line(&interviewer).trim(),
        ctx.settings.lang,
        crate::interview::uses(&qns),
        &crate::notes::now(),
    );
    tui::run(
        &ctx.settings,
        ctx.store()?,
        data,
        Start::Create(Box::new(session)),
    )
}
