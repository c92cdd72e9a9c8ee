//! The CLI's side on Windows: open the vault's pipe, check that this account's
//! process serves it, send one request, read one bounded answer.

use std::path::Path;
use std::ptr;

use windows_sys::Win32::Foundation::{
    ERROR_ACCESS_DENIED, ERROR_FILE_NOT_FOUND, ERROR_PIPE_BUSY, GENERIC_READ, GENERIC_WRITE,
};
use windows_sys::Win32::Storage::FileSystem::{
    CreateFileW, FILE_FLAG_OVERLAPPED, OPEN_EXISTING, SECURITY_IDENTIFICATION,
    SECURITY_SQOS_PRESENT,
};
use windows_sys::Win32::System::Pipes::{GetNamedPipeServerProcessId, WaitNamedPipeW};

use super::account::{own_account, process_account};
use super::handle::{self, Handle};
use super::io::{Limit, Pipe};
use crate::sid::{Sid, admit_account};
use crate::wire::{Request, Response, read_response, read_response_into, write_request};
use crate::{ANSWER_TIMEOUT, REQUEST_DEADLINE, ServeError, existing_socket};

/// How often a client waits for a free instance before giving up (every
/// instance busy means MAX_CONNECTIONS requests are being served).
const BUSY_WAITS: usize = 5;
/// How long each such wait is.
const BUSY_WAIT_MS: u32 = 2_000;

/// Send `request` to whoever serves the vault in `vault_dir`.
/// [`ServeError::NotServed`] means: nobody does, open the vault directly.
pub fn call(vault_dir: &Path, request: &Request) -> Result<Response, ServeError> {
    match existing_socket(vault_dir)? {
        Some(path) => call_at(&path, request),
        None => Err(ServeError::NotServed),
    }
}

/// [`call`] on the pipe named `path`.
pub fn call_at(path: &Path, request: &Request) -> Result<Response, ServeError> {
    let mut pipe = connect(path)?;
    pipe.set_limit(Limit::Each(REQUEST_DEADLINE));
    write_request(&mut pipe, request)?;
    pipe.set_limit(Limit::Each(ANSWER_TIMEOUT));
    read_response(&mut pipe)
}

/// [`call_at`], copying a finished command's standard output to `stdout` as it
/// arrives ([`crate::wire::read_response_into`]).
pub fn call_at_into(
    path: &Path,
    request: &Request,
    stdout: &mut dyn std::io::Write,
) -> Result<Response, ServeError> {
    let mut pipe = connect(path)?;
    pipe.set_limit(Limit::Each(REQUEST_DEADLINE));
    write_request(&mut pipe, request)?;
    pipe.set_limit(Limit::Each(ANSWER_TIMEOUT));
    read_response_into(&mut pipe, stdout)
}

/// Open the pipe and admit its server.
pub(super) fn connect(path: &Path) -> Result<Pipe, ServeError> {
    let name = super::wide(path.as_os_str());
    let handle = open(&name, path)?;
    // The answer must come from this account too: a command's output is trusted
    // only from a process that could have run it.
    admit_account(server_account(&handle).ok().as_ref(), &own_account()?)?;
    Ok(Pipe::new(handle, Limit::Each(REQUEST_DEADLINE))?)
}

fn open(name: &[u16], path: &Path) -> Result<Handle, ServeError> {
    for _ in 0..BUSY_WAITS {
        // SAFETY: `name` is NUL-terminated UTF-16; no security attributes, no
        // template. Identification level: the server may learn who we are, never
        // act as us.
        let raw = unsafe {
            CreateFileW(
                name.as_ptr(),
                GENERIC_READ | GENERIC_WRITE,
                0,
                ptr::null(),
                OPEN_EXISTING,
                FILE_FLAG_OVERLAPPED | SECURITY_SQOS_PRESENT | SECURITY_IDENTIFICATION,
                ptr::null_mut(),
            )
        };
        match Handle::from_result(raw) {
            Ok(handle) => return Ok(handle),
            Err(error) if handle::is(&error, ERROR_FILE_NOT_FOUND) => {
                return Err(ServeError::NotServed);
            }
            // The DACL does not let this account in: not a pipe of ours.
            Err(error) if handle::is(&error, ERROR_ACCESS_DENIED) => {
                return Err(ServeError::Squatted(path.to_path_buf()));
            }
            Err(error) if handle::is(&error, ERROR_PIPE_BUSY) => {
                // SAFETY: `name` is NUL-terminated UTF-16.
                unsafe { WaitNamedPipeW(name.as_ptr(), BUSY_WAIT_MS) };
            }
            Err(error) => return Err(error.into()),
        }
    }
    Err(std::io::Error::new(
        std::io::ErrorKind::WouldBlock,
        "every instance of the pipe is busy",
    )
    .into())
}

/// The account of the process at the server end of `handle`.
fn server_account(handle: &Handle) -> std::io::Result<Sid> {
    let mut pid = 0u32;
    // SAFETY: `handle` is a connected client end; `pid` receives the id.
    if unsafe { GetNamedPipeServerProcessId(handle.raw(), &mut pid) } == 0 {
        return Err(std::io::Error::last_os_error());
    }
    process_account(pid)
}
