//! Black-box tests of the `embargo` command line: every test runs the real binary
//! on a real encrypted vault in a temporary directory and pins exact values.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[allow(missing_debug_implementations)] // the shared helpers are not ours to change
#[path = "../support/mod.rs"]
mod support;

mod agenda;
mod agent;
mod contract;
mod demo;
mod exit_codes;
mod fields;
mod ids;
mod import;
mod intake;
mod mail_content;
mod not_arrived;
mod now_and_notes;
mod search;
mod status;
mod terminal;
mod triage;

use std::process::Output;

use serde_json::Value;
use support::{PASSPHRASE, TestVault};

/// `embargo` with the test environment but without `--vault`, so a test can put
/// the global options anywhere on the command line.
pub fn bare(vault: &TestVault) -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::cargo_bin("embargo").expect("embargo binary");
    cmd.env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", vault.root.path())
        .env("TMPDIR", vault.tmp())
        .env("EMBARGO_PASSPHRASE", PASSPHRASE);
    cmd
}

/// Stdout of a successful run, parsed as exactly one JSON document.
pub fn one_json(out: &Output, what: &str) -> Value {
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "{what} failed ({:?}):\n{stderr}",
        out.status.code()
    );
    let stdout = String::from_utf8(out.stdout.clone()).expect("utf-8 stdout");
    serde_json::from_str(&stdout)
        .unwrap_or_else(|e| panic!("{what}: not one JSON document ({e}):\n{stdout}"))
}

/// Run `args`, assert it fails with `code`, prints `error: …` first and does not
/// panic; return stderr.
pub fn refused(vault: &TestVault, args: &[&str], code: i32) -> String {
    let stderr = vault.fails(args, code);
    assert!(
        !stderr.contains("panicked"),
        "embargo {args:?} panicked:\n{stderr}"
    );
    stderr
}

/// `embargo --json --now NOW ARGS…`.
pub fn json_at(vault: &TestVault, now: &str, args: &[&str]) -> Value {
    let mut all = vec!["--now", now];
    all.extend_from_slice(args);
    vault.json(&all)
}

/// `case show ID --json`.
pub fn show(vault: &TestVault, id: &str) -> Value {
    vault.json(&["case", "show", id])
}

/// The ids of a JSON array of case summaries (or import outcomes), in order.
pub fn ids(rows: &Value) -> Vec<String> {
    rows.as_array()
        .expect("a JSON array")
        .iter()
        .map(|row| {
            row.get("id")
                .or_else(|| row.get("case_id"))
                .and_then(Value::as_str)
                .expect("id")
                .to_owned()
        })
        .collect()
}

/// The `summary` of every timeline entry of a case view.
pub fn summaries(case: &Value) -> Vec<String> {
    case["timeline"]
        .as_array()
        .expect("timeline")
        .iter()
        .map(|entry| entry["summary"].as_str().expect("summary").to_owned())
        .collect()
}

/// Length of a JSON array field.
pub fn len(value: &Value) -> usize {
    value
        .as_array()
        .map_or_else(|| panic!("not an array: {value}"), Vec::len)
}
