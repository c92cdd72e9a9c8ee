//! Embargo's deadline notifier, GUI-free: the CLI runs it (`embargo notify --once`
//! for cron, `--watch` long-running) and the desktop app hosts the same loop
//! ([`watch`]).
//!
//! Each pass ([`notify_once`]) asks the api for every open deadline, keeps those
//! that entered their lead time or became overdue and were neither notified for
//! that due time (a ledger in the vault's device-local settings, so restarts do
//! not repeat) nor snoozed, and shows one [`Notice`]: about the one deadline, or a
//! summary when several crossed (after the laptop slept, or the notifier was
//! off). Notices are discreet: rule label, case id and time left, never case text,
//! unless the user allowed titles ([`show_titles`]).
//!
//! Notices go to a [`NotificationSink`]; [`DesktopSink`] talks to the desktop's
//! notification server off-thread under a timeout, so a missing or hung server
//! costs a warning, never a hang.
#![deny(missing_docs)]

mod desktop;
mod intake;
mod ledger;
mod locked;
mod notice;
mod once;
mod sink;
mod teammate;
mod watch;
#[cfg(test)]
mod watch_tests;

pub use desktop::DesktopSink;
pub use intake::{intake_notice, tell_intake};
pub use ledger::{set_show_titles, show_titles};
pub use locked::LockedSchedule;
pub use notice::{
    Crossing, Notice, NoticeAction, NoticeStyle, Target, Threshold, Urgency, compose, headline,
    time_span,
};
pub use once::{Report, notify_once};
pub use sink::{ActionEvent, DeliveryError, NotificationSink};
pub use teammate::teammate_notice;
pub use watch::{NOTIFY_EVERY, NotifierSource, NotifierWake, WatchEvent, WatchOptions, watch};
