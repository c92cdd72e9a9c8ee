use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::DomainError;

/// The CVSS versions a case can carry, one vector each.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub enum CvssVersion {
    /// CVSS 3.1
    #[serde(rename = "3.1")]
    V3_1,
    /// CVSS 4.0
    #[serde(rename = "4.0")]
    V4_0,
}

impl CvssVersion {
    /// "3.1" or "4.0".
    pub fn as_str(self) -> &'static str {
        match self {
            CvssVersion::V3_1 => "3.1",
            CvssVersion::V4_0 => "4.0",
        }
    }
}

/// A parsed CVSS vector with the base score and severity computed by the `cvss` crate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct CvssScore {
    /// Which CVSS version the vector is.
    pub version: CvssVersion,
    /// The vector in its canonical form.
    pub vector: String,
    /// Base score, 0.0–10.0.
    pub base_score: f64,
    /// none, low, medium, high or critical.
    pub severity: String,
}

impl CvssScore {
    /// Parse and score a CVSS 3.1 or 4.0 vector.
    pub fn parse(vector: &str) -> Result<Self, DomainError> {
        let vector = vector.trim();
        let invalid = |reason: String| DomainError::InvalidCvss {
            vector: vector.to_owned(),
            reason,
        };
        let parsed = cvss::Cvss::from_str(vector).map_err(|e| invalid(e.to_string()))?;
        let version = match parsed {
            cvss::Cvss::CvssV31(_) => CvssVersion::V3_1,
            cvss::Cvss::CvssV40(_) => CvssVersion::V4_0,
            _ => {
                return Err(invalid(
                    "only CVSS 3.1 and 4.0 vectors are supported".into(),
                ));
            }
        };
        Ok(Self {
            version,
            vector: parsed.to_string(),
            base_score: parsed.score(),
            severity: parsed.severity().to_string(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_match_the_published_reference_values() {
        // Reference scores from the FIRST calculators.
        let cases = [
            (
                "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
                9.8,
                "critical",
            ),
            (
                "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N",
                6.1,
                "medium",
            ),
            (
                "CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:N/A:N",
                5.5,
                "medium",
            ),
            (
                "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N",
                9.3,
                "critical",
            ),
        ];
        for (vector, score, severity) in cases {
            let parsed = CvssScore::parse(vector).expect(vector);
            assert_eq!(parsed.base_score, score, "{vector}");
            assert_eq!(parsed.severity, severity, "{vector}");
        }
    }

    #[test]
    fn an_invalid_vector_is_a_clear_error() {
        let err = CvssScore::parse("CVSS:3.1/AV:X").expect_err("must fail");
        assert!(
            err.to_string()
                .starts_with("invalid CVSS vector \"CVSS:3.1/AV:X\""),
            "{err}"
        );
        assert!(
            CvssScore::parse("AV:N/AC:L/Au:N/C:P/I:P/A:P").is_err(),
            "CVSS 2 is refused"
        );
    }
}
