//! What a report states and what it lacks (version, reproduction, proof of concept,
//! impact), and the `request-info` draft that asks for exactly what it lacks.

use embargo_domain::{Case, Direction};
use embargo_drafts::TemplateContext;
use embargo_triage::{ReportPart, ReportParts};
use serde::Serialize;

use super::REQUEST_INFO_TEMPLATE;
use crate::{ApiError, DraftView, Refusal, Session};

/// What the reporter's messages state, and what is missing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ReportCheck {
    /// Whether each part is stated.
    pub parts: ReportParts,
    /// The parts not stated, in the order a request lists them.
    pub missing: Vec<ReportPart>,
}

impl ReportCheck {
    /// Read every message the reporter sent (an answer may fill a gap) and whether
    /// files came with the case.
    pub(crate) fn of(case: &Case) -> Self {
        let texts: Vec<String> = case
            .messages
            .iter()
            .filter(|m| m.direction == Direction::Incoming)
            .map(|m| format!("{}\n{}", m.subject, m.body))
            .collect();
        let parts = ReportParts::detect(
            texts.iter().map(String::as_str),
            !case.attachments.is_empty(),
        );
        Self {
            missing: parts.missing(),
            parts,
        }
    }
}

impl Session {
    /// What the report of `id` states and lacks.
    pub fn report_check(&self, id: &str) -> Result<ReportCheck, ApiError> {
        Ok(ReportCheck::of(&self.case(self.resolve(id)?)?))
    }

    /// Draft the `request-info` reply asking for exactly what the report lacks.
    /// Marking it sent makes the case wait on the reporter.
    pub fn request_missing_info(&mut self, id: &str) -> Result<DraftView, ApiError> {
        let case_id = self.resolve(id)?;
        let case = self.case(case_id)?;
        let check = ReportCheck::of(&case);
        if check.missing.is_empty() {
            return Err(Refusal::NothingMissing {
                case: case.human_id.to_string(),
            }
            .into());
        }
        let entry = self.template(REQUEST_INFO_TEMPLATE)?;
        let settings = self.export_settings()?;
        let context = TemplateContext::new(&case, &settings, &self.sender(), self.now())
            .with_missing(
                check
                    .missing
                    .iter()
                    .map(|p| p.request().to_owned())
                    .collect(),
            );
        self.draft_from(case_id, &entry.template, &context)
    }
}
