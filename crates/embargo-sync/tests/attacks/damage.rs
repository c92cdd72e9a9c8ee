//! Damaged, partial, foreign and leftover files: "not yet" or quarantined with a
//! reason, never a crash, never a loss; the genuine file merges once it is whole.
#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};

use crate::common::*;

fn segments(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files
}

#[test]
fn a_segment_truncated_at_every_byte_offset_is_not_yet_then_merges_whole() {
    let folder = tempfile::tempdir().unwrap();
    let mut people = team_of(folder.path(), &["Ann", "Bob"]);
    let case_id = people[0].open_case("Truncation");
    people[0].sync();
    let seg = segments(&people[0].device_dir(folder.path()))
        .pop()
        .unwrap();
    let whole = std::fs::read(&seg).unwrap();
    for cut in 0..whole.len() {
        std::fs::write(&seg, &whole[..cut]).unwrap();
        let report = embargo_sync::sync_once(&mut people[1].vault, now())
            .unwrap_or_else(|e| panic!("sync failed at offset {cut}: {e}"));
        assert_eq!(report.imported_events, 0, "offset {cut}");
    }
    assert_eq!(events_of(&people[1], case_id), 0);
    let status = people[1].status();
    assert!(
        status
            .quarantined
            .iter()
            .any(|f| f.reason.contains("retried")),
        "{:?}",
        status.quarantined
    );
    std::fs::write(&seg, &whole).unwrap();
    let report = people[1].sync();
    assert_eq!(report.imported_events, 1);
    assert!(people[1].status().quarantined.is_empty());
}

#[test]
fn tampered_ciphertext_is_never_merged_and_the_genuine_file_still_is() {
    let folder = tempfile::tempdir().unwrap();
    let mut people = team_of(folder.path(), &["Ann", "Bob"]);
    let case_id = people[0].open_case("Tamper");
    people[0].sync();
    let seg = segments(&people[0].device_dir(folder.path()))
        .pop()
        .unwrap();
    let whole = std::fs::read(&seg).unwrap();
    for at in [whole.len() / 3, whole.len() / 2, whole.len() - 1] {
        let mut bad = whole.clone();
        bad[at] ^= 0x20;
        std::fs::write(&seg, &bad).unwrap();
        assert_eq!(people[1].sync().imported_events, 0);
    }
    assert_eq!(events_of(&people[1], case_id), 0);
    std::fs::write(&seg, &whole).unwrap();
    assert_eq!(people[1].sync().imported_events, 1);
}

#[test]
fn garbage_foreign_age_files_and_sync_tool_leftovers_are_reported_not_merged() {
    let folder = tempfile::tempdir().unwrap();
    let mut people = team_of(folder.path(), &["Ann", "Bob"]);
    let case_id = people[0].open_case("Leftovers");
    people[0].sync();
    let dir = people[0].dir_name();
    let seg = segments(&people[0].device_dir(folder.path()))
        .pop()
        .unwrap();
    let name = seg.file_name().unwrap().to_string_lossy().into_owned();
    let garbage: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
        .collect();
    let garbage_file = write_named(folder.path(), &dir, 2, &garbage);
    // A valid age file to the team, whose content is not a segment.
    let to = recipients(&mut people[0]);
    let foreign = age::encrypt(&to[1], b"{\"hello\":\"not ours\"}").unwrap();
    let foreign_file = write_named(folder.path(), &people[1].dir_name(), 1, &foreign);
    let device_dir = people[0].device_dir(folder.path());
    for leftover in [
        name.replace(".seg", ".sync-conflict-20261124-101010-ABCDEF.seg"),
        format!(
            "{} (conflicted copy 2026-11-24).seg",
            &name[..name.len() - 4]
        ),
        format!(".syncthing.{name}.tmp"),
        format!("~syncthing~{name}.tmp"),
        ".DS_Store".to_owned(),
        format!("{name}.part"),
    ] {
        std::fs::write(device_dir.join(&leftover), b"whatever").unwrap();
    }
    std::fs::create_dir_all(folder.path().join("devices").join("not-a-device")).unwrap();

    let report = people[1].sync();
    assert_eq!(report.imported_events, 1, "only Ann's genuine segment");
    assert_eq!(events_of(&people[1], case_id), 1);
    let status = people[1].status();
    let g = reasons(
        &status,
        &garbage_file.file_name().unwrap().to_string_lossy(),
    );
    assert!(g.iter().any(|r| r.contains("age file")), "{g:?}");
    let f = reasons(
        &status,
        &foreign_file.file_name().unwrap().to_string_lossy(),
    );
    assert!(
        f.iter().any(|r| r.contains("not an Embargo segment")),
        "{f:?}"
    );
    let ignored: Vec<&str> = status.ignored.iter().map(|f| f.reason.as_str()).collect();
    for expected in [
        "Syncthing conflict",
        "conflicted copy",
        "still downloading",
        "operating-system",
        "partial download",
        "does not match",
    ] {
        assert!(
            ignored.iter().any(|r| r.contains(expected)),
            "{expected}: {ignored:?}"
        );
    }
}

