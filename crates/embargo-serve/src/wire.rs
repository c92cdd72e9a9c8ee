//! What crosses the channel, one request and one answer per connection.
//!
//! Every frame is a 4-byte big-endian length and that many bytes. A request is a
//! JSON header frame (what to do) followed, for a command, by a frame of standard
//! input; an answer is a JSON header frame followed, for a finished command, by a
//! frame of standard output and one of standard error. Each frame has a bound,
//! checked before anything is allocated, so a peer cannot make the other side
//! allocate or wait without limit.

use std::io::{Read, Write};
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::ServeError;

/// The largest header (a command line and a directory).
pub const MAX_HEADER: u32 = 1 << 20;
/// The largest standard input a served command takes (a piped mbox bigger than
/// this is imported from a file instead).
pub const MAX_STDIN: u32 = 64 << 20;
/// The largest standard output or error a client accepts.
pub const MAX_OUTPUT: u32 = 256 << 20;

/// One `embargo …` command, as the user typed it where they typed it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommandRequest {
    /// The arguments after the program name, global options included.
    pub args: Vec<String>,
    /// The client's working directory, against which relative paths are read.
    pub cwd: PathBuf,
    /// Standard input, read by the client only when an argument is `-`.
    pub stdin: Vec<u8>,
}

/// What a client asks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Request {
    /// Carry out a command on the unlocked vault.
    Run(CommandRequest),
    /// Lock the vault (`embargo lock`): the agent exits, the app locks.
    Lock,
}

/// What the server answers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Response {
    /// The command ran.
    Done {
        /// Its exit code.
        exit: u8,
        /// What it printed on standard output.
        stdout: Vec<u8>,
        /// What it printed on standard error.
        stderr: Vec<u8>,
    },
    /// The server runs but its vault is locked: nothing was done.
    Locked,
    /// The lock was carried out.
    LockedNow,
}

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
enum RequestHeader {
    Run { args: Vec<String>, cwd: PathBuf },
    Lock,
}

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
enum ResponseHeader {
    Done { exit: u8 },
    Locked,
    LockedNow,
}

/// Send `request`.
pub fn write_request(to: &mut impl Write, request: &Request) -> Result<(), ServeError> {
    match request {
        Request::Run(command) => {
            let header = RequestHeader::Run {
                args: command.args.clone(),
                cwd: command.cwd.clone(),
            };
            write_frame(to, &to_json(&header)?, MAX_HEADER)?;
            write_frame(to, &command.stdin, MAX_STDIN)?;
        }
        Request::Lock => write_frame(to, &to_json(&RequestHeader::Lock)?, MAX_HEADER)?,
    }
    Ok(to.flush()?)
}

/// Receive a request.
pub fn read_request(from: &mut impl Read) -> Result<Request, ServeError> {
    let header: RequestHeader = from_json(&read_frame(from, MAX_HEADER)?)?;
    Ok(match header {
        RequestHeader::Run { args, cwd } => Request::Run(CommandRequest {
            args,
            cwd,
            stdin: read_frame(from, MAX_STDIN)?,
        }),
        RequestHeader::Lock => Request::Lock,
    })
}

/// Send `response`.
pub fn write_response(to: &mut impl Write, response: &Response) -> Result<(), ServeError> {
    match response {
        Response::Done {
            exit,
            stdout,
            stderr,
        } => {
            write_frame(
                to,
                &to_json(&ResponseHeader::Done { exit: *exit })?,
                MAX_HEADER,
            )?;
            write_frame(to, stdout, MAX_OUTPUT)?;
            write_frame(to, stderr, MAX_OUTPUT)?;
        }
        Response::Locked => write_frame(to, &to_json(&ResponseHeader::Locked)?, MAX_HEADER)?,
        Response::LockedNow => write_frame(to, &to_json(&ResponseHeader::LockedNow)?, MAX_HEADER)?,
    }
    Ok(to.flush()?)
}

