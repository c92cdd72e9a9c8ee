//! Embargo's use cases: the one layer that the CLI, the desktop shell and the
//! black-box tests all call, so every front end behaves the same.
//!
//! Open a [`Session`] on a vault (with a [`Clock`](embargo_domain::Clock) you
//! choose), then call its methods: [`Session::new_case`], [`Session::set_field`],
//! [`Session::move_case`], [`Session::add_note`], [`Session::import`],
//! [`Session::search`], [`Session::show`]. Each writes events through the vault
//! and returns plain serializable views.

mod cases;
mod demo;
mod error;
mod import;
mod resolve;
mod session;
mod system_clock;
mod views;

pub use cases::NewCase;
pub use demo::{DEMO_PASSPHRASE, build_demo};
pub use error::{ApiError, ErrorCode};
pub use import::{ImportAction, ImportOutcome};
pub use session::Session;
pub use system_clock::SystemClock;
pub use views::{AttachmentView, CaseView, MessageView, NoteView};

pub use embargo_domain as domain;
pub use embargo_vault as vault;
