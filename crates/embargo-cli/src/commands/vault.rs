use embargo_api::vault::PublicIdentity;
use embargo_api::{DEMO_PASSPHRASE, PassphraseChange, Session, build_demo};
use secrecy::SecretString;
use serde::Serialize;

use crate::cli::PassphraseCommand;
use crate::context::Context;
use crate::passphrase;

#[derive(Serialize)]
struct Created<'a> {
    vault: String,
    #[serde(flatten)]
    identity: &'a PublicIdentity,
}

pub fn init(context: &Context, name: &str, email: &str) -> anyhow::Result<u8> {
    let dir = context.vault_dir()?;
    let passphrase = passphrase::new(
        context.global.passphrase_file.as_deref(),
        "EMBARGO_PASSPHRASE",
    )?;
    let session = Session::create(&dir, name, email, &passphrase, context.clock.clone())?;
    let identity = session.vault().public_identity();
    context.print(&Created { vault: dir.display().to_string(), identity }, |c| {
        format!(
            "Created a vault at {}\n\nYour public identity (give it to teammates):\n  name        {} <{}>\n  recipient   {}\n  signing key {}",
            c.vault, c.identity.name, c.identity.email, c.identity.recipient, c.identity.signing_key
        )
    })?;
    Ok(0)
}

#[derive(Serialize)]
struct Demo {
    vault: String,
    cases: usize,
    passphrase_from_environment: bool,
}

pub fn demo(context: &Context) -> anyhow::Result<u8> {
    let dir = context.vault_dir()?;
    let from_env = std::env::var("EMBARGO_PASSPHRASE")
        .ok()
        .filter(|p| !p.is_empty());
    let passphrase = match (&context.global.passphrase_file, &from_env) {
        (Some(file), _) => passphrase::existing(Some(file))?,
        (None, Some(value)) => SecretString::from(value.clone()),
        (None, None) => SecretString::from(DEMO_PASSPHRASE),
    };
    let cases = build_demo(&dir, &passphrase, context.clock.now())?;
    let report = Demo {
        vault: dir.display().to_string(),
        cases,
        passphrase_from_environment: from_env.is_some() || context.global.passphrase_file.is_some(),
    };
    context.print(&report, |d| {
        let passphrase = if d.passphrase_from_environment {
            "the passphrase you gave".to_owned()
        } else {
            format!("the demo passphrase \"{DEMO_PASSPHRASE}\"")
        };
        format!(
            "Created a demo vault with {} cases at {}, locked with {passphrase}.",
            d.cases, d.vault
        )
    })?;
    Ok(0)
}

pub fn check(context: &Context, accept_restored: bool) -> anyhow::Result<u8> {
    let session = if accept_restored {
        context.open_accepting_restored()?
    } else {
        context.open()?
    };
    let report = session.check()?;
    context.print(&report, |r| {
        if r.is_healthy() {
            let awaiting = match r.awaiting_attachments {
                0 => String::new(),
                n => format!(" ({n} more from teammates not arrived yet)"),
            };
            format!("ok: {} cases, {} events, {} attachments{awaiting}; encryption, integrity and projection verified", r.cases, r.events, r.attachments)
        } else {
            format!("problems found:\n  {}", r.problems.join("\n  "))
        }
    })?;
    Ok(if report.is_healthy() { 0 } else { 6 })
}

pub fn passphrase(context: &Context, command: PassphraseCommand) -> anyhow::Result<u8> {
    let PassphraseCommand::Change {
        new_passphrase_file,
    } = command;
    let current = passphrase::existing(context.global.passphrase_file.as_deref())?;
    let (new, repeated) =
        passphrase::new_twice(new_passphrase_file.as_deref(), "EMBARGO_NEW_PASSPHRASE")?;
    let change = PassphraseChange {
        current,
        new,
        repeated,
    };
    // Refuse a bad new passphrase before the vault is even opened.
    change.check_new()?;
    context.open()?.change_passphrase(&change)?;
    context.print(&serde_json::json!({ "changed": true }), |_| {
        "Passphrase changed.".to_owned()
    })?;
    Ok(0)
}
