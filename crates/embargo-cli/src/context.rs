use std::path::PathBuf;
use std::sync::Arc;

use anyhow::Context as _;
use chrono::{DateTime, Utc};
use embargo_api::{Session, SystemClock};
use embargo_domain::{Clock, FixedClock};
use serde::Serialize;

use crate::cli::GlobalArgs;
use crate::passphrase;

/// What every command needs: where the vault is, what time it is, how to print.
pub struct Context {
    pub global: GlobalArgs,
    pub clock: Arc<dyn Clock>,
}

impl Context {
    pub fn new(global: GlobalArgs) -> anyhow::Result<Self> {
        let clock: Arc<dyn Clock> = match &global.now {
            Some(text) => {
                let now = DateTime::parse_from_rfc3339(text).with_context(|| {
                    format!("--now {text:?} is not an RFC 3339 instant (e.g. 2026-11-24T09:00:00Z)")
                })?;
                Arc::new(FixedClock::new(now.with_timezone(&Utc)))
            }
            None => Arc::new(SystemClock),
        };
        Ok(Self { global, clock })
    }

    /// `--vault`, `$EMBARGO_VAULT`, or the platform data directory.
    pub fn vault_dir(&self) -> anyhow::Result<PathBuf> {
        if let Some(dir) = &self.global.vault {
            return Ok(dir.clone());
        }
        embargo_api::default_vault_dir()
            .context("no home directory to keep the vault in; pass --vault DIR")
    }

    /// Unlock the vault.
    pub fn open(&self) -> anyhow::Result<Session> {
        self.open_with(Session::open)
    }

    /// [`Context::open`], accepting a database older than the vault's last change
    /// (a backup put back on purpose).
    pub fn open_accepting_restored(&self) -> anyhow::Result<Session> {
        self.open_with(Session::open_accepting_restored)
    }

    fn open_with(
        &self,
        open: impl FnOnce(
            &std::path::Path,
            &secrecy::SecretString,
            std::sync::Arc<dyn embargo_api::domain::Clock>,
        ) -> Result<Session, embargo_api::ApiError>,
    ) -> anyhow::Result<Session> {
        let dir = self.vault_dir()?;
        if !dir.join("identity.json").exists()
            && !dir.join("keys.age").exists()
            && !dir.join("vault.db").exists()
        {
            return Err(
                embargo_api::ApiError::Vault(embargo_api::vault::VaultError::NotFound(dir)).into(),
            );
        }
        let passphrase = passphrase::existing(self.global.passphrase_file.as_deref())?;
        Ok(open(&dir, &passphrase, self.clock.clone())?)
    }

    /// Print `value` as JSON with `--json`, otherwise as `human` renders it.
    pub fn print<T: Serialize>(
        &self,
        value: &T,
        human: impl FnOnce(&T) -> String,
    ) -> anyhow::Result<()> {
        if self.global.json {
            print_line(&serde_json::to_string_pretty(value)?)
        } else {
            let text = human(value);
            if text.is_empty() {
                Ok(())
            } else {
                print_line(&crate::terminal_text::escape_controls(text.trim_end()))
            }
        }
    }
}

/// Write one line to stdout. A reader that went away (`embargo … | head`) is not an
/// error worth a panic or a message: the output simply stops.
pub fn print_line(text: &str) -> anyhow::Result<()> {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    match writeln!(stdout, "{text}").and_then(|()| stdout.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e.into()),
        _ => Ok(()),
    }
}
