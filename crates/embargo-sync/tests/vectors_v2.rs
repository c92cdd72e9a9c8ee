//! Frozen files of team folder format 2, with the keys that open them
//! (`tests/vectors/v2/`). Everything deterministic (roster, bundle, the plaintexts of
//! segment and envelope, event ids) is rebuilt from fixed inputs and compared byte
//! for byte; everything age made (random per encryption) is opened with today's
//! code. A failure here means the format drifted: a second implementation, or an
//! older Embargo, would no longer agree. Regenerate ONLY when the format changes
//! on purpose (and say so in SYNC-FORMAT.md):
//! `cargo test -p embargo-sync --test vectors_v2 -- --ignored regenerate`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::Read;
use std::path::{Path, PathBuf};

use age::secrecy::ExposeSecret;
use chrono::{TimeZone, Utc};
use ed25519_dalek::SigningKey;
use embargo_domain::{
    AuthorId, CaseField, CaseId, Change, DeviceId, Event, EventContext, HlcTimestamp, HumanId,
    Reporter,
};
use embargo_sync::MemberKeys;
use embargo_sync::blobs::{self, BlobRead};
use embargo_sync::roster::{Member, ROSTER_FORMAT_V2, Role, RosterBody, RosterFile, TeamKey};
use embargo_sync::v2::envelope::{self, Grant};
use embargo_sync::v2::segment::{self, HeldKey, SEGMENT_FORMAT, SegmentHeader};
use serde::{Deserialize, Serialize};

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/vectors/v2")
}

/// The keys that open the vectors (test keys: never used anywhere else).
#[derive(Serialize, Deserialize)]
struct Keys {
    /// The admin's Ed25519 seed (hex): signs the roster, the envelope, the segment.
    admin_signing_seed: String,
    /// The admin's age identity.
    admin_age_identity: String,
    /// Generation 1 of the team key.
    team_generation_1: String,
}

fn keys() -> Keys {
    serde_json::from_slice(&std::fs::read(dir().join("keys.json")).unwrap()).unwrap()
}

fn signing(keys: &Keys) -> SigningKey {
    SigningKey::from_bytes(
        &hex::decode(&keys.admin_signing_seed)
            .unwrap()
            .try_into()
            .unwrap(),
    )
}

fn admin(keys: &Keys) -> MemberKeys {
    let identity: age::x25519::Identity = keys.admin_age_identity.parse().unwrap();
    MemberKeys {
        name: "Ann Admin".into(),
        email: "ann@psirt.example".into(),
        recipient: identity.to_public().to_string(),
        signing_key: hex::encode(signing(keys).verifying_key().as_bytes()),
    }
}

fn generation(keys: &Keys) -> age::x25519::Identity {
    keys.team_generation_1.parse().unwrap()
}

fn roster_body(keys: &Keys) -> RosterBody {
    RosterBody {
        format: ROSTER_FORMAT_V2,
        team: "6c1f0b52-3d1e-4a8a-9f6e-2f4f51c0a001".into(),
        name: "PSIRT".into(),
        version: 1,
        prev: None,
        issued_at: Utc.with_ymd_and_hms(2026, 11, 30, 9, 0, 0).unwrap(),
        members: vec![Member {
            keys: admin(keys),
            role: Role::Admin,
        }],
        removed: Vec::new(),
        keys: vec![TeamKey {
            scope: "team".into(),
            generation: 1,
            recipient: generation(keys).to_public().to_string(),
        }],
        upgraded_from: None,
    }
}

fn device() -> DeviceId {
    "0b7e8a4c-1f2d-4e3a-8b9c-5d6e7f8a9b0c".parse().unwrap()
}

