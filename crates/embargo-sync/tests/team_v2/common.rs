//! Real vaults on disk sharing one real temporary folder in format 2, driven
//! in-process, with time injected.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};

use chrono::{DateTime, Duration, TimeZone, Utc};
use embargo_domain::{CaseField, CaseId, Change, Event, HumanId, Reporter};
use embargo_sync::folder::device_dir_name;
use embargo_sync::team::{self, History};
use embargo_sync::v2::layout::DEVICES_DIR;
use embargo_sync::{MemberKeys, SyncReport, SyncStatus};
use embargo_vault::Vault;
use secrecy::SecretString;
use tempfile::TempDir;

pub fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 24, 9, 0, 0)
        .single()
        .unwrap()
}

pub fn days(n: i64) -> DateTime<Utc> {
    now() + Duration::days(n)
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

    pub fn keys(&self) -> MemberKeys {
        MemberKeys::of(self.vault.public_identity())
    }

    pub fn fingerprint(&self) -> String {
        self.keys().fingerprint()
    }

    pub fn signing_key(&self) -> String {
        self.vault.public_identity().signing_key.clone()
    }

    pub fn dir_name(&self) -> String {
        let id = self.vault.public_identity();
        device_dir_name(&id.signing_key, &id.device_id.to_string())
    }

    pub fn device_dir(&self, folder: &Path) -> PathBuf {
        folder.join(DEVICES_DIR).join(self.dir_name())
    }

    pub fn sync(&mut self) -> SyncReport {
        embargo_sync::sync_once(&mut self.vault, now()).unwrap()
    }

    pub fn status(&mut self) -> SyncStatus {
        embargo_sync::status(&mut self.vault).unwrap()
    }

    pub fn create_team(&mut self, folder: &Path) {
        team::create(&mut self.vault, folder, "PSIRT", now()).unwrap();
    }

    pub fn add(&mut self, other: &Person, history: History) {
        team::add(&mut self.vault, other.keys(), false, history, now()).unwrap();
    }

    pub fn add_admin(&mut self, other: &Person) {
        team::add(&mut self.vault, other.keys(), true, History::Full, now()).unwrap();
    }

    pub fn remove(&mut self, other: &Person) {
        team::remove(&mut self.vault, &other.fingerprint(), now()).unwrap();
    }

    pub fn join(&mut self, folder: &Path, admin: &Person) {
        team::join(&mut self.vault, folder, &admin.fingerprint()).unwrap();
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

    pub fn set_title(&mut self, case_id: CaseId, title: &str) -> Vec<Event> {
        self.record(
            case_id,
            vec![Change::FieldSet {
                field: CaseField::Title(title.into()),
            }],
        )
    }

    pub fn title(&self, case_id: CaseId) -> Option<String> {
        self.vault.case(case_id).unwrap().map(|c| c.title)
    }

    pub fn case_json(&self, case_id: CaseId) -> String {
        serde_json::to_string(&self.vault.case(case_id).unwrap()).unwrap()
    }

    pub fn events_of(&self, case_id: CaseId) -> usize {
        self.vault.events(case_id).unwrap().len()
    }
}

/// Every reason given for files whose path contains `needle`.
pub fn reasons(status: &SyncStatus, needle: &str) -> Vec<String> {
    status
        .quarantined
        .iter()
        .chain(status.waiting.iter())
        .filter(|f| f.file.contains(needle))
        .map(|f| f.reason.clone())
        .collect()
}

/// Segment files of a device folder, by name.
pub fn segment_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .map(|e| e.unwrap().path())
                .filter(|p| p.extension().is_some_and(|x| x == "seg"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

/// A segment as `author` would sign it, written by hand into `dir_name` under the
/// roster version `version` as `author`'s vault knows it: what a hostile member
/// with an old copy of their vault can do.
pub fn craft(
    author: &mut Person,
    folder: &Path,
    dir_name: &str,
    seq: u64,
    prev: Option<String>,
    version: u64,
    events: &[Event],
) -> PathBuf {
    use embargo_sync::v2::segment::{SEGMENT_FORMAT, SegmentHeader, seal};
    let (state, chain) = embargo_sync::v2::team::load(&mut author.vault).unwrap();
    let stamped = chain.version(version).unwrap();
    let key = stamped.body.newest_key("team").unwrap().clone();
    let header = SegmentHeader {
        format: SEGMENT_FORMAT,
        team: state.team.clone(),
        device: dir_name.into(),
        author: author.signing_key(),
        seq,
        prev,
        roster_version: version,
        roster_hash: stamped.hash.clone(),
        scope: "team".into(),
        generation: key.generation,
    };
    let bytes = seal(
        header,
        events,
        &[],
        author.vault.signing_key(),
        &key.recipient.parse().unwrap(),
    )
    .unwrap();
    write_named(folder, dir_name, seq, &bytes)
}

pub fn write_named(folder: &Path, dir_name: &str, seq: u64, bytes: &[u8]) -> PathBuf {
    let dir = folder.join(DEVICES_DIR).join(dir_name);
    std::fs::create_dir_all(&dir).unwrap();
    let name = embargo_sync::folder::SegmentName {
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

/// A new event of `person`'s device, not stored.
pub fn event(person: &mut Person, case_id: CaseId, change: Change) -> Event {
    let at = person.vault.next_timestamp(now());
    person.vault.event_context().event(case_id, at, change)
}

pub fn title_change(title: &str) -> Change {
    Change::FieldSet {
        field: CaseField::Title(title.into()),
    }
}

/// Attach `data` to `case` as `person` (stored in the vault, sent at export); its hash.
pub fn attach(person: &mut Person, case: CaseId, data: Vec<u8>) -> String {
    let sha256 = sha256(&data);
    let context = person.vault.event_context();
    let at = person.vault.next_timestamp(now());
    let event = context.event(
        case,
        at,
        Change::AttachmentAdded {
            attachment: embargo_domain::Attachment {
                id: uuid::Uuid::new_v4(),
                name: "poc.mp4".into(),
                size: data.len() as u64,
                media_type: "video/mp4".into(),
                sha256: sha256.clone(),
            },
        },
    );
    person
        .vault
        .append(
            &[event],
            &[embargo_vault::NewAttachment {
                sha256: sha256.clone(),
                data,
            }],
        )
        .unwrap();
    sha256
}
