use std::fmt::Write;

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use embargo_api::DueEntry;
use embargo_domain::CaseId;

/// A threshold a deadline crosses: each is notified once per deadline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Threshold {
    /// It entered its warning lead time.
    DueSoon,
    /// It passed.
    Overdue,
}

impl Threshold {
    /// The name used in the dedupe ledger.
    pub fn as_str(self) -> &'static str {
        match self {
            Threshold::DueSoon => "due_soon",
            Threshold::Overdue => "overdue",
        }
    }
}

/// A deadline that crossed a threshold and has not been notified yet.
#[derive(Debug, Clone, PartialEq)]
pub struct Crossing {
    /// The deadline.
    pub entry: DueEntry,
    /// Which threshold.
    pub threshold: Threshold,
}

/// What a notification offers to do, where the platform shows actions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoticeAction {
    /// Silence these deadlines for an hour.
    SnoozeOneHour,
    /// Open the case (only where a host can open it: the desktop app).
    Open,
}

impl NoticeAction {
    /// The action key sent to the notification server.
    pub fn key(self) -> &'static str {
        match self {
            NoticeAction::SnoozeOneHour => "snooze-1h",
            NoticeAction::Open => "open",
        }
    }

    /// The button's label.
    pub fn label(self) -> &'static str {
        match self {
            NoticeAction::SnoozeOneHour => "Snooze 1 h",
            NoticeAction::Open => "Open",
        }
    }

    /// The action with this key.
    pub fn from_key(key: &str) -> Option<Self> {
        [NoticeAction::SnoozeOneHour, NoticeAction::Open]
            .into_iter()
            .find(|a| a.key() == key)
    }
}

/// Which deadline a notification is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// The case's internal id.
    pub case: CaseId,
    /// `EMB-YYYY-NNNN`.
    pub case_id: String,
    /// The rule id.
    pub rule: String,
}

/// How loud a notification is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Urgency {
    /// Due soon.
    Normal,
    /// Something is overdue.
    Critical,
}

/// One desktop notification, ready to show. Discreet unless titles are allowed:
/// only rule labels, case ids and times, never case text.
#[derive(Debug, Clone, PartialEq)]
pub struct Notice {
    /// The headline: `Acknowledgment due in 2 h — EMB-2026-0042`.
    pub summary: String,
    /// The details.
    pub body: String,
    /// Critical when something is overdue.
    pub urgency: Urgency,
    /// Buttons to offer.
    pub actions: Vec<NoticeAction>,
    /// The deadlines it is about.
    pub targets: Vec<Target>,
}

impl Notice {
    /// A notice about cases rather than a deadline (what synced or arrived): normal
    /// urgency, and of the style's buttons only "Open", since there is nothing to
    /// snooze.
    pub(crate) fn about_cases<'a>(
        summary: String,
        body: &str,
        style: &NoticeStyle,
        cases: impl IntoIterator<Item = (CaseId, &'a str)>,
    ) -> Self {
        Self {
            summary,
            body: body.trim_end().to_owned(),
            urgency: Urgency::Normal,
            actions: style
                .actions
                .iter()
                .copied()
                .filter(|action| *action == NoticeAction::Open)
                .collect(),
            targets: cases
                .into_iter()
                .map(|(case, case_id)| Target {
                    case,
                    case_id: case_id.to_owned(),
                    // Not about a deadline.
                    rule: String::new(),
                })
                .collect(),
        }
    }
}

/// How notices are worded.
#[derive(Debug, Clone)]
pub struct NoticeStyle {
    /// Add case titles (off by default: titles are embargoed).
    pub show_titles: bool,
    /// Zone for the due time in the body.
    pub zone: Tz,
    /// Buttons to offer.
    pub actions: Vec<NoticeAction>,
}

/// At most this many lines in a summary notification's body.
const SUMMARY_LINES: usize = 5;

/// The notification for these crossings: one about a single deadline, or one
/// summary when several crossed (after a sleep, or at the same moment).
pub fn compose(crossings: &[Crossing], now: DateTime<Utc>, style: &NoticeStyle) -> Option<Notice> {
    let first = crossings.first()?;
    let urgency = if crossings.iter().any(|c| c.threshold == Threshold::Overdue) {
        Urgency::Critical
    } else {
        Urgency::Normal
    };
    let targets = crossings
        .iter()
        .map(|c| Target {
            case: c.entry.case,
            case_id: c.entry.case_id.clone(),
            rule: c.entry.rule.clone(),
        })
        .collect();
    let (summary, body) = if crossings.len() == 1 {
        let entry = &first.entry;
        let local = entry.due_at.with_timezone(&style.zone);
        let mut body = format!("Due {}", local.format("%a %-d %b %H:%M %Z"));
        if style.show_titles {
            let _ = write!(body, "\n{}", entry.title);
        }
        (headline(first, now), body)
    } else {
        let mut body = String::new();
        for crossing in crossings.iter().take(SUMMARY_LINES) {
            let _ = write!(body, "{}", headline(crossing, now));
            if style.show_titles {
                let _ = write!(body, " · {}", crossing.entry.title);
            }
            body.push('\n');
        }
        if crossings.len() > SUMMARY_LINES {
            let _ = write!(body, "and {} more", crossings.len() - SUMMARY_LINES);
        }
        (
            format!("{} deadlines need attention", crossings.len()),
            body.trim_end().to_owned(),
        )
    };
    Some(Notice {
        summary,
        body,
        urgency,
        actions: style.actions.clone(),
        targets,
    })
}

