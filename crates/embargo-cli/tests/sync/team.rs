//! Helpers: people with their own vaults, one shared folder.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

use serde_json::Value;

use crate::support::TestVault;

pub fn person(name: &str) -> TestVault {
    let vault = TestVault::empty();
    let email = format!("{}@psirt.example", name.to_lowercase());
    vault.ok(&["init", "--name", name, "--email", &email]);
    vault
}

pub fn identity(vault: &TestVault) -> Value {
    vault.json(&["identity", "show"])
}

/// `names[0]` creates the team in `folder` and adds the others, who join.
pub fn team(folder: &Path, names: &[&str]) -> Vec<TestVault> {
    let people: Vec<TestVault> = names.iter().map(|n| person(n)).collect();
    let dir = folder.to_str().unwrap();
    people[0].ok(&["team", "create", "--folder", dir, "--name", "PSIRT"]);
    let pinned = identity(&people[0])["fingerprint"]
        .as_str()
        .unwrap()
        .to_owned();
    for member in &people[1..] {
        let bundle = identity(member)["bundle"].as_str().unwrap().to_owned();
        people[0].ok(&["team", "add", &bundle]);
        member.ok(&["team", "join", "--folder", dir, "--fingerprint", &pinned]);
    }
    people
}

pub fn sync(vault: &TestVault) -> Value {
    vault.json(&["sync"])
}

pub fn show(vault: &TestVault, id: &str) -> Value {
    vault.json(&["case", "show", id])
}

/// Every segment file under `folder/v2/devices`, sorted.
pub fn segments(folder: &Path) -> Vec<std::path::PathBuf> {
    let mut files: Vec<_> = crate::support::files_under(&folder.join("v2/devices"))
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "seg"))
        .collect();
    files.sort();
    files
}
