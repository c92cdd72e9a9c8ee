use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::{CvssScore, CvssVersion, DomainError};

/// A scalar field of a case with its new value. `None` clears an optional field.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "name", content = "value", rename_all = "snake_case")]
pub enum CaseField {
    /// Short title.
    Title(String),
    /// Reporter's display name.
    ReporterName(Option<String>),
    /// Reporter's e-mail address.
    ReporterEmail(Option<String>),
    /// Credit line, as the reporter asked.
    ReporterCredit(Option<String>),
    /// When the report arrived.
    Received(DateTime<Utc>),
    /// How it arrived.
    Channel(String),
    /// Primary handler.
    Handler(Option<String>),
    /// Affected product.
    Product(Option<String>),
    /// CVE id.
    CveId(Option<String>),
    /// CWE id.
    Cwe(Option<String>),
    /// Embargo instant.
    EmbargoAt(Option<DateTime<Utc>>),
    /// A CVSS vector (replaces the one of the same version).
    Cvss(CvssScore),
    /// Remove the vector of one CVSS version.
    CvssCleared(CvssVersion),
}

/// The field names, in [`FieldName`] order, with what each takes.
pub const FIELD_NAMES: &[(&str, &str)] = &[
    ("title", "text"),
    ("reporter-name", "text, or empty to clear"),
    ("reporter-email", "an e-mail address, or empty to clear"),
    ("credit", "credit line, or empty to clear"),
    ("received", "RFC 3339 instant"),
    ("channel", "text"),
    ("handler", "name, or empty to clear"),
    ("product", "text, or empty to clear"),
    ("cve", "CVE-YYYY-NNNN, or empty to clear"),
    ("cwe", "CWE-N, or empty to clear"),
    ("embargo", "RFC 3339 instant, or empty to clear"),
    ("cvss", "a CVSS 3.1 or 4.0 vector"),
    ("cvss-clear", "3.1 or 4.0"),
];

/// Which field of a case to set: the name a front end sends with the value's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "kebab-case")]
pub enum FieldName {
    /// Short title.
    Title,
    /// Reporter's display name.
    ReporterName,
    /// Reporter's e-mail address.
    ReporterEmail,
    /// Credit line.
    Credit,
    /// When the report arrived.
    Received,
    /// How it arrived.
    Channel,
    /// Primary handler.
    Handler,
    /// Affected product.
    Product,
    /// CVE id.
    Cve,
    /// CWE id.
    Cwe,
    /// Embargo instant.
    Embargo,
    /// A CVSS vector.
    Cvss,
    /// Remove the vector of one CVSS version.
    CvssClear,
}

impl FieldName {
    /// Every field, in the order [`FIELD_NAMES`] lists them.
    pub const ALL: [FieldName; 13] = [
        FieldName::Title,
        FieldName::ReporterName,
        FieldName::ReporterEmail,
        FieldName::Credit,
        FieldName::Received,
        FieldName::Channel,
        FieldName::Handler,
        FieldName::Product,
        FieldName::Cve,
        FieldName::Cwe,
        FieldName::Embargo,
        FieldName::Cvss,
        FieldName::CvssClear,
    ];

    /// The stable name (`reporter-email`, `cve`, …).
    pub fn as_str(self) -> &'static str {
        FIELD_NAMES[self as usize].0
    }
}

impl std::fmt::Display for FieldName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for FieldName {
    type Err = DomainError;

    fn from_str(name: &str) -> Result<Self, DomainError> {
        FieldName::ALL
            .into_iter()
            .find(|field| field.as_str() == name)
            .ok_or_else(|| {
                let names: Vec<&str> = FIELD_NAMES.iter().map(|(n, _)| *n).collect();
                DomainError::UnknownField(name.to_owned(), names.join(", "))
            })
    }
}