/// Receive a response.
pub fn read_response(from: &mut impl Read) -> Result<Response, ServeError> {
    let header: ResponseHeader = from_json(&read_frame(from, MAX_HEADER)?)?;
    Ok(match header {
        ResponseHeader::Done { exit } => Response::Done {
            exit,
            stdout: read_frame(from, MAX_OUTPUT)?,
            stderr: read_frame(from, MAX_OUTPUT)?,
        },
        ResponseHeader::Locked => Response::Locked,
        ResponseHeader::LockedNow => Response::LockedNow,
    })
}

/// Receive a response, copying a finished command's standard output to `stdout`
/// as it arrives instead of holding it (`due --json` on 10,000 cases is 3.7 MB);
/// the [`Response::Done`] returned has an empty `stdout`. A `stdout` that stops
/// taking bytes (a closed pipe: `embargo … | head`) is drained past, so the
/// exit code and standard error still arrive.
pub fn read_response_into(
    from: &mut impl Read,
    stdout: &mut dyn Write,
) -> Result<Response, ServeError> {
    let header: ResponseHeader = from_json(&read_frame(from, MAX_HEADER)?)?;
    Ok(match header {
        ResponseHeader::Done { exit } => {
            copy_frame(from, &mut UntilClosed(Some(stdout)), MAX_OUTPUT)?;
            Response::Done {
                exit,
                stdout: Vec::new(),
                stderr: read_frame(from, MAX_OUTPUT)?,
            }
        }
        ResponseHeader::Locked => Response::Locked,
        ResponseHeader::LockedNow => Response::LockedNow,
    })
}

/// Writes to the inner writer until it fails once, then swallows the rest.
struct UntilClosed<'a>(Option<&'a mut dyn Write>);

impl Write for UntilClosed<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if let Some(inner) = self.0.as_mut()
            && inner.write_all(buf).is_err()
        {
            self.0 = None;
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        if let Some(inner) = self.0.as_mut()
            && inner.flush().is_err()
        {
            self.0 = None;
        }
        Ok(())
    }
}

fn to_json<T: Serialize>(value: &T) -> Result<Vec<u8>, ServeError> {
    serde_json::to_vec(value).map_err(|e| ServeError::Protocol(e.to_string()))
}

fn from_json<T: for<'de> Deserialize<'de>>(bytes: &[u8]) -> Result<T, ServeError> {
    // The error names the position, never the content.
    serde_json::from_slice(bytes)
        .map_err(|e| ServeError::Protocol(format!("unreadable header ({})", e.classify_name())))
}

trait ClassifyName {
    fn classify_name(&self) -> &'static str;
}

impl ClassifyName for serde_json::Error {
    fn classify_name(&self) -> &'static str {
        match self.classify() {
            serde_json::error::Category::Io => "i/o",
            serde_json::error::Category::Syntax => "not JSON",
            serde_json::error::Category::Data => "unexpected fields",
            serde_json::error::Category::Eof => "cut short",
        }
    }
}

fn write_frame(to: &mut impl Write, bytes: &[u8], bound: u32) -> Result<(), ServeError> {
    let len = u32::try_from(bytes.len())
        .ok()
        .filter(|len| *len <= bound)
        .ok_or_else(|| too_long(bytes.len() as u64, bound))?;
    to.write_all(&len.to_be_bytes())?;
    Ok(to.write_all(bytes)?)
}

fn read_frame(from: &mut impl Read, bound: u32) -> Result<Vec<u8>, ServeError> {
    let mut len = [0u8; 4];
    from.read_exact(&mut len)?;
    let len = u32::from_be_bytes(len);
    if len > bound {
        return Err(too_long(u64::from(len), bound));
    }
    // Grow as bytes really arrive: a claimed length alone allocates little.
    let mut bytes = Vec::with_capacity((len as usize).min(64 << 10));
    from.take(u64::from(len)).read_to_end(&mut bytes)?;
    if bytes.len() != len as usize {
        return Err(ServeError::Protocol("a frame was cut short".into()));
    }
    Ok(bytes)
}

