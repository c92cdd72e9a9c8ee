//! Before anything is written: what the case (or the team's export settings) still
//! lacks for an export, as data ([`Missing`]) a front end words and links to the
//! field that fixes it (the command line names its command).

use embargo_domain::Affected;
use serde::Serialize;

use super::{ExportInput, ExportKind};
use crate::DraftError;
use crate::context::product;
use crate::versions::line_ranges;

/// One thing an export lacks. Each front end words it and points at its own way
/// to fix it (the desktop app links the field, the command line names a command).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Missing {
    /// The case has no CVE id.
    CveId,
    /// Neither the case nor the team's export settings name the product.
    Product,
    /// The case has no release lines.
    ReleaseLines,
    /// No release line is marked affected.
    AffectedLine,
    /// It is not known whether this line is affected.
    LineAffectedUnknown {
        /// The release line, e.g. `22.x`.
        line: String,
    },
    /// An affected line has no fixed version.
    FixedVersion {
        /// The release line.
        line: String,
    },
    /// A line's name is not a version range (`22.x`, `3.1.x`).
    LineNotARange {
        /// The release line.
        line: String,
    },
    /// The case has no CWE.
    Cwe,
    /// A team export setting is empty.
    Setting {
        /// Its stable key (`cna-org-id`, `vendor`, …).
        key: String,
    },
}

impl Missing {
    /// In plain words, without any front end's way of fixing it (the command line
    /// adds its commands, the desktop app links the field).
    pub fn words(&self, kind: ExportKind) -> String {
        match self {
            Missing::CveId => "CVE id missing".to_owned(),
            Missing::Product => {
                "no product, on the case or in the team's export settings".to_owned()
            }
            Missing::ReleaseLines => "no release lines".to_owned(),
            Missing::AffectedLine => "no release line is marked affected".to_owned(),
            Missing::LineAffectedUnknown { line } => {
                format!("line {line}: still unknown whether it is affected")
            }
            Missing::FixedVersion { line } => format!("no fixed version for line {line}"),
            Missing::LineNotARange { line } => format!(
                "release line {line:?} is not a version range; name lines like 22.x or 3.1.x"
            ),
            Missing::Cwe => "CWE missing".to_owned(),
            Missing::Setting { key } => match (key.as_str(), kind) {
                ("advisory-url", ExportKind::Csaf) => {
                    "no advisory URL in export settings, the publisher's namespace".to_owned()
                }
                ("advisory-url", _) => {
                    "no advisory URL in export settings, the record's reference".to_owned()
                }
                (key, _) => format!("no {} in export settings", setting_words(key)),
            },
        }
    }
}

/// The export setting `key` in words.
pub fn setting_words(key: &str) -> &str {
    match key {
        "cna-org-id" => "CNA organisation id",
        "advisory-url" => "advisory URL",
        "ecosystem" => "package ecosystem",
        "package" => "package name",
        "org" => "organisation, the CSAF publisher",
        other => other,
    }
}

/// The refusal of `kind` for a case that lacks `missing` (none when ready).
pub fn refuse_unless_ready(kind: ExportKind, input: &ExportInput<'_>) -> Result<(), DraftError> {
    let missing = missing_items(kind, input);
    if missing.is_empty() {
        Ok(())
    } else {
        Err(DraftError::NotReady {
            case: input.case.human_id.to_string(),
            kind,
            missing,
        })
    }
}

/// Everything `kind` needs that the case or the settings lack; empty when ready.
pub fn missing_items(kind: ExportKind, input: &ExportInput<'_>) -> Vec<Missing> {
    let case = input.case;
    let settings = input.settings;
    let mut missing = Vec::new();
    let mut need = |absent: bool, what: Missing| {
        if absent {
            missing.push(what);
        }
    };
    let setting = |key: &str| Missing::Setting {
        key: key.to_owned(),
    };
    let records = kind != ExportKind::Advisory;

    need(records && case.cve_id.is_none(), Missing::CveId);
    need(product(case, settings).is_none(), Missing::Product);
    need(case.release_lines.is_empty(), Missing::ReleaseLines);
    need(
        !case.release_lines.is_empty()
            && !case
                .release_lines
                .iter()
                .any(|l| l.affected == Affected::Affected),
        Missing::AffectedLine,
    );
    for line in &case.release_lines {
        need(
            line.affected == Affected::Unknown,
            Missing::LineAffectedUnknown {
                line: line.line.clone(),
            },
        );
        need(
            line.affected == Affected::Affected && line.fixed_version.is_none(),
            Missing::FixedVersion {
                line: line.line.clone(),
            },
        );
    }
    if records && let Err(unreadable) = line_ranges(case) {
        for line in unreadable {
            need(true, Missing::LineNotARange { line });
        }
    }
    match kind {
        ExportKind::Advisory => {}
        ExportKind::Cve => {
            need(case.cwe.is_none(), Missing::Cwe);
            need(settings.cna_org_id.is_none(), setting("cna-org-id"));
            need(settings.vendor.is_none(), setting("vendor"));
            need(settings.advisory_url.is_none(), setting("advisory-url"));
        }
        ExportKind::Osv => {
            need(settings.ecosystem.is_none(), setting("ecosystem"));
            need(settings.package.is_none(), setting("package"));
        }
        ExportKind::Csaf => {
            need(settings.org.is_none(), setting("org"));
            need(settings.vendor.is_none(), setting("vendor"));
            need(settings.advisory_url.is_none(), setting("advisory-url"));
        }
    }
    missing
}
