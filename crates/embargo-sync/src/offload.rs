//! Folder work on a thread the caller can walk away from.
//!
//! On a network share that stops answering (an SMB or NFS server gone, a VPN
//! dropped), `readdir`, `stat`, `read` and `write` block in the kernel and may never
//! return; nothing a program does interrupts them. Code that touched the folder on
//! its own thread would then hold the unlocked vault for good: the desktop could
//! not lock, and `embargo sync` or `embargo team add` would never end. So every
//! access to the team folder, by a sync pass of either format, `sync status`, the
//! roster of `team list` and every team change (create, join, add, remove,
//! upgrade), runs on a detached worker thread ([`run`], or [`spawn`] for a stream
//! of results), and the caller waits for it in short steps, asking its
//! [`Progress`] between them:
//!
//! - as soon as the progress says stop (the app is locking), the pass returns
//!   [`SyncError::Cancelled`];
//! - when the worker has made no progress for [`STALL_LIMIT`], the pass returns a
//!   [`SyncError::Folder`] saying the folder is not responding.
//!
//! A worker is handed only paths, names and bytes that are already ciphertext or
//! public (segments, envelopes and chunks as they sit in the folder, signed roster
//! files): never a key. Decryption and verification run afterwards on the pass's
//! own threads, from bytes in memory. So an abandoned worker, still blocked in the
//! kernel, holds nothing secret; whatever it reads later goes nowhere, and a write
//! it had not finished is given up before its rename (see
//! [`crate::folder::write_once`]).
//!
//! Workers report progress from inside the folder helpers ([`touch`] before each
//! file or folder, [`beat`] for each piece of a long read), through a thread-local
//! set on the worker: the helpers keep their signatures, and run only on workers
//! (with the `test-hooks` feature, an access from any other thread is recorded,
//! for the tests that show there is none).

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU8, AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, SyncSender};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use embargo_domain::Progress;

use crate::SyncError;

#[cfg(feature = "test-hooks")]
pub mod hooks;

/// How long a worker may go without finishing a step (a file or folder started,
/// a megabyte read) before the pass gives up on the folder. Generous: a healthy
/// share, even a slow one over a VPN, moves a megabyte or lists a folder well
/// within it, and a hard-mounted share whose server is gone never answers at all;
/// a minute tells the two apart without giving up on a server that rebooted.
pub const STALL_LIMIT: Duration = Duration::from_secs(60);

/// How often a waiting pass asks whether to stop: a lock is felt within this.
const POLL: Duration = Duration::from_millis(50);

/// Workers of one folder that a pass gave up on and that have not returned yet,
/// above which no new one is started. A dead hard-mounted share never lets them
/// return; without a cap, a desktop syncing every 30 seconds would pile up a
/// blocked thread for each pass.
pub const MAX_HUNG_WORKERS: usize = 4;

/// What a pass that stops waiting for the folder leaves behind, for its message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Stopped {
    /// It was still reading: the vault is as it was.
    NothingMerged,
    /// It had merged already (fetching attachments, writing its own segments).
    MergedKept,
    /// It only looks (status, the roster of `team list`), or had not written
    /// anything this vault depends on yet (creating or joining a team).
    NothingChanged,
    /// A roster change (add, remove, upgrade): this vault was not changed. The new
    /// roster is written last, after the envelopes it needs, so a folder that
    /// gives up before it holds no change, only envelopes nobody uses.
    TeamUnchanged,
}

impl fmt::Display for Stopped {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::NothingMerged => "nothing was merged",
            Self::MergedKept => "what this sync merged is kept; the rest waits for the next sync",
            Self::NothingChanged => "nothing changed",
            Self::TeamUnchanged => "the team was not changed; try again once the folder answers",
        })
    }
}

const RUNNING: u8 = 0;
const FINISHED: u8 = 1;
const PANICKED: u8 = 2;
const ABANDONED: u8 = 3;

/// What a worker and the pass waiting for it share: no data, only how it goes.
#[derive(Debug)]
struct Shared {
    root: PathBuf,
    /// Steps made, for the stall check.
    beats: AtomicU64,
    state: AtomicU8,
}

thread_local! {
    /// Set on folder workers only.
    static CURRENT: RefCell<Option<Arc<Shared>>> = const { RefCell::new(None) };
}

/// Workers given up on and not returned yet, per team folder.
static HUNG: Mutex<BTreeMap<PathBuf, usize>> = Mutex::new(BTreeMap::new());

