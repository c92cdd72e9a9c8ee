use chrono::{DateTime, Utc};
use embargo_domain::{Audience, Case, Draft};
use serde::Serialize;
use uuid::Uuid;

/// A draft as `embargo draft show` and the app's drafts panel present it.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct DraftView {
    /// What people type: `EMB-2026-0042/D1`.
    pub id: String,
    /// The stable id (a unique prefix of it also names the draft).
    pub uuid: Uuid,
    /// The case, `EMB-YYYY-NNNN`.
    pub case: String,
    /// The template it was rendered from.
    pub template: String,
    /// Who it is for.
    pub audience: Audience,
    /// The policy rule sending it meets.
    pub meets: Option<String>,
    /// Subject line.
    pub subject: String,
    /// Body.
    pub body: String,
    /// When it was rendered.
    pub created_at: DateTime<Utc>,
    /// When it was last edited.
    pub edited_at: Option<DateTime<Utc>>,
    /// When it was sent, once recorded.
    pub sent_at: Option<DateTime<Utc>>,
    /// The status move the policy implies once this unsent draft is sent (an
    /// acknowledgment: received → acknowledged), offered with "mark sent".
    pub implies: Option<embargo_domain::Status>,
    /// Edited on two devices between syncs: every competing version, for a
    /// person to choose from (editing the draft again resolves it).
    // Absent when empty. `default` (after `skip_serializing_if`: specta reads them in
    // order) makes the generated TypeScript say so, or the UI trusts a missing list.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub conflict: Vec<embargo_domain::DraftVersion>,
}

impl DraftView {
    /// `EMB-2026-0042/D1`.
    pub(crate) fn name(case: &Case, draft: &Draft) -> String {
        format!("{}/{}", case.human_id, draft.short_name())
    }

    pub(crate) fn new(case: &Case, draft: &Draft) -> Self {
        Self {
            id: Self::name(case, draft),
            uuid: draft.id,
            case: case.human_id.to_string(),
            template: draft.template_id.clone(),
            audience: draft.audience,
            meets: draft.meets.clone(),
            subject: draft.subject.clone(),
            body: draft.body.clone(),
            created_at: draft.created_at,
            edited_at: draft.edited_at,
            sent_at: draft.sent_at,
            implies: match draft.sent_at {
                Some(_) => None,
                None => case.move_implied_by_sending(draft.meets.as_deref()),
            },
            conflict: draft.conflict.clone(),
        }
    }
}
