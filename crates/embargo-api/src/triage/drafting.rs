//! Drafts the triage screens start with a context of their own (the original's
//! public facts, the missing parts, a known non-issue's reply).

use embargo_domain::{CaseId, Change, Template};
use embargo_drafts::{TemplateContext, render};
use uuid::Uuid;

use crate::{ApiError, DraftView, Session};

impl Session {
    /// Render `template` with `context` as a new draft on `case_id`.
    pub(crate) fn draft_from(
        &mut self,
        case_id: CaseId,
        template: &Template,
        context: &TemplateContext,
    ) -> Result<DraftView, ApiError> {
        let rendered = render(template, context)?;
        let draft_id = Uuid::new_v4();
        self.record(
            case_id,
            vec![Change::DraftCreated {
                draft_id,
                template_id: template.id.clone(),
                audience: template.audience,
                meets: template.meets.clone(),
                subject: rendered.subject,
                body: rendered.body,
            }],
        )?;
        self.draft_by_uuid(case_id, draft_id)
    }
}
