//! age's own test vectors (C2SP/CCTV, shipped in the `age` crate's source
//! package at `tests/testdata/testkit/`, found through `cargo metadata` for the
//! version in Cargo.lock) run through the functions Embargo opens its age files
//! with: `keys.age` (passphrase), `db.key.age` (X25519), team key envelopes and
//! segments. Beyond age's expectations, the stricter rule Embargo keeps: a file
//! that fails releases nothing at all, not even the chunks age would hand out
//! before a damaged one ("payload failure" vectors).

use std::io::Read as _;
use std::path::PathBuf;
use std::str::FromStr as _;

use embargo_api::sync::v2::{envelope, segment};
use embargo_api::vault::{KeyFileRefusal, open_passphrase_file, open_sealed_to};
use secrecy::SecretString;
use sha2::{Digest as _, Sha256};

/// Vectors a header failure is expected of, which the age crate still accepts
/// as legacy stanzas (its own testkit lists the same two).
const AGE_ACCEPTS_LEGACY: [&str; 2] = ["stanza_missing_body", "stanza_missing_final_line"];

#[derive(Debug, PartialEq, Eq)]
enum Expect {
    Success([u8; 32]),
    PayloadFailure,
    Failure(String),
}

#[derive(Debug)]
struct Vector {
    name: String,
    expect: Expect,
    identities: Vec<String>,
    passphrases: Vec<String>,
    armored: bool,
    file: Vec<u8>,
}

/// The host, so `cargo metadata` needs only the crates this build downloaded.
fn host_triple() -> String {
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into());
    let out = std::process::Command::new(rustc)
        .arg("-vV")
        .output()
        .expect("rustc -vV");
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .find_map(|line| line.strip_prefix("host: "))
        .expect("a host line")
        .to_owned()
}

fn testkit_dir() -> PathBuf {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let manifest = concat!(env!("CARGO_MANIFEST_DIR"), "/../../Cargo.toml");
    let out = std::process::Command::new(cargo)
        .args(["metadata", "--format-version", "1", "--locked", "--offline"])
        .args(["--filter-platform", &host_triple()])
        .args(["--manifest-path", manifest])
        .output()
        .expect("cargo metadata runs");
    assert!(
        out.status.success(),
        "cargo metadata: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let metadata: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let ages: Vec<&serde_json::Value> = metadata["packages"]
        .as_array()
        .expect("packages")
        .iter()
        .filter(|p| p["name"] == "age")
        .collect();
    assert_eq!(ages.len(), 1, "one age crate in Cargo.lock");
    let manifest = PathBuf::from(ages[0]["manifest_path"].as_str().expect("path"));
    manifest
        .parent()
        .expect("crate dir")
        .join("tests/testdata/testkit")
}

fn parse(name: String, bytes: &[u8]) -> Vector {
    let mut rest = bytes;
    let mut fields = Vec::new();
    loop {
        let end = rest
            .iter()
            .position(|&b| b == b'\n')
            .expect("a header line");
        let line = std::str::from_utf8(&rest[..end]).expect("text header");
        rest = &rest[end + 1..];
        if line.is_empty() {
            break;
        }
        let (key, value) = line.split_once(": ").expect("key: value");
        fields.push((key.to_owned(), value.trim().to_owned()));
    }
    let field = |key: &str| {
        fields
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.clone())
    };
    let all = |key: &str| -> Vec<String> {
        fields
            .iter()
            .filter(|(k, _)| k == key)
            .map(|(_, v)| v.clone())
            .collect()
    };
    let mut file = rest.to_vec();
    if field("compressed").as_deref() == Some("zlib") {
        let mut inflated = Vec::new();
        flate2::read::ZlibDecoder::new(rest)
            .read_to_end(&mut inflated)
            .expect("zlib");
        file = inflated;
    }
    let expect = match field("expect").expect("expect").as_str() {
        "success" => {
            let hash = hex::decode(field("payload").expect("payload")).expect("hex");
            Expect::Success(hash.try_into().expect("32 bytes"))
        }
        "payload failure" => Expect::PayloadFailure,
        other => Expect::Failure(other.to_owned()),
    };
    Vector {
        name,
        expect,
        identities: all("identity"),
        passphrases: all("passphrase"),
        armored: field("armored").as_deref() == Some("yes"),
        file,
    }
}

fn vectors() -> Vec<Vector> {
    let dir = testkit_dir();
    let mut vectors: Vec<Vector> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| {
            let path = entry.expect("entry").path();
            let name = path
                .file_name()
                .expect("a file name")
                .to_string_lossy()
                .into_owned();
            parse(name, &std::fs::read(&path).expect("read"))
        })
        .collect();
    vectors.sort_by(|a, b| a.name.cmp(&b.name));
    vectors
}

