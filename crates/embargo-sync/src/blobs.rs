//! Attachments in the team folder: separate, content-addressed, encrypted, chunked
//! blob files. A 200 MiB proof-of-concept video inside a segment would make the
//! segment too large to read and hold back every later segment of its device;
//! as blob files it delays only itself, and only until the file-sync tool has
//! delivered its chunks.
//!
//! ```text
//! DIR/blobs/<first 2 hex of H>/<H>.blob      H = SHA-256 of the file's bytes
//! ```
//!
//! An attachment of `size` bytes is cut into `ceil(size / CHUNK_BYTES)` chunks
//! holding exactly [`CHUNK_BYTES`] of plaintext each, the last one the rest (an
//! empty attachment has no chunk). Each chunk is a binary age file encrypted to one
//! recipient, the team key generation, and written once under the hash of its
//! *ciphertext*: the folder never reveals which plaintext it holds (age encryption
//! is randomised, so two writes of the same attachment share no file), and a name
//! tells whether a file is complete. The two-hex fan-out keeps each folder to a few
//! thousand files even for a team with a large history.
//!
//! A [`BlobManifest`] names the chunks in order with the plaintext's size and
//! SHA-256; it travels inside a segment, covered by the author's signature, so
//! nobody else can point an attachment at other chunks. [`write_blob`] writes the
//! chunk files and returns the manifest; [`read_blob`] reassembles and verifies the
//! attachment, or says it has not arrived yet or can never be read. A sync pass
//! reads in the same two halves `read_blob` is made of, so that the folder is
//! touched only by a worker holding no key (`crate::offload`): `survey` and
//! `read_chunk_file` (folder I/O, no key), then an `Assembly` (decryption and
//! every check, from memory).
//!
//! Limits, each checked before the bytes it bounds are read: [`CHUNK_BYTES`] of
//! plaintext per chunk, [`MAX_CHUNK_FILE_BYTES`] per chunk file, and
//! [`MAX_ATTACHMENT_BYTES`] per attachment, checked on the manifest before any file
//! is opened.

use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::SyncError;
use crate::folder::write_once;
use crate::signed::sha256_hex;

/// Folder of blob files in the team folder.
pub const BLOBS_DIR: &str = "blobs";
/// Plaintext bytes per chunk. Small enough that a reader holds one chunk at a time
/// and a file-sync tool moves each file quickly; large enough that a 1 GiB
/// attachment is 128 files.
pub const CHUNK_BYTES: u64 = 8 * 1024 * 1024;
/// The largest chunk file read: [`CHUNK_BYTES`] plus age's overhead, namely a 16-byte
/// tag per 64 KiB of payload (one more for the final piece), the 16-byte payload
/// nonce, and up to 64 KiB of header, far more than a header with one X25519
/// stanza (about 200 bytes) needs, so another implementation's header still fits.
pub const MAX_CHUNK_FILE_BYTES: u64 =
    CHUNK_BYTES + (CHUNK_BYTES / AGE_PIECE + 1) * 16 + 16 + 65_536;
/// The largest attachment a manifest may describe (1 GiB). It is above anything a
/// vault holds (SQLite stores at most 10^9 bytes per value, and mail import reads
/// messages of up to 1 GiB, whose base64 attachments decode to about 770 MB), so it
/// refuses only manifests that no honest writer makes, before anything is read.
pub const MAX_ATTACHMENT_BYTES: u64 = 1 << 30;

/// age encrypts its payload in pieces of this many bytes, each with its own tag.
const AGE_PIECE: u64 = 64 * 1024;

/// Where an attachment's content is: its chunk files in order, and what the
/// reassembled plaintext must be. Carried, signed, inside a segment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BlobManifest {
    /// SHA-256 of the whole plaintext, hex: the attachment's key in the vault.
    pub sha256: String,
    /// Plaintext bytes.
    pub size: u64,
    /// SHA-256 of each chunk *file*, hex, in order; also the file's name.
    pub chunks: Vec<String>,
}

