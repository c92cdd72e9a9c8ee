//! `embargo unlock` starts a real agent; the commands after it run without a
//! passphrase, through the agent, on the same vault: list, show, import from
//! standard input, `--now`, relative paths from the caller's directory.
//! `embargo lock` stops it, and the CLI works on its own again.

use std::path::Path;
use std::process::Output;

use serde_json::Value;

use crate::support::TestVault;

/// Locks the agent when the test ends, passed or not (no agent outlives a test).
struct Agent<'a>(&'a TestVault);

impl<'a> Agent<'a> {
    fn start(vault: &'a TestVault) -> Self {
        let said = vault.ok(&["unlock", "--for", "10m"]);
        assert!(said.starts_with("unlocked until "), "{said}");
        Self(vault)
    }
}

impl Drop for Agent<'_> {
    fn drop(&mut self) {
        let _ = self.0.run(&["lock"]);
    }
}

/// `embargo ARGS` without any passphrase: only an agent can answer it.
fn served(vault: &TestVault, args: &[&str], stdin: &[u8]) -> Output {
    vault
        .cmd()
        .env_remove("EMBARGO_PASSPHRASE")
        .args(args)
        .write_stdin(stdin)
        .output()
        .expect("run embargo")
}

fn served_json(vault: &TestVault, args: &[&str], stdin: &[u8]) -> Value {
    let out = served(vault, &[&["--json"], args].concat(), stdin);
    assert!(
        out.status.success(),
        "embargo {args:?} through the agent failed ({:?}): {}",
        out.status.code(),
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("JSON")
}

const REPORT: &[u8] = b"From: Ravi Iyer <ravi@research.example>\r\n\
To: security@project.example\r\n\
Subject: Heap overflow in the tar reader\r\n\
Message-ID: <piped-1@research.example>\r\n\
Date: Mon, 30 Nov 2026 09:00:00 +0000\r\n\
\r\n\
A crafted archive overflows the header buffer.\r\n";

#[test]
fn commands_run_through_the_agent_without_a_passphrase() {
    let vault = TestVault::new();
    let first = vault.new_case("Path traversal in the uploader", "2026-11-24T09:00:00Z");
    let agent = Agent::start(&vault);

    let list = served_json(&vault, &["case", "list"], b"");
    assert_eq!(list[0]["id"], first.as_str(), "{list}");

    let imported = served_json(&vault, &["import", "-"], REPORT);
    assert_eq!(imported[0]["action"], "created");
    assert_eq!(imported[0]["file"], "stdin");
    let id = imported[0]["case_id"].as_str().expect("id").to_owned();

    let shown = served_json(&vault, &["case", "show", &id], b"");
    assert_eq!(shown["title"], "Heap overflow in the tar reader", "{shown}");

    // The agent keeps the case list between commands; a write in between shows.
    let listed = served_json(&vault, &["case", "list"], b"");
    let ids: Vec<&Value> = listed
        .as_array()
        .expect("list")
        .iter()
        .map(|row| &row["id"])
        .collect();
    assert!(ids.contains(&&Value::from(id.as_str())), "{listed}");

    // The same message piped again is recognised, not a second case.
    let again = served_json(&vault, &["import", "-"], REPORT);
    assert_eq!(again[0]["action"], "already-imported");

    // `--now` is the caller's, for this command only.
    let due = served_json(&vault, &["--now", "2026-11-26T09:00:00Z", "due"], b"");
    let overdue = due
        .as_array()
        .expect("list")
        .iter()
        .any(|entry| entry["case_id"] == first.as_str() && entry["rule"] == "ack");
    assert!(
        overdue,
        "the first case's ack is due by the caller's --now: {due}"
    );
    // ... and its deadline facts: logging the ack between two `due`s shows.
    let logged = served(
        &vault,
        &[
            "--now",
            "2026-11-26T09:00:00Z",
            "case",
            "log",
            &first,
            "ack",
        ],
        b"",
    );
    assert!(
        logged.status.success(),
        "{}",
        String::from_utf8_lossy(&logged.stderr)
    );
    let due = served_json(&vault, &["--now", "2026-11-26T09:00:00Z", "due"], b"");
    let still = due
        .as_array()
        .expect("list")
        .iter()
        .any(|entry| entry["case_id"] == first.as_str() && entry["rule"] == "ack");
    assert!(!still, "the logged ack is no longer due: {due}");

    // A relative path is read from the caller's directory, not the agent's (/).
    let mail_dir = vault.root.path().join("mail");
    std::fs::create_dir_all(&mail_dir).expect("dir");
    std::fs::write(mail_dir.join("r.eml"), REPORT).expect("eml");
    let out = vault
        .cmd()
        .env_remove("EMBARGO_PASSPHRASE")
        .current_dir(&mail_dir)
        .args(["--json", "import", "r.eml"])
        .output()
        .expect("run");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    // The agent holds the vault: opening it here too is refused, as before.
    let direct = vault.run(&["--direct", "case", "list"]);
    assert_eq!(direct.status.code(), Some(4), "vault in use");

    // An error of a served command comes back with its exit code and message.
    let missing = served(&vault, &["case", "show", "EMB-1999-0001"], b"");
    assert_eq!(missing.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&missing.stderr).starts_with("error: "));

    drop(agent);
    let alone = served(&vault, &["case", "list"], b"");
    assert!(
        !alone.status.success(),
        "after `embargo lock` the CLI needs the passphrase again"
    );
    assert_eq!(
        vault.ok(&["lock"]).trim(),
        "already locked: no Embargo app or agent holds this vault unlocked"
    );
}

#[test]
fn commands_that_need_this_terminal_refuse_to_be_served() {
    let vault = TestVault::new();
    let _agent = Agent::start(&vault);
    // The secret key never crosses the channel: this runs here, and the vault is held.
    let out = vault.run(&["identity", "export-secret"]);
    assert_eq!(out.status.code(), Some(4));
    assert!(out.stdout.is_empty(), "no key printed");
    // An editor cannot open in the agent.
    let out = served(&vault, &["template", "edit", "acknowledgment"], b"");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("cannot open your $EDITOR"), "{stderr}");
}

#[test]
fn a_wrong_passphrase_starts_no_agent() {
    let vault = TestVault::new();
    let out = vault
        .cmd()
        .env("EMBARGO_PASSPHRASE", "not the passphrase at all")
        .args(["unlock", "--for", "10m"])
        .output()
        .expect("run");
    assert_eq!(
        out.status.code(),
        Some(3),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        !socket_dir(&vault)
            .read_dir()
            .is_ok_and(|mut d| d.next().is_some()),
        "no socket left behind"
    );
}

fn socket_dir(vault: &TestVault) -> std::path::PathBuf {
    use std::os::unix::fs::MetadataExt as _;
    let uid = std::fs::metadata(vault.root.path()).expect("meta").uid();
    Path::new(&vault.tmp()).join(format!("embargo-{uid}"))
}

/// Regression (found by `drafts::editor`): a command with no app or agent around
/// created the socket directory in `$XDG_RUNTIME_DIR`; looking must create nothing.
#[test]
fn without_app_or_agent_the_cli_creates_nothing_in_the_runtime_dir() {
    let vault = TestVault::new();
    let runtime = vault.root.path().join("run");
    std::fs::create_dir(&runtime).expect("dir");
    let out = vault
        .cmd()
        .env("XDG_RUNTIME_DIR", &runtime)
        .args(["case", "list"])
        .output()
        .expect("run");
    assert!(out.status.success());
    assert_eq!(std::fs::read_dir(&runtime).expect("dir").count(), 0);
}
