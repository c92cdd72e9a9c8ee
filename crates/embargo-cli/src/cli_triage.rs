//! Arguments of the triage commands: `similar`, `reporter`, `non-issue`, `triage`.

use std::path::PathBuf;

use clap::{Args, Subcommand};

#[derive(Debug, Args)]
pub struct SimilarArgs {
    /// Case id or unique prefix.
    pub id: String,
    /// How many cases to show.
    #[arg(long, default_value_t = embargo_api::DEFAULT_SIMILAR)]
    pub limit: usize,
}

#[derive(Debug, Subcommand)]
pub enum NonIssueCommand {
    /// The team's catalogue of known non-issues.
    List,
    /// Add or replace an entry.
    Save {
        /// Its id (lowercase letters, digits, dashes).
        id: String,
        /// What reports of it say, in a few words.
        #[arg(long)]
        title: String,
        /// Why it is not a vulnerability for this project.
        #[arg(long)]
        explanation: String,
        /// A word or phrase reports of it use (repeat for more).
        #[arg(long = "keyword", required = true)]
        keywords: Vec<String>,
        /// The reply's body (a template, like `template edit`); `-` reads stdin.
        #[arg(long, value_name = "FILE")]
        reply_file: PathBuf,
    },
    /// Drop an entry.
    Remove {
        /// Its id.
        id: String,
    },
    /// The entries a case matches.
    Match {
        /// Case id or unique prefix.
        case: String,
    },
    /// Draft an entry's reply on a case.
    Reply {
        /// Case id or unique prefix.
        case: String,
        /// The entry's id.
        entry: String,
    },
}
