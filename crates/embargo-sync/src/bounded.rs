//! Reading files of the shared folder within bounds.
//!
//! Whoever can write to the folder — or a share that stalls — decides what sits
//! under a name Embargo reads: a FIFO blocks the reader forever, a symbolic link to
//! `/dev/zero` never ends, a sparse file claims gigabytes it costs nothing to make,
//! and an age header of hundreds of recipient stanzas keeps the `age` crate busy
//! for a minute (its header parser is quadratic). Every byte of the folder is read
//! through here: only regular files, never through a symbolic link, the size known
//! before the first byte is read, and age headers measured before `age` sees them.
//!
//! Each [`Refusal`] says whether it can change later ([`Refusal::is_permanent`]), so
//! a caller can remember the permanent ones and never read those files again.

use std::fmt;
use std::fs::{self, File};
use std::io::{self, Read};
use std::path::Path;

#[cfg(test)]
mod tests;

/// The largest segment file read, in bytes.
///
/// Derived from the decryption limit [`crate::v1::segment::MAX_SEGMENT_BYTES`] plus the
/// most that age adds to it (16 bytes per 64 KiB chunk, the nonce, the header), so
/// that nothing that decrypts within that limit is refused for its size: a refused
/// segment would stop its device's chain for good. It is large because segments
/// carry attachment bytes; it shrinks with `MAX_SEGMENT_BYTES` once they do not.
pub const MAX_SEGMENT_FILE_BYTES: u64 = crate::v1::segment::MAX_SEGMENT_BYTES + MIB;

// The age overhead of the largest segment fits in the margin above.
const _: () = assert!(
    16 * (crate::v1::segment::MAX_SEGMENT_BYTES / (64 * 1024) + 1)
        + 16
        + MAX_AGE_HEADER_BYTES as u64
        <= MIB
);

/// The largest roster file read, in bytes. A roster version lists every member
/// (a few hundred bytes each) and every removal; 1 MiB holds thousands, far more
/// than [`MAX_TEAM_MEMBERS`].
pub const MAX_ROSTER_FILE_BYTES: u64 = MIB;

/// The longest binary age header accepted, from `age-encryption.org/v1` to the end
/// of its `---` MAC line.
///
/// What Embargo writes: the 22-byte version line, one 98-byte X25519 stanza per
/// recipient, one "grease" stanza the `age` crate adds to every file (a random
/// stanza of at most about 210 bytes, so that readers keep tolerating unknown
/// stanzas) and the 48-byte MAC line: 331 bytes or so for one recipient, about 6.5
/// KiB for [`MAX_TEAM_MEMBERS`]. 16 KiB leaves room for larger stanza types, and
/// the `age` crate parses a header this long in a few milliseconds.
pub const MAX_AGE_HEADER_BYTES: usize = 16 * 1024;

/// The most recipient stanzas (`-> ` lines) accepted in an age header: one per
/// recipient plus the grease stanza. Embargo encrypts a segment to every member of
/// the roster, so this bounds the team ([`MAX_TEAM_MEMBERS`]).
pub const MAX_AGE_STANZAS: usize = 64;

/// The largest team whose segments [`check_age_header`] accepts: one stanza per
/// member, and one for the grease stanza the `age` crate adds.
pub const MAX_TEAM_MEMBERS: usize = MAX_AGE_STANZAS - 1;

const KIB: u64 = 1024;
const MIB: u64 = 1024 * KIB;

/// A size limit and what it is for (named in the refusal).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limit {
    /// Files larger than this are refused.
    pub max_bytes: u64,
    /// What kind of file, for messages: "a segment".
    pub what: &'static str,
}

impl Limit {
    /// Segment files: [`MAX_SEGMENT_FILE_BYTES`].
    pub const SEGMENT: Self = Self {
        max_bytes: MAX_SEGMENT_FILE_BYTES,
        what: "a segment",
    };
    /// Roster files: [`MAX_ROSTER_FILE_BYTES`].
    pub const ROSTER: Self = Self {
        max_bytes: MAX_ROSTER_FILE_BYTES,
        what: "a roster file",
    };
}

/// What an entry of a folder is, as seen without following symbolic links.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// A regular file: the only kind that is read.
    Regular,
    /// A folder.
    Directory,
    /// A symbolic link (never followed).
    SymbolicLink,
    /// A named pipe: reading it blocks until someone writes.
    Fifo,
    /// A character device (`/dev/zero`, a terminal).
    CharDevice,
    /// A block device (a disk).
    BlockDevice,
    /// A Unix socket.
    Socket,
    /// Something else the platform knows about.
    Unknown,
}

