//! One sync pass, in the team folder's format.

use chrono::{DateTime, Utc};
use embargo_domain::{Progress, Unwatched};
use embargo_vault::Vault;

use crate::report::SyncReport;
use crate::{SyncError, team, v1, v2};

/// Merge the folder into the vault, then write this device's new events.
/// Problems with single files are findings in the status, never errors; only a
/// folder that is gone or unwritable stops the pass (nothing local is changed).
pub fn sync_once(vault: &mut Vault, now: DateTime<Utc>) -> Result<SyncReport, SyncError> {
    sync_once_watched(vault, now, &mut Unwatched)
}

/// [`sync_once`], telling `progress` how far it has got (a first sync can merge a
/// team's whole history) and stopping, with nothing merged, when it asks to.
pub fn sync_once_watched(
    vault: &mut Vault,
    now: DateTime<Utc>,
    progress: &mut dyn Progress,
) -> Result<SyncReport, SyncError> {
    // A version-1 device switches as soon as an admin has upgraded the folder.
    if team::is_v2(vault)? || v2::upgrade::follow(vault, &*progress)? {
        v2::sync::sync_once_watched(vault, now, progress)
    } else {
        v1::sync_once_watched(vault, now, progress)
    }
}

/// Whether this vault is in a team.
pub fn in_team(vault: &Vault) -> Result<bool, SyncError> {
    team::in_team(vault)
}
