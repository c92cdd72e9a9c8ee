use embargo_api::drafts::ExportKind;
use embargo_api::{Session, build_demo};
use embargo_domain::FixedClock;
use std::sync::Arc;

use crate::schemas::{Schema, assert_valid, assert_valid_csaf};
use crate::{now, passphrase};

#[test]
fn every_finished_demo_case_exports_schema_valid_records_and_the_others_say_what_they_lack() {
    let dir = tempfile::tempdir().expect("tempdir");
    let vault = dir.path().join("demo");
    build_demo(&vault, &passphrase(), now()).expect("demo");
    let session =
        Session::open(&vault, &passphrase(), Arc::new(FixedClock::new(now()))).expect("open");

    let mut finished = 0;
    let mut csaf = Vec::new();
    for row in session.list(None).expect("list") {
        let is_finished = matches!(row.status.as_str(), "scheduled" | "announced" | "published");
        let case = session.show(&row.id).expect("show");
        if !is_finished || case.cve_id.is_none() {
            let err = session
                .export(&row.id, ExportKind::Cve)
                .expect_err("not finished");
            assert!(
                err.to_string()
                    .starts_with("the case is not ready for the CVE export:"),
                "{}: {err}",
                row.id
            );
            continue;
        }
        finished += 1;
        for kind in [ExportKind::Cve, ExportKind::Osv, ExportKind::Csaf] {
            let export = session
                .export(&row.id, kind)
                .unwrap_or_else(|e| panic!("{} {kind}: {e}", row.id));
            let value: serde_json::Value = serde_json::from_str(&export.text).expect("JSON");
            let what = format!("{} {kind}", row.id);
            match kind {
                ExportKind::Cve if row.status == "scheduled" => {
                    assert_valid(Schema::CveCnaContainer, &value, &what);
                }
                ExportKind::Cve => assert_valid(Schema::CveRecord, &value, &what),
                ExportKind::Osv => assert_valid(Schema::Osv, &value, &what),
                _ => csaf.push((value, what)),
            }
        }
        let advisory = session
            .export(&row.id, ExportKind::Advisory)
            .expect("advisory");
        assert!(
            advisory.text.contains("## Affected and fixed versions"),
            "{}",
            advisory.text
        );
    }
    assert_valid_csaf(&csaf);
    assert_eq!(
        finished, 3,
        "the demo has a scheduled, an announced and a published case"
    );
}
