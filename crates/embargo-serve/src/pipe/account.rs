//! Whose process is at the other end, and the security descriptor that lets only
//! this account in.

use std::io;
use std::ptr;

use windows_sys::Win32::Foundation::{FALSE, HANDLE, HLOCAL, LocalFree};
use windows_sys::Win32::Security::Authorization::{
    ConvertStringSecurityDescriptorToSecurityDescriptorW, SDDL_REVISION_1,
};
use windows_sys::Win32::Security::{
    GetLengthSid, GetTokenInformation, IsValidSid, PSECURITY_DESCRIPTOR, SECURITY_ATTRIBUTES,
    TOKEN_QUERY, TOKEN_USER, TokenUser,
};
use windows_sys::Win32::System::Threading::{
    GetCurrentProcess, OpenProcess, OpenProcessToken, PROCESS_QUERY_LIMITED_INFORMATION,
};

use super::handle::Handle;
use crate::sid::Sid;

/// A token's user is a SID and its attributes: a few dozen bytes. Anything much
/// larger is not a token answer we read.
const MAX_TOKEN_USER: u32 = 1024;

/// The account this process runs as.
pub(crate) fn own_account() -> io::Result<Sid> {
    // SAFETY: a pseudo handle for this process; it needs no closing.
    let process = unsafe { GetCurrentProcess() };
    token_account(process)
}

/// The account the process `pid` runs as.
pub(super) fn process_account(pid: u32) -> io::Result<Sid> {
    // SAFETY: a plain call; the handle it returns is owned by `process`.
    let process = unsafe { OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION, FALSE, pid) };
    let process = Handle::from_result(process)?;
    token_account(process.raw())
}

fn token_account(process: HANDLE) -> io::Result<Sid> {
    let mut token: HANDLE = ptr::null_mut();
    // SAFETY: `process` is a live process handle; `token` receives a new handle.
    if unsafe { OpenProcessToken(process, TOKEN_QUERY, &mut token) } == 0 {
        return Err(io::Error::last_os_error());
    }
    let token = Handle::from_result(token)?;
    let mut needed = 0u32;
    // SAFETY: asks for the size only: no buffer, length 0 (the call then fails
    // with ERROR_INSUFFICIENT_BUFFER and sets `needed`).
    unsafe { GetTokenInformation(token.raw(), TokenUser, ptr::null_mut(), 0, &mut needed) };
    if needed == 0 || needed > MAX_TOKEN_USER {
        return Err(io::Error::other("the process token's user is unreadable"));
    }
    // u64 words: TOKEN_USER holds a pointer, so the buffer must be pointer-aligned.
    let mut buffer = vec![0u64; (needed as usize).div_ceil(8)];
    let mut written = 0u32;
    // SAFETY: `buffer` is writable for at least `needed` bytes and aligned for
    // TOKEN_USER.
    let read = unsafe {
        GetTokenInformation(
            token.raw(),
            TokenUser,
            buffer.as_mut_ptr().cast(),
            needed,
            &mut written,
        )
    };
    if read == 0 {
        return Err(io::Error::last_os_error());
    }
    // SAFETY: the call wrote a TOKEN_USER at the start of `buffer`.
    let sid = unsafe { (*buffer.as_ptr().cast::<TOKEN_USER>()).User.Sid };
    // SAFETY: `sid` points at the SID the call wrote inside `buffer`, still alive.
    if unsafe { IsValidSid(sid) } == 0 {
        return Err(io::Error::other("the process token holds no valid SID"));
    }
    // SAFETY: `sid` is a valid SID (checked just above).
    let length = unsafe { GetLengthSid(sid) } as usize;
    let start = (sid as usize).checked_sub(buffer.as_ptr() as usize);
    if start.is_none_or(|start| start + length > buffer.len() * 8) {
        return Err(io::Error::other(
            "the process token's SID lies outside its answer",
        ));
    }
    // SAFETY: the `length` bytes at `sid` lie inside `buffer` (checked above),
    // which lives until the copy is made.
    let bytes = unsafe { std::slice::from_raw_parts(sid.cast::<u8>(), length) }.to_vec();
    Sid::from_bytes(bytes).ok_or_else(|| io::Error::other("the process token's SID is malformed"))
}

/// A security descriptor whose DACL grants everything to one account and nothing
/// to anyone else ("P": protected, nothing inherited from a parent).
#[derive(Debug)]
pub(super) struct OwnerOnly(PSECURITY_DESCRIPTOR);

// SAFETY: the descriptor is written once, by its creation, then only read (by
// CreateNamedPipeW on the accepting thread) until it is freed on drop.
unsafe impl Send for OwnerOnly {}
// SAFETY: as for Send: only read while shared.
unsafe impl Sync for OwnerOnly {}

impl OwnerOnly {
    pub(super) fn new(account: &Sid) -> io::Result<Self> {
        let sddl = format!("D:P(A;;GA;;;{})", account.to_sddl());
        let sddl = super::wide(sddl.as_ref());
        let mut descriptor: PSECURITY_DESCRIPTOR = ptr::null_mut();
        // SAFETY: `sddl` is NUL-terminated UTF-16; the call allocates the
        // descriptor (freed by Drop with LocalFree); the size is not wanted.
        let made = unsafe {
            ConvertStringSecurityDescriptorToSecurityDescriptorW(
                sddl.as_ptr(),
                SDDL_REVISION_1,
                &mut descriptor,
                ptr::null_mut(),
            )
        };
        if made == 0 {
            return Err(io::Error::last_os_error());
        }
        Ok(Self(descriptor))
    }

    /// The attributes to create a pipe instance with (handles not inherited).
    pub(super) fn attributes(&self) -> SECURITY_ATTRIBUTES {
        SECURITY_ATTRIBUTES {
            nLength: u32::try_from(std::mem::size_of::<SECURITY_ATTRIBUTES>()).unwrap_or(0),
            lpSecurityDescriptor: self.0,
            bInheritHandle: FALSE,
        }
    }
}

impl Drop for OwnerOnly {
    fn drop(&mut self) {
        // SAFETY: allocated by ConvertStringSecurityDescriptorToSecurityDescriptorW
        // with LocalAlloc, freed once, here.
        unsafe { LocalFree(self.0 as HLOCAL) };
    }
}
