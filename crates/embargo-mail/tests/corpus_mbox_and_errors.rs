//! The mbox files, the files that are not e-mail, and robustness.
#![allow(clippy::unwrap_used)]

mod common;

use chrono::{TimeZone, Utc};
use common::corpus;
use embargo_mail::{MailError, parse_file, parse_message};

#[test]
fn two_messages_mbox() {
    let messages = parse_file(&corpus("two-messages.mbox")).unwrap();
    assert_eq!(messages.len(), 2);
    let (first, second) = (&messages[0], &messages[1]);

    assert_eq!(first.from_name.as_deref(), Some("Alice Nguyen"));
    assert_eq!(
        first.subject,
        "Second issue: directory listing leaks dotfiles"
    );
    assert_eq!(
        first.date,
        Some(Utc.with_ymd_and_hms(2026, 11, 3, 14, 10, 0).unwrap())
    );
    assert_eq!(
        first.message_id.as_deref(),
        Some("mbox-1@researcher.example")
    );
    assert_eq!(
        first.body,
        "Directory listing in quickserve 2.4.1 shows .env and .git entries.\n\n\
         From the access log you can see the listing was served to anyone:\n\n\
         \x20   GET /static/ 200\n\
         >From here on this line keeps one quote.\n\nAlice"
    );

    assert_eq!(
        second.from_email.as_deref(),
        Some("bruno@quickserve.example")
    );
    assert_eq!(second.to, vec!["alice@researcher.example".to_owned()]);
    assert_eq!(
        second.date,
        Some(Utc.with_ymd_and_hms(2026, 11, 4, 9, 0, 0).unwrap())
    );
    assert_eq!(
        second.in_reply_to,
        vec!["mbox-1@researcher.example".to_owned()]
    );
    assert_eq!(second.references, second.in_reply_to);
    assert_eq!(
        second.body,
        "Thanks Alice, we are tracking this as EMB-2026-0043.\n\nBruno"
    );
}

#[test]
fn broken_mbox_names_the_failing_message() {
    let err = parse_file(&corpus("broken.mbox")).unwrap_err();
    match &err {
        MailError::MboxMessage { index, source } => {
            assert_eq!(*index, 2);
            assert!(matches!(**source, MailError::Binary), "{source:?}");
        }
        other => panic!("unexpected {other:?}"),
    }
    assert_eq!(
        err.to_string(),
        "message 2 of the mbox could not be read: the file is binary, not an e-mail"
    );
    assert!(std::error::Error::source(&err).is_some());
}

#[test]
fn empty_file() {
    let bytes = corpus("empty.eml");
    assert!(bytes.is_empty());
    assert!(matches!(parse_message(&bytes), Err(MailError::Empty)));
    let err = parse_file(&bytes).unwrap_err();
    assert!(matches!(err, MailError::Empty));
    assert_eq!(err.to_string(), "the file is empty");
    assert!(matches!(parse_file(b" \r\n\t\n"), Err(MailError::Empty)));
}

#[test]
fn binary_file() {
    let bytes = corpus("binary.bin");
    assert!(bytes.contains(&0));
    let err = parse_file(&bytes).unwrap_err();
    assert!(matches!(err, MailError::Binary));
    assert_eq!(err.to_string(), "the file is binary, not an e-mail");
}

#[test]
fn text_that_is_not_an_email() {
    let err = parse_file(&corpus("not-an-email.txt")).unwrap_err();
    assert!(matches!(err, MailError::NotAnEmail(_)));
    assert_eq!(
        err.to_string(),
        "not an e-mail: the text does not start with e-mail headers"
    );

    let err =
        parse_message(b"X-Mailer: something\nContent-Type: text/plain\n\nhello\n").unwrap_err();
    assert_eq!(
        err.to_string(),
        "not an e-mail: no From, Subject, Date or Message-ID header"
    );
}

#[test]
fn one_header_is_enough_and_bad_date_is_none() {
    let m = parse_message(b"Subject: only this\nDate: yesterday-ish\n\n  body  \n").unwrap();
    assert_eq!(m.subject, "only this");
    assert_eq!(m.date, None);
    assert_eq!(m.from_email, None);
    assert_eq!(m.body, "  body");
}

#[test]
fn header_injection_is_neutralised() {
    let m = parse_message(b"Subject: =?UTF-8?Q?a=0D=0AX-Evil:_1=1B[31m?=\n\nb\n").unwrap();
    assert!(!m.subject.chars().any(char::is_control), "{:?}", m.subject);
    assert!(m.subject.starts_with('a') && m.subject.contains("X-Evil: 1"));
}

const ALL: &[&str] = &[
    "plain.eml",
    "multipart-alternative.eml",
    "quoted-printable.eml",
    "base64-body.eml",
    "encoded-words.eml",
    "latin1-body.eml",
    "html-only.eml",
    "thread-reply.eml",
    "with-attachment.eml",
    "broken-mime.eml",
    "no-date.eml",
    "empty.eml",
    "binary.bin",
    "two-messages.mbox",
    "broken.mbox",
    "not-an-email.txt",
];

/// Every prefix of every corpus file, and every file with bytes flipped,
/// parses or fails cleanly.
#[test]
fn truncated_and_corrupted_files_never_panic() {
    for name in ALL {
        let bytes = corpus(name);
        for len in 0..=bytes.len() {
            let _ = parse_file(&bytes[..len]);
        }
        for step in [7, 13, 61] {
            let mut corrupted = bytes.clone();
            for i in (0..corrupted.len()).step_by(step) {
                corrupted[i] ^= 0xA5;
            }
            let _ = parse_file(&corrupted);
        }
    }
}
