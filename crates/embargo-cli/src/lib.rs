//! The `embargo` command line, as a library so that one implementation of every
//! command runs in three places: in the terminal ([`run_in_terminal`], which opens
//! the vault itself), and served by the desktop app or by the agent that
//! `embargo unlock` starts ([`serve_request`], on their already unlocked session).
//! The binary is `main.rs`: it only calls [`run_in_terminal`].
#![allow(clippy::print_stdout, clippy::print_stderr)] // printing is this crate's job

#[cfg(unix)]
mod agent;
#[cfg(unix)]
mod agent_loops;
pub mod cli;
mod cli_drafts;
mod cli_intake;
mod cli_sync;
mod cli_triage;
mod commands;
mod context;
mod deadline_cli;
mod error_words;
mod human;
mod human_agenda;
mod human_drafts;
mod human_triage;
mod passphrase;
mod progress_bar;
mod route;
mod served;
mod terminal;
mod terminal_text;
mod typed_args;

pub use route::{Route, route};
pub use served::serve_request;
pub use terminal::run_in_terminal;

use embargo_api::{ApiError, ErrorCode};

/// Exit codes scripts can rely on (documented in the README).
fn exit_code(error: &anyhow::Error) -> u8 {
    match error.downcast_ref::<ApiError>().map(ApiError::code) {
        Some(ErrorCode::WrongPassphrase) => 3,
        Some(ErrorCode::VaultLocked) => 4,
        Some(
            ErrorCode::VaultDamaged
            | ErrorCode::RolledBack
            | ErrorCode::NewerFormat
            | ErrorCode::VaultNotFound,
        ) => 5,
        _ => 1,
    }
}

/// Run `command` in `context`; an error is written as `error: …` on its standard
/// error and becomes the exit code.
fn finish(context: &context::Context, command: cli::Command) -> u8 {
    match commands::run(context, command) {
        Ok(code) => code,
        Err(error) => {
            // Messages quote what was typed or imported: `note` never obeys escapes.
            context.note(&format!("error: {}", error_words::words(&error)));
            exit_code(&error)
        }
    }
}
