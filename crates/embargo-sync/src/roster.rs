//! The team roster: a signed, versioned, hash-chained list of members. Only an
//! admin of version N can sign version N+1, and a replica accepts a chain only if
//! version 1 is signed by the admin whose fingerprint it pinned.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use ed25519_dalek::SigningKey;
use serde::{Deserialize, Serialize};

use crate::identity::MemberKeys;
pub use crate::roster_rules::RosterFork;
use crate::roster_rules::{self, Admins};
use crate::signed::{sha256_hex, sign, verify};

/// Version of the roster document in a version-1 team folder.
pub const ROSTER_FORMAT: u32 = 1;
/// Version of the roster document in a version-2 team folder (team key generations).
pub const ROSTER_FORMAT_V2: u32 = 2;

/// What a member may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// May sign new roster versions.
    Admin,
    /// May write events.
    Member,
}

/// One member of the team.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Member {
    /// Name, e-mail and keys.
    #[serde(flatten)]
    pub keys: MemberKeys,
    /// Admin or member.
    pub role: Role,
}

/// A member who was removed, and the last segment of each of their devices that
/// still counts (everything the removing admin had merged).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Removed {
    /// Their Ed25519 key, hex.
    pub signing_key: String,
    /// Device folder name → last accepted sequence number.
    pub cut: BTreeMap<String, u64>,
    /// Format 2: device folder name → file hash of the segment at `cut`. Segments up
    /// to the cut count only if they are on that segment's hash chain, so a removed
    /// member cannot write new segments numbered below the cut.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub cut_hash: BTreeMap<String, String>,
}

/// Format 2: the public half of one generation of a key scope. Content of the scope
/// is encrypted to the newest generation; each generation's secret reaches the
/// members allowed to read it in envelopes (see `v2::envelope`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamKey {
    /// What the key covers: `team` (everything). Narrower scopes (per-case
    /// compartments) will use other names with the same mechanism.
    pub scope: String,
    /// 1, 2, 3, … per scope; a new one whenever a reader must be cut off.
    pub generation: u32,
    /// The generation's age X25519 recipient (`age1…`).
    pub recipient: String,
}

/// Format 2: the version-1 roster this team was upgraded from (its chain still
/// decides who the admins were).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UpgradedFrom {
    /// The version-1 roster version in force at the upgrade.
    pub version: u64,
    /// Its file hash.
    pub hash: String,
}

/// The roster content that is signed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RosterBody {
    /// Always [`ROSTER_FORMAT`].
    pub format: u32,
    /// Team id (a UUID).
    pub team: String,
    /// Team name.
    pub name: String,
    /// 1, 2, 3, …
    pub version: u64,
    /// Hash of the previous version's file (`None` for version 1).
    pub prev: Option<String>,
    /// When the admin signed it.
    pub issued_at: DateTime<Utc>,
    /// Current members.
    pub members: Vec<Member>,
    /// Everyone ever removed (cumulative), with their cut.
    #[serde(default)]
    pub removed: Vec<Removed>,
    /// Format 2: every generation of every key scope (cumulative, oldest first).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub keys: Vec<TeamKey>,
    /// Format 2: set on the first version of a team upgraded from format 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub upgraded_from: Option<UpgradedFrom>,
}

impl RosterBody {
    /// The member with this signing key.
    pub fn member(&self, signing_key: &str) -> Option<&Member> {
        self.members
            .iter()
            .find(|m| m.keys.signing_key == signing_key)
    }

    /// Whether `signing_key` may sign the next version.
    pub fn is_admin(&self, signing_key: &str) -> bool {
        self.member(signing_key)
            .is_some_and(|m| m.role == Role::Admin)
    }

    /// The members' age recipients.
    pub fn recipients(&self) -> Vec<age::x25519::Recipient> {
        self.members
            .iter()
            .filter_map(|m| m.keys.recipient.parse().ok())
            .collect()
    }

    /// The removal record of `signing_key`, if they are not a member now.
    pub fn removal(&self, signing_key: &str) -> Option<&Removed> {
        if self.member(signing_key).is_some() {
            return None;
        }
        self.removed.iter().find(|r| r.signing_key == signing_key)
    }

