//! `sync status`, in the team folder's format.

use embargo_vault::Vault;

use crate::report::SyncStatus;
use crate::{SyncError, team, v1, v2};

/// Per-device progress and every file set aside, with reasons.
pub fn status(vault: &mut Vault) -> Result<SyncStatus, SyncError> {
    if team::is_v2(vault)? {
        v2::status::status(vault)
    } else {
        v1::status(vault)
    }
}
