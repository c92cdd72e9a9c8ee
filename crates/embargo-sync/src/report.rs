//! What a sync pass reports and what `sync status` shows, in every folder format.

use serde::{Deserialize, Serialize};

/// A file that was looked at and not merged, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Finding {
    /// Path relative to the team folder.
    pub file: String,
    /// Why.
    pub reason: String,
}

/// What one export pass wrote.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Exported {
    /// Segments written.
    pub segments: usize,
    /// Events in them.
    pub events: usize,
}

/// What one pass did.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SyncReport {
    /// Roster version in force.
    pub roster_version: u64,
    /// Segments merged from the folder.
    pub imported_segments: usize,
    /// Events in them.
    pub imported_events: usize,
    /// Segments this device wrote.
    pub exported_segments: usize,
    /// Events in them.
    pub exported_events: usize,
    /// Cases that teammates' events in this pass touched.
    pub changed_cases: Vec<embargo_domain::CaseId>,
    /// Whether team-wide events (policy profiles, templates, export settings)
    /// arrived in this pass.
    pub team_changed: bool,
    /// Files quarantined (now, in total).
    pub quarantined: usize,
    /// Things waited for.
    pub waiting: usize,
}

/// One device folder.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct DeviceStatus {
    /// Device folder name.
    pub device: String,
    /// The member's name (`None` if the folder belongs to no member ever seen).
    pub member: Option<String>,
    /// Their fingerprint.
    pub fingerprint: Option<String>,
    /// Whether this is this vault's own device.
    pub this_device: bool,
    /// Last merged sequence number.
    pub last_seq: u64,
    /// Highest sequence number present in the folder.
    pub folder_seq: u64,
    /// Segments present and not merged yet.
    pub lag: u64,
    /// Set when the device is blocked by equivocation.
    pub blocked_at: Option<u64>,
}

/// The whole status.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SyncStatus {
    /// The team folder's format: 1, or 2 (team key generations).
    pub format: u32,
    /// Format 2: the team key generation new content is encrypted to.
    pub generation_in_force: Option<u32>,
    /// Format 2: the team key generations this member holds (can read).
    pub generations_held: Vec<u32>,
    /// Format 2: attachments whose events arrived but whose bytes have not yet.
    pub attachments_not_arrived: usize,
    /// Team id.
    pub team: String,
    /// Team name.
    pub team_name: String,
    /// The shared folder.
    pub folder: String,
    /// Whether the folder is there right now.
    pub folder_available: bool,
    /// Changes made on this device that are not in the folder yet (kept in the
    /// vault until a sync can write them).
    pub unsent_events: usize,
    /// Roster version in force.
    pub roster_version: u64,
    /// Roster versions that lost to the one in force, or break the roster rules.
    pub roster_forks: Vec<crate::roster_rules::RosterFork>,
    /// Device folders.
    pub devices: Vec<DeviceStatus>,
    /// Files not merged, and why (including the ones retried on every sync).
    pub quarantined: Vec<Finding>,
    /// Events set aside (far-future clocks).
    pub set_aside_events: Vec<Finding>,
    /// Gaps and blocks being waited on.
    pub waiting: Vec<Finding>,
    /// Names skipped (sync-tool leftovers, foreign files).
    pub ignored: Vec<Finding>,
}