    /// The newest generation of `scope`: what new content of that scope is encrypted to.
    pub fn newest_key(&self, scope: &str) -> Option<&TeamKey> {
        self.keys
            .iter()
            .filter(|k| k.scope == scope)
            .max_by_key(|k| k.generation)
    }

    /// Generation `generation` of `scope`.
    pub fn key(&self, scope: &str, generation: u32) -> Option<&TeamKey> {
        self.keys
            .iter()
            .find(|k| k.scope == scope && k.generation == generation)
    }

    /// Sign this body as `key`: the file's text.
    pub fn sign(&self, key: &SigningKey) -> String {
        let body = serde_json::to_string(self).unwrap_or_default();
        let signed = SignedRoster {
            signer: hex::encode(key.verifying_key().as_bytes()),
            sig: sign(key, &message(self.format, &body)),
            body,
        };
        serde_json::to_string_pretty(&signed).unwrap_or_default()
    }
}

/// A roster file as stored: the body as exact text, who signed it, the signature.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SignedRoster {
    /// The [`RosterBody`] as JSON text (signed byte for byte).
    pub body: String,
    /// The signer's Ed25519 key, hex.
    pub signer: String,
    /// Signature over `embargo-roster-v1\n` + `body`.
    pub sig: String,
}

/// What a roster signature covers: a context naming the format, then the body text.
fn message(format: u32, body: &str) -> Vec<u8> {
    let mut m = format!("embargo-roster-v{format}\n").into_bytes();
    m.extend_from_slice(body.as_bytes());
    m
}

/// A roster file whose signature is valid (not yet placed in a chain).
#[derive(Debug, Clone)]
pub struct RosterFile {
    /// The parsed body.
    pub body: RosterBody,
    /// Who signed it.
    pub signer: String,
    /// SHA-256 of the file's bytes, hex (what the next version names as `prev`).
    pub hash: String,
    /// The file's text.
    pub text: String,
}

impl RosterFile {
    /// Parse a roster file and check its signature; `None` if it is not one.
    pub fn parse(text: &str) -> Option<Self> {
        let signed: SignedRoster = serde_json::from_str(text).ok()?;
        let body: RosterBody = serde_json::from_str(&signed.body).ok()?;
        if !matches!(body.format, ROSTER_FORMAT | ROSTER_FORMAT_V2)
            || !verify(
                &signed.signer,
                &message(body.format, &signed.body),
                &signed.sig,
            )
        {
            return None;
        }
        Some(Self {
            body,
            signer: signed.signer,
            hash: sha256_hex(text.as_bytes()),
            text: text.to_owned(),
        })
    }
}

/// The verified chain of roster versions, oldest first.
#[derive(Debug, Clone)]
pub struct RosterChain {
    /// Version 1, 2, … in order.
    pub versions: Vec<RosterFile>,
    /// Every version that lost to this chain or breaks the roster rules, and why.
    pub forks: Vec<RosterFork>,
    /// The valid versions among them: to be remembered with the chain, since
    /// later decisions weigh them.
    pub rivals: Vec<RosterFile>,
}

impl RosterChain {
    /// The chain from `files` that starts at a version 1 signed by the admin with
    /// fingerprint `pinned`, rival versions decided by [`roster_rules`]. Files
    /// that do not fit are ignored (and reported in `forks` when they claim a
    /// place in it).
    pub fn verify(files: &[RosterFile], pinned: &str, team: Option<&str>) -> Option<Self> {
        let resolved = roster_rules::resolve(files, pinned, team)?;
        Some(Self {
            versions: resolved.chain.into_iter().cloned().collect(),
            forks: resolved.forks,
            rivals: resolved.rivals.into_iter().cloned().collect(),
        })
    }

    /// The admins of the newest version, with their seniority.
    pub fn admins(&self) -> Admins {
        Admins::along(&self.versions)
    }

    /// The newest version.
    pub fn current(&self) -> &RosterFile {
        // `verify` never builds an empty chain.
        &self.versions[self.versions.len() - 1]
    }

    /// Version `n`, if known.
    pub fn version(&self, n: u64) -> Option<&RosterFile> {
        self.versions.get(usize::try_from(n).ok()?.checked_sub(1)?)
    }
}
