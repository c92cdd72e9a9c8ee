//! One version-2 sync pass: take my envelopes, merge what others wrote, fetch the
//! attachments that arrived, write what I made.
//!
//! Every access to the folder runs on a folder worker (`crate::offload`), so a
//! share that stops answering never holds the vault: the pass stops when its
//! progress asks (the app is locking), and gives up after the stall limit. All
//! reading for the merge happens before the merge's one transaction, so a pass
//! stopped while reading has merged nothing; later steps each leave whole results
//! (an attachment stored or not, a segment written or not).

use std::path::PathBuf;

use chrono::{DateTime, Utc};
use embargo_domain::Progress;
use embargo_vault::Vault;

use crate::SyncError;
use crate::folder;
use crate::offload::{self, Stopped};
use crate::report::SyncReport;
use crate::v2::{blob_store, export, import, team};

/// Merge the folder into the vault, then write this device's new events.
pub(crate) fn sync_once_watched(
    vault: &mut Vault,
    now: DateTime<Utc>,
    progress: &mut dyn Progress,
) -> Result<SyncReport, SyncError> {
    let (mut state, chain) = team::load_watched(vault, progress, Stopped::NothingMerged)?;
    let folder = PathBuf::from(&state.folder);
    let there = offload::run(&folder, progress, Stopped::NothingMerged, {
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
    let imported = import::run(vault, &mut state, &chain, &folder, now, progress)?;
    state.save(vault)?;
    blob_store::fetch_awaited(vault, &mut state, &folder, progress)?;
    state.save(vault)?;
    let exported = export::run(vault, &mut state, &chain, &folder, progress)?;
    state.save(vault)?;
    Ok(SyncReport {
        roster_version: chain.current().body.version,
        imported_segments: imported.segments,
        imported_events: imported.events,
        changed_cases: imported.cases,
        team_changed: imported.team_changed,
        exported_segments: exported.segments,
        exported_events: exported.events,
        quarantined: state.quarantined.len(),
        waiting: state.waiting.len(),
    })
}
