//! Hostile and broken folders: every attack is rejected with a reason, nothing
//! already merged is lost, and sync carries on. Real vaults, real files.

mod common;
mod damage;
mod membership;
mod placement;
mod rounds;
