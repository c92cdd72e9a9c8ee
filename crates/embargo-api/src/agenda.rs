//! The agenda: which cases need the handler first. Saved views narrow the list,
//! groups say how urgent each row is (overdue, due today, due soon, the rest of
//! the open cases, then the ended ones), and a sort orders the rows. Computed here
//! so the desktop list and `embargo case list --view` agree.

use chrono::{DateTime, Days, Utc};
use embargo_domain::Status;
use embargo_domain::deadlines::{DeadlineState, WorkingCalendar};
use embargo_vault::CaseSummary;
use serde::{Deserialize, Serialize};

use crate::DeadlineBadge;

/// A saved view of the case list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "kebab-case")]
pub enum SavedView {
    /// Every open case (not closed, not ended in triage): the morning's agenda.
    Open,
    /// Open cases with a deadline already passed.
    Overdue,
    /// Open cases with a deadline before the end of today (policy calendar's zone).
    DueToday,
    /// Open cases the vault's owner handles.
    Mine,
    /// Open cases nobody handles.
    Unassigned,
    /// Open cases waiting on the reporter (needs info).
    Waiting,
    /// Closed cases and the triage outcomes that end a case.
    Ended,
    /// Every case.
    All,
}

impl SavedView {
    /// Every view, in the order the list offers them.
    pub const ALL: [SavedView; 8] = [
        SavedView::Open,
        SavedView::Overdue,
        SavedView::DueToday,
        SavedView::Mine,
        SavedView::Unassigned,
        SavedView::Waiting,
        SavedView::Ended,
        SavedView::All,
    ];

    /// The kebab-case name used on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            SavedView::Open => "open",
            SavedView::Overdue => "overdue",
            SavedView::DueToday => "due-today",
            SavedView::Mine => "mine",
            SavedView::Unassigned => "unassigned",
            SavedView::Waiting => "waiting",
            SavedView::Ended => "ended",
            SavedView::All => "all",
        }
    }

    /// Whether a case in `status` can be in this view at all (before deadlines).
    pub(crate) fn admits_status(self, status: Status) -> bool {
        match self {
            SavedView::All => true,
            SavedView::Ended => status.is_end_state(),
            _ => !status.is_end_state(),
        }
    }

    /// Whether a listed case belongs in this view.
    pub(crate) fn admits(self, case: &Placed) -> bool {
        if !self.admits_status(case.status) {
            return false;
        }
        match self {
            SavedView::Overdue => case.group == AgendaGroup::Overdue,
            SavedView::DueToday => case.group == AgendaGroup::DueToday,
            SavedView::Mine => case.mine,
            SavedView::Unassigned => case.summary.handler.is_none(),
            SavedView::Waiting => case.waiting,
            SavedView::Open | SavedView::Ended | SavedView::All => true,
        }
    }
}

impl std::str::FromStr for SavedView {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        SavedView::ALL
            .into_iter()
            .find(|view| view.as_str() == s.trim())
            .ok_or_else(|| {
                let names: Vec<_> = SavedView::ALL.iter().map(|v| v.as_str()).collect();
                format!("unknown view {s:?}; views are: {}", names.join(", "))
            })
    }
}

/// How urgent a listed case is, most urgent first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "kebab-case")]
pub enum AgendaGroup {
    /// A deadline has passed.
    Overdue,
    /// A deadline falls before the end of today.
    DueToday,
    /// A deadline is inside its lead time.
    DueSoon,
    /// Open, nothing pressing.
    Open,
    /// Closed or ended in triage.
    Ended,
}

impl AgendaGroup {
    /// Where a case in `status` whose most urgent deadline is `badge` belongs;
    /// `day_end` is when today ends in the policy calendar's zone.
    pub fn of(status: Status, badge: Option<&DeadlineBadge>, day_end: DateTime<Utc>) -> Self {
        if status.is_end_state() {
            return AgendaGroup::Ended;
        }
        match badge {
            Some(b) if b.state == DeadlineState::Overdue => AgendaGroup::Overdue,
            Some(b) if b.state != DeadlineState::Paused && b.due_at < day_end => {
                AgendaGroup::DueToday
            }
            Some(b) if b.state == DeadlineState::DueSoon => AgendaGroup::DueSoon,
            _ => AgendaGroup::Open,
        }
    }
}

/// The order of the rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "kebab-case")]
pub enum CaseSort {
    /// By group, then the earliest deadline first (the agenda's order).
    Urgency,
    /// Newest report first.
    Received,
    /// Most recently changed first.
    Updated,
    /// Highest CVSS base score first; unscored last.
    Severity,
}

impl CaseSort {
    /// Every sort, in the order the list offers them.
    pub const ALL: [CaseSort; 4] = [
        CaseSort::Urgency,
        CaseSort::Received,
        CaseSort::Updated,
        CaseSort::Severity,
    ];

    /// The kebab-case name used on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            CaseSort::Urgency => "urgency",
            CaseSort::Received => "received",
            CaseSort::Updated => "updated",
            CaseSort::Severity => "severity",
        }
    }
}

impl std::str::FromStr for CaseSort {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        CaseSort::ALL
            .into_iter()
            .find(|sort| sort.as_str() == s.trim())
            .ok_or_else(|| {
                let names: Vec<_> = CaseSort::ALL.iter().map(|v| v.as_str()).collect();
                format!("unknown sort {s:?}; sorts are: {}", names.join(", "))
            })
    }
}

/// A listed case with what the agenda placed it by. `deadline`, `waiting` and
/// `severity` are filled only when the view or the sort needs them for every
/// candidate (otherwise only for the rows shown).
#[derive(Debug, Clone)]
pub(crate) struct Placed {
    pub summary: CaseSummary,
    pub status: Status,
    pub mine: bool,
    pub deadline: Option<DeadlineBadge>,
    pub waiting: bool,
    pub group: AgendaGroup,
    /// Highest CVSS base score.
    pub severity: Option<f64>,
}

/// The agenda's order for `sort` between two placed cases; ties go to the newer
/// report so the order is stable across refreshes.
pub(crate) fn compare(sort: CaseSort, a: &Placed, b: &Placed) -> std::cmp::Ordering {
    let newest = b.summary.received_at.cmp(&a.summary.received_at);
    match sort {
        CaseSort::Urgency => a
            .group
            .cmp(&b.group)
            .then_with(|| match (due(a), due(b)) {
                (Some(x), Some(y)) => x.cmp(&y),
                (Some(_), None) => std::cmp::Ordering::Less,
                (None, Some(_)) => std::cmp::Ordering::Greater,
                (None, None) => std::cmp::Ordering::Equal,
            })
            .then(newest),
        CaseSort::Received => newest,
        CaseSort::Updated => b.summary.updated_at.cmp(&a.summary.updated_at).then(newest),
        CaseSort::Severity => {
            let score = |p: &Placed| p.severity.unwrap_or(-1.0);
            score(b).total_cmp(&score(a)).then(newest)
        }
    }
}

fn due(case: &Placed) -> Option<DateTime<Utc>> {
    case.deadline.as_ref().map(|d| d.due_at)
}

/// When today ends in the calendar's zone, as seen at `now`.
pub(crate) fn end_of_today(calendar: &WorkingCalendar, now: DateTime<Utc>) -> DateTime<Utc> {
    let today = now.with_timezone(&calendar.zone()).date_naive();
    today
        .checked_add_days(Days::new(1))
        .map(|tomorrow| calendar.day_start(tomorrow))
        .unwrap_or(DateTime::<Utc>::MAX_UTC)
}