impl BlobManifest {
    /// Whether this manifest can describe an attachment at all: within
    /// [`MAX_ATTACHMENT_BYTES`], well-formed hashes, and as many chunks as its size
    /// makes. A manifest that fails is refused before any file is opened; a segment
    /// reader may equally refuse it when it opens the segment.
    pub fn check(&self) -> Result<(), String> {
        self.check_with(CHUNK_BYTES)
    }

    fn check_with(&self, chunk_bytes: u64) -> Result<(), String> {
        if self.size > MAX_ATTACHMENT_BYTES {
            return Err(format!(
                "the manifest describes {} bytes, more than the limit of {MAX_ATTACHMENT_BYTES} bytes per attachment",
                self.size
            ));
        }
        if !is_sha256_hex(&self.sha256) {
            return Err("the manifest's attachment hash is not a SHA-256 in hex".into());
        }
        let expected = self.size.div_ceil(chunk_bytes);
        if self.chunks.len() as u64 != expected {
            return Err(format!(
                "the manifest lists {} chunks, but {} bytes make {expected} chunks of {chunk_bytes} bytes",
                self.chunks.len(),
                self.size
            ));
        }
        // Names become paths: anything but a hash could point outside the folder.
        if let Some(bad) = self.chunks.iter().position(|c| !is_sha256_hex(c)) {
            return Err(format!(
                "chunk {} of {}: its name is not a SHA-256 in hex",
                bad + 1,
                self.chunks.len()
            ));
        }
        Ok(())
    }

    /// Plaintext bytes in chunk `index` (0-based).
    fn chunk_len(&self, index: usize, chunk_bytes: u64) -> u64 {
        let start = index as u64 * chunk_bytes;
        (self.size - start).min(chunk_bytes)
    }
}

/// What reading an attachment's blob found.
#[derive(PartialEq, Eq)]
pub enum BlobRead {
    /// Every chunk arrived, matches its name, decrypts to its share of the size,
    /// and the whole hashes to the manifest's `sha256`: the plaintext.
    Complete(Vec<u8>),
    /// `missing` of the `of` chunks are absent, or their bytes do not (yet) match
    /// their names and do not decrypt: half-synced. Retry after the next delivery.
    NotYet {
        /// Chunks not usable yet.
        missing: usize,
        /// Chunks in the manifest.
        of: usize,
    },
    /// Can never be read as described, and why: the manifest is beyond the limits or
    /// malformed; a chunk is a symlink, FIFO or other special file, or larger than a
    /// chunk file can be; a complete chunk does not decrypt with any identity held
    /// or decrypts to the wrong size; a chunk was replaced by another complete age
    /// file; or the reassembled content does not hash to the manifest's `sha256`.
    Rejected(String),
}

impl std::fmt::Debug for BlobRead {
    // The plaintext is embargoed: debug output never shows it.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Complete(data) => write!(f, "Complete({} bytes)", data.len()),
            Self::NotYet { missing, of } => write!(f, "NotYet {{ missing: {missing}, of: {of} }}"),
            Self::Rejected(why) => f.debug_tuple("Rejected").field(why).finish(),
        }
    }
}

/// The path of the blob file named by `hash` (the SHA-256 of its bytes).
pub fn blob_path(folder: &Path, hash: &str) -> PathBuf {
    let fan_out = hash.get(..2).unwrap_or("00");
    folder
        .join(BLOBS_DIR)
        .join(fan_out)
        .join(format!("{hash}.blob"))
}

/// Parse a strict blob file name (`<64 hex>.blob`): the hash, or `None`.
pub fn parse_blob_name(name: &str) -> Option<&str> {
    name.strip_suffix(".blob")
        .filter(|hash| is_sha256_hex(hash))
}

