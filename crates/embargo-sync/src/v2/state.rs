//! What this device remembers about a version-2 team folder. Device-local: the
//! vault's `settings` table (inside the encrypted database), never synced.

use std::collections::BTreeMap;

use embargo_vault::Vault;
use serde::{Deserialize, Serialize};

use crate::SyncError;
use crate::blobs::BlobManifest;
use crate::report::Finding;

const KEY: &str = "sync.v2";

/// One segment of a device, as far as this replica knows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KnownSegment {
    /// Its sequence number.
    pub seq: u64,
    /// The hash of the segment before it, as its signed header says.
    pub prev: Option<String>,
    /// Whether its events are in the vault.
    pub merged: bool,
}

/// A device folder as far as this replica knows it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeviceLog {
    /// The member's signing key (owner of the folder), once a segment was read.
    pub author: Option<String>,
    /// Every segment that decrypted and whose signatures hold: file hash → what it says.
    pub segments: BTreeMap<String, KnownSegment>,
}

impl DeviceLog {
    /// The highest merged sequence number and its hash (lowest hash on a tie, so
    /// the choice is the same everywhere).
    pub fn head(&self) -> Option<(u64, &str)> {
        self.segments
            .iter()
            .filter(|(_, s)| s.merged)
            .map(|(hash, s)| (s.seq, hash.as_str()))
            .max_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(a.1)))
    }
}

/// How a file was judged, and until when the verdict stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "outcome")]
pub enum Outcome {
    /// Merged (segments) or taken (envelopes).
    Done,
    /// Never valid under this name.
    Rejected {
        /// Why.
        reason: String,
    },
    /// Rejected because of the roster as it stood: judged again when it changes.
    RejectedByRoster {
        /// Why.
        reason: String,
        /// Hash of the newest roster version when judged.
        head: String,
    },
    /// Not yet: judged again when `until` is met.
    Waiting {
        /// Why.
        reason: String,
        /// What would change the verdict.
        until: Until,
    },
}

/// What a waiting file waits for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "for", content = "value")]
pub enum Until {
    /// Its bytes to change (half-synced, or not there yet).
    FileChanges,
    /// More key generations than this many (an envelope to arrive).
    MoreKeys(usize),
    /// Another roster (a version not arrived yet, or a chain still growing).
    RosterChanges(String),
    /// Anything: judged again on every pass.
    NextPass,
}

/// A file's verdict and the file it was about (size and modification time), so a
/// file is read and decrypted once, not on every pass.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Judged {
    /// Length and modification time (ns) when judged.
    pub stamp: (u64, i128),
    /// The verdict.
    #[serde(flatten)]
    pub outcome: Outcome,
}

/// Key generations held: scope → generation → secret (`AGE-SECRET-KEY-1…`).
/// Never printed: its `Debug` shows only which generations are held.
#[derive(Clone, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct HeldKeys(pub BTreeMap<String, BTreeMap<u32, String>>);

impl std::fmt::Debug for HeldKeys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_map()
            .entries(
                self.0
                    .iter()
                    .map(|(scope, g)| (scope, g.keys().collect::<Vec<_>>())),
            )
            .finish()
    }
}

/// Everything sync remembers on this device about a version-2 team.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct State {
    /// The shared folder.
    pub folder: String,
    /// Team id.
    pub team: String,
    /// The admin fingerprint pinned when creating or joining.
    pub pinned: String,
    /// Every roster file of this team whose signature holds (kept so that a file
    /// disappearing from the folder never changes the chain).
    pub rosters: Vec<String>,
    /// The key generations this member holds.
    pub keys: HeldKeys,
    /// Device folder name → what is known of it.
    pub devices: BTreeMap<String, DeviceLog>,
    /// Verdicts on files, by path relative to the team folder.
    pub judged: BTreeMap<String, Judged>,
    /// Local log position up to which this device's own events are exported.
    pub exported_through: i64,
    /// Blobs this device wrote: attachment hash → manifest (so a retried export
    /// does not upload the attachment again).
    pub own_blobs: BTreeMap<String, BlobManifest>,
    /// Blob manifests received: attachment hash → manifest, until the bytes arrive.
    pub awaited_blobs: BTreeMap<String, BlobManifest>,
    /// Events not merged (an id already used for other content): id → reason.
    pub refused_events: BTreeMap<String, String>,
    /// Findings of the last pass: files not merged, and why.
    pub quarantined: Vec<Finding>,
    /// Findings of the last pass: names skipped.
    pub ignored: Vec<Finding>,
    /// Findings of the last pass: what is being waited for.
    pub waiting: Vec<Finding>,
    /// Highest sequence number present in each device folder at the last pass.
    pub seen_seq: BTreeMap<String, u64>,
}

impl State {
    /// The stored state, or `None` when this vault is not in a version-2 team.
    pub fn load(vault: &Vault) -> Result<Option<Self>, SyncError> {
        vault
            .setting(KEY)?
            .map(|text| {
                serde_json::from_str(&text).map_err(|e| {
                    SyncError::Refused(format!("the stored sync state is damaged: {e}"))
                })
            })
            .transpose()
    }

    /// Whether this vault is in a version-2 team (without decoding the state, which
    /// holds every file's verdict and is read on every pass anyway).
    pub fn exists(vault: &Vault) -> Result<bool, SyncError> {
        Ok(vault.setting(KEY)?.is_some())
    }

    /// Store it.
    pub fn save(&self, vault: &mut Vault) -> Result<(), SyncError> {
        let text = serde_json::to_string(self)
            .map_err(|e| SyncError::Refused(format!("cannot encode the sync state: {e}")))?;
        vault.set_setting(KEY, &text)?;
        Ok(())
    }

    /// How many key generations are held, over all scopes.
    pub fn key_count(&self) -> usize {
        self.keys.0.values().map(BTreeMap::len).sum()
    }

    /// The held keys, parsed, newest generation first.
    pub fn identities(&self) -> Vec<(String, u32, age::x25519::Identity)> {
        let mut held: Vec<_> = self
            .keys
            .0
            .iter()
            .flat_map(|(scope, generations)| {
                generations.iter().filter_map(move |(g, secret)| {
                    secret.parse().ok().map(|id| (scope.clone(), *g, id))
                })
            })
            .collect();
        held.sort_by_key(|k| std::cmp::Reverse(k.1));
        held
    }

    /// Keep a generation's secret.
    pub fn hold(&mut self, scope: &str, generation: u32, identity: &age::x25519::Identity) {
        use age::secrecy::ExposeSecret as _;
        self.keys
            .0
            .entry(scope.to_owned())
            .or_default()
            .insert(generation, identity.to_string().expose_secret().to_owned());
    }

    /// Whether this member holds `scope`'s `generation`.
    pub fn holds(&self, scope: &str, generation: u32) -> bool {
        self.keys
            .0
            .get(scope)
            .is_some_and(|g| g.contains_key(&generation))
    }
}
