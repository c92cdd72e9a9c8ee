//! `embargo case duplicate ID --of OTHER`: close a case as a duplicate of an earlier
//! one, link both ways (both timelines show it) and draft the `duplicate` reply with
//! the original's public facts only.

use embargo_domain::{Case, CaseId, Change, Status};
use embargo_drafts::TemplateContext;

use crate::{ApiError, DraftView, Refusal, Session};

/// The built-in reply to the reporter of a duplicate.
const DUPLICATE_TEMPLATE: &str = "duplicate";

/// The policy's path from where a case stands to `duplicate`: a new report is
/// acknowledged and triaged on the way (each step is still checked).
fn path_to_duplicate(case: &Case) -> Result<Vec<Change>, ApiError> {
    let steps: &[Status] = match case.status {
        Status::Received => &[Status::Acknowledged, Status::Triaging, Status::Duplicate],
        Status::Acknowledged => &[Status::Triaging, Status::Duplicate],
        _ => &[Status::Duplicate],
    };
    let mut walked = case.clone();
    let mut changes = Vec::new();
    for to in steps {
        walked.check_move(*to)?;
        changes.push(Change::StatusMoved {
            from: walked.status,
            to: *to,
        });
        walked.status = *to;
    }
    Ok(changes)
}

impl Session {
    /// Mark `id` a duplicate of `of`; returns the reply drafted on `id`.
    pub fn mark_duplicate(&mut self, id: &str, of: &str) -> Result<DraftView, ApiError> {
        let case_id = self.resolve(id)?;
        let original_id = self.resolve(of)?;
        let case = self.case(case_id)?;
        let original = self.case(original_id)?;
        if case_id == original_id {
            return Err(Refusal::DuplicateOfItself {
                case: case.human_id.to_string(),
            }
            .into());
        }
        if let Some(earlier) = case.duplicate_of {
            return Err(Refusal::AlreadyDuplicate {
                case: case.human_id.to_string(),
                of: earlier.human_id.to_string(),
            }
            .into());
        }
        if let Some(first) = original.duplicate_of {
            return Err(Refusal::OriginalIsDuplicate {
                case: case.human_id.to_string(),
                original: original.human_id.to_string(),
                first: first.human_id.to_string(),
            }
            .into());
        }
        let mut changes = path_to_duplicate(&case)?;
        changes.push(Change::DuplicateOf {
            original: original_id,
            original_human_id: original.human_id,
        });
        self.record_with_attachments(
            vec![
                (case_id, changes),
                (
                    original_id,
                    vec![Change::DuplicateReported {
                        duplicate: case_id,
                        duplicate_human_id: case.human_id,
                    }],
                ),
            ],
            &[],
        )?;
        self.draft_duplicate_reply(case_id, &original)
    }

    /// The `duplicate` reply on `case_id`, saying of `original` only what is public.
    fn draft_duplicate_reply(
        &mut self,
        case_id: CaseId,
        original: &Case,
    ) -> Result<DraftView, ApiError> {
        let case = self.case(case_id)?;
        let entry = self.template(DUPLICATE_TEMPLATE)?;
        let settings = self.export_settings()?;
        let context = TemplateContext::new(&case, &settings, &self.sender(), self.now())
            .with_original(original);
        self.draft_from(case_id, &entry.template, &context)
    }
}
