//! Before anything is written: what the case (or the team's export settings) still
//! lacks for an export, in the words a handler uses, each with how to fix it.

use embargo_domain::Affected;

use super::{ExportInput, ExportKind};
use crate::context::product;
use crate::versions::line_ranges;

/// Everything `kind` needs that the case or the settings lack; empty when ready.
pub fn missing_for(kind: ExportKind, input: &ExportInput<'_>) -> Vec<String> {
    let case = input.case;
    let settings = input.settings;
    let id = case.human_id;
    let mut missing = Vec::new();
    let mut need = |absent: bool, what: String| {
        if absent {
            missing.push(what);
        }
    };
    let records = kind != ExportKind::Advisory;

    need(
        records && case.cve_id.is_none(),
        format!("CVE id missing (embargo case set {id} cve CVE-YYYY-NNNN)"),
    );
    need(
        product(case, settings).is_none(),
        format!(
            "no product: set the case's (embargo case set {id} product NAME) or the team's (embargo export-settings set product NAME)"
        ),
    );
    need(
        case.release_lines.is_empty(),
        format!(
            "no release lines (embargo case line {id} 22.x --affected affected --fixed 22.4.1)"
        ),
    );
    need(
        !case.release_lines.is_empty()
            && !case
                .release_lines
                .iter()
                .any(|l| l.affected == Affected::Affected),
        "no release line is marked affected".to_owned(),
    );
    for line in &case.release_lines {
        need(
            line.affected == Affected::Unknown,
            format!("line {}: still unknown whether it is affected", line.line),
        );
        need(
            line.affected == Affected::Affected && line.fixed_version.is_none(),
            format!(
                "no fixed version for line {} (embargo case line {id} {} --fixed VERSION)",
                line.line, line.line
            ),
        );
    }
    if records && let Err(unreadable) = line_ranges(case) {
        for line in unreadable {
            need(
                true,
                format!(
                    "release line {line:?} is not a version range; name lines like 22.x or 3.1.x"
                ),
            );
        }
    }
    match kind {
        ExportKind::Advisory => {}
        ExportKind::Cve => {
            need(
                case.cwe.is_none(),
                format!("CWE missing (embargo case set {id} cwe CWE-N)"),
            );
            need(
                settings.cna_org_id.is_none(),
                "no CNA organisation id in export settings (embargo export-settings set cna-org-id UUID)".to_owned(),
            );
            need(
                settings.vendor.is_none(),
                "no vendor in export settings (embargo export-settings set vendor NAME)".to_owned(),
            );
            need(
                settings.advisory_url.is_none(),
                "no advisory URL in export settings, the record's reference (embargo export-settings set advisory-url https://…/{cve})".to_owned(),
            );
        }
        ExportKind::Osv => {
            need(
                settings.ecosystem.is_none(),
                "no package ecosystem in export settings (embargo export-settings set ecosystem npm)"
                    .to_owned(),
            );
            need(
                settings.package.is_none(),
                "no package name in export settings (embargo export-settings set package NAME)"
                    .to_owned(),
            );
        }
        ExportKind::Csaf => {
            need(
                settings.org.is_none(),
                "no organisation in export settings, the CSAF publisher (embargo export-settings set org NAME)".to_owned(),
            );
            need(
                settings.vendor.is_none(),
                "no vendor in export settings (embargo export-settings set vendor NAME)".to_owned(),
            );
            need(
                settings.advisory_url.is_none(),
                "no advisory URL in export settings, the publisher's namespace (embargo export-settings set advisory-url https://…/{cve})".to_owned(),
            );
        }
    }
    missing
}
