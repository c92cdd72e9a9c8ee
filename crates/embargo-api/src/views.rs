use chrono::{DateTime, Utc};
use embargo_domain::{
    Case, ChecklistItem, CvssScore, Direction, MetDeadline, ReleaseLine, Reporter, Status,
};
use embargo_vault::TimelineEntry;
use serde::Serialize;

use crate::DraftView;

/// One case as `embargo case show` and the app's case view present it.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct CaseView {
    /// `EMB-YYYY-NNNN`.
    pub id: String,
    /// Short title.
    pub title: String,
    /// Where it stands.
    pub status: Status,
    /// Where it may go next.
    pub next_statuses: Vec<Status>,
    /// Who reported it.
    pub reporter: Reporter,
    /// When it arrived (UTC).
    pub received_at: DateTime<Utc>,
    /// How it arrived.
    pub channel: String,
    /// Primary handler.
    pub handler: Option<String>,
    /// Affected product.
    pub product: Option<String>,
    /// CVE id.
    pub cve_id: Option<String>,
    /// CWE id.
    pub cwe: Option<String>,
    /// Embargo instant (UTC).
    pub embargo_at: Option<DateTime<Utc>>,
    /// Scores per CVSS version.
    pub cvss: Vec<CvssScore>,
    /// Checklist.
    pub checklist: Vec<ChecklistItem>,
    /// Private notes.
    pub notes: Vec<NoteView>,
    /// Correspondence, oldest first.
    pub messages: Vec<MessageView>,
    /// Files kept with the case.
    pub attachments: Vec<AttachmentView>,
    /// Release-line matrix.
    pub release_lines: Vec<ReleaseLine>,
    /// Every change, oldest first.
    pub timeline: Vec<TimelineEntry>,
    /// Policy steps done (`{rule, at}`), in the order recorded.
    pub met: Vec<MetDeadline>,
    /// Drafts of replies and notices.
    pub drafts: Vec<DraftView>,
    /// Texts edited on two devices between syncs, for a person to resolve.
    // Absent when empty. `default` (after `skip_serializing_if`: specta reads them in
    // order) makes the generated TypeScript say so, or the UI trusts a missing list.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub conflicts: Vec<String>,
    /// The earlier case this one duplicates (`EMB-…`), once marked.
    pub duplicate_of: Option<String>,
    /// Later cases marked as duplicates of this one (`EMB-…`).
    pub duplicates: Vec<String>,
}

/// A note as shown.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct NoteView {
    /// When.
    pub at: DateTime<Utc>,
    /// What.
    pub text: String,
}

/// A message as shown: plain text only.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct MessageView {
    /// In or out.
    pub direction: Direction,
    /// Sender.
    pub from: String,
    /// Recipients.
    pub to: Vec<String>,
    /// Subject.
    pub subject: String,
    /// Sent at (UTC).
    pub date: DateTime<Utc>,
    /// Plain-text body.
    pub body: String,
    /// Names of the attachments that came with it.
    pub attachments: Vec<String>,
}

/// An attachment as listed (its bytes stay in the vault).
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct AttachmentView {
    /// File name.
    pub name: String,
    /// Size in bytes.
    pub size: u64,
    /// MIME type.
    pub media_type: String,
    /// Whether its content is in this vault. A teammate's attachment is listed as
    /// soon as the change that added it has synced; its content follows in
    /// separate files the file-sync tool may not have delivered yet, and until
    /// then it cannot be saved.
    pub available: bool,
}

impl CaseView {
    /// `available` says whether an attachment's content (by SHA-256) is stored.
    pub(crate) fn new(
        case: Case,
        timeline: Vec<TimelineEntry>,
        available: impl Fn(&str) -> bool,
    ) -> Self {
        let attachment_name = |id| {
            case.attachments
                .iter()
                .find(|a| a.id == id)
                .map(|a| a.name.clone())
                .unwrap_or_default()
        };
        let messages = case
            .messages
            .iter()
            .map(|m| MessageView {
                direction: m.direction,
                from: m.from.clone(),
                to: m.to.clone(),
                subject: m.subject.clone(),
                date: m.date,
                body: m.body.clone(),
                attachments: m
                    .attachment_ids
                    .iter()
                    .map(|id| attachment_name(*id))
                    .collect(),
            })
            .collect();
        Self {
            duplicate_of: case.duplicate_of.map(|link| link.human_id.to_string()),
            duplicates: case
                .duplicates
                .iter()
                .map(|link| link.human_id.to_string())
                .collect(),
            id: case.human_id.to_string(),
            next_statuses: case.status.successors(),
            status: case.status,
            title: case.title.clone(),
            reporter: case.reporter.clone(),
            received_at: case.received_at,
            channel: case.channel.clone(),
            handler: case.handler.clone(),
            product: case.product.clone(),
            cve_id: case.cve_id.clone(),
            cwe: case.cwe.clone(),
            embargo_at: case.embargo_at,
            cvss: case.cvss.clone(),
            checklist: case.checklist.clone(),
            notes: case
                .notes
                .iter()
                .map(|n| NoteView {
                    at: n.at,
                    text: n.text.clone(),
                })
                .collect(),
            messages,
            attachments: case
                .attachments
                .iter()
                .map(|a| AttachmentView {
                    name: a.name.clone(),
                    size: a.size,
                    media_type: a.media_type.clone(),
                    available: available(&a.sha256),
                })
                .collect(),
            release_lines: case.release_lines.clone(),
            timeline,
            met: case.met.clone(),
            drafts: case
                .drafts
                .iter()
                .map(|d| DraftView::new(&case, d))
                .collect(),
            conflicts: case
                .drafts
                .iter()
                .filter(|d| !d.conflict.is_empty())
                .map(|d| {
                    format!(
                        "{}: edited on two devices between syncs ({} versions kept); edit it again to resolve",
                        DraftView::name(&case, d),
                        d.conflict.len()
                    )
                })
                .collect(),
        }
    }
}
