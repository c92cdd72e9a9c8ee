//! CSAF 2.0 security advisory: the product tree (vendor → product → one version
//! range per release line and its fixed version) and one vulnerability.

use embargo_domain::{Affected, CvssVersion};
use serde::Serialize;

use super::cve::Cvss;
use super::{ExportInput, ExportKind, Facts, cve_org_url, refuse_unless_ready};
use crate::{DraftError, cwe, format};

/// A CSAF 2.0 document of category `csaf_security_advisory`.
#[derive(Debug, Clone, Serialize)]
pub struct CsafDocument {
    document: Document,
    product_tree: ProductTree,
    vulnerabilities: Vec<Vulnerability>,
}

#[derive(Debug, Clone, Serialize)]
struct Document {
    category: &'static str,
    csaf_version: &'static str,
    lang: &'static str,
    title: String,
    publisher: Publisher,
    tracking: Tracking,
    distribution: Distribution,
    notes: Vec<Note>,
    references: Vec<Reference>,
}

#[derive(Debug, Clone, Serialize)]
struct Publisher {
    category: &'static str,
    name: String,
    namespace: String,
}

#[derive(Debug, Clone, Serialize)]
struct Tracking {
    id: String,
    status: &'static str,
    version: &'static str,
    initial_release_date: String,
    current_release_date: String,
    revision_history: Vec<Revision>,
    generator: Generator,
}

#[derive(Debug, Clone, Serialize)]
struct Revision {
    date: String,
    number: &'static str,
    summary: &'static str,
}

#[derive(Debug, Clone, Serialize)]
struct Generator {
    engine: Engine,
}

#[derive(Debug, Clone, Serialize)]
struct Engine {
    name: &'static str,
    version: &'static str,
}

#[derive(Debug, Clone, Serialize)]
struct Distribution {
    tlp: Tlp,
}

#[derive(Debug, Clone, Serialize)]
struct Tlp {
    label: &'static str,
}

#[derive(Debug, Clone, Serialize)]
struct Note {
    category: &'static str,
    title: &'static str,
    text: String,
}

#[derive(Debug, Clone, Serialize)]
struct Reference {
    category: &'static str,
    summary: String,
    url: String,
}

#[derive(Debug, Clone, Serialize)]
struct ProductTree {
    branches: Vec<Branch>,
}

/// A branch has exactly a category, a name, and either sub-branches or a product.
#[derive(Debug, Clone, Serialize)]
struct Branch {
    category: &'static str,
    name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    branches: Option<Vec<Branch>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    product: Option<FullProductName>,
}

#[derive(Debug, Clone, Serialize)]
struct FullProductName {
    name: String,
    product_id: String,
}

#[derive(Debug, Clone, Serialize)]
struct Vulnerability {
    cve: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    cwe: Option<Cwe>,
    title: String,
    notes: Vec<Note>,
    product_status: ProductStatus,
    remediations: Vec<Remediation>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    scores: Vec<Score>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    acknowledgments: Vec<Acknowledgment>,
    #[serde(skip_serializing_if = "Option::is_none")]
    release_date: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
struct Cwe {
    id: String,
    name: &'static str,
}

#[derive(Debug, Clone, Serialize, Default)]
struct ProductStatus {
    #[serde(skip_serializing_if = "Vec::is_empty")]
    known_affected: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    fixed: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    known_not_affected: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
struct Remediation {
    category: &'static str,
    details: String,
    product_ids: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
struct Score {
    cvss_v3: Cvss,
    products: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
struct Acknowledgment {
    names: Vec<String>,
}

/// `https://example.org` from `https://example.org/security/{cve}`: the URL's
/// origin as the `url` crate serialises it (scheme and host lowercased, a default
/// port dropped, user info left out). A setting that does not parse as a URL
/// (readiness checks it is one) is kept as written.
fn origin(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(parsed) if parsed.origin().is_tuple() => parsed.origin().ascii_serialization(),
        _ => url.to_owned(),
    }
}

#[cfg(test)]
mod origin_tests {
    use super::origin;

