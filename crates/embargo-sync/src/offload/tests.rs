//! The mechanism on its own: jobs that block on a channel stand for a share that
//! stopped answering (what a whole pass does is in `tests/team_v2/dead_share.rs`).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::atomic::AtomicBool;
use std::sync::mpsc;
use std::time::Instant;

use super::*;

/// Long enough for anything on a loaded machine; reaching it is a failure.
const GIVE_UP: Duration = Duration::from_secs(20);

#[derive(Debug, Default)]
struct Lock(AtomicBool);

impl Progress for Lock {
    fn phase(&mut self, _label: &'static str, _total: Option<u64>) {}
    fn advance(&mut self, _steps: u64) {}
    fn cancelled(&self) -> bool {
        self.0.load(Ordering::SeqCst)
    }
}

/// A folder root of its own per test: hung workers are counted per folder.
fn root(test: &str) -> PathBuf {
    PathBuf::from(format!("/nonexistent/offload-tests/{test}"))
}

/// Spin until the workers of `root` given up on have all returned.
fn wait_unhung(root: &Path) -> bool {
    let deadline = Instant::now() + GIVE_UP;
    while hung_workers(root) > 0 {
        if Instant::now() > deadline {
            return false;
        }
        std::thread::yield_now();
    }
    true
}

#[test]
fn a_job_s_result_comes_back() {
    let answer = run(
        &root("result"),
        &Lock::default(),
        Stopped::NothingMerged,
        || 40 + 2,
    )
    .unwrap();
    assert_eq!(answer, 42);
    assert!(wait_unhung(&root("result")));
}

#[test]
fn a_lock_stops_the_wait_at_once_and_the_abandoned_worker_does_nothing_more() {
    let root = root("lock");
    let lock = Lock::default();
    let (started, job_started) = mpsc::channel();
    let (release, gate) = mpsc::channel::<()>();
    let (told, abandoned_seen) = mpsc::channel();
    std::thread::scope(|scope| {
        let lock = &lock;
        let asked = scope.spawn(move || {
            job_started.recv_timeout(GIVE_UP).expect("the job started");
            let asked = Instant::now();
            lock.0.store(true, Ordering::SeqCst);
            asked
        });
        let result = run(&root, lock, Stopped::NothingMerged, move || {
            started.send(()).unwrap();
            // A read that does not return until the share does.
            let _ = gate.recv();
            told.send(abandoned()).unwrap();
        });
        let returned = Instant::now();
        assert!(matches!(result, Err(SyncError::Cancelled)), "{result:?}");
        let asked = asked.join().unwrap();
        assert!(
            returned.duration_since(asked) < Duration::from_secs(1),
            "stopped {:?} after the lock",
            returned.duration_since(asked)
        );
    });
    assert_eq!(hung_workers(&root), 1, "the worker is still blocked");
    release.send(()).unwrap();
    assert!(
        abandoned_seen.recv_timeout(GIVE_UP).unwrap(),
        "the worker learns that nobody waits for it (a write then gives up)"
    );
    assert!(wait_unhung(&root), "a worker that returns is not counted");
}

#[test]
fn a_worker_without_progress_for_the_stall_limit_is_a_folder_error() {
    let root = root("stall");
    let (release, gate) = mpsc::channel::<()>();
    let mut worker = spawn(
        &root,
        &Lock::default(),
        Stopped::NothingMerged,
        1,
        move |feed| {
            let _ = gate.recv();
            feed.send(());
        },
    )
    .unwrap();
    worker.stall = Duration::from_millis(200);
    let started = Instant::now();
    let error = worker.take(&Lock::default()).unwrap_err();
    assert!(started.elapsed() >= Duration::from_millis(200));
    let SyncError::Folder { path, reason } = &error else {
        panic!("{error:?}");
    };
    assert_eq!(path, &root);
    assert_eq!(reason.kind(), std::io::ErrorKind::TimedOut);
    assert_eq!(
        reason.to_string(),
        "the team folder is not responding (a network share that stopped answering?); nothing was merged"
    );
    drop(worker);
    release.send(()).unwrap();
    assert!(wait_unhung(&root));
}

#[test]
fn a_slow_worker_that_keeps_making_progress_is_waited_for() {
    let root = root("slow");
    let steps = 8;
    let mut worker = spawn(
        &root,
        &Lock::default(),
        Stopped::NothingMerged,
        1,
        move |feed| {
            for _ in 0..steps {
                // A share that takes its time over each file.
                std::thread::sleep(Duration::from_millis(50));
                beat();
            }
            feed.send("done");
        },
    )
    .unwrap();
    worker.stall = Duration::from_millis(200);
    let started = Instant::now();
    assert_eq!(worker.take(&Lock::default()).unwrap(), "done");
    assert!(
        started.elapsed() > 2 * worker.stall,
        "the job took longer than the stall limit in all"
    );
    assert!(
        worker.next(&Lock::default()).unwrap().is_none(),
        "then it ends"
    );
}

#[test]
fn a_worker_that_panics_is_an_error_not_an_empty_answer() {
    let root = root("panic");
    let result: Result<(), _> = run(&root, &Lock::default(), Stopped::NothingMerged, || {
        panic!("a bug in folder code")
    });
    let Err(SyncError::Folder { reason, .. }) = result else {
        panic!("{result:?}");
    };
    assert!(
        reason.to_string().contains("failed unexpectedly"),
        "{reason}"
    );
}

#[test]
fn workers_hung_on_a_dead_folder_do_not_pile_up() {
    let root = root("pile");
    let mut gates = Vec::new();
    for _ in 0..MAX_HUNG_WORKERS {
        let (release, gate) = mpsc::channel::<()>();
        gates.push(release);
        let mut worker = spawn(
            &root,
            &Lock::default(),
            Stopped::NothingMerged,
            1,
            move |feed| {
                let _ = gate.recv();
                feed.send(());
            },
        )
        .unwrap();
        worker.stall = Duration::from_millis(100);
        assert!(worker.take(&Lock::default()).is_err());
    }
    let ran = Arc::new(AtomicBool::new(false));
    let result = run(&root, &Lock::default(), Stopped::NothingMerged, {
        let ran = ran.clone();
        move || ran.store(true, Ordering::SeqCst)
    });
    let Err(SyncError::Folder { reason, .. }) = result else {
        panic!("{result:?}");
    };
    assert!(
        reason.to_string().contains(&format!(
            "{MAX_HUNG_WORKERS} earlier reads of it have not returned"
        )),
        "{reason}"
    );
    assert!(!ran.load(Ordering::SeqCst), "no new thread was started");
    drop(gates);
    assert!(wait_unhung(&root), "the share answered again");
    run(&root, &Lock::default(), Stopped::NothingMerged, || ()).unwrap();
}
