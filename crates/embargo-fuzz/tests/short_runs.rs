//! A short run of every fuzz target, part of the test suite: each seed (and
//! each regression input) verbatim, then a thousand mutations. The long run
//! (a million inputs per target) is in `docs/RELIABILITY.md`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use embargo_fuzz::{TARGETS, run, seeds};

/// Mutations per target by default; `EMBARGO_LONG_TESTS=1` tries 20,000.
fn mutations() -> u64 {
    if std::env::var_os("EMBARGO_LONG_TESTS").is_some_and(|v| v == "1") {
        20_000
    } else {
        1_000
    }
}

#[test]
fn every_target_has_seeds_and_survives_a_short_run() {
    let mut failures = Vec::new();
    for target in TARGETS {
        assert!(
            seeds(target).len() >= 2,
            "{}: commit at least two seeds in corpus/{}",
            target.name,
            target.name
        );
        match run(target, mutations(), 0x5eed) {
            Ok(report) => assert!(report.inputs > mutations()),
            Err(crash) => failures.push(format!(
                "{} panicked ({}) on {:?}",
                target.name,
                crash.message,
                String::from_utf8_lossy(&crash.input)
            )),
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

/// Writes the key-file seeds (cheap scrypt factors, so a mutation costs
/// milliseconds): `cargo test -p embargo-fuzz -- --ignored regenerate_key_file_seeds`.
#[test]
#[ignore = "regenerates committed seeds"]
fn regenerate_key_file_seeds() {
    use std::io::Write as _;
    let dir = embargo_fuzz::corpus_dir().join("key-file");
    std::fs::create_dir_all(&dir).unwrap();
    let plain = br#"{"version":1,"age_identity":"AGE-SECRET-KEY-1FEF0QC7V6NT5YEGPHEXYXFW5GN3ZZNGEA5G6YXCZMCMA0GZS0CAQ2G9F9L","signing_key":"0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20"}"#;
    for factor in [1u8, 2] {
        let mut recipient =
            age::scrypt::Recipient::new(secrecy::SecretString::from(embargo_fuzz::SEED_PASSPHRASE));
        recipient.set_work_factor(factor);
        let encryptor =
            age::Encryptor::with_recipients(std::iter::once(&recipient as &dyn age::Recipient))
                .unwrap();
        let mut out = Vec::new();
        let mut writer = encryptor.wrap_output(&mut out).unwrap();
        writer.write_all(plain).unwrap();
        writer.finish().unwrap();
        std::fs::write(dir.join(format!("factor-{factor}.age")), out).unwrap();
    }
}

/// Every target has its libFuzzer twin in `fuzz/` (and no twin lacks a
/// target), each calling `embargo_fuzz::feed` with its own name.
#[test]
fn every_target_has_a_libfuzzer_target_that_feeds_it() {
    let fuzz = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz");
    let manifest = std::fs::read_to_string(fuzz.join("Cargo.toml")).unwrap();
    let bins: Vec<&str> = manifest
        .lines()
        .filter_map(|line| line.strip_prefix("name = \""))
        .filter_map(|rest| rest.strip_suffix('"'))
        .filter(|name| !name.starts_with("embargo-"))
        .collect();
    let names: Vec<&str> = TARGETS.iter().map(|t| t.name).collect();
    assert_eq!(bins, names, "fuzz/Cargo.toml's [[bin]]s, in TARGETS order");
    for name in names {
        let file = fuzz
            .join("fuzz_targets")
            .join(format!("{}.rs", name.replace('-', "_")));
        let source = std::fs::read_to_string(&file).unwrap();
        assert!(
            source.contains(&format!("embargo_fuzz::feed(\"{name}\", input)")),
            "{} must feed {name:?}",
            file.display()
        );
    }
}
