//! `case set`: CVSS scoring, validation and normalisation.

use serde_json::json;

use crate::support::TestVault;
use crate::{len, refused, show, summaries};

#[test]
fn cvss_3_1_and_4_0_vectors_are_scored_one_per_version() {
    let vault = TestVault::new();
    let id = vault.new_case("Heap overflow", "2026-11-10T06:30:00Z");
    let v31 = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H";
    let v40 = "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N";
    let critical31 =
        json!({"version": "3.1", "vector": v31, "base_score": 9.8, "severity": "critical"});
    let case = vault.json(&["case", "set", &id, "cvss", v31]);
    assert_eq!(case["cvss"], json!([critical31]));
    assert_eq!(
        summaries(&case).last().unwrap(),
        &format!("CVSS 3.1 set: {v31} (9.8 critical)")
    );

    let case = vault.json(&["case", "set", &id, "cvss", v40]);
    let critical40 =
        json!({"version": "4.0", "vector": v40, "base_score": 9.3, "severity": "critical"});
    assert_eq!(case["cvss"], json!([critical31, critical40]));

    // A new 3.1 vector replaces the old one.
    let medium = "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N";
    let case = vault.json(&["case", "set", &id, "cvss", medium]);
    let medium31 =
        json!({"version": "3.1", "vector": medium, "base_score": 6.1, "severity": "medium"});
    assert_eq!(case["cvss"], json!([medium31, critical40]));

    let case = vault.json(&["case", "set", &id, "cvss-clear", "4.0"]);
    assert_eq!(case["cvss"], json!([medium31]));
    assert_eq!(summaries(&case).last().unwrap(), "CVSS 4.0 cleared");
}

fn invalid(field: &str, reason: &str) -> String {
    format!("invalid value for {field}: {reason}")
}

#[test]
fn invalid_field_values_exit_1_and_change_nothing() {
    let vault = TestVault::new();
    let id = vault.new_case("Open redirect", "2026-11-08T10:00:00Z");
    let before = show(&vault, &id);
    let cvss = "CVSS:3.1/AV:X";
    let refusals = [
        ("cvss", cvss, format!("invalid CVSS vector \"{cvss}\": ")),
        (
            "colour",
            "red",
            "unknown field \"colour\"; fields are: title, reporter-name,".into(),
        ),
        (
            "reporter-email",
            "alice at example.org",
            invalid(
                "reporter-email",
                "\"alice at example.org\" is not an e-mail address",
            ),
        ),
        (
            "reporter-email",
            "alice@example",
            invalid(
                "reporter-email",
                "\"alice@example\" is not an e-mail address",
            ),
        ),
        (
            "cve",
            "CVE-26-1",
            invalid("cve", "\"CVE-26-1\" is not a CVE id like CVE-2026-12345"),
        ),
        (
            "cwe",
            "XSS",
            invalid("cwe", "\"XSS\" is not a CWE id like CWE-22"),
        ),
        (
            "embargo",
            "2026-12-01T09:00:00",
            invalid(
                "embargo",
                "\"2026-12-01T09:00:00\" is not an RFC 3339 instant",
            ),
        ),
        (
            "received",
            "2026-11-31T00:00:00Z",
            invalid(
                "received",
                "\"2026-11-31T00:00:00Z\" is not an RFC 3339 instant",
            ),
        ),
        ("title", "   ", invalid("title", "must not be empty")),
    ];
    for (field, value, expected) in refusals {
        let stderr = refused(&vault, &["case", "set", &id, field, value], 1);
        let expected = format!("error: {expected}");
        assert!(
            stderr.starts_with(&expected),
            "case set {field} {value:?}:\n{stderr}"
        );
    }
    let after = show(&vault, &id);
    assert_eq!(len(&after["timeline"]), 1);
    assert_eq!(after, before, "refused `case set`s must change nothing");
}

#[test]
fn valid_field_values_are_normalised_and_recorded() {
    let vault = TestVault::new();
    let id = vault.new_case("Open redirect", "2026-11-08T10:00:00Z");
    vault.ok(&["case", "set", &id, "cve", "cve-2026-1234"]);
    vault.ok(&["case", "set", &id, "cwe", "601"]);
    vault.ok(&["case", "set", &id, "credit", "Élodie Martin (exemple.fr)"]);
    vault.ok(&[
        "case",
        "set",
        &id,
        "reporter-email",
        "elodie.martin@exemple.fr",
    ]);
    vault.ok(&["case", "set", &id, "handler", "Ravi Okafor"]);
    vault.ok(&["case", "set", &id, "handler", ""]);
    vault.ok(&["case", "set", &id, "received", "2026-11-07T23:30:00-01:00"]);
    let case = vault.json(&[
        "case",
        "set",
        &id,
        "title",
        "Open redirect in webauth login",
    ]);

    assert_eq!(case["cve_id"], "CVE-2026-1234");
    assert_eq!(case["cwe"], "CWE-601");
    assert_eq!(
        case["reporter"],
        json!({"name": "Alice Nguyen", "email": "elodie.martin@exemple.fr", "credit": "Élodie Martin (exemple.fr)"})
    );
    assert_eq!(case["handler"], json!(null));
    assert_eq!(case["received_at"], "2026-11-08T00:30:00Z");
    assert_eq!(case["title"], "Open redirect in webauth login");
    assert_eq!(
        case["id"], "EMB-2026-0001",
        "the id does not change with the fields"
    );
    let summaries = summaries(&case);
    assert_eq!(
        summaries[1..],
        [
            "CVE id set to CVE-2026-1234",
            "CWE set to CWE-601",
            "credit line set",
            "reporter e-mail set",
            "handler set to Ravi Okafor",
            "handler cleared",
            "received at set to 2026-11-08T00:30:00+00:00",
            "title changed",
        ]
    );
}
