//! Drafts: messages rendered from a template onto a case, edited, then sent.
//!
//! A draft lives on its case (it is part of the case's history, so it syncs with
//! the case). Sending is recorded by the handler after they sent it from their own
//! mail client: the draft becomes outgoing correspondence and meets the policy rule
//! its template names.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Who a message is written for; decides where an exported draft is addressed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "kebab-case")]
pub enum Audience {
    /// The person who reported the issue (a reply in the report's thread).
    Reporter,
    /// The security mailing list (pre-release notices, announcements).
    MailingList,
    /// The CVE Numbering Authority the team requests CVE ids from.
    Cna,
}

impl Audience {
    /// `reporter`, `mailing-list` or `cna`.
    pub fn as_str(self) -> &'static str {
        match self {
            Audience::Reporter => "reporter",
            Audience::MailingList => "mailing-list",
            Audience::Cna => "cna",
        }
    }

    /// Parse the names [`Audience::as_str`] gives.
    pub fn parse(text: &str) -> Option<Self> {
        [Audience::Reporter, Audience::MailingList, Audience::Cna]
            .into_iter()
            .find(|a| a.as_str() == text.trim())
    }
}

/// A draft saved on a case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    /// Stable id (survives sync; what events refer to).
    pub id: Uuid,
    /// Position among the case's drafts, from 1 (`D1`, `D2`, … in creation order).
    pub number: u32,
    /// The template it was rendered from.
    pub template_id: String,
    /// Who it is for.
    pub audience: Audience,
    /// The policy rule that sending it meets (`ack`, `response`, `update`), if any.
    pub meets: Option<String>,
    /// Subject line.
    pub subject: String,
    /// Plain-text body.
    pub body: String,
    /// When it was rendered.
    pub created_at: DateTime<Utc>,
    /// When it was last edited.
    pub edited_at: Option<DateTime<Utc>>,
    /// When the handler sent it, once recorded.
    pub sent_at: Option<DateTime<Utc>>,
    /// The event that last set the text (what the next edit names as its base).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub head: Option<crate::EventId>,
    /// Who wrote the current text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub head_author: Option<crate::AuthorId>,
    /// Set when the text was edited on two devices between syncs: every competing
    /// version, for a person to choose from. The text shown is the last writer's;
    /// the next edit made with this draft in view resolves the conflict.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conflict: Vec<DraftVersion>,
}

/// One version of a draft's text in a conflict.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct DraftVersion {
    /// The event that wrote it.
    pub event: crate::EventId,
    /// Who wrote it.
    pub author: crate::AuthorId,
    /// Subject line.
    pub subject: String,
    /// Body.
    pub body: String,
}

impl Draft {
    /// `D1`, `D2`, …: the short name people use within a case.
    pub fn short_name(&self) -> String {
        format!("D{}", self.number)
    }

    /// The Message-ID an exported copy carries, stable for the draft, so that the
    /// sent message and the reporter's reply to it thread into this case.
    pub fn message_id(&self, sender_email: &str) -> String {
        let domain = sender_email
            .rsplit_once('@')
            .map(|(_, domain)| domain)
            .filter(|d| !d.is_empty())
            .unwrap_or("embargo.invalid");
        format!("embargo-{}@{domain}", self.id.simple())
    }
}

/// Apply a draft event to a case's drafts (replay is total: an event about an
/// unknown draft changes nothing).
pub(crate) fn apply(drafts: &mut Vec<Draft>, event: &crate::Event) {
    use crate::Change;
    let at = event.at.instant();
    match &event.change {
        Change::DraftCreated {
            draft_id,
            template_id,
            audience,
            meets,
            subject,
            body,
        } => {
            if drafts.iter().any(|d| d.id == *draft_id) {
                return;
            }
            drafts.push(Draft {
                id: *draft_id,
                number: drafts.len() as u32 + 1,
                template_id: template_id.clone(),
                audience: *audience,
                meets: meets.clone(),
                subject: subject.clone(),
                body: body.clone(),
                created_at: at,
                edited_at: None,
                sent_at: None,
                head: Some(event.id),
                head_author: Some(event.author.clone()),
                conflict: Vec::new(),
            });
        }
        Change::DraftEdited {
            draft_id,
            subject,
            body,
            base,
        } => {
            if let Some(draft) = drafts.iter_mut().find(|d| d.id == *draft_id) {
                let version = DraftVersion {
                    event: event.id,
                    author: event.author.clone(),
                    subject: subject.clone(),
                    body: body.clone(),
                };
                match base {
                    // Made without seeing the current text: keep both versions.
                    Some(base) if draft.head != Some(*base) => {
                        if draft.conflict.is_empty() {
                            draft.conflict.push(DraftVersion {
                                event: draft.head.unwrap_or(*base),
                                author: draft
                                    .head_author
                                    .clone()
                                    .unwrap_or_else(|| event.author.clone()),
                                subject: draft.subject.clone(),
                                body: draft.body.clone(),
                            });
                        }
                        draft.conflict.push(version);
                    }
                    // Made with the current text in view: a person chose; resolved.
                    Some(_) => draft.conflict.clear(),
                    None => {}
                }
                draft.subject = subject.clone();
                draft.body = body.clone();
                draft.edited_at = Some(at);
                draft.head = Some(event.id);
                draft.head_author = Some(event.author.clone());
            }
        }
        Change::DraftSent { draft_id, at } => {
            if let Some(draft) = drafts.iter_mut().find(|d| d.id == *draft_id) {
                draft.sent_at = Some(*at);
            }
        }
        _ => {}
    }
}
