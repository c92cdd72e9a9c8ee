//! `embargo unlock [--for DURATION]`, `embargo lock` and the agent between them:
//! a small background process (like rbw's or gpg-agent) that holds the vault
//! unlocked, serves `embargo …` commands over the same-user channel, and runs the
//! deadline notifier and the team sync, until `embargo lock` or the time is up.
//!
//! `unlock` asks for the passphrase here, in the terminal, and hands it to the
//! agent it starts through the agent's standard input (a pipe between the two
//! processes, never the channel); the agent answers one line, `ok` or the error,
//! and from then on writes nothing anywhere.

use std::io::{BufRead as _, BufReader, Read as _, Write as _};
use std::os::unix::process::CommandExt as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::Duration;

use anyhow::Context as _;
use chrono::{DateTime, Utc};
use embargo_api::{Session, SystemClock};
use embargo_domain::Clock;
use embargo_serve::{Request, Response, ServeError, Server};
use secrecy::{ExposeSecret as _, SecretString};

use crate::context::Context;

/// Check the clock at least this often while waiting for the time to be up (a
/// laptop that slept through the end locks as soon as it wakes).
const EXPIRY_CHECK: Duration = Duration::from_secs(30);

/// `embargo unlock`: start the agent and wait for its first word.
pub fn unlock(context: &Context, duration: &str) -> anyhow::Result<u8> {
    parse_duration(duration)?;
    let dir = absolute(&context.vault_dir()?)?;
    let passphrase = crate::passphrase::existing(context.global.passphrase_file.as_deref())?;
    let mut agent = Command::new(std::env::current_exe().context("finding the embargo program")?)
        .arg("--vault")
        .arg(&dir)
        .args(["agent", "--for", duration])
        .env_remove("EMBARGO_PASSPHRASE")
        // Not the terminal's directory (it would pin a mount) nor its process
        // group (Ctrl-C in the terminal does not stop the agent; `embargo lock` does).
        .current_dir("/")
        .process_group(0)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .context("starting the Embargo agent")?;
    if let Some(mut to_agent) = agent.stdin.take() {
        to_agent
            .write_all(format!("{}\n", passphrase.expose_secret()).as_bytes())
            .context("handing the passphrase to the agent")?;
    }
    let mut answer = String::new();
    if let Some(from_agent) = agent.stdout.take() {
        BufReader::new(from_agent.take(4096))
            .read_line(&mut answer)
            .context("waiting for the agent")?;
    }
    match answer.trim_end().split_once(' ') {
        Some(("ok", until)) => {
            context.print(
                &serde_json::json!({ "unlocked_until": until, "vault": dir }),
                |_| format!("unlocked until {until} (`embargo lock` locks now)"),
            )?;
            Ok(0)
        }
        Some(("error", rest)) => {
            let _ = agent.wait();
            let (code, message) = rest.split_once(' ').unwrap_or(("1", rest));
            context.note(&format!("error: {message}"));
            Ok(code.parse().unwrap_or(1))
        }
        _ => {
            let status = agent.wait();
            anyhow::bail!("the Embargo agent stopped without a word ({status:?})")
        }
    }
}

/// `embargo lock`: whoever holds this vault unlocked (agent or app) locks it.
pub fn lock(context: &Context) -> anyhow::Result<u8> {
    let dir = context.vault_dir()?;
    let said = match embargo_serve::call(&dir, &Request::Lock) {
        Ok(Response::LockedNow) => "locked",
        Ok(Response::Locked) | Err(ServeError::NotServed | ServeError::Unsupported) => {
            "already locked: no Embargo app or agent holds this vault unlocked"
        }
        Ok(Response::Done { .. }) => {
            anyhow::bail!("the Embargo channel answered a lock with output")
        }
        Err(error) => return Err(error.into()),
    };
    context.print(&serde_json::json!({ "locked": true }), |_| said.to_owned())?;
    Ok(0)
}

