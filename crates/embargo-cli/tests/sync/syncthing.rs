//! Syncthing as the transport: two real Syncthing instances (Debian's package) on
//! loopback, discovery, relays and NAT off, each serving one replica of the team
//! folder. Embargo only ever sees its own replica; Syncthing moves the files.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::{Read as _, Write as _};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::team::*;

const FOLDER_ID: &str = "embargo-team";
const API_KEY: &str = "embargo-test-api-key";
/// How long a file may take to cross; the watcher alone takes ~1.5 s here.
const PATIENCE: Duration = Duration::from_secs(60);

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// One Syncthing instance with its own home, sharing [`FOLDER_ID`] at `folder`.
struct Syncthing {
    folder: PathBuf,
    api_port: u16,
    child: Child,
}

struct Node {
    home: PathBuf,
    folder: PathBuf,
    id: String,
    listen_port: u16,
    api_port: u16,
}

impl Node {
    fn generate(root: &Path, name: &str) -> Self {
        let home = root.join(format!("{name}-home"));
        let folder = root.join(format!("{name}-folder"));
        std::fs::create_dir_all(folder.join(".stfolder")).unwrap();
        let out = Command::new("syncthing")
            .args(["generate", "--no-default-folder"])
            .arg(format!("--home={}", home.display()))
            .output()
            .expect("syncthing is installed by scripts/setup.sh");
        assert!(out.status.success(), "{out:?}");
        let out = Command::new("syncthing")
            .args(["serve", "--device-id"])
            .arg(format!("--home={}", home.display()))
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
        Node {
            home,
            folder,
            id: String::from_utf8(out.stdout).unwrap().trim().to_owned(),
            listen_port: free_port(),
            api_port: free_port(),
        }
    }

    /// Only one side dials (a static address on one side, `dynamic` on the other):
    /// with static addresses on both, the first handshake sometimes stalls.
    fn configure(&self, peer: &Node, dial_peer: bool) {
        let peer_address = if dial_peer {
            format!("tcp://127.0.0.1:{}", peer.listen_port)
        } else {
            "dynamic".to_owned()
        };
        let config = format!(
            r#"<configuration version="36">
    <folder id="{FOLDER_ID}" label="Embargo team" path="{folder}" type="sendreceive" rescanIntervalS="3600" fsWatcherEnabled="true" fsWatcherDelayS="1" ignorePerms="false" autoNormalize="true">
        <filesystemType>basic</filesystemType>
        <device id="{me}"></device>
        <device id="{peer}"></device>
        <minDiskFree unit="%">0</minDiskFree>
        <versioning><cleanupIntervalS>3600</cleanupIntervalS></versioning>
        <maxConflicts>10</maxConflicts>
    </folder>
    <device id="{me}" name="self" compression="metadata"><address>dynamic</address></device>
    <device id="{peer}" name="peer" compression="metadata"><address>{peer_address}</address></device>
    <gui enabled="true" tls="false">
        <address>127.0.0.1:{api_port}</address>
        <apikey>{API_KEY}</apikey>
    </gui>
    <options>
        <listenAddress>tcp://127.0.0.1:{listen_port}</listenAddress>
        <globalAnnounceEnabled>false</globalAnnounceEnabled>
        <localAnnounceEnabled>false</localAnnounceEnabled>
        <relaysEnabled>false</relaysEnabled>
        <natEnabled>false</natEnabled>
        <startBrowser>false</startBrowser>
        <urAccepted>-1</urAccepted>
        <crashReportingEnabled>false</crashReportingEnabled>
        <autoUpgradeIntervalH>0</autoUpgradeIntervalH>
        <reconnectionIntervalS>1</reconnectionIntervalS>
        <minHomeDiskFree unit="%">0</minHomeDiskFree>
    </options>
</configuration>
"#,
            folder = self.folder.display(),
            me = self.id,
            peer = peer.id,
            api_port = self.api_port,
            listen_port = self.listen_port,
        );
        std::fs::write(self.home.join("config.xml"), config).unwrap();
    }

    fn start(self) -> Syncthing {
        let child = Command::new("syncthing")
            .args(["serve", "--no-browser", "--no-restart", "--no-upgrade"])
            .arg(format!("--home={}", self.home.display()))
            .env("STNODEFAULTFOLDER", "1")
            .env("HOME", &self.home)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let syncthing = Syncthing {
            folder: self.folder,
            api_port: self.api_port,
            child,
        };
        let deadline = Instant::now() + PATIENCE;
        while syncthing.rest("GET", "/rest/system/ping").is_none() {
            assert!(Instant::now() < deadline, "syncthing did not start");
            std::thread::sleep(Duration::from_millis(50));
        }
        syncthing
    }
}

