//! A segment: one file of events from one device, signed event by event over its
//! full context, then age-encrypted to every current member.

use std::io::{Read, Write};

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use ed25519_dalek::SigningKey;
use embargo_domain::Event;
use serde::{Deserialize, Serialize};

use crate::signed::{sha256_hex, sign, verify};

/// Version of the segment plaintext.
pub const SEGMENT_FORMAT: u32 = 1;
const EVENT_CONTEXT: &str = "embargo-event-v1";
const SEGMENT_CONTEXT: &str = "embargo-segment-v1";
/// Refuse to decrypt more than this from one file (a hostile file cannot fill memory).
pub const MAX_SEGMENT_BYTES: u64 = 256 * 1024 * 1024;

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
    /// SHA-256 of the previous segment file of this device (`None` for seq 1).
    pub prev: Option<String>,
    /// The roster version the writer had.
    pub roster_version: u64,
}

impl SegmentHeader {
    fn context(&self) -> String {
        format!(
            "team={}\ndevice={}\nauthor={}\nseq={}\nprev={}\nroster={}\n",
            self.team,
            self.device,
            self.author,
            self.seq,
            self.prev.as_deref().unwrap_or("-"),
            self.roster_version
        )
    }

    fn event_message(&self, event_json: &str) -> Vec<u8> {
        format!("{EVENT_CONTEXT}\n{}{event_json}", self.context()).into_bytes()
    }

    fn segment_message(&self, events: &[SignedEvent], blobs: &[Blob]) -> Vec<u8> {
        let mut text = format!(
            "{SEGMENT_CONTEXT}\n{}events={}\n",
            self.context(),
            events.len()
        );
        for event in events {
            text.push_str(&event.sig);
            text.push('\n');
        }
        for blob in blobs {
            text.push_str(&blob.sha256);
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

/// Attachment bytes that events of this segment reference.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Blob {
    /// SHA-256 of the bytes, hex.
    pub sha256: String,
    /// The bytes, base64.
    pub data: String,
}

/// The decrypted content of a segment file.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SegmentBody {
    /// Context.
    pub header: SegmentHeader,
    /// The events, in the order the device wrote them.
    pub events: Vec<SignedEvent>,
    /// Attachment bytes.
    #[serde(default)]
    pub blobs: Vec<Blob>,
    /// The author's signature over the header, every event signature and blob hash.
    pub sig: String,
}

/// Sign `events` under `header` and encrypt to `recipients`: the file's bytes.
pub fn seal(
    header: SegmentHeader,
    events: &[Event],
    blobs: Vec<(String, Vec<u8>)>,
    key: &SigningKey,
    recipients: &[age::x25519::Recipient],
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
    let blobs: Vec<Blob> = blobs
        .into_iter()
        .map(|(sha256, data)| Blob {
            sha256,
            data: STANDARD.encode(data),
        })
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
        age::Encryptor::with_recipients(recipients.iter().map(|r| r as &dyn age::Recipient))
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
    /// Not an age file for us, or cut short, or altered: maybe still arriving.
    Unreadable(String),
    /// A complete age file whose content is not a segment.
    NotASegment(String),
    /// A segment whose own signatures do not hold.
    BadSignature(String),
}

/// Decrypt and parse; checks the segment-level and every event signature against
/// the header's author. Membership and placement are checked by the caller.
pub fn open(bytes: &[u8], identity: &age::x25519::Identity) -> Result<OpenedSegment, OpenError> {
    // Never hand `age` a header built to be slow; buffered, it parses the header line
    // by line instead of reparsing it for every few bytes.
    crate::bounded::check_age_header(bytes)
        .map_err(|e| OpenError::Unreadable(format!("not a readable age file ({e})")))?;
    let decryptor = age::Decryptor::new_buffered(bytes)
        .map_err(|e| OpenError::Unreadable(format!("not a readable age file ({e})")))?;
    let mut reader = decryptor
        .decrypt(std::iter::once(identity as &dyn age::Identity))
        .map_err(|e| OpenError::Unreadable(format!("cannot decrypt ({e})")))?;
    let mut plain = Vec::new();
    (&mut reader)
        .take(MAX_SEGMENT_BYTES)
        .read_to_end(&mut plain)
        .map_err(|e| OpenError::Unreadable(format!("incomplete or altered ciphertext ({e})")))?;
    let body: SegmentBody = serde_json::from_slice(&plain).map_err(|e| {
        OpenError::NotASegment(format!("decrypts, but is not an Embargo segment ({e})"))
    })?;
    if body.header.format != SEGMENT_FORMAT {
        return Err(OpenError::NotASegment(format!(
            "segment format {} (this Embargo reads {SEGMENT_FORMAT}); update Embargo",
            body.header.format
        )));
    }
    let header = &body.header;
    if !verify(
        &header.author,
        &header.segment_message(&body.events, &body.blobs),
        &body.sig,
    ) {
        return Err(OpenError::BadSignature(
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
        return Err(OpenError::BadSignature(
            "an event signature does not hold in this context (lifted or altered)".into(),
        ));
    }
    let mut events = Vec::with_capacity(body.events.len());
    for signed in &body.events {
        let event: Event = serde_json::from_str(&signed.event)
            .map_err(|e| OpenError::NotASegment(format!("an event cannot be read ({e})")))?;
        events.push(event);
    }
    let mut blobs = Vec::with_capacity(body.blobs.len());
    for blob in &body.blobs {
        let data = STANDARD
            .decode(&blob.data)
            .map_err(|_| OpenError::NotASegment("damaged attachment bytes".into()))?;
        if sha256_hex(&data) != blob.sha256 {
            return Err(OpenError::NotASegment(
                "attachment bytes do not match their hash".into(),
            ));
        }
        blobs.push((blob.sha256.clone(), data));
    }
    Ok(OpenedSegment {
        header: body.header,
        events,
        blobs,
    })
}

/// A segment whose signatures hold.
#[derive(Debug, Clone)]
pub struct OpenedSegment {
    /// Its context.
    pub header: SegmentHeader,
    /// Its events.
    pub events: Vec<Event>,
    /// Attachment bytes by hash.
    pub blobs: Vec<(String, Vec<u8>)>,
}
