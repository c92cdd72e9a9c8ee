//! Arguments of `identity`, `team` and `sync`.

use std::path::PathBuf;

use clap::{Args, Subcommand};

#[derive(Debug, Subcommand)]
pub enum IdentityCommand {
    /// Your public bundle (give it to a team admin) and fingerprint.
    Show,
    /// Print your age secret key, so the stock `age` tool can read the team folder.
    ExportSecret,
}

#[derive(Debug, Subcommand)]
pub enum TeamCommand {
    /// Start a team in a shared folder; you become its first admin.
    Create {
        /// The shared folder (Syncthing, Dropbox, SMB share, git checkout, …).
        #[arg(long, value_name = "DIR")]
        folder: PathBuf,
        /// The team's name.
        #[arg(long)]
        name: String,
    },
    /// Join the team in a shared folder, trusting the admin you were told about.
    Join {
        /// The shared folder.
        #[arg(long, value_name = "DIR")]
        folder: PathBuf,
        /// The admin's fingerprint, compared out of band.
        #[arg(long, value_name = "FP")]
        fingerprint: String,
    },
    /// Add a member from the bundle they sent you (admins only).
    Add {
        /// The `embargo-member-v1:…` line from `embargo identity show`.
        bundle: String,
        /// Make them an admin too.
        #[arg(long)]
        admin: bool,
        /// Let them read only what is written from now on (a new team key
        /// generation starts); by default they receive the team's whole history.
        #[arg(long)]
        from_now: bool,
    },
    /// Remove a member (admins only): a new team key generation starts, so nothing
    /// written afterwards reaches them.
    Remove {
        /// Name, e-mail or fingerprint.
        member: String,
    },
    /// The team's members.
    List,
    /// Move a version-1 team folder to version 2 (admins only). Every member's
    /// device switches on its next sync and republishes what its user made there.
    Upgrade,
}

#[derive(Debug, Args)]
pub struct SyncArgs {
    /// Keep watching the folder and merge within a second of a file landing.
    #[arg(long)]
    pub watch: bool,
    #[command(subcommand)]
    pub command: Option<SyncCommand>,
}

#[derive(Debug, Subcommand)]
pub enum SyncCommand {
    /// Per-device progress and every file set aside, with reasons.
    Status,
}