/// Encrypt the `size` bytes that `data` yields to `recipient` as chunk files under
/// `folder` (write-once, see [`write_once`]) and return their manifest. Streams:
/// holds one chunk of plaintext and its ciphertext at a time. `data` must yield
/// exactly `size` bytes; a slice (`&bytes[..]`) will do.
pub fn write_blob(
    folder: &Path,
    data: impl Read,
    size: u64,
    recipient: &age::x25519::Recipient,
) -> Result<BlobManifest, SyncError> {
    write_chunked(folder, data, size, recipient, CHUNK_BYTES)
}

fn write_chunked(
    folder: &Path,
    data: impl Read,
    size: u64,
    recipient: &age::x25519::Recipient,
    chunk_bytes: u64,
) -> Result<BlobManifest, SyncError> {
    write_chunked_to(
        folder,
        data,
        size,
        recipient,
        chunk_bytes,
        &mut |dir, name, sealed| write_once(&dir, &name, &sealed).map(drop),
    )
}

/// Where [`write_chunked_to`] puts each sealed chunk: its folder, file name and
/// bytes (ciphertext only, so the write may run on a folder worker).
pub(crate) type ChunkSink<'a> = dyn FnMut(PathBuf, String, Vec<u8>) -> Result<(), SyncError> + 'a;

/// [`write_blob`], handing each sealed chunk file to `store` instead of writing it.
pub(crate) fn write_chunked_to(
    folder: &Path,
    mut data: impl Read,
    size: u64,
    recipient: &age::x25519::Recipient,
    chunk_bytes: u64,
    store: &mut ChunkSink<'_>,
) -> Result<BlobManifest, SyncError> {
    if size > MAX_ATTACHMENT_BYTES {
        return Err(SyncError::Refused(format!(
            "the attachment is {size} bytes; the team folder carries at most {MAX_ATTACHMENT_BYTES} bytes per attachment"
        )));
    }
    let source = |e: std::io::Error| SyncError::Refused(format!("reading the attachment: {e}"));
    let mut whole = Sha256::new();
    let mut chunks = Vec::new();
    let mut plain = Vec::with_capacity(usize::try_from(size.min(chunk_bytes)).unwrap_or(0));
    let mut done = 0;
    while done < size {
        let want = (size - done).min(chunk_bytes);
        plain.clear();
        (&mut data)
            .take(want)
            .read_to_end(&mut plain)
            .map_err(source)?;
        if (plain.len() as u64) < want {
            return Err(SyncError::Refused(format!(
                "the attachment ended after {} bytes; {size} were announced",
                done + plain.len() as u64
            )));
        }
        whole.update(&plain);
        let sealed = seal_chunk(&plain, recipient).map_err(source)?;
        let hash = sha256_hex(&sealed);
        let path = blob_path(folder, &hash);
        let dir = path.parent().unwrap_or(folder).to_path_buf();
        store(dir, format!("{hash}.blob"), sealed)?;
        chunks.push(hash);
        done += want;
    }
    let mut extra = Vec::new();
    data.take(1).read_to_end(&mut extra).map_err(source)?;
    if !extra.is_empty() {
        return Err(SyncError::Refused(format!(
            "the attachment holds more than the {size} bytes announced"
        )));
    }
    Ok(BlobManifest {
        sha256: hex::encode(whole.finalize()),
        size,
        chunks,
    })
}

fn seal_chunk(plain: &[u8], recipient: &age::x25519::Recipient) -> std::io::Result<Vec<u8>> {
    use std::io::Write as _;
    let encryptor = age::Encryptor::with_recipients(std::iter::once(recipient as _))
        .map_err(std::io::Error::other)?;
    let mut sealed = Vec::with_capacity(plain.len() + plain.len() / 4096 + 512);
    let mut writer = encryptor.wrap_output(&mut sealed)?;
    writer.write_all(plain)?;
    writer.finish()?;
    Ok(sealed)
}