impl FileKind {
    /// The kind of `file_type` (from `symlink_metadata`, a `DirEntry` or an open file).
    pub fn of(file_type: fs::FileType) -> Self {
        if file_type.is_symlink() {
            Self::SymbolicLink
        } else if file_type.is_file() {
            Self::Regular
        } else if file_type.is_dir() {
            Self::Directory
        } else {
            Self::special(file_type)
        }
    }

    #[cfg(unix)]
    fn special(file_type: fs::FileType) -> Self {
        use std::os::unix::fs::FileTypeExt as _;
        if file_type.is_fifo() {
            Self::Fifo
        } else if file_type.is_char_device() {
            Self::CharDevice
        } else if file_type.is_block_device() {
            Self::BlockDevice
        } else if file_type.is_socket() {
            Self::Socket
        } else {
            Self::Unknown
        }
    }

    #[cfg(not(unix))]
    fn special(_: fs::FileType) -> Self {
        Self::Unknown
    }

    /// Whether this is a real folder (not a link to one).
    pub fn is_dir(self) -> bool {
        self == Self::Directory
    }

    /// "a FIFO", "a symbolic link", …
    pub fn describe(self) -> &'static str {
        match self {
            Self::Regular => "a regular file",
            Self::Directory => "a folder",
            Self::SymbolicLink => "a symbolic link",
            Self::Fifo => "a FIFO",
            Self::CharDevice => "a character device",
            Self::BlockDevice => "a block device",
            Self::Socket => "a socket",
            Self::Unknown => "a special file",
        }
    }
}

/// Why a file of the folder was not read, or not handed to `age`.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Refusal {
    /// No file by that name (any more): it may still arrive.
    Missing,
    /// The system could not read it (permissions, an I/O error, a share that timed
    /// out): may work later.
    Io(String),
    /// Not a regular file: a symbolic link, FIFO, device, socket or folder.
    NotRegular(FileKind),
    /// Larger than the limit; not a byte was read.
    TooLarge {
        /// Its size.
        size: u64,
        /// The limit it is above.
        limit: Limit,
    },
    /// It grew past the limit while being read.
    Grew {
        /// The limit it grew past.
        limit: Limit,
    },
    /// Does not start like an age file.
    NotAge,
    /// An ASCII-armored age file; Embargo writes binary ones.
    Armored,
    /// An age format version other than v1.
    AgeVersion(String),
    /// The age header ends before its MAC line: cut short, perhaps still arriving.
    HeaderIncomplete,
    /// A header line that is not age syntax (damage, or not an age file).
    MalformedHeader(&'static str),
    /// No MAC line within [`MAX_AGE_HEADER_BYTES`].
    HeaderTooLong,
    /// More than [`MAX_AGE_STANZAS`] recipient stanzas.
    TooManyStanzas,
}

impl Refusal {
    /// Whether the same file, left alone, is refused the same way forever: a file
    /// too large now is still too large, a FIFO stays a FIFO, a header no Embargo
    /// writes never turns into one. A missing file, an I/O error, and a header cut
    /// short or damaged (a sync tool may still complete or repair it) can change.
    pub fn is_permanent(&self) -> bool {
        match self {
            Self::Missing
            | Self::Io(_)
            | Self::NotAge
            | Self::AgeVersion(_)
            | Self::HeaderIncomplete
            | Self::MalformedHeader(_) => false,
            Self::NotRegular(_)
            | Self::TooLarge { .. }
            | Self::Grew { .. }
            | Self::Armored
            | Self::HeaderTooLong
            | Self::TooManyStanzas => true,
        }
    }

    fn io(error: io::Error) -> Self {
        if error.kind() == io::ErrorKind::NotFound {
            Self::Missing
        } else {
            Self::Io(error.to_string())
        }
    }
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Missing => f.write_str("no file by that name (yet)"),
            Self::Io(error) => write!(f, "cannot be read ({error})"),
            Self::NotRegular(FileKind::SymbolicLink) => {
                f.write_str("a symbolic link, not a regular file: never followed")
            }
            Self::NotRegular(kind) => {
                write!(f, "{}, not a regular file: never read", kind.describe())
            }
            Self::TooLarge { size, limit } => write!(
                f,
                "{size} bytes, above the {} limit for {}: never read",
                size_text(limit.max_bytes),
                limit.what
            ),
            Self::Grew { limit } => write!(
                f,
                "grew past the {} limit for {} while being read",
                size_text(limit.max_bytes),
                limit.what
            ),
            Self::NotAge => f.write_str("does not start like an age file"),
            Self::Armored => f.write_str(
                "an ASCII-armored age file; Embargo writes and reads binary age files only",
            ),
            Self::AgeVersion(version) => {
                write!(f, "age format {version:?}; this Embargo reads age v1")
            }
            Self::HeaderIncomplete => {
                f.write_str("the age header is cut short (incomplete, perhaps still arriving)")
            }
            Self::MalformedHeader(why) => write!(f, "a malformed age header ({why})"),
            Self::HeaderTooLong => write!(
                f,
                "an age header longer than {} bytes, refused before decryption (Embargo writes a few KiB)",
                MAX_AGE_HEADER_BYTES
            ),
            Self::TooManyStanzas => write!(
                f,
                "an age header of more than {MAX_AGE_STANZAS} recipient stanzas, refused before decryption"
            ),
        }
    }
}

