//! A 300 MiB proof of concept travels from one vault to another: imported from an
//! e-mail, written as blob files beside a small segment, fetched and saved out
//! byte for byte. Heavy (about a minute and 2 GB of memory in a debug build), so it
//! is not in the default run: `cargo test -p embargo-cli --test sync -- --ignored
//! a_300_mib` (docs/BENCHMARKS.md records the last run).
#![allow(clippy::unwrap_used)]

use std::io::Write as _;

use base64::Engine as _;

use crate::team::*;

const SIZE: usize = 300 * 1024 * 1024;

#[test]
#[ignore = "300 MiB end to end; run on demand"]
fn a_300_mib_attachment_travels_between_two_vaults() {
    let folder = tempfile::tempdir().unwrap();
    let people = team(folder.path(), &["Ann", "Bob"]);
    let video: Vec<u8> = (0..SIZE as u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    let sha = {
        use sha2::Digest as _;
        hex::encode(sha2::Sha256::digest(&video))
    };
    let eml = people[0].root.path().join("report.eml");
    {
        let mut out = std::io::BufWriter::new(std::fs::File::create(&eml).unwrap());
        write!(
            out,
            "From: Priya <priya@research.example>\r\nTo: security@project.example\r\n\
             Subject: RCE in the video demuxer\r\nDate: Mon, 30 Nov 2026 08:00:00 +0000\r\n\
             Message-ID: <large-poc@research.example>\r\nMIME-Version: 1.0\r\n\
             Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b\r\n\
             Content-Type: text/plain\r\n\r\nThe attached file crashes the demuxer.\r\n--b\r\n\
             Content-Type: video/mp4; name=\"poc.mp4\"\r\n\
             Content-Disposition: attachment; filename=\"poc.mp4\"\r\n\
             Content-Transfer-Encoding: base64\r\n\r\n"
        )
        .unwrap();
        let encoded = base64::engine::general_purpose::STANDARD.encode(&video);
        for line in encoded.as_bytes().chunks(76) {
            out.write_all(line).unwrap();
            out.write_all(b"\r\n").unwrap();
        }
        out.write_all(b"--b--\r\n").unwrap();
    }
    people[0].ok(&["import", eml.to_str().unwrap()]);
    sync(&people[0]);
    assert!(
        segments(folder.path())
            .iter()
            .all(|s| std::fs::metadata(s).unwrap().len() < 1024 * 1024),
        "the attachment is not inside a segment"
    );
    let report = sync(&people[1]);
    assert!(report["imported_events"].as_u64().unwrap() >= 1);
    let saved = people[1].root.path().join("poc.mp4");
    people[1].ok(&[
        "case",
        "save-attachment",
        "EMB-2026-0001",
        "poc.mp4",
        "-o",
        saved.to_str().unwrap(),
    ]);
    let back = std::fs::read(&saved).unwrap();
    assert_eq!(back.len(), SIZE);
    let back_sha = {
        use sha2::Digest as _;
        hex::encode(sha2::Sha256::digest(&back))
    };
    assert_eq!(back_sha, sha);
}
