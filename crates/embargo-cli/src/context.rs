//! What every command needs: where the vault is, what time it is, where to print,
//! and the session. A command runs the same way in the terminal (it opens the
//! vault itself and prints to the process's stdout) and served by the app or the
//! agent (it borrows their unlocked session for its duration and prints into
//! buffers that go back to the terminal that asked).

use std::cell::{Cell, RefCell};
use std::io::Write;
use std::ops::{Deref, DerefMut};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::Context as _;
use chrono::{DateTime, Utc};
use embargo_api::{ApiError, Session, SystemClock};
use embargo_domain::{Clock, FixedClock, Progress};
use serde::Serialize;

use crate::cli::GlobalArgs;
use crate::passphrase;
use crate::progress_bar::TerminalProgress;

/// The largest standard input a command reads (a piped message or mbox).
pub const MAX_STDIN: u64 = embargo_serve::wire::MAX_STDIN as u64;

/// What every command needs.
pub struct Context<'s> {
    pub global: GlobalArgs,
    pub clock: Arc<dyn Clock>,
    out: RefCell<Box<dyn Write + 's>>,
    err: RefCell<Box<dyn Write + 's>>,
    /// Standard input already read (served, or read before the server turned
    /// out to be gone); `None`: read the process's own when asked.
    stdin: RefCell<Option<Vec<u8>>>,
    served: Option<Served<'s>>,
}

/// A command carried out for a client by the process that holds the vault.
struct Served<'s> {
    session: Cell<Option<&'s mut Session>>,
    cwd: PathBuf,
    cancelled: &'s (dyn Fn() -> bool + Sync),
}

/// The session a command works on: its own, or the one it was lent.
pub enum Opened<'s> {
    Own(Box<Session>),
    Lent(&'s mut Session),
}

impl Deref for Opened<'_> {
    type Target = Session;
    fn deref(&self) -> &Session {
        match self {
            Opened::Own(session) => session,
            Opened::Lent(session) => session,
        }
    }
}

impl DerefMut for Opened<'_> {
    fn deref_mut(&mut self) -> &mut Session {
        match self {
            Opened::Own(session) => session,
            Opened::Lent(session) => session,
        }
    }
}

pub(crate) fn clock_of(global: &GlobalArgs) -> anyhow::Result<Arc<dyn Clock>> {
    Ok(match &global.now {
        Some(text) => {
            let now = DateTime::parse_from_rfc3339(text).with_context(|| {
                format!("--now {text:?} is not an RFC 3339 instant (e.g. 2026-11-24T09:00:00Z)")
            })?;
            Arc::new(FixedClock::new(now.with_timezone(&Utc)))
        }
        None => Arc::new(SystemClock),
    })
}

impl<'s> Context<'s> {
    /// A command run in the terminal: it opens the vault itself.
    pub fn new(global: GlobalArgs) -> anyhow::Result<Self> {
        Ok(Self {
            clock: clock_of(&global)?,
            global,
            out: RefCell::new(Box::new(std::io::stdout())),
            err: RefCell::new(Box::new(std::io::stderr())),
            stdin: RefCell::new(None),
            served: None,
        })
    }

    /// Answer reads of standard input with `bytes` (already read from it).
    pub fn with_stdin(self, bytes: Vec<u8>) -> Self {
        *self.stdin.borrow_mut() = Some(bytes);
        self
    }

    /// A command served on `session` for a client in `cwd`, printing into `out`
    /// and `err`; `cancelled` says when the vault is being locked.
    #[allow(clippy::too_many_arguments, reason = "each is one part of the request")]
    pub fn served(
        global: GlobalArgs,
        clock: Arc<dyn Clock>,
        session: &'s mut Session,
        cwd: PathBuf,
        stdin: Vec<u8>,
        out: &'s mut Vec<u8>,
        err: &'s mut Vec<u8>,
        cancelled: &'s (dyn Fn() -> bool + Sync),
    ) -> Self {
        Self {
            clock,
            global,
            out: RefCell::new(Box::new(out)),
            err: RefCell::new(Box::new(err)),
            stdin: RefCell::new(Some(stdin)),
            served: Some(Served {
                session: Cell::new(Some(session)),
                cwd,
                cancelled,
            }),
        }
    }

    /// Whether the app or the agent carries this command out.
    pub fn is_served(&self) -> bool {
        self.served.is_some()
    }

    /// `--vault`, `$EMBARGO_VAULT`, or the platform data directory.
    pub fn vault_dir(&self) -> anyhow::Result<PathBuf> {
        if let Some(dir) = &self.global.vault {
            return Ok(dir.clone());
        }
        embargo_api::default_vault_dir()
            .context("no home directory to keep the vault in; pass --vault DIR")
    }

    /// A path the user typed, read where they typed it.
    pub fn path(&self, typed: &Path) -> PathBuf {
        match &self.served {
            Some(served) if typed.is_relative() && typed != Path::new("-") => {
                served.cwd.join(typed)
            }
            _ => typed.to_path_buf(),
        }
    }

