//! Team sync through the real binary: several vaults sharing one real folder, the
//! stock `age` tool, a real git remote, and the folder watcher.

#[path = "../support/mod.rs"]
mod support;

mod flow;
mod git;
mod interop;
mod large;
mod outage;
mod planted;
mod syncthing;
mod team;
mod watch;