/// The agent process itself (`embargo agent`, started by [`unlock`]).
pub fn run(context: &Context, duration: &str) -> anyhow::Result<u8> {
    let say = |line: &str| {
        let mut out = std::io::stdout();
        let _ = writeln!(out, "{line}");
        let _ = out.flush();
    };
    let until = match parse_duration(duration) {
        Ok(length) => context.clock.now() + length,
        Err(error) => {
            say(&format!("error 1 {error:#}"));
            return Ok(1);
        }
    };
    let dir = context.vault_dir()?;
    let passphrase = read_passphrase()?;
    let session = match Session::open(&dir, &passphrase, Arc::new(SystemClock)) {
        Ok(session) => session,
        Err(error) => {
            let error = anyhow::Error::new(error);
            say(&format!(
                "error {} {}",
                crate::exit_code(&error),
                crate::error_words::words(&error)
            ));
            return Ok(crate::exit_code(&error));
        }
    };
    drop(passphrase);
    let held = Arc::new(Held::new(session, dir.clone()));
    let handler: embargo_serve::Handler = {
        let held = held.clone();
        Arc::new(move |request| held.answer(request))
    };
    let server =
        match embargo_serve::socket_path(&dir).and_then(|path| Server::bind(&path, handler)) {
            Ok(server) => server,
            Err(error) => {
                say(&format!("error 4 {error}"));
                return Ok(4);
            }
        };
    say(&format!(
        "ok {}",
        until.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
    ));
    crate::agent_loops::run_notifier(held.clone());
    crate::agent_loops::run_team_sync(held.clone());
    crate::agent_loops::run_intake(held.clone());
    held.wait_until(until, context.clock.as_ref());
    held.request_stop();
    server.stop();
    held.close();
    Ok(0)
}

fn read_passphrase() -> anyhow::Result<SecretString> {
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .take(64 << 10)
        .read_line(&mut line)
        .context("reading the passphrase from `embargo unlock`")?;
    let passphrase = SecretString::from(line.trim_end_matches(['\r', '\n']).to_owned());
    line.clear();
    Ok(passphrase)
}

fn parse_duration(text: &str) -> anyhow::Result<chrono::Duration> {
    let length = crate::commands::duration("--for", text)?.as_chrono();
    if length <= chrono::Duration::zero() {
        anyhow::bail!("--for must be at least 1m");
    }
    Ok(length)
}

fn absolute(dir: &Path) -> anyhow::Result<PathBuf> {
    std::path::absolute(dir).with_context(|| format!("{}", dir.display()))
}

/// What the agent holds: the session (taken by one served command or one
/// background pass at a time, each only for its duration) and whether it is
/// stopping (readable without the session, so a lock never waits to be heard).
pub(crate) struct Held {
    session: Mutex<Option<Session>>,
    vault_dir: PathBuf,
    stopping: AtomicBool,
    wake: (Mutex<()>, Condvar),
}

impl Held {
    fn new(session: Session, vault_dir: PathBuf) -> Self {
        Self {
            session: Mutex::new(Some(session)),
            vault_dir,
            stopping: AtomicBool::new(false),
            wake: (Mutex::new(()), Condvar::new()),
        }
    }

    fn slot(&self) -> MutexGuard<'_, Option<Session>> {
        // A panicked command leaves the session as consistent as SQLite does.
        self.session.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Run `work` on the session; `None` once the agent is locking.
    pub(crate) fn with_session<T>(&self, work: impl FnOnce(&mut Session) -> T) -> Option<T> {
        if self.stopping() {
            return None;
        }
        self.slot().as_mut().map(work)
    }

    pub(crate) fn stopping(&self) -> bool {
        self.stopping.load(Ordering::SeqCst)
    }

    fn request_stop(&self) {
        self.stopping.store(true, Ordering::SeqCst);
        let _guard = self.wake.0.lock().unwrap_or_else(|p| p.into_inner());
        self.wake.1.notify_all();
    }

    /// Sleep up to `timeout`; true if the agent is stopping.
    pub(crate) fn wait(&self, timeout: Duration) -> bool {
        let guard = self.wake.0.lock().unwrap_or_else(|p| p.into_inner());
        if self.stopping() {
            return true;
        }
        let _ = self.wake.1.wait_timeout(guard, timeout);
        self.stopping()
    }

    fn wait_until(&self, until: DateTime<Utc>, clock: &dyn Clock) {
        loop {
            let left = (until - clock.now()).to_std().unwrap_or_default();
            if left.is_zero() || self.wait(left.min(EXPIRY_CHECK)) {
                return;
            }
        }
    }

    /// Drop the session (its keys are zeroized), once the work on it returns.
    fn close(&self) {
        drop(self.slot().take());
    }

    fn answer(&self, request: Request) -> Response {
        match request {
            Request::Lock => {
                self.request_stop();
                Response::LockedNow
            }
            Request::Run(command) => {
                let stopping = || self.stopping();
                self.with_session(|session| {
                    crate::serve_request(session, &self.vault_dir, command, &stopping)
                })
                .unwrap_or(Response::Locked)
            }
        }
    }
}