    /// Standard input, whole (bounded by [`MAX_STDIN`]).
    pub fn stdin(&self) -> anyhow::Result<Vec<u8>> {
        if let Some(bytes) = self.stdin.borrow_mut().take() {
            return Ok(bytes);
        }
        read_bounded(std::io::stdin().lock())
    }

    /// The unlocked session.
    pub fn open(&self) -> anyhow::Result<Opened<'s>> {
        if let Some(served) = &self.served {
            let session = served
                .session
                .take()
                .ok_or_else(|| anyhow::anyhow!("this command opened the vault twice"))?;
            return Ok(Opened::Lent(session));
        }
        Ok(Opened::Own(Box::new(self.open_with(Session::open)?)))
    }

    /// [`Context::open`], accepting a database older than the vault's last change
    /// (a backup put back on purpose). Never served: it is a decision taken while
    /// opening the vault, and the app or agent opened it already.
    pub fn open_accepting_restored(&self) -> anyhow::Result<Opened<'s>> {
        if self.is_served() {
            anyhow::bail!(
                "--accept-restored decides how the vault opens, and the Embargo app or agent has it open: lock it (`embargo lock`), then run this again"
            );
        }
        Ok(Opened::Own(Box::new(
            self.open_with(Session::open_accepting_restored)?,
        )))
    }

    fn open_with(
        &self,
        open: impl FnOnce(
            &std::path::Path,
            &secrecy::SecretString,
            std::sync::Arc<dyn embargo_api::domain::Clock>,
        ) -> Result<Session, ApiError>,
    ) -> anyhow::Result<Session> {
        let dir = self.vault_dir()?;
        if !dir.join("identity.json").exists()
            && !dir.join("keys.age").exists()
            && !dir.join("vault.db").exists()
        {
            return Err(ApiError::Vault(embargo_api::vault::VaultError::NotFound(dir)).into());
        }
        let passphrase = passphrase::existing(self.global.passphrase_file.as_deref())?;
        Ok(open(&dir, &passphrase, self.clock.clone())?)
    }

    /// How a long operation shows progress: a bar on a terminal, and when served,
    /// a stop as soon as the vault is being locked (the lock always wins).
    pub fn progress(&self) -> Box<dyn Progress + '_> {
        match &self.served {
            Some(served) => Box::new(UntilLocked(served.cancelled)),
            None => Box::new(TerminalProgress::on_stderr()),
        }
    }

    /// Print `value` as JSON with `--json`, otherwise as `human` renders it.
    pub fn print<T: Serialize>(
        &self,
        value: &T,
        human: impl FnOnce(&T) -> String,
    ) -> anyhow::Result<()> {
        if self.global.json {
            self.json(value)
        } else {
            let text = human(value);
            if text.is_empty() {
                Ok(())
            } else {
                self.line(&crate::terminal_text::escape_controls(text.trim_end()))
            }
        }
    }

    /// `value` as pretty JSON and a newline, serialized straight into the
    /// output: `due --json` on 10,000 cases is 3.7 MB, which a text in between
    /// copied twice more. Buffered, since standard output is line-buffered and
    /// pretty JSON is many lines.
    fn json<T: Serialize>(&self, value: &T) -> anyhow::Result<()> {
        let mut out = self.out.borrow_mut();
        let mut buffered = std::io::BufWriter::with_capacity(64 << 10, &mut *out);
        let written = serde_json::to_writer_pretty(&mut buffered, value)
            .map_err(std::io::Error::from)
            .and_then(|()| buffered.write_all(b"\n"))
            .and_then(|()| buffered.flush());
        match written {
            Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e.into()),
            _ => Ok(()),
        }
    }

    /// Write one line of output. A reader that went away (`embargo … | head`) is
    /// not an error worth a panic or a message: the output simply stops.
    pub fn line(&self, text: &str) -> anyhow::Result<()> {
        let mut out = self.out.borrow_mut();
        match writeln!(out, "{text}").and_then(|()| out.flush()) {
            Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e.into()),
            _ => Ok(()),
        }
    }

    /// A warning or a notice on standard error, its control characters shown
    /// rather than obeyed (it may quote imported text).
    pub fn note(&self, text: &str) {
        let mut err = self.err.borrow_mut();
        let _ = writeln!(err, "{}", crate::terminal_text::escape_controls(text));
        let _ = err.flush();
    }
}

struct UntilLocked<'a>(&'a (dyn Fn() -> bool + Sync));

impl Progress for UntilLocked<'_> {
    fn phase(&mut self, _label: &'static str, _total: Option<u64>) {}
    fn advance(&mut self, _steps: u64) {}
    fn cancelled(&self) -> bool {
        (self.0)()
    }
}

/// Read `from` to its end, refusing more than [`MAX_STDIN`] bytes.
pub fn read_bounded(from: impl std::io::Read) -> anyhow::Result<Vec<u8>> {
    use std::io::Read as _;
    let mut bytes = Vec::new();
    from.take(MAX_STDIN + 1)
        .read_to_end(&mut bytes)
        .context("reading standard input")?;
    if bytes.len() as u64 > MAX_STDIN {
        anyhow::bail!(
            "standard input holds more than {} MiB; save it to a file and import that",
            MAX_STDIN >> 20
        );
    }
    Ok(bytes)
}
