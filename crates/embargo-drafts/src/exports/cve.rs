//! CVE JSON 5.1: the CNA container a CNA submits for its CVE id, or the full
//! published record once the case is public (the publication date is known).

use embargo_domain::{Affected, CvssScore, CvssVersion};
use serde::Serialize;

use super::{ExportInput, ExportKind, Facts, refuse_unless_ready, timeline::milestones};
use crate::{DraftError, cwe, format};

/// What `embargo export cve` writes.
#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
pub enum CveExport {
    /// The case is public: the whole record.
    Record(Box<CveRecord>),
    /// Not public yet: the CNA container to submit for the CVE id.
    Container(Box<CnaContainer>),
}

/// A published CVE record.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CveRecord {
    data_type: &'static str,
    data_version: &'static str,
    cve_metadata: CveMetadata,
    containers: Containers,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
struct CveMetadata {
    cve_id: String,
    assigner_org_id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    assigner_short_name: Option<String>,
    state: &'static str,
    date_published: String,
    date_updated: String,
}

#[derive(Debug, Clone, Serialize)]
struct Containers {
    cna: CnaContainer,
}

/// The CNA's container: what the CNA says about the vulnerability.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CnaContainer {
    provider_metadata: ProviderMetadata,
    title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    date_public: Option<String>,
    descriptions: Vec<Text>,
    affected: Vec<Product>,
    problem_types: Vec<ProblemType>,
    references: Vec<Reference>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    metrics: Vec<Metric>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    credits: Vec<Credit>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    timeline: Vec<TimelineEntry>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