impl CaseField {
    /// Validate the text a person typed for `name` into a field.
    pub fn parse(name: FieldName, value: &str) -> Result<Self, DomainError> {
        let value = value.trim();
        let optional = || (!value.is_empty()).then(|| value.to_owned());
        Ok(match name {
            FieldName::Title => CaseField::Title(required("title", value)?),
            FieldName::ReporterName => CaseField::ReporterName(optional()),
            FieldName::ReporterEmail => CaseField::ReporterEmail(match optional() {
                Some(email) => Some(validate_email(&email)?),
                None => None,
            }),
            FieldName::Credit => CaseField::ReporterCredit(optional()),
            FieldName::Received => CaseField::Received(instant("received", value)?),
            FieldName::Channel => CaseField::Channel(required("channel", value)?),
            FieldName::Handler => CaseField::Handler(optional()),
            FieldName::Product => CaseField::Product(optional()),
            FieldName::Cve => CaseField::CveId(optional().map(|v| validate_cve(&v)).transpose()?),
            FieldName::Cwe => CaseField::Cwe(optional().map(|v| validate_cwe(&v)).transpose()?),
            FieldName::Embargo => CaseField::EmbargoAt(match optional() {
                Some(v) => Some(instant("embargo", &v)?),
                None => None,
            }),
            FieldName::Cvss => CaseField::Cvss(CvssScore::parse(value)?),
            FieldName::CvssClear => CaseField::CvssCleared(match value {
                "3.1" => CvssVersion::V3_1,
                "4.0" => CvssVersion::V4_0,
                _ => return Err(invalid("cvss-clear", "expected 3.1 or 4.0")),
            }),
        })
    }

    /// One line for the timeline. Never includes free text that could be long.
    pub fn describe(&self) -> String {
        let set_or_cleared = |what: &str, set: bool| {
            if set {
                format!("{what} set")
            } else {
                format!("{what} cleared")
            }
        };
        match self {
            CaseField::Title(_) => "title changed".to_owned(),
            CaseField::ReporterName(v) => set_or_cleared("reporter name", v.is_some()),
            CaseField::ReporterEmail(v) => set_or_cleared("reporter e-mail", v.is_some()),
            CaseField::ReporterCredit(v) => set_or_cleared("credit line", v.is_some()),
            CaseField::Received(at) => format!("received at set to {}", at.to_rfc3339()),
            CaseField::Channel(c) => format!("channel set to {c}"),
            CaseField::Handler(Some(h)) => format!("handler set to {h}"),
            CaseField::Handler(None) => "handler cleared".to_owned(),
            CaseField::Product(v) => set_or_cleared("product", v.is_some()),
            CaseField::CveId(Some(cve)) => format!("CVE id set to {cve}"),
            CaseField::CveId(None) => "CVE id cleared".to_owned(),
            CaseField::Cwe(Some(cwe)) => format!("CWE set to {cwe}"),
            CaseField::Cwe(None) => "CWE cleared".to_owned(),
            CaseField::EmbargoAt(Some(at)) => format!("embargo set to {}", at.to_rfc3339()),
            CaseField::EmbargoAt(None) => "embargo cleared".to_owned(),
            CaseField::Cvss(score) => format!(
                "CVSS {} set: {} ({} {})",
                score.version.as_str(),
                score.vector,
                score.base_score,
                score.severity
            ),
            CaseField::CvssCleared(v) => format!("CVSS {} cleared", v.as_str()),
        }
    }
}

fn invalid(field: &'static str, reason: impl Into<String>) -> DomainError {
    DomainError::InvalidValue {
        field,
        reason: reason.into(),
    }
}

fn required(field: &'static str, value: &str) -> Result<String, DomainError> {
    if value.is_empty() {
        Err(invalid(field, "must not be empty"))
    } else {
        Ok(value.to_owned())
    }
}

