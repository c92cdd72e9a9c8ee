//! A version-1 team folder on a share that stops answering (issue 10, points 8-9):
//! a format-1 pass, its `sync status` and `team list` read the folder only on
//! folder workers, like format 2, so a lock stops them at once and a folder that
//! never answers is a clear error after the stall limit, with nothing merged.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use embargo_domain::CaseId;
use embargo_sync::SyncError;
use embargo_sync::folder::DEVICES_DIR;
use embargo_sync::test_hooks;
use tempfile::TempDir;

use crate::common::*;
use crate::dead_share::{GIVE_UP, PROMPTLY, lock_while_blocked};

/// Ann and Bob in a version-1 team. Bob wrote a case and synced; Ann has a case
/// of her own that has not left yet.
struct Scene {
    folder: TempDir,
    ann: Person,
    bob: Person,
    bobs_case: CaseId,
    anns_case: CaseId,
    anns_unsent: usize,
}

fn scene() -> Scene {
    let folder = tempfile::tempdir().unwrap();
    let mut ann = Person::new("Ann");
    let mut bob = Person::new("Bob");
    embargo_sync::v1::team::create(&mut ann.vault, folder.path(), "PSIRT", now()).unwrap();
    embargo_sync::v1::team::add(&mut ann.vault, bob.keys(), false, now()).unwrap();
    embargo_sync::v1::team::join(&mut bob.vault, folder.path(), &ann.fingerprint()).unwrap();
    let bobs_case = bob.open_case("Heap overflow in the parser");
    bob.sync();
    let anns_case = ann.open_case("Path traversal");
    let anns_unsent = ann.status().unsent_events;
    assert_eq!(ann.status().format, 1);
    Scene {
        folder,
        ann,
        bob,
        bobs_case,
        anns_case,
        anns_unsent,
    }
}

impl Scene {
    fn anns_dir(&self) -> PathBuf {
        self.folder
            .path()
            .join(DEVICES_DIR)
            .join(self.ann.dir_name())
    }

    fn anns_files(&self) -> Vec<String> {
        files_in(&self.anns_dir())
    }

    /// Whether Ann's vault and the folder are as before any pass of hers.
    fn assert_untouched(&mut self) {
        assert_eq!(self.ann.title(self.bobs_case), None, "nothing merged");
        assert_eq!(self.anns_files(), Vec::<String>::new(), "nothing written");
        assert_eq!(self.ann.status().unsent_events, self.anns_unsent);
    }

    /// A pass that is not stopped merges and writes everything.
    fn assert_a_pass_completes(&mut self) {
        let report = self.ann.sync();
        assert_eq!(report.exported_events, self.anns_unsent, "{report:?}");
        assert_eq!(
            self.ann.title(self.bobs_case).as_deref(),
            Some("Heap overflow in the parser")
        );
        assert_eq!(self.anns_files().len(), 1);
        let status = self.ann.status();
        assert_eq!(status.format, 1);
        assert_eq!(status.unsent_events, 0);
        assert!(status.quarantined.is_empty(), "{:?}", status.quarantined);
        self.bob.sync();
        assert_eq!(
            self.bob.title(self.anns_case).as_deref(),
            Some("Path traversal")
        );
    }
}

fn files_in(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .map(|dir| {
            dir.map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn a_format_1_pass_hung_in_the_folder_stops_within_a_second_of_a_lock() {
    let mut scene = scene();
    let faults = test_hooks::on(scene.folder.path());
    // In the order a pass reaches them: the roster (read twice: looking for an
    // upgrade, then for the pass), a teammate's segments (before the merge);
    // this device's own write (after it).
    let bobs_dir = scene.bob.dir_name();
    for part in ["roster", bobs_dir.as_str()] {
        faults.hang_where(part);
        let after_lock = lock_while_blocked(&mut scene.ann, &faults);
        assert!(
            after_lock < PROMPTLY,
            "{part}: {after_lock:?} after the lock"
        );
        scene.assert_untouched();
    }

    faults.hang_where(&format!("{}/", scene.ann.dir_name()));
    let after_lock = lock_while_blocked(&mut scene.ann, &faults);
    assert!(
        after_lock < PROMPTLY,
        "export: {after_lock:?} after the lock"
    );
    assert_eq!(
        scene.ann.title(scene.bobs_case).as_deref(),
        Some("Heap overflow in the parser"),
        "the merge was whole before this device's own segments were written"
    );
    assert_eq!(
        scene.anns_files(),
        Vec::<String>::new(),
        "a write the pass walked away from was given up, not finished later"
    );

    scene.assert_a_pass_completes();
    assert_eq!(faults.outside_workers(), Vec::<PathBuf>::new());
}

#[test]
fn a_format_1_folder_that_never_answers_is_a_clear_error_after_the_stall_limit() {
    let mut scene = scene();
    let faults = test_hooks::on(scene.folder.path());
    let limit = Duration::from_millis(300);
    faults.stall_limit(limit);
    faults.hang();
    let started = Instant::now();
    // As `embargo sync` runs it: nobody will ever ask it to stop.
    let error = embargo_sync::sync_once(&mut scene.ann.vault, now()).unwrap_err();
    assert!(started.elapsed() >= limit);
    let SyncError::Folder { reason, .. } = &error else {
        panic!("{error:?}");
    };
    assert_eq!(reason.kind(), std::io::ErrorKind::TimedOut);
    assert_eq!(
        error.to_string(),
        format!(
            "{}: the team folder is not responding (a network share that stopped answering?); nothing was merged",
            scene.folder.path().canonicalize().unwrap().display()
        )
    );
    // `sync status` and `team list` read the folder too, and give up the same way.
    let error = embargo_sync::status(&mut scene.ann.vault).unwrap_err();
    assert!(error.to_string().contains("not responding"), "{error}");
    let error = embargo_sync::team::current(&mut scene.ann.vault).unwrap_err();
    assert!(error.to_string().contains("not responding"), "{error}");

    faults.release();
    assert!(faults.wait_until_idle(GIVE_UP));
    scene.assert_untouched();
    scene.assert_a_pass_completes();
    assert_eq!(faults.outside_workers(), Vec::<PathBuf>::new());
}
