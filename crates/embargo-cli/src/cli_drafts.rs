//! Arguments of the drafting and export commands (`template`, `draft`,
//! `advisory`, `export`, `export-settings`).

use std::path::PathBuf;

use clap::{ArgGroup, Args, Subcommand, ValueEnum};

#[derive(Debug, Subcommand)]
pub enum TemplateCommand {
    /// List the templates: built-in, edited by the team, or the team's own.
    List,
    /// Show a template's subject and body.
    Show {
        /// Template id, e.g. acknowledgment.
        id: String,
    },
    /// Change a template (`--subject`, `--title`, `--body-file`; with none of them
    /// on a terminal, opens the body in $EDITOR).
    Edit {
        /// Template id.
        id: String,
        /// New subject template.
        #[arg(long)]
        subject: Option<String>,
        /// New title.
        #[arg(long)]
        title: Option<String>,
        /// Read the new body from this file (`-` for standard input).
        #[arg(long, value_name = "FILE")]
        body_file: Option<PathBuf>,
    },
    /// Add a team template (body from `--body-file`, or $EDITOR on a terminal).
    New {
        /// Id: lowercase letters, digits and dashes.
        id: String,
        /// What it is for.
        #[arg(long)]
        title: String,
        /// Who it is for: reporter, mailing-list or cna.
        #[arg(long, default_value = "reporter")]
        audience: String,
        /// The policy rule that sending it meets (ack, response, update, …).
        #[arg(long)]
        meets: Option<String>,
        /// Subject template.
        #[arg(long, default_value = "{{ reply_subject }}")]
        subject: String,
        /// Read the body from this file (`-` for standard input).
        #[arg(long, value_name = "FILE")]
        body_file: Option<PathBuf>,
    },
    /// Drop the team's edits to a built-in template.
    Reset {
        /// Template id.
        id: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum DraftCommand {
    /// Render a template onto a case as a new draft; prints the draft's id
    /// (CASE/Dn, e.g. EMB-2026-0042/D1).
    New {
        /// Case id or unique prefix.
        id: String,
        /// Template id, e.g. acknowledgment.
        template: String,
    },
    /// List a case's drafts.
    List {
        /// Case id or unique prefix.
        id: String,
    },
    /// Show a draft.
    Show {
        /// CASE/Dn (e.g. 42/D1) or a unique prefix of the draft's id.
        draft: String,
    },
    /// Change a draft (`--subject`, `--body-file`; with neither on a terminal,
    /// opens the body in $EDITOR in a private in-memory directory).
    Edit {
        /// CASE/Dn or a unique prefix of the draft's id.
        draft: String,
        /// New subject.
        #[arg(long)]
        subject: Option<String>,
        /// Read the new body from this file (`-` for standard input).
        #[arg(long, value_name = "FILE")]
        body_file: Option<PathBuf>,
    },
    /// Write the draft as an .eml file to open in your mail client, or print a
    /// mailto: URL.
    #[command(group(ArgGroup::new("form").required(true).args(["eml", "mailto"])))]
    Export {
        /// CASE/Dn or a unique prefix of the draft's id.
        draft: String,
        /// Write an RFC 5322 message to this file (refused if it exists).
        #[arg(long, value_name = "FILE")]
        eml: Option<PathBuf>,
        /// Print a mailto: URL.
        #[arg(long)]
        mailto: bool,
        /// Replace the file if it exists.
        #[arg(long)]
        force: bool,
    },
    /// Record that you sent the draft: it becomes outgoing correspondence and
    /// meets its deadline (acknowledgment → ack, detailed-response → response,
    /// update → update).
    Sent {
        /// CASE/Dn or a unique prefix of the draft's id.
        draft: String,
        /// When you sent it (RFC 3339; default: now).
        #[arg(long, value_name = "RFC3339")]
        at: Option<String>,
    },
}

/// Where an export goes.
#[derive(Debug, Args)]
pub struct OutputArgs {
    /// Write to this file instead of standard output (refused if it exists).
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Replace the file if it exists.
    #[arg(long)]
    pub force: bool,
}

/// The machine-readable formats.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum RecordFormat {
    /// CVE JSON 5.1 (the CNA container; the full record once the case is public).
    Cve,
    /// OSV.
    Osv,
    /// CSAF 2.0 security advisory.
    Csaf,
}

#[derive(Debug, Subcommand)]
pub enum ExportSettingsCommand {
    /// Show the team's export settings.
    Show,
    /// Set one (an empty value clears it). Keys: org, cna-org-id, cna-short-name,
    /// vendor, product, ecosystem, package, advisory-url, mailing-list, cve-request-to.
    Set {
        /// The setting.
        key: String,
        /// Its value.
        value: String,
    },
}
