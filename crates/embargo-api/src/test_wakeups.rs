//! Scripted wakeups for the folder loops' tests: each wait is answered by the
//! next step of a script (a step may act on the world first, as a teammate or a
//! mail fetcher writing to the folder), and what the loop asked for is recorded.
//! No test waits for real time.

use std::path::{Path, PathBuf};
use std::time::Duration;

use embargo_domain::Progress;

use crate::{ApiError, FolderWakeups, Session, SessionSource, Wake, Wakeups};

/// One answer to a wait, after doing whatever it does to the world.
pub(crate) type Step<'a> = Box<dyn FnMut() -> Wake + 'a>;

pub(crate) struct Script<'a> {
    steps: Vec<Step<'a>>,
    /// The longest wait of each `wait` call, in order.
    pub(crate) asked: Vec<Duration>,
    /// Each folder the loop followed, in order.
    pub(crate) followed: Vec<PathBuf>,
}

impl<'a> Script<'a> {
    /// Answer the waits with `steps`, in order; then stop.
    pub(crate) fn new(steps: Vec<Step<'a>>) -> Self {
        Self {
            steps: steps.into_iter().rev().collect(),
            asked: Vec::new(),
            followed: Vec::new(),
        }
    }
}

impl Wakeups for Script<'_> {
    fn wait(&mut self, longest: Duration) -> Wake {
        self.asked.push(longest);
        self.steps.pop().map_or(Wake::Stop, |mut step| step())
    }
}

impl FolderWakeups for Script<'_> {
    fn follow(&mut self, folder: &Path) {
        self.followed.push(folder.to_path_buf());
    }
}

/// A source whose session a lock is taking away: its progress says so.
pub(crate) struct Claimed(pub(crate) Session);

struct LockRequested;

impl Progress for LockRequested {
    fn phase(&mut self, _label: &'static str, _total: Option<u64>) {}
    fn advance(&mut self, _steps: u64) {}
    fn cancelled(&self) -> bool {
        true
    }
}

impl SessionSource for Claimed {
    fn with_session<T>(
        &mut self,
        work: impl FnOnce(&mut Session, &mut dyn Progress) -> T,
    ) -> Result<Option<T>, ApiError> {
        Ok(Some(work(&mut self.0, &mut LockRequested)))
    }
}
