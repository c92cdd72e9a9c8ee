use serde_json::Value;

use crate::schemas::{Schema, assert_valid, assert_valid_csaf};
use crate::support::TestVault;

fn demo() -> TestVault {
    let vault = TestVault::empty();
    vault.ok(&["demo"]);
    vault
}

#[test]
fn every_finished_demo_case_exports_schema_valid_cve_osv_and_csaf_files() {
    let vault = demo();
    let mut finished = 0;
    let mut csaf = Vec::new();
    for row in vault.json(&["case", "list"]).as_array().unwrap() {
        let status = row["status"].as_str().unwrap();
        if !matches!(status, "scheduled" | "announced" | "published") {
            continue;
        }
        finished += 1;
        let id = row["id"].as_str().unwrap();
        for (format, schema) in [
            (
                "cve",
                Some(if status == "scheduled" {
                    Schema::CveCnaContainer
                } else {
                    Schema::CveRecord
                }),
            ),
            ("osv", Some(Schema::Osv)),
            ("csaf", None),
        ] {
            let file = vault.root.path().join(format!("{id}.{format}.json"));
            vault.ok(&["export", format, id, "-o", file.to_str().unwrap()]);
            let value: Value = serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
            let what = format!("{id} {format}");
            match schema {
                Some(schema) => assert_valid(schema, &value, &what),
                None => csaf.push((value, what)),
            }
        }
        let markdown = vault.ok(&["advisory", id]);
        assert!(markdown.starts_with("# Harbor HTTP server: "), "{markdown}");
    }
    assert_valid_csaf(&csaf);
    assert_eq!(finished, 3);
}

#[test]
fn an_export_to_standard_output_is_the_document_itself() {
    let vault = demo();
    let published = vault.json(&["case", "list", "--status", "published"]);
    let id = published[0]["id"].as_str().unwrap();
    let out = vault.ok(&["export", "osv", id]);
    let osv: Value = serde_json::from_str(&out).expect("stdout is the OSV JSON");
    assert_eq!(osv["id"], "CVE-2026-41007");
    let wrapped = vault.json(&["export", "cve", id]);
    assert_eq!(wrapped["kind"], "cve");
    assert!(
        wrapped["notice"]
            .as_str()
            .unwrap()
            .contains("full CVE record")
    );
}

#[test]
fn export_settings_are_shown_set_and_validated() {
    let vault = TestVault::new();
    let shown = vault.ok(&["export-settings", "show"]);
    assert!(shown.contains("product         (not set"), "{shown}");
    let set = vault.json(&["export-settings", "set", "product", "quickserve"]);
    assert_eq!(set["product"], "quickserve");
    let err = vault.fails(&["export-settings", "set", "cna-org-id", "nope"], 1);
    assert!(err.contains("is not a UUID"), "{err}");
    let err = vault.fails(&["export-settings", "set", "colour", "red"], 1);
    assert!(err.contains("org, cna-org-id"), "{err}");
    assert_eq!(
        vault.json(&["export-settings", "show"])["product"],
        "quickserve"
    );
}
