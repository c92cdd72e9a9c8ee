//! Faults a test can give a team folder (feature `test-hooks`; never in the app).
//!
//! Nothing on Linux lets an unprivileged test make `stat` or `read` of a real file
//! block (a FIFO is refused unopened, FUSE needs privileges), so the fault is put
//! where the kernel would block: on the folder worker, as it is about to touch a
//! file or folder (`offload::touch`). A hung access holds its worker exactly as a
//! read from a dead share would; everything around it (the pass waiting, stopping
//! for a lock, giving up after the stall limit, abandoning the worker) is the code
//! the app runs. The hooks also record folder accesses made on any other thread,
//! so a test can show that a pass leaves none to its own thread.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Condvar, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

#[derive(Debug, Default)]
struct Entry {
    /// Accesses at or after this count whose path contains the text block.
    hang: Option<(usize, Option<String>)>,
    slow: Option<Duration>,
    stall_limit: Option<Duration>,
    touches: usize,
    blocked: usize,
    running: usize,
    outside: Vec<PathBuf>,
}

static FOLDERS: Mutex<BTreeMap<PathBuf, Entry>> = Mutex::new(BTreeMap::new());
static CHANGED: Condvar = Condvar::new();

fn folders() -> MutexGuard<'static, BTreeMap<PathBuf, Entry>> {
    FOLDERS.lock().unwrap_or_else(PoisonError::into_inner)
}

fn canonical(folder: &Path) -> PathBuf {
    folder
        .canonicalize()
        .unwrap_or_else(|_| folder.to_path_buf())
}

/// Faults of one team folder, for as long as this lives (dropping it lets every
/// blocked access go on and forgets the folder).
#[derive(Debug)]
pub struct Faults {
    root: PathBuf,
}

/// Give faults to the team folder `folder` (as the team was created or joined
/// with; made canonical like the team's own path).
pub fn on(folder: &Path) -> Faults {
    let root = canonical(folder);
    folders().entry(root.clone()).or_default();
    Faults { root }
}

impl Faults {
    fn with<R>(&self, change: impl FnOnce(&mut Entry) -> R) -> R {
        let mut folders = folders();
        let result = change(folders.entry(self.root.clone()).or_default());
        CHANGED.notify_all();
        result
    }

    /// From now on, every access to the folder blocks, as on a share that stopped
    /// answering, until [`Faults::release`].
    pub fn hang(&self) {
        self.with(|entry| entry.hang = Some((entry.touches, None)));
    }

    /// From now on, every access to a path containing `part` blocks (the rest go
    /// on), until [`Faults::release`].
    pub fn hang_where(&self, part: &str) {
        self.with(|entry| entry.hang = Some((entry.touches, Some(part.to_owned()))));
    }

    /// Blocked accesses go on, and later ones do not block.
    pub fn release(&self) {
        self.with(|entry| entry.hang = None);
    }

    /// Every access takes `each` longer: a slow share, not a dead one.
    pub fn slow(&self, each: Duration) {
        self.with(|entry| entry.slow = Some(each));
    }

    /// Passes started from now on give up on the folder after `limit` without
    /// progress, instead of [`super::STALL_LIMIT`].
    pub fn stall_limit(&self, limit: Duration) {
        self.with(|entry| entry.stall_limit = Some(limit));
    }

    /// Wait until an access is blocked by [`Faults::hang`]; whether one was
    /// within `timeout`.
    pub fn wait_until_blocked(&self, timeout: Duration) -> bool {
        self.wait(timeout, |entry| entry.blocked > 0)
    }

    /// Wait until no worker of this folder is running (abandoned ones included);
    /// whether that happened within `timeout`.
    pub fn wait_until_idle(&self, timeout: Duration) -> bool {
        self.wait(timeout, |entry| entry.running == 0)
    }

    /// Accesses made so far by folder workers.
    pub fn touches(&self) -> usize {
        self.with(|entry| entry.touches)
    }

    /// Paths of the folder accessed from a thread that was not a folder worker.
    pub fn outside_workers(&self) -> Vec<PathBuf> {
        self.with(|entry| entry.outside.clone())
    }

    fn wait(&self, timeout: Duration, done: impl Fn(&Entry) -> bool) -> bool {
        let folders = folders();
        let (folders, _) = CHANGED
            .wait_timeout_while(folders, timeout, |folders| {
                !folders.get(&self.root).is_some_and(&done)
            })
            .unwrap_or_else(PoisonError::into_inner);
        folders.get(&self.root).is_some_and(done)
    }
}

impl Drop for Faults {
    fn drop(&mut self) {
        folders().remove(&self.root);
        CHANGED.notify_all();
    }
}

pub(super) fn stall_limit(root: &Path) -> Option<Duration> {
    folders().get(root).and_then(|entry| entry.stall_limit)
}

pub(super) fn worker_started(root: &Path) {
    if let Some(entry) = folders().get_mut(root) {
        entry.running += 1;
    }
    CHANGED.notify_all();
}

pub(super) fn worker_ended(root: &Path) {
    if let Some(entry) = folders().get_mut(root) {
        entry.running = entry.running.saturating_sub(1);
    }
    CHANGED.notify_all();
}

/// A worker of `root` is about to access `path`.
pub(super) fn at(root: &Path, path: &Path) {
    let mut folders = folders();
    let Some(entry) = folders.get_mut(root) else {
        return;
    };
    let index = entry.touches;
    entry.touches += 1;
    CHANGED.notify_all();
    if let Some(each) = entry.slow {
        drop(folders);
        std::thread::sleep(each);
        folders = self::folders();
    }
    let blocks = |folders: &BTreeMap<PathBuf, Entry>| {
        folders
            .get(root)
            .and_then(|entry| entry.hang.as_ref())
            .is_some_and(|(from, part)| {
                index >= *from
                    && part
                        .as_ref()
                        .is_none_or(|part| path.to_string_lossy().contains(part.as_str()))
            })
    };
    if !blocks(&folders) {
        return;
    }
    if let Some(entry) = folders.get_mut(root) {
        entry.blocked += 1;
    }
    CHANGED.notify_all();
    let mut folders = CHANGED
        .wait_while(folders, |folders| blocks(folders))
        .unwrap_or_else(PoisonError::into_inner);
    if let Some(entry) = folders.get_mut(root) {
        entry.blocked -= 1;
    }
    CHANGED.notify_all();
}

/// A thread that is not a folder worker is about to access `path`.
pub(super) fn outside(path: &Path) {
    let mut folders = folders();
    if let Some((_, entry)) = folders
        .iter_mut()
        .find(|(root, _)| path.starts_with(root.as_path()))
    {
        entry.outside.push(path.to_path_buf());
    }
}
