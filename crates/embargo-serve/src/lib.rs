//! The local channel over which an unlocked Embargo (the desktop app, or the agent
//! `embargo unlock` starts) carries out `embargo …` commands for the same OS user,
//! so the CLI works beside the open app and answers in milliseconds instead of
//! paying a full unlock per call.
//!
//! - [`socket_path`]: one Unix socket per vault, in a private (0700, owned by this
//!   user) directory under `$XDG_RUNTIME_DIR`, else under the temporary directory
//!   (on Windows: the vault's named pipe for this account, [`pipe_name`]).
//! - [`Server`]: accepts connections, refuses any peer whose kernel-reported
//!   credentials (`SO_PEERCRED`, `getpeereid` on macOS and the BSDs) are not
//!   this user's, reads one bounded request
//!   under a deadline, and hands it to the serving side's handler.
//! - [`call`]: what the CLI does: connect, check the server is this user's too,
//!   send one request, read one bounded answer.
//!
//! What crosses is a command line, its working directory and its standard input,
//! and back its output and exit code ([`wire`]). Never a passphrase or a key: the
//! server already holds the unlocked vault; the client never had it.
//!
//! On Windows the same interface is a named pipe with an owner-only DACL
//! (`pipe`: written, type-checked on Linux, never run here). Elsewhere there is
//! no [`Server`] nor [`call`], and the CLI opens the vault itself, as before.
#![deny(missing_docs)]

#[cfg(unix)]
mod client;
mod error;
mod peer;
#[cfg(any(windows, embargo_windows_typecheck))]
#[allow(unsafe_code, reason = "the Win32 pipe, token and security calls")]
#[cfg_attr(not(windows), allow(dead_code, unused_imports))]
mod pipe;
mod place;
#[cfg(unix)]
mod server;
mod sid;
pub mod wire;

#[cfg(unix)]
pub use client::{call, call_at, call_at_into};
pub use error::ServeError;
pub use peer::{Refusal, admit};
#[cfg(windows)]
pub use pipe::{Server, call, call_at, call_at_into};
pub use place::{existing_socket, pipe_name, private_dir, socket_path, socket_path_in};
#[cfg(unix)]
pub use server::Server;
pub use sid::{Sid, admit_account};
pub use wire::{CommandRequest, Request, Response};

/// What the serving side does with a request from this user. It runs on the
/// connection's thread; it may take as long as the command takes.
pub type Handler = std::sync::Arc<dyn Fn(Request) -> Response + Send + Sync>;

/// How long the CLI waits for a served command's answer. Long: an import of a
/// large mbox or a sync pass is served too; a wedged server still ends it.
pub const ANSWER_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(15 * 60);

/// No client may hold a connection open longer than this while sending its
/// request (a stuck or hostile peer cannot pin a serving thread).
pub const REQUEST_DEADLINE: std::time::Duration = std::time::Duration::from_secs(10);

/// At most this many requests are served at once; more connections are closed.
pub const MAX_CONNECTIONS: usize = 16;
