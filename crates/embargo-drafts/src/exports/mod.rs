//! Machine-readable advisories (CVE JSON 5.1, OSV, CSAF 2.0) and the Markdown
//! advisory, built from typed structures after a readiness check that says, in
//! the user's terms, what the case still lacks.

mod advisory;
mod csaf;
mod cve;
mod osv;
mod readiness;
mod timeline;

use std::fmt;

use embargo_domain::{Affected, Case, Event, ExportSettings, Status};
use serde::{Deserialize, Serialize};

pub use advisory::advisory_markdown;
pub use csaf::{CsafDocument, csaf};
pub use cve::{CnaContainer, CveExport, CveRecord, cve};
pub use osv::{OsvRecord, osv};
pub use readiness::{Missing, missing_items, refuse_unless_ready, setting_words};

use crate::context::product;
use crate::versions::{LineRange, line_ranges};

/// The kinds of advisory Embargo writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "lowercase")]
pub enum ExportKind {
    /// Markdown for the blog.
    Advisory,
    /// CVE JSON 5.1 (CNA container, or the full record once public).
    Cve,
    /// OSV.
    Osv,
    /// CSAF 2.0 security advisory.
    Csaf,
}

impl fmt::Display for ExportKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ExportKind::Advisory => "advisory",
            ExportKind::Cve => "CVE",
            ExportKind::Osv => "OSV",
            ExportKind::Csaf => "CSAF",
        })
    }
}

/// What every export reads: the case, its history (for the timeline) and the
/// team's export settings.
#[derive(Debug, Clone, Copy)]
pub struct ExportInput<'a> {
    /// The case.
    pub case: &'a Case,
    /// Its events in fold order.
    pub events: &'a [Event],
    /// The team's export settings.
    pub settings: &'a ExportSettings,
}

/// The facts every export shares, read once the readiness check has passed.
pub(crate) struct Facts {
    pub product: String,
    pub ranges: Vec<LineRange>,
    pub description: String,
    pub advisory_url: Option<String>,
    pub public: bool,
}

impl Facts {
    pub(crate) fn read(input: &ExportInput<'_>) -> Self {
        let case = input.case;
        let product = product(case, input.settings).unwrap_or_default();
        let ranges = line_ranges(case).unwrap_or_default();
        let description = description(&case.title, &product, &ranges);
        Self {
            advisory_url: input
                .settings
                .advisory_url_for(case.cve_id.as_deref(), &case.human_id.to_string()),
            public: is_public(case.status),
            product,
            ranges,
            description,
        }
    }

    pub(crate) fn affected(&self) -> impl Iterator<Item = &LineRange> {
        self.ranges
            .iter()
            .filter(|r| r.affected == Affected::Affected)
    }
}

/// Whether the case has been disclosed (announced or later).
pub(crate) fn is_public(status: Status) -> bool {
    matches!(
        status,
        Status::Announced | Status::Published | Status::Closed
    )
}

/// "Title in Product versions 22.x before 22.4.1 and 20.x before 20.11.3."
fn description(title: &str, product: &str, ranges: &[LineRange]) -> String {
    let affected: Vec<String> = ranges
        .iter()
        .filter(|r| r.affected == Affected::Affected)
        .map(|r| match &r.fixed {
            Some(fixed) => format!("{} before {fixed}", r.line),
            None => r.line.clone(),
        })
        .collect();
    let versions = match affected.as_slice() {
        [] => String::new(),
        [one] => format!(" versions {one}"),
        [init @ .., last] => format!(" versions {} and {last}", init.join(", ")),
    };
    format!("{} in {product}{versions}.", title.trim_end_matches('.'))
}

/// The CVE.org page of a CVE id.
pub(crate) fn cve_org_url(cve: &str) -> String {
    format!("https://www.cve.org/CVERecord?id={cve}")
}
