//! The one error type of this crate.

/// Why a file or message could not be read as e-mail.
///
/// Every variant has a short, user-facing [`Display`](std::fmt::Display)
/// text that never contains message content, so it is safe to show and to
/// log.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum MailError {
    /// The input is empty or contains only whitespace.
    #[error("the file is empty")]
    Empty,
    /// The input contains NUL bytes or mostly non-text bytes in its header
    /// part: it is some binary file, not an e-mail.
    #[error("the file is binary, not an e-mail")]
    Binary,
    /// The input is text but has no recognisable header block. The string
    /// says what is missing.
    #[error("not an e-mail: {0}")]
    NotAnEmail(String),
    /// The input is larger than [`MAX_MESSAGE_BYTES`](crate::MAX_MESSAGE_BYTES).
    #[error(
        "the file is too large to be read as e-mail ({size} bytes; the limit is {limit} bytes)"
    )]
    TooLarge {
        /// Size of the input in bytes.
        size: usize,
        /// The limit in bytes.
        limit: usize,
    },
    /// One message of an mbox could not be read; `index` is 1-based.
    ///
    /// The display text already includes the reason, so callers that print
    /// error chains will see it twice; print this one with `{}` only.
    #[error("message {index} of the mbox could not be read: {source}")]
    MboxMessage {
        /// 1-based position of the failing message in the mbox.
        index: usize,
        /// Why that message could not be read.
        source: Box<MailError>,
    },
}
