//! One sync pass: verify the roster, merge what others wrote, write what we made.
//!
//! As in version 2, every access to the folder runs on a folder worker
//! (`crate::offload`): the pass stops when its progress asks (the app is locking)
//! and gives up after the stall limit, and all reading precedes the merge's one
//! transaction, so a pass stopped while reading has merged nothing.

use std::path::Path;

use crate::report::SyncReport;
use chrono::{DateTime, Utc};
use embargo_domain::Progress;
use embargo_vault::Vault;

use crate::SyncError;
use crate::folder;
use crate::offload::{self, Stopped};
use crate::report::Exported;
use crate::v1::export;
use crate::v1::import::{Imported, Importer};
use crate::v1::team;

/// [`sync_once`], telling `progress` how far it has got (a first sync can merge a
/// team's whole history).
pub fn sync_once_watched(
    vault: &mut Vault,
    now: DateTime<Utc>,
    progress: &mut dyn Progress,
) -> Result<SyncReport, SyncError> {
    let (mut state, chain) = team::load_watched(vault, &*progress, Stopped::NothingMerged)?;
    let folder = std::path::PathBuf::from(&state.folder);
    let there = offload::run(&folder, &*progress, Stopped::NothingMerged, {
        let folder = folder.clone();
        move || folder::is_dir(&folder)
    })?;
    if !there {
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
