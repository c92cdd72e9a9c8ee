//! A team folder on a network share that stops answering (issue 10, points 8-9):
//! a pass never waits on the folder on its own thread, so a lock stops it at once
//! with nothing half-merged, a folder that never answers is a clear error after
//! the stall limit, and a later pass, once the share is back, merges everything.
//!
//! The share's death is a test hook (`embargo_sync::test_hooks`) that blocks the
//! folder worker where the kernel would: before it lists, reads or writes a file.
//! Everything else is real: vaults, folder, pass.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use embargo_domain::{CaseId, Progress};
use embargo_sync::team::History;
use embargo_sync::test_hooks::{self, Faults};
use embargo_sync::{MAX_HUNG_WORKERS, SyncError};
use tempfile::TempDir;

use crate::common::*;

/// Long enough for anything on a loaded machine; reaching it is a failure.
pub(crate) const GIVE_UP: Duration = Duration::from_secs(30);
/// How soon after a lock a pass must have returned.
pub(crate) const PROMPTLY: Duration = Duration::from_secs(1);

/// What the desktop's progress does: stop once a lock is asked for.
#[derive(Debug, Clone, Default)]
pub(crate) struct Lock(Arc<AtomicBool>);

impl Lock {
    fn lock(&self) {
        self.0.store(true, Ordering::SeqCst);
    }
}

impl Progress for Lock {
    fn phase(&mut self, _label: &'static str, _total: Option<u64>) {}
    fn advance(&mut self, _steps: u64) {}
    fn cancelled(&self) -> bool {
        self.0.load(Ordering::SeqCst)
    }
}

/// Ann and Bob in a team. Bob wrote a case with an attachment and synced; Ann has
/// a case of her own that has not left yet, and has not synced since Bob did.
struct Scene {
    folder: TempDir,
    ann: Person,
    bob: Person,
    bobs_case: CaseId,
    attachment: String,
    anns_case: CaseId,
    anns_unsent: usize,
}

fn scene() -> Scene {
    let folder = tempfile::tempdir().unwrap();
    let mut ann = Person::new("Ann");
    let mut bob = Person::new("Bob");
    ann.create_team(folder.path());
    ann.add(&bob, History::Full);
    bob.join(folder.path(), &ann);
    let bobs_case = bob.open_case("Heap overflow in the parser");
    let attachment = attach(&mut bob, bobs_case, vec![7; 100_000]);
    bob.sync();
    let anns_case = ann.open_case("Path traversal");
    let anns_unsent = ann.status().unsent_events;
    Scene {
        folder,
        ann,
        bob,
        bobs_case,
        attachment,
        anns_case,
        anns_unsent,
    }
}

impl Scene {
    fn anns_segments(&self) -> usize {
        segment_files(&self.ann.device_dir(self.folder.path())).len()
    }

    /// Whether Ann's vault and the folder are as before any pass of hers.
    fn assert_untouched(&self) {
        assert_eq!(self.ann.title(self.bobs_case), None, "nothing merged");
        assert!(!self.ann.vault.has_attachment(&self.attachment).unwrap());
        assert_eq!(self.anns_segments(), 0, "nothing written");
    }

