//! Team folder format version 2 (`DIR/v2/…`): content encrypted to team key
//! generations handed out in signed envelopes, so members added later read the
//! history and removed ones read nothing new; attachments as separate blobs; every
//! file judged on its own, deterministically. See `docs/SYNC-FORMAT.md`.

pub(crate) mod blob_store;
pub mod envelope;
pub(crate) mod export;
pub(crate) mod import;
pub(crate) mod judge;
pub(crate) mod keys;
pub mod layout;
pub mod segment;
pub mod state;
pub(crate) mod status;
pub(crate) mod sync;
pub mod team;
pub mod upgrade;
