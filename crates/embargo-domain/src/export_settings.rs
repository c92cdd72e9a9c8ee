//! What the advisory exports need to know about the team rather than the case:
//! who publishes, which product and package, where advisories live. A team setting
//! (it travels as a team event, so teammates share it).

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::{Change, DomainError, Event, validate_email};

/// The team's export settings; every field is optional until someone sets it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ExportSettings {
    /// The publishing organisation (CNA / CSAF publisher name, advisory byline).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub org: Option<String>,
    /// The CNA's organisation UUID in the CVE Program (CVE records' `orgId`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cna_org_id: Option<String>,
    /// The CNA's short name in the CVE Program.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cna_short_name: Option<String>,
    /// The vendor as named in CVE and CSAF records.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vendor: Option<String>,
    /// The product, when a case does not name its own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub product: Option<String>,
    /// The OSV package ecosystem, e.g. `npm`, `PyPI`, `crates.io`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ecosystem: Option<String>,
    /// The package name in that ecosystem.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub package: Option<String>,
    /// Where advisories are published; `{cve}` and `{case}` are replaced.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub advisory_url: Option<String>,
    /// The security mailing list (pre-release notices and announcements go there).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mailing_list: Option<String>,
    /// Where CVE requests go (the CNA's address).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cve_request_to: Option<String>,
}

/// The keys `embargo export-settings set` accepts, with what each takes.
pub const EXPORT_SETTING_KEYS: &[(&str, &str)] = &[
    ("org", "the publishing organisation's name"),
    (
        "cna-org-id",
        "the CNA's organisation UUID in the CVE Program",
    ),
    ("cna-short-name", "the CNA's short name (2–32 characters)"),
    ("vendor", "the vendor as named in CVE and CSAF records"),
    ("product", "the product, when a case does not name its own"),
    ("ecosystem", "the OSV ecosystem, e.g. npm, PyPI, crates.io"),
    ("package", "the package name in that ecosystem"),
    (
        "advisory-url",
        "https URL of an advisory, with {cve} (and optionally {case})",
    ),
    ("mailing-list", "the security mailing list's address"),
    ("cve-request-to", "the address CVE requests go to"),
];

impl ExportSettings {
    /// Set `key` to `value` (empty clears it), validating the value.
    pub fn set(&mut self, key: &str, value: &str) -> Result<(), DomainError> {
        let value = value.trim();
        let new = (!value.is_empty()).then(|| value.to_owned());
        let invalid = |reason: String| DomainError::InvalidValue {
            field: "export setting",
            reason,
        };
        let slot = match key {
            "org" => &mut self.org,
            "cna-org-id" => {
                if let Some(id) = &new {
                    let parsed = Uuid::parse_str(id)
                        .map_err(|_| invalid(format!("cna-org-id {id:?} is not a UUID")))?;
                    if parsed.get_version_num() != 4 {
                        return Err(invalid(format!(
                            "cna-org-id {id:?} is not a version 4 UUID, as the CVE Program issues"
                        )));
                    }
                }
                &mut self.cna_org_id
            }
            "cna-short-name" => {
                if let Some(name) = &new
                    && !(2..=32).contains(&name.chars().count())
                {
                    return Err(invalid(format!(
                        "cna-short-name {name:?} must be 2 to 32 characters"
                    )));
                }
                &mut self.cna_short_name
            }
            "vendor" => &mut self.vendor,
            "product" => &mut self.product,
            "ecosystem" => &mut self.ecosystem,
            "package" => &mut self.package,
            "advisory-url" => {
                if let Some(url) = &new
                    && !(url.starts_with("https://") || url.starts_with("http://"))
                {
                    return Err(invalid(format!(
                        "advisory-url {url:?} must be an http(s) URL, e.g. https://example.org/security/{{cve}}"
                    )));
                }
                &mut self.advisory_url
            }
            "mailing-list" => {
                if let Some(address) = &new {
                    validate_email(address)?;
                }
                &mut self.mailing_list
            }
            "cve-request-to" => {
                if let Some(address) = &new {
                    validate_email(address)?;
                }
                &mut self.cve_request_to
            }
            other => {
                let keys: Vec<&str> = EXPORT_SETTING_KEYS.iter().map(|(k, _)| *k).collect();
                return Err(DomainError::UnknownField(other.to_owned(), keys.join(", ")));
            }
        };
        *slot = new;
        Ok(())
    }

    /// The advisory's URL for a case, when the pattern is set.
    pub fn advisory_url_for(&self, cve: Option<&str>, case: &str) -> Option<String> {
        let pattern = self.advisory_url.as_deref()?;
        if pattern.contains("{cve}") && cve.is_none() {
            return None;
        }
        Some(
            pattern
                .replace("{cve}", cve.unwrap_or_default())
                .replace("{case}", case),
        )
    }
}

/// The team's export settings, folded from the team stream (last save wins).
pub fn team_export_settings<'a>(events: impl IntoIterator<Item = &'a Event>) -> ExportSettings {
    let mut settings = ExportSettings::default();
    for event in events {
        if let Change::ExportSettingsSaved { settings: saved } = &event.change {
            settings = saved.clone();
        }
    }
    settings
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_validated_before_they_are_kept() {
        let mut settings = ExportSettings::default();
        settings.set("product", "Harbor").expect("product");
        assert_eq!(settings.product.as_deref(), Some("Harbor"));
        assert!(settings.set("cna-org-id", "not-a-uuid").is_err());
        assert!(
            settings
                .set("cna-org-id", "00000000-0000-1000-8000-000000000000")
                .is_err(),
            "v1 UUID"
        );
        settings
            .set("cna-org-id", "6f1d0c7e-3a52-4b8e-9f0d-2c4a1b3e5d70")
            .expect("v4");
        assert!(settings.set("advisory-url", "example.org/{cve}").is_err());
        assert!(settings.set("mailing-list", "not an address").is_err());
        let err = settings.set("colour", "red").expect_err("unknown key");
        assert!(err.to_string().contains("org, cna-org-id"), "{err}");
        settings.set("product", "").expect("clear");
        assert_eq!(settings.product, None);
    }

    #[test]
    fn the_advisory_url_needs_a_cve_when_its_pattern_uses_one() {
        let mut settings = ExportSettings::default();
        settings
            .set("advisory-url", "https://example.org/security/{cve}")
            .expect("url");
        assert_eq!(
            settings.advisory_url_for(Some("CVE-2026-1"), "EMB-2026-0001"),
            Some("https://example.org/security/CVE-2026-1".into())
        );
        assert_eq!(settings.advisory_url_for(None, "EMB-2026-0001"), None);
    }
}