fn events(keys: &Keys) -> Vec<Event> {
    let context = EventContext {
        author: AuthorId(admin(keys).signing_key),
        device: device(),
    };
    let case: CaseId = "5c0ffee0-0000-4000-8000-00000000c0de".parse().unwrap();
    let at = |counter| HlcTimestamp {
        wall_ms: 1_795_950_000_000,
        counter,
    };
    vec![
        context.event(
            case,
            at(0),
            Change::CaseOpened {
                human_id: HumanId {
                    year: 2026,
                    number: 42,
                },
                title: "Heap overflow in the PNG decoder".into(),
                reporter: Reporter::default(),
                received_at: Utc.with_ymd_and_hms(2026, 11, 30, 8, 0, 0).unwrap(),
                channel: "e-mail".into(),
            },
        ),
        context.event(
            case,
            at(1),
            Change::FieldSet {
                field: CaseField::Product(Some("libpng 1.6".into())),
            },
        ),
    ]
}

fn roster_file(keys: &Keys) -> RosterFile {
    RosterFile::parse(&roster_body(keys).sign(&signing(keys))).unwrap()
}

fn header(keys: &Keys) -> SegmentHeader {
    let roster = roster_file(keys);
    SegmentHeader {
        format: SEGMENT_FORMAT,
        team: roster.body.team.clone(),
        device: embargo_sync::folder::device_dir_name(
            &admin(keys).signing_key,
            &device().to_string(),
        ),
        author: admin(keys).signing_key,
        seq: 1,
        prev: None,
        roster_version: 1,
        roster_hash: roster.hash.clone(),
        scope: "team".into(),
        generation: 1,
    }
}

fn grant(keys: &Keys) -> Grant {
    let roster = roster_file(keys);
    Grant {
        team: roster.body.team.clone(),
        scope: "team".into(),
        generation: 1,
        recipient: generation(keys).to_public().to_string(),
        member: admin(keys).signing_key,
        roster_version: 1,
        roster_hash: roster.hash,
        signer: admin(keys).signing_key,
    }
}

const BLOB: &[u8] = b"proof of concept: 41414141 overflows the row buffer\n";

fn blob_manifest() -> embargo_sync::blobs::BlobManifest {
    serde_json::from_slice(&std::fs::read(dir().join("blob-manifest.json")).unwrap()).unwrap()
}

fn decrypt(bytes: &[u8], identity: &age::x25519::Identity) -> Vec<u8> {
    let decryptor = age::Decryptor::new(bytes).unwrap();
    let mut reader = decryptor
        .decrypt(std::iter::once(identity as &dyn age::Identity))
        .unwrap();
    let mut plain = Vec::new();
    reader.read_to_end(&mut plain).unwrap();
    plain
}

#[test]
fn the_roster_and_the_bundle_are_rebuilt_byte_for_byte() {
    let keys = keys();
    let roster = roster_body(&keys).sign(&signing(&keys));
    assert_eq!(
        roster,
        std::fs::read_to_string(dir().join("000001.roster")).unwrap()
    );
    let parsed = RosterFile::parse(&roster).expect("the frozen roster verifies");
    assert_eq!(parsed.body.newest_key("team").unwrap().generation, 1);
    assert_eq!(
        admin(&keys).bundle(&signing(&keys)),
        std::fs::read_to_string(dir().join("bundle.txt"))
            .unwrap()
            .trim()
    );
    assert_eq!(
        MemberKeys::parse_bundle(&std::fs::read_to_string(dir().join("bundle.txt")).unwrap())
            .unwrap(),
        admin(&keys)
    );
}

#[test]
fn event_ids_are_their_contents_ids() {
    let keys = keys();
    let frozen: Vec<String> =
        serde_json::from_slice(&std::fs::read(dir().join("event-ids.json")).unwrap()).unwrap();
    let ids: Vec<String> = events(&keys).iter().map(|e| e.id.to_string()).collect();
    assert_eq!(ids, frozen);
    assert!(events(&keys).iter().all(Event::has_content_id));
}

