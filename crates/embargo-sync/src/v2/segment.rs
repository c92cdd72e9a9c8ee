//! A version-2 segment: one file of events from one device, each event signed by its
//! author over the segment's full context, the whole age-encrypted to one team key
//! generation. Attachments are not inside: the segment carries signed references
//! to blob files (`crate::blobs`).

use std::io::{Read, Write};

use ed25519_dalek::SigningKey;
use embargo_domain::Event;
use serde::{Deserialize, Serialize};

use crate::blobs::BlobManifest;
use crate::signed::{sign, verify};

/// Version of the segment plaintext.
pub const SEGMENT_FORMAT: u32 = 2;
const EVENT_CONTEXT: &str = "embargo-event-v2";
const SEGMENT_CONTEXT: &str = "embargo-segment-v2";
/// At most this many events per segment (keeps files small for sync tools).
pub const EVENTS_PER_SEGMENT: usize = 2_000;
/// Largest plaintext a segment may have: 2,000 events of ordinary size fit many
/// times over (attachments travel as blobs).
pub const MAX_SEGMENT_PLAINTEXT: u64 = 64 * 1024 * 1024;
/// Largest segment file read (plaintext plus age's 16-byte tag per 64 KiB chunk and
/// a header).
pub const MAX_SEGMENT_FILE_BYTES: u64 =
    MAX_SEGMENT_PLAINTEXT + MAX_SEGMENT_PLAINTEXT / 4096 + 64 * 1024;
/// The size limit segment files are read under.
pub const SEGMENT_LIMIT: crate::bounded::Limit = crate::bounded::Limit {
    max_bytes: MAX_SEGMENT_FILE_BYTES,
    what: "a segment",
};

/// Where a segment sits: what every signature in it covers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SegmentHeader {
    /// Always [`SEGMENT_FORMAT`].
    pub format: u32,
    /// Team id.
    pub team: String,
    /// The device folder name (`<key digest>-<device uuid>`).
    pub device: String,
    /// The author's Ed25519 key, hex (the owner of the device folder).
    pub author: String,
    /// 1, 2, 3, … per device.
    pub seq: u64,
    /// File hash of the segment this device wrote before (`None` for its first).
    pub prev: Option<String>,
    /// The roster version the writer had …
    pub roster_version: u64,
    /// … and that version's file hash (a number alone is ambiguous between rivals).
    pub roster_hash: String,
    /// The key scope the segment is encrypted to (`team`).
    pub scope: String,
    /// The generation of that scope (the newest in `roster_version`).
    pub generation: u32,
}

impl SegmentHeader {
    fn context(&self) -> String {
        format!(
            "team={}\ndevice={}\nauthor={}\nseq={}\nprev={}\nroster={}-{}\nkey={}/{}\n",
            self.team,
            self.device,
            self.author,
            self.seq,
            self.prev.as_deref().unwrap_or("-"),
            self.roster_version,
            self.roster_hash,
            self.scope,
            self.generation
        )
    }

    fn event_message(&self, event_json: &str) -> Vec<u8> {
        format!("{EVENT_CONTEXT}\n{}{event_json}", self.context()).into_bytes()
    }

    fn segment_message(&self, events: &[SignedEvent], blobs: &[String]) -> Vec<u8> {
        let mut text = format!(
            "{SEGMENT_CONTEXT}\n{}events={}\n",
            self.context(),
            events.len()
        );
        for event in events {
            text.push_str(&event.sig);
            text.push('\n');
        }
        text.push_str(&format!("blobs={}\n", blobs.len()));
        for blob in blobs {
            text.push_str(blob);
            text.push('\n');
        }
        text.into_bytes()
    }
}

/// One event as JSON text, signed by its author over the header's context + the text.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SignedEvent {
    /// The [`Event`] as JSON (clock and payload included), signed byte for byte.
    pub event: String,
    /// Hex Ed25519 signature.
    pub sig: String,
}

/// The decrypted content of a segment file.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SegmentBody {
    /// Context.
    pub header: SegmentHeader,
    /// The events, in the order the device wrote them.
    pub events: Vec<SignedEvent>,
    /// Each attachment an event of this segment adds: its blob manifest as JSON
    /// text (signed byte for byte, like events).
    #[serde(default)]
    pub blobs: Vec<String>,
    /// The author's signature over the header, every event signature and every
    /// blob manifest.
    pub sig: String,
}

/// Sign `events` under `header` and encrypt to `recipient`: the file's bytes.
pub fn seal(
    header: SegmentHeader,
    events: &[Event],
    blobs: &[BlobManifest],
    key: &SigningKey,
    recipient: &age::x25519::Recipient,
) -> std::io::Result<Vec<u8>> {
    let signed: Vec<SignedEvent> = events
        .iter()
        .map(|event| {
            let json = serde_json::to_string(event).unwrap_or_default();
            SignedEvent {
                sig: sign(key, &header.event_message(&json)),
                event: json,
            }
        })
        .collect();
    let blobs: Vec<String> = blobs
        .iter()
        .map(|b| serde_json::to_string(b).unwrap_or_default())
        .collect();
    let sig = sign(key, &header.segment_message(&signed, &blobs));
    let body = SegmentBody {
        header,
        events: signed,
        blobs,
        sig,
    };
    let plain = serde_json::to_vec(&body).map_err(std::io::Error::other)?;
    let encryptor =
        age::Encryptor::with_recipients(std::iter::once(recipient as &dyn age::Recipient))
            .map_err(std::io::Error::other)?;
    let mut out = Vec::with_capacity(plain.len() + 512);
    let mut writer = encryptor.wrap_output(&mut out)?;
    writer.write_all(&plain)?;
    writer.finish()?;
    Ok(out)
}

