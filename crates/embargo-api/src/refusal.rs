//! Refusals as data: which input was malformed ([`Input`]) and why a well-formed
//! request was refused ([`Refusal`]). The core's words name no front end's control;
//! the command line names its flags and commands, the desktop app its fields and
//! buttons (each words these in its own terms).

use chrono::{DateTime, SecondsFormat, Utc};
use serde::Serialize;

/// The input a use case found malformed: a front end maps it to its own flag or field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Input {
    /// A case's or a template's title.
    Title,
    /// A person's or a team's name.
    Name,
    /// An e-mail address.
    Email,
    /// A note's text.
    Note,
    /// A checklist item's text.
    ChecklistItem,
    /// Which checklist item (its position as listed).
    ChecklistPosition,
    /// A release line's name.
    ReleaseLine,
    /// Whether a release line is affected.
    Affected,
    /// A release line's fix state.
    FixState,
    /// How long to snooze a deadline.
    SnoozeLength,
    /// A draft's or template's subject.
    Subject,
    /// A draft's or template's body.
    Body,
    /// A template id.
    TemplateId,
    /// A template's audience.
    Audience,
    /// A policy rule id.
    Rule,
    /// A file to write.
    File,
    /// A new passphrase.
    Passphrase,
    /// The idle-lock minutes.
    IdleLock,
    /// A case id.
    CaseId,
    /// A draft id.
    DraftId,
    /// A known non-issue's id.
    NonIssueId,
    /// A known non-issue's title or reply.
    NonIssueText,
    /// A known non-issue's keywords.
    Keywords,
    /// Whether a file is a mailbox (several messages).
    Mailbox,
    /// The intake folder.
    IntakeFolder,
}

/// Why a well-formed request was refused, with what a front end needs to word it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "kind", rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Refusal {
    /// An edit that changes nothing: none of `inputs` was given.
    #[error("nothing to change")]
    NothingToChange {
        /// What could have been changed.
        inputs: Vec<Input>,
    },
    /// A step logged as done in the future.
    #[error("{} is in the future; log a step once it is done", stamp(at))]
    DoneInFuture {
        /// When it was said to be done.
        at: DateTime<Utc>,
    },
    /// A step logged as done before the report arrived.
    #[error("{} is before {case} arrived ({})", stamp(at), stamp(arrived))]
    DoneBeforeArrival {
        /// When it was said to be done.
        at: DateTime<Utc>,
        /// `EMB-YYYY-NNNN`.
        case: String,
        /// When the report arrived.
        arrived: DateTime<Utc>,
    },
    /// A one-off step logged a second time.
    #[error("{rule} was already logged for {case} at {}", stamp(at))]
    AlreadyLogged {
        /// The rule id.
        rule: String,
        /// `EMB-YYYY-NNNN`.
        case: String,
        /// When it was logged.
        at: DateTime<Utc>,
    },
    /// The case waits on the reporter already.
    #[error("{case} already waits on the reporter")]
    AlreadyWaiting {
        /// `EMB-YYYY-NNNN`.
        case: String,
    },
    /// The case does not wait on the reporter.
    #[error("{case} is not waiting on the reporter")]
    NotWaiting {
        /// `EMB-YYYY-NNNN`.
        case: String,
    },
    /// A sent draft cannot be edited.
    #[error(
        "{draft} was sent at {}; a sent draft cannot be edited (start a new one)",
        secs(at)
    )]
    DraftSent {
        /// The draft's name (`EMB-YYYY-NNNN/D1`).
        draft: String,
        /// When it was sent.
        at: DateTime<Utc>,
    },
    /// A draft marked sent a second time.
    #[error("{draft} is already marked sent at {}", secs(at))]
    AlreadySent {
        /// The draft's name.
        draft: String,
        /// When it was marked sent.
        at: DateTime<Utc>,
    },
    /// A draft recorded as sent in the future.
    #[error(
        "{} is in the future; record a draft as sent once it is sent",
        stamp(at)
    )]
    SentInFuture {
        /// When it was said to be sent.
        at: DateTime<Utc>,
    },
    /// A draft recorded as sent before it was written.
    #[error("{} is before {draft} was written ({})", stamp(at), stamp(written))]
    SentBeforeWritten {
        /// When it was said to be sent.
        at: DateTime<Utc>,
        /// The draft's name.
        draft: String,
        /// When it was written.
        written: DateTime<Utc>,
    },
    /// The shipped policy profile cannot be edited.
    #[error("the seed policy is read-only; edit its custom copy instead, then use that")]
    SeedPolicyReadOnly,
    /// A built-in template that was never changed has nothing to reset.
    #[error("{id} is already the built-in version; nothing to reset")]
    TemplateIsBuiltIn {
        /// The template id.
        id: String,
    },
    /// The team's own template has no shipped version to reset to.
    #[error(
        "{id} is the team's own template, not a built-in; there is no shipped version to reset it to"
    )]
    TemplateIsTeams {
        /// The template id.
        id: String,
    },
    /// The report states everything a request for information would ask.
    #[error(
        "{case} states a version, steps to reproduce, a proof of concept and an impact; to ask something else, start a draft of the request-info template"
    )]
    NothingMissing {
        /// `EMB-YYYY-NNNN`.
        case: String,
    },
    /// A case marked a duplicate of itself.
    #[error("{case} cannot be a duplicate of itself")]
    DuplicateOfItself {
        /// `EMB-YYYY-NNNN`.
        case: String,
    },
    /// A case that is a duplicate already.
    #[error("{case} is already marked a duplicate of {of}")]
    AlreadyDuplicate {
        /// `EMB-YYYY-NNNN`.
        case: String,
        /// The case it duplicates.
        of: String,
    },
    /// The original named is itself a duplicate of another case.
    #[error(
        "{original} is itself a duplicate of {first}; mark {case} a duplicate of {first} instead"
    )]
    OriginalIsDuplicate {
        /// The case being marked.
        case: String,
        /// The original named.
        original: String,
        /// The case the original duplicates.
        first: String,
    },
}

fn stamp(at: &DateTime<Utc>) -> String {
    at.to_rfc3339()
}

fn secs(at: &DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Secs, true)
}
