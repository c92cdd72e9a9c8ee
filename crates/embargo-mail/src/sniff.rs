//! Deciding, before and after MIME parsing, whether bytes are an e-mail.

use crate::{MAX_MESSAGE_BYTES, MailError};

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";
/// How much of the header block is inspected for binary content.
const HEADER_SAMPLE: usize = 64 * 1024;
/// How much of a header-less input is inspected for binary content.
const START_SAMPLE: usize = 8 * 1024;

/// Checks size, emptiness and binary content, and returns the bytes to give
/// the MIME parser: without a UTF-8 BOM, leading blank lines or an mbox
/// `From ` envelope line.
pub(crate) fn prepare(bytes: &[u8]) -> Result<&[u8], MailError> {
    if bytes.len() > MAX_MESSAGE_BYTES {
        return Err(MailError::TooLarge {
            size: bytes.len(),
            limit: MAX_MESSAGE_BYTES,
        });
    }
    let mut rest = bytes
        .strip_prefix(UTF8_BOM)
        .unwrap_or(bytes)
        .trim_ascii_start();
    if rest.is_empty() {
        return Err(MailError::Empty);
    }
    if rest.starts_with(b"From ") {
        let line_end = rest.iter().position(|&b| b == b'\n').unwrap_or(rest.len());
        rest = rest[line_end..].trim_ascii_start();
    }
    if looks_binary(header_block(rest)) {
        return Err(MailError::Binary);
    }
    if !starts_with_header_field(rest) {
        return Err(MailError::NotAnEmail(
            "the text does not start with e-mail headers".to_owned(),
        ));
    }
    Ok(rest)
}

/// Called when the parsed message has none of the headers that make an
/// e-mail: tells a binary file from a text one.
pub(crate) fn no_key_headers(bytes: &[u8]) -> MailError {
    if looks_binary(&bytes[..bytes.len().min(START_SAMPLE)]) {
        MailError::Binary
    } else {
        MailError::NotAnEmail("no From, Subject, Date or Message-ID header".to_owned())
    }
}

/// The bytes up to the first blank line (at most [`HEADER_SAMPLE`]).
fn header_block(bytes: &[u8]) -> &[u8] {
    let sample = &bytes[..bytes.len().min(HEADER_SAMPLE)];
    let end = sample
        .windows(2)
        .position(|w| w == b"\n\n")
        .into_iter()
        .chain(sample.windows(3).position(|w| w == b"\n\r\n"))
        .min()
        .unwrap_or(sample.len());
    &sample[..end]
}

/// A NUL byte, more than 2 % control characters, or invalid UTF-8 with
/// more than 30 % non-ASCII bytes.
pub(crate) fn looks_binary(sample: &[u8]) -> bool {
    if sample.contains(&0) {
        return true;
    }
    let controls = sample
        .iter()
        .filter(|&&b| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c)) || b == 0x7f)
        .count();
    if controls * 50 > sample.len() {
        return true;
    }
    let high = sample.iter().filter(|&&b| b >= 0x80).count();
    high * 10 > sample.len() * 3 && std::str::from_utf8(sample).is_err()
}

/// Whether the first line is `Name:` with a valid RFC 5322 field name.
fn starts_with_header_field(bytes: &[u8]) -> bool {
    let name_len = bytes
        .iter()
        .position(|&b| !(33..=126).contains(&b) || b == b':')
        .unwrap_or(bytes.len());
    let rest = &bytes[name_len..];
    let blanks = rest
        .iter()
        .take_while(|&&b| b == b' ' || b == b'\t')
        .count();
    name_len > 0 && rest.get(blanks) == Some(&b':')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_and_whitespace() {
        assert!(matches!(prepare(b""), Err(MailError::Empty)));
        assert!(matches!(prepare(b" \r\n\t\n"), Err(MailError::Empty)));
        assert!(matches!(prepare(b"\xEF\xBB\xBF\n"), Err(MailError::Empty)));
    }

    #[test]
    fn binary_headers() {
        assert!(matches!(
            prepare(b"From: a\0b\n\nx"),
            Err(MailError::Binary)
        ));
        assert!(matches!(
            prepare(b"\x01\x02\x03\x04abc"),
            Err(MailError::Binary)
        ));
        // A NUL in the body is not the header block's business.
        assert!(prepare(b"Subject: x\n\nbody\0").is_ok());
    }

    #[test]
    fn latin1_header_is_text() {
        assert!(prepare(b"Subject: caf\xe9 cr\xe8me\n\nx").is_ok());
    }

    #[test]
    fn header_field_detection() {
        assert!(prepare(b"Subject : spaced\n\nx").is_ok());
        assert!(matches!(
            prepare(b"Meeting notes\nSubject: x\n"),
            Err(MailError::NotAnEmail(_))
        ));
        assert!(matches!(
            prepare(b": no name\n"),
            Err(MailError::NotAnEmail(_))
        ));
        assert!(matches!(
            prepare(b"Subject\n"),
            Err(MailError::NotAnEmail(_))
        ));
    }

    #[test]
    fn strips_bom_blank_lines_and_envelope() {
        let input = b"\xEF\xBB\xBF\r\nFrom a@b.example Tue Nov  3 13:05:00 2026\nSubject: x\n";
        assert_eq!(prepare(input).ok(), Some(&b"Subject: x\n"[..]));
    }
}
