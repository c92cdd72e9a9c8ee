//! Who may use the channel: only the user the server runs as. The check uses the
//! credentials the kernel recorded for the peer at connect time (`SO_PEERCRED` on
//! Linux, `getpeereid`, i.e. `LOCAL_PEERCRED`, on macOS and the BSDs), which the
//! peer cannot choose; the 0700 directory around the socket is the first wall,
//! this is the second (a directory mode changed later, a socket passed on).

/// Why a peer was turned away.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Refusal {
    /// The peer runs as another user.
    #[error("the peer runs as uid {peer}, not {own}")]
    OtherUser {
        /// The peer's uid, as the kernel reports it.
        peer: u32,
        /// This process's uid.
        own: u32,
    },
    /// The peer's process runs as another Windows account.
    #[error("the peer runs as account {peer}, not {own}")]
    OtherAccount {
        /// The peer's account (SID), as its process token says.
        peer: String,
        /// This process's account.
        own: String,
    },
    /// The kernel could not say who the peer is.
    #[error("the peer's credentials are unknown")]
    Unknown,
}

/// Admit a peer whose kernel-reported uid is `peer` into a process running as
/// `own`. Root is not let in to someone else's vault either: the check is
/// equality, nothing more.
pub fn admit(peer: Option<u32>, own: u32) -> Result<(), Refusal> {
    match peer {
        Some(peer) if peer == own => Ok(()),
        Some(peer) => Err(Refusal::OtherUser { peer, own }),
        None => Err(Refusal::Unknown),
    }
}

/// The uid the kernel recorded for the other end of `stream`.
#[cfg(any(target_os = "linux", target_os = "android"))]
pub(crate) fn peer_uid(stream: &std::os::unix::net::UnixStream) -> Option<u32> {
    rustix::net::sockopt::socket_peercred(stream)
        .ok()
        .map(|cred| cred.uid.as_raw())
}

/// The uid the kernel recorded for the other end of `stream` (`getpeereid`,
/// which reads `LOCAL_PEERCRED` on macOS and FreeBSD). Not run here: this machine
/// builds Linux only (see docs/THREAT-MODEL.md, "The CLI channel").
#[cfg(any(
    target_os = "macos",
    target_os = "ios",
    target_os = "freebsd",
    target_os = "openbsd",
    target_os = "netbsd",
    target_os = "dragonfly"
))]
#[allow(
    unsafe_code,
    reason = "getpeereid has no safe wrapper in rustix or std"
)]
pub(crate) fn peer_uid(stream: &std::os::unix::net::UnixStream) -> Option<u32> {
    use std::os::fd::AsRawFd as _;
    let (mut uid, mut gid) = (0, 0);
    // SAFETY: the descriptor is a connected socket that `stream` keeps open for the
    // call; `uid` and `gid` are valid places for the two results.
    let done = unsafe { libc::getpeereid(stream.as_raw_fd(), &mut uid, &mut gid) };
    (done == 0).then_some(uid)
}

/// Other Unix systems: no way to ask wired up, so no peer is admitted (the CLI
/// then opens the vault itself).
#[cfg(all(
    unix,
    not(any(
        target_os = "linux",
        target_os = "android",
        target_os = "macos",
        target_os = "ios",
        target_os = "freebsd",
        target_os = "openbsd",
        target_os = "netbsd",
        target_os = "dragonfly"
    ))
))]
pub(crate) fn peer_uid(_stream: &std::os::unix::net::UnixStream) -> Option<u32> {
    None
}

/// This process's uid.
#[cfg(unix)]
pub(crate) fn own_uid() -> u32 {
    rustix::process::getuid().as_raw()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_same_uid_is_admitted() {
        assert_eq!(admit(Some(1000), 1000), Ok(()));
        assert_eq!(
            admit(Some(0), 1000),
            Err(Refusal::OtherUser { peer: 0, own: 1000 }),
            "root is another user too"
        );
        assert_eq!(
            admit(Some(1001), 1000),
            Err(Refusal::OtherUser {
                peer: 1001,
                own: 1000
            })
        );
        assert_eq!(admit(None, 1000), Err(Refusal::Unknown));
    }
}
