//! A draft as a message the handler sends from their own mail client: an RFC 5322
//! `.eml` file (threaded with the report when it answers the reporter) or a
//! `mailto:` URL. Embargo itself never sends anything.

use chrono::{DateTime, Utc};
use embargo_domain::{Audience, Case, Draft, ExportSettings};
use mail_builder::MessageBuilder;
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use serde::Serialize;

use crate::context::report_message;
use crate::{DraftError, NoRecipient, Person};

/// Where a draft goes and which message it answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Addressing {
    /// The recipient's display name, when known.
    pub to_name: Option<String>,
    /// The recipient's address.
    pub to: String,
    /// The Message-ID this one replies to (the report's), without angle brackets.
    pub in_reply_to: Option<String>,
}

/// Work out the recipient: the reporter (replying in the report's thread), the
/// team's mailing list, or the CNA, as the draft's audience says.
pub fn addressing(
    case: &Case,
    draft: &Draft,
    settings: &ExportSettings,
) -> Result<Addressing, DraftError> {
    match draft.audience {
        Audience::Reporter => {
            let to = case.reporter.email.clone().ok_or_else(|| {
                DraftError::NoRecipient(NoRecipient::ReporterEmail {
                    case: case.human_id.to_string(),
                })
            })?;
            Ok(Addressing {
                to_name: case.reporter.name.clone(),
                to,
                in_reply_to: report_message(case).and_then(|m| m.message_id.clone()),
            })
        }
        Audience::MailingList => Ok(Addressing {
            to_name: None,
            to: settings
                .mailing_list
                .clone()
                .ok_or(DraftError::NoRecipient(NoRecipient::MailingList))?,
            in_reply_to: None,
        }),
        Audience::Cna => Ok(Addressing {
            to_name: None,
            to: settings
                .cve_request_to
                .clone()
                .ok_or(DraftError::NoRecipient(NoRecipient::CveRequestTo))?,
            in_reply_to: None,
        }),
    }
}

/// The draft as an RFC 5322 message, dated `now`, from `sender`. Its Message-ID
/// is the draft's own ([`Draft::message_id`]), so the sent copy and replies to it
/// thread into the case when imported.
pub fn eml(
    case: &Case,
    draft: &Draft,
    settings: &ExportSettings,
    sender: &Person,
    now: DateTime<Utc>,
) -> Result<Vec<u8>, DraftError> {
    let to = addressing(case, draft, settings)?;
    let mut message = MessageBuilder::new()
        .from((sender.name.clone(), sender.email.clone()))
        .subject(draft.subject.clone())
        .date(now.timestamp())
        .message_id(draft.message_id(&sender.email))
        .text_body(draft.body.clone());
    message = match to.to_name {
        Some(name) => message.to((name, to.to)),
        None => message.to(to.to),
    };
    if let Some(parent) = to.in_reply_to {
        message = message.in_reply_to(parent.clone()).references(parent);
    }
    message
        .write_to_vec()
        .map_err(|e| DraftError::Mail(e.to_string()))
}

/// Characters kept as they are in a `mailto:` header value (RFC 6068 §2):
/// the unreserved set; everything else is percent-encoded as UTF-8.
const MAILTO_VALUE: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');
/// In the address part `@` stays as it is.
const MAILTO_ADDRESS: &AsciiSet = &MAILTO_VALUE.remove(b'@');

/// The draft as a `mailto:` URL (line breaks as CRLF, as RFC 6068 asks).
pub fn mailto(case: &Case, draft: &Draft, settings: &ExportSettings) -> Result<String, DraftError> {
    let to = addressing(case, draft, settings)?;
    let body = draft.body.replace("\r\n", "\n").replace('\n', "\r\n");
    let mut url = format!(
        "mailto:{}?subject={}",
        utf8_percent_encode(&to.to, MAILTO_ADDRESS),
        utf8_percent_encode(&draft.subject, MAILTO_VALUE)
    );
    if let Some(parent) = to.in_reply_to {
        url.push_str("&In-Reply-To=");
        url.extend(utf8_percent_encode(&format!("<{parent}>"), MAILTO_VALUE));
    }
    url.push_str("&body=");
    url.extend(utf8_percent_encode(&body, MAILTO_VALUE));
    Ok(url)
}
