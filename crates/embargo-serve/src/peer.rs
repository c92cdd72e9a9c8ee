//! Who may use the channel: only the user the server runs as. The check uses the
//! credentials the kernel recorded for the peer at connect time (`SO_PEERCRED`),
//! which the peer cannot choose; the 0700 directory around the socket is the first
//! wall, this is the second (a directory mode changed later, a socket passed on).

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
#[cfg(target_os = "linux")]
pub(crate) fn peer_uid(stream: &std::os::unix::net::UnixStream) -> Option<u32> {
    rustix::net::sockopt::socket_peercred(stream)
        .ok()
        .map(|cred| cred.uid.as_raw())
}

/// Other Unix systems have `getpeereid`/`LOCAL_PEERCRED`, not wired up yet: no
/// peer is admitted there (the CLI then opens the vault itself).
#[cfg(all(unix, not(target_os = "linux")))]
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