impl std::error::Error for Refusal {}

/// "64 MiB", "16 KiB", or the number of bytes.
fn size_text(bytes: u64) -> String {
    if bytes.is_multiple_of(MIB) {
        format!("{} MiB", bytes / MIB)
    } else if bytes.is_multiple_of(KIB) {
        format!("{} KiB", bytes / KIB)
    } else {
        format!("{bytes} bytes")
    }
}

/// The bytes of the regular file at `path`, at most `limit.max_bytes` of them.
/// Symbolic links, FIFOs, devices, sockets and folders are refused without reading;
/// so is a file whose size is above the limit, or that grows past it while read.
pub fn read_regular(path: &Path, limit: Limit) -> Result<Vec<u8>, Refusal> {
    let (file, size) = open_regular(path, limit)?;
    read_within(file, size, limit)
}

/// The regular file at `path`, opened for reading, and its size (at most
/// `limit.max_bytes`), for readers that stream. Read it through
/// `.take(limit.max_bytes + 1)`, like [`read_regular`], to catch a file that grows.
pub fn open_regular(path: &Path, limit: Limit) -> Result<(File, u64), Refusal> {
    crate::offload::touch(path);
    // Looked at first so that a device is never even opened: opening some has
    // effects of its own (a tape rewinds, a modem hangs up).
    let seen = fs::symlink_metadata(path).map_err(Refusal::io)?;
    refuse_unless_regular(&seen)?;
    open_checked(path, limit)
}

/// Open without following a link and judge what was opened: the name may have been
/// swapped between the look above and the open.
fn open_checked(path: &Path, limit: Limit) -> Result<(File, u64), Refusal> {
    let file = open_no_follow(path)?;
    let opened = file.metadata().map_err(Refusal::io)?;
    refuse_unless_regular(&opened)?;
    if opened.len() > limit.max_bytes {
        return Err(Refusal::TooLarge {
            size: opened.len(),
            limit,
        });
    }
    Ok((file, opened.len()))
}

fn refuse_unless_regular(metadata: &fs::Metadata) -> Result<(), Refusal> {
    match FileKind::of(metadata.file_type()) {
        FileKind::Regular => Ok(()),
        kind => Err(Refusal::NotRegular(kind)),
    }
}

/// Read at most `limit.max_bytes`; one byte more means the file grew past the limit
/// after its size was taken.
fn read_within(reader: impl Read, size: u64, limit: Limit) -> Result<Vec<u8>, Refusal> {
    let mut bytes = Vec::with_capacity(usize::try_from(size.min(limit.max_bytes)).unwrap_or(0));
    read_paced(reader, limit.max_bytes.saturating_add(1), &mut bytes).map_err(Refusal::io)?;
    if bytes.len() as u64 > limit.max_bytes {
        return Err(Refusal::Grew { limit });
    }
    Ok(bytes)
}

/// Bytes read at a time by [`read_paced`], each one a step of progress.
const PIECE: u64 = 1024 * 1024;

/// Append at most `most` bytes of `reader` to `bytes`, a [`PIECE`] at a time: a
/// large file on a slow share shows progress, so it is not taken for a stalled one
/// (see `crate::offload`).
pub(crate) fn read_paced(reader: impl Read, most: u64, bytes: &mut Vec<u8>) -> io::Result<()> {
    let mut reader = reader.take(most);
    loop {
        let piece = (&mut reader).take(PIECE).read_to_end(bytes)?;
        crate::offload::beat();
        if (piece as u64) < PIECE {
            return Ok(());
        }
    }
}

/// `O_NOFOLLOW` refuses a symbolic link as the last component; `O_NONBLOCK` keeps
/// the open itself from waiting on a FIFO's writer (it changes nothing for regular
/// files); `O_NOCTTY` keeps a terminal from becoming ours.
#[cfg(unix)]
fn open_no_follow(path: &Path) -> Result<File, Refusal> {
    use std::os::unix::fs::OpenOptionsExt as _;
    fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK | libc::O_NOCTTY | libc::O_CLOEXEC)
        .open(path)
        .map_err(|error| {
            if is_symlink_refused(&error) {
                Refusal::NotRegular(FileKind::SymbolicLink)
            } else {
                Refusal::io(error)
            }
        })
}

