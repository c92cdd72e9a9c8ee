//! Validating exports against the official schemas in `../shared/schemas/`
//! (beside the repository), offline: the CSAF schema's `$ref`s to FIRST's CVSS
//! schemas are answered from the local copies, and nothing is ever fetched.
#![allow(dead_code, clippy::expect_used)]

use std::path::{Path, PathBuf};

use jsonschema::{Retrieve, Uri, Validator};
use serde_json::Value;

/// `shared/schemas/` beside the repository root.
pub fn schema_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/schemas")
}

fn read(relative: &str) -> Value {
    let path = schema_dir().join(relative);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("reading the official schema {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Answers the FIRST CVSS schema URLs from `csaf/`; refuses every other URL.
struct LocalFirstSchemas;

impl Retrieve for LocalFirstSchemas {
    fn retrieve(
        &self,
        uri: &Uri<String>,
    ) -> Result<Value, Box<dyn std::error::Error + Send + Sync>> {
        let local = match uri.as_str() {
            "https://www.first.org/cvss/cvss-v2.0.json" => "csaf/cvss-v2.0.json",
            "https://www.first.org/cvss/cvss-v3.0.json" => "csaf/cvss-v3.0.json",
            "https://www.first.org/cvss/cvss-v3.1.json" => "csaf/cvss-v3.1.json",
            other => return Err(format!("refusing to fetch {other}: schemas are offline").into()),
        };
        Ok(read(local))
    }
}

fn validator(relative: &str) -> Validator {
    jsonschema::options()
        .should_validate_formats(true)
        .with_retriever(LocalFirstSchemas)
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
    /// CSAF 2.0.
    Csaf,
}

/// Every validation error, as "path: message" lines; empty when valid.
pub fn errors(schema: Schema, instance: &Value) -> Vec<String> {
    let file = match schema {
        Schema::CveRecord => "cve/CVE_JSON_bundled_5.1.1.json",
        Schema::CveCnaContainer => "cve/CVE_JSON_cnaPublishedContainer_5.1.1.json",
        Schema::Osv => "osv/schema.json",
        Schema::Csaf => "csaf/csaf_json_schema.json",
    };
    validator(file)
        .iter_errors(instance)
        .map(|e| format!("{}: {e}", e.instance_path()))
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