impl Syncthing {
    /// A bare HTTP/1.1 request to the REST API; `None` until it answers 200.
    fn rest(&self, method: &str, path: &str) -> Option<String> {
        let mut stream = TcpStream::connect(("127.0.0.1", self.api_port)).ok()?;
        stream.set_read_timeout(Some(PATIENCE)).ok()?;
        write!(
            stream,
            "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nX-API-Key: {API_KEY}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
        )
        .ok()?;
        let mut response = String::new();
        stream.read_to_string(&mut response).ok()?;
        response
            .starts_with("HTTP/1.1 200")
            .then(|| response.split("\r\n\r\n").nth(1).unwrap_or("").to_owned())
    }

    /// Look at the folder now instead of waiting for the watcher's delay.
    fn scan(&self) {
        self.rest("POST", &format!("/rest/db/scan?folder={FOLDER_ID}"))
            .expect("scan request");
    }
}

impl Drop for Syncthing {
    fn drop(&mut self) {
        // SIGKILL would leave the worker process running; ask it to stop.
        let _ = self.rest("POST", "/rest/system/shutdown");
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
    }
}

/// Every Embargo file of a replica (Syncthing's own marker and temp files aside),
/// with its bytes.
fn team_files(folder: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files: Vec<_> = crate::support::files_under(folder)
        .into_iter()
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            !p.starts_with(folder.join(".stfolder"))
                && !name.starts_with(".syncthing.")
                && !name.starts_with("~syncthing~")
        })
        .map(|p| {
            let bytes = std::fs::read(&p).unwrap_or_default();
            (p.strip_prefix(folder).unwrap().to_owned(), bytes)
        })
        .collect();
    files.sort();
    files
}

/// Wait until every file written on `from` has arrived, whole, on `to`.
fn carried(from: &Syncthing, to: &Syncthing) {
    from.scan();
    let deadline = Instant::now() + PATIENCE;
    loop {
        let sent = team_files(&from.folder);
        let received = team_files(&to.folder);
        if sent.iter().all(|file| received.contains(file)) {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "Syncthing did not carry {:?}",
            sent.iter()
                .filter(|f| !received.contains(f))
                .map(|f| &f.0)
                .collect::<Vec<_>>()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn a_change_on_one_vault_reaches_the_other_through_syncthing() {
    let root = tempfile::tempdir().unwrap();
    let a = Node::generate(root.path(), "a");
    let b = Node::generate(root.path(), "b");
    a.configure(&b, true);
    b.configure(&a, false);
    let b = b.start();
    let a = a.start();

    let ann = person("Ann");
    let bob = person("Bob");
    let folder_a = a.folder.to_str().unwrap();
    let folder_b = b.folder.to_str().unwrap();
    ann.ok(&["team", "create", "--folder", folder_a, "--name", "PSIRT"]);
    ann.ok(&["team", "add", identity(&bob)["bundle"].as_str().unwrap()]);
    carried(&a, &b);
    let pinned = identity(&ann)["fingerprint"].as_str().unwrap().to_owned();
    bob.ok(&[
        "team",
        "join",
        "--folder",
        folder_b,
        "--fingerprint",
        &pinned,
    ]);

    // Ann opens a case; it shows up on Bob's vault.
    let id = ann.new_case("Heap overflow in the PNG decoder", "2026-11-20T10:00:00Z");
    ann.ok(&["case", "set", &id, "cwe", "CWE-122"]);
    sync(&ann);
    carried(&a, &b);
    sync(&bob);
    assert_eq!(show(&bob, &id)["cwe"], "CWE-122");

    // Bob works it; Ann sees his work.
    bob.ok(&["note", &id, "reproduced on 1.6.43"]);
    bob.ok(&["case", "move", &id, "acknowledged"]);
    sync(&bob);
    carried(&b, &a);
    sync(&ann);
    let seen_by_ann = show(&ann, &id);
    assert_eq!(seen_by_ann["status"], "acknowledged");
    assert_eq!(seen_by_ann["notes"][0]["text"], "reproduced on 1.6.43");
    assert_eq!(seen_by_ann, show(&bob, &id));

    // Nothing Syncthing left behind (markers, temp files) was taken for ours.
    let status = ann.json(&["sync", "status"]);
    assert_eq!(
        status["quarantined"].as_array().unwrap().len(),
        0,
        "{status}"
    );
    for device in status["devices"].as_array().unwrap() {
        assert_eq!(device["lag"], 0, "{device}");
    }
}
