use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::policy::PolicyProfile;
use crate::{
    Attachment, Audience, CaseField, CaseId, ExportSettings, HumanId, KnownNonIssue, Message,
    ReleaseLine, Reporter, Status, Template,
};

/// What an event does to its case. Variants are never removed or changed in
/// meaning; a new shape gets a new variant (the payload is versioned with the event).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Change {
    /// A case begins.
    CaseOpened {
        /// `EMB-YYYY-NNNN`.
        human_id: HumanId,
        /// Short title.
        title: String,
        /// Who reported it.
        reporter: Reporter,
        /// When the report arrived.
        received_at: DateTime<Utc>,
        /// How it arrived.
        channel: String,
    },
    /// One scalar field takes a new value (last writer wins).
    FieldSet {
        /// The field and its value.
        field: CaseField,
    },
    /// The workflow moves on.
    StatusMoved {
        /// Status before.
        from: Status,
        /// Status after.
        to: Status,
    },
    /// A private note (append-only).
    NoteAdded {
        /// The note's id.
        note_id: Uuid,
        /// The note.
        text: String,
    },
    /// A message joins the correspondence (append-only).
    MessageAdded {
        /// The message.
        message: Message,
    },
    /// A file is kept with the case; its bytes are stored by hash.
    AttachmentAdded {
        /// The attachment's metadata.
        attachment: Attachment,
    },
    /// A checklist item is added.
    ChecklistItemAdded {
        /// The item's id.
        item_id: Uuid,
        /// What to do.
        text: String,
    },
    /// A checklist item is ticked or unticked.
    ChecklistItemDone {
        /// The item's id.
        item_id: Uuid,
        /// Done or not.
        done: bool,
    },
    /// A checklist item is removed.
    ChecklistItemRemoved {
        /// The item's id.
        item_id: Uuid,
    },
    /// A release line is added or updated.
    ReleaseLineSet {
        /// The line's new state.
        release_line: ReleaseLine,
    },
    /// A release line is removed from the matrix.
    ReleaseLineRemoved {
        /// The line's name.
        line: String,
    },
    /// Something the policy tracks was done (e.g. the acknowledgment was sent):
    /// meets the deadline of the policy rule with this id (`ack`, `response`, `update`, …).
    DeadlineMet {
        /// The policy rule's id.
        rule: String,
        /// When it was done (may be earlier than the event, when logged afterwards).
        at: DateTime<Utc>,
    },
    /// The case starts or stops waiting on the reporter (`needs-info`); rules that
    /// pause while waiting stop their clock in between.
    ReporterWait {
        /// Waiting or not.
        waiting: bool,
    },
    /// A policy profile is saved (team stream); replaces the profile with its id.
    PolicyProfileSaved {
        /// The whole profile.
        profile: PolicyProfile,
    },
    /// The team chooses the profile deadlines are computed with (team stream).
    PolicyProfileActivated {
        /// The profile's id.
        profile_id: String,
    },
    /// Team stream: a template is saved (an edited built-in or the team's own).
    TemplateSaved {
        /// The template as saved.
        template: Template,
    },
    /// Team stream: the team's version of a built-in template is dropped.
    TemplateReset {
        /// The template's id.
        template_id: String,
    },
    /// Team stream: the export settings are saved (all of them; last save wins).
    ExportSettingsSaved {
        /// The settings.
        settings: ExportSettings,
    },
    /// A draft is rendered onto the case.
    DraftCreated {
        /// The draft's id.
        draft_id: Uuid,
        /// The template it came from.
        template_id: String,
        /// Who it is for.
        audience: Audience,
        /// The policy rule sending it meets, if any.
        meets: Option<String>,
        /// Subject line.
        subject: String,
        /// Body.
        body: String,
    },
    /// A draft's text is changed.
    DraftEdited {
        /// The draft's id.
        draft_id: Uuid,
        /// New subject line.
        subject: String,
        /// New body.
        body: String,
        /// The event whose text this edit replaced, as the editor saw it. Two edits
        /// with the same base were made concurrently (on two devices between syncs).
        /// Absent in events written before sync, and then never a conflict.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        base: Option<crate::EventId>,
    },
    /// The handler sent a draft (recorded with the outgoing message it became).
    DraftSent {
        /// The draft's id.
        draft_id: Uuid,
        /// When it was sent.
        at: DateTime<Utc>,
    },
    /// This case reports what an earlier case already does (recorded with the
    /// move to `duplicate`; the original records [`Change::DuplicateReported`]).
    DuplicateOf {
        /// The earlier case.
        original: CaseId,
        /// Its human id, for the timeline.
        original_human_id: HumanId,
    },
    /// A later case was marked as a duplicate of this one.
    DuplicateReported {
        /// The later case.
        duplicate: CaseId,
        /// Its human id, for the timeline.
        duplicate_human_id: HumanId,
    },
    /// Team stream: a known non-issue is saved (replaces the entry with its id).
    NonIssueSaved {
        /// The entry.
        entry: KnownNonIssue,
    },
    /// Team stream: a known non-issue is dropped from the catalogue.
    NonIssueRemoved {
        /// The entry's id.
        entry_id: String,
    },
}