    /// A pass that is not stopped merges and writes everything.
    fn assert_a_pass_completes(&mut self) {
        let report = self.ann.sync();
        assert_eq!(report.exported_events, self.anns_unsent, "{report:?}");
        assert_eq!(
            self.ann.title(self.bobs_case).as_deref(),
            Some("Heap overflow in the parser")
        );
        assert!(self.ann.vault.has_attachment(&self.attachment).unwrap());
        assert_eq!(self.anns_segments(), 1);
        let status = self.ann.status();
        assert_eq!(status.attachments_not_arrived, 0);
        assert_eq!(status.unsent_events, 0);
        assert!(status.quarantined.is_empty(), "{:?}", status.quarantined);
        self.bob.sync();
        assert_eq!(
            self.bob.title(self.anns_case).as_deref(),
            Some("Path traversal")
        );
    }
}

/// Run a pass of `person` while `faults` hang an access, lock as soon as the pass
/// is blocked there, and return how long after the lock it came back (it must
/// come back `Cancelled`). Then let the share answer again, and wait until the
/// abandoned worker has run out.
pub(crate) fn lock_while_blocked(person: &mut Person, faults: &Faults) -> Duration {
    let vault = &mut person.vault;
    lock_while_blocked_in(faults, move |progress| {
        embargo_sync::sync_once_watched(vault, now(), progress)
    })
}

/// [`lock_while_blocked`] for any work on the folder that a lock must stop.
pub(crate) fn lock_while_blocked_in<T: Send + std::fmt::Debug>(
    faults: &Faults,
    work: impl FnOnce(&mut Lock) -> Result<T, SyncError> + Send,
) -> Duration {
    let lock = Lock::default();
    let (done, finished) = mpsc::channel();
    let (result, after_lock) = thread::scope(|scope| {
        scope.spawn({
            let mut progress = lock.clone();
            move || {
                let result = work(&mut progress);
                done.send((result, Instant::now())).unwrap();
            }
        });
        assert!(
            faults.wait_until_blocked(GIVE_UP),
            "the work reached the access that hangs"
        );
        let asked = Instant::now();
        lock.lock();
        let Ok((result, returned)) = finished.recv_timeout(GIVE_UP) else {
            faults.release();
            panic!("the lock did not stop work blocked in the folder");
        };
        (result, returned.duration_since(asked))
    });
    assert!(matches!(result, Err(SyncError::Cancelled)), "{result:?}");
    faults.release();
    assert!(
        faults.wait_until_idle(GIVE_UP),
        "the abandoned worker ran out"
    );
    after_lock
}

#[test]
fn a_pass_hung_in_the_folder_stops_within_a_second_of_a_lock_and_merges_nothing() {
    let mut scene = scene();
    let faults = test_hooks::on(scene.folder.path());
    faults.hang();
    let after_lock = lock_while_blocked(&mut scene.ann, &faults);
    assert!(
        after_lock < PROMPTLY,
        "returned {after_lock:?} after the lock"
    );
    scene.assert_untouched();
    assert_eq!(
        scene.ann.status().unsent_events,
        scene.anns_unsent,
        "the abandoned worker, once the share answered, changed nothing either"
    );
    scene.assert_a_pass_completes();
    assert_eq!(faults.outside_workers(), Vec::<std::path::PathBuf>::new());
}

#[test]
fn a_lock_stops_the_pass_wherever_the_folder_stops_answering() {
    let mut scene = scene();
    let faults = test_hooks::on(scene.folder.path());
    let bobs_dir = scene.bob.dir_name();
    let anns_first_segment = format!("{}/000000000001-", scene.ann.dir_name());
    // In the order a pass reaches them: the roster, the envelopes, a teammate's
    // segments (all before the merge); the attachments, this device's own writes
    // (after it).
    for part in ["v2/roster", "v2/keys", bobs_dir.as_str()] {
        faults.hang_where(part);
        let after_lock = lock_while_blocked(&mut scene.ann, &faults);
        assert!(
            after_lock < PROMPTLY,
            "{part}: {after_lock:?} after the lock"
        );
        scene.assert_untouched();
    }

    faults.hang_where("v2/blobs");
    let after_lock = lock_while_blocked(&mut scene.ann, &faults);
    assert!(
        after_lock < PROMPTLY,
        "blobs: {after_lock:?} after the lock"
    );
    assert_eq!(
        scene.ann.title(scene.bobs_case).as_deref(),
        Some("Heap overflow in the parser"),
        "the merge was whole before the attachments were fetched"
    );
    assert!(!scene.ann.vault.has_attachment(&scene.attachment).unwrap());
    assert_eq!(scene.ann.status().attachments_not_arrived, 1);

    faults.hang_where(&anns_first_segment);
    let after_lock = lock_while_blocked(&mut scene.ann, &faults);
    assert!(
        after_lock < PROMPTLY,
        "export: {after_lock:?} after the lock"
    );
    assert_eq!(
        scene.anns_segments(),
        0,
        "a write the pass walked away from was given up, not finished later"
    );
    let leftovers: Vec<_> = std::fs::read_dir(scene.ann.device_dir(scene.folder.path()))
        .map(|dir| dir.map(|e| e.unwrap().file_name()).collect())
        .unwrap_or_default();
    assert!(leftovers.is_empty(), "{leftovers:?}");

    scene.assert_a_pass_completes();
    assert_eq!(faults.outside_workers(), Vec::<std::path::PathBuf>::new());
}

#[test]
fn a_folder_that_never_answers_is_a_clear_error_after_the_stall_limit() {
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
    scene.assert_a_pass_completes();
    assert_eq!(faults.outside_workers(), Vec::<std::path::PathBuf>::new());
}

#[test]
fn a_slow_folder_that_keeps_answering_is_waited_for() {
    let mut scene = scene();
    let faults = test_hooks::on(scene.folder.path());
    let limit = Duration::from_millis(300);
    faults.stall_limit(limit);
    // Each file or folder takes a fifth of the limit: the whole pass takes longer
    // than the limit, no single step does.
    faults.slow(limit / 5);
    let started = Instant::now();
    scene.assert_a_pass_completes();
    assert!(started.elapsed() > 2 * limit, "{:?}", started.elapsed());
}

#[test]
fn passes_on_a_folder_that_never_answers_do_not_pile_up_blocked_threads() {
    let mut scene = scene();
    let faults = test_hooks::on(scene.folder.path());
    faults.stall_limit(Duration::from_millis(100));
    faults.hang();
    for _ in 0..MAX_HUNG_WORKERS {
        let error = embargo_sync::sync_once(&mut scene.ann.vault, now()).unwrap_err();
        assert!(error.to_string().contains("not responding"), "{error}");
    }
    let touched = faults.touches();
    let error = embargo_sync::sync_once(&mut scene.ann.vault, now()).unwrap_err();
    assert!(
        error.to_string().contains(&format!(
            "{MAX_HUNG_WORKERS} earlier reads of it have not returned"
        )),
        "{error}"
    );
    assert_eq!(
        faults.touches(),
        touched,
        "no new worker went to the folder"
    );

    faults.release();
    assert!(faults.wait_until_idle(GIVE_UP));
    scene.assert_a_pass_completes();
}
