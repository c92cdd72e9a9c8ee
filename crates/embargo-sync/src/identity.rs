//! A member's public bundle (what `identity show` prints and `team add` takes) and
//! the short fingerprint people compare out of band.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use ed25519_dalek::{Signer, SigningKey, VerifyingKey};
use embargo_vault::PublicIdentity;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::SyncError;
use crate::signed::verify;

const BUNDLE_PREFIX: &str = "embargo-member-v1:";
const BUNDLE_CONTEXT: &[u8] = b"embargo-bundle-v1\n";

/// A member's public keys and name, as a teammate sees them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberKeys {
    /// Display name.
    pub name: String,
    /// E-mail address.
    pub email: String,
    /// age X25519 recipient (`age1…`).
    pub recipient: String,
    /// Ed25519 verifying key, hex.
    pub signing_key: String,
}

impl MemberKeys {
    /// The keys of a vault's owner.
    pub fn of(identity: &PublicIdentity) -> Self {
        Self {
            name: identity.name.clone(),
            email: identity.email.clone(),
            recipient: identity.recipient.clone(),
            signing_key: identity.signing_key.clone(),
        }
    }

    /// One line to hand to an admin: the keys, self-signed (proves the sender holds
    /// the signing key), base64url.
    pub fn bundle(&self, key: &SigningKey) -> String {
        let body = serde_json::to_string(self).unwrap_or_default();
        let mut message = BUNDLE_CONTEXT.to_vec();
        message.extend_from_slice(body.as_bytes());
        let signed = SignedBundle {
            body,
            sig: hex::encode(key.sign(&message).to_bytes()),
        };
        let json = serde_json::to_vec(&signed).unwrap_or_default();
        format!("{BUNDLE_PREFIX}{}", URL_SAFE_NO_PAD.encode(json))
    }

    /// Read and verify a bundle line.
    pub fn parse_bundle(line: &str) -> Result<Self, SyncError> {
        let bad = |why: &str| SyncError::Refused(format!("not a member bundle: {why}"));
        let encoded = line
            .trim()
            .strip_prefix(BUNDLE_PREFIX)
            .ok_or_else(|| bad("it should start with `embargo-member-v1:`"))?;
        let json = URL_SAFE_NO_PAD
            .decode(encoded)
            .map_err(|_| bad("damaged base64"))?;
        let signed: SignedBundle =
            serde_json::from_slice(&json).map_err(|_| bad("damaged content"))?;
        let keys: MemberKeys =
            serde_json::from_str(&signed.body).map_err(|_| bad("damaged content"))?;
        keys.check()?;
        let mut message = BUNDLE_CONTEXT.to_vec();
        message.extend_from_slice(signed.body.as_bytes());
        if !verify(&keys.signing_key, &message, &signed.sig) {
            return Err(bad("its signature does not match its signing key"));
        }
        Ok(keys)
    }

    /// The short fingerprint of the signing key.
    pub fn fingerprint(&self) -> String {
        fingerprint(&self.signing_key)
    }

    /// Reject keys that cannot be used.
    pub fn check(&self) -> Result<(), SyncError> {
        if self.recipient.parse::<age::x25519::Recipient>().is_err() {
            return Err(SyncError::Refused(format!(
                "{:?} is not an age X25519 recipient",
                self.recipient
            )));
        }
        if verifying_key(&self.signing_key).is_none() {
            return Err(SyncError::Refused(format!(
                "{:?} is not an Ed25519 key",
                self.signing_key
            )));
        }
        Ok(())
    }
}

#[derive(Serialize, Deserialize)]
struct SignedBundle {
    body: String,
    sig: String,
}

/// `xxxx-xxxx-xxxx-xxxx-xxxx`: the first 80 bits of SHA-256 of the Ed25519 key.
pub fn fingerprint(signing_key_hex: &str) -> String {
    let digest = key_digest(signing_key_hex);
    digest.as_bytes()[..20]
        .chunks(4)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join("-")
}

/// Whether `typed` names the fingerprint `of` (dashes, spaces and case ignored).
pub fn fingerprint_matches(typed: &str, signing_key_hex: &str) -> bool {
    let clean: String = typed
        .chars()
        .filter(|c| c.is_ascii_hexdigit())
        .map(|c| c.to_ascii_lowercase())
        .collect();
    clean.len() >= 20 && key_digest(signing_key_hex).starts_with(&clean)
}

/// Hex SHA-256 of the raw key bytes (or of the text, for a malformed key).
pub(crate) fn key_digest(signing_key_hex: &str) -> String {
    let bytes =
        hex::decode(signing_key_hex).unwrap_or_else(|_| signing_key_hex.as_bytes().to_vec());
    hex::encode(Sha256::digest(bytes))
}

pub(crate) fn verifying_key(hex_key: &str) -> Option<VerifyingKey> {
    let bytes: [u8; 32] = hex::decode(hex_key).ok()?.try_into().ok()?;
    VerifyingKey::from_bytes(&bytes).ok()
}
