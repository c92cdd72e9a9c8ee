//! One sync pass: verify the roster, merge what others wrote, write what we made.

use std::path::Path;

use chrono::{DateTime, Utc};
use embargo_domain::{Progress, Unwatched};
use embargo_vault::Vault;
use serde::Serialize;

use crate::export::{self, Exported};
use crate::import::{Imported, Importer};
use crate::state::SyncState;
use crate::{SyncError, team};

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

/// Merge the folder into the vault, then write this device's new events.
/// Problems with single files are findings in the status, never errors; only a
/// folder that is gone or unwritable stops the pass (nothing local is changed).
pub fn sync_once(vault: &mut Vault, now: DateTime<Utc>) -> Result<SyncReport, SyncError> {
    sync_once_watched(vault, now, &mut Unwatched)
}

/// [`sync_once`], telling `progress` how far it has got (a first sync can merge a
/// team's whole history).
pub fn sync_once_watched(
    vault: &mut Vault,
    now: DateTime<Utc>,
    progress: &mut dyn Progress,
) -> Result<SyncReport, SyncError> {
    let (mut state, chain) = team::load(vault)?;
    let folder = std::path::PathBuf::from(&state.folder);
    if !folder.is_dir() {
        return Err(SyncError::Folder {
            path: folder,
            reason: std::io::Error::new(
                std::io::ErrorKind::NotFound,
                "the team folder is not there (not mounted?); nothing changed locally, run sync again once it is back",
            ),
        });
    }
    state.quarantined.clear();
    state.ignored.clear();
    state.waiting.clear();
    let imported: Imported = Importer {
        vault,
        pending: Vec::new(),
        blobs: Vec::new(),
        state: &mut state,
        chain: &chain,
        now,
        folder: Path::new(&folder),
        progress,
        examined: Default::default(),
    }
    .run()?;
    state.save(vault)?;
    let exported: Exported = export::run(vault, &mut state, &chain, &folder, progress)?;
    state.save(vault)?;
    Ok(SyncReport {
        roster_version: chain.current().body.version,
        imported_segments: imported.segments,
        imported_events: imported.events,
        changed_cases: imported.cases,
        team_changed: imported.team_changed,
        exported_segments: exported.segments,
        exported_events: exported.events,
        quarantined: state.quarantined.len() + state.rejected.len(),
        waiting: state.waiting.len(),
    })
}

/// Whether this vault is in a team.
pub fn in_team(vault: &Vault) -> Result<bool, SyncError> {
    SyncState::exists(vault)
}
