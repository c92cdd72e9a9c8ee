//! Attachments in a version-2 folder: written once as blob files beside the
//! segment that references them, fetched when all their chunks have arrived. A blob
//! still arriving delays only its attachment.

use std::path::Path;

use embargo_vault::Vault;

use crate::SyncError;
use crate::blobs::{self, BlobManifest, BlobRead};
use crate::report::Finding;
use crate::v2::layout::V2_DIR;
use crate::v2::state::State;

/// The manifest of attachment `sha256` of this device, writing its blob files the
/// first time.
pub(crate) fn write_own(
    vault: &Vault,
    state: &mut State,
    folder: &Path,
    sha256: &str,
    recipient: &age::x25519::Recipient,
) -> Result<Option<BlobManifest>, SyncError> {
    if let Some(manifest) = state.own_blobs.get(sha256) {
        return Ok(Some(manifest.clone()));
    }
    let Some(data) = vault.attachment_bytes(sha256)? else {
        // An attachment whose bytes never reached this vault: nothing to pass on.
        return Ok(None);
    };
    let manifest = blobs::write_blob(
        &folder.join(V2_DIR),
        data.as_slice(),
        data.len() as u64,
        recipient,
    )?;
    state.own_blobs.insert(sha256.to_owned(), manifest.clone());
    Ok(Some(manifest))
}

/// Store every awaited attachment whose chunks have all arrived.
pub(crate) fn fetch_awaited(
    vault: &mut Vault,
    state: &mut State,
    folder: &Path,
) -> Result<(), SyncError> {
    if state.awaited_blobs.is_empty() {
        return Ok(());
    }
    let identities: Vec<age::x25519::Identity> = state
        .identities()
        .into_iter()
        .map(|(_, _, id)| id)
        .collect();
    let awaited: Vec<BlobManifest> = state.awaited_blobs.values().cloned().collect();
    for manifest in awaited {
        if vault.attachment_bytes(&manifest.sha256)?.is_some() {
            state.awaited_blobs.remove(&manifest.sha256);
            continue;
        }
        match blobs::read_blob(&folder.join(V2_DIR), &manifest, &identities) {
            BlobRead::Complete(data) => {
                vault.store_attachment(&manifest.sha256, &data)?;
                state.awaited_blobs.remove(&manifest.sha256);
            }
            BlobRead::NotYet { missing, of } => state.waiting.push(Finding {
                file: format!("attachment {}", manifest.sha256),
                reason: format!(
                    "not arrived yet: {missing} of its {of} blob files are missing or incomplete"
                ),
            }),
            BlobRead::Rejected(reason) => state.quarantined.push(Finding {
                file: format!("attachment {}", manifest.sha256),
                reason,
            }),
        }
    }
    Ok(())
}