struct ProviderMetadata {
    org_id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    short_name: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
struct Text {
    lang: &'static str,
    value: String,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
struct Product {
    vendor: String,
    product: String,
    #[serde(rename = "collectionURL", skip_serializing_if = "Option::is_none")]
    collection_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    package_name: Option<String>,
    versions: Vec<VersionRange>,
    default_status: &'static str,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
struct VersionRange {
    version: String,
    status: &'static str,
    version_type: &'static str,
    less_than: String,
}

#[derive(Debug, Clone, Serialize)]
struct ProblemType {
    descriptions: Vec<ProblemDescription>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
struct ProblemDescription {
    lang: &'static str,
    description: String,
    cwe_id: String,
    #[serde(rename = "type")]
    kind: &'static str,
}

#[derive(Debug, Clone, Serialize)]
struct Reference {
    url: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tags: Vec<&'static str>,
}

#[derive(Debug, Clone, Serialize)]
struct Metric {
    format: &'static str,
    #[serde(rename = "cvssV3_1", skip_serializing_if = "Option::is_none")]
    cvss_v3_1: Option<Cvss>,
    #[serde(rename = "cvssV4_0", skip_serializing_if = "Option::is_none")]
    cvss_v4_0: Option<Cvss>,
}

/// The CVSS fields both versions share in the CVE schema.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Cvss {
    pub version: &'static str,
    pub vector_string: String,
    pub base_score: f64,
    pub base_severity: String,
}

impl Cvss {
    pub(crate) fn from_score(score: &CvssScore) -> Self {
        Self {
            version: score.version.as_str(),
            vector_string: score.vector.clone(),
            base_score: score.base_score,
            base_severity: score.severity.to_ascii_uppercase(),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
struct Credit {
    lang: &'static str,
    value: String,
    #[serde(rename = "type")]
    kind: &'static str,
}

#[derive(Debug, Clone, Serialize)]
struct TimelineEntry {
    time: String,
    lang: &'static str,
    value: String,
}

/// Where a package ecosystem's packages are listed (CVE's `collectionURL`).
fn collection_url(ecosystem: &str) -> Option<&'static str> {
    Some(match ecosystem {
        "npm" => "https://www.npmjs.com",
        "PyPI" => "https://pypi.org",
        "crates.io" => "https://crates.io",
        "RubyGems" => "https://rubygems.org",
        "NuGet" => "https://www.nuget.org",
        "Packagist" => "https://packagist.org",
        "Hex" => "https://hex.pm",
        "Pub" => "https://pub.dev",
        "Go" => "https://pkg.go.dev",
        "Maven" => "https://repo.maven.apache.org/maven2",
        _ => return None,
    })
}

/// The CVE export of a case: refused with what is missing unless it is ready.
pub fn cve(input: &ExportInput<'_>) -> Result<CveExport, DraftError> {
    refuse_unless_ready(ExportKind::Cve, input)?;
    let case = input.case;
    let settings = input.settings;
    let facts = Facts::read(input);
    let cve_id = case.cve_id.clone().unwrap_or_default();
    let cwe_id = case.cwe.clone().unwrap_or_default();
    let org_id = settings.cna_org_id.clone().unwrap_or_default();

    let versions = facts
        .ranges
        .iter()
        .filter(|r| r.affected != Affected::Unknown)
        .map(|r| match (&r.affected, &r.fixed) {
            (Affected::Affected, Some(fixed)) => VersionRange {
                version: r.start.clone(),
                status: "affected",
                version_type: "semver",
                less_than: fixed.clone(),
            },
            _ => VersionRange {
                version: r.start.clone(),
                status: "unaffected",
                version_type: "semver",
                less_than: r.wildcard.clone(),
            },
        })
        .collect();
    let package = settings.ecosystem.as_deref().and_then(collection_url);
    let mut references = Vec::new();
    if let Some(url) = &facts.advisory_url {
        references.push(Reference {
            url: url.clone(),
            name: Some(format!("{} security advisory", facts.product)),
            tags: vec!["vendor-advisory"],
        });
    }
    let metrics = case
        .cvss
        .iter()
        .map(|score| Metric {
            format: "CVSS",
            cvss_v3_1: (score.version == CvssVersion::V3_1).then(|| Cvss::from_score(score)),
            cvss_v4_0: (score.version == CvssVersion::V4_0).then(|| Cvss::from_score(score)),
        })
        .collect();
    let container = CnaContainer {
        provider_metadata: ProviderMetadata {
            org_id: org_id.clone(),
            short_name: settings.cna_short_name.clone(),
        },
        title: case.title.chars().take(256).collect(),
        date_public: case.embargo_at.map(format::timestamp),
        descriptions: vec![Text {
            lang: "en",
            value: facts.description.clone(),
        }],
        affected: vec![Product {
            vendor: settings.vendor.clone().unwrap_or_default(),
            product: facts.product.clone(),
            collection_url: package.map(str::to_owned),
            package_name: package.and(settings.package.clone()),
            versions,
            default_status: "unknown",
        }],
        problem_types: vec![ProblemType {
            descriptions: vec![ProblemDescription {
                lang: "en",
                description: match cwe::name(&cwe_id) {
                    Some(name) => format!("{cwe_id}: {name}"),
                    None => cwe_id.clone(),
                },
                cwe_id,
                kind: "CWE",
            }],
        }],
        references,
        metrics,
        credits: case
            .reporter
            .credit
            .iter()
            .map(|credit| Credit {
                lang: "en",
                value: credit.clone(),
                kind: "finder",
            })
            .collect(),
        timeline: milestones(input)
            .into_iter()
            .map(|m| TimelineEntry {
                time: format::timestamp(m.at),
                lang: "en",
                value: m.what.to_owned(),
            })
            .collect(),
    };
    match (facts.public, case.embargo_at) {
        (true, Some(published)) => Ok(CveExport::Record(Box::new(CveRecord {
            data_type: "CVE_RECORD",
            data_version: "5.1",
            cve_metadata: CveMetadata {
                cve_id,
                assigner_org_id: org_id,
                assigner_short_name: settings.cna_short_name.clone(),
                state: "PUBLISHED",
                date_published: format::timestamp(published),
                date_updated: format::timestamp(case.updated_at.max(published)),
            },
            containers: Containers { cna: container },
        }))),
        _ => Ok(CveExport::Container(Box::new(container))),
    }
}
