//! A teammate's attachment whose change has synced but whose content has not (it
//! travels as separate blob files the file-sync tool delivers in its own time):
//! `case show` marks it, `case save-attachment` refuses it and writes nothing, and
//! both work as usual once the content is stored.

use chrono::{TimeZone, Utc};
use embargo_api::domain::{Attachment, AuthorId, Change, DeviceId, EventContext};
use embargo_api::vault::Vault;
use secrecy::SecretString;
use serde_json::json;
use sha2::{Digest, Sha256};

use crate::support::{PASSPHRASE, TestVault};
use crate::{refused, show};

const VIDEO: &[u8] = b"\x00\x00\x00\x20ftypisom a screen recording of the crash";

fn open(vault: &TestVault) -> Vault {
    Vault::open(&vault.dir(), &SecretString::from(PASSPHRASE)).unwrap()
}

/// What a sync pass leaves when a segment has arrived and the blob has not: the
/// `attachment_added` event of another member's device, without its bytes.
fn teammate_attaches(vault: &TestVault, human_id: &str) -> String {
    let mut opened = open(vault);
    let case_id = opened.cases_with_id_prefix(human_id).unwrap()[0].case_id;
    let teammate = EventContext {
        author: AuthorId("7e".repeat(32)),
        device: DeviceId::random(),
    };
    let sha256 = hex::encode(Sha256::digest(VIDEO));
    let at = opened.next_timestamp(Utc.with_ymd_and_hms(2026, 11, 24, 10, 0, 0).unwrap());
    let event = teammate.event(
        case_id,
        at,
        Change::AttachmentAdded {
            attachment: Attachment {
                id: uuid::Uuid::new_v4(),
                name: "crash.mp4".into(),
                size: VIDEO.len() as u64,
                media_type: "video/mp4".into(),
                sha256: sha256.clone(),
            },
        },
    );
    opened.append(&[event], &[]).unwrap();
    assert_eq!(opened.missing_attachments().unwrap(), [sha256.as_str()]);
    sha256
}

#[test]
fn an_attachment_not_arrived_yet_is_shown_as_such_and_cannot_be_saved_until_it_arrives() {
    let vault = TestVault::new();
    let id = vault.new_case("Crash in the video thumbnailer", "2026-11-24T09:00:00Z");
    let sha256 = teammate_attaches(&vault, &id);

    let case = show(&vault, &id);
    assert_eq!(
        case["attachments"],
        json!([{"name": "crash.mp4", "size": VIDEO.len(), "media_type": "video/mp4", "available": false}])
    );
    let human = vault.ok(&["case", "show", &id]);
    assert!(
        human.contains(&format!(
            "\nattachments\n  crash.mp4 ({} bytes, video/mp4) — not arrived yet from the team folder\n",
            VIDEO.len()
        )),
        "{human}"
    );

    let out = vault.tmp().join("crash.mp4");
    let out_str = out.to_str().unwrap();
    let save = ["case", "save-attachment", &id, "crash.mp4", "-o", out_str];
    let stderr = refused(&vault, &save, 1);
    assert_eq!(
        stderr.trim_end(),
        "error: crash.mp4 on EMB-2026-0001 has not arrived yet from the team folder; it will after a sync once the file-sync tool has delivered it"
    );
    assert!(!out.exists(), "a refused save writes nothing");

    let check = vault.json(&["check"]);
    assert_eq!(
        (
            &check["problems"],
            &check["attachments"],
            &check["awaiting_attachments"]
        ),
        (&json!([]), &json!(0), &json!(1)),
        "content still on its way is not damage"
    );
    assert_eq!(
        vault.ok(&["check"]).trim_end(),
        "ok: 1 cases, 2 events, 0 attachments (1 more from teammates not arrived yet); encryption, integrity and projection verified"
    );

    // The next sync finds the blob complete and stores it.
    assert!(open(&vault).store_attachment(&sha256, VIDEO).unwrap());
    assert_eq!(show(&vault, &id)["attachments"][0]["available"], true);
    let human = vault.ok(&["case", "show", &id]);
    assert!(!human.contains("not arrived"), "{human}");
    vault.ok(&save);
    assert_eq!(std::fs::read(&out).unwrap(), VIDEO);
}
