//! Ed25519 signatures over exact bytes: what is signed is the text as stored, never a
//! re-encoding, so a second implementation needs no canonical JSON.

use ed25519_dalek::{Signature, Signer, SigningKey};

use crate::identity::verifying_key;

/// Sign `message`; hex signature.
pub(crate) fn sign(key: &SigningKey, message: &[u8]) -> String {
    hex::encode(key.sign(message).to_bytes())
}

/// Whether `sig_hex` is `signer_hex`'s valid signature over `message`.
pub(crate) fn verify(signer_hex: &str, message: &[u8], sig_hex: &str) -> bool {
    let Some(key) = verifying_key(signer_hex) else {
        return false;
    };
    let Ok(bytes) = hex::decode(sig_hex) else {
        return false;
    };
    let Ok(bytes) = <[u8; 64]>::try_from(bytes.as_slice()) else {
        return false;
    };
    key.verify_strict(message, &Signature::from_bytes(&bytes))
        .is_ok()
}

/// Hex SHA-256.
pub(crate) fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest as _;
    hex::encode(sha2::Sha256::digest(bytes))
}

/// Whether every `signatures[i]` is `signer_hex`'s valid signature over
/// `messages[i]`, checked at once (batch verification: about twice as fast as one
/// by one). The caller checked the key strictly on another signature already.
pub(crate) fn verify_all(signer_hex: &str, messages: &[Vec<u8>], signatures: &[&str]) -> bool {
    let Some(key) = verifying_key(signer_hex) else {
        return false;
    };
    if key.is_weak() || messages.len() != signatures.len() {
        return false;
    }
    let mut parsed = Vec::with_capacity(signatures.len());
    for sig in signatures {
        let Some(bytes) = hex::decode(sig)
            .ok()
            .and_then(|b| <[u8; 64]>::try_from(b.as_slice()).ok())
        else {
            return false;
        };
        parsed.push(Signature::from_bytes(&bytes));
    }
    let refs: Vec<&[u8]> = messages.iter().map(Vec::as_slice).collect();
    let keys = vec![key; messages.len()];
    ed25519_dalek::verify_batch(&refs, &parsed, &keys).is_ok()
}
