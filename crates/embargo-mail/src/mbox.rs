//! Splitting an mbox into messages.
//!
//! A message starts at the file's first line and at every later line that
//! (1) starts with `From `, (2) follows a blank line and (3) looks like an
//! envelope line: a sender token and then a time such as `13:05` (`From
//! alice@example.org Tue Nov  3 13:05:00 2026`, `From - Tue ...`,
//! `From MAILER-DAEMON ...`). Rule (3) keeps an unescaped body line such as
//! "From the logs we can see ..." from splitting a message in two.
//!
//! Body lines escaped by the writer are unescaped the mboxrd way, which also
//! covers mboxo: a line of one or more `>` followed by `From ` loses one `>`.
//! The blank line that separates two messages is not part of either.
//!
//! Why not mail-parser's mbox reader (`mail_parser::mailbox::mbox::MessageIterator`,
//! in the 0.11.9 that Cargo.lock pins): it unescapes `>From ` lines the same way,
//! but it starts a new message at *every* line that begins with `From `, with no
//! blank line before it and no envelope check. Reports come from outside, and an
//! mbox written by an mboxo tool leaves body lines unescaped: a reporter's "From
//! the logs we can see ..." would cut their message in two, and a hostile sender
//! can end a body with `From x` and a forged header block that the import would
//! then take as a second message from someone else. It also keeps the separating
//! blank line in each message and does not skip a UTF-8 byte-order mark. The
//! corpus tests (`tests/corpus_mbox_and_errors.rs`) and the unit tests below hold
//! these three behaviours; this splitter is kept for them.

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// Whether the file is an mbox: its first line starts with `From `.
pub(crate) fn is_mbox(bytes: &[u8]) -> bool {
    bytes
        .strip_prefix(UTF8_BOM)
        .unwrap_or(bytes)
        .starts_with(b"From ")
}

/// Splits an mbox into raw messages, without their envelope lines.
pub(crate) fn split(bytes: &[u8]) -> Vec<Vec<u8>> {
    let bytes = bytes.strip_prefix(UTF8_BOM).unwrap_or(bytes);
    let mut messages = Vec::new();
    let mut current: Option<Vec<u8>> = None;
    let mut after_blank = false;
    let mut last_line_len = 0;
    for line in bytes.split_inclusive(|&b| b == b'\n') {
        let separator =
            line.starts_with(b"From ") && (current.is_none() || (after_blank && is_envelope(line)));
        if separator {
            if let Some(mut message) = current.take() {
                message.truncate(message.len() - last_line_len);
                messages.push(message);
            }
            current = Some(Vec::new());
            after_blank = false;
            continue;
        }
        let message = current.get_or_insert_with(Vec::new);
        if is_escaped_from(line) {
            message.extend_from_slice(&line[1..]);
        } else {
            message.extend_from_slice(line);
        }
        after_blank = matches!(line, b"\n" | b"\r\n");
        last_line_len = line.len();
    }
    messages.extend(current);
    messages
}

/// `>From `, `>>From `, ...
fn is_escaped_from(line: &[u8]) -> bool {
    let quotes = line.iter().take_while(|&&b| b == b'>').count();
    quotes > 0 && line[quotes..].starts_with(b"From ")
}

/// `From SENDER ...` where the rest holds a time like `13:05`.
fn is_envelope(line: &[u8]) -> bool {
    let rest = &line[b"From ".len()..];
    let sender_len = rest.iter().take_while(|b| !b.is_ascii_whitespace()).count();
    if sender_len == 0 {
        return false;
    }
    rest[sender_len..].windows(4).any(|w| {
        w[0].is_ascii_digit() && w[1] == b':' && w[2].is_ascii_digit() && w[3].is_ascii_digit()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const ENVELOPE: &str = "From a@b.example Tue Nov  3 13:05:00 2026\n";

    #[test]
    fn detects_mbox() {
        assert!(is_mbox(ENVELOPE.as_bytes()));
        assert!(is_mbox(b"\xEF\xBB\xBFFrom x"));
        assert!(!is_mbox(b"From: a@b.example\n"));
    }

    #[test]
    fn splits_and_unescapes() {
        let mbox = format!(
            "{ENVELOPE}Subject: one\n\nbody\n>From here\n>>From there\n\n{ENVELOPE}Subject: two\n\nb2\n"
        );
        let parts = split(mbox.as_bytes());
        assert_eq!(parts.len(), 2);
        assert_eq!(parts[0], b"Subject: one\n\nbody\nFrom here\n>From there\n");
        assert_eq!(parts[1], b"Subject: two\n\nb2\n");
    }

    #[test]
    fn from_line_without_blank_line_or_time_does_not_split() {
        let mbox =
            format!("{ENVELOPE}Subject: one\n\nline\n{ENVELOPE}\nFrom the logs we can see\n");
        let parts = split(mbox.as_bytes());
        assert_eq!(parts.len(), 1);
        assert!(parts[0].ends_with(b"\nFrom the logs we can see\n"));
    }

    #[test]
    fn crlf_mbox() {
        let mbox =
            "From a 10:00\r\nSubject: 1\r\n\r\nx\r\n\r\nFrom b 11:00\r\nSubject: 2\r\n\r\ny\r\n";
        let parts = split(mbox.as_bytes());
        assert_eq!(
            parts,
            vec![
                b"Subject: 1\r\n\r\nx\r\n".to_vec(),
                b"Subject: 2\r\n\r\ny\r\n".to_vec()
            ]
        );
    }

    #[test]
    fn envelope_only() {
        assert_eq!(split(b"From a 10:00\n"), vec![Vec::<u8>::new()]);
    }
}
