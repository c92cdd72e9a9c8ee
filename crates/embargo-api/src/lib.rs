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
mod draft_cases;
mod draft_view;
mod error;
mod exports;
mod import;
mod resolve;
mod session;
mod system_clock;
mod templates;
mod views;

pub use cases::NewCase;
pub use demo::{DEMO_PASSPHRASE, build_demo};
pub use draft_view::DraftView;
pub use error::{ApiError, ErrorCode};
pub use exports::ExportOutput;
pub use import::{ImportAction, ImportOutcome};
pub use session::Session;
pub use system_clock::SystemClock;
pub use templates::{NewTemplate, TemplateEdit};
pub use views::{AttachmentView, CaseView, MessageView, NoteView};

pub use embargo_domain as domain;
pub use embargo_drafts as drafts;
pub use embargo_vault as vault;