/// Reassemble and verify the attachment `manifest` describes from the chunk files
/// under `folder`, decrypting with any of `identities`. Holds the plaintext read so
/// far plus one chunk. See [`BlobRead`] for the verdicts; nothing is remembered
/// here, so a verdict reflects the folder as it is now.
pub fn read_blob(
    folder: &Path,
    manifest: &BlobManifest,
    identities: &[age::x25519::Identity],
) -> BlobRead {
    read_chunked(folder, manifest, identities, CHUNK_BYTES)
}

/// How one chunk file stands.
enum Chunk {
    /// Complete and decrypted into the scratch buffer.
    Plain,
    /// Not there, or not (yet) the bytes its name promises.
    NotYet,
}

fn read_chunked(
    folder: &Path,
    manifest: &BlobManifest,
    identities: &[age::x25519::Identity],
    chunk_bytes: u64,
) -> BlobRead {
    if let Err(verdict) = survey_chunked(folder, manifest, chunk_bytes) {
        return verdict;
    }
    let mut assembly = Assembly::with_chunk_bytes(manifest, identities, chunk_bytes);
    for hash in &manifest.chunks {
        if let Err(verdict) = assembly.add(read_chunk_file(folder, hash)) {
            return verdict;
        }
    }
    assembly.finish()
}

/// The first, key-free half of reading a blob: the manifest is checked, then which
/// chunk files under `folder` are there at all, and of a kind and size that can be
/// read, before any is opened. `Err` is the verdict, reached without reading a
/// chunk; `Ok` means: read every chunk with [`read_chunk_file`], in order, into an
/// [`Assembly`].
pub(crate) fn survey(folder: &Path, manifest: &BlobManifest) -> Result<(), BlobRead> {
    survey_chunked(folder, manifest, CHUNK_BYTES)
}

fn survey_chunked(
    folder: &Path,
    manifest: &BlobManifest,
    chunk_bytes: u64,
) -> Result<(), BlobRead> {
    manifest
        .check_with(chunk_bytes)
        .map_err(BlobRead::Rejected)?;
    let mut absent = 0;
    for (index, hash) in manifest.chunks.iter().enumerate() {
        let path = blob_path(folder, hash);
        crate::offload::touch(&path);
        match std::fs::symlink_metadata(path) {
            Err(_) => absent += 1,
            Ok(meta) if !meta.is_file() => {
                return Err(BlobRead::Rejected(format!(
                    "{} is not a regular file (a symlink, FIFO or device); refused",
                    chunk_place(manifest, index)
                )));
            }
            Ok(meta) if meta.len() > MAX_CHUNK_FILE_BYTES => {
                return Err(BlobRead::Rejected(format!(
                    "{} is {} bytes, more than a chunk file can be ({MAX_CHUNK_FILE_BYTES})",
                    chunk_place(manifest, index),
                    meta.len()
                )));
            }
            Ok(_) => {}
        }
    }
    if absent > 0 {
        return Err(BlobRead::NotYet {
            missing: absent,
            of: manifest.chunks.len(),
        });
    }
    Ok(())
}

/// The bytes of the chunk file named `hash` under `folder`, or why there are none:
/// key-free, what a folder worker reads for an [`Assembly`].
pub(crate) fn read_chunk_file(folder: &Path, hash: &str) -> ChunkFile {
    read_regular(&blob_path(folder, hash), MAX_CHUNK_FILE_BYTES)
}

/// One chunk file as read from the folder.
pub(crate) type ChunkFile = Result<Vec<u8>, Refusal>;

/// "chunk 2 of 3 (blobs/ab/ab….blob)", for verdicts.
fn chunk_place(manifest: &BlobManifest, index: usize) -> String {
    format!(
        "chunk {} of {} ({BLOBS_DIR}/{}/{}.blob)",
        index + 1,
        manifest.chunks.len(),
        &manifest.chunks[index][..2],
        manifest.chunks[index]
    )
}

