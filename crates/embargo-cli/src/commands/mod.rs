mod cases;
mod deadlines;
mod drafts;
mod exports;
mod intake;
mod intake_folder;
mod notify;
mod output;
mod policy;
mod sync;
mod templates;
mod text_input;
mod triage;
mod vault;

pub(crate) use deadlines::duration;

use crate::cli::Command;
use crate::context::Context;

/// Run one command; returns its exit code (errors are printed by the caller).
pub fn run(context: &Context, command: Command) -> anyhow::Result<u8> {
    match command {
        Command::Init { name, email } => vault::init(context, &name, &email),
        Command::Demo => vault::demo(context),
        Command::Check { accept_restored } => vault::check(context, accept_restored),
        Command::Passphrase(command) => vault::passphrase(context, command),
        Command::Case(command) => cases::run(context, command),
        Command::Note { id, text } => cases::note(context, &id, &text),
        Command::Import { files, mbox } => intake::import(context, &files, mbox),
        Command::Intake(args) => intake_folder::run(context, &args),
        #[cfg(unix)]
        Command::Unlock { duration } => crate::agent::unlock(context, &duration),
        #[cfg(unix)]
        Command::Lock => crate::agent::lock(context),
        #[cfg(unix)]
        Command::Agent { duration } => crate::agent::run(context, &duration),
        // The agent needs the channel, written for Unix sockets only so far.
        #[cfg(not(unix))]
        Command::Unlock { .. } | Command::Lock | Command::Agent { .. } => {
            anyhow::bail!(
                "`embargo unlock` and `embargo lock` are not available on this platform yet"
            )
        }
        Command::Search { query } => intake::search(context, &query),
        Command::Due(args) => deadlines::due(context, &args),
        Command::Policy(command) => policy::run(context, command),
        Command::Snooze(args) => deadlines::snooze(context, &args),
        Command::Notify(args) => notify::run(context, &args),
        Command::Template(command) => templates::run(context, command),
        Command::Draft(command) => drafts::run(context, command),
        Command::Advisory { id, output } => exports::export(
            context,
            &id,
            embargo_api::drafts::ExportKind::Advisory,
            output,
        ),
        Command::Export { format, id, output } => {
            exports::export(context, &id, exports::kind(format), output)
        }
        Command::ExportSettings(command) => exports::settings(context, command),
        Command::Identity(command) => sync::identity(context, command),
        Command::Team(command) => sync::team(context, command),
        Command::Sync(args) => sync::sync(context, &args),
        Command::Similar(args) => triage::similar(context, &args),
        Command::Reporter { address } => triage::reporter(context, &address),
        Command::NonIssue(command) => triage::non_issue(context, command),
        Command::Triage => triage::queue(context),
    }
}