/// What one of Embargo's openers made of a vector: the plaintext, or nothing.
fn judge(vector: &Vector, opener: &str, opened: Option<&[u8]>) {
    let what = format!("{} through {opener}", vector.name);
    match (&vector.expect, opened) {
        (Expect::Success(hash), Some(plain)) => {
            assert_eq!(
                Sha256::digest(plain)[..],
                hash[..],
                "{what}: wrong plaintext"
            );
        }
        // Embargo reads binary age files only: an armored file never opens.
        (Expect::Success(_), None) if vector.armored => {}
        (Expect::Success(_), None) => panic!("{what}: a valid file did not open"),
        (Expect::Failure(_), Some(_)) if AGE_ACCEPTS_LEGACY.contains(&vector.name.as_str()) => {}
        (Expect::PayloadFailure | Expect::Failure(_), Some(plain)) => panic!(
            "{what}: expected {:?}, but {} bytes of plaintext were released",
            vector.expect,
            plain.len()
        ),
        (Expect::PayloadFailure | Expect::Failure(_), None) => {}
    }
}

#[test]
fn every_age_vector_opens_exactly_or_releases_nothing_through_embargos_openers() {
    let vectors = vectors();
    assert!(vectors.len() >= 100, "only {} vectors found", vectors.len());
    let mut runs = 0;
    for vector in &vectors {
        for passphrase in &vector.passphrases {
            let opened =
                open_passphrase_file(&vector.file, &SecretString::from(passphrase.clone()));
            if let Err(KeyFileRefusal::Damaged(reason)) = &opened {
                assert!(!reason.is_empty(), "{}: a refusal says why", vector.name);
            }
            judge(
                vector,
                "the keys.age opener",
                opened.ok().as_deref().map(|p| &p[..]),
            );
            runs += 1;
        }
        let identities: Vec<age::x25519::Identity> = vector
            .identities
            .iter()
            .filter_map(|line| age::x25519::Identity::from_str(line).ok())
            .collect();
        if identities.is_empty() {
            continue;
        }
        let sealed = identities
            .iter()
            .find_map(|identity| open_sealed_to(&vector.file, identity).ok());
        judge(
            vector,
            "the db.key.age opener",
            sealed.as_deref().map(|p| &p[..]),
        );

        // Envelopes and segments parse what decrypts; no vector is one, so every
        // vector is refused, and the reason tells whether it decrypted.
        for identity in &identities {
            let refused = envelope::open(&vector.file, identity).expect_err("not an envelope");
            let decrypted = matches!(&refused, envelope::OpenError::Invalid(why)
                if why.contains("decrypts, but") || why.starts_with("not an Embargo envelope"));
            let too_large = matches!(&refused, envelope::OpenError::Invalid(why)
                if why.contains("bytes an envelope may"));
            let verdict = Parsed {
                decrypted,
                too_large,
            };
            judge_parsed(
                vector,
                "the envelope opener",
                verdict,
                &format!("{refused:?}"),
            );
        }
        let held: Vec<segment::HeldKey<'_>> = identities
            .iter()
            .map(|identity| segment::HeldKey {
                scope: "team",
                generation: 1,
                identity,
            })
            .collect();
        let refused = segment::open(&vector.file, &held).expect_err("not a segment");
        let decrypted =
            matches!(&refused, segment::OpenError::Invalid(why) if why.contains("decrypts, but"));
        let too_large = matches!(&refused, segment::OpenError::Invalid(why) if why.contains("decrypts to more than"));
        let verdict = Parsed {
            decrypted,
            too_large,
        };
        judge_parsed(
            vector,
            "the segment opener",
            verdict,
            &format!("{refused:?}"),
        );
        runs += 3;
    }
    assert!(runs > 250, "{runs} runs");
}

/// How far an opener that parses what decrypts got with a vector.
#[derive(Debug, Clone, Copy)]
struct Parsed {
    /// It decrypted whole and was handed to the parser.
    decrypted: bool,
    /// It was refused for holding more than such a file may, unparsed.
    too_large: bool,
}

/// Only a vector expected to succeed may get as far as the parser; one that
/// succeeds either gets there or is refused, unparsed, for its size.
fn judge_parsed(vector: &Vector, opener: &str, parsed: Parsed, refusal: &str) {
    let success = matches!(vector.expect, Expect::Success(_)) && !vector.armored;
    let legacy = AGE_ACCEPTS_LEGACY.contains(&vector.name.as_str());
    let what = format!(
        "{} through {opener}: expected {:?}, refused with {refusal}",
        vector.name, vector.expect
    );
    if parsed.decrypted {
        assert!(
            success || legacy,
            "{what}: a failing file reached the parser"
        );
    } else if success {
        assert!(parsed.too_large, "{what}: a valid file did not decrypt");
    }
}
