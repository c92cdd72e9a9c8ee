use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::{
    CaseField, CaseId, Change, CvssScore, DomainError, Draft, Event, HumanId, Status, StatusNeed,
};

/// Who reported the issue and how they want to be credited.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Reporter {
    /// Display name.
    pub name: Option<String>,
    /// E-mail address.
    pub email: Option<String>,
    /// Credit line for the advisory, as the reporter asked.
    pub credit: Option<String>,
}

/// Whether a message came from outside or went out from us.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "kebab-case")]
pub enum Direction {
    /// Received (e.g. the report, a reporter's reply).
    Incoming,
    /// Sent by a handler.
    Outgoing,
}

/// One message of the case's correspondence. Bodies are plain text only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Message {
    /// Stable id within the case.
    pub id: Uuid,
    /// In or out.
    pub direction: Direction,
    /// Sender as "Name <address>" or just the address.
    pub from: String,
    /// Recipients' addresses.
    pub to: Vec<String>,
    /// Subject line.
    pub subject: String,
    /// When it was sent (UTC).
    pub date: DateTime<Utc>,
    /// Plain-text body.
    pub body: String,
    /// The RFC 5322 Message-ID, without angle brackets.
    pub message_id: Option<String>,
    /// Message-IDs this one replies to (In-Reply-To then References).
    pub in_reply_to: Vec<String>,
    /// Attachments that came with this message.
    pub attachment_ids: Vec<Uuid>,
}

/// A file kept with the case; its bytes live encrypted in the vault, keyed by hash.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attachment {
    /// Stable id within the case.
    pub id: Uuid,
    /// File name as received.
    pub name: String,
    /// Size in bytes.
    pub size: u64,
    /// MIME type, e.g. `text/x-python`.
    pub media_type: String,
    /// SHA-256 of the content, hex; the key of the stored bytes.
    pub sha256: String,
}

/// A private note by a handler.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Note {
    /// Stable id within the case.
    pub id: Uuid,
    /// The note.
    pub text: String,
    /// When it was written.
    pub at: DateTime<Utc>,
}

/// One item of the case's checklist.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ChecklistItem {
    /// Stable id within the case.
    pub id: Uuid,
    /// What to do.
    pub text: String,
    /// Whether it is done.
    pub done: bool,
}

/// Whether a release line is affected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "kebab-case")]
pub enum Affected {
    /// Vulnerable.
    Affected,
    /// Not vulnerable.
    NotAffected,
    /// Not yet known.
    Unknown,
}

/// Where the fix for a release line is held.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "kebab-case")]
pub enum FixState {
    /// No fix yet.
    None,
    /// Fix on a private branch.
    PrivateBranch,
    /// Fix reviewed and ready, still private.
    Ready,
    /// Fixed version released.
    Released,
}

/// One maintained release line in the case's matrix.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ReleaseLine {
    /// The line, e.g. `20.x`.
    pub line: String,
    /// Whether it is affected.
    pub affected: Affected,
    /// The first fixed version on this line.
    pub fixed_version: Option<String>,
    /// Where the fix is held.
    pub fix_state: FixState,
}

/// A policy step recorded as done.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct MetDeadline {
    /// The policy rule's id.
    pub rule: String,
    /// When it was done.
    pub at: DateTime<Utc>,
}

/// Another case this one is linked to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseLink {
    /// Its internal id.
    pub case_id: CaseId,
    /// Its `EMB-YYYY-NNNN`.
    pub human_id: HumanId,
}