/// [`read_frame`], copying the bytes to `to` as they arrive.
fn copy_frame(from: &mut impl Read, to: &mut impl Write, bound: u32) -> Result<(), ServeError> {
    let mut len = [0u8; 4];
    from.read_exact(&mut len)?;
    let len = u32::from_be_bytes(len);
    if len > bound {
        return Err(too_long(u64::from(len), bound));
    }
    let copied = std::io::copy(&mut from.take(u64::from(len)), to)?;
    to.flush()?;
    if copied != u64::from(len) {
        return Err(ServeError::Protocol("a frame was cut short".into()));
    }
    Ok(())
}

fn too_long(len: u64, bound: u32) -> ServeError {
    ServeError::Protocol(format!(
        "a frame of {len} bytes, more than the {bound} allowed"
    ))
}

#[cfg(test)]
mod tests {
    use std::io::Cursor;

    use super::*;

    #[test]
    fn a_command_and_its_answer_cross_unchanged() {
        let request = Request::Run(CommandRequest {
            args: vec!["--json".into(), "import".into(), "-".into()],
            cwd: PathBuf::from("/home/me"),
            stdin: b"From: a@example.org\r\n\r\nbody\xff".to_vec(),
        });
        let mut bytes = Vec::new();
        write_request(&mut bytes, &request).expect("written");
        assert_eq!(
            read_request(&mut Cursor::new(bytes)).expect("read"),
            request
        );

        let response = Response::Done {
            exit: 4,
            stdout: b"out".to_vec(),
            stderr: Vec::new(),
        };
        let mut bytes = Vec::new();
        write_response(&mut bytes, &response).expect("written");
        assert_eq!(
            read_response(&mut Cursor::new(bytes)).expect("read"),
            response
        );
    }

    #[test]
    fn an_answer_streamed_to_a_writer_is_the_same_answer() {
        let response = Response::Done {
            exit: 3,
            stdout: vec![b'x'; 200_000],
            stderr: b"warning".to_vec(),
        };
        let mut bytes = Vec::new();
        write_response(&mut bytes, &response).expect("written");
        let mut out = Vec::new();
        let streamed = read_response_into(&mut Cursor::new(&bytes), &mut out).expect("read");
        assert_eq!(out, vec![b'x'; 200_000]);
        assert_eq!(
            streamed,
            Response::Done {
                exit: 3,
                stdout: Vec::new(),
                stderr: b"warning".to_vec()
            }
        );

        // A reader that went away: the rest is drained, the answer still read.
        let mut closed = ClosedAfter(1000);
        let streamed = read_response_into(&mut Cursor::new(&bytes), &mut closed).expect("read");
        assert!(matches!(streamed, Response::Done { exit: 3, .. }));

        let mut cut = bytes.clone();
        cut.truncate(bytes.len() - 100_000);
        assert!(read_response_into(&mut Cursor::new(cut), &mut Vec::new()).is_err());
    }

    /// A pipe whose reader leaves after `0` bytes.
    struct ClosedAfter(usize);

    impl Write for ClosedAfter {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            if self.0 == 0 {
                return Err(std::io::ErrorKind::BrokenPipe.into());
            }
            let taken = buf.len().min(self.0);
            self.0 -= taken;
            Ok(taken)
        }

        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn an_oversized_length_is_refused_before_allocating() {
        let mut bytes = (MAX_HEADER + 1).to_be_bytes().to_vec();
        bytes.extend_from_slice(b"{}");
        let error = read_request(&mut Cursor::new(bytes)).expect_err("too long");
        assert!(error.to_string().contains("more than"), "{error}");
    }

    #[test]
    fn a_frame_cut_short_or_garbage_is_an_error_not_a_panic() {
        let mut bytes = 100u32.to_be_bytes().to_vec();
        bytes.extend_from_slice(b"{\"lock\"");
        assert!(read_request(&mut Cursor::new(bytes)).is_err());
        let mut bytes = 5u32.to_be_bytes().to_vec();
        bytes.extend_from_slice(b"\x00\x01junk");
        assert!(read_request(&mut Cursor::new(bytes)).is_err());
        assert!(read_request(&mut Cursor::new(vec![0u8, 0])).is_err());
    }
}
