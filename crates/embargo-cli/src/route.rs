//! Which commands the app or the agent may carry out for the terminal, and which
//! run in the terminal only. A command runs here when it needs this terminal
//! (a passphrase prompt, an editor, a long watch whose output is this terminal's),
//! when it decides how the vault is opened, or when it would put a key on the
//! channel (nothing secret ever crosses it).

use crate::cli::{Command, PassphraseCommand};
use crate::cli_sync::IdentityCommand;

/// Where a command runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Route {
    /// The app or agent serves it when it holds the vault unlocked.
    Served,
    /// Always in the terminal, opening the vault here; the reason, for the person
    /// who asked the app for it anyway.
    Here(&'static str),
}

/// Where `command` runs.
pub fn route(command: &Command) -> Route {
    match command {
        Command::Init { .. } | Command::Demo => Route::Here("it creates a vault"),
        Command::Passphrase(PassphraseCommand::Change { .. }) => {
            Route::Here("it needs the passphrase, which never crosses the channel")
        }
        Command::Identity(IdentityCommand::ExportSecret) => {
            Route::Here("it prints your secret key, which never crosses the channel")
        }
        Command::Check {
            accept_restored: true,
        } => Route::Here("--accept-restored decides how the vault opens"),
        Command::Notify(args) if !args.once && args.show_titles.is_none() => {
            Route::Here("it watches until stopped (the app and the agent already run the notifier)")
        }
        Command::Sync(args) if args.watch => Route::Here(
            "it watches until stopped (the app and the agent already watch the team folder)",
        ),
        Command::Intake(args) if args.watch => Route::Here(
            "it watches until stopped (the app and the agent already watch the intake folder)",
        ),
        Command::Unlock { .. } | Command::Lock | Command::Agent { .. } => {
            Route::Here("it starts or stops what serves commands")
        }
        _ => Route::Served,
    }
}
