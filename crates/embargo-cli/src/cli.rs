use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::cli_drafts::{
    DraftCommand, ExportSettingsCommand, OutputArgs, RecordFormat, TemplateCommand,
};
use crate::cli_intake::IntakeArgs;
use crate::cli_sync::{IdentityCommand, SyncArgs, TeamCommand};
use crate::cli_triage::{NonIssueCommand, SimilarArgs};
use crate::deadline_cli::{DueArgs, NotifyArgs, PolicyCommand, SnoozeArgs};

/// Embargo: coordinated-disclosure cases in an encrypted vault.
#[derive(Debug, Parser)]
#[command(name = "embargo", version, about, long_about = None)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// The vault directory (default: the platform data directory).
    #[arg(long, global = true, env = "EMBARGO_VAULT", value_name = "DIR")]
    pub vault: Option<PathBuf>,
    /// Print one JSON document on stdout.
    #[arg(long, global = true)]
    pub json: bool,
    /// Pretend the current time is this RFC 3339 instant (what-if, tests).
    #[arg(long, global = true, value_name = "RFC3339")]
    pub now: Option<String>,
    /// Read the passphrase from the first line of this file instead of
    /// `$EMBARGO_PASSPHRASE` or the terminal.
    #[arg(long, global = true, value_name = "FILE")]
    pub passphrase_file: Option<PathBuf>,
    /// Open the vault here even if the Embargo app or agent could serve the command.
    #[arg(long, global = true)]
    pub direct: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create a vault and your identity.
    Init {
        /// Your name, as teammates will see it.
        #[arg(long)]
        name: String,
        /// Your e-mail address.
        #[arg(long)]
        email: String,
    },
    /// Create a vault full of realistic demo cases.
    Demo,
    /// Work with cases.
    #[command(subcommand)]
    Case(CaseCommand),
    /// Add a private note to a case.
    Note {
        /// Case id or unique prefix.
        id: String,
        /// The note.
        text: String,
    },
    /// Import reports from .eml or mbox files, or `-`: one message on standard
    /// input (what a mail client pipes).
    Import {
        /// The files, or `-` for standard input.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Standard input is an mbox of several messages.
        #[arg(long)]
        mbox: bool,
    },
    /// The intake folder: a Maildir or folder of .eml files whose new messages
    /// become cases. Without a subcommand: import what is new now.
    Intake(IntakeArgs),
    /// Keep the vault unlocked in a small background agent that serves `embargo`
    /// commands without a passphrase each time and runs the deadline notifier
    /// and team sync, until `embargo lock` or the time is up.
    Unlock {
        /// How long to stay unlocked: 30m, 8h, 1d.
        #[arg(long = "for", value_name = "DURATION", default_value = "1h")]
        duration: String,
    },
    /// Lock the vault: stop the agent, or lock the Embargo app.
    Lock,
    /// The agent itself (started by `embargo unlock`; reads the passphrase from
    /// standard input).
    #[command(hide = true)]
    Agent {
        #[arg(long = "for", value_name = "DURATION")]
        duration: String,
    },
    /// Full-text search over every case.
    Search {
        /// Words to find (accents and case do not matter).
        #[arg(allow_hyphen_values = true)]
        query: String,
    },
    /// Verify encryption, integrity, that the database is not older than the
    /// vault's last change, and that the cases match their event log.
    Check {
        /// Accept a database older than the vault's last change because you put
        /// a backup back on purpose (changes made after that backup are lost).
        #[arg(long)]
        accept_restored: bool,
    },
    /// Passphrase management.
    #[command(subcommand)]
    Passphrase(PassphraseCommand),
    /// What is due, soonest first.
    Due(DueArgs),
    /// The team's disclosure policy: rules, lead times, working calendar.
    #[command(subcommand)]
    Policy(PolicyCommand),
    /// Silence one deadline's notifications for a while (this device).
    Snooze(SnoozeArgs),
    /// Desktop notifications when deadlines come due.
    Notify(NotifyArgs),
    /// Message templates: built-in ones and the team's.
    #[command(subcommand)]
    Template(TemplateCommand),
    /// Drafts of replies and notices on a case.
    #[command(subcommand)]
    Draft(DraftCommand),
    /// The Markdown advisory of a case, for the blog.
    Advisory {
        /// Case id or unique prefix.
        id: String,
        #[command(flatten)]
        output: OutputArgs,
    },
    /// A CVE JSON 5.1, OSV or CSAF 2.0 record of a case.
    Export {
        /// cve, osv or csaf.
        format: RecordFormat,
        /// Case id or unique prefix.
        id: String,
        #[command(flatten)]
        output: OutputArgs,
    },
    /// What the exports need to know about the team (org, vendor, product, …).
    #[command(subcommand)]
    ExportSettings(ExportSettingsCommand),
    /// Your identity: the public bundle teammates need, your secret key for `age`.
    #[command(subcommand)]
    Identity(IdentityCommand),
    /// The team: create, join, add and remove members.
    #[command(subcommand)]
    Team(TeamCommand),
    /// Merge the team folder into this vault and write this device's changes.
    Sync(SyncArgs),
    /// The cases most similar to one (likely duplicates), best first, with why.
    Similar(SimilarArgs),
    /// Every case from a reporter's address (and the same name or domain).
    Reporter {
        /// The reporter's e-mail address.
        address: String,
    },
    /// The team's catalogue of known non-issues, with ready replies.
    #[command(subcommand)]
    NonIssue(NonIssueCommand),
    /// The triage queue: new reports first, each with its flags.
    Triage,
}

