//! The part of judging a segment file that needs no chain state — compare its
//! content with its name's hash, decrypt it, check its signatures. It dominates
//! the cost of a large merge and each file's is independent of the others', so a
//! pass does it for all its new files up front, on every core.
//!
//! Bytes come only through [`crate::bounded`], read by the pass's folder worker: a
//! regular file within
//! [`MAX_SEGMENT_FILE_BYTES`](crate::bounded::MAX_SEGMENT_FILE_BYTES), whose age header
//! has a sane shape, before the `age` crate sees any of it. Decryption happens
//! here, on the pass's threads: the worker never holds a key.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::bounded::{Limit, Refusal, check_age_header, read_regular};
use crate::signed::sha256_hex;
use crate::v1::segment::{OpenError, OpenedSegment, open};

/// What reading and opening one file found.
pub(crate) enum Examined {
    /// It could not be read (yet).
    Unreadable(String),
    /// Refused for good without decrypting it, whatever its name claims: not a
    /// regular file, too large, or an age header Embargo never writes. The file
    /// cannot turn into a valid segment under this name.
    Refused(String),
    /// Its content does not match its name; `opens` says whether it is a valid
    /// segment all the same (then it was renamed or replayed).
    NameMismatch { opens: bool },
    /// Its content matches its name; opened, or refused by the segment rules.
    Opened(Box<Result<OpenedSegment, OpenError>>),
}

/// One file to examine.
pub(crate) struct Candidate {
    /// Path relative to the team folder (the key findings use).
    pub rel: String,
    pub path: PathBuf,
    /// The content hash its name claims.
    pub hash: String,
}

/// On the folder worker: a candidate's bytes, within bounds.
pub(crate) fn read(path: &Path) -> Result<Vec<u8>, Refusal> {
    read_regular(path, Limit::SEGMENT)
}

/// Judge what [`read`] got, from memory.
pub(crate) fn examine(
    read: &Result<Vec<u8>, Refusal>,
    hash: &str,
    identity: &age::x25519::Identity,
) -> Examined {
    let bytes = match read {
        Ok(bytes) => bytes,
        Err(refusal) if refusal.is_permanent() => return Examined::Refused(refusal.to_string()),
        Err(refusal) => return Examined::Unreadable(refusal.to_string()),
    };
    let named = sha256_hex(bytes) == hash;
    if let Err(refusal) = check_age_header(bytes) {
        return if refusal.is_permanent() {
            Examined::Refused(refusal.to_string())
        } else if named {
            // Complete (it hashes to its name), so it will never read better.
            Examined::Refused(format!("complete, but not a readable age file: {refusal}"))
        } else {
            Examined::NameMismatch { opens: false }
        };
    }
    if !named {
        return Examined::NameMismatch {
            opens: open(bytes, identity).is_ok(),
        };
    }
    Examined::Opened(Box::new(open(bytes, identity)))
}

/// Examine `files` (as the worker read them) on as many threads as the machine
/// has cores.
pub(crate) fn examine_all(
    files: &[(&Candidate, Result<Vec<u8>, Refusal>)],
    identity: &age::x25519::Identity,
) -> HashMap<String, Examined> {
    let workers = std::thread::available_parallelism()
        .map_or(1, usize::from)
        .min(files.len().max(1));
    let share = files.len().div_ceil(workers).max(1);
    std::thread::scope(|scope| {
        let handles: Vec<_> = files
            .chunks(share)
            .map(|chunk| {
                scope.spawn(move || {
                    chunk
                        .iter()
                        .map(|(file, read)| (file.rel.clone(), examine(read, &file.hash, identity)))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            // A panic while examining is a bug; those files wait for the next pass.
            .flat_map(|handle| handle.join().unwrap_or_default())
            .collect()
    })
}

/// How many files to examine between two progress reports.
pub(crate) fn batch_size() -> usize {
    4 * std::thread::available_parallelism().map_or(1, usize::from)
}
