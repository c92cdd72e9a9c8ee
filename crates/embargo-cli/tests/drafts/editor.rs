//! `template edit` and `draft edit` on a terminal open $EDITOR. The terminal is a
//! real pseudo-terminal from util-linux `script`; the editor is a script that
//! appends a line, as a person would.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use crate::NOW;
use crate::support::{PASSPHRASE, TestVault, corpus};

fn editor(vault: &TestVault) -> PathBuf {
    let path = vault.root.path().join("editor.sh");
    std::fs::write(
        &path,
        "#!/bin/sh\nprintf 'Added in the editor.\\n' >> \"$1\"\n",
    )
    .unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    path
}

/// Run `embargo ARGS` with a terminal on stdin and stdout.
fn on_a_terminal(vault: &TestVault, args: &str, runtime_dir: Option<&Path>) -> Output {
    let binary = assert_cmd::cargo::cargo_bin("embargo");
    let line = format!(
        "{} --vault {} {args}",
        binary.display(),
        vault.dir().display()
    );
    let mut command = Command::new("script");
    command
        .args(["-qec", &line, "/dev/null"])
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", vault.root.path())
        .env("TMPDIR", vault.tmp())
        .env("EMBARGO_PASSPHRASE", PASSPHRASE)
        .env("EDITOR", editor(vault))
        .stdin(std::process::Stdio::null());
    if let Some(dir) = runtime_dir {
        command.env("XDG_RUNTIME_DIR", dir);
    }
    command
        .output()
        .expect("util-linux `script` runs (Debian's bsdutils)")
}

#[test]
fn on_a_terminal_templates_and_drafts_open_in_the_editor() {
    let vault = TestVault::new();
    let out = on_a_terminal(&vault, "template edit update", None);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let body = vault.json(&["template", "show", "update"])["body"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(
        body.ends_with("{{ team.signoff }}\nAdded in the editor.\n"),
        "{body}"
    );

    let report = corpus("plain.eml");
    vault.ok(&["--now", NOW, "import", report.to_str().unwrap()]);
    vault.ok(&["--now", NOW, "draft", "new", "1", "acknowledgment"]);
    // Drafts are embargoed: they are edited only in a private in-memory directory.
    let refused = on_a_terminal(&vault, "draft edit 1/D1", None);
    assert!(!refused.status.success());
    assert!(
        String::from_utf8_lossy(&refused.stdout).contains("no private in-memory directory"),
        "{}",
        String::from_utf8_lossy(&refused.stdout)
    );
    let runtime = vault.root.path().join("run");
    std::fs::create_dir(&runtime).unwrap();
    let out = on_a_terminal(&vault, "draft edit 1/D1", Some(&runtime));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let body = vault.json(&["draft", "show", "1/D1"])["body"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(body.ends_with("Added in the editor.\n"), "{body}");
    assert_eq!(
        std::fs::read_dir(&runtime).unwrap().count(),
        0,
        "the edited copy is removed"
    );
}
