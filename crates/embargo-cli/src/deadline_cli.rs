//! Arguments of the deadline, policy and notification commands.

use clap::{ArgGroup, Args, Subcommand};

#[derive(Debug, Args)]
pub struct DueArgs {
    /// Only what is due within this time from now (overdue always shows), e.g. 24h, 5d.
    #[arg(long, value_name = "DURATION")]
    pub within: Option<String>,
    /// Also list deadlines already met.
    #[arg(long)]
    pub all: bool,
}

#[derive(Debug, Subcommand)]
pub enum PolicyCommand {
    /// Show the active profile (or another) and list the team's profiles.
    Show {
        /// A profile id instead of the active one.
        #[arg(long)]
        profile: Option<String>,
    },
    /// Edit a profile: RULE.after, RULE.lead, RULE.business-days, RULE.pauses,
    /// RULE.label, RULE.enabled, name, zone, weekend, holidays. Without --profile it
    /// edits the active profile, or the editable copy `custom` while the read-only
    /// seed is active; a new id starts as a copy of the seed.
    Set {
        /// The setting, e.g. ack.after.
        key: String,
        /// Its new value, e.g. 5d.
        value: String,
        /// The profile to edit.
        #[arg(long)]
        profile: Option<String>,
    },
    /// Compute everyone's deadlines with this profile.
    Use {
        /// The profile id, e.g. custom.
        id: String,
    },
}

#[derive(Debug, Args)]
pub struct SnoozeArgs {
    /// Case id or unique prefix.
    pub id: String,
    /// The rule, e.g. ack.
    pub rule: String,
    /// For how long, e.g. 2h.
    #[arg(long = "for", value_name = "DURATION")]
    pub length: String,
}

#[derive(Debug, Args)]
#[command(group(ArgGroup::new("mode").required(true).args(["once", "watch", "show_titles"])))]
pub struct NotifyArgs {
    /// One pass, then exit (for cron).
    #[arg(long)]
    pub once: bool,
    /// Keep running; a pass every --interval.
    #[arg(long)]
    pub watch: bool,
    /// Allow (on) or forbid (off, the default) case titles in notifications on
    /// this device.
    #[arg(long, value_name = "on|off")]
    pub show_titles: Option<String>,
    /// Time between passes with --watch.
    #[arg(long, value_name = "DURATION", default_value = "1m")]
    pub interval: String,
    /// Stop --watch after this many passes.
    #[arg(long, hide = true)]
    pub passes: Option<u32>,
    /// How long to wait for the notification server to accept a notice.
    #[arg(long, hide = true, default_value_t = 5000)]
    pub server_timeout_ms: u64,
}
