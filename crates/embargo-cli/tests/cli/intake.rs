//! `embargo intake`: the intake folder set, read once, listed; and the agent
//! watching it.

use std::path::Path;
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::support::{TestVault, corpus};

fn copy(name: &str, to: &Path) {
    std::fs::copy(corpus(name), to.join(name)).expect("copy into the intake folder");
}

#[test]
fn a_pass_imports_what_is_new_once_and_lists_what_it_could_not_import() {
    let vault = TestVault::new();
    assert_eq!(
        vault.json(&["intake", "status"]),
        json!({"folder": null, "problems": []})
    );
    let none = vault.fails(&["intake"], 1);
    assert!(none.contains("embargo intake set DIR"), "{none}");
    let folder = vault.root.path().join("Mail/security/new");
    std::fs::create_dir_all(&folder).expect("maildir");
    // A relative path is the caller's.
    let set = vault
        .cmd()
        .current_dir(vault.root.path())
        .args(["intake", "set", "Mail/security/new"])
        .output()
        .expect("run");
    assert!(
        set.status.success(),
        "{}",
        String::from_utf8_lossy(&set.stderr)
    );
    let missing = vault.fails(&["intake", "set", "/no/such/folder"], 1);
    assert!(missing.contains("is not a folder"), "{missing}");

    copy("plain.eml", &folder);
    copy("thread-reply.eml", &folder);
    copy("binary.bin", &folder);
    let out = vault.run(&["--json", "intake"]);
    assert_eq!(out.status.code(), Some(1), "a file could not be imported");
    let report: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let file = |name: &str| folder.join(name).display().to_string();
    assert_eq!(
        report["imported"],
        json!([
            {"file": file("plain.eml"), "case_id": "EMB-2026-0001", "action": "created"},
            {"file": file("thread-reply.eml"), "case_id": "EMB-2026-0001", "action": "attached"},
        ])
    );
    assert_eq!(
        report["problems"],
        json!([{"file": file("binary.bin"), "reason": "the file is binary, not an e-mail (looked at again when the file changes)"}])
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("not imported: "), "{stderr}");
    assert!(
        !String::from_utf8_lossy(&out.stdout).contains("Path traversal"),
        "no title in the output"
    );

    let again = vault.ok(&["intake"]);
    assert_eq!(again.trim(), format!("nothing new in {}", folder.display()));
    let status = vault.ok(&["intake", "status"]);
    assert!(status.contains("1 file(s) not imported"), "{status}");
    assert!(
        status.contains("binary.bin: the file is binary"),
        "{status}"
    );
    assert!(folder.join("binary.bin").exists(), "left where it was");

    assert_eq!(
        vault.json(&["intake", "clear"]),
        json!({"folder": null, "problems": [{"file": file("binary.bin"), "reason": "the file is binary, not an e-mail (looked at again when the file changes)"}]})
    );
}

/// Locks the agent when the test ends, passed or not.
struct Agent<'a>(&'a TestVault);

impl Drop for Agent<'_> {
    fn drop(&mut self) {
        let _ = self.0.run(&["lock"]);
    }
}

#[test]
fn the_agent_imports_a_message_dropped_into_the_folder() {
    let vault = TestVault::new();
    let folder = vault.root.path().join("intake");
    std::fs::create_dir_all(&folder).expect("folder");
    vault.ok(&["intake", "set", folder.to_str().expect("utf-8")]);
    let said = vault.ok(&["unlock", "--for", "10m"]);
    assert!(said.starts_with("unlocked until "), "{said}");
    let _agent = Agent(&vault);

    copy("plain.eml", &folder);
    // Waits for the agent's file event, not for a time: the case appears as soon
    // as the folder has settled.
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let out = vault
            .cmd()
            .env_remove("EMBARGO_PASSPHRASE")
            .args(["--json", "case", "list"])
            .output()
            .expect("run");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let list: Value = serde_json::from_slice(&out.stdout).expect("JSON");
        if list.as_array().is_some_and(|cases| !cases.is_empty()) {
            assert_eq!(list[0]["id"], "EMB-2026-0001", "{list}");
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the agent never imported the message"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    assert!(folder.join("plain.eml").exists(), "left where it was");
}