/// `Acknowledgment due in 2 h — EMB-2026-0042` / `… overdue by 3 h — …`.
pub fn headline(crossing: &Crossing, now: DateTime<Utc>) -> String {
    let entry = &crossing.entry;
    let left = entry.due_at - now;
    let when = if left > chrono::Duration::zero() {
        format!("due in {}", time_span(left))
    } else if -left < chrono::Duration::minutes(1) {
        "due now".to_owned()
    } else {
        format!("overdue by {}", time_span(-left))
    };
    format!("{} {when} — {}", entry.label, entry.case_id)
}

/// `45 min`, `2 h`, `3 d`: rounded down, so a notice never promises more time
/// than is left.
pub fn time_span(span: chrono::Duration) -> String {
    let minutes = span.num_minutes().max(1);
    if minutes < 60 {
        format!("{minutes} min")
    } else if minutes < 48 * 60 {
        format!("{} h", minutes / 60)
    } else {
        format!("{} d", minutes / (24 * 60))
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::expect_used)]
    use super::*;
    use embargo_domain::deadlines::DeadlineState;

    fn t(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text)
            .expect("instant")
            .with_timezone(&Utc)
    }

    fn crossing(case: &str, label: &str, due: &str, threshold: Threshold) -> Crossing {
        Crossing {
            entry: DueEntry {
                case_id: case.into(),
                rule: label.to_ascii_lowercase(),
                due_at: t(due),
                state: DeadlineState::DueSoon,
                case: CaseId::random(),
                label: label.into(),
                title: "SECRET title".into(),
                warn_at: None,
            },
            threshold,
        }
    }

    fn style(show_titles: bool) -> NoticeStyle {
        NoticeStyle {
            show_titles,
            zone: Tz::Europe__Berlin,
            actions: vec![],
        }
    }

    #[test]
    fn one_deadline_names_rule_time_left_and_case_id_only() {
        let c = crossing(
            "EMB-2026-0042",
            "Acknowledgment",
            "2026-11-25T09:00:00Z",
            Threshold::DueSoon,
        );
        let notice = compose(&[c], t("2026-11-25T07:00:00Z"), &style(false)).expect("a notice");
        assert_eq!(notice.summary, "Acknowledgment due in 2 h — EMB-2026-0042");
        assert_eq!(notice.body, "Due Wed 25 Nov 10:00 CET");
        assert_eq!(notice.urgency, Urgency::Normal);
        assert!(!format!("{notice:?}").contains("SECRET"));
    }

    #[test]
    fn several_deadlines_make_one_summary() {
        let crossings: Vec<Crossing> = (1..=7)
            .map(|n| {
                crossing(
                    &format!("EMB-2026-000{n}"),
                    "Acknowledgment",
                    "2026-11-25T06:00:00Z",
                    Threshold::Overdue,
                )
            })
            .collect();
        let notice =
            compose(&crossings, t("2026-11-25T09:00:00Z"), &style(false)).expect("a notice");
        assert_eq!(notice.summary, "7 deadlines need attention");
        assert_eq!(notice.body.lines().count(), 6);
        assert!(
            notice
                .body
                .starts_with("Acknowledgment overdue by 3 h — EMB-2026-0001\n")
        );
        assert!(notice.body.ends_with("and 2 more"));
        assert_eq!(notice.urgency, Urgency::Critical);
        assert_eq!(notice.targets.len(), 7);
    }

    #[test]
    fn titles_appear_only_when_allowed() {
        let c = crossing(
            "EMB-2026-0042",
            "Advisory",
            "2026-11-25T09:00:00Z",
            Threshold::DueSoon,
        );
        let notice = compose(&[c], t("2026-11-25T08:30:00Z"), &style(true)).expect("a notice");
        assert_eq!(notice.summary, "Advisory due in 30 min — EMB-2026-0042");
        assert!(notice.body.ends_with("\nSECRET title"));
    }

    #[test]
    fn time_left_is_rounded_down() {
        let m = chrono::Duration::minutes;
        assert_eq!(time_span(m(0)), "1 min");
        assert_eq!(time_span(m(59)), "59 min");
        assert_eq!(time_span(m(60)), "1 h");
        assert_eq!(time_span(m(119)), "1 h");
        assert_eq!(time_span(m(47 * 60 + 59)), "47 h");
        assert_eq!(time_span(m(48 * 60)), "2 d");
    }
}
