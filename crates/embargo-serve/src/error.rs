use std::path::PathBuf;

/// What can go wrong on the channel. None of these texts quote what crossed it.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ServeError {
    /// Nobody serves this vault (no socket, or a stale one): open it directly.
    #[error("no Embargo app or agent serves this vault")]
    NotServed,
    /// Another live process already serves this vault.
    #[error("another Embargo process already serves this vault ({0})")]
    AlreadyServed(PathBuf),
    /// The socket's directory is not private to this user (someone else made it,
    /// or its mode lets others in): nothing is served or trusted there.
    #[error("{0} is not a private directory of this user (mode 0700, owned by you); remove it")]
    NotPrivate(PathBuf),
    /// The vault's pipe name is held by a pipe this user cannot open or whose
    /// server runs as someone else (Windows): nothing is sent or served there.
    #[error("{0} is held by another account: nothing is sent there; find and stop what holds it")]
    Squatted(PathBuf),
    /// The peer on the other side is not this user.
    #[error("the other side of the connection is not this user: {0}")]
    Refused(#[from] crate::peer::Refusal),
    /// A frame longer than its bound, or malformed.
    #[error("a malformed or oversized message on the Embargo channel: {0}")]
    Protocol(String),
    /// Reading, writing or connecting failed (timeouts included).
    #[error("the Embargo channel: {0}")]
    Io(#[from] std::io::Error),
    /// This platform has no implementation yet.
    #[error("serving commands is not available on this platform")]
    Unsupported,
}
