//! Version-1 team folders (kept working until an admin upgrades them).
//! Hostile and broken folders: every attack is rejected with a reason, nothing
//! already merged is lost, and sync carries on (and says how far it has got).
//! Real vaults, real files.

mod common;
mod crash;
mod damage;
mod membership;
mod placement;
mod progress;
mod roster_rivals;
mod rounds;
mod special_files;
