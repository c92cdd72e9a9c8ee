use serde::{Deserialize, Serialize};

use crate::Status;

use super::PolicyDuration;

/// What a rule's clock starts from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Anchor {
    /// When the report arrived (the case's `received`).
    Received,
    /// The latest time any of these rules was met, or the report's arrival before
    /// any was. The rule recurs: each time one of them is met, its clock starts
    /// again (the seed's "update the reporter every 5 days").
    LatestMet {
        /// Rule ids whose `met` restarts the clock (usually including this rule).
        rules: Vec<String>,
    },
    /// The embargo: the case's embargo date when one is set; otherwise the rule's
    /// duration after the time the current CVE id was set. Without either, the
    /// rule does not apply yet.
    Embargo,
    /// Another rule's deadline (which must come earlier in the profile), met or not.
    Deadline {
        /// The other rule's id.
        rule: String,
    },
    /// When the case first reached this status.
    StatusReached {
        /// The status.
        status: Status,
    },
}

impl Anchor {
    /// Whether a rule with this anchor comes round again instead of being met once.
    pub fn recurs(&self) -> bool {
        matches!(self, Anchor::LatestMet { .. })
    }

    /// For people: what the clock starts from.
    pub fn describe(&self) -> String {
        match self {
            Anchor::Received => "the report arrives".to_owned(),
            Anchor::LatestMet { rules } => format!("the last of {}", rules.join("/")),
            Anchor::Embargo => "the CVE id is set (or at the case's embargo date)".to_owned(),
            Anchor::Deadline { rule } => format!("the {rule} deadline"),
            Anchor::StatusReached { status } => format!("the case is {status}"),
        }
    }
}

fn yes() -> bool {
    true
}

/// One rule of a policy: deadline = anchor + `after`, with a warning lead time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rule {
    /// Stable id: `ack`, `response`, `update`, `embargo`, `announce`, `advisory`, …
    /// (what `embargo case log ID RULE` and `DeadlineMet` name).
    pub id: String,
    /// For people and notifications: `Acknowledgment`.
    pub label: String,
    /// What the clock starts from.
    pub anchor: Anchor,
    /// How long after the anchor the deadline falls.
    pub after: PolicyDuration,
    /// How long before the deadline it counts as "due soon" (and notifies).
    pub lead: PolicyDuration,
    /// Count `after` on working days of the profile's calendar only.
    #[serde(default)]
    pub business_days: bool,
    /// Stop the clock while the case waits on the reporter (`needs-info`).
    #[serde(default)]
    pub pauses_while_waiting: bool,
    /// Logging one of these other rules as met also meets this one (a detailed
    /// response is also an acknowledgment).
    #[serde(default)]
    pub also_met_by: Vec<String>,
    /// Reaching this status meets the rule (the announcement meets `announce`).
    #[serde(default)]
    pub met_by_status: Option<Status>,
    /// Once the case reaches this status, an unmet rule stops applying instead of
    /// staying overdue for ever.
    #[serde(default)]
    pub stops_at: Option<Status>,
    /// A disabled rule never applies.
    #[serde(default = "yes")]
    pub enabled: bool,
}

impl Rule {
    /// For people: `24 h after the report arrives`.
    pub fn describe(&self) -> String {
        let days = if self.business_days {
            " (business days)"
        } else {
            ""
        };
        match (&self.anchor, self.after.is_zero()) {
            (Anchor::Embargo, _) => format!(
                "at the case's embargo date, else {}{days} after the CVE id is set",
                self.after.human()
            ),
            (Anchor::Deadline { rule }, true) => format!("at the {rule} deadline"),
            (anchor, true) => format!("when {}", anchor.describe()),
            (anchor, false) => format!("{}{days} after {}", self.after.human(), anchor.describe()),
        }
    }
}
