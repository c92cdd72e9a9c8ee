//! Kernel handles this process owns, closed exactly once.

use std::io;
use std::ptr;

use windows_sys::Win32::Foundation::{CloseHandle, FALSE, HANDLE, INVALID_HANDLE_VALUE, TRUE};
use windows_sys::Win32::System::Threading::{CreateEventW, SetEvent};

/// A handle, closed when dropped.
#[derive(Debug)]
pub(super) struct Handle(HANDLE);

// SAFETY: a kernel handle is a process-wide reference that any thread may use;
// what is done with it concurrently (setting and waiting on an event) is safe
// for the kernel objects this module shares (events only; each pipe instance is
// used by one thread at a time).
unsafe impl Send for Handle {}
// SAFETY: as for Send: the shared handles are events, which are made for it.
unsafe impl Sync for Handle {}

impl Handle {
    /// Own `raw`, what a call that creates or opens something returned; null or
    /// `INVALID_HANDLE_VALUE` is that call's failure, read from the last error.
    pub(super) fn from_result(raw: HANDLE) -> io::Result<Self> {
        if raw.is_null() || raw == INVALID_HANDLE_VALUE {
            Err(io::Error::last_os_error())
        } else {
            Ok(Self(raw))
        }
    }

    pub(super) fn raw(&self) -> HANDLE {
        self.0
    }
}

impl Drop for Handle {
    fn drop(&mut self) {
        // SAFETY: the handle is owned by this value alone and closed only here.
        unsafe { CloseHandle(self.0) };
    }
}

/// A manual-reset event, initially unset.
pub(super) fn event() -> io::Result<Handle> {
    // SAFETY: no security attributes and no name (both null are allowed).
    Handle::from_result(unsafe { CreateEventW(ptr::null(), TRUE, FALSE, ptr::null()) })
}

/// Set `event`, waking whoever waits on it.
pub(super) fn set(event: &Handle) {
    // SAFETY: `event` is a live event handle.
    unsafe { SetEvent(event.raw()) };
}

/// Whether the last error of a failed call is `code`.
pub(super) fn is(error: &io::Error, code: u32) -> bool {
    error.raw_os_error() == i32::try_from(code).ok()
}