/// The second half of reading a blob, the one that needs keys: chunk files' bytes,
/// taken in manifest order, decrypted and checked, and the whole verified. Holds
/// the plaintext so far plus one chunk.
pub(crate) struct Assembly<'a> {
    manifest: &'a BlobManifest,
    identities: &'a [age::x25519::Identity],
    chunk_bytes: u64,
    index: usize,
    not_yet: usize,
    whole: Sha256,
    out: Vec<u8>,
    plain: Vec<u8>,
}

impl<'a> Assembly<'a> {
    /// For a manifest that [`survey`] accepted.
    pub(crate) fn new(manifest: &'a BlobManifest, identities: &'a [age::x25519::Identity]) -> Self {
        Self::with_chunk_bytes(manifest, identities, CHUNK_BYTES)
    }

    fn with_chunk_bytes(
        manifest: &'a BlobManifest,
        identities: &'a [age::x25519::Identity],
        chunk_bytes: u64,
    ) -> Self {
        Self {
            manifest,
            identities,
            chunk_bytes,
            index: 0,
            not_yet: 0,
            whole: Sha256::new(),
            out: Vec::new(),
            plain: Vec::new(),
        }
    }

    /// Take the next chunk file. `Err` is a verdict reached early (a chunk that can
    /// never be read): the rest need not be read.
    pub(crate) fn add(&mut self, file: ChunkFile) -> Result<(), BlobRead> {
        let index = self.index;
        self.index += 1;
        let Some(hash) = self.manifest.chunks.get(index) else {
            return Err(BlobRead::Rejected(
                "more chunk files than the manifest names".into(),
            ));
        };
        let expected = self.manifest.chunk_len(index, self.chunk_bytes);
        let place = || chunk_place(self.manifest, index);
        match open_chunk(
            file,
            hash,
            self.identities,
            self.chunk_bytes,
            &mut self.plain,
        ) {
            Ok(Chunk::NotYet) => self.not_yet += 1,
            Ok(Chunk::Plain) if self.plain.len() as u64 > self.chunk_bytes => {
                return Err(BlobRead::Rejected(format!(
                    "{} decrypts to more than {} bytes, the most a chunk holds",
                    place(),
                    self.chunk_bytes
                )));
            }
            Ok(Chunk::Plain) if self.plain.len() as u64 != expected => {
                return Err(BlobRead::Rejected(format!(
                    "{} decrypts to {} bytes; the manifest's size makes it {expected}",
                    place(),
                    self.plain.len()
                )));
            }
            Ok(Chunk::Plain) => {
                // Once a chunk is missing the result is NotYet whatever follows; the
                // rest is still decrypted, since a chunk that can never be read is
                // worth saying now rather than after the missing one arrives.
                if self.not_yet == 0 {
                    self.whole.update(&self.plain);
                    self.out.extend_from_slice(&self.plain);
                }
            }
            Err(why) => return Err(BlobRead::Rejected(format!("{}: {why}", place()))),
        }
        Ok(())
    }

    /// The verdict once every chunk was added.
    pub(crate) fn finish(self) -> BlobRead {
        let of = self.manifest.chunks.len();
        if self.index < of {
            return BlobRead::NotYet {
                missing: of - self.index + self.not_yet,
                of,
            };
        }
        if self.not_yet > 0 {
            return BlobRead::NotYet {
                missing: self.not_yet,
                of,
            };
        }
        if hex::encode(self.whole.finalize()) != self.manifest.sha256 {
            return BlobRead::Rejected(
                "every chunk decrypts, but together they do not hash to the attachment's SHA-256 (chunks replaced or mixed up)"
                    .into(),
            );
        }
        BlobRead::Complete(self.out)
    }
}

