use embargo_drafts::{CveExport, ExportInput, advisory_markdown, csaf, cve, osv};
use serde_json::Value;

use crate::fixture::{self, Fixture};
use crate::schemas::{Schema, assert_valid, assert_valid_csaf};

fn input(f: &Fixture) -> ExportInput<'_> {
    ExportInput {
        case: &f.case,
        events: &f.events,
        settings: &f.settings,
    }
}

fn json<T: serde::Serialize>(value: &T) -> Value {
    serde_json::to_value(value).expect("serialises")
}

#[test]
fn a_published_case_exports_a_full_cve_record() {
    let f = fixture::published();
    let export = cve(&input(&f)).expect("ready");
    assert!(
        matches!(export, CveExport::Record(_)),
        "public: the full record"
    );
    let value = json(&export);
    assert_valid(Schema::CveRecord, &value, "the CVE record");
    insta::assert_json_snapshot!("cve-record-published", value);
}

#[test]
fn a_scheduled_case_exports_the_cna_container() {
    let f = fixture::scheduled();
    let export = cve(&input(&f)).expect("ready");
    assert!(
        matches!(export, CveExport::Container(_)),
        "not public yet: the container"
    );
    let value = json(&export);
    assert_valid(Schema::CveCnaContainer, &value, "the CNA container");
    insta::assert_json_snapshot!("cve-container-scheduled", value);
}

#[test]
fn osv_records_validate_and_list_one_range_per_affected_line() {
    for (name, f) in [
        ("published", fixture::published()),
        ("scheduled", fixture::scheduled()),
    ] {
        let value = json(&osv(&input(&f)).expect("ready"));
        assert_valid(Schema::Osv, &value, name);
        assert_eq!(
            value["affected"][0]["ranges"].as_array().map(Vec::len),
            Some(2),
            "{name}"
        );
        insta::assert_json_snapshot!(format!("osv-{name}"), value);
    }
}

#[test]
fn csaf_documents_pass_the_official_validator_schema_and_mandatory_tests() {
    let mut documents = Vec::new();
    for (name, f) in [
        ("published", fixture::published()),
        ("scheduled", fixture::scheduled()),
    ] {
        let value = json(&csaf(&input(&f)).expect("ready"));
        documents.push((value.clone(), name.to_owned()));
        assert!(
            value["vulnerabilities"][0]["scores"][0]["cvss_v3"].is_object(),
            "CVSS 3.1 score"
        );
        insta::assert_json_snapshot!(format!("csaf-{name}"), value);
    }
    assert_valid_csaf(&documents);
    let scheduled = json(&csaf(&input(&fixture::scheduled())).expect("ready"));
    assert_eq!(scheduled["document"]["tracking"]["status"], "draft");
    assert_eq!(
        scheduled["document"]["distribution"]["tlp"]["label"], "AMBER",
        "embargoed"
    );
}

#[test]
fn the_markdown_advisory_has_every_section() {
    let f = fixture::published();
    let markdown = advisory_markdown(&input(&f)).expect("ready");
    for section in [
        "## Summary",
        "## Affected and fixed versions",
        "## Severity",
        "## Credit",
        "## Timeline",
        "## References",
    ] {
        assert!(markdown.contains(section), "missing {section}:\n{markdown}");
    }
    assert!(
        markdown.contains("| 20.x | affected | 20.11.3 |"),
        "{markdown}"
    );
    assert!(
        markdown.contains("We thank Zoë Müller of Nordlicht Security"),
        "{markdown}"
    );
    insta::assert_snapshot!("advisory-published", markdown);
}

#[test]
fn the_schemas_reject_a_broken_record() {
    // The validation is real: a record missing required parts fails it.
    let f = fixture::published();
    let mut value = json(&osv(&input(&f)).expect("ready"));
    value.as_object_mut().expect("object").remove("modified");
    assert!(!crate::schemas::errors(Schema::Osv, &value).is_empty());
    let valid = json(&csaf(&input(&f)).expect("ready"));
    let mut bad_score = valid.clone();
    bad_score["vulnerabilities"][0]["scores"][0]["cvss_v3"]["baseSeverity"] = "SEVERE".into();
    // Schema-valid but against mandatory test 6.1.1: a product reference that no
    // product tree entry defines.
    let mut undefined_product = valid.clone();
    undefined_product["vulnerabilities"][0]["product_status"]["known_affected"][0] =
        "CSAFPID-NOWHERE".into();
    let errors = crate::schemas::csaf_errors(&[valid, bad_score, undefined_product]);
    assert!(errors[0].is_empty(), "{:?}", errors[0]);
    assert!(
        errors[1].iter().any(|e| e.contains("csaf_2_0_strict")),
        "the CVSS 3.1 schema applies: {:?}",
        errors[1]
    );
    assert!(
        errors[2].iter().any(|e| e.contains("mandatoryTest_6_1_1")),
        "the mandatory tests run: {:?}",
        errors[2]
    );
}
