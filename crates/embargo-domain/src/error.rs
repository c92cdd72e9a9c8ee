use crate::Status;

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
    #[error("cannot move to {to}: {missing}")]
    MissingForStatus {
        /// Requested status.
        to: Status,
        /// What the case lacks, in the user's terms.
        missing: String,
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
    /// A field name that `case set` does not know.
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
