//! Attachments travel as separate blob files: a large one never sits in a segment,
//! and one still arriving delays only itself ("not arrived yet"), never the events.

#![allow(clippy::unwrap_used)]

use embargo_sync::team::History;

use crate::common::*;

fn blob_files(folder: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for fan in std::fs::read_dir(folder.join("v2/blobs")).unwrap() {
        for file in std::fs::read_dir(fan.unwrap().path()).unwrap() {
            files.push(file.unwrap().path());
        }
    }
    files.sort();
    files
}

#[test]
fn an_attachment_still_arriving_delays_only_itself() {
    let folder = tempfile::tempdir().unwrap();
    let mut ann = Person::new("Ann");
    let mut bob = Person::new("Bob");
    ann.create_team(folder.path());
    ann.add(&bob, History::Full);
    bob.join(folder.path(), &ann);
    let case = ann.open_case("a report with a video");
    // Three chunks of 8 MiB at most; the segment holds only its manifest.
    let data: Vec<u8> = (0..20 * 1024 * 1024u32).map(|i| (i % 251) as u8).collect();
    let sha = attach(&mut ann, case, data.clone());
    ann.sync();
    let segments = segment_files(&ann.device_dir(folder.path()));
    assert!(
        segments
            .iter()
            .all(|s| std::fs::metadata(s).unwrap().len() < 64 * 1024),
        "attachments never sit inside segments"
    );
    let chunks = blob_files(folder.path());
    assert_eq!(chunks.len(), 3);

    // The sync tool has delivered everything but one chunk.
    let parked = folder.path().join("parked.blob");
    std::fs::rename(&chunks[1], &parked).unwrap();
    ann.set_title(case, "a later edit");
    ann.sync();
    bob.sync();
    assert_eq!(bob.title(case).as_deref(), Some("a later edit"));
    assert!(!bob.vault.has_attachment(&sha).unwrap());
    let status = bob.status();
    assert_eq!(status.attachments_not_arrived, 1);
    assert!(
        reasons(&status, &sha)
            .iter()
            .any(|r| r.contains("not arrived yet")),
        "{:?}",
        status.waiting
    );

    std::fs::rename(&parked, &chunks[1]).unwrap();
    bob.sync();
    assert_eq!(bob.vault.attachment_bytes(&sha).unwrap().unwrap(), data);
    assert_eq!(bob.status().attachments_not_arrived, 0);
}
