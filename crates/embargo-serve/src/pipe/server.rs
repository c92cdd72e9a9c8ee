//! The serving side on Windows: instances of the vault's pipe, one connection
//! each, served on short-lived threads (at most [`MAX_CONNECTIONS`]) like the
//! Unix socket's.

use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread::JoinHandle;
use std::time::Instant;

use windows_sys::Win32::Foundation::{
    ERROR_ACCESS_DENIED, ERROR_IO_PENDING, ERROR_PIPE_CONNECTED, FALSE, TRUE, WAIT_OBJECT_0,
    WAIT_TIMEOUT,
};
use windows_sys::Win32::Storage::FileSystem::{
    FILE_FLAG_FIRST_PIPE_INSTANCE, FILE_FLAG_OVERLAPPED, PIPE_ACCESS_DUPLEX,
};
use windows_sys::Win32::System::IO::{CancelIoEx, GetOverlappedResult, OVERLAPPED};
use windows_sys::Win32::System::Pipes::{
    ConnectNamedPipe, CreateNamedPipeW, DisconnectNamedPipe, GetNamedPipeClientProcessId,
    PIPE_READMODE_BYTE, PIPE_REJECT_REMOTE_CLIENTS, PIPE_TYPE_BYTE, PIPE_UNLIMITED_INSTANCES,
    PIPE_WAIT,
};
use windows_sys::Win32::System::Threading::{
    INFINITE, WaitForMultipleObjects, WaitForSingleObject,
};

use super::account::{OwnerOnly, own_account, process_account};
use super::handle::{self, Handle};
use super::io::{Limit, Pipe};
use crate::sid::{Sid, admit_account};
use crate::wire::{read_request, write_response};
use crate::{Handler, MAX_CONNECTIONS, REQUEST_DEADLINE, ServeError};

/// The pipe's buffer each way (a hint to the kernel, not a bound on frames).
const BUFFER: u32 = 64 << 10;
/// How long the accepting thread rests after a failed connect or instance.
const ERROR_PAUSE_MS: u32 = 50;

/// A running server; stopped when dropped (the pipe's name goes with its last
/// instance).
pub struct Server {
    path: PathBuf,
    stopping: Arc<Handle>,
    accepting: Option<JoinHandle<()>>,
}

impl std::fmt::Debug for Server {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Server")
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}

/// What the accepting thread works with.
struct Listener {
    name: Vec<u16>,
    security: OwnerOnly,
    own: Sid,
    handler: Handler,
    stopping: Arc<Handle>,
}

impl Server {
    /// Serve on the pipe named `path` ([`crate::socket_path`]). A name someone
    /// already holds is not taken over: [`ServeError::AlreadyServed`] if that is
    /// this account's, [`ServeError::Squatted`] if not.
    pub fn bind(path: &Path, handler: Handler) -> Result<Self, ServeError> {
        let own = own_account()?;
        let listener = Listener {
            name: super::wide(path.as_os_str()),
            security: OwnerOnly::new(&own)?,
            own,
            handler,
            stopping: Arc::new(handle::event()?),
        };
        let first = match listener.instance(true) {
            Ok(first) => first,
            Err(error) if handle::is(&error, ERROR_ACCESS_DENIED) => {
                return Err(who_holds(path));
            }
            Err(error) => return Err(error.into()),
        };
        let stopping = listener.stopping.clone();
        let accepting = std::thread::Builder::new()
            .name("embargo-serve".into())
            .spawn(move || listener.accept_loop(first))?;
        Ok(Self {
            path: path.to_path_buf(),
            stopping,
            accepting: Some(accepting),
        })
    }

    /// The pipe's name.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Stop accepting. Requests already being served finish on their threads.
    pub fn stop(mut self) {
        self.shut_down();
    }

    fn shut_down(&mut self) {
        let Some(accepting) = self.accepting.take() else {
            return;
        };
        handle::set(&self.stopping);
        let _ = accepting.join();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.shut_down();
    }
}

/// Someone holds the name: this account's server (already served), or a pipe
/// this account cannot even open or whose server is someone else (squatted).
fn who_holds(path: &Path) -> ServeError {
    match super::client::connect(path) {
        Ok(_) | Err(ServeError::NotServed) => ServeError::AlreadyServed(path.to_path_buf()),
        Err(_) => ServeError::Squatted(path.to_path_buf()),
    }
}

/// How a wait for a client ended.
enum Connected {
    Client,
    Stopping,
}

impl Listener {
    /// A new instance of the pipe; `first`: fail if the name exists already.
    fn instance(&self, first: bool) -> std::io::Result<Handle> {
        let mut open_mode = PIPE_ACCESS_DUPLEX | FILE_FLAG_OVERLAPPED;
        if first {
            open_mode |= FILE_FLAG_FIRST_PIPE_INSTANCE;
        }
        let pipe_mode =
            PIPE_TYPE_BYTE | PIPE_READMODE_BYTE | PIPE_WAIT | PIPE_REJECT_REMOTE_CLIENTS;
        let attributes = self.security.attributes();
        // SAFETY: `name` is NUL-terminated UTF-16; `attributes` and the
        // descriptor it points to outlive the call.
        let raw = unsafe {
            CreateNamedPipeW(
                self.name.as_ptr(),
                open_mode,
                pipe_mode,
                PIPE_UNLIMITED_INSTANCES,
                BUFFER,
                BUFFER,
                0,
                &attributes,
            )
        };
        Handle::from_result(raw)
    }