/// A case as folded from its events.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Case {
    /// Internal id.
    pub id: CaseId,
    /// `EMB-YYYY-NNNN`.
    pub human_id: HumanId,
    /// Short title.
    pub title: String,
    /// Where it stands.
    pub status: Status,
    /// Who reported it.
    pub reporter: Reporter,
    /// When the report arrived (UTC).
    pub received_at: DateTime<Utc>,
    /// How it arrived (e-mail, web form, ...).
    pub channel: String,
    /// The primary handler.
    pub handler: Option<String>,
    /// Affected product.
    pub product: Option<String>,
    /// CVE id once assigned.
    pub cve_id: Option<String>,
    /// CWE, e.g. `CWE-22`.
    pub cwe: Option<String>,
    /// The embargo instant (UTC).
    pub embargo_at: Option<DateTime<Utc>>,
    /// At most one score per CVSS version.
    pub cvss: Vec<CvssScore>,
    /// Checklist.
    pub checklist: Vec<ChecklistItem>,
    /// Private notes, oldest first.
    pub notes: Vec<Note>,
    /// Correspondence, oldest first.
    pub messages: Vec<Message>,
    /// Files kept with the case.
    pub attachments: Vec<Attachment>,
    /// Release-line matrix.
    pub release_lines: Vec<ReleaseLine>,
    /// When the last event touched the case.
    pub updated_at: DateTime<Utc>,
    /// Policy steps done, in the order recorded.
    #[serde(default)]
    pub met: Vec<MetDeadline>,
    /// Whether the case waits on the reporter (`needs-info`).
    #[serde(default)]
    pub waiting_on_reporter: bool,
    /// Drafts of replies and notices, in creation order.
    #[serde(default)]
    pub drafts: Vec<Draft>,
    /// The earlier case this one duplicates, once marked.
    #[serde(default)]
    pub duplicate_of: Option<CaseLink>,
    /// Later cases marked as duplicates of this one, in the order marked.
    #[serde(default)]
    pub duplicates: Vec<CaseLink>,
}

