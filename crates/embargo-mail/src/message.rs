//! The parsed message and its header fields.

use std::fmt;

use chrono::{DateTime, FixedOffset, NaiveDate, TimeZone, Utc};
use mail_parser::{HeaderName, HeaderValue, Message, MessageParser};

use crate::{MailError, parts, sniff};

/// One parsed e-mail. All text is plain text; nothing is HTML.
///
/// Header-derived strings have control characters (line breaks, escapes)
/// replaced by spaces and are trimmed. `Debug` prints only lengths and
/// counts, never content.
#[derive(Clone, PartialEq, Eq)]
pub struct ParsedMessage {
    /// Decoded display name of the first `From` address.
    pub from_name: Option<String>,
    /// The first `From` address as written, trimmed (not lower-cased).
    pub from_email: Option<String>,
    /// Every `To` address, in order (names dropped, groups flattened).
    pub to: Vec<String>,
    /// Decoded subject; `""` if there is none.
    pub subject: String,
    /// The `Date` header in UTC; `None` if missing or unparseable.
    pub date: Option<DateTime<Utc>>,
    /// `Message-ID`, without angle brackets.
    pub message_id: Option<String>,
    /// `In-Reply-To` ids, without angle brackets.
    pub in_reply_to: Vec<String>,
    /// `References` ids, without angle brackets.
    pub references: Vec<String>,
    /// The text body (see [`parse_message`] for how it is chosen).
    pub body: String,
    /// Attachments, in message order.
    pub attachments: Vec<ParsedAttachment>,
}

/// One attachment: a file the sender attached, decoded.
#[derive(Clone, PartialEq, Eq)]
pub struct ParsedAttachment {
    /// Decoded file name, reduced to its last path component and without
    /// control or bidirectional-override characters; `attachment-N`
    /// (1-based position; `attachment-N.eml` for a forwarded message) when
    /// the message gives none.
    pub name: String,
    /// Lower-case `type/subtype`, e.g. `application/pdf`.
    pub media_type: String,
    /// The bytes after transfer decoding (base64, quoted-printable).
    pub data: Vec<u8>,
}

impl fmt::Debug for ParsedMessage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ParsedMessage")
            .field("subject_len", &self.subject.len())
            .field("to", &self.to.len())
            .field("body_len", &self.body.len())
            .field("attachments", &self.attachments.len())
            .finish_non_exhaustive()
    }
}

impl fmt::Debug for ParsedAttachment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ParsedAttachment")
            .field("size", &self.data.len())
            .finish_non_exhaustive()
    }
}

/// Parse one RFC 5322 message.
///
/// # What is accepted
///
/// The input is rejected with [`MailError::Empty`] if it is empty or only
/// whitespace, [`MailError::Binary`] if its header block holds a NUL byte or
/// mostly non-text bytes, and [`MailError::NotAnEmail`] if it does not start
/// with a header field or has none of `From`, `Subject`, `Date` and
/// `Message-ID`. A leading UTF-8 BOM, blank lines and an mbox `From `
/// envelope line are skipped.
///
/// # Best effort
///
/// Anything past that is read as far as possible and never panics: a
/// multipart whose closing boundary is missing ends at the end of the input,
/// so its last part (possibly truncated) is still returned, decoded as far
/// as its encoding allows; a multipart without a `boundary` parameter comes
/// back as one attachment of that `multipart/*` type; an unknown charset is
/// read as UTF-8 with replacement characters; an unparseable `Date` gives
/// `None`.
///
/// # Body
///
/// The `text/plain` body parts (or, for an HTML-only message, the HTML
/// converted to sanitized text: no tags, no script or style contents,
/// entities decoded) joined by a blank line, with line endings normalised
/// to `\n`, control characters other than tab removed and trailing
/// whitespace trimmed.
pub fn parse_message(bytes: &[u8]) -> Result<ParsedMessage, MailError> {
    let bytes = sniff::prepare(bytes)?;
    let message = MessageParser::default()
        .parse(bytes)
        .ok_or_else(|| sniff::no_key_headers(bytes))?;
    let has_key_header = message.headers().iter().any(|h| {
        matches!(
            h.name,
            HeaderName::From | HeaderName::Subject | HeaderName::Date | HeaderName::MessageId
        )
    });
    if !has_key_header {
        return Err(sniff::no_key_headers(bytes));
    }
    let from = message.from().and_then(|a| a.first());
    Ok(ParsedMessage {
        from_name: from.and_then(|a| a.name()).and_then(clean_header),
        from_email: from.and_then(|a| a.address()).and_then(clean_header),
        to: message
            .all_to()
            .flat_map(|a| a.iter())
            .filter_map(|a| a.address().and_then(clean_header))
            .collect(),
        subject: message.subject().and_then(clean_header).unwrap_or_default(),
        date: message.date().and_then(to_utc),
        message_id: message.message_id().and_then(clean_id),
        in_reply_to: ids(&message, HeaderName::InReplyTo),
        references: ids(&message, HeaderName::References),
        body: parts::body(&message),
        attachments: parts::attachments(&message),
    })
}