#[test]
fn the_envelope_opens_for_its_member_and_its_plaintext_is_unchanged() {
    let keys = keys();
    let me: age::x25519::Identity = keys.admin_age_identity.parse().unwrap();
    let bytes = std::fs::read(dir().join("envelope.age")).unwrap();
    let opened = envelope::open(&bytes, &me).unwrap();
    assert_eq!(opened.grant, grant(&keys));
    assert_eq!(
        opened.identity.to_string().expose_secret(),
        keys.team_generation_1
    );
    // Today's writer makes the same plaintext (an age identity file).
    let fresh = envelope::seal(
        &grant(&keys),
        &generation(&keys),
        &signing(&keys),
        &me.to_public(),
    )
    .unwrap();
    assert_eq!(decrypt(&fresh, &me), decrypt(&bytes, &me));
}

#[test]
fn the_segment_opens_with_the_generation_key_and_its_plaintext_is_unchanged() {
    let keys = keys();
    let team = generation(&keys);
    let held = [HeldKey {
        scope: "team",
        generation: 1,
        identity: &team,
    }];
    let bytes = std::fs::read(dir().join("000000000001.seg")).unwrap();
    let opened = segment::open(&bytes, &held).unwrap();
    assert_eq!(opened.header, header(&keys));
    assert_eq!(opened.events, events(&keys));
    assert_eq!(opened.blobs, vec![blob_manifest()]);
    let fresh = segment::seal(
        header(&keys),
        &events(&keys),
        &[blob_manifest()],
        &signing(&keys),
        &team.to_public(),
    )
    .unwrap();
    assert_eq!(decrypt(&fresh, &team), decrypt(&bytes, &team));
}

#[test]
fn the_blob_reads_back_with_the_generation_key() {
    let keys = keys();
    let root = dir().join("folder");
    match blobs::read_blob(&root, &blob_manifest(), &[generation(&keys)]) {
        BlobRead::Complete(bytes) => assert_eq!(bytes, BLOB),
        other => panic!("the frozen blob does not read: {other:?}"),
    }
}

/// Writes the vectors anew: ONLY when the format changes on purpose.
#[test]
#[ignore = "regenerates the frozen vectors"]
fn regenerate() {
    let out = dir();
    std::fs::create_dir_all(&out).unwrap();
    let seed: [u8; 32] = std::array::from_fn(|i| i as u8 + 1);
    let keys = Keys {
        admin_signing_seed: hex::encode(seed),
        admin_age_identity: age::x25519::Identity::generate()
            .to_string()
            .expose_secret()
            .to_owned(),
        team_generation_1: age::x25519::Identity::generate()
            .to_string()
            .expose_secret()
            .to_owned(),
    };
    let write = |name: &str, bytes: &[u8]| std::fs::write(out.join(name), bytes).unwrap();
    write("keys.json", &serde_json::to_vec_pretty(&keys).unwrap());
    write(
        "000001.roster",
        roster_body(&keys).sign(&signing(&keys)).as_bytes(),
    );
    write(
        "bundle.txt",
        admin(&keys).bundle(&signing(&keys)).as_bytes(),
    );
    let ids: Vec<String> = events(&keys).iter().map(|e| e.id.to_string()).collect();
    write("event-ids.json", &serde_json::to_vec_pretty(&ids).unwrap());
    let me: age::x25519::Identity = keys.admin_age_identity.parse().unwrap();
    write(
        "envelope.age",
        &envelope::seal(
            &grant(&keys),
            &generation(&keys),
            &signing(&keys),
            &me.to_public(),
        )
        .unwrap(),
    );
    let folder = out.join("folder");
    let _ = std::fs::remove_dir_all(&folder);
    let manifest = blobs::write_blob(
        &folder,
        BLOB,
        BLOB.len() as u64,
        &generation(&keys).to_public(),
    )
    .unwrap();
    write(
        "blob-manifest.json",
        &serde_json::to_vec_pretty(&manifest).unwrap(),
    );
    write(
        "000000000001.seg",
        &segment::seal(
            header(&keys),
            &events(&keys),
            &[manifest],
            &signing(&keys),
            &generation(&keys).to_public(),
        )
        .unwrap(),
    );
}
