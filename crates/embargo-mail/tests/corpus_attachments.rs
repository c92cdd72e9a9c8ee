//! Corpus files with attachments, including a broken multipart.
#![allow(clippy::unwrap_used)]

mod common;

use common::{one, utc};

#[test]
fn attachments_are_decoded() {
    let m = one("with-attachment.eml");
    assert_eq!(m.from_email.as_deref(), Some("priya@fuzzlab.example"));
    assert_eq!(m.date, utc(2026, 11, 10, 6, 30, 0)); // +0530
    assert!(
        m.body
            .starts_with("Hello,\n\nFuzzing found a heap buffer overflow")
    );
    assert!(m.body.ends_with("poc.py writes it to stdout.\n\nPriya"));
    assert_eq!(m.attachments.len(), 2);
    let poc = &m.attachments[0];
    assert_eq!(
        (poc.name.as_str(), poc.media_type.as_str()),
        ("poc.py", "text/x-python")
    );
    assert_eq!(poc.data.len(), 161);
    assert!(
        poc.data
            .starts_with(b"#!/usr/bin/env python3\n# PoC: heap overflow")
    );
    assert!(poc.data.ends_with(b"sys.stdout.buffer.write(data)\n"));
    let crash = &m.attachments[1];
    // The name comes from an encoded word in the Content-Type name parameter.
    assert_eq!(
        (crash.name.as_str(), crash.media_type.as_str()),
        ("crash-démo.png", "image/png")
    );
    let expected: [u8; 40] = [
        0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44,
        0x52, 0xFF, 0xFF, 0xFF, 0xF0, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0xDE,
        0xAD, 0xBE, 0xEF, 0x00, 0xFF, 0x7F, 0x80, 0x01, 0x02, 0x03,
    ];
    assert_eq!(crash.data, expected);
}

#[test]
fn broken_mime_is_read_best_effort() {
    let m = one("broken-mime.eml");
    assert_eq!(m.subject, "Zip slip in archiver extract()");
    assert_eq!(m.date, utc(2026, 11, 11, 6, 15, 0));
    assert_eq!(
        m.body,
        "archiver 1.3 extract() writes entries named ../../.bashrc outside the\n\
         target directory (zip slip). My mail client crashed while sending, so\n\
         the attachment below may be cut off."
    );
    assert_eq!(m.attachments.len(), 1);
    let zip = &m.attachments[0];
    assert_eq!(
        (zip.name.as_str(), zip.media_type.as_str()),
        ("evil.zip", "application/zip")
    );
    assert_eq!(zip.data.len(), 48);
    assert!(zip.data.starts_with(b"PK\x03\x04"));
    assert!(zip.data.ends_with(b"../../.bashrc"));
}

#[test]
fn forwarded_message_and_raw_text_attachment() {
    let raw = b"From: a@b.example\nSubject: fwd\nContent-Type: multipart/mixed; boundary=X\n\n\
        --X\nContent-Type: text/plain\n\nSee the forwarded report.\n\
        --X\nContent-Type: message/rfc822\n\nFrom: r@x.example\nSubject: inner\n\ninner body\n\
        --X\nContent-Type: text/plain; charset=iso-8859-1\n\
        Content-Disposition: attachment; filename*=UTF-8''r%C3%A9sum%C3%A9.txt\n\ncaf\xe9\n\
        --X--\n";
    let m = embargo_mail::parse_message(raw).unwrap();
    assert_eq!(m.body, "See the forwarded report.");
    let names: Vec<_> = m.attachments.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(names, ["attachment-1.eml", "résumé.txt"]);
    assert_eq!(m.attachments[0].media_type, "message/rfc822");
    assert_eq!(
        m.attachments[0].data,
        b"From: r@x.example\nSubject: inner\n\ninner body"
    );
    // A text attachment keeps its own bytes, not a UTF-8 conversion.
    assert_eq!(m.attachments[1].data, b"caf\xe9");
}
