use crate::{ExportKind, Missing};

/// Who a draft would go to, when that address is not known.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum NoRecipient {
    /// The case has no reporter e-mail address.
    #[error("{case} has no reporter e-mail address")]
    ReporterEmail {
        /// `EMB-YYYY-NNNN`.
        case: String,
    },
    /// The team's export settings have no mailing list address.
    #[error("no mailing list address in the export settings")]
    MailingList,
    /// The team's export settings have no CVE request address.
    #[error("no CVE request address in the export settings")]
    CveRequestTo,
}

fn missing_words(missing: &[Missing], kind: ExportKind) -> String {
    missing
        .iter()
        .map(|m| m.words(kind))
        .collect::<Vec<_>>()
        .join("; ")
}

/// A deadline a template names is one the case does not have yet: no front end
/// can set it, so the message says so.
fn unknown_deadline(field: &str) -> &'static str {
    if field.starts_with("deadlines.") {
        "; the deadline is not known for this case"
    } else {
        ""
    }
}

/// Why a draft, an advisory or an export could not be made. Every message names
/// what to fix in the user's terms (a template and a field, a setting, a release line).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DraftError {
    /// No template with this id (built-in or the team's).
    #[error("no template {id:?}; templates are: {known}")]
    UnknownTemplate {
        /// What was asked for.
        id: String,
        /// The ids that exist.
        known: String,
    },
    /// A template uses a field the case does not have (yet).
    #[error(
        "template {template} ({part}, line {line}) uses {field}, which this case does not have{}",
        unknown_deadline(field)
    )]
    MissingField {
        /// The template's id.
        template: String,
        /// `subject` or `body`.
        part: &'static str,
        /// The field as written in the template, e.g. `case.cve`.
        field: String,
        /// Line in that part, from 1.
        line: usize,
    },
    /// A template does not parse.
    #[error(
        "template {template} ({part}) has a syntax error at line {line}, column {column}: {message}"
    )]
    Syntax {
        /// The template's id.
        template: String,
        /// `subject` or `body`.
        part: &'static str,
        /// Line, from 1.
        line: usize,
        /// Column, from 1.
        column: usize,
        /// What the parser said.
        message: String,
    },
    /// A template parses but fails while rendering for another reason.
    #[error("template {template} ({part}, line {line}): {message}")]
    Render {
        /// The template's id.
        template: String,
        /// `subject` or `body`.
        part: &'static str,
        /// Line, from 1 (0 when unknown).
        line: usize,
        /// What went wrong.
        message: String,
    },
    /// The case (or the team's export settings) lacks what an export needs.
    #[error("the case is not ready for the {kind} export: {}", missing_words(missing, *kind))]
    NotReady {
        /// `EMB-YYYY-NNNN`.
        case: String,
        /// Which export.
        kind: ExportKind,
        /// What is missing (each front end words it).
        missing: Vec<Missing>,
    },
    /// There is nobody to address the message to.
    #[error("{0}")]
    NoRecipient(NoRecipient),
    /// Building the message failed.
    #[error("could not build the message: {0}")]
    Mail(String),
}
