use embargo_drafts::{CveExport, ExportInput, advisory_markdown, csaf, cve, osv};
use serde_json::Value;

use crate::fixture::{self, Fixture};
use crate::schemas::{Schema, assert_valid};

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
fn csaf_documents_validate_with_the_cvss_schemas_resolved_locally() {
    for (name, f) in [
        ("published", fixture::published()),
        ("scheduled", fixture::scheduled()),
    ] {
        let value = json(&csaf(&input(&f)).expect("ready"));
        assert_valid(Schema::Csaf, &value, name);
        assert!(
            value["vulnerabilities"][0]["scores"][0]["cvss_v3"].is_object(),
            "CVSS 3.1 score"
        );
        insta::assert_json_snapshot!(format!("csaf-{name}"), value);
    }
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
    let mut value = json(&csaf(&input(&f)).expect("ready"));
    value["vulnerabilities"][0]["scores"][0]["cvss_v3"]["baseSeverity"] = "SEVERE".into();
    let errors = crate::schemas::errors(Schema::Csaf, &value);
    assert!(
        !errors.is_empty(),
        "the CVSS 3.1 schema (resolved locally) applies"
    );
}
