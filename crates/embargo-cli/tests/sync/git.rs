//! A git remote as the transport: devices never write the same file, so pulls
//! merge without conflicts.
#![allow(clippy::unwrap_used)]

use std::path::Path;
use std::process::Command;

use crate::team::*;

fn git(dir: &Path, args: &[&str]) -> String {
    let out = Command::new("git")
        .args([
            "-c",
            "user.name=Test",
            "-c",
            "user.email=test@example.org",
            "-c",
            "init.defaultBranch=main",
            "-c",
            "pull.rebase=false",
        ])
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", dir)
        .output()
        .expect("git");
    assert!(
        out.status.success(),
        "git {args:?} failed:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn publish(dir: &Path, message: &str) {
    git(dir, &["add", "-A"]);
    git(dir, &["commit", "-q", "--allow-empty", "-m", message]);
    git(dir, &["pull", "-q", "--no-edit", "origin", "main"]);
    git(dir, &["push", "-q", "origin", "HEAD:main"]);
}

#[test]
fn segments_travel_through_a_bare_git_remote_without_merge_conflicts() {
    let root = tempfile::tempdir().unwrap();
    let remote = root.path().join("remote.git");
    std::fs::create_dir_all(&remote).unwrap();
    git(&remote, &["init", "-q", "--bare", "-b", "main"]);
    let a = root.path().join("a");
    let b = root.path().join("b");
    git(
        root.path(),
        &["clone", "-q", remote.to_str().unwrap(), a.to_str().unwrap()],
    );
    git(
        root.path(),
        &["clone", "-q", remote.to_str().unwrap(), b.to_str().unwrap()],
    );
    git(&a, &["commit", "-q", "--allow-empty", "-m", "start"]);
    git(&a, &["push", "-q", "origin", "HEAD:main"]);
    git(&b, &["pull", "-q", "origin", "main"]);

    let ann = person("Ann");
    let bob = person("Bob");
    ann.ok(&[
        "team",
        "create",
        "--folder",
        a.to_str().unwrap(),
        "--name",
        "PSIRT",
    ]);
    ann.ok(&["team", "add", identity(&bob)["bundle"].as_str().unwrap()]);
    publish(&a, "roster");
    git(&b, &["pull", "-q", "--no-edit", "origin", "main"]);
    let fp = identity(&ann)["fingerprint"].as_str().unwrap().to_owned();
    bob.ok(&[
        "team",
        "join",
        "--folder",
        b.to_str().unwrap(),
        "--fingerprint",
        &fp,
    ]);

    let id = ann.new_case("XSS in the admin panel", "2026-11-21T08:00:00Z");
    sync(&ann);
    publish(&a, "ann");
    git(&b, &["pull", "-q", "--no-edit", "origin", "main"]);
    sync(&bob);
    // Both work and commit before pulling: the merge touches disjoint files only.
    bob.ok(&["note", &id, "bob: confirmed"]);
    ann.ok(&["case", "set", &id, "cwe", "CWE-79"]);
    sync(&bob);
    sync(&ann);
    publish(&b, "bob");
    publish(&a, "ann 2");
    git(&b, &["pull", "-q", "--no-edit", "origin", "main"]);
    sync(&ann);
    sync(&bob);
    assert_eq!(show(&ann, &id), show(&bob, &id));
    assert_eq!(show(&bob, &id)["cwe"], "CWE-79");
    assert_eq!(show(&ann, &id)["notes"].as_array().unwrap().len(), 1);
    assert!(git(&a, &["status", "--porcelain"]).trim().is_empty());
}
