//! The command line's text turned into the api's domain types at its edge: a
//! status, a field name, whether a line is affected and its fix state. A word the
//! core does not know is refused here (exit 1) with the words the core allows.

use anyhow::Context as _;
use embargo_api::domain::{Affected, FieldName, FixState, Status};
use embargo_api::{ApiError, Input};

/// A status typed as an argument (`case move ID STATUS`).
pub fn status(text: &str) -> Result<Status, ApiError> {
    Ok(text.trim().parse()?)
}

/// `--status`, when given.
pub fn status_flag(text: Option<&str>) -> anyhow::Result<Option<Status>> {
    text.map(|text| status(text).context("--status"))
        .transpose()
}

/// A field name (`case set ID FIELD VALUE`).
pub fn field(text: &str) -> Result<FieldName, ApiError> {
    Ok(text.trim().parse()?)
}

/// `--affected`.
pub fn affected(text: &str) -> Result<Affected, ApiError> {
    match text.trim() {
        "affected" => Ok(Affected::Affected),
        "not-affected" => Ok(Affected::NotAffected),
        "unknown" => Ok(Affected::Unknown),
        other => Err(ApiError::invalid(
            Input::Affected,
            format!("{other:?} is not affected, not-affected or unknown"),
        )),
    }
}

/// `--fix-state`.
pub fn fix_state(text: &str) -> Result<FixState, ApiError> {
    match text.trim() {
        "none" => Ok(FixState::None),
        "private-branch" => Ok(FixState::PrivateBranch),
        "ready" => Ok(FixState::Ready),
        "released" => Ok(FixState::Released),
        other => Err(ApiError::invalid(
            Input::FixState,
            format!("{other:?} is not none, private-branch, ready or released"),
        )),
    }
}
