use embargo_api::SyncWatchEvent;
use serde::{Deserialize, Serialize};

/// Why the vault was locked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "kebab-case")]
pub enum LockReason {
    /// Nobody used the app for the idle-lock time.
    Idle,
    /// The person locked it.
    Requested,
    /// The operating system locked the screen.
    ScreenLocked,
    /// The computer is going to sleep.
    Sleep,
}

/// Sent to the window after a background team sync merged something (or failed):
/// the UI refreshes what it shows.
#[derive(Debug, Clone, Serialize, Deserialize, specta::Type, tauri_specta::Event)]
#[serde(rename_all = "camelCase")]
pub struct TeamSynced {
    /// Events merged from teammates.
    pub imported_events: usize,
    /// Internal ids of the cases they touched.
    pub changed_cases: Vec<String>,
    /// Why the pass failed (folder gone, read-only, full), if it did.
    pub error: Option<String>,
}

impl TeamSynced {
    /// What the window hears of a background pass: only that it merged something,
    /// or why it failed; nothing for a pass that merged nothing.
    pub fn of(event: &SyncWatchEvent) -> Option<Self> {
        let event = match event {
            SyncWatchEvent::Synced { report, .. } => TeamSynced {
                imported_events: report.imported_events,
                changed_cases: report
                    .changed_cases
                    .iter()
                    .map(ToString::to_string)
                    .collect(),
                error: None,
            },
            SyncWatchEvent::Failed(error) => TeamSynced {
                imported_events: 0,
                changed_cases: Vec::new(),
                error: Some(error.to_string()),
            },
        };
        (event.imported_events > 0 || event.error.is_some()).then_some(event)
    }
}

/// Sent to the window after a command typed in a terminal was carried out on the
/// unlocked vault (`embargo import -` from a mail client, `embargo case set …`):
/// the UI refreshes what it shows, without a click.
#[derive(Debug, Clone, Serialize, Deserialize, specta::Type, tauri_specta::Event)]
#[serde(rename_all = "camelCase")]
pub struct CasesChanged {
    /// Where the change came from.
    pub source: ChangeSource,
}

/// Who changed the vault beside the window.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub enum ChangeSource {
    /// An `embargo …` command the app carried out for the terminal.
    Terminal,
    /// A message that landed in the intake folder.
    Intake,
}

/// Sent to the window when the shell locks the vault on its own (idle, screen lock,
/// sleep): the UI
/// drops what it shows and returns to the unlock screen.
#[derive(Debug, Clone, Serialize, Deserialize, specta::Type, tauri_specta::Event)]
pub struct VaultLocked {
    /// Why.
    pub reason: LockReason,
}

/// A notification's "Open" (or the tray) asks the window to open a case; the UI
/// fetches it with `take_pending_open` (after unlock if the vault is locked).
#[derive(Debug, Clone, Serialize, Deserialize, specta::Type, tauri_specta::Event)]
pub struct OpenCase {
    /// `EMB-YYYY-NNNN`.
    pub id: String,
}