impl Change {
    /// The stable name of this kind of change, as stored in the event log.
    pub fn kind(&self) -> &'static str {
        match self {
            Change::CaseOpened { .. } => "case_opened",
            Change::FieldSet { .. } => "field_set",
            Change::StatusMoved { .. } => "status_moved",
            Change::NoteAdded { .. } => "note_added",
            Change::MessageAdded { .. } => "message_added",
            Change::AttachmentAdded { .. } => "attachment_added",
            Change::ChecklistItemAdded { .. } => "checklist_item_added",
            Change::ChecklistItemDone { .. } => "checklist_item_done",
            Change::ChecklistItemRemoved { .. } => "checklist_item_removed",
            Change::ReleaseLineSet { .. } => "release_line_set",
            Change::ReleaseLineRemoved { .. } => "release_line_removed",
            Change::DeadlineMet { .. } => "deadline_met",
            Change::ReporterWait { .. } => "reporter_wait",
            Change::PolicyProfileSaved { .. } => "policy_profile_saved",
            Change::PolicyProfileActivated { .. } => "policy_profile_activated",
            Change::TemplateSaved { .. } => "template_saved",
            Change::TemplateReset { .. } => "template_reset",
            Change::ExportSettingsSaved { .. } => "export_settings_saved",
            Change::DraftCreated { .. } => "draft_created",
            Change::DraftEdited { .. } => "draft_edited",
            Change::DraftSent { .. } => "draft_sent",
            Change::DuplicateOf { .. } => "duplicate_of",
            Change::DuplicateReported { .. } => "duplicate_reported",
            Change::NonIssueSaved { .. } => "non_issue_saved",
            Change::NonIssueRemoved { .. } => "non_issue_removed",
        }
    }

    /// One line for the timeline, in the user's terms.
    pub fn describe(&self) -> String {
        match self {
            Change::CaseOpened { human_id, .. } => format!("opened {human_id}"),
            Change::FieldSet { field } => field.describe(),
            Change::StatusMoved { from, to } if crate::reopen::is_reopening(*from, *to) => {
                format!("reopened: status {from} → {to}")
            }
            Change::StatusMoved { from, to } => format!("status {from} → {to}"),
            Change::NoteAdded { .. } => "added a note".to_owned(),
            Change::MessageAdded { message } => match message.direction {
                crate::Direction::Incoming => format!("message received from {}", message.from),
                crate::Direction::Outgoing => "message sent".to_owned(),
            },
            Change::AttachmentAdded { attachment } => {
                format!("attached {} ({} bytes)", attachment.name, attachment.size)
            }
            Change::ChecklistItemAdded { text, .. } => format!("checklist: added “{text}”"),
            Change::ChecklistItemDone { done: true, .. } => "checklist: item done".to_owned(),
            Change::ChecklistItemDone { done: false, .. } => "checklist: item reopened".to_owned(),
            Change::ChecklistItemRemoved { .. } => "checklist: item removed".to_owned(),
            Change::ReleaseLineSet { release_line } => {
                format!("release line {} updated", release_line.line)
            }
            Change::ReleaseLineRemoved { line } => format!("release line {line} removed"),
            Change::DeadlineMet { rule, at } => format!("{rule} done at {}", at.to_rfc3339()),
            Change::ReporterWait { waiting: true } => {
                "waiting on the reporter (needs info)".to_owned()
            }
            Change::ReporterWait { waiting: false } => {
                "no longer waiting on the reporter".to_owned()
            }
            Change::PolicyProfileSaved { profile } => {
                format!("policy profile {} saved", profile.id)
            }
            Change::PolicyProfileActivated { profile_id } => {
                format!("policy profile {profile_id} activated")
            }
            Change::TemplateSaved { template } => format!("template {} saved", template.id),
            Change::TemplateReset { template_id } => format!("template {template_id} reset"),
            Change::ExportSettingsSaved { .. } => "export settings saved".to_owned(),
            Change::DraftCreated { template_id, .. } => format!("draft from {template_id}"),
            Change::DraftEdited { .. } => "draft edited".to_owned(),
            Change::DraftSent { at, .. } => format!(
                "draft sent at {}",
                at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
            ),
            Change::DuplicateOf {
                original_human_id, ..
            } => format!("marked a duplicate of {original_human_id}"),
            Change::DuplicateReported {
                duplicate_human_id, ..
            } => format!("reported again in {duplicate_human_id} (marked a duplicate)"),
            Change::NonIssueSaved { entry } => format!("known non-issue {} saved", entry.id),
            Change::NonIssueRemoved { entry_id } => format!("known non-issue {entry_id} removed"),
        }
    }
}
