//! Lock the vault when the operating system says the person stepped away: the screen
//! locked, or the machine is about to sleep. On Linux these are D-Bus signals: the
//! freedesktop (and GNOME) screensaver's `ActiveChanged(true)` on the session bus and
//! logind's `PrepareForSleep(true)` on the system bus. Where a bus or service is
//! missing, that trigger is simply absent; the idle lock still applies.

use tauri::AppHandle;

use crate::LockReason;

/// Start listening (one thread per signal; each ends quietly if its bus is absent).
pub(crate) fn watch(app: &AppHandle) {
    #[cfg(target_os = "linux")]
    linux::watch(app);
    #[cfg(not(target_os = "linux"))]
    let _ = app;
}

/// Lock (the lock tells the window). Blocks this signal's thread until a running
/// sync pass has stopped; signals meanwhile would only ask for the same lock.
#[cfg_attr(not(target_os = "linux"), allow(dead_code))]
fn lock_for(app: &AppHandle, reason: LockReason) {
    use tauri::Manager as _;
    app.state::<crate::Desk>().lock(reason);
}

#[cfg(target_os = "linux")]
mod linux {
    use tauri::AppHandle;
    use zbus::blocking::{Connection, MessageIterator};
    use zbus::message::Type;

    use super::lock_for;
    use crate::LockReason;

    struct Trigger {
        system_bus: bool,
        interface: &'static str,
        member: &'static str,
        reason: LockReason,
    }

    const TRIGGERS: [Trigger; 3] = [
        Trigger {
            system_bus: false,
            interface: "org.freedesktop.ScreenSaver",
            member: "ActiveChanged",
            reason: LockReason::ScreenLocked,
        },
        Trigger {
            system_bus: false,
            interface: "org.gnome.ScreenSaver",
            member: "ActiveChanged",
            reason: LockReason::ScreenLocked,
        },
        Trigger {
            system_bus: true,
            interface: "org.freedesktop.login1.Manager",
            member: "PrepareForSleep",
            reason: LockReason::Sleep,
        },
    ];

    pub(super) fn watch(app: &AppHandle) {
        for trigger in TRIGGERS {
            let app = app.clone();
            let _ = std::thread::Builder::new()
                .name(format!("os-lock-{}", trigger.member))
                .spawn(move || {
                    let _ = listen(&trigger, &app);
                });
        }
    }

    /// Block on the signal; every `true` locks the vault.
    fn listen(trigger: &Trigger, app: &AppHandle) -> zbus::Result<()> {
        let connection = if trigger.system_bus {
            Connection::system()?
        } else {
            Connection::session()?
        };
        let rule = zbus::MatchRule::builder()
            .msg_type(Type::Signal)
            .interface(trigger.interface)?
            .member(trigger.member)?
            .build();
        for message in MessageIterator::for_match_rule(rule, &connection, None)? {
            if let Ok(message) = message
                && let Ok(true) = message.body().deserialize::<bool>()
            {
                lock_for(app, trigger.reason);
            }
        }
        Ok(())
    }
}