/// Judge one chunk file's bytes and decrypt them into `plain`; `Err` is a final
/// refusal.
fn open_chunk(
    file: ChunkFile,
    hash: &str,
    identities: &[age::x25519::Identity],
    chunk_bytes: u64,
    plain: &mut Vec<u8>,
) -> Result<Chunk, String> {
    let bytes = match file {
        Ok(bytes) => bytes,
        Err(Refusal::Gone) => return Ok(Chunk::NotYet),
        Err(Refusal::Final(why)) => return Err(why),
    };
    let matches = sha256_hex(&bytes) == hash;
    match decrypt_chunk(&bytes, identities, chunk_bytes, plain) {
        Ok(()) if matches => Ok(Chunk::Plain),
        // A truncated age file never decrypts (its last piece is marked as last), so
        // bytes that decrypt in full but are not what the name says were put there.
        Ok(()) => Err("a complete age file whose bytes do not hash to its name (replaced)".into()),
        Err(why) if matches => Err(why),
        // Bytes still arriving, or garbage: the right ones may yet replace them.
        Err(_) => Ok(Chunk::NotYet),
    }
}

/// Decrypt through `take(chunk_bytes + 1)`, so a chunk that decrypts to more than a
/// chunk may hold is noticed without reading the rest of it.
fn decrypt_chunk(
    bytes: &[u8],
    identities: &[age::x25519::Identity],
    chunk_bytes: u64,
    plain: &mut Vec<u8>,
) -> Result<(), String> {
    plain.clear();
    let decryptor =
        age::Decryptor::new_buffered(bytes).map_err(|e| format!("not an age file ({e})"))?;
    let reader = decryptor
        .decrypt(identities.iter().map(|i| i as &dyn age::Identity))
        .map_err(|e| match e {
            age::DecryptError::NoMatchingKeys => {
                "not encrypted to any team key held here".to_owned()
            }
            other => format!("does not decrypt ({other})"),
        })?;
    reader
        .take(chunk_bytes + 1)
        .read_to_end(plain)
        .map_err(|e| format!("damaged ciphertext ({e})"))?;
    Ok(())
}

/// Why a file was not read.
#[derive(Debug)]
pub(crate) enum Refusal {
    /// It went away (or became unreadable) since it was listed: not yet.
    Gone,
    /// Never to be read: a special file or too large.
    Final(String),
}

// The same rule as `crate::bounded::read_regular`, with the blob verdicts' own
// wording (see the issue note: fold the two into one).
/// Read a regular file of at most `max` bytes without following a symlink and
/// without blocking on a FIFO: the type and size are checked on the open handle,
/// so a file swapped after it was listed cannot slip through, and the read goes
/// through `take` in case it grows meanwhile.
fn read_regular(path: &Path, max: u64) -> Result<Vec<u8>, Refusal> {
    crate::offload::touch(path);
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK);
    }
    let file: File = match options.open(path) {
        Ok(file) => file,
        #[cfg(unix)]
        Err(e) if e.raw_os_error() == Some(libc::ELOOP) => {
            return Err(Refusal::Final(
                "a symlink, not a regular file; refused".into(),
            ));
        }
        Err(_) => return Err(Refusal::Gone),
    };
    let meta = file.metadata().map_err(|_| Refusal::Gone)?;
    if !meta.is_file() {
        return Err(Refusal::Final(
            "not a regular file (a FIFO or device); refused".into(),
        ));
    }
    if meta.len() > max {
        return Err(Refusal::Final(format!(
            "{} bytes, more than the {max} a file of this kind may hold",
            meta.len()
        )));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    crate::bounded::read_paced(file, max + 1, &mut bytes).map_err(|_| Refusal::Gone)?;
    if bytes.len() as u64 > max {
        return Err(Refusal::Final(format!(
            "grew past {max} bytes while being read; refused"
        )));
    }
    Ok(bytes)
}

fn is_sha256_hex(text: &str) -> bool {
    text.len() == 64 && text.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

#[cfg(test)]
mod tests;
