//! CVSS base scores and severities from the `cvss` crate, compared with the values
//! FIRST's official calculators give for the same vectors (CVSS 3.1:
//! first.org/cvss/calculator/3.1; CVSS 4.0: first.org/cvss/calculator/4.0).
//! Every version the app accepts is covered, across the severity bands.

use embargo_domain::{CvssScore, CvssVersion};

/// (vector, base score, severity) as the FIRST calculators show them.
const CVSS_3_1: &[(&str, f64, &str)] = &[
    (
        "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H",
        10.0,
        "critical",
    ),
    (
        "CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:H/I:H/A:H",
        9.9,
        "critical",
    ),
    (
        "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
        9.8,
        "critical",
    ),
    (
        "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:H/I:H/A:H",
        9.6,
        "critical",
    ),
    ("CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H", 7.8, "high"),
    ("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N", 7.5, "high"),
    ("CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:N", 7.4, "high"),
    ("CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:H", 7.2, "high"),
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
        "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:N/A:N",
        5.3,
        "medium",
    ),
    (
        "CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:N/A:N",
        4.9,
        "medium",
    ),
    ("CVSS:3.1/AV:N/AC:L/PR:L/UI:R/S:U/C:L/I:N/A:N", 3.5, "low"),
    ("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:N/I:N/A:N", 0.0, "none"),
];

const CVSS_4_0: &[(&str, f64, &str)] = &[
    (
        "CVSS:4.0/AV:N/AC:L/AT:P/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:N/SA:H",
        9.5,
        "critical",
    ),
    (
        "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N",
        9.3,
        "critical",
    ),
    (
        "CVSS:4.0/AV:N/AC:L/AT:N/PR:L/UI:A/VC:H/VI:H/VA:H/SC:H/SI:N/SA:H",
        9.3,
        "critical",
    ),
    (
        "CVSS:4.0/AV:N/AC:H/AT:N/PR:L/UI:P/VC:H/VI:H/VA:H/SC:H/SI:L/SA:H",
        8.8,
        "high",
    ),
    (
        "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:H/SC:N/SI:N/SA:N",
        8.7,
        "high",
    ),
    (
        "CVSS:4.0/AV:L/AC:L/AT:N/PR:L/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N",
        8.5,
        "high",
    ),
    (
        "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:L/VI:L/VA:N/SC:N/SI:L/SA:N",
        6.9,
        "medium",
    ),
    (
        "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:P/VC:L/VI:N/VA:N/SC:L/SI:N/SA:L",
        5.3,
        "medium",
    ),
    (
        "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:A/VC:L/VI:L/VA:N/SC:N/SI:N/SA:N",
        5.1,
        "medium",
    ),
    (
        "CVSS:4.0/AV:N/AC:H/AT:N/PR:H/UI:A/VC:N/VI:N/VA:N/SC:N/SI:H/SA:N",
        4.0,
        "medium",
    ),
    (
        "CVSS:4.0/AV:N/AC:L/AT:P/PR:N/UI:A/VC:N/VI:N/VA:N/SC:L/SI:N/SA:N",
        2.1,
        "low",
    ),
    (
        "CVSS:4.0/AV:N/AC:L/AT:P/PR:H/UI:A/VC:N/VI:L/VA:L/SC:L/SI:N/SA:N",
        1.8,
        "low",
    ),
    (
        "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N",
        0.0,
        "none",
    ),
];

fn check(version: CvssVersion, table: &[(&str, f64, &str)]) {
    let mut wrong = Vec::new();
    for &(vector, score, severity) in table {
        let parsed = CvssScore::parse(vector).unwrap_or_else(|e| panic!("{vector}: {e}"));
        assert_eq!(parsed.version, version, "{vector}");
        assert_eq!(
            parsed.vector, vector,
            "the vector is kept in canonical form"
        );
        if parsed.base_score != score || parsed.severity != severity {
            wrong.push(format!(
                "{vector}: got {} {}, FIRST says {score} {severity}",
                parsed.base_score, parsed.severity
            ));
        }
    }
    assert!(
        wrong.is_empty(),
        "scores differ from FIRST's:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn cvss_3_1_scores_match_the_first_calculator() {
    check(CvssVersion::V3_1, CVSS_3_1);
}

#[test]
fn cvss_4_0_scores_match_the_first_calculator() {
    check(CvssVersion::V4_0, CVSS_4_0);
}
