//! Helpers shared by the corpus tests.
#![allow(dead_code, clippy::unwrap_used)]

use std::path::{Path, PathBuf};

use chrono::{DateTime, TimeZone, Utc};
use embargo_mail::{ParsedMessage, parse_file, parse_message};

pub fn path(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/corpus")
        .join(name)
}

pub fn corpus(name: &str) -> Vec<u8> {
    std::fs::read(path(name)).unwrap()
}

/// Parses a single-message file both ways and checks they agree.
pub fn one(name: &str) -> ParsedMessage {
    let bytes = corpus(name);
    let message = parse_message(&bytes).unwrap();
    assert_eq!(parse_file(&bytes).unwrap(), vec![message.clone()], "{name}");
    message
}

pub fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32, s: u32) -> Option<DateTime<Utc>> {
    Some(Utc.with_ymd_and_hms(y, mo, d, h, mi, s).unwrap())
}

pub fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| (*s).to_owned()).collect()
}
