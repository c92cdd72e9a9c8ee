//! The local channel over which an unlocked Embargo (the desktop app, or the agent
//! `embargo unlock` starts) carries out `embargo …` commands for the same OS user,
//! so the CLI works beside the open app and answers in milliseconds instead of
//! paying a full unlock per call.
//!
//! - [`socket_path`]: one Unix socket per vault, in a private (0700, owned by this
//!   user) directory under `$XDG_RUNTIME_DIR`, else under the temporary directory.
//! - [`Server`]: accepts connections, refuses any peer whose kernel-reported
//!   credentials (`SO_PEERCRED`) are not this user's, reads one bounded request
//!   under a deadline, and hands it to the serving side's handler.
//! - [`call`]: what the CLI does: connect, check the server is this user's too,
//!   send one request, read one bounded answer.
//!
//! What crosses is a command line, its working directory and its standard input,
//! and back its output and exit code ([`wire`]). Never a passphrase or a key: the
//! server already holds the unlocked vault; the client never had it.
//!
//! Unix only for now; on other platforms [`Server::bind`] and [`call`] report
//! [`ServeError::Unsupported`] and the CLI opens the vault itself, as before.
#![deny(missing_docs)]

#[cfg(unix)]
mod client;
mod error;
mod peer;
mod place;
#[cfg(unix)]
mod server;
pub mod wire;

#[cfg(unix)]
pub use client::{call, call_at};
pub use error::ServeError;
pub use peer::{Refusal, admit};
pub use place::{existing_socket, private_dir, socket_path, socket_path_in};
#[cfg(unix)]
pub use server::{Handler, Server};
pub use wire::{CommandRequest, Request, Response};

/// No client may hold a connection open longer than this while sending its
/// request (a stuck or hostile peer cannot pin a serving thread).
pub const REQUEST_DEADLINE: std::time::Duration = std::time::Duration::from_secs(10);

/// At most this many requests are served at once; more connections are closed.
pub const MAX_CONNECTIONS: usize = 16;
