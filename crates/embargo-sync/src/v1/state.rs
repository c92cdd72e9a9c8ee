//! What this device remembers about the team folder. Device-local (the vault's
//! `settings` table, never synced): which folder, the pinned admin, the verified
//! rosters, what was imported from each device and what this device exported.

use std::collections::BTreeMap;

use embargo_vault::Vault;
use serde::{Deserialize, Serialize};

use crate::SyncError;
use crate::report::Finding;

const KEY: &str = "sync.state";

/// One device's chain as merged here.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeviceChain {
    /// The member's signing key (owner of the folder), once a segment was read.
    pub author: Option<String>,
    /// Last merged sequence number (0 = none).
    pub last_seq: u64,
    /// Hash of the last merged segment file.
    pub last_hash: Option<String>,
    /// Every merged segment: seq → file hash.
    pub merged: BTreeMap<u64, String>,
    /// Set when two different valid segments claimed one sequence number.
    pub equivocation: Option<u64>,
}

/// Everything sync remembers on this device.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct SyncState {
    /// The shared folder.
    pub folder: String,
    /// Team id.
    pub team: String,
    /// The admin fingerprint pinned when creating or joining.
    pub pinned: String,
    /// Every verified roster file's text (kept so a missing file never rolls back).
    pub rosters: Vec<String>,
    /// Device folder name → chain.
    pub devices: BTreeMap<String, DeviceChain>,
    /// Local log position up to which this device's own events are exported.
    pub exported_through: i64,
    /// Files rejected for good (they cannot change under the same name): path → reason.
    pub rejected: BTreeMap<String, String>,
    /// Findings of the last sync: quarantined files.
    pub quarantined: Vec<Finding>,
    /// Findings of the last sync: files skipped for their name.
    pub ignored: Vec<Finding>,
    /// Findings of the last sync: what is being waited for.
    pub waiting: Vec<Finding>,
    /// Events set aside (far-future clocks, wrong author): event id → reason.
    pub rejected_events: BTreeMap<String, String>,
    /// Highest sequence seen in each device folder at the last sync.
    pub seen_seq: BTreeMap<String, u64>,
}

impl SyncState {
    /// The stored state, or `NoTeam`.
    pub fn load(vault: &Vault) -> Result<Self, SyncError> {
        let text = vault.setting(KEY)?.ok_or(SyncError::NoTeam)?;
        serde_json::from_str(&text)
            .map_err(|e| SyncError::Refused(format!("the stored sync state is damaged: {e}")))
    }

    /// Whether this vault is in a team.
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
}