    fn accept_loop(self, first: Handle) {
        let in_flight = Arc::new(AtomicUsize::new(0));
        let handler = self.handler.clone();
        let own = self.own.clone();
        let mut listening = first;
        loop {
            match self.connect(&listening) {
                Ok(Connected::Stopping) => return,
                Ok(Connected::Client) => {}
                Err(_) => {
                    // A client that came and went: make the instance ready again.
                    // SAFETY: `listening` is a server end this thread owns.
                    unsafe { DisconnectNamedPipe(listening.raw()) };
                    if self.pause_after_error() {
                        return;
                    }
                    continue;
                }
            }
            // The next instance exists before this one is handed over, so the
            // name is never without a listener of ours for someone to take.
            let next = match self.instance(false) {
                Ok(next) => next,
                Err(_) => {
                    // SAFETY: as above; the client is turned away unanswered.
                    unsafe { DisconnectNamedPipe(listening.raw()) };
                    if self.pause_after_error() {
                        return;
                    }
                    continue;
                }
            };
            let connection = std::mem::replace(&mut listening, next);
            if in_flight.fetch_add(1, Ordering::SeqCst) >= MAX_CONNECTIONS {
                in_flight.fetch_sub(1, Ordering::SeqCst);
                continue; // closed unanswered: the client reports the channel busy
            }
            let handler = handler.clone();
            let own = own.clone();
            let in_flight_here = in_flight.clone();
            let spawned = std::thread::Builder::new()
                .name("embargo-serve-conn".into())
                .spawn(move || {
                    // A refused or broken connection is simply closed.
                    let _ = serve_one(connection, &handler, &own);
                    in_flight_here.fetch_sub(1, Ordering::SeqCst);
                });
            if spawned.is_err() {
                in_flight.fetch_sub(1, Ordering::SeqCst);
            }
        }
    }

    /// After a failed connect or instance: wait a little before trying again, so
    /// an error that repeats does not spin; true if the server is stopping.
    fn pause_after_error(&self) -> bool {
        // SAFETY: `stopping` is a live event handle.
        let woke = unsafe { WaitForSingleObject(self.stopping.raw(), ERROR_PAUSE_MS) };
        woke != WAIT_TIMEOUT
    }

    /// Wait for a client on `listening`, or for the server to stop.
    fn connect(&self, listening: &Handle) -> std::io::Result<Connected> {
        let arrived = handle::event()?;
        let mut overlapped = OVERLAPPED {
            hEvent: arrived.raw(),
            ..OVERLAPPED::default()
        };
        let overlapped: *mut OVERLAPPED = &mut overlapped;
        // SAFETY: `overlapped` and its event outlive the operation: this function
        // returns only after it completed, or was cancelled and waited for.
        if unsafe { ConnectNamedPipe(listening.raw(), overlapped) } != 0 {
            return Ok(Connected::Client);
        }
        let error = std::io::Error::last_os_error();
        if handle::is(&error, ERROR_PIPE_CONNECTED) {
            return Ok(Connected::Client); // came between creation and this call
        }
        if !handle::is(&error, ERROR_IO_PENDING) {
            return Err(error);
        }
        let events = [arrived.raw(), self.stopping.raw()];
        // SAFETY: two live event handles, counted right.
        let woke = unsafe { WaitForMultipleObjects(2, events.as_ptr(), FALSE, INFINITE) };
        let mut moved = 0u32;
        if woke == WAIT_OBJECT_0 {
            // SAFETY: the connect is over (its event is set); reads its result.
            let ended =
                unsafe { GetOverlappedResult(listening.raw(), overlapped, &mut moved, FALSE) };
            return if ended != 0 {
                Ok(Connected::Client)
            } else {
                Err(std::io::Error::last_os_error())
            };
        }
        // Stopping (or the wait itself failed, which leaves nothing to wait with).
        // SAFETY: withdraws this pending connect.
        unsafe { CancelIoEx(listening.raw(), overlapped) };
        // SAFETY: waits until the kernel is done with `overlapped`.
        unsafe { GetOverlappedResult(listening.raw(), overlapped, &mut moved, TRUE) };
        Ok(Connected::Stopping)
    }
}

/// The account of the process at the client end of `connection`.
fn client_account(connection: &Handle) -> std::io::Result<Sid> {
    let mut pid = 0u32;
    // SAFETY: `connection` is a connected server end; `pid` receives the id.
    if unsafe { GetNamedPipeClientProcessId(connection.raw(), &mut pid) } == 0 {
        return Err(std::io::Error::last_os_error());
    }
    process_account(pid)
}

/// Admit, read, handle, answer, then wait for the client to hang up.
fn serve_one(connection: Handle, handler: &Handler, own: &Sid) -> Result<(), ServeError> {
    admit_account(client_account(&connection).ok().as_ref(), own)?;
    let mut pipe = Pipe::new(connection, Limit::Until(Instant::now() + REQUEST_DEADLINE))?;
    let request = read_request(&mut pipe)?;
    let response = handler(request);
    pipe.set_limit(Limit::Each(REQUEST_DEADLINE));
    write_response(&mut pipe, &response)?;
    // The client hangs up once it has read the whole answer. Closing this end
    // before then could cut off what it has not read yet (DisconnectNamedPipe
    // would discard it), so wait for that, as long as a request may take.
    pipe.set_limit(Limit::Until(Instant::now() + REQUEST_DEADLINE));
    let mut rest = [0u8; 1];
    let _ = pipe.read(&mut rest);
    Ok(())
}
