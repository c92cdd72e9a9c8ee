//! Reading and writing a pipe with a time limit: overlapped I/O, waited for at
//! most as long as the limit allows, cancelled (and waited for until the kernel
//! is done with it) when the time is up. Synchronous pipe I/O on Windows has no
//! timeouts, so this is what stands for `set_read_timeout` on a Unix socket.

use std::io::{self, Read, Write};
use std::time::{Duration, Instant};

use windows_sys::Win32::Foundation::{
    ERROR_BROKEN_PIPE, ERROR_IO_PENDING, FALSE, TRUE, WAIT_TIMEOUT,
};
use windows_sys::Win32::Storage::FileSystem::{ReadFile, WriteFile};
use windows_sys::Win32::System::IO::{
    CancelIoEx, GetOverlappedResult, GetOverlappedResultEx, OVERLAPPED,
};

use super::handle::{self, Handle};

/// One connected end of a pipe, opened for overlapped I/O.
#[derive(Debug)]
pub(super) struct Pipe {
    handle: Handle,
    /// Signalled when an operation completes (reset by each ReadFile/WriteFile).
    done: Handle,
    limit: Limit,
}

/// How long an operation may take.
#[derive(Debug, Clone, Copy)]
pub(super) enum Limit {
    /// Everything from now on must be over by then (a request, however slowly
    /// its bytes trickle in).
    Until(Instant),
    /// Each read or write on its own (a large answer to a slow reader).
    Each(Duration),
}

impl Pipe {
    pub(super) fn new(handle: Handle, limit: Limit) -> io::Result<Self> {
        Ok(Self {
            handle,
            done: handle::event()?,
            limit,
        })
    }

    pub(super) fn set_limit(&mut self, limit: Limit) {
        self.limit = limit;
    }

    /// Milliseconds the next operation may wait; zero: the time is up.
    fn wait_ms(&self) -> u32 {
        let left = match self.limit {
            Limit::Until(deadline) => deadline.saturating_duration_since(Instant::now()),
            Limit::Each(each) => each,
        };
        // Below INFINITE (u32::MAX): a limit is always finite.
        u32::try_from(left.as_millis()).unwrap_or(u32::MAX - 1)
    }

    fn overlapped(&self) -> OVERLAPPED {
        OVERLAPPED {
            hEvent: self.done.raw(),
            ..OVERLAPPED::default()
        }
    }

    /// Wait for the operation `started` on `overlapped` to end; the bytes moved.
    /// Returns only once the kernel no longer uses `overlapped` (nor the buffer).
    /// A raw pointer, never a reference: the kernel writes to it meanwhile.
    fn finish(&self, overlapped: *mut OVERLAPPED, started: i32, wait_ms: u32) -> io::Result<u32> {
        if started == 0 {
            let error = io::Error::last_os_error();
            if !handle::is(&error, ERROR_IO_PENDING) {
                return Err(error);
            }
        }
        let mut moved = 0u32;
        // SAFETY: `overlapped` belongs to the operation just started on this
        // handle and stays in place until this function returns.
        let ended = unsafe {
            GetOverlappedResultEx(self.handle.raw(), overlapped, &mut moved, wait_ms, FALSE)
        };
        if ended != 0 {
            return Ok(moved);
        }
        let error = io::Error::last_os_error();
        if !handle::is(&error, WAIT_TIMEOUT) {
            return Err(error);
        }
        // SAFETY: cancels this one operation (it may have just completed: then
        // nothing happens).
        unsafe { CancelIoEx(self.handle.raw(), overlapped) };
        // SAFETY: waits until the kernel is done with `overlapped` and the buffer,
        // cancelled or completed.
        let ended = unsafe { GetOverlappedResult(self.handle.raw(), overlapped, &mut moved, TRUE) };
        if ended != 0 {
            Ok(moved)
        } else {
            Err(io::ErrorKind::TimedOut.into())
        }
    }
}

/// At most this much per call (a length the calls take as u32).
fn chunk(len: usize) -> u32 {
    u32::try_from(len).unwrap_or(u32::MAX)
}

impl Read for Pipe {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let wait_ms = self.wait_ms();
        if wait_ms == 0 {
            return Err(io::ErrorKind::TimedOut.into());
        }
        let mut overlapped = self.overlapped();
        let overlapped: *mut OVERLAPPED = &mut overlapped;
        // SAFETY: `buf` is writable for the length given; it and `overlapped`
        // outlive the operation, since `finish` returns only once it is over.
        let started = unsafe {
            ReadFile(
                self.handle.raw(),
                buf.as_mut_ptr(),
                chunk(buf.len()),
                std::ptr::null_mut(),
                overlapped,
            )
        };
        match self.finish(overlapped, started, wait_ms) {
            Ok(read) => Ok(read as usize),
            // The other end closed: the end of what it sent.
            Err(error) if handle::is(&error, ERROR_BROKEN_PIPE) => Ok(0),
            Err(error) => Err(error),
        }
    }
}

impl Write for Pipe {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let wait_ms = self.wait_ms();
        if wait_ms == 0 {
            return Err(io::ErrorKind::TimedOut.into());
        }
        let mut overlapped = self.overlapped();
        let overlapped: *mut OVERLAPPED = &mut overlapped;
        // SAFETY: `buf` is readable for the length given; it and `overlapped`
        // outlive the operation, since `finish` returns only once it is over.
        let started = unsafe {
            WriteFile(
                self.handle.raw(),
                buf.as_ptr(),
                chunk(buf.len()),
                std::ptr::null_mut(),
                overlapped,
            )
        };
        Ok(self.finish(overlapped, started, wait_ms)? as usize)
    }

    fn flush(&mut self) -> io::Result<()> {
        // Written bytes are in the pipe already; FlushFileBuffers would wait for
        // the reader without a time limit.
        Ok(())
    }
}