/// The errors `O_NOFOLLOW` gives for a symbolic link: `ELOOP` (POSIX), `EMLINK` on
/// FreeBSD and DragonFly, `EFTYPE` on NetBSD.
#[cfg(any(target_os = "freebsd", target_os = "dragonfly"))]
const SYMLINK_REFUSED: &[i32] = &[libc::ELOOP, libc::EMLINK];
#[cfg(target_os = "netbsd")]
const SYMLINK_REFUSED: &[i32] = &[libc::ELOOP, libc::EFTYPE];
#[cfg(all(
    unix,
    not(any(target_os = "freebsd", target_os = "dragonfly", target_os = "netbsd"))
))]
const SYMLINK_REFUSED: &[i32] = &[libc::ELOOP];

#[cfg(unix)]
fn is_symlink_refused(error: &io::Error) -> bool {
    error
        .raw_os_error()
        .is_some_and(|code| SYMLINK_REFUSED.contains(&code))
}

/// Windows: open a symbolic link or junction itself rather than its target, so that
/// the handle's metadata shows a link and it is refused.
#[cfg(windows)]
fn open_no_follow(path: &Path) -> Result<File, Refusal> {
    use std::os::windows::fs::OpenOptionsExt as _;
    const FILE_FLAG_OPEN_REPARSE_POINT: u32 = 0x0020_0000;
    fs::OpenOptions::new()
        .read(true)
        .custom_flags(FILE_FLAG_OPEN_REPARSE_POINT)
        .open(path)
        .map_err(Refusal::io)
}

/// Elsewhere only the `symlink_metadata` look in [`open_regular`] guards the open.
#[cfg(not(any(unix, windows)))]
fn open_no_follow(path: &Path) -> Result<File, Refusal> {
    File::open(path).map_err(Refusal::io)
}

const AGE_MAGIC: &[u8] = b"age-encryption.org/v1\n";
const AGE_PREFIX: &[u8] = b"age-encryption.org/";
const ARMOR_BEGIN: &[u8] = b"-----BEGIN AGE ENCRYPTED FILE-----";

/// Check the shape of a binary age v1 header before any byte reaches the `age`
/// crate: the version line, then recipient stanzas (`-> ` lines and base64 body
/// lines), then the `--- ` MAC line within [`MAX_AGE_HEADER_BYTES`], with at most
/// [`MAX_AGE_STANZAS`] stanzas. It reads at most that many bytes, so a header built
/// to be slow is refused in microseconds. Whether the keys and MAC hold is left to
/// `age`.
pub fn check_age_header(bytes: &[u8]) -> Result<(), Refusal> {
    if !bytes.starts_with(AGE_MAGIC) {
        return Err(not_age_v1(bytes));
    }
    let window = &bytes[..bytes.len().min(MAX_AGE_HEADER_BYTES)];
    let mut at = AGE_MAGIC.len();
    let mut stanzas = 0;
    while let Some(end) = window[at..].iter().position(|&b| b == b'\n') {
        let line = &window[at..at + end];
        at += end + 1;
        if line.starts_with(b"--- ") {
            return if stanzas == 0 {
                Err(Refusal::MalformedHeader("no recipient stanza"))
            } else {
                Ok(())
            };
        }
        if let Some(arguments) = line.strip_prefix(b"-> ") {
            stanzas += 1;
            if stanzas > MAX_AGE_STANZAS {
                return Err(Refusal::TooManyStanzas);
            }
            if arguments.is_empty() || !arguments.iter().all(|b| (b' '..=b'~').contains(b)) {
                return Err(Refusal::MalformedHeader(
                    "a recipient line that is not printable text",
                ));
            }
        } else if stanzas == 0 {
            return Err(Refusal::MalformedHeader(
                "something other than a recipient stanza after the version line",
            ));
        } else if line.len() > 64 || !line.iter().all(|&b| is_base64(b)) {
            return Err(Refusal::MalformedHeader(
                "a stanza body line that is not base64",
            ));
        }
    }
    if bytes.len() > MAX_AGE_HEADER_BYTES {
        Err(Refusal::HeaderTooLong)
    } else {
        Err(Refusal::HeaderIncomplete)
    }
}

fn not_age_v1(bytes: &[u8]) -> Refusal {
    if bytes.trim_ascii_start().starts_with(ARMOR_BEGIN) {
        Refusal::Armored
    } else if AGE_MAGIC.starts_with(bytes) {
        // Empty, or the first bytes of a version line.
        Refusal::HeaderIncomplete
    } else if let Some(rest) = bytes.strip_prefix(AGE_PREFIX) {
        let version: Vec<u8> = rest
            .iter()
            .take_while(|&&b| b != b'\n')
            .take(16)
            .copied()
            .collect();
        Refusal::AgeVersion(version.escape_ascii().to_string())
    } else {
        Refusal::NotAge
    }
}

fn is_base64(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || byte == b'+' || byte == b'/'
}
