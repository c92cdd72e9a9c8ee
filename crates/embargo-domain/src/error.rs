use crate::Status;

/// What a case lacks before it may move to a status (each front end words it and
/// points at its own way to fill it in).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum StatusNeed {
    /// An affected release line has no fixed version.
    FixedVersion {
        /// The release line, e.g. `22.x`.
        line: String,
    },
    /// The case has no CVE id.
    CveId,
    /// The case has no embargo date.
    EmbargoDate,
}

impl StatusNeed {
    /// In plain words, without any front end's way of fixing it.
    pub fn words(&self) -> String {
        match self {
            StatusNeed::FixedVersion { line } => format!("no fixed version for line {line}"),
            StatusNeed::CveId => "CVE id missing".to_owned(),
            StatusNeed::EmbargoDate => "embargo date missing".to_owned(),
        }
    }
}

fn needs_words(missing: &[StatusNeed]) -> String {
    missing
        .iter()
        .map(StatusNeed::words)
        .collect::<Vec<_>>()
        .join("; ")
}

/// Why a change to a case was refused. Every message says what the user can do.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DomainError {
    /// The status change skips a step of the policy or goes backwards.
    #[error("cannot move from {from} to {to}: {to} needs {needs} first")]
    IllegalTransition {
        /// Current status.
        from: Status,
        /// Requested status.
        to: Status,
        /// The status (or statuses) that must come directly before `to`.
        needs: String,
    },
    /// The status change follows the policy but the case lacks something.
    #[error("cannot move to {to}: {}", needs_words(.missing))]
    MissingForStatus {
        /// Requested status.
        to: Status,
        /// What the case lacks.
        missing: Vec<StatusNeed>,
    },
    /// Only a closed or end-state case can be reopened.
    #[error("the case is {0}, not closed or ended in triage; there is nothing to reopen")]
    NotReopenable(Status),
    /// The case already has this status.
    #[error("the case is already {0}")]
    AlreadyInStatus(Status),
    /// Not a status name.
    #[error("unknown status {0:?}; statuses are: {1}")]
    UnknownStatus(String, String),
    /// A CVSS vector that does not parse.
    #[error("invalid CVSS vector {vector:?}: {reason}")]
    InvalidCvss {
        /// The vector as given.
        vector: String,
        /// What the CVSS parser said.
        reason: String,
    },
    /// A field name that is not a case field or export setting.
    #[error("unknown field {0:?}; fields are: {1}")]
    UnknownField(String, String),
    /// A field value in the wrong shape.
    #[error("invalid value for {field}: {reason}")]
    InvalidValue {
        /// The field.
        field: &'static str,
        /// What is wrong with the value.
        reason: String,
    },
    /// A case id that is not `EMB-YYYY-NNNN`.
    #[error("invalid case id {0:?}: expected EMB-YYYY-NNNN")]
    InvalidHumanId(String),
    /// A duration that is not like `24h`, `5d`, `90m` or `2h30m`.
    #[error("invalid duration {value:?}: {reason}; write e.g. 24h, 5d, 90m or 2h30m")]
    InvalidDuration {
        /// The duration as given.
        value: String,
        /// What is wrong with it.
        reason: String,
    },
    /// A policy rule id the profile does not have.
    #[error("the policy has no rule {rule:?}; its rules are: {known}")]
    UnknownRule {
        /// The rule as given.
        rule: String,
        /// The profile's rule ids.
        known: String,
    },
    /// A policy profile edit that cannot be applied.
    #[error("{0}")]
    InvalidPolicy(String),
}
