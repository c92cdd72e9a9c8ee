//! The channel on Windows: one named pipe per vault and per account,
//! `\\.\pipe\embargo-<account digest>-<vault digest>` ([`crate::pipe_name`]).
//!
//! - Only this account can open it or add instances to it: every instance is
//!   created with a security descriptor whose DACL grants access to this
//!   account's SID alone (protected, nothing inherited), with
//!   `PIPE_REJECT_REMOTE_CLIENTS` (no client from another machine), and the first
//!   with `FILE_FLAG_FIRST_PIPE_INSTANCE`: if anyone already holds the name, the
//!   server does not start, and the next instance is always created before a
//!   connected one is handed over, so the name never lapses while serving.
//! - Each side checks the other's account as the kernel knows it: the server
//!   the client's process (`GetNamedPipeClientProcessId`, then its token's user
//!   SID), the client the server's (`GetNamedPipeServerProcessId`). The client
//!   opens the pipe at identification level only, so even a pipe that is not
//!   ours could not act as this user with the connection.
//! - The same frames as on Unix ([`crate::wire`]), read and written with
//!   overlapped I/O so every read and write has a deadline.
//!
//! Written and reviewed, type-checked and linted on Linux against windows-sys
//! (`scripts/check-windows-pipe.sh`); never run: no Windows machine here.

mod account;
mod client;
mod handle;
mod io;
mod server;

pub(crate) use account::own_account;
pub use client::{call, call_at, call_at_into};
pub use server::Server;

/// NUL-terminated UTF-16 for the wide-character calls.
fn wide(text: &std::ffi::OsStr) -> Vec<u16> {
    text.to_string_lossy()
        .encode_utf16()
        .chain(std::iter::once(0))
        .collect()
}
