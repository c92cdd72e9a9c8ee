//! `sync status`, in the team folder's format.

use embargo_domain::{Progress, Unwatched};
use embargo_vault::Vault;

use crate::report::SyncStatus;
use crate::{SyncError, team, v1, v2};

/// Per-device progress and every file set aside, with reasons. The folder is
/// looked at on a folder worker: a share that stopped answering is an error after
/// [`crate::STALL_LIMIT`].
pub fn status(vault: &mut Vault) -> Result<SyncStatus, SyncError> {
    status_watched(vault, &Unwatched)
}

/// [`status`], stopping when `progress` asks to.
pub fn status_watched(vault: &mut Vault, progress: &dyn Progress) -> Result<SyncStatus, SyncError> {
    if team::is_v2(vault)? {
        v2::status::status(vault, progress)
    } else {
        v1::status::status_watched(vault, progress)
    }
}
