//! Shared helpers for the black-box tests: each runs the real `embargo` binary on a
//! real vault in a temporary directory, with its own `$TMPDIR`.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;
use serde_json::Value;
use tempfile::TempDir;

/// The passphrase of every test vault.
pub const PASSPHRASE: &str = "test passphrase for black-box tests";

/// A vault in a fresh temporary directory; `$TMPDIR` of every run points inside it.
#[derive(Debug)]
pub struct TestVault {
    pub root: TempDir,
}

impl TestVault {
    /// An empty directory (no vault yet).
    pub fn empty() -> Self {
        let root = tempfile::Builder::new()
            .prefix("embargo-test-")
            .tempdir()
            .expect("tempdir");
        std::fs::create_dir_all(root.path().join("tmp")).expect("tmp dir");
        Self { root }
    }

    /// A new vault for Dana Whitfield.
    pub fn new() -> Self {
        let vault = Self::empty();
        vault.ok(&[
            "init",
            "--name",
            "Dana Whitfield",
            "--email",
            "dana@security.example.org",
        ]);
        vault
    }

    /// The vault directory.
    pub fn dir(&self) -> PathBuf {
        self.root.path().join("vault")
    }

    /// The `$TMPDIR` the program sees.
    pub fn tmp(&self) -> PathBuf {
        self.root.path().join("tmp")
    }

    /// `embargo --vault DIR` with the passphrase in the environment.
    pub fn cmd(&self) -> Command {
        let mut cmd = Command::cargo_bin("embargo").expect("embargo binary");
        self.environment(&mut cmd);
        cmd.arg("--vault").arg(self.dir());
        cmd
    }

    /// [`Self::cmd`] started by `launcher` (a program and its first arguments, such
    /// as a shell that lowers limits and then runs what follows), in the same
    /// environment: the `embargo` binary and its arguments come next.
    pub fn cmd_through(&self, launcher: &[&str]) -> Command {
        let embargo = self.cmd().get_program().to_owned();
        let mut cmd = Command::new(launcher[0]);
        self.environment(&mut cmd);
        cmd.args(&launcher[1..])
            .arg(embargo)
            .arg("--vault")
            .arg(self.dir());
        cmd
    }

    fn environment(&self, cmd: &mut Command) {
        cmd.env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", self.root.path())
            .env("TMPDIR", self.tmp())
            .env("EMBARGO_PASSPHRASE", PASSPHRASE);
    }

    /// Run and return the output, whatever the exit code.
    pub fn run(&self, args: &[&str]) -> Output {
        self.cmd().args(args).output().expect("run embargo")
    }

    /// Run, assert success, return stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "embargo {args:?} failed ({:?}):\n{}",
            out.status.code(),
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).expect("utf-8 stdout")
    }

    /// Run with `--json`, assert success, parse stdout.
    pub fn json(&self, args: &[&str]) -> Value {
        let mut all = vec!["--json"];
        all.extend_from_slice(args);
        let stdout = self.ok(&all);
        serde_json::from_str(&stdout)
            .unwrap_or_else(|e| panic!("embargo {args:?}: not JSON ({e}):\n{stdout}"))
    }

    /// Run, assert failure with `code`, return stderr.
    pub fn fails(&self, args: &[&str], code: i32) -> String {
        let out = self.run(args);
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        assert_eq!(
            out.status.code(),
            Some(code),
            "embargo {args:?} should exit {code}; stderr:\n{stderr}"
        );
        assert!(
            stderr.starts_with("error: "),
            "stderr must start with `error: `:\n{stderr}"
        );
        stderr
    }

    /// Open a case and return its id. It is opened at the instant it was received
    /// (`--now`), not at the wall clock, so that a test's later `--now` steps sort
    /// after it whatever day the tests run.
    pub fn new_case(&self, title: &str, received: &str) -> String {
        let out = self.json(&[
            "--now",
            received,
            "case",
            "new",
            "--title",
            title,
            "--reporter-name",
            "Alice Nguyen",
            "--reporter-email",
            "alice@researcher.example",
            "--received",
            received,
        ]);
        out["id"].as_str().expect("id").to_owned()
    }
}

/// A file of the e-mail corpus shared with `embargo-mail`'s tests.
pub fn corpus(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../embargo-mail/tests/corpus")
        .join(name)
}

/// Every file under `dir`, recursively.
pub fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(next) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&next) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}