#[derive(Debug, Subcommand)]
pub enum CaseCommand {
    /// Open a case by hand; prints its id.
    New {
        /// Short title.
        #[arg(long)]
        title: String,
        /// Reporter's name.
        #[arg(long)]
        reporter_name: Option<String>,
        /// Reporter's e-mail.
        #[arg(long)]
        reporter_email: Option<String>,
        /// When the report arrived (RFC 3339; default: now).
        #[arg(long, value_name = "RFC3339")]
        received: Option<String>,
    },
    /// List cases, newest first; with --view or --sort, as the app's agenda lists them.
    List {
        /// Only cases with this status.
        #[arg(long)]
        status: Option<String>,
        /// A saved view: open, overdue, due-today, mine, unassigned, waiting, ended, all
        /// (ordered by urgency unless --sort says otherwise).
        #[arg(long, value_parser = clap::builder::ValueParser::new(str::parse::<embargo_api::SavedView>))]
        view: Option<embargo_api::SavedView>,
        /// urgency, received, updated or severity.
        #[arg(long, value_parser = clap::builder::ValueParser::new(str::parse::<embargo_api::CaseSort>))]
        sort: Option<embargo_api::CaseSort>,
    },
    /// Everything about one case.
    Show {
        /// Case id or unique prefix.
        id: String,
    },
    /// Set a field: title, reporter-name, reporter-email, credit, received, channel,
    /// handler, product, cve, cwe, embargo, cvss, cvss-clear.
    Set {
        /// Case id or unique prefix.
        id: String,
        /// Field name.
        field: String,
        /// New value (empty clears an optional field).
        value: String,
    },
    /// Move a case to its next status.
    Move {
        /// Case id or unique prefix.
        id: String,
        /// The new status.
        status: String,
    },
    /// Reopen a closed case or one that ended in triage (not a vulnerability,
    /// duplicate, third party): back to triaging, or to published if it was closed
    /// after its advisory.
    Reopen {
        /// Case id or unique prefix.
        id: String,
    },
    /// Add or update a line of the release-line matrix.
    Line {
        /// Case id or unique prefix.
        id: String,
        /// The release line, e.g. 20.x.
        line: String,
        /// affected, not-affected or unknown.
        #[arg(long, default_value = "affected")]
        affected: String,
        /// First fixed version on this line.
        #[arg(long)]
        fixed: Option<String>,
        /// none, private-branch, ready or released.
        #[arg(long, default_value = "none")]
        fix_state: String,
    },
    /// Add a checklist item, or tick one off.
    Checklist {
        /// Case id or unique prefix.
        id: String,
        #[command(subcommand)]
        action: ChecklistAction,
    },
    /// Record that a policy step was done: ack, response, update (or any rule id).
    Log {
        /// Case id or unique prefix.
        id: String,
        /// The rule met, e.g. ack.
        rule: String,
        /// When it was done (RFC 3339; default: now).
        #[arg(long, value_name = "RFC3339")]
        at: Option<String>,
    },
    /// The case waits on the reporter: clocks of rules that pause stop.
    NeedsInfo {
        /// Case id or unique prefix.
        id: String,
    },
    /// The reporter answered: paused clocks run again.
    InfoReceived {
        /// Case id or unique prefix.
        id: String,
    },
    /// Every deadline of one case.
    Deadlines {
        /// Case id or unique prefix.
        id: String,
    },
    /// Close a case as a duplicate of an earlier one (links both, drafts the reply).
    Duplicate {
        /// Case id or unique prefix.
        id: String,
        /// The earlier case it duplicates.
        #[arg(long)]
        of: String,
    },
    /// What the report states and lacks: version, reproduction, proof of concept, impact.
    Missing {
        /// Case id or unique prefix.
        id: String,
    },
    /// Draft the request for exactly what the report lacks (sending it makes the
    /// case wait on the reporter).
    RequestInfo {
        /// Case id or unique prefix.
        id: String,
    },
    /// Save an attachment's content to a file (only on request: it is embargoed).
    SaveAttachment {
        /// Case id or unique prefix.
        id: String,
        /// The attachment's name as listed by `case show`.
        name: String,
        /// Where to write it (owner-only; never through a symbolic link).
        #[arg(long, short)]
        output: PathBuf,
        /// Replace a file already there.
        #[arg(long)]
        force: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum ChecklistAction {
    /// Add an item.
    Add {
        /// What to do.
        text: String,
    },
    /// Tick item N (as numbered by `case show`).
    Done {
        /// Item number, from 1.
        number: usize,
    },
    /// Untick item N.
    Undone {
        /// Item number, from 1.
        number: usize,
    },
}

#[derive(Debug, Subcommand)]
pub enum PassphraseCommand {
    /// Re-encrypt the keys under a new passphrase (from `$EMBARGO_NEW_PASSPHRASE`,
    /// `--new-passphrase-file` or the terminal).
    Change {
        /// File whose first line is the new passphrase.
        #[arg(long, value_name = "FILE")]
        new_passphrase_file: Option<PathBuf>,
    },
}