fn hung() -> std::sync::MutexGuard<'static, BTreeMap<PathBuf, usize>> {
    // Counts only: nothing is left half-updated by a panic.
    HUNG.lock().unwrap_or_else(PoisonError::into_inner)
}

fn hung_workers(root: &Path) -> usize {
    hung().get(root).copied().unwrap_or(0)
}

fn unhang(root: &Path) {
    let mut hung = hung();
    if let Some(count) = hung.get_mut(root) {
        *count = count.saturating_sub(1);
        if *count == 0 {
            hung.remove(root);
        }
    }
}

/// About to touch `path` (list, stat, open, write): one step of the worker's
/// progress. Called by the folder helpers.
pub(crate) fn touch(path: &Path) {
    CURRENT.with(|current| {
        let current = current.borrow();
        if let Some(shared) = current.as_ref() {
            shared.beats.fetch_add(1, Ordering::Relaxed);
        }
        #[cfg(feature = "test-hooks")]
        match current.as_ref() {
            Some(shared) => hooks::at(&shared.root, path),
            None => hooks::outside(path),
        }
    });
    #[cfg(not(feature = "test-hooks"))]
    let _ = path;
}

/// A step within a long operation (a piece of a large file read, entries of a
/// large folder): the worker is slow, not stuck.
pub(crate) fn beat() {
    CURRENT.with(|current| {
        if let Some(shared) = current.borrow().as_ref() {
            shared.beats.fetch_add(1, Ordering::Relaxed);
        }
    });
}

/// Whether the pass stopped waiting for this thread's work (false off a worker):
/// work with effects (a rename) is then not done after all.
pub(crate) fn abandoned() -> bool {
    CURRENT.with(|current| {
        current
            .borrow()
            .as_ref()
            .is_some_and(|shared| shared.state.load(Ordering::Acquire) == ABANDONED)
    })
}

/// The worker's side of the channel.
pub(crate) struct Feed<T> {
    tx: SyncSender<T>,
}

impl<T> Feed<T> {
    /// Hand `item` to the pass (waiting while it has `capacity` unread ones).
    /// `false` when the pass is gone: the job should stop.
    pub(crate) fn send(&self, item: T) -> bool {
        self.tx.send(item).is_ok()
    }
}

/// Marks the worker's end, normal or by panic, before its channel closes, so the
/// pass can tell a finished job from a failed one.
struct End(Arc<Shared>);

impl Drop for End {
    fn drop(&mut self) {
        let end = if std::thread::panicking() {
            PANICKED
        } else {
            FINISHED
        };
        if self.0.state.swap(end, Ordering::AcqRel) == ABANDONED {
            unhang(&self.0.root);
        }
        #[cfg(feature = "test-hooks")]
        hooks::worker_ended(&self.0.root);
    }
}

/// The pass's side: items in the order the job sent them.
pub(crate) struct Worker<T> {
    rx: Receiver<T>,
    shared: Arc<Shared>,
    stall: Duration,
    stopped: Stopped,
    seen: u64,
    since: Instant,
}

impl<T> fmt::Debug for Worker<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Worker")
            .field("root", &self.shared.root)
            .finish_non_exhaustive()
    }
}

/// Start `job` on a detached worker for the team folder `root`. It hands its
/// results over through a [`Feed`] holding at most `capacity` unread ones (so a
/// worker reading ahead of the pass holds a bounded amount of memory).
///
/// `job` must own what it needs: paths, names, bytes from the folder. Never give
/// it a key.
pub(crate) fn spawn<T, F>(
    root: &Path,
    progress: &dyn Progress,
    stopped: Stopped,
    capacity: usize,
    job: F,
) -> Result<Worker<T>, SyncError>
where
    T: Send + 'static,
    F: FnOnce(&Feed<T>) + Send + 'static,
{
    if progress.cancelled() {
        return Err(SyncError::Cancelled);
    }
    let hung = hung_workers(root);
    if hung >= MAX_HUNG_WORKERS {
        return Err(not_responding(
            root,
            format!(
                "the team folder is not responding: {hung} earlier reads of it have not returned (a network share that stopped answering?); {stopped}"
            ),
        ));
    }
    let shared = Arc::new(Shared {
        root: root.to_path_buf(),
        beats: AtomicU64::new(0),
        state: AtomicU8::new(RUNNING),
    });
    let (tx, rx) = mpsc::sync_channel(capacity);
    let theirs = shared.clone();
    #[cfg(feature = "test-hooks")]
    hooks::worker_started(root);
    std::thread::Builder::new()
        .name("embargo-folder".into())
        .spawn(move || {
            let feed = Feed { tx };
            // Dropped before `feed` (declared after it), on panic too.
            let end = End(theirs.clone());
            CURRENT.with(|current| *current.borrow_mut() = Some(theirs));
            job(&feed);
            drop(end);
            drop(feed);
        })
        .map_err(|reason| {
            #[cfg(feature = "test-hooks")]
            hooks::worker_ended(root);
            SyncError::Folder {
                path: root.to_path_buf(),
                reason,
            }
        })?;
    #[cfg(feature = "test-hooks")]
    let stall = hooks::stall_limit(root).unwrap_or(STALL_LIMIT);
    #[cfg(not(feature = "test-hooks"))]
    let stall = STALL_LIMIT;
    Ok(Worker {
        rx,
        shared,
        stall,
        stopped,
        seen: 0,
        since: Instant::now(),
    })
}

