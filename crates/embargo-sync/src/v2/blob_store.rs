//! Attachments in a version-2 folder: written once as blob files beside the
//! segment that references them, fetched when all their chunks have arrived. A blob
//! still arriving delays only its attachment. The chunk files are read and written
//! by a folder worker (`crate::offload`); decryption happens here.

use std::path::Path;

use embargo_domain::Progress;
use embargo_vault::Vault;

use crate::SyncError;
use crate::blobs::{self, Assembly, BlobManifest, BlobRead, ChunkFile};
use crate::folder::write_once;
use crate::offload::{self, Stopped};
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
    progress: &dyn Progress,
) -> Result<Option<BlobManifest>, SyncError> {
    if let Some(manifest) = state.own_blobs.get(sha256) {
        return Ok(Some(manifest.clone()));
    }
    let Some(data) = vault.attachment_bytes(sha256)? else {
        // An attachment whose bytes never reached this vault: nothing to pass on.
        return Ok(None);
    };
    // Sealed here, written by a worker: it gets the ciphertext only.
    let manifest = blobs::write_chunked_to(
        &folder.join(V2_DIR),
        data.as_slice(),
        data.len() as u64,
        recipient,
        blobs::CHUNK_BYTES,
        &mut |dir, name, sealed| {
            offload::run(folder, progress, Stopped::MergedKept, move || {
                write_once(&dir, &name, &sealed).map(drop)
            })?
        },
    )?;
    state.own_blobs.insert(sha256.to_owned(), manifest.clone());
    Ok(Some(manifest))
}

/// What the folder worker finds of the awaited attachments, in order: for each,
/// the survey, then (if it found every chunk) each chunk file.
enum Found {
    Surveyed(Result<(), BlobRead>),
    Chunk(ChunkFile),
}

/// Store every awaited attachment whose chunks have all arrived.
pub(crate) fn fetch_awaited(
    vault: &mut Vault,
    state: &mut State,
    folder: &Path,
    progress: &dyn Progress,
) -> Result<(), SyncError> {
    let mut wanted = Vec::new();
    for manifest in state.awaited_blobs.values() {
        if vault.attachment_bytes(&manifest.sha256)?.is_some() {
            continue;
        }
        wanted.push(manifest.clone());
    }
    state
        .awaited_blobs
        .retain(|sha256, _| wanted.iter().any(|m| &m.sha256 == sha256));
    if wanted.is_empty() {
        return Ok(());
    }
    let identities: Vec<age::x25519::Identity> = state
        .identities()
        .into_iter()
        .map(|(_, _, id)| id)
        .collect();
    let blobs_dir = folder.join(V2_DIR);
    // Manifests are hashes and sizes; the worker gets no key.
    let manifests = wanted.clone();
    // One chunk read ahead: a chunk is up to 8 MiB, and attachments up to 1 GiB.
    let mut worker = offload::spawn(folder, progress, Stopped::MergedKept, 1, move |feed| {
        for manifest in &manifests {
            let surveyed = blobs::survey(&blobs_dir, manifest);
            let complete = surveyed.is_ok();
            if !feed.send(Found::Surveyed(surveyed)) {
                return;
            }
            if complete {
                for hash in &manifest.chunks {
                    if !feed.send(Found::Chunk(blobs::read_chunk_file(&blobs_dir, hash))) {
                        return;
                    }
                }
            }
        }
    })?;
    for manifest in &wanted {
        let Found::Surveyed(surveyed) = worker.take(progress)? else {
            return Err(worker.out_of_step());
        };
        let verdict = match surveyed {
            Err(verdict) => verdict,
            Ok(()) => {
                let mut assembly = Assembly::new(manifest, &identities);
                let mut early = None;
                // Every chunk is taken, even after an early verdict: the worker
                // sends them all.
                for _ in &manifest.chunks {
                    let Found::Chunk(file) = worker.take(progress)? else {
                        return Err(worker.out_of_step());
                    };
                    if early.is_none() {
                        early = assembly.add(file).err();
                    }
                }
                early.unwrap_or_else(|| assembly.finish())
            }
        };
        match verdict {
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
