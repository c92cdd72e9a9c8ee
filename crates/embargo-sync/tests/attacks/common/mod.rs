//! Real vaults on disk sharing one real temporary folder, driven in-process.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};

use chrono::{DateTime, TimeZone, Utc};
use embargo_domain::{CaseField, CaseId, Change, Event, HumanId, Reporter};
use embargo_sync::SyncStatus;
use embargo_sync::folder::{DEVICES_DIR, SegmentName, device_dir_name};
use embargo_sync::v1::segment::{SEGMENT_FORMAT, SegmentHeader, seal};
use embargo_sync::v1::team;
use embargo_vault::Vault;
use secrecy::SecretString;
use tempfile::TempDir;

pub fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 24, 9, 0, 0)
        .single()
        .unwrap()
}

pub struct Person {
    pub home: TempDir,
    pub vault: Vault,
}

impl Person {
    pub fn new(name: &str) -> Self {
        let home = tempfile::tempdir().unwrap();
        let email = format!("{}@team.example", name.to_lowercase());
        let vault = Vault::create(
            &home.path().join("vault"),
            name,
            &email,
            &SecretString::from("a passphrase for sync tests"),
        )
        .unwrap();
        Self { home, vault }
    }

    pub fn bundle(&self) -> embargo_sync::MemberKeys {
        embargo_sync::MemberKeys::of(self.vault.public_identity())
    }

    pub fn fingerprint(&self) -> String {
        self.bundle().fingerprint()
    }

    pub fn dir_name(&self) -> String {
        let id = self.vault.public_identity();
        device_dir_name(&id.signing_key, &id.device_id.to_string())
    }

    pub fn device_dir(&self, folder: &Path) -> PathBuf {
        folder.join(DEVICES_DIR).join(self.dir_name())
    }

    pub fn sync(&mut self) -> embargo_sync::SyncReport {
        embargo_sync::sync_once(&mut self.vault, now()).unwrap()
    }

    pub fn status(&mut self) -> SyncStatus {
        embargo_sync::status(&mut self.vault).unwrap()
    }

    /// Record changes as this device would (signed later, at export).
    pub fn record(&mut self, case_id: CaseId, changes: Vec<Change>) -> Vec<Event> {
        let context = self.vault.event_context();
        let events: Vec<Event> = changes
            .into_iter()
            .map(|change| {
                let at = self.vault.next_timestamp(now());
                context.event(case_id, at, change)
            })
            .collect();
        self.vault.append(&events, &[]).unwrap();
        events
    }

    pub fn open_case(&mut self, title: &str) -> CaseId {
        let case_id = CaseId::random();
        self.record(
            case_id,
            vec![Change::CaseOpened {
                human_id: HumanId {
                    year: 2026,
                    number: 1,
                },
                title: title.into(),
                reporter: Reporter::default(),
                received_at: now(),
                channel: "e-mail".into(),
            }],
        );
        case_id
    }

    pub fn set_product(&mut self, case_id: CaseId, product: &str) -> Vec<Event> {
        self.record(
            case_id,
            vec![Change::FieldSet {
                field: CaseField::Product(Some(product.into())),
            }],
        )
    }

    /// Events as this device signs them, but written by hand: for attacks.
    pub fn craft(
        &self,
        folder: &Path,
        dir_name: &str,
        header: SegmentHeader,
        events: &[Event],
        recipients: &[age::x25519::Recipient],
    ) -> PathBuf {
        let bytes = seal(
            header.clone(),
            events,
            Vec::new(),
            self.vault.signing_key(),
            recipients,
        )
        .unwrap();
        write_named(folder, dir_name, header.seq, &bytes)
    }

    pub fn header(
        &self,
        team: &str,
        seq: u64,
        prev: Option<String>,
        roster_version: u64,
    ) -> SegmentHeader {
        SegmentHeader {
            format: SEGMENT_FORMAT,
            team: team.into(),
            device: self.dir_name(),
            author: self.vault.public_identity().signing_key.clone(),
            seq,
            prev,
            roster_version,
        }
    }

    /// A new event of this device (not stored).
    pub fn event(&mut self, case_id: CaseId, change: Change) -> Event {
        let at = self.vault.next_timestamp(now());
        self.vault.event_context().event(case_id, at, change)
    }
}

pub fn write_named(folder: &Path, dir_name: &str, seq: u64, bytes: &[u8]) -> PathBuf {
    let dir = folder.join(DEVICES_DIR).join(dir_name);
    std::fs::create_dir_all(&dir).unwrap();
    let name = SegmentName {
        seq,
        hash: sha256(bytes),
    };
    let path = dir.join(name.file_name());
    std::fs::write(&path, bytes).unwrap();
    path
}

pub fn sha256(bytes: &[u8]) -> String {
    use sha2::Digest;
    hex::encode(sha2::Sha256::digest(bytes))
}

/// An admin and members sharing `folder`, all joined.
pub fn team_of(folder: &Path, names: &[&str]) -> Vec<Person> {
    let mut people: Vec<Person> = names.iter().map(|n| Person::new(n)).collect();
    team::create(&mut people[0].vault, folder, "PSIRT", now()).unwrap();
    let pinned = people[0].fingerprint();
    for i in 1..people.len() {
        let keys = people[i].bundle();
        team::add(&mut people[0].vault, keys, false, now()).unwrap();
        team::join(&mut people[i].vault, folder, &pinned).unwrap();
    }
    people
}

pub fn team_id(person: &mut Person) -> String {
    team::load(&mut person.vault).unwrap().0.team
}

pub fn recipients(person: &mut Person) -> Vec<age::x25519::Recipient> {
    team::load(&mut person.vault)
        .unwrap()
        .1
        .current()
        .body
        .recipients()
}

pub fn roster_version(person: &mut Person) -> u64 {
    team::load(&mut person.vault)
        .unwrap()
        .1
        .current()
        .body
        .version
}

/// Every reason given for files under `needle`.
pub fn reasons(status: &SyncStatus, needle: &str) -> Vec<String> {
    status
        .quarantined
        .iter()
        .chain(status.waiting.iter())
        .filter(|f| f.file.contains(needle))
        .map(|f| f.reason.clone())
        .collect()
}

pub fn events_of(person: &Person, case_id: CaseId) -> usize {
    person.vault.events(case_id).unwrap().len()
}
