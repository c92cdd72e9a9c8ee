//! Team sync through a shared folder (Syncthing, Dropbox, SMB, git, …). GUI-free.
//!
//! The folder format is specified in `docs/SYNC-FORMAT.md`. In short (version 2): a
//! signed, hash-chained roster names the members and the public half of each team
//! key generation; admins hand each generation's secret to the members allowed to
//! read it in signed envelopes; each device writes numbered, write-once segments of
//! events into its own folder, every event signed by its author over its full
//! context and the segment encrypted to the generation in force; attachments travel
//! as separate encrypted blob files. Merging appends the events to the vault, whose
//! fold is deterministic. Version-1 folders keep working until an admin upgrades
//! them (`team::upgrade`).
#![deny(missing_docs)]

pub mod blobs;
pub mod bounded;
mod error;
pub mod folder;
mod identity;
mod offload;
mod report;
pub mod roster;
mod roster_dir;
pub mod roster_rules;
mod signed;
mod status;
mod sync;
pub mod team;
pub mod v1;
pub mod v2;

pub use blobs::{BlobManifest, BlobRead, read_blob, write_blob};
pub use error::SyncError;
pub use identity::{MemberKeys, fingerprint, fingerprint_matches};
#[cfg(feature = "test-hooks")]
pub use offload::hooks as test_hooks;
pub use offload::{MAX_HUNG_WORKERS, STALL_LIMIT};
pub use report::{DeviceStatus, Finding, SyncReport, SyncStatus};
pub use roster_rules::RosterFork;
pub use status::{status, status_watched};
pub use sync::{in_team, sync_once, sync_once_watched};
pub use v2::segment::EVENTS_PER_SEGMENT;
