//! The CLI's side: one connection, one request, one answer.

use std::io::Write;
use std::os::unix::net::UnixStream;
use std::path::Path;

use crate::peer::{admit, own_uid, peer_uid};
use crate::wire::{Request, Response, read_response, read_response_into, write_request};
use crate::{ANSWER_TIMEOUT, ServeError, existing_socket};

/// Send `request` to whoever serves the vault in `vault_dir`.
/// [`ServeError::NotServed`] means: nobody does, open the vault directly.
pub fn call(vault_dir: &Path, request: &Request) -> Result<Response, ServeError> {
    match existing_socket(vault_dir)? {
        Some(path) => call_at(&path, request),
        None => Err(ServeError::NotServed),
    }
}

/// [`call`] on the socket at `path`.
pub fn call_at(path: &Path, request: &Request) -> Result<Response, ServeError> {
    let stream = connect(path, request)?;
    let mut reader = &stream;
    read_response(&mut reader)
}

/// [`call_at`], copying a finished command's standard output to `stdout` as it
/// arrives ([`crate::wire::read_response_into`]).
pub fn call_at_into(
    path: &Path,
    request: &Request,
    stdout: &mut dyn Write,
) -> Result<Response, ServeError> {
    let stream = connect(path, request)?;
    let mut reader = &stream;
    read_response_into(&mut reader, stdout)
}

/// Connect, admit the server, send `request`.
fn connect(path: &Path, request: &Request) -> Result<UnixStream, ServeError> {
    let stream = match UnixStream::connect(path) {
        Ok(stream) => stream,
        Err(e)
            if matches!(
                e.kind(),
                std::io::ErrorKind::NotFound | std::io::ErrorKind::ConnectionRefused
            ) =>
        {
            return Err(ServeError::NotServed);
        }
        Err(e) => return Err(e.into()),
    };
    // The answer must come from this user too: the directory is private, but a
    // command's output is trusted only from a process that could have run it.
    admit(peer_uid(&stream), own_uid())?;
    stream.set_write_timeout(Some(crate::REQUEST_DEADLINE))?;
    stream.set_read_timeout(Some(ANSWER_TIMEOUT))?;
    let mut writer = &stream;
    write_request(&mut writer, request)?;
    Ok(stream)
}
