use std::fmt;
use std::time::Duration;

use crate::{Notice, NoticeAction, Target};

/// Where notices go: the desktop's notification server here; the desktop app can
/// bring its own (e.g. through Tauri's notification plugin), tests a recorder.
pub trait NotificationSink {
    /// Show one notice. Returns once it was accepted; must not block for ever.
    fn deliver(&self, notice: &Notice) -> Result<(), DeliveryError>;
}

/// Why a notice could not be shown. The notifier keeps running either way.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum DeliveryError {
    /// No session bus, or no notification server on it.
    Unavailable(String),
    /// The server did not answer in time.
    TimedOut(Duration),
}

impl fmt::Display for DeliveryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DeliveryError::Unavailable(reason) => {
                write!(f, "desktop notifications are unavailable ({reason})")
            }
            DeliveryError::TimedOut(after) => write!(
                f,
                "the notification server did not answer within {} ms",
                after.as_millis()
            ),
        }
    }
}

impl std::error::Error for DeliveryError {}

/// What the user did with a notice that offered actions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ActionEvent {
    /// A button was pressed.
    Invoked {
        /// Which one.
        action: NoticeAction,
        /// The deadlines the notice was about.
        targets: Vec<Target>,
    },
    /// The notice went away without an action.
    Dismissed,
}
