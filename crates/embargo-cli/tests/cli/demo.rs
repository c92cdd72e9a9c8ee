//! `embargo demo`: a realistic vault at every stage of the policy.

use std::collections::BTreeSet;

use serde_json::{Value, json};

use crate::support::TestVault;
use crate::{len, refused, show};

const NOW: &str = "2026-12-01T12:00:00Z";

/// A demo vault built at `NOW` (the helper sets `$EMBARGO_PASSPHRASE`).
fn demo_vault() -> TestVault {
    let vault = TestVault::empty();
    let report = vault.json(&["--now", NOW, "demo"]);
    assert_eq!(report["vault"], vault.dir().display().to_string());
    assert_eq!(report["passphrase_from_environment"], true);
    assert!(report["cases"].as_u64().unwrap() >= 12, "{report}");
    vault
}

fn statuses(list: &Value) -> BTreeSet<String> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|row| row["status"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn demo_has_a_dozen_cases_covering_every_status_of_the_policy() {
    let vault = demo_vault();
    let list = vault.json(&["case", "list"]);
    assert!(len(&list) >= 12, "{list}");
    let present = statuses(&list);
    let wanted = [
        "received",
        "acknowledged",
        "triaging",
        "confirmed",
        "fixing",
        "fix-ready",
        "cve-requested",
        "scheduled",
        "announced",
        "published",
        "closed",
        "not-a-vulnerability",
        "duplicate",
    ];
    let missing: Vec<&str> = wanted
        .into_iter()
        .filter(|s| !present.contains(*s))
        .collect();
    assert!(
        missing.is_empty(),
        "the demo has no case in {missing:?}; it has {present:?}"
    );
}

#[test]
fn demo_finished_cases_are_complete_and_the_vault_checks_clean() {
    let vault = demo_vault();
    let list = vault.json(&["case", "list"]);
    let finished: Vec<String> = list
        .as_array()
        .unwrap()
        .iter()
        .filter(|row| {
            ["scheduled", "announced", "published"].contains(&row["status"].as_str().unwrap())
        })
        .map(|row| row["id"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(finished.len(), 3, "{list}");
    for id in &finished {
        let case = show(&vault, id);
        let cve = case["cve_id"]
            .as_str()
            .unwrap_or_else(|| panic!("{id} has no CVE id"));
        assert!(cve.starts_with("CVE-2026-"), "{id}: {cve}");
        assert!(
            case["cwe"]
                .as_str()
                .is_some_and(|cwe| cwe.starts_with("CWE-")),
            "{id}: {}",
            case["cwe"]
        );
        assert!(!case["embargo_at"].is_null(), "{id} has no embargo date");
        assert_eq!(len(&case["cvss"]), 1, "{id}");
        let lines = case["release_lines"].as_array().unwrap();
        assert!(!lines.is_empty(), "{id} has no release lines");
        for line in lines.iter().filter(|l| l["affected"] == "affected") {
            assert!(line["fixed_version"].is_string(), "{id}: {line}");
        }
    }

    let published = show(&vault, "EMB-2026-0001");
    assert_eq!(published["title"], "Symlink race in temp-dir cleanup");
    assert_eq!(published["status"], "published");
    assert_eq!(published["cve_id"], "CVE-2026-41007");
    assert_eq!(published["cwe"], "CWE-367");
    assert_eq!(
        published["cvss"],
        json!([{"version": "3.1", "vector": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N", "base_score": 7.5, "severity": "high"}])
    );
    assert_eq!(
        published["release_lines"][0],
        json!({"line": "22.x", "affected": "affected", "fixed_version": "22.4.1", "fix_state": "released"})
    );
    assert_eq!(
        published["reporter"]["credit"],
        "Mei Lin of Northwind Research"
    );

    let check = vault.json(&["check"]);
    assert_eq!(check["problems"], json!([]));
    assert_eq!(check["cases"], list.as_array().unwrap().len());
    let stderr = refused(&vault, &["demo"], 1);
    assert!(stderr.contains("already exists"), "{stderr}");
    assert!(
        vault
            .ok(&["check"])
            .starts_with(&format!("ok: {} cases", len(&list)))
    );
}