#[test]
fn a_gap_waits_and_is_reported_and_a_missing_file_never_deletes() {
    let folder = tempfile::tempdir().unwrap();
    let mut people = team_of(folder.path(), &["Ann", "Bob"]);
    let case_id = people[0].open_case("Gap");
    people[0].sync();
    people[0].set_product(case_id, "v2");
    people[0].sync();
    people[0].set_product(case_id, "v3");
    people[0].sync();
    let files = segments(&people[0].device_dir(folder.path()));
    assert_eq!(files.len(), 3);
    let hidden = std::env::temp_dir().join(format!("held-back-{}", uuid::Uuid::new_v4()));
    std::fs::rename(&files[1], &hidden).unwrap();

    people[1].sync();
    let status = people[1].status();
    assert!(
        status
            .waiting
            .iter()
            .any(|w| w.reason.contains("segment 2 has not arrived")),
        "{:?}",
        status.waiting
    );
    let device = status
        .devices
        .iter()
        .find(|d| d.device == people[0].dir_name())
        .unwrap();
    assert_eq!((device.last_seq, device.folder_seq, device.lag), (1, 3, 2));

    std::fs::rename(&hidden, &files[1]).unwrap();
    people[1].sync();
    assert_eq!(
        people[1]
            .vault
            .case(case_id)
            .unwrap()
            .unwrap()
            .product
            .as_deref(),
        Some("v3")
    );

    // Every segment disappears from the folder: nothing merged is lost.
    std::fs::remove_dir_all(people[0].device_dir(folder.path())).unwrap();
    people[1].sync();
    assert_eq!(events_of(&people[1], case_id), 3);
}

#[test]
fn a_missing_folder_is_a_clear_error_and_writes_resume_when_it_is_back() {
    let base = tempfile::tempdir().unwrap();
    let folder = base.path().join("share");
    let mut people = team_of(&folder, &["Ann", "Bob"]);
    let case_id = people[0].open_case("Unmounted");
    let away = base.path().join("share-unmounted");
    std::fs::rename(&folder, &away).unwrap();
    let err = embargo_sync::sync_once(&mut people[0].vault, now()).unwrap_err();
    assert!(err.to_string().contains("not there"), "{err}");
    assert_eq!(events_of(&people[0], case_id), 1, "nothing lost locally");
    std::fs::rename(&away, &folder).unwrap();
    assert_eq!(people[0].sync().exported_events, 1);
    people[1].sync();
    assert_eq!(events_of(&people[1], case_id), 1);
}

#[test]
fn an_unwritable_folder_fails_the_pass_clearly_and_the_next_sync_writes() {
    // A file where the devices folder should be: no write can succeed, even as root.
    let folder = tempfile::tempdir().unwrap();
    let mut people = team_of(folder.path(), &["Ann"]);
    let case_id = people[0].open_case("Unwritable");
    let devices = folder.path().join("devices");
    std::fs::write(&devices, b"not a folder").unwrap();
    let err = embargo_sync::sync_once(&mut people[0].vault, now()).unwrap_err();
    assert!(err.to_string().contains("devices"), "{err}");
    assert_eq!(events_of(&people[0], case_id), 1);
    std::fs::remove_file(&devices).unwrap();
    assert_eq!(people[0].sync().exported_events, 1);
}
