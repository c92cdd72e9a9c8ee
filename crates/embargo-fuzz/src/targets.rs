//! The parsers of untrusted bytes, each called the way Embargo reads the file.

use std::io::Write as _;
use std::str::FromStr as _;

use embargo_sync::MemberKeys;
use embargo_sync::roster::{RosterChain, RosterFile};
use embargo_sync::v2::{envelope, segment};
use secrecy::SecretString;

/// One parser and how to feed it.
#[derive(Debug)]
pub struct Target {
    /// Its name, and the name of its seed folder under `corpus/`.
    pub name: &'static str,
    /// What it reads, in words.
    pub what: &'static str,
    /// The longest input tried (each parser's reader caps far lower or higher).
    pub max_len: usize,
    /// Keys and settings shared by every input.
    pub prepare: fn() -> Keys,
    /// Feed one input; any outcome but a panic (or a hang) is fine.
    pub run: fn(&Keys, &[u8]),
}

/// The test keys that open the seed files (the sync crate's frozen vectors:
/// never used anywhere else).
pub struct Keys {
    team_generation_1: age::x25519::Identity,
    admin: age::x25519::Identity,
    pinned_admin: String,
    passphrase: SecretString,
}

impl std::fmt::Debug for Keys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Keys(<test keys>)")
    }
}

/// The passphrase of the key-file seeds.
pub const SEED_PASSPHRASE: &str = "fuzzing passphrase";
/// The admin of the frozen roster (its Ed25519 verifying key, hex).
const ADMIN_SIGNING_KEY: &str = "79b5562e8fe654f94078b112e8a98ba7901f853ae695bed7e0e3910bad049664";
const ADMIN_AGE_IDENTITY: &str =
    "AGE-SECRET-KEY-1AK3YEUT95J99450GNZAAUCYFZDYHR7QCEAK99J6E6T5ZHJAZQC2S8KTJMC";
const TEAM_GENERATION_1: &str =
    "AGE-SECRET-KEY-1FEF0QC7V6NT5YEGPHEXYXFW5GN3ZZNGEA5G6YXCZMCMA0GZS0CAQ2G9F9L";

fn keys() -> Keys {
    let identity =
        |line: &str| age::x25519::Identity::from_str(line).unwrap_or_else(|e| panic!("{e}"));
    Keys {
        team_generation_1: identity(TEAM_GENERATION_1),
        admin: identity(ADMIN_AGE_IDENTITY),
        pinned_admin: embargo_sync::fingerprint(ADMIN_SIGNING_KEY),
        passphrase: SecretString::from(SEED_PASSPHRASE),
    }
}

const HTML_HEADER: &[u8] =
    b"From: Reporter <r@example.net>\r\nSubject: html\r\nContent-Type: text/html; charset=utf-8\r\n\r\n";

/// Every target, in the order the issue lists them.
pub const TARGETS: &[Target] = &[
    Target {
        name: "eml",
        what: "one e-mail message (.eml)",
        max_len: 256 * 1024,
        prepare: keys,
        run: |_, input| drop(embargo_mail::parse_message(input)),
    },
    Target {
        name: "mbox",
        what: "a file that is an .eml or an mbox",
        max_len: 256 * 1024,
        prepare: keys,
        run: |_, input| drop(embargo_mail::parse_file(input)),
    },
    Target {
        name: "html",
        what: "HTML-to-text of an HTML-only message body",
        max_len: 256 * 1024,
        prepare: keys,
        run: |_, input| {
            let mut message = HTML_HEADER.to_vec();
            message.extend_from_slice(input);
            drop(embargo_mail::parse_message(&message));
        },
    },
    Target {
        name: "segment",
        what: "a format-2 segment file as it lies in the folder",
        max_len: 256 * 1024,
        prepare: keys,
        run: |keys, input| drop(segment::open(input, &held(keys))),
    },
    Target {
        name: "segment-plaintext",
        what: "a segment's plaintext, encrypted to the held team key, then opened",
        max_len: 256 * 1024,
        prepare: keys,
        run: |keys, input| {
            let sealed = seal(&keys.team_generation_1.to_public(), input);
            drop(segment::open(&sealed, &held(keys)));
        },
    },
    Target {
        name: "roster",
        what: "a signed roster file, parsed and verified from the pinned admin",
        max_len: 64 * 1024,
        prepare: keys,
        run: |keys, input| {
            if let Some(file) = std::str::from_utf8(input).ok().and_then(RosterFile::parse) {
                drop(RosterChain::verify(&[file], &keys.pinned_admin, None));
            }
        },
    },
    Target {
        name: "envelope",
        what: "a key envelope file as it lies in the folder",
        max_len: 16 * 1024,
        prepare: keys,
        run: |keys, input| drop(envelope::open(input, &keys.admin)),
    },
    Target {
        name: "envelope-plaintext",
        what: "an envelope's plaintext, encrypted to the member, then opened",
        max_len: 16 * 1024,
        prepare: keys,
        run: |keys, input| {
            let sealed = seal(&keys.admin.to_public(), input);
            drop(envelope::open(&sealed, &keys.admin));
        },
    },
    Target {
        name: "bundle",
        what: "a member bundle an admin pastes to add someone",
        max_len: 16 * 1024,
        prepare: keys,
        run: |_, input| {
            if let Ok(line) = std::str::from_utf8(input)
                && let Ok(member) = MemberKeys::parse_bundle(line)
            {
                drop(member.check());
            }
        },
    },
    Target {
        name: "key-file",
        what: "keys.age, the passphrase-protected key file",
        max_len: 16 * 1024,
        prepare: keys,
        run: |keys, input| {
            // Factors up to Embargo's cap are legitimate work (up to half a
            // second each), not a parser question; above the cap, and the
            // cheap factors of the seeds, go through.
            if scrypt_factors(input)
                .any(|f| (13..=u32::from(embargo_vault::SCRYPT_MAX_LOG_N)).contains(&f))
            {
                return;
            }
            drop(embargo_vault::open_passphrase_file(input, &keys.passphrase));
        },
    },
];

fn held(keys: &Keys) -> [segment::HeldKey<'_>; 1] {
    [segment::HeldKey {
        scope: "team",
        generation: 1,
        identity: &keys.team_generation_1,
    }]
}

fn seal(to: &age::x25519::Recipient, plain: &[u8]) -> Vec<u8> {
    let encryptor = age::Encryptor::with_recipients(std::iter::once(to as &dyn age::Recipient))
        .unwrap_or_else(|e| panic!("{e}"));
    let mut out = Vec::with_capacity(plain.len() + 256);
    let mut writer = encryptor
        .wrap_output(&mut out)
        .unwrap_or_else(|e| panic!("{e}"));
    writer.write_all(plain).unwrap_or_else(|e| panic!("{e}"));
    writer.finish().unwrap_or_else(|e| panic!("{e}"));
    out
}

/// The work factors the scrypt stanzas of `input` name (as far as they parse).
fn scrypt_factors(input: &[u8]) -> impl Iterator<Item = u32> + '_ {
    input
        .split(|&b| b == b'\n')
        .filter_map(|line| line.strip_prefix(b"-> scrypt "))
        .filter_map(|args| args.split(|&b| b == b' ').nth(1))
        .filter_map(|arg| std::str::from_utf8(arg).ok()?.trim().parse().ok())
}