    #[test]
    fn the_origin_drops_path_user_info_and_default_port() {
        assert_eq!(
            origin("https://Example.ORG/security/{cve}"),
            "https://example.org"
        );
        // The hand-written cut kept user info and the default port.
        assert_eq!(
            origin("https://ana:secret@example.org:443/a"),
            "https://example.org"
        );
        assert_eq!(
            origin("http://example.org:8080/x?y#z"),
            "http://example.org:8080"
        );
        assert_eq!(origin("not a url"), "not a url");
    }
}

fn leaf(category: &'static str, name: String, product: String, id: String) -> Branch {
    Branch {
        category,
        name,
        branches: None,
        product: Some(FullProductName {
            name: product,
            product_id: id,
        }),
    }
}

/// The CSAF export of a case: refused with what is missing unless it is ready.
pub fn csaf(input: &ExportInput<'_>) -> Result<CsafDocument, DraftError> {
    refuse_unless_ready(ExportKind::Csaf, input)?;
    let case = input.case;
    let settings = input.settings;
    let facts = Facts::read(input);
    let cve = case.cve_id.clone().unwrap_or_default();
    let advisory_url = facts.advisory_url.clone().unwrap_or_default();
    let product = facts.product.clone();

    let mut leaves = Vec::new();
    let mut status = ProductStatus::default();
    let mut remediations = Vec::new();
    for range in &facts.ranges {
        let range_id = format!("CSAFPID-{}", leaves.len() + 1);
        match (&range.affected, &range.fixed) {
            (Affected::Affected, Some(fixed)) => {
                leaves.push(leaf(
                    "product_version_range",
                    format!("vers:semver/>={}|<{fixed}", range.start),
                    format!("{product} {} before {fixed}", range.line),
                    range_id.clone(),
                ));
                let fixed_id = format!("CSAFPID-{}", leaves.len() + 1);
                leaves.push(leaf(
                    "product_version",
                    fixed.clone(),
                    format!("{product} {fixed}"),
                    fixed_id.clone(),
                ));
                remediations.push(Remediation {
                    category: "vendor_fix",
                    details: format!("Upgrade {product} {} to {fixed} or later.", range.line),
                    product_ids: vec![range_id.clone()],
                    url: facts.advisory_url.clone(),
                });
                status.known_affected.push(range_id);
                status.fixed.push(fixed_id);
            }
            _ => {
                leaves.push(leaf(
                    "product_version_range",
                    format!("vers:semver/>={}|<{}", range.start, range.next),
                    format!("{product} {}", range.line),
                    range_id.clone(),
                ));
                status.known_not_affected.push(range_id);
            }
        }
    }
    let first_release = case
        .embargo_at
        .filter(|_| facts.public)
        .unwrap_or(case.updated_at);
    let current_release = case.updated_at.max(first_release);
    let description = Note {
        category: "description",
        title: "Vulnerability description",
        text: facts.description.clone(),
    };
    Ok(CsafDocument {
        document: Document {
            category: "csaf_security_advisory",
            csaf_version: "2.0",
            lang: "en",
            title: format!("{product}: {} ({cve})", case.title),
            publisher: Publisher {
                category: "vendor",
                name: settings.org.clone().unwrap_or_default(),
                namespace: origin(&advisory_url),
            },
            tracking: Tracking {
                id: cve.clone(),
                status: if facts.public { "final" } else { "draft" },
                version: "1",
                initial_release_date: format::timestamp(first_release),
                current_release_date: format::timestamp(current_release),
                revision_history: vec![Revision {
                    date: format::timestamp(first_release),
                    number: "1",
                    summary: "Initial release",
                }],
                generator: Generator {
                    engine: Engine {
                        name: "Embargo",
                        version: env!("CARGO_PKG_VERSION"),
                    },
                },
            },
            // Not yet public: the document is shared under embargo only.
            distribution: Distribution {
                tlp: Tlp {
                    label: if facts.public { "WHITE" } else { "AMBER" },
                },
            },
            notes: vec![Note {
                category: "summary",
                title: "Summary",
                text: facts.description.clone(),
            }],
            references: vec![
                Reference {
                    category: "self",
                    summary: format!("{product} security advisory for {cve}"),
                    url: advisory_url,
                },
                Reference {
                    category: "external",
                    summary: format!("CVE record {cve}"),
                    url: cve_org_url(&cve),
                },
            ],
        },
        product_tree: ProductTree {
            branches: vec![Branch {
                category: "vendor",
                name: settings.vendor.clone().unwrap_or_default(),
                branches: Some(vec![Branch {
                    category: "product_name",
                    name: product.clone(),
                    branches: Some(leaves),
                    product: None,
                }]),
                product: None,
            }],
        },
        vulnerabilities: vec![Vulnerability {
            cwe: case.cwe.as_deref().and_then(|id| {
                cwe::name(id).map(|name| Cwe {
                    id: id.to_owned(),
                    name,
                })
            }),
            title: case.title.clone(),
            notes: vec![description],
            scores: case
                .cvss
                .iter()
                .filter(|s| s.version == CvssVersion::V3_1)
                .map(|s| Score {
                    cvss_v3: Cvss::from_score(s),
                    products: status.known_affected.clone(),
                })
                .collect(),
            product_status: status,
            remediations,
            acknowledgments: case
                .reporter
                .credit
                .iter()
                .map(|credit| Acknowledgment {
                    names: vec![credit.clone()],
                })
                .collect(),
            release_date: case
                .embargo_at
                .filter(|_| facts.public)
                .map(format::timestamp),
            cve,
        }],
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_namespace_is_the_advisory_sites_origin() {
        assert_eq!(
            origin("https://security.example.org/advisories/{cve}"),
            "https://security.example.org"
        );
        assert_eq!(origin("https://example.org"), "https://example.org");
    }
}
