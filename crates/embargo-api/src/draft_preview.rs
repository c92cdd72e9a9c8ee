//! What a draft will look like once exported, for the app's live preview: the
//! headers the `.eml` carries (From, To, Subject, In-Reply-To) and its plain-text
//! body, from the same addressing the export uses. The text being typed can be
//! previewed before it is saved; nothing is recorded.

use embargo_domain::Draft;
use embargo_drafts::addressing;
use serde::Serialize;

use crate::{ApiError, DraftView, Input, Session};

/// The message a draft becomes, as the `.eml` export will write it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct DraftPreview {
    /// The draft, `CASE/Dn`.
    pub draft: String,
    /// `Name <address>` of the vault's owner, who sends it.
    pub from: String,
    /// `Name <address>` of the recipient; `None` when there is nobody to send it to.
    pub to: Option<String>,
    /// Why there is no recipient, and how to set one (the export would refuse).
    pub to_problem: Option<String>,
    /// The subject line, as the export writes it.
    pub subject: String,
    /// `<message-id>` of the report this answers, so it threads with it.
    pub in_reply_to: Option<String>,
    /// The plain-text body.
    pub body: String,
    /// Why this text could not be saved as it is (empty subject or body).
    pub text_problem: Option<String>,
}

/// A draft's text as an edit would save it: the subject on one line, the body as typed.
pub(crate) struct DraftText {
    pub subject: String,
    pub body: String,
}

impl DraftText {
    /// `subject`/`body` as typed over what `saved` holds (`None` keeps it).
    pub(crate) fn new(saved: &Draft, subject: Option<String>, body: Option<String>) -> Self {
        Self {
            subject: subject
                .map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "))
                .unwrap_or_else(|| saved.subject.clone()),
            body: body.unwrap_or_else(|| saved.body.clone()),
        }
    }

    /// Why this text cannot be saved, if it cannot.
    pub(crate) fn problem(&self) -> Option<(Input, &'static str)> {
        if self.subject.is_empty() {
            Some((Input::Subject, "a draft's subject must not be empty"))
        } else if self.body.trim().is_empty() {
            Some((Input::Body, "a draft's body must not be empty"))
        } else {
            None
        }
    }
}

impl Session {
    /// Preview `draft` with `subject`/`body` as typed (`None` keeps the saved text).
    pub fn preview_draft(
        &self,
        draft: &str,
        subject: Option<String>,
        body: Option<String>,
    ) -> Result<DraftPreview, ApiError> {
        let (case, mut shown) = self.find_draft(draft)?;
        let text = DraftText::new(&shown, subject, body);
        let text_problem = text.problem().map(|(_, problem)| problem.to_owned());
        shown.subject = text.subject;
        shown.body = text.body;
        let sender = self.sender();
        let (to, in_reply_to, to_problem) =
            match addressing(&case, &shown, &self.export_settings()?) {
                Ok(address) => {
                    let to = match address.to_name {
                        Some(name) => format!("{name} <{}>", address.to),
                        None => address.to,
                    };
                    (Some(to), address.in_reply_to, None)
                }
                Err(problem) => (None, None, Some(problem.to_string())),
            };
        Ok(DraftPreview {
            draft: DraftView::name(&case, &shown),
            from: format!("{} <{}>", sender.name, sender.email),
            to,
            to_problem,
            subject: shown.subject,
            in_reply_to: in_reply_to.map(|id| format!("<{id}>")),
            body: shown.body,
            text_problem,
        })
    }
}
