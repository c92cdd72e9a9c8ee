//! The `embargo` command line: parse arguments, call the api, print.
#![allow(clippy::print_stdout, clippy::print_stderr)] // printing is this binary's job

mod cli;
mod cli_drafts;
mod cli_sync;
mod cli_triage;
mod commands;
mod context;
mod deadline_cli;
mod human;
mod human_agenda;
mod human_drafts;
mod human_triage;
mod passphrase;
mod progress_bar;
mod terminal_text;

use std::process::ExitCode;

use clap::Parser;
use embargo_api::{ApiError, ErrorCode};

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    match commands::run(cli) {
        Ok(code) => code,
        Err(error) => {
            // Messages quote what was typed or imported: never obey its escapes.
            eprintln!(
                "error: {}",
                terminal_text::escape_controls(&format!("{error:#}"))
            );
            ExitCode::from(exit_code(&error))
        }
    }
}

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
