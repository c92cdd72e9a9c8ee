//! Where a passphrase comes from: a file, the environment, or a no-echo prompt.

use std::io::IsTerminal;
use std::path::Path;

use anyhow::{Context, bail};
use secrecy::{ExposeSecret, SecretString};

/// The passphrase of an existing vault.
pub fn existing(file: Option<&Path>) -> anyhow::Result<SecretString> {
    obtain(file, "EMBARGO_PASSPHRASE", "Vault passphrase: ")
}

/// A passphrase for a new vault, checked against the api's rules (asked twice
/// on a terminal).
pub fn new(file: Option<&Path>, variable: &str) -> anyhow::Result<SecretString> {
    let (passphrase, repeated) = new_twice(file, variable)?;
    embargo_api::check_new_passphrase_twice(&passphrase, &repeated)?;
    Ok(passphrase)
}

/// A new passphrase and its repetition: typed twice on a terminal, the same
/// value twice from a file or the environment (a script has nothing to mistype).
pub fn new_twice(
    file: Option<&Path>,
    variable: &str,
) -> anyhow::Result<(SecretString, SecretString)> {
    let first = obtain(file, variable, "New passphrase: ")?;
    if file.is_some() || std::env::var_os(variable).is_some() {
        return Ok((first.clone(), first));
    }
    let again = SecretString::from(
        rpassword::prompt_password("Repeat it: ").context("reading the passphrase")?,
    );
    Ok((first, again))
}

fn obtain(file: Option<&Path>, variable: &str, prompt: &str) -> anyhow::Result<SecretString> {
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
    let typed =
        SecretString::from(rpassword::prompt_password(prompt).context("reading the passphrase")?);
    non_empty(typed)
}

fn non_empty(passphrase: SecretString) -> anyhow::Result<SecretString> {
    if passphrase.expose_secret().is_empty() {
        bail!("the passphrase is empty");
    }
    Ok(passphrase)
}
