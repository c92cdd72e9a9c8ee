//! Notifying while the vault is locked.
//!
//! Locking drops the vault key, so the notifier cannot read cases, its dedupe
//! ledger or snoozes until the next unlock. Just before the key goes, the host
//! takes a [`LockedSchedule`]: for every open deadline only the case's ids, the
//! rule's id and label, its instants and what was already notified or snoozed —
//! never a title or any other case text. While locked nothing can change a case
//! (every write needs the key), so those instants are exactly what the engine
//! would compute later; only the clock moves. Notices from the schedule are always
//! discreet. What they notify and any snooze pressed meanwhile are kept in memory
//! and written to the vault's ledger at the next unlock ([`LockedSchedule::flush`]),
//! so nothing is notified twice.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use embargo_api::{ApiError, DueEntry, DueQuery, Session};
use embargo_domain::deadlines::DeadlineState;

use crate::ledger::{mark_sent, was_sent};
use crate::{
    Crossing, NoticeAction, NoticeStyle, NotificationSink, Report, Target, Threshold, compose,
};

/// One open deadline as remembered while locked.
#[derive(Debug, Clone)]
struct Scheduled {
    /// Title emptied: nothing embargoed is kept.
    entry: DueEntry,
    paused: bool,
    sent_due_soon: bool,
    sent_overdue: bool,
    snoozed_until: Option<DateTime<Utc>>,
}

/// What the notifier keeps in memory while the vault is locked.
#[derive(Debug, Clone)]
pub struct LockedSchedule {
    deadlines: Vec<Scheduled>,
    zone: Tz,
    /// Notified while locked, to write to the ledger at unlock.
    sent: Vec<(DueEntry, Threshold)>,
    /// Snoozed while locked, to write at unlock.
    snoozes: Vec<(Target, DateTime<Utc>)>,
}

impl LockedSchedule {
    /// Read the schedule from the session that is about to be locked.
    pub fn take(session: &Session) -> Result<Self, ApiError> {
        let mut deadlines = Vec::new();
        for mut entry in session.due(&DueQuery::default())? {
            entry.title.clear();
            deadlines.push(Scheduled {
                paused: entry.state == DeadlineState::Paused,
                sent_due_soon: was_sent(session, &entry, Threshold::DueSoon)?,
                sent_overdue: was_sent(session, &entry, Threshold::Overdue)?,
                snoozed_until: session.snoozed_until(entry.case, &entry.rule)?,
                entry,
            });
        }
        Ok(Self {
            deadlines,
            zone: session.policy_settings()?.active().time_zone()?,
            sent: Vec::new(),
            snoozes: Vec::new(),
        })
    }

    /// How many open deadlines it watches.
    pub fn len(&self) -> usize {
        self.deadlines.len()
    }

    /// Whether it watches nothing.
    pub fn is_empty(&self) -> bool {
        self.deadlines.is_empty()
    }

    /// One pass at `now`, like [`crate::notify_once`] but from memory: every
    /// deadline that crossed a threshold since it was last notified, in one
    /// discreet notice.
    pub fn notify(
        &mut self,
        sink: &dyn NotificationSink,
        actions: &[NoticeAction],
        now: DateTime<Utc>,
    ) -> Report {
        let mut crossings = Vec::new();
        let mut snoozed = 0;
        for scheduled in &self.deadlines {
            let Some(threshold) = crossed(scheduled, now) else {
                continue;
            };
            if scheduled.snoozed_until.is_some_and(|until| until > now) {
                snoozed += 1;
                continue;
            }
            let entry = DueEntry {
                state: match threshold {
                    Threshold::DueSoon => DeadlineState::DueSoon,
                    Threshold::Overdue => DeadlineState::Overdue,
                },
                ..scheduled.entry.clone()
            };
            crossings.push(Crossing { entry, threshold });
        }
        let style = NoticeStyle {
            show_titles: false,
            zone: self.zone,
            actions: actions.to_vec(),
        };
        let mut report = Report {
            sent: None,
            crossed: crossings.len(),
            snoozed,
            warning: None,
        };
        let Some(notice) = compose(&crossings, now, &style) else {
            return report;
        };
        if let Err(error) = sink.deliver(&notice) {
            report.warning = Some(error);
            return report;
        }
        for crossing in &crossings {
            self.remember(&crossing.entry, crossing.threshold);
        }
        report.sent = Some(notice);
        report
    }

    fn remember(&mut self, entry: &DueEntry, threshold: Threshold) {
        for scheduled in self
            .deadlines
            .iter_mut()
            .filter(|s| s.entry.case == entry.case && s.entry.rule == entry.rule)
        {
            scheduled.sent_due_soon = true;
            if threshold == Threshold::Overdue {
                scheduled.sent_overdue = true;
            }
        }
        self.sent.push((entry.clone(), threshold));
    }

    /// The notice's "Snooze 1 h" pressed while locked.
    pub fn snooze(&mut self, targets: &[Target], until: DateTime<Utc>) {
        for target in targets {
            for scheduled in self
                .deadlines
                .iter_mut()
                .filter(|s| s.entry.case == target.case && s.entry.rule == target.rule)
            {
                scheduled.snoozed_until = Some(until);
            }
            self.snoozes.push((target.clone(), until));
        }
    }

    /// At unlock: write what was notified and snoozed while locked to the vault.
    pub fn flush(self, session: &mut Session) -> Result<(), ApiError> {
        for (entry, threshold) in &self.sent {
            mark_sent(session, entry, *threshold)?;
            if *threshold == Threshold::Overdue {
                mark_sent(session, entry, Threshold::DueSoon)?;
            }
        }
        for (target, until) in &self.snoozes {
            session.snooze_until(target.case, &target.rule, *until)?;
        }
        Ok(())
    }
}

/// The threshold a deadline has crossed at `now` and that was not notified yet.
/// A paused deadline does not come due while the case waits.
fn crossed(scheduled: &Scheduled, now: DateTime<Utc>) -> Option<Threshold> {
    if scheduled.paused {
        return None;
    }
    let entry = &scheduled.entry;
    if now >= entry.due_at {
        return (!scheduled.sent_overdue).then_some(Threshold::Overdue);
    }
    let warned = entry.warn_at.is_some_and(|warn| now >= warn);
    (warned && !scheduled.sent_due_soon).then_some(Threshold::DueSoon)
}

#[cfg(test)]
#[path = "locked_tests.rs"]
mod tests;
