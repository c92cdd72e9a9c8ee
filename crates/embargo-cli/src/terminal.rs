//! `embargo …` typed in a terminal: served by the Embargo app or agent when one
//! holds this vault unlocked, otherwise carried out here (opening the vault with
//! the passphrase, as always).

use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser as _;
use embargo_serve::{CommandRequest, Request, Response, ServeError};

use crate::cli::{Cli, GlobalArgs};
use crate::context::{Context, read_bounded};
use crate::route::{Route, route};
use crate::terminal_text::escape_controls;

/// What the app's answer says when its vault is locked.
pub const APP_LOCKED: &str = "the Embargo app is open but locked: unlock it there, or run this again with --direct to unlock the vault here";

/// Parse the command line and carry the command out; the process's exit code.
pub fn run_in_terminal() -> ExitCode {
    let cli = Cli::parse();
    let mut read_stdin = None;
    if !cli.global.direct && route(&cli.command) == Route::Served {
        match through_server(&cli.global) {
            Outcome::Answered(code) => return ExitCode::from(code),
            Outcome::NotServed(stdin) => read_stdin = stdin,
        }
    }
    let context = match Context::new(cli.global) {
        Ok(context) => context,
        Err(error) => {
            eprintln!(
                "error: {}",
                escape_controls(&crate::error_words::words(&error))
            );
            return ExitCode::from(1);
        }
    };
    let context = match read_stdin {
        Some(bytes) => context.with_stdin(bytes),
        None => context,
    };
    ExitCode::from(crate::finish(&context, cli.command))
}

enum Outcome {
    /// The app or agent answered (or the channel failed after the request may
    /// have been carried out: never run it a second time here).
    Answered(u8),
    /// Nobody serves this vault; standard input if it was already read.
    NotServed(Option<Vec<u8>>),
}

#[cfg(not(unix))]
fn through_server(_global: &GlobalArgs) -> Outcome {
    Outcome::NotServed(None)
}

#[cfg(unix)]
fn through_server(global: &GlobalArgs) -> Outcome {
    // A non-UTF-8 argument (a file name) is carried out here, not re-encoded.
    let Some(args) = std::env::args_os()
        .skip(1)
        .map(|arg| arg.into_string().ok())
        .collect::<Option<Vec<String>>>()
    else {
        return Outcome::NotServed(None);
    };
    let Some(vault) = vault_dir(global) else {
        return Outcome::NotServed(None);
    };
    // Only looks: a terminal with no app or agent around creates nothing.
    let path = match embargo_serve::existing_socket(&vault) {
        Ok(Some(path)) => path,
        Ok(None) => return Outcome::NotServed(None),
        Err(error @ ServeError::NotPrivate(_)) => {
            eprintln!("warning: not asking the Embargo app: {error}");
            return Outcome::NotServed(None);
        }
        Err(_) => return Outcome::NotServed(None),
    };
    // `-` means standard input wherever it appears; read it only then, so a
    // command typed at a terminal never waits for input it does not take.
    let takes_stdin = args.iter().any(|arg| arg == "-");
    let stdin = if takes_stdin {
        match read_bounded(std::io::stdin().lock()) {
            Ok(bytes) => bytes,
            Err(error) => {
                eprintln!(
                    "error: {}",
                    escape_controls(&crate::error_words::words(&error))
                );
                return Outcome::Answered(1);
            }
        }
    } else {
        Vec::new()
    };
    let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("/"));
    let request = Request::Run(CommandRequest {
        args,
        cwd,
        stdin: stdin.clone(),
    });
    // Standard output is copied through as it arrives (never held whole); what
    // went wrong writing here (a closed pipe) changes nothing done.
    let mut stdout = std::io::stdout().lock();
    let answer = embargo_serve::call_at_into(&path, &request, &mut stdout);
    drop(stdout);
    match answer {
        Ok(Response::Done { exit, stderr, .. }) => {
            let _ = std::io::stderr().write_all(&stderr);
            Outcome::Answered(exit)
        }
        Ok(Response::Locked) => {
            eprintln!("error: {APP_LOCKED}");
            Outcome::Answered(4)
        }
        Ok(Response::LockedNow) => {
            eprintln!("error: the Embargo channel answered a command with a lock");
            Outcome::Answered(1)
        }
        Err(ServeError::NotServed) => Outcome::NotServed(takes_stdin.then_some(stdin)),
        Err(error) => {
            eprintln!("error: {}", escape_controls(&error.to_string()));
            Outcome::Answered(1)
        }
    }
}

/// `--vault`, `$EMBARGO_VAULT` (both parsed into `global`), or the platform's.
pub(crate) fn vault_dir(global: &GlobalArgs) -> Option<PathBuf> {
    global.vault.clone().or_else(embargo_api::default_vault_dir)
}
