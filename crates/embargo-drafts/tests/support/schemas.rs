//! Validating exports against the official schemas, offline, from the packages
//! that ship them (installed into `tests/schemas/` by `scripts/setup.sh`):
//! CVE JSON 5.1.1 from `cvelib`, OSV from `osv` (both PyPI, pinned by hash), and
//! CSAF 2.0 by BSI's official validator (`@secvisogram/csaf-validator-lib`, npm),
//! which runs the strict schema test and every mandatory test (section 6.1).
#![allow(dead_code, clippy::expect_used)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use jsonschema::Validator;
use serde_json::Value;

/// `tests/schemas/` of this repository.
pub fn schema_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/schemas")
}

fn read(relative: &str) -> Value {
    let path = schema_dir().join(relative);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "reading the official schema {}: {e} (scripts/setup.sh installs it)",
            path.display()
        )
    });
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn validator(relative: &str) -> Validator {
    jsonschema::options()
        .should_validate_formats(true)
        .build(&read(relative))
        .unwrap_or_else(|e| panic!("compiling {relative}: {e}"))
}

/// The schema an export must satisfy.
#[derive(Debug, Clone, Copy)]
pub enum Schema {
    /// A full CVE record (CVE JSON 5.1.1 bundled schema).
    CveRecord,
    /// A CNA container as submitted for a CVE id.
    CveCnaContainer,
    /// OSV.
    Osv,
    /// CSAF 2.0: the official validator's strict schema test and mandatory tests.
    Csaf,
}

/// Every validation error, as "path: message" lines; empty when valid.
pub fn errors(schema: Schema, instance: &Value) -> Vec<String> {
    let file = match schema {
        Schema::CveRecord => "python/cvelib/schemas/CVE_JSON_bundled_5.1.1.json",
        Schema::CveCnaContainer => {
            "python/cvelib/schemas/CVE_JSON_cnaPublishedContainer_5.1.1.json"
        }
        Schema::Osv => "python/osv/osv-schema/validation/schema.json",
        Schema::Csaf => return csaf_errors(std::slice::from_ref(instance)).remove(0),
    };
    validator(file)
        .iter_errors(instance)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect()
}

/// The official CSAF validator's errors for each document ("test path: message"
/// lines), in order. One run for all of them: loading the validator takes seconds.
pub fn csaf_errors(documents: &[Value]) -> Vec<Vec<String>> {
    let script = schema_dir().join("csaf-validate.mjs");
    let mut child = Command::new("node")
        .arg(&script)
        .current_dir(schema_dir())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("running node {}: {e}", script.display()));
    let input = serde_json::to_vec(documents).expect("json");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(&input)
        .expect("writing the documents to the CSAF validator");
    let output = child.wait_with_output().expect("the CSAF validator ran");
    assert!(
        output.status.success(),
        "the CSAF validator failed ({}; scripts/setup.sh installs it):\n{}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    let results: Vec<Value> = serde_json::from_slice(&output.stdout).expect("its JSON report");
    assert_eq!(results.len(), documents.len(), "one result per document");
    results
        .iter()
        .map(|result| {
            assert!(
                result["tests"].as_u64().unwrap_or(0) > 1,
                "the schema test and the mandatory tests ran: {result}"
            );
            result["errors"]
                .as_array()
                .expect("errors")
                .iter()
                .map(|e| format!("{} {}: {}", e["test"], e["path"], e["message"]))
                .collect()
        })
        .collect()
}

/// Panic with every error unless `instance` satisfies `schema`.
pub fn assert_valid(schema: Schema, instance: &Value, what: &str) {
    let errors = errors(schema, instance);
    assert!(
        errors.is_empty(),
        "{what} does not validate against {schema:?}:\n{}\n{}",
        errors.join("\n"),
        serde_json::to_string_pretty(instance).expect("json")
    );
}

/// Panic with every error unless each CSAF document passes the official
/// validator (one run for all of them).
pub fn assert_valid_csaf(documents: &[(Value, String)]) {
    let values: Vec<Value> = documents.iter().map(|(value, _)| value.clone()).collect();
    for ((value, what), errors) in documents.iter().zip(csaf_errors(&values)) {
        assert!(
            errors.is_empty(),
            "{what} fails the official CSAF validator:\n{}\n{}",
            errors.join("\n"),
            serde_json::to_string_pretty(value).expect("json")
        );
    }
}
