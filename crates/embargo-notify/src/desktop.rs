use std::sync::Arc;
use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::thread;
use std::time::Duration;

use notify_rust::Notification;

use crate::{ActionEvent, DeliveryError, Notice, NoticeAction, NotificationSink, Urgency};

/// Desktop notifications through the freedesktop notification server on the
/// session bus (macOS/Windows: their native centres, through `notify-rust`).
///
/// `show()` runs on its own thread under a timeout: a server that owns the name
/// but never answers would otherwise block for ever. With an action channel, the
/// thread then waits for the user's choice and reports it there.
#[derive(Clone)]
pub struct DesktopSink {
    timeout: Duration,
    actions: Option<Arc<dyn Fn(ActionEvent) + Send + Sync>>,
}

impl std::fmt::Debug for DesktopSink {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DesktopSink")
            .field("timeout", &self.timeout)
            .field("actions", &self.actions.is_some())
            .finish()
    }
}

impl DesktopSink {
    /// A sink that waits at most `timeout` for the server to accept a notice.
    pub fn new(timeout: Duration) -> Self {
        Self {
            timeout,
            actions: None,
        }
    }

    /// Report pressed buttons on `channel` (only a long-running host can act on
    /// them; `notify --once` offers no buttons): the notifier's own wakeups
    /// ([`NotifierWake`](crate::NotifierWake)), or a plain `ActionEvent` channel.
    pub fn with_actions<M: From<ActionEvent> + Send + 'static>(
        mut self,
        channel: Sender<M>,
    ) -> Self {
        self.actions = Some(Arc::new(move |event| {
            let _ = channel.send(M::from(event));
        }));
        self
    }
}

impl NotificationSink for DesktopSink {
    fn deliver(&self, notice: &Notice) -> Result<(), DeliveryError> {
        let mut notification = Notification::new();
        notification
            .appname("Embargo")
            .summary(&notice.summary)
            .body(&notice.body);
        #[cfg(all(unix, not(target_os = "macos")))]
        notification.urgency(match notice.urgency {
            Urgency::Normal => notify_rust::Urgency::Normal,
            Urgency::Critical => notify_rust::Urgency::Critical,
        });
        #[cfg(not(all(unix, not(target_os = "macos"))))]
        let _ = notice.urgency == Urgency::Critical;
        let listener = self.actions.clone().filter(|_| !notice.actions.is_empty());
        if listener.is_some() {
            for action in &notice.actions {
                notification.action(action.key(), action.label());
            }
        }
        let targets = notice.targets.clone();
        let (shown, outcome) = mpsc::channel();
        thread::spawn(move || {
            let handle = match notification.show() {
                Ok(handle) => {
                    let _ = shown.send(Ok(()));
                    handle
                }
                Err(error) => {
                    let _ = shown.send(Err(one_line(&error.to_string())));
                    return;
                }
            };
            if let Some(listener) = listener {
                handle.wait_for_action(|key| {
                    let event = match NoticeAction::from_key(key) {
                        Some(action) => ActionEvent::Invoked { action, targets },
                        None => ActionEvent::Dismissed,
                    };
                    listener(event);
                });
            }
        });
        match outcome.recv_timeout(self.timeout) {
            Ok(Ok(())) => Ok(()),
            Ok(Err(reason)) => Err(DeliveryError::Unavailable(reason)),
            Err(RecvTimeoutError::Timeout) => Err(DeliveryError::TimedOut(self.timeout)),
            Err(RecvTimeoutError::Disconnected) => Err(DeliveryError::Unavailable(
                "the notification thread stopped".into(),
            )),
        }
    }
}

/// Bus errors can span lines; a warning is one line.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
