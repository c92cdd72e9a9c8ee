//! Arguments of `intake`.

use std::path::PathBuf;

use clap::{Args, Subcommand};

#[derive(Debug, Args)]
pub struct IntakeArgs {
    /// Keep watching the intake folder and import within a second of a message
    /// landing (the app and the agent already do this while unlocked).
    #[arg(long)]
    pub watch: bool,
    #[command(subcommand)]
    pub command: Option<IntakeCommand>,
}

#[derive(Debug, Subcommand)]
pub enum IntakeCommand {
    /// Watch this folder on this device: a Maildir (or its `new/`) that a mail
    /// fetcher fills, or any folder of .eml files. Nothing in it is ever moved or
    /// deleted.
    Set {
        /// The folder.
        folder: PathBuf,
    },
    /// Stop watching a folder (what was imported stays remembered).
    Clear,
    /// The folder, and every file of it that was not imported, with why.
    Status,
}
