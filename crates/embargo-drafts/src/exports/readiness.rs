//! Before anything is written: what the case (or the team's export settings) still
//! lacks for an export, as data ([`Missing`]) a front end words and links to the
//! field that fixes it, and in the command line's words ([`missing_for`]).

use embargo_domain::Affected;
use serde::Serialize;

use super::{ExportInput, ExportKind};
use crate::context::product;
use crate::versions::line_ranges;

/// One thing an export lacks. The desktop app words each and links it to the
/// field or setting that fixes it; [`Missing::describe`] is the command line's text.
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
        /// Its key as `export-settings set` takes it (`cna-org-id`, `vendor`, …).
        key: String,
    },
}

impl Missing {
    /// The command line's words for case `id`, with the command that fixes it.
    pub fn describe(&self, id: &impl std::fmt::Display, kind: ExportKind) -> String {
        match self {
            Missing::CveId => format!("CVE id missing (embargo case set {id} cve CVE-YYYY-NNNN)"),
            Missing::Product => format!(
                "no product: set the case's (embargo case set {id} product NAME) or the team's (embargo export-settings set product NAME)"
            ),
            Missing::ReleaseLines => format!(
                "no release lines (embargo case line {id} 22.x --affected affected --fixed 22.4.1)"
            ),
            Missing::AffectedLine => "no release line is marked affected".to_owned(),
            Missing::LineAffectedUnknown { line } => {
                format!("line {line}: still unknown whether it is affected")
            }
            Missing::FixedVersion { line } => format!(
                "no fixed version for line {line} (embargo case line {id} {line} --fixed VERSION)"
            ),
            Missing::LineNotARange { line } => format!(
                "release line {line:?} is not a version range; name lines like 22.x or 3.1.x"
            ),
            Missing::Cwe => format!("CWE missing (embargo case set {id} cwe CWE-N)"),
            Missing::Setting { key } => setting_words(key, kind),
        }
    }
}

fn setting_words(key: &str, kind: ExportKind) -> String {
    match (key, kind) {
        ("cna-org-id", _) => {
            "no CNA organisation id in export settings (embargo export-settings set cna-org-id UUID)".to_owned()
        }
        ("vendor", _) => {
            "no vendor in export settings (embargo export-settings set vendor NAME)".to_owned()
        }
        ("advisory-url", ExportKind::Csaf) => {
            "no advisory URL in export settings, the publisher's namespace (embargo export-settings set advisory-url https://…/{cve})".to_owned()
        }
        ("advisory-url", _) => {
            "no advisory URL in export settings, the record's reference (embargo export-settings set advisory-url https://…/{cve})".to_owned()
        }
        ("ecosystem", _) => {
            "no package ecosystem in export settings (embargo export-settings set ecosystem npm)"
                .to_owned()
        }
        ("package", _) => {
            "no package name in export settings (embargo export-settings set package NAME)"
                .to_owned()
        }
        ("org", _) => {
            "no organisation in export settings, the CSAF publisher (embargo export-settings set org NAME)".to_owned()
        }
        (other, _) => format!("no {other} in export settings (embargo export-settings set {other} VALUE)"),
    }
}

/// Everything `kind` needs that the case or the settings lack, in the command
/// line's words; empty when ready.
pub fn missing_for(kind: ExportKind, input: &ExportInput<'_>) -> Vec<String> {
    let id = input.case.human_id;
    missing_items(kind, input)
        .iter()
        .map(|m| m.describe(&id, kind))
        .collect()
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