impl Case {
    /// Fold a case from its events (in log order). `None` until the opening event.
    pub fn fold<'a>(events: impl IntoIterator<Item = &'a Event>) -> Option<Case> {
        let mut case: Option<Case> = None;
        for event in events {
            match &mut case {
                Some(case) => case.apply(event),
                None => case = Case::open(event),
            }
        }
        case
    }

    /// A new case from its opening event; `None` for any other event.
    pub fn open(event: &Event) -> Option<Case> {
        let Change::CaseOpened {
            human_id,
            title,
            reporter,
            received_at,
            channel,
        } = &event.change
        else {
            return None;
        };
        Some(Case {
            id: event.case_id,
            human_id: *human_id,
            title: title.clone(),
            status: Status::Received,
            reporter: reporter.clone(),
            received_at: *received_at,
            channel: channel.clone(),
            handler: None,
            product: None,
            cve_id: None,
            cwe: None,
            embargo_at: None,
            cvss: Vec::new(),
            checklist: Vec::new(),
            notes: Vec::new(),
            messages: Vec::new(),
            attachments: Vec::new(),
            release_lines: Vec::new(),
            updated_at: event.at.instant(),
            met: Vec::new(),
            waiting_on_reporter: false,
            drafts: Vec::new(),
            duplicate_of: None,
            duplicates: Vec::new(),
        })
    }

    /// Apply one event. Total: validation happens before an event is written
    /// ([`Case::check_move`], [`CaseField::parse`]), so replay never fails.
    pub fn apply(&mut self, event: &Event) {
        self.updated_at = self.updated_at.max(event.at.instant());
        match &event.change {
            Change::CaseOpened { .. } => {}
            Change::FieldSet { field } => self.set_field(field.clone()),
            Change::StatusMoved { to, .. } => self.status = *to,
            Change::NoteAdded { note_id, text } => self.notes.push(Note {
                id: *note_id,
                text: text.clone(),
                at: event.at.instant(),
            }),
            Change::MessageAdded { message } => {
                if !self.messages.iter().any(|m| m.id == message.id) {
                    self.messages.push(message.clone());
                    self.messages.sort_by_key(|m| m.date);
                }
            }
            Change::AttachmentAdded { attachment } => {
                if !self.attachments.iter().any(|a| a.id == attachment.id) {
                    self.attachments.push(attachment.clone());
                }
            }
            Change::ChecklistItemAdded { item_id, text } => {
                if !self.checklist.iter().any(|i| i.id == *item_id) {
                    self.checklist.push(ChecklistItem {
                        id: *item_id,
                        text: text.clone(),
                        done: false,
                    });
                }
            }
            Change::ChecklistItemDone { item_id, done } => {
                if let Some(item) = self.checklist.iter_mut().find(|i| i.id == *item_id) {
                    item.done = *done;
                }
            }
            Change::ChecklistItemRemoved { item_id } => self.checklist.retain(|i| i.id != *item_id),
            Change::ReleaseLineSet { release_line } => {
                match self
                    .release_lines
                    .iter_mut()
                    .find(|l| l.line == release_line.line)
                {
                    Some(existing) => *existing = release_line.clone(),
                    None => self.release_lines.push(release_line.clone()),
                }
            }
            Change::ReleaseLineRemoved { line } => self.release_lines.retain(|l| &l.line != line),
            Change::DeadlineMet { rule, at } => self.met.push(MetDeadline {
                rule: rule.clone(),
                at: *at,
            }),
            Change::ReporterWait { waiting } => self.waiting_on_reporter = *waiting,
            Change::PolicyProfileSaved { .. } | Change::PolicyProfileActivated { .. } => {}
            Change::DraftCreated { .. } | Change::DraftEdited { .. } | Change::DraftSent { .. } => {
                crate::drafts::apply(&mut self.drafts, event)
            }
            Change::DuplicateOf {
                original,
                original_human_id,
            } => {
                self.duplicate_of = Some(CaseLink {
                    case_id: *original,
                    human_id: *original_human_id,
                })
            }
            Change::DuplicateReported {
                duplicate,
                duplicate_human_id,
            } => {
                if !self.duplicates.iter().any(|d| d.case_id == *duplicate) {
                    self.duplicates.push(CaseLink {
                        case_id: *duplicate,
                        human_id: *duplicate_human_id,
                    });
                }
            }
            Change::TemplateSaved { .. }
            | Change::TemplateReset { .. }
            | Change::ExportSettingsSaved { .. }
            | Change::NonIssueSaved { .. }
            | Change::NonIssueRemoved { .. } => {}
        }
    }

    fn set_field(&mut self, field: CaseField) {
        match field {
            CaseField::Title(v) => self.title = v,
            CaseField::ReporterName(v) => self.reporter.name = v,
            CaseField::ReporterEmail(v) => self.reporter.email = v,
            CaseField::ReporterCredit(v) => self.reporter.credit = v,
            CaseField::Received(v) => self.received_at = v,
            CaseField::Channel(v) => self.channel = v,
            CaseField::Handler(v) => self.handler = v,
            CaseField::Product(v) => self.product = v,
            CaseField::CveId(v) => self.cve_id = v,
            CaseField::Cwe(v) => self.cwe = v,
            CaseField::EmbargoAt(v) => self.embargo_at = v,
            CaseField::Cvss(score) => {
                self.cvss.retain(|s| s.version != score.version);
                self.cvss.push(score);
                self.cvss.sort_by_key(|s| s.version);
            }
            CaseField::CvssCleared(version) => self.cvss.retain(|s| s.version != version),
        }
    }

    /// Whether the policy allows moving this case to `to` now; if not, says what is
    /// missing in the user's terms.
    pub fn check_move(&self, to: Status) -> Result<(), DomainError> {
        if self.status == to {
            return Err(DomainError::AlreadyInStatus(to));
        }
        let before = to.predecessors();
        if !before.contains(&self.status) {
            let names: Vec<&str> = before.iter().map(|s| s.as_str()).collect();
            let needs = match names.as_slice() {
                [] => "nothing; it is where every case starts".to_owned(),
                [one] => (*one).to_owned(),
                [init @ .., last] => format!("{} or {}", init.join(", "), last),
            };
            return Err(DomainError::IllegalTransition {
                from: self.status,
                to,
                needs,
            });
        }
        let missing = self.missing_for(to);
        if missing.is_empty() {
            Ok(())
        } else {
            Err(DomainError::MissingForStatus { to, missing })
        }
    }

    fn missing_for(&self, to: Status) -> Vec<StatusNeed> {
        let mut missing = Vec::new();
        match to {
            Status::FixReady => {
                for line in &self.release_lines {
                    if line.affected == Affected::Affected && line.fixed_version.is_none() {
                        missing.push(StatusNeed::FixedVersion {
                            line: line.line.clone(),
                        });
                    }
                }
            }
            Status::Scheduled => {
                if self.cve_id.is_none() {
                    missing.push(StatusNeed::CveId);
                }
                if self.embargo_at.is_none() {
                    missing.push(StatusNeed::EmbargoDate);
                }
            }
            _ => {}
        }
        missing
    }
}
