//! Where version-2 files live in the team folder, and their strict names.
//!
//! ```text
//! DIR/v2/roster/<version:06>-<sha256>.roster
//! DIR/v2/keys/<scope>/<generation:06>/<member key digest:32>-<sha256>.age
//! DIR/v2/devices/<key digest:32>-<device uuid>/<seq:012>-<sha256>.seg
//! DIR/v2/blobs/<2 hex>/<sha256>.blob
//! ```
//!
//! Version-1 files (`DIR/roster`, `DIR/devices`) sit beside them untouched, so a
//! folder can be upgraded in place while older Embargo versions still read it.

use std::path::{Path, PathBuf};

use crate::identity::key_digest;

/// The folder of everything in format 2.
pub const V2_DIR: &str = "v2";
/// Roster versions.
pub const ROSTER_DIR: &str = "v2/roster";
/// Envelopes, per scope and generation.
pub const KEYS_DIR: &str = "v2/keys";
/// Device folders.
pub const DEVICES_DIR: &str = "v2/devices";
/// The one key scope of this version: everything the team shares.
pub const TEAM_SCOPE: &str = "team";

/// The folder holding `scope`'s envelopes of `generation`.
pub fn envelope_dir(folder: &Path, scope: &str, generation: u32) -> PathBuf {
    folder
        .join(KEYS_DIR)
        .join(scope)
        .join(format!("{generation:06}"))
}

/// An envelope's file name: whose it is, and the hash of its bytes.
pub fn envelope_name(member_signing_key: &str, bytes: &[u8]) -> String {
    format!(
        "{}-{}.age",
        &key_digest(member_signing_key)[..32],
        crate::signed::sha256_hex(bytes)
    )
}

/// Parse a strict envelope name: (member key digest prefix, content hash).
pub fn parse_envelope_name(name: &str) -> Option<(String, String)> {
    let stem = name.strip_suffix(".age")?;
    let (digest, hash) = stem.split_once('-')?;
    (digest.len() == 32 && is_lower_hex(digest) && hash.len() == 64 && is_lower_hex(hash))
        .then(|| (digest.to_owned(), hash.to_owned()))
}

/// Parse a strict generation folder name.
pub fn parse_generation_dir(name: &str) -> Option<u32> {
    (name.len() == 6 && name.bytes().all(|b| b.is_ascii_digit()))
        .then(|| name.parse().ok())
        .flatten()
        .filter(|g| *g > 0)
}

fn is_lower_hex(text: &str) -> bool {
    text.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_strict_names_parse() {
        let hash = "a".repeat(64);
        let digest = "b".repeat(32);
        assert!(parse_envelope_name(&format!("{digest}-{hash}.age")).is_some());
        for bad in [
            format!("{digest}-{hash}.age.sync-conflict-1"),
            format!("{}-{hash}.age", "B".repeat(32)),
            format!("{digest}-{hash}"),
            format!("../{digest}-{hash}.age"),
        ] {
            assert!(parse_envelope_name(&bad).is_none(), "{bad}");
        }
        assert_eq!(parse_generation_dir("000003"), Some(3));
        assert_eq!(parse_generation_dir("000000"), None);
        assert_eq!(parse_generation_dir("3"), None);
    }
}
