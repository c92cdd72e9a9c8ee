//! Hostile and broken folders: every attack is rejected with a reason, nothing
//! already merged is lost, and sync carries on (and says how far it has got).
//! Real vaults, real files.

mod common;
mod crash;
mod damage;
mod membership;
mod placement;
mod progress;
mod rounds;
mod special_files;
