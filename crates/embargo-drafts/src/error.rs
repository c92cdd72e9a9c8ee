use crate::ExportKind;

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
        "template {template} ({part}, line {line}) uses {field}, which this case does not have{hint}"
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
        /// How to set it, starting with "; " (empty when there is no simple fix).
        hint: String,
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
    #[error("the case is not ready for the {kind} export: {}", missing.join("; "))]
    NotReady {
        /// Which export.
        kind: ExportKind,
        /// What is missing, in the user's terms.
        missing: Vec<String>,
    },
    /// There is nobody to address the message to.
    #[error("{0}")]
    NoRecipient(String),
    /// Building the message failed.
    #[error("could not build the message: {0}")]
    Mail(String),
}
