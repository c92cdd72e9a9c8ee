//! The channel with real sockets: a request is served, a peer of another uid is
//! refused by the kernel-reported credentials, a stuck client holds nothing up.
#![cfg(unix)]
#![allow(clippy::print_stderr, reason = "a check skipped when not root says so")]

use std::io::{Read as _, Write as _};
use std::os::unix::fs::PermissionsExt as _;
use std::os::unix::net::UnixStream;
use std::os::unix::process::CommandExt as _;
use std::process::Command;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use embargo_serve::wire::{self, Request, Response};
use embargo_serve::{CommandRequest, Handler, ServeError, Server, call_at};

fn echo(calls: Arc<AtomicUsize>) -> Handler {
    Arc::new(move |request| {
        calls.fetch_add(1, Ordering::SeqCst);
        match request {
            Request::Run(command) => Response::Done {
                exit: 7,
                stdout: command.args.join(" ").into_bytes(),
                stderr: command.stdin,
            },
            Request::Lock => Response::LockedNow,
        }
    })
}

fn run(args: &[&str], stdin: &[u8]) -> Request {
    Request::Run(CommandRequest {
        args: args.iter().map(|a| (*a).to_owned()).collect(),
        cwd: "/".into(),
        stdin: stdin.to_vec(),
    })
}

#[test]
fn a_command_is_served_and_the_socket_is_gone_after_stop() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("s.sock");
    let calls = Arc::new(AtomicUsize::new(0));
    let server = Server::bind(&path, echo(calls.clone())).expect("bound");
    let mode = std::fs::metadata(&path)
        .expect("socket")
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600, "owner-only socket");
    let answer = call_at(&path, &run(&["case", "list"], b"stdin")).expect("served");
    assert_eq!(
        answer,
        Response::Done {
            exit: 7,
            stdout: b"case list".to_vec(),
            stderr: b"stdin".to_vec()
        }
    );
    assert!(
        matches!(
            Server::bind(&path, echo(calls.clone())),
            Err(ServeError::AlreadyServed(_))
        ),
        "a second server does not steal a live socket"
    );
    server.stop();
    assert!(!path.exists());
    assert!(matches!(
        call_at(&path, &Request::Lock),
        Err(ServeError::NotServed)
    ));
}

#[test]
fn a_stale_socket_from_a_dead_server_is_replaced() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("s.sock");
    drop(std::os::unix::net::UnixListener::bind(&path).expect("stale"));
    assert!(path.exists());
    let _server = Server::bind(&path, echo(Arc::default())).expect("replaced");
    assert_eq!(
        call_at(&path, &Request::Lock).expect("served"),
        Response::LockedNow
    );
}

#[test]
fn a_stuck_client_does_not_hold_up_the_next() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("s.sock");
    let _server = Server::bind(&path, echo(Arc::default())).expect("bound");
    // Half a length prefix, then silence: the server's deadline ends it, and
    // meanwhile others are served on their own threads.
    let mut stuck = UnixStream::connect(&path).expect("connect");
    stuck.write_all(&[0, 0]).expect("partial");
    let answer = call_at(&path, &run(&["due"], b"")).expect("served beside it");
    assert!(matches!(answer, Response::Done { exit: 7, .. }));
    // A hostile length is refused before any allocation; the connection just closes.
    let mut hostile = UnixStream::connect(&path).expect("connect");
    hostile.write_all(&u32::MAX.to_be_bytes()).expect("len");
    let mut rest = Vec::new();
    hostile
        .read_to_end(&mut rest)
        .expect("closed by the server");
    assert!(rest.is_empty(), "no answer to an oversized frame");
}

/// The kernel's peer credentials, not the directory alone, keep another user out:
/// the socket is made world-writable here, and a process running as `nobody`
/// (a real second uid, so this needs root) connects and sends a valid request.
#[test]
fn a_peer_running_as_another_user_is_refused() {
    if rustix_uid() != 0 {
        eprintln!("not root: the refusal is covered by embargo_serve::admit's unit test only");
        return;
    }
    let dir = tempfile::tempdir().expect("dir");
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).expect("chmod");
    let path = dir.path().join("s.sock");
    let calls = Arc::new(AtomicUsize::new(0));
    let _server = Server::bind(&path, echo(calls.clone())).expect("bound");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o666)).expect("open up");
    let mut request = Vec::new();
    wire::write_request(&mut request, &Request::Lock).expect("encoded");
    // A closed connection shows as an empty read, a reset or a broken pipe.
    let script = "import socket,sys\n\
        s=socket.socket(socket.AF_UNIX); s.connect(sys.argv[1])\n\
        try:\n  s.sendall(bytes.fromhex(sys.argv[2])); data=s.recv(100)\n\
        except (ConnectionResetError, BrokenPipeError): data=b''\n\
        print('answered' if data else 'closed')";
    let output = Command::new("/usr/bin/python3")
        .args(["-c", script])
        .arg(&path)
        .arg(hex::encode(&request))
        .uid(65534)
        .gid(65534)
        .output()
        .expect("python3 as nobody");
    let said = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(said.trim(), "closed", "nobody got no answer");
    assert_eq!(
        calls.load(Ordering::SeqCst),
        0,
        "the handler never ran for nobody"
    );
    // The owner is still served.
    assert_eq!(
        call_at(&path, &Request::Lock).expect("owner"),
        Response::LockedNow
    );
    assert_eq!(calls.load(Ordering::SeqCst), 1);
}

fn rustix_uid() -> u32 {
    use std::os::unix::fs::MetadataExt as _;
    // The uid this process creates files as.
    let dir = tempfile::tempdir().expect("dir");
    std::fs::metadata(dir.path()).expect("meta").uid()
}
