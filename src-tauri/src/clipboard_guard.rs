//! Text the person copied out of a draft must not outlive the unlocked session
//! on the clipboard. The shell remembers only a SHA-256 of what it put there
//! (never the text), and at lock clears the clipboard if it still holds exactly
//! that: something the person copied since, from anywhere, is left alone.

use std::sync::Mutex;

use sha2::{Digest, Sha256};

/// The digest of the text Embargo last put on the clipboard.
#[derive(Debug, Default)]
pub struct CopiedText(Mutex<Option<[u8; 32]>>);

impl CopiedText {
    /// Remember that `text` is now on the clipboard.
    pub fn remember(&self, text: &str) {
        *self.slot() = Some(digest(text));
    }

    /// Whether `on_clipboard` is what Embargo put there; forgets it either way
    /// when it is not (the person has since copied something else).
    pub fn is_ours(&self, on_clipboard: &str) -> bool {
        let mut slot = self.slot();
        let ours = slot.is_some_and(|copied| copied == digest(on_clipboard));
        if !ours {
            *slot = None;
        }
        ours
    }

    /// Forget what was copied (the clipboard was cleared).
    pub fn forget(&self) {
        *self.slot() = None;
    }

    fn slot(&self) -> std::sync::MutexGuard<'_, Option<[u8; 32]>> {
        // A digest cannot be left half-written by a panic.
        self.0.lock().unwrap_or_else(|p| p.into_inner())
    }
}

fn digest(text: &str) -> [u8; 32] {
    Sha256::digest(text.as_bytes()).into()
}

/// At lock: clear the clipboard if it still holds the text Embargo put there.
pub fn clear_at_lock<R: tauri::Runtime>(app: &tauri::AppHandle<R>) {
    use tauri::Manager as _;
    use tauri_plugin_clipboard_manager::ClipboardExt as _;
    let copied = app.state::<CopiedText>();
    let Ok(on_clipboard) = app.clipboard().read_text() else {
        // Empty, or not text: nothing of ours is there.
        copied.forget();
        return;
    };
    if copied.is_ours(&on_clipboard) {
        match app.clipboard().clear() {
            Ok(()) => copied.forget(),
            Err(e) => crate::warn(&format!("could not clear the clipboard at lock: {e}")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_exact_text_embargo_copied_counts_as_ours() {
        let copied = CopiedText::default();
        assert!(!copied.is_ours("anything"), "nothing copied yet");
        copied.remember("Subject: Re: heap overflow\n\nHello");
        assert!(copied.is_ours("Subject: Re: heap overflow\n\nHello"));
        assert!(!copied.is_ours("Subject: Re: heap overflow\n\nHello!"));
        assert!(
            !copied.is_ours("Subject: Re: heap overflow\n\nHello"),
            "once the person copied something else, a later lock leaves the clipboard alone"
        );
    }
}
