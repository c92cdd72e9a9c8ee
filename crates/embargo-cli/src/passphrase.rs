//! Where a passphrase comes from: a file, the environment, or a no-echo prompt.

use std::io::IsTerminal;
use std::path::Path;

use anyhow::{Context, bail};
use secrecy::{ExposeSecret, SecretString};

const MIN_LENGTH: usize = 8;

/// The passphrase of an existing vault.
pub fn existing(file: Option<&Path>) -> anyhow::Result<SecretString> {
    obtain(file, "EMBARGO_PASSPHRASE", "Vault passphrase: ", false)
}

/// A passphrase for a new vault (asked twice on a terminal).
pub fn new(file: Option<&Path>, variable: &str) -> anyhow::Result<SecretString> {
    let passphrase = obtain(file, variable, "New passphrase: ", true)?;
    if passphrase.expose_secret().chars().count() < MIN_LENGTH {
        bail!(
            "the passphrase is too short: use at least {MIN_LENGTH} characters (a few words is best)"
        );
    }
    Ok(passphrase)
}

fn obtain(
    file: Option<&Path>,
    variable: &str,
    prompt: &str,
    confirm: bool,
) -> anyhow::Result<SecretString> {
    if let Some(file) = file {
        let text = std::fs::read_to_string(file)
            .with_context(|| format!("reading the passphrase file {}", file.display()))?;
        let line = text.lines().next().unwrap_or_default().to_owned();
        return non_empty(SecretString::from(line));
    }
    if let Ok(value) = std::env::var(variable) {
        return non_empty(SecretString::from(value));
    }
    if !std::io::stdin().is_terminal() {
        bail!(
            "no passphrase: set ${variable} or use --passphrase-file (there is no terminal to ask on)"
        );
    }
    let first =
        SecretString::from(rpassword::prompt_password(prompt).context("reading the passphrase")?);
    if confirm {
        let again = SecretString::from(
            rpassword::prompt_password("Repeat it: ").context("reading the passphrase")?,
        );
        if again.expose_secret() != first.expose_secret() {
            bail!("the two passphrases differ; nothing was changed");
        }
    }
    non_empty(first)
}

fn non_empty(passphrase: SecretString) -> anyhow::Result<SecretString> {
    if passphrase.expose_secret().is_empty() {
        bail!("the passphrase is empty");
    }
    Ok(passphrase)
}
