//! Team sync through a shared folder (Syncthing, Dropbox, SMB, git, …). GUI-free.
//!
//! The folder format is specified in `docs/SYNC-FORMAT.md`. In short: a signed,
//! hash-chained roster names the members; each device writes numbered, write-once
//! segments of events into its own folder; every event is signed by its author
//! over its full context and every segment is age-encrypted to every current
//! member. Merging appends the events to the vault, whose fold is deterministic.

pub mod blobs;
mod error;
mod examine;
mod export;
pub mod folder;
mod identity;
mod import;
pub mod roster;
pub mod segment;
mod signed;
mod state;
mod status;
mod sync;
pub mod team;

pub use blobs::{BlobManifest, BlobRead, read_blob, write_blob};
pub use error::SyncError;
pub use export::{EVENTS_PER_SEGMENT, Exported};
pub use identity::{MemberKeys, fingerprint, fingerprint_matches};
pub use import::{Imported, MAX_CLOCK_AHEAD};
pub use state::{DeviceChain, Finding, SyncState};
pub use status::{DeviceStatus, SyncStatus, status};
pub use sync::{SyncReport, in_team, sync_once, sync_once_watched};
