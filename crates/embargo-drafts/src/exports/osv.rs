//! OSV: the vulnerability as package-manager tooling reads it (one package, one
//! range per affected release line). The record's id is the CVE id.

use embargo_domain::CvssVersion;
use serde::Serialize;

use super::{ExportInput, ExportKind, Facts, cve_org_url, refuse_unless_ready};
use crate::{DraftError, format};

/// The OSV schema version these records follow.
const OSV_SCHEMA_VERSION: &str = "1.7.0";

/// An OSV record.
#[derive(Debug, Clone, Serialize)]
pub struct OsvRecord {
    schema_version: &'static str,
    id: String,
    modified: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    published: Option<String>,
    summary: String,
    details: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    severity: Vec<Severity>,
    affected: Vec<Affected>,
    references: Vec<Reference>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    credits: Vec<Credit>,
    #[serde(skip_serializing_if = "Option::is_none")]
    database_specific: Option<DatabaseSpecific>,
}

#[derive(Debug, Clone, Serialize)]
struct Severity {
    #[serde(rename = "type")]
    kind: &'static str,
    score: String,
}

#[derive(Debug, Clone, Serialize)]
struct Affected {
    package: Package,
    ranges: Vec<Range>,
}

#[derive(Debug, Clone, Serialize)]
struct Package {
    ecosystem: String,
    name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    purl: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
struct Range {
    #[serde(rename = "type")]
    kind: &'static str,
    events: Vec<RangeEvent>,
}

/// Serialises as `{"introduced": "…"}` or `{"fixed": "…"}`.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "snake_case")]
enum RangeEvent {
    Introduced(String),
    Fixed(String),
}

#[derive(Debug, Clone, Serialize)]
struct Reference {
    #[serde(rename = "type")]
    kind: &'static str,
    url: String,
}

#[derive(Debug, Clone, Serialize)]
struct Credit {
    name: String,
    #[serde(rename = "type")]
    kind: &'static str,
}

#[derive(Debug, Clone, Serialize)]
struct DatabaseSpecific {
    cwe_ids: Vec<String>,
}

/// The package URL of a package in an OSV ecosystem, built and escaped by the
/// `packageurl` crate (the purl spec's per-type rules: npm names lowercased,
/// PyPI's `_` as `-`, every reserved character percent-encoded). The namespace is
/// what the ecosystem writes before the last `/` (`@scope`, a Go module path, a
/// Packagist vendor) or before Maven's `:`. None for ecosystems without a purl type.
fn purl(ecosystem: &str, name: &str) -> Option<String> {
    let kind = match ecosystem {
        "npm" => "npm",
        "PyPI" => "pypi",
        "crates.io" => "cargo",
        "RubyGems" => "gem",
        "NuGet" => "nuget",
        "Hex" => "hex",
        "Pub" => "pub",
        "Packagist" => "composer",
        "Go" => "golang",
        "Maven" => "maven",
        _ => return None,
    };
    let (namespace, name) = match kind {
        "maven" => name.split_once(':')?,
        "npm" | "golang" | "composer" => match name.rsplit_once('/') {
            Some((namespace, name)) => (namespace, name),
            None => ("", name),
        },
        _ => ("", name),
    };
    let mut purl = packageurl::PackageUrl::new(kind, name).ok()?;
    if !namespace.is_empty() {
        purl.with_namespace(namespace).ok()?;
    }
    Some(purl.to_string())
}

/// The OSV export of a case: refused with what is missing unless it is ready.
pub fn osv(input: &ExportInput<'_>) -> Result<OsvRecord, DraftError> {
    refuse_unless_ready(ExportKind::Osv, input)?;
    let case = input.case;
    let settings = input.settings;
    let facts = Facts::read(input);
    let cve = case.cve_id.clone().unwrap_or_default();
    let ecosystem = settings.ecosystem.clone().unwrap_or_default();
    let package = settings.package.clone().unwrap_or_default();
    let mut references = Vec::new();
    if let Some(url) = &facts.advisory_url {
        references.push(Reference {
            kind: "ADVISORY",
            url: url.clone(),
        });
    }
    references.push(Reference {
        kind: "ADVISORY",
        url: cve_org_url(&cve),
    });
    Ok(OsvRecord {
        schema_version: OSV_SCHEMA_VERSION,
        modified: format::timestamp(case.updated_at),
        published: case
            .embargo_at
            .filter(|_| facts.public)
            .map(format::timestamp),
        summary: case.title.clone(),
        details: facts.description.clone(),
        severity: case
            .cvss
            .iter()
            .map(|s| Severity {
                kind: match s.version {
                    CvssVersion::V3_1 => "CVSS_V3",
                    CvssVersion::V4_0 => "CVSS_V4",
                },
                score: s.vector.clone(),
            })
            .collect(),
        affected: vec![Affected {
            package: Package {
                purl: purl(&ecosystem, &package),
                ecosystem,
                name: package,
            },
            ranges: facts
                .affected()
                .map(|r| Range {
                    kind: "ECOSYSTEM",
                    events: vec![
                        RangeEvent::Introduced(r.start.clone()),
                        RangeEvent::Fixed(r.fixed.clone().unwrap_or_default()),
                    ],
                })
                .collect(),
        }],
        references,
        credits: case
            .reporter
            .credit
            .iter()
            .map(|name| Credit {
                name: name.clone(),
                kind: "FINDER",
            })
            .collect(),
        database_specific: case
            .cwe
            .clone()
            .map(|cwe| DatabaseSpecific { cwe_ids: vec![cwe] }),
        id: cve,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn package_urls_follow_each_ecosystem() {
        assert_eq!(
            purl("npm", "@scope/pkg").as_deref(),
            Some("pkg:npm/%40scope/pkg")
        );
        assert_eq!(purl("PyPI", "My_Pkg").as_deref(), Some("pkg:pypi/my-pkg"));
        assert_eq!(
            purl("Maven", "org.example:lib").as_deref(),
            Some("pkg:maven/org.example/lib")
        );
        assert_eq!(purl("Debian", "openssl"), None);
    }

    #[test]
    fn package_urls_escape_every_reserved_character() {
        // The hand-written version escaped only `@`: a `#` or `?` in a name began
        // the purl's subpath or qualifiers.
        assert_eq!(
            purl("crates.io", "a#b?c").as_deref(),
            Some("pkg:cargo/a%23b%3Fc")
        );
        assert_eq!(
            purl("Go", "github.com/Example/mod").as_deref(),
            Some("pkg:golang/github.com/example/mod")
        );
        assert_eq!(purl("npm", "Left-Pad").as_deref(), Some("pkg:npm/left-pad"));
        assert_eq!(purl("Maven", "no-colon"), None);
    }
}
