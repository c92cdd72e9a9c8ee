//! Unlock screen: is there a vault, create one, try the demo, unlock, lock.

use embargo_api::DEMO_PASSPHRASE;
use secrecy::SecretString;
use tauri::State;

use crate::{ActiveVault, Desk, IpcError, LockReason, NotifierNudge};

/// The active vault as the unlock screen shows it.
#[tauri::command]
#[specta::specta]
pub async fn vault_status(desk: State<'_, Desk>) -> Result<ActiveVault, IpcError> {
    desk.status()
}

/// Whether the window may show cases (false after an idle lock).
#[tauri::command]
#[specta::specta]
pub async fn is_unlocked(desk: State<'_, Desk>) -> Result<bool, IpcError> {
    Ok(desk.is_unlocked())
}

/// Create the person's vault and keep it unlocked.
#[tauri::command]
#[specta::specta]
pub async fn create_vault(
    desk: State<'_, Desk>,
    name: String,
    email: String,
    passphrase: String,
) -> Result<ActiveVault, IpcError> {
    desk.create(&name, &email, SecretString::from(passphrase))?;
    desk.status()
}

/// Work on the demo vault (built beside the person's own on first use); locked.
#[tauri::command]
#[specta::specta]
pub async fn open_demo(desk: State<'_, Desk>) -> Result<ActiveVault, IpcError> {
    let dir = desk.demo_dir();
    if !embargo_api::vault_status(&dir)?.exists {
        let passphrase = SecretString::from(DEMO_PASSPHRASE);
        embargo_api::build_demo(&dir, &passphrase, desk.clock().now())?;
    }
    desk.switch_to(&dir);
    desk.status()
}

/// Back from the demo to the person's own vault; locked.
#[tauri::command]
#[specta::specta]
pub async fn leave_demo(desk: State<'_, Desk>) -> Result<ActiveVault, IpcError> {
    desk.switch_home();
    desk.status()
}

/// Unlock the active vault; returns the idle-lock minutes now in force.
#[tauri::command]
#[specta::specta]
pub async fn unlock(
    desk: State<'_, Desk>,
    nudge: State<'_, NotifierNudge>,
    passphrase: String,
) -> Result<u32, IpcError> {
    desk.unlock(SecretString::from(passphrase))?;
    nudge.nudge();
    desk.with_session(|session| session.idle_lock_minutes())
}

/// Unlock the active vault, accepting a database older than the vault's last
/// change: only after the person confirmed they put a backup back on purpose.
#[tauri::command]
#[specta::specta]
pub async fn unlock_accepting_restored(
    desk: State<'_, Desk>,
    nudge: State<'_, NotifierNudge>,
    passphrase: String,
) -> Result<u32, IpcError> {
    desk.unlock_accepting_restored(SecretString::from(passphrase))?;
    nudge.nudge();
    desk.with_session(|session| session.idle_lock_minutes())
}

/// Lock now: the keys are dropped and zeroized (once a running sync pass stopped).
#[tauri::command]
#[specta::specta]
pub async fn lock(desk: State<'_, Desk>) -> Result<(), IpcError> {
    desk.lock(LockReason::Requested);
    Ok(())
}

/// The person is active in the window (keys, pointer); postpones the idle lock.
#[tauri::command]
#[specta::specta]
pub async fn touch(desk: State<'_, Desk>) -> Result<(), IpcError> {
    desk.touch();
    Ok(())
}
