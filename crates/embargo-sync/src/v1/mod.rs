//! Team folder format version 1 (`DIR/roster`, `DIR/devices`): segments encrypted
//! to every member of the roster of the moment. Kept so that a version-1 team keeps
//! working until an admin upgrades it to version 2 (`crate::team::upgrade`).

mod examine;
pub(crate) mod export;
pub(crate) mod import;
pub mod segment;
pub mod state;
pub(crate) mod status;
pub(crate) mod sync;
pub mod team;

pub use export::EVENTS_PER_SEGMENT;
pub use import::MAX_CLOCK_AHEAD;
pub use state::SyncState;
pub use status::status;
pub use sync::sync_once_watched;
