use embargo_api::{ApiError, DueQuery, Session};
use embargo_domain::deadlines::DeadlineState;

use crate::ledger::{mark_sent, show_titles, was_sent};
use crate::{
    Crossing, DeliveryError, Notice, NoticeAction, NoticeStyle, NotificationSink, Threshold,
    compose,
};

/// What one pass of the notifier did.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    /// The notice shown, if any.
    pub sent: Option<Notice>,
    /// Deadlines that crossed a threshold and were not notified yet.
    pub crossed: usize,
    /// Crossed deadlines held back by a snooze.
    pub snoozed: usize,
    /// Why nothing could be shown, if so (nothing is marked as sent then, so the
    /// next pass tries again).
    pub warning: Option<DeliveryError>,
}

/// One pass: find every deadline that entered its lead time or became overdue
/// and was not notified yet (nor snoozed), show one notice about it — or one
/// summary if there are several — and remember them.
pub fn notify_once(
    session: &mut Session,
    sink: &dyn NotificationSink,
    actions: &[NoticeAction],
) -> Result<Report, ApiError> {
    let now = session.now();
    let mut crossings = Vec::new();
    let mut snoozed = 0;
    for entry in session.due(&DueQuery::default())? {
        let threshold = match entry.state {
            DeadlineState::DueSoon => Threshold::DueSoon,
            DeadlineState::Overdue => Threshold::Overdue,
            _ => continue,
        };
        if was_sent(session, &entry, threshold)? {
            continue;
        }
        if session
            .snoozed_until(entry.case, &entry.rule)?
            .is_some_and(|until| until > now)
        {
            snoozed += 1;
            continue;
        }
        crossings.push(Crossing { entry, threshold });
    }
    let style = NoticeStyle {
        show_titles: show_titles(session)?,
        zone: session.policy_settings()?.active().time_zone()?,
        actions: actions.to_vec(),
    };
    let mut report = Report {
        sent: None,
        crossed: crossings.len(),
        snoozed,
        warning: None,
    };
    let Some(notice) = compose(&crossings, now, &style) else {
        return Ok(report);
    };
    if let Err(error) = sink.deliver(&notice) {
        report.warning = Some(error);
        return Ok(report);
    }
    for crossing in &crossings {
        mark_sent(session, &crossing.entry, crossing.threshold)?;
        if crossing.threshold == Threshold::Overdue {
            // Passed while nobody looked: its lead-time notice is moot now.
            mark_sent(session, &crossing.entry, Threshold::DueSoon)?;
        }
    }
    report.sent = Some(notice);
    Ok(report)
}
