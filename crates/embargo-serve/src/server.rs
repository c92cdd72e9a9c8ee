//! The serving side: a listener on the vault's socket, one short-lived thread per
//! connection (at most [`MAX_CONNECTIONS`](crate::MAX_CONNECTIONS)), each admitting
//! only this user, reading one request before [`REQUEST_DEADLINE`](crate::REQUEST_DEADLINE)
//! and answering it with what the handler returns.

use std::io::Read;
use std::os::unix::fs::{FileTypeExt as _, PermissionsExt as _};
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::thread::JoinHandle;
use std::time::Instant;

use crate::peer::{admit, own_uid, peer_uid};
use crate::wire::{read_request, write_response};
use crate::{Handler, MAX_CONNECTIONS, REQUEST_DEADLINE, ServeError};

/// A running server; stopped (and its socket removed) when dropped.
pub struct Server {
    path: PathBuf,
    stopping: Arc<AtomicBool>,
    accepting: Option<JoinHandle<()>>,
}

impl std::fmt::Debug for Server {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Server")
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}

impl Server {
    /// Listen on `path` (in a private directory: see [`crate::socket_path`]). A
    /// socket left there by a process that died is replaced; one that answers is
    /// not ([`ServeError::AlreadyServed`]).
    pub fn bind(path: &Path, handler: Handler) -> Result<Self, ServeError> {
        if let Ok(meta) = std::fs::symlink_metadata(path) {
            if !meta.file_type().is_socket() {
                return Err(ServeError::NotPrivate(path.to_path_buf()));
            }
            if UnixStream::connect(path).is_ok() {
                return Err(ServeError::AlreadyServed(path.to_path_buf()));
            }
            std::fs::remove_file(path)?;
        }
        let listener = UnixListener::bind(path)?;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))?;
        let stopping = Arc::new(AtomicBool::new(false));
        let accepting = {
            let stopping = stopping.clone();
            std::thread::Builder::new()
                .name("embargo-serve".into())
                .spawn(move || accept_loop(&listener, &handler, &stopping))?
        };
        Ok(Self {
            path: path.to_path_buf(),
            stopping,
            accepting: Some(accepting),
        })
    }

    /// The socket's path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Stop accepting and remove the socket. Requests already being served finish
    /// on their own threads (the handler decides what a locked vault answers).
    pub fn stop(mut self) {
        self.shut_down();
    }

    fn shut_down(&mut self) {
        let Some(accepting) = self.accepting.take() else {
            return;
        };
        self.stopping.store(true, Ordering::SeqCst);
        // Wake the blocked accept so it sees the flag.
        drop(UnixStream::connect(&self.path));
        let _ = accepting.join();
        let _ = std::fs::remove_file(&self.path);
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.shut_down();
    }
}

fn accept_loop(listener: &UnixListener, handler: &Handler, stopping: &AtomicBool) {
    let in_flight = Arc::new(AtomicUsize::new(0));
    for stream in listener.incoming() {
        if stopping.load(Ordering::SeqCst) {
            return;
        }
        let Ok(stream) = stream else { continue };
        if in_flight.fetch_add(1, Ordering::SeqCst) >= MAX_CONNECTIONS {
            in_flight.fetch_sub(1, Ordering::SeqCst);
            continue; // closed unanswered: the client reports the channel busy
        }
        let handler = handler.clone();
        let in_flight_here = in_flight.clone();
        let spawned = std::thread::Builder::new()
            .name("embargo-serve-conn".into())
            .spawn(move || {
                // A refused or broken connection is simply closed: nothing to tell
                // a stranger, nobody to tell on this side.
                let _ = serve_one(&stream, &handler);
                in_flight_here.fetch_sub(1, Ordering::SeqCst);
            });
        if spawned.is_err() {
            in_flight.fetch_sub(1, Ordering::SeqCst);
        }
    }
}

/// Admit, read, handle, answer.
fn serve_one(stream: &UnixStream, handler: &Handler) -> Result<(), ServeError> {
    admit(peer_uid(stream), own_uid())?;
    let deadline = Instant::now() + REQUEST_DEADLINE;
    let request = read_request(&mut ByDeadline { stream, deadline })?;
    let response = handler(request);
    stream.set_write_timeout(Some(REQUEST_DEADLINE))?;
    let mut writer = stream;
    write_response(&mut writer, &response)
}

/// Reads that fail once `deadline` passes, however slowly the peer trickles bytes.
struct ByDeadline<'a> {
    stream: &'a UnixStream,
    deadline: Instant,
}

impl Read for ByDeadline<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let left = self.deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(std::io::ErrorKind::TimedOut.into());
        }
        self.stream.set_read_timeout(Some(left))?;
        let mut stream = self.stream;
        stream.read(buf)
    }
}
