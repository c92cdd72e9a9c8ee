//! Embargo's use cases: the one layer that the CLI, the desktop shell and the
//! black-box tests all call, so every front end behaves the same.
//!
//! Open a [`Session`] on a vault (with a [`Clock`](embargo_domain::Clock) you
//! choose), then call its methods: [`Session::new_case`], [`Session::set_field`],
//! [`Session::move_case`], [`Session::add_note`], [`Session::import`],
//! [`Session::search`], [`Session::show`]. Each writes events through the vault
//! and returns plain serializable views.

mod case_filter;
mod cases;
mod demo;
mod device_settings;
mod error;
mod import;
mod passphrase_rules;
mod release_lines;
mod resolve;
mod session;
mod system_clock;
mod vault_status;
mod views;

pub use case_filter::{CaseFilter, CasePage, HandlerFilter};
pub use cases::NewCase;
pub use demo::{DEMO_PASSPHRASE, build_demo};
pub use device_settings::{DEFAULT_IDLE_LOCK_MINUTES, IDLE_LOCK_RANGE};
pub use error::{ApiError, ErrorCode};
pub use import::{ImportAction, ImportOutcome};
pub use passphrase_rules::{MIN_PASSPHRASE_CHARS, check_new_passphrase};
pub use session::Session;
pub use system_clock::SystemClock;
pub use vault_status::{DEMO_MARKER, VaultStatus, default_vault_dir, vault_status};
pub use views::{AttachmentView, CaseView, MessageView, NoteView};

pub use embargo_domain as domain;
pub use embargo_vault as vault;