/// Run `job` on a worker (see [`spawn`]) and wait for its result.
pub(crate) fn run<T, F>(
    root: &Path,
    progress: &dyn Progress,
    stopped: Stopped,
    job: F,
) -> Result<T, SyncError>
where
    T: Send + 'static,
    F: FnOnce() -> T + Send + 'static,
{
    spawn(root, progress, stopped, 1, move |feed| {
        feed.send(job());
    })?
    .take(progress)
}

impl<T> Worker<T> {
    /// The next item, `None` once the job has finished. Returns
    /// [`SyncError::Cancelled`] as soon as `progress` asks to stop, and a
    /// [`SyncError::Folder`] when the worker has made no progress for the stall
    /// limit (or failed). Either way the worker is abandoned.
    pub(crate) fn next(&mut self, progress: &dyn Progress) -> Result<Option<T>, SyncError> {
        loop {
            if progress.cancelled() {
                return Err(SyncError::Cancelled);
            }
            match self.rx.recv_timeout(POLL) {
                Ok(item) => {
                    self.since = Instant::now();
                    return Ok(Some(item));
                }
                Err(RecvTimeoutError::Timeout) => {
                    let beats = self.shared.beats.load(Ordering::Relaxed);
                    if beats != self.seen {
                        self.seen = beats;
                        self.since = Instant::now();
                    } else if self.since.elapsed() >= self.stall {
                        return Err(not_responding(
                            &self.shared.root,
                            format!(
                                "the team folder is not responding (a network share that stopped answering?); {}",
                                self.stopped
                            ),
                        ));
                    }
                }
                Err(RecvTimeoutError::Disconnected) => {
                    return if self.shared.state.load(Ordering::Acquire) == PANICKED {
                        Err(self.failed())
                    } else {
                        Ok(None)
                    };
                }
            }
        }
    }

    /// The next item, which the job owes: its end before it is an error.
    pub(crate) fn take(&mut self, progress: &dyn Progress) -> Result<T, SyncError> {
        self.next(progress)?.ok_or_else(|| self.failed())
    }

    /// The job sent something other than what the pass expected next (a bug).
    pub(crate) fn out_of_step(&self) -> SyncError {
        SyncError::Folder {
            path: self.shared.root.clone(),
            reason: std::io::Error::other(format!(
                "the folder worker's answers came out of step (a bug); {}",
                self.stopped
            )),
        }
    }

    fn failed(&self) -> SyncError {
        SyncError::Folder {
            path: self.shared.root.clone(),
            reason: std::io::Error::other(format!(
                "reading the team folder failed unexpectedly (a bug); {}",
                self.stopped
            )),
        }
    }
}

impl<T> Drop for Worker<T> {
    fn drop(&mut self) {
        // Counted first, so that the worker, ending right now, always finds the
        // count it takes back.
        let root = &self.shared.root;
        *hung().entry(root.clone()).or_default() += 1;
        let gave_up = self
            .shared
            .state
            .compare_exchange(RUNNING, ABANDONED, Ordering::AcqRel, Ordering::Acquire)
            .is_ok();
        if !gave_up {
            unhang(root);
        }
    }
}

fn not_responding(root: &Path, why: String) -> SyncError {
    SyncError::Folder {
        path: root.to_path_buf(),
        reason: std::io::Error::new(std::io::ErrorKind::TimedOut, why),
    }
}

#[cfg(test)]
mod tests;