/// Every id in every instance of the header, in order.
fn ids<'x>(message: &Message<'x>, name: HeaderName<'x>) -> Vec<String> {
    message
        .header_values(name)
        .flat_map(|value| match value {
            HeaderValue::Text(id) => vec![id.as_ref()],
            HeaderValue::TextList(list) => list.iter().map(AsRef::as_ref).collect(),
            _ => Vec::new(),
        })
        .filter_map(clean_id)
        .collect()
}

fn clean_id(id: &str) -> Option<String> {
    let id = id.trim().trim_start_matches('<').trim_end_matches('>');
    clean_header(id)
}

/// Control characters become spaces; the result is trimmed; `None` if empty.
pub(crate) fn clean_header(text: &str) -> Option<String> {
    let cleaned: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let trimmed = cleaned.trim();
    (!trimmed.is_empty()).then(|| trimmed.to_owned())
}

/// A valid date in a valid zone, converted to UTC.
fn to_utc(date: &mail_parser::DateTime) -> Option<DateTime<Utc>> {
    if !date.is_valid() {
        return None;
    }
    let local = NaiveDate::from_ymd_opt(date.year.into(), date.month.into(), date.day.into())?
        .and_hms_opt(date.hour.into(), date.minute.into(), date.second.into())?;
    let offset = i32::from(date.tz_hour) * 3600 + i32::from(date.tz_minute) * 60;
    let offset = if date.tz_before_gmt { -offset } else { offset };
    let zone = FixedOffset::east_opt(offset)?;
    let zoned = zone.from_local_datetime(&local).single()?;
    Some(zoned.with_timezone(&Utc))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_header_removes_controls() {
        assert_eq!(
            clean_header(" a\r\nb\u{1b}[31m "),
            Some("a  b [31m".to_owned())
        );
        assert_eq!(clean_header(" \t "), None);
    }

    #[test]
    fn debug_never_shows_content() {
        let message = ParsedMessage {
            from_name: Some("SECRETNAME".into()),
            from_email: Some("secret@example.org".into()),
            to: vec!["x@example.org".into()],
            subject: "SECRETSUBJECT".into(),
            date: None,
            message_id: Some("SECRETID".into()),
            in_reply_to: Vec::new(),
            references: Vec::new(),
            body: "SECRETBODY".into(),
            attachments: vec![ParsedAttachment {
                name: "SECRETFILE.py".into(),
                media_type: "text/x-python".into(),
                data: b"SECRETDATA".to_vec(),
            }],
        };
        let shown = format!("{message:?} {:?} {message:#?}", message.attachments[0]);
        assert!(!shown.to_lowercase().contains("secret"), "{shown}");
        assert!(shown.contains("body_len: 10"));
        assert!(shown.contains("ParsedAttachment { size: 10, .. }"));
    }
}
