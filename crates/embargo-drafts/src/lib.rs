//! Replies and advisories written from a case.
//!
//! - **Templates** ([`Catalog`]): the built-in ones, one for every message the
//!   disclosure policy implies, plus what the team edited or added (folded from
//!   team events by [`embargo_domain::team_templates`]). They are minijinja in
//!   strict mode: [`render`] fails with [`DraftError::MissingField`] naming the
//!   field and the template when the case lacks something the template uses, and
//!   [`check_syntax`] reports syntax errors with line and column.
//! - **Context** ([`TemplateContext`]): the case's fields under stable names.
//! - **Mail** ([`eml`], [`mailto`]): a draft as an RFC 5322 message that threads
//!   with the report, or as a `mailto:` URL. Embargo never sends mail itself.
//! - **Advisories** ([`advisory_markdown`], [`cve`], [`osv`], [`csaf`]): Markdown
//!   for the blog and CVE JSON 5.1 / OSV / CSAF 2.0 records from typed
//!   structures. Each first runs [`refuse_unless_ready`], the readiness check, and
//!   refuses with [`DraftError::NotReady`] listing what the case lacks.
//!
//! Everything here is pure: no I/O and no clock (the caller passes "now").
#![deny(missing_docs)]

mod catalog;
mod context;
mod cwe;
mod error;
mod exports;
mod format;
mod mail;
mod render;
mod versions;

pub use catalog::{Catalog, CatalogEntry, Origin, builtin, builtin_ids};
pub use context::{Person, TemplateContext};
pub use error::{DraftError, NoRecipient};
pub use exports::{
    CnaContainer, CsafDocument, CveExport, CveRecord, ExportInput, ExportKind, Missing, OsvRecord,
    advisory_markdown, csaf, cve, missing_items, osv, refuse_unless_ready, setting_words,
};
pub use mail::{Addressing, addressing, eml, mailto};
pub use render::{Rendered, check_syntax, render};
