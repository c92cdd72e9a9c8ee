//! Parse untrusted e-mail (`.eml` files and mboxes) into typed messages.
//!
//! This crate only reads: it stores nothing, logs nothing and never renders
//! HTML. Intake (SPEC §2.2) uses it to turn a reported e-mail into a case or
//! into correspondence on an existing case.
//!
//! ```no_run
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let bytes = std::fs::read("report.eml")?;
//! for message in embargo_mail::parse_file(&bytes)? {
//!     let reporter = message.from_email.as_deref().unwrap_or("unknown");
//!     let threaded = !message.in_reply_to.is_empty() || !message.references.is_empty();
//!     let _ = (reporter, threaded, message.subject, message.body, message.attachments);
//! }
//! # Ok(())
//! # }
//! ```
//!
//! # What is "not an e-mail"
//!
//! The MIME parser underneath accepts almost anything, so this crate decides
//! up front, and reports it as a [`MailError`]:
//!
//! - [`MailError::Empty`]: no bytes, or only whitespace;
//! - [`MailError::Binary`]: a NUL byte, more than 2 % control characters, or
//!   mostly non-UTF-8 high bytes in the header block (everything before the
//!   first blank line), e.g. an image, archive or executable;
//! - [`MailError::NotAnEmail`]: text that does not start with a header field
//!   (`Name: value`), or whose header block has none of `From`, `Subject`,
//!   `Date` and `Message-ID`;
//! - [`MailError::TooLarge`]: more than [`MAX_MESSAGE_BYTES`] in one message.
//!
//! Everything else is read best effort (see [`parse_message`]): broken MIME
//! yields what can be read, and nothing panics.
//!
//! # mbox
//!
//! [`parse_file`] treats a file whose first line starts with `From ` as an
//! mbox (mboxo or mboxrd; `>From ` lines are unescaped) and returns every
//! message in order, or an error naming the first message that failed: a
//! caller never gets half a mailbox.
//!
//! # Privacy
//!
//! The `Debug` output of [`ParsedMessage`] and [`ParsedAttachment`] shows
//! only lengths and counts, and [`MailError`]'s texts never quote content,
//! so neither can leak case data into logs.
#![deny(missing_docs)]

mod error;
mod html;
mod mbox;
mod message;
mod parts;
mod sniff;

pub use error::MailError;
pub use message::{ParsedAttachment, ParsedMessage, parse_message};

/// The largest single message accepted (1 GiB); the MIME parser indexes
/// messages with 32-bit offsets.
pub const MAX_MESSAGE_BYTES: usize = 1 << 30;

/// Parse a file that is either a single `.eml` or an mbox (detected by a
/// first line starting with `From `). Returns every message in order.
///
/// For an mbox, if any message fails, the result is
/// [`MailError::MboxMessage`] with the 1-based index of the first failing
/// message and why it failed, so the caller can leave its store unchanged.
pub fn parse_file(bytes: &[u8]) -> Result<Vec<ParsedMessage>, MailError> {
    if !mbox::is_mbox(bytes) {
        return parse_message(bytes).map(|message| vec![message]);
    }
    mbox::split(bytes)
        .iter()
        .enumerate()
        .map(|(i, raw)| {
            parse_message(raw).map_err(|source| MailError::MboxMessage {
                index: i + 1,
                source: Box::new(source),
            })
        })
        .collect()
}