fn instant(field: &'static str, value: &str) -> Result<DateTime<Utc>, DomainError> {
    DateTime::parse_from_rfc3339(value)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| {
            invalid(
                field,
                format!("{value:?} is not an RFC 3339 instant ({e}), e.g. 2026-11-24T09:00:00Z"),
            )
        })
}

/// Accepts `local@domain.tld` without spaces or angle brackets.
pub fn validate_email(value: &str) -> Result<String, DomainError> {
    let bad = || {
        invalid(
            "reporter-email",
            format!("{value:?} is not an e-mail address"),
        )
    };
    let (local, domain) = value.rsplit_once('@').ok_or_else(bad)?;
    let clean = |s: &str| {
        !s.is_empty()
            && !s
                .chars()
                .any(|c| c.is_whitespace() || "<>,;\"()".contains(c))
    };
    if !clean(local)
        || !clean(domain)
        || !domain.contains('.')
        || domain.starts_with('.')
        || domain.ends_with('.')
    {
        return Err(bad());
    }
    Ok(value.to_owned())
}

fn validate_cve(value: &str) -> Result<String, DomainError> {
    let upper = value.to_ascii_uppercase();
    let ok = upper
        .strip_prefix("CVE-")
        .and_then(|rest| rest.split_once('-'))
        .is_some_and(|(year, seq)| {
            year.len() == 4
                && seq.len() >= 4
                && year.chars().all(|c| c.is_ascii_digit())
                && seq.chars().all(|c| c.is_ascii_digit())
        });
    if ok {
        Ok(upper)
    } else {
        Err(invalid(
            "cve",
            format!("{value:?} is not a CVE id like CVE-2026-12345"),
        ))
    }
}

fn validate_cwe(value: &str) -> Result<String, DomainError> {
    let digits = value.to_ascii_uppercase();
    let digits = digits.strip_prefix("CWE-").unwrap_or(&digits);
    if !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit()) {
        Ok(format!("CWE-{digits}"))
    } else {
        Err(invalid(
            "cwe",
            format!("{value:?} is not a CWE id like CWE-22"),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_validated_and_normalised() {
        assert_eq!(
            CaseField::parse(FieldName::Cve, "cve-2026-1234"),
            Ok(CaseField::CveId(Some("CVE-2026-1234".into())))
        );
        assert_eq!(
            CaseField::parse(FieldName::Cwe, "22"),
            Ok(CaseField::Cwe(Some("CWE-22".into())))
        );
        assert_eq!(
            CaseField::parse(FieldName::Handler, ""),
            Ok(CaseField::Handler(None))
        );
        assert!(CaseField::parse(FieldName::Cve, "CVE-26-1").is_err());
        assert!(CaseField::parse(FieldName::Embargo, "next tuesday").is_err());
        assert!(CaseField::parse(FieldName::Title, " ").is_err());
    }

    #[test]
    fn malformed_email_is_refused_with_the_value_in_the_message() {
        for bad in [
            "alice",
            "alice@",
            "@example.org",
            "alice@example",
            "a b@example.org",
            "<a@example.org>",
        ] {
            let err = CaseField::parse(FieldName::ReporterEmail, bad).expect_err(bad);
            assert!(
                err.to_string().contains("is not an e-mail address"),
                "{err}"
            );
        }
        assert!(CaseField::parse(FieldName::ReporterEmail, "alice@example.org").is_ok());
    }

    #[test]
    fn every_field_name_reads_back_as_itself() {
        for field in FieldName::ALL {
            assert_eq!(field.as_str().parse::<FieldName>(), Ok(field));
            let wire = serde_json::to_string(&field).expect("serialize");
            assert_eq!(
                wire,
                format!("{:?}", field.as_str()),
                "wire name = CLI name"
            );
        }
    }

    #[test]
    fn unknown_field_lists_the_known_ones() {
        let err = "colour".parse::<FieldName>().expect_err("unknown");
        assert!(err.to_string().contains("title, reporter-name"), "{err}");
    }
}