/// Why a segment file could not be opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OpenError {
    /// A well-formed age file that none of the keys held opens: its generation's
    /// envelope has not arrived (or it is not for this team). Never final.
    NoKey,
    /// Cut short or altered ciphertext, or not an age file at all.
    Unreadable(String),
    /// Decrypts, but the content is not a valid segment (final: a complete file
    /// never changes under its hash-bearing name).
    Invalid(String),
}

/// A segment whose signatures hold.
#[derive(Debug, Clone)]
pub struct OpenedSegment {
    /// Its context.
    pub header: SegmentHeader,
    /// Its events.
    pub events: Vec<Event>,
    /// Its attachments' blob manifests.
    pub blobs: Vec<BlobManifest>,
    /// Which of the identities offered opened it (scope, generation).
    pub opened_with: (String, u32),
}

/// A key generation held by this device.
pub struct HeldKey<'a> {
    /// Its scope.
    pub scope: &'a str,
    /// Its generation.
    pub generation: u32,
    /// Its secret.
    pub identity: &'a age::x25519::Identity,
}

impl std::fmt::Debug for HeldKey<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "HeldKey({}/{})", self.scope, self.generation)
    }
}

/// Decrypt with whichever held key opens it (newest first), parse, and check the
/// segment signature and every event signature against the header's author, and
/// that every content-derived event id is its content's. Membership and placement
/// are the caller's.
pub fn open(bytes: &[u8], keys: &[HeldKey<'_>]) -> Result<OpenedSegment, OpenError> {
    crate::bounded::check_age_header(bytes).map_err(|e| OpenError::Invalid(e.to_string()))?;
    let mut opened = None;
    for key in keys {
        let decryptor = age::Decryptor::new_buffered(bytes)
            .map_err(|e| OpenError::Unreadable(format!("not a readable age file ({e})")))?;
        match decryptor.decrypt(std::iter::once(key.identity as &dyn age::Identity)) {
            Ok(reader) => {
                opened = Some((reader, (key.scope.to_owned(), key.generation)));
                break;
            }
            Err(age::DecryptError::NoMatchingKeys) => continue,
            Err(e) => return Err(OpenError::Unreadable(format!("cannot decrypt ({e})"))),
        }
    }
    let Some((reader, opened_with)) = opened else {
        return Err(OpenError::NoKey);
    };
    let mut plain = Vec::new();
    reader
        .take(MAX_SEGMENT_PLAINTEXT + 1)
        .read_to_end(&mut plain)
        .map_err(|e| OpenError::Unreadable(format!("incomplete or altered ciphertext ({e})")))?;
    if plain.len() as u64 > MAX_SEGMENT_PLAINTEXT {
        return Err(OpenError::Invalid(format!(
            "decrypts to more than {MAX_SEGMENT_PLAINTEXT} bytes"
        )));
    }
    let body: SegmentBody = serde_json::from_slice(&plain).map_err(|e| {
        OpenError::Invalid(format!("decrypts, but is not an Embargo segment ({e})"))
    })?;
    if body.header.format != SEGMENT_FORMAT {
        return Err(OpenError::Invalid(format!(
            "segment format {} (this Embargo reads {SEGMENT_FORMAT}); update Embargo",
            body.header.format
        )));
    }
    if body.events.len() > EVENTS_PER_SEGMENT {
        return Err(OpenError::Invalid(format!(
            "{} events, more than the {EVENTS_PER_SEGMENT} a segment may hold",
            body.events.len()
        )));
    }
    let header = &body.header;
    if !verify(
        &header.author,
        &header.segment_message(&body.events, &body.blobs),
        &body.sig,
    ) {
        return Err(OpenError::Invalid(
            "the segment signature does not match its author".into(),
        ));
    }
    let messages: Vec<Vec<u8>> = body
        .events
        .iter()
        .map(|e| header.event_message(&e.event))
        .collect();
    let signatures: Vec<&str> = body.events.iter().map(|e| e.sig.as_str()).collect();
    if !crate::signed::verify_all(&header.author, &messages, &signatures) {
        return Err(OpenError::Invalid(
            "an event signature does not hold in this context (lifted or altered)".into(),
        ));
    }
    let mut events = Vec::with_capacity(body.events.len());
    for signed in &body.events {
        let event: Event = serde_json::from_str(&signed.event)
            .map_err(|e| OpenError::Invalid(format!("an event cannot be read ({e})")))?;
        // Checked here, on the examining threads, rather than in the sequential
        // judging: hashing every event's content is a large part of a merge.
        if event.id.is_content_derived() && !event.has_content_id() {
            return Err(OpenError::Invalid(format!(
                "event {} carries an id that does not name its content (an id names one event forever)",
                event.id
            )));
        }
        events.push(event);
    }
    let mut blobs = Vec::with_capacity(body.blobs.len());
    for text in &body.blobs {
        let manifest: BlobManifest = serde_json::from_str(text)
            .map_err(|e| OpenError::Invalid(format!("a blob reference cannot be read ({e})")))?;
        blobs.push(manifest);
    }
    Ok(OpenedSegment {
        header: body.header,
        events,
        blobs,
        opened_with,
    })
}
