//! An attachment whose event has arrived but whose bytes have not (team sync
//! delivers them as separate files) is a normal state the vault names and heals.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::{TimeZone, Utc};
use embargo_domain::{
    Attachment, CaseId, Change, DeviceId, Event, EventContext, HlcTimestamp, HumanId, Reporter,
};
use embargo_vault::{NewAttachment, Vault, VaultError};
use secrecy::SecretString;
use sha2::{Digest, Sha256};

fn passphrase() -> SecretString {
    SecretString::from("attachment test passphrase")
}

fn sha256(data: &[u8]) -> String {
    hex::encode(Sha256::digest(data))
}

/// A case opened by `context` with one attachment of `content`, named `name`.
fn case_with_attachment(context: &EventContext, name: &str, content: &[u8]) -> Vec<Event> {
    let case_id = CaseId::random();
    let at = |wall_ms| HlcTimestamp {
        wall_ms,
        counter: 0,
    };
    vec![
        context.event(
            case_id,
            at(1_795_000_000_000),
            Change::CaseOpened {
                human_id: HumanId {
                    year: 2026,
                    number: 1,
                },
                title: "Heap overflow in the PNG decoder".into(),
                reporter: Reporter {
                    name: Some("Priya".into()),
                    email: Some("priya@example.org".into()),
                    credit: None,
                },
                received_at: Utc.with_ymd_and_hms(2026, 11, 1, 9, 0, 0).unwrap(),
                channel: "e-mail".into(),
            },
        ),
        context.event(
            case_id,
            at(1_795_000_001_000),
            Change::AttachmentAdded {
                attachment: Attachment {
                    id: uuid::Uuid::new_v4(),
                    name: name.into(),
                    size: content.len() as u64,
                    media_type: "video/mp4".into(),
                    sha256: sha256(content),
                },
            },
        ),
    ]
}

fn teammate(vault: &Vault) -> EventContext {
    EventContext {
        author: vault.event_context().author,
        device: DeviceId::random(),
    }
}

#[test]
fn a_teammates_attachment_without_its_bytes_is_missing_until_stored_and_then_stays() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v");
    let content = b"a video of the crash, frame by frame".to_vec();
    let hash = sha256(&content);
    {
        let mut vault = Vault::create(&path, "Dana", "dana@example.org", &passphrase()).unwrap();
        let events = case_with_attachment(&teammate(&vault), "crash.mp4", &content);
        // The segment brings the event; its blob files have not been delivered.
        vault.append(&events, &[]).unwrap();

        assert_eq!(vault.missing_attachments().unwrap(), [hash.as_str()]);
        assert!(!vault.has_attachment(&hash).unwrap());
        assert_eq!(vault.attachment_bytes(&hash).unwrap(), None);
        let case = vault.cases().unwrap().remove(0);
        assert_eq!(
            case.attachments[0].name, "crash.mp4",
            "the case lists the attachment before its bytes arrive"
        );
        let report = vault.check().unwrap();
        assert!(
            report.is_healthy(),
            "a teammate's attachment still on its way is not damage: {:?}",
            report.problems
        );
        assert_eq!(report.awaiting_attachments, 1);
        assert_eq!(report.attachments, 0);
    }
    // The state survives closing the vault: the next sync knows what to fetch.
    let mut vault = Vault::open(&path, &passphrase()).unwrap();
    assert_eq!(vault.missing_attachments().unwrap(), [hash.as_str()]);

    let wrong = b"something else entirely".to_vec();
    match vault.store_attachment(&hash, &wrong) {
        Err(VaultError::AttachmentMismatch(named)) => assert_eq!(named, hash),
        other => panic!("bytes that do not hash to the name must be refused: {other:?}"),
    }
    assert_eq!(
        vault.missing_attachments().unwrap(),
        [hash.as_str()],
        "refused bytes store nothing"
    );
    assert_eq!(vault.attachment_bytes(&sha256(&wrong)).unwrap(), None);

    assert!(vault.store_attachment(&hash, &content).unwrap());
    assert!(
        !vault.store_attachment(&hash, &content).unwrap(),
        "storing the same bytes again changes nothing"
    );
    assert_eq!(vault.missing_attachments().unwrap(), Vec::<String>::new());
    assert!(vault.has_attachment(&hash).unwrap());
    assert_eq!(vault.attachment_bytes(&hash).unwrap(), Some(content));
    let report = vault.check().unwrap();
    assert!(report.is_healthy(), "{:?}", report.problems);
    assert_eq!((report.attachments, report.awaiting_attachments), (1, 0));
}

#[test]
fn attachments_already_stored_are_not_missing_and_each_missing_hash_is_named_once() {
    let dir = tempfile::tempdir().unwrap();
    let mut vault = Vault::create(
        &dir.path().join("v"),
        "Dana",
        "dana@example.org",
        &passphrase(),
    )
    .unwrap();
    let remote = teammate(&vault);
    let here = b"#!/usr/bin/env python3\nprint('poc')\n".to_vec();
    let events = case_with_attachment(&remote, "poc.py", &here);
    vault
        .append(
            &events,
            &[NewAttachment {
                sha256: sha256(&here),
                data: here.clone(),
            }],
        )
        .unwrap();
    // Two cases reference the same missing content (one report forwarded twice).
    let absent = vec![7_u8; 4096];
    vault
        .append(&case_with_attachment(&remote, "dump.bin", &absent), &[])
        .unwrap();
    vault
        .append(
            &case_with_attachment(&remote, "dump-again.bin", &absent),
            &[],
        )
        .unwrap();
    assert_eq!(vault.missing_attachments().unwrap(), [sha256(&absent)]);
    assert!(vault.has_attachment(&sha256(&here)).unwrap());
}

#[test]
fn an_attachment_made_here_without_its_bytes_is_damage_for_check() {
    let dir = tempfile::tempdir().unwrap();
    let mut vault = Vault::create(
        &dir.path().join("v"),
        "Dana",
        "dana@example.org",
        &passphrase(),
    )
    .unwrap();
    // Import writes an attachment's bytes in the same transaction as its event, so
    // an own event without them means the database lost something.
    let events = case_with_attachment(&vault.event_context(), "poc.py", b"print('poc')\n");
    vault.append(&events, &[]).unwrap();
    let report = vault.check().unwrap();
    assert_eq!(
        report.problems,
        ["EMB-2026-0001: attachment poc.py has no stored content"]
    );
    assert_eq!(report.awaiting_attachments, 0);
}
