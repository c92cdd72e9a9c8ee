//! A private D-Bus session bus that starts nothing by itself, and a real
//! notification server on it that records what it receives.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use serde_json::Value;
use tempfile::TempDir;

/// Debian's Python, which has python3-dbus and python3-gi (scripts/setup.sh).
const PYTHON: &str = "/usr/bin/python3";

/// `dbus-daemon` on a socket in a temporary directory, with a configuration that
/// has no service directories: nothing is auto-started, whatever the machine has.
pub struct PrivateBus {
    daemon: Child,
    address: String,
    _dir: TempDir,
}

impl PrivateBus {
    pub fn start() -> Self {
        let dir = tempfile::Builder::new()
            .prefix("embargo-bus-")
            .tempdir()
            .expect("bus dir");
        let config = dir.path().join("session.conf");
        std::fs::write(&config, busconfig(&dir.path().join("socket"))).expect("busconfig");
        let mut daemon = Command::new("dbus-daemon")
            .arg(format!("--config-file={}", config.display()))
            .args(["--nofork", "--print-address=1"])
            .stdout(Stdio::piped())
            // It complains that it may not raise its fd limit; harmless here.
            .stderr(Stdio::null())
            .spawn()
            .expect("dbus-daemon (apt package dbus; scripts/setup.sh installs it)");
        let mut address = String::new();
        BufReader::new(daemon.stdout.take().expect("stdout"))
            .read_line(&mut address)
            .expect("bus address");
        assert!(
            address.starts_with("unix:"),
            "dbus-daemon printed {address:?}"
        );
        Self {
            daemon,
            address: address.trim().to_owned(),
            _dir: dir,
        }
    }

    /// The value for `DBUS_SESSION_BUS_ADDRESS`.
    pub fn address(&self) -> &str {
        &self.address
    }
}

impl Drop for PrivateBus {
    fn drop(&mut self) {
        let _ = self.daemon.kill();
        let _ = self.daemon.wait();
    }
}

fn busconfig(socket: &Path) -> String {
    format!(
        r#"<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:path={}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"#,
        socket.display()
    )
}

/// `notification_server.py` owning `org.freedesktop.Notifications` on `bus`.
pub struct NotificationServer {
    child: Child,
    record: PathBuf,
    _dir: TempDir,
}

impl NotificationServer {
    /// Start in `mode` (`record`, `silent` or `snooze`) and wait until it owns the name.
    pub fn start(bus: &PrivateBus, mode: &str) -> Self {
        let dir = tempfile::Builder::new()
            .prefix("embargo-server-")
            .tempdir()
            .expect("dir");
        let record = dir.path().join("received.jsonl");
        let script =
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/notify/notification_server.py");
        let mut child = Command::new(PYTHON)
            .arg(&script)
            .arg(&record)
            .arg(mode)
            .env("DBUS_SESSION_BUS_ADDRESS", bus.address())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("/usr/bin/python3 (scripts/setup.sh installs python3-dbus and python3-gi)");
        let mut line = String::new();
        BufReader::new(child.stdout.take().expect("stdout"))
            .read_line(&mut line)
            .expect("server output");
        assert_eq!(
            line.trim(),
            "ready",
            "the notification server did not start (is python3-dbus installed?)"
        );
        Self {
            child,
            record,
            _dir: dir,
        }
    }

    /// Every Notify call received so far, in order.
    pub fn received(&self) -> Vec<Value> {
        let Ok(text) = std::fs::read_to_string(&self.record) else {
            return Vec::new();
        };
        text.lines()
            .map(|line| serde_json::from_str(line).expect("JSON line"))
            .collect()
    }

    /// The raw recording, for canary searches.
    pub fn raw(&self) -> String {
        std::fs::read_to_string(&self.record).unwrap_or_default()
    }
}

impl Drop for NotificationServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
