//! `embargo due`'s list, computed over borrowed rows: the deadline engine runs
//! on every open case's cached facts, and what is listed is kept as small
//! references (case row, rule, instants) that are sorted, then either printed
//! as they are ([`Session::due_lines`]) or turned into owned entries for the
//! notifier ([`Session::due`]). On 10,000 cases that is 20,000 deadlines: owned
//! entries cost four strings each, a map lookup per case and a sort moving them.

use chrono::{DateTime, Utc};
use embargo_domain::Status;
use embargo_domain::deadlines::{DeadlineEngine, DeadlineState};
use embargo_domain::policy::Rule;
use embargo_vault::CaseSummary;
use serde::Serialize;

use crate::{ApiError, DueEntry, DueQuery, Session};

/// One deadline of `embargo due`, borrowed from the session for printing. Its
/// JSON is exactly a [`DueEntry`]'s: `{case_id, rule, due_at, state}`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct DueLine<'a> {
    /// `EMB-YYYY-NNNN`.
    pub case_id: &'a str,
    /// The profile's rule id.
    pub rule: &'a str,
    /// The deadline (UTC); while paused, the deadline if the wait ended now.
    #[serde(serialize_with = "rfc3339")]
    pub due_at: DateTime<Utc>,
    /// `met`, `upcoming`, `due_soon`, `overdue` or `paused`.
    pub state: DeadlineState,
}

/// `at` as chrono's own `Serialize` writes it (the same `write_rfc3339`, with
/// the same options), but as one string: chrono's goes through `collect_str`,
/// which hands the JSON writer one character at a time, and 20,000 dates that
/// way were a fifth of a served `due --json`.
fn rfc3339<S: serde::Serializer>(at: &DateTime<Utc>, to: S) -> Result<S::Ok, S::Error> {
    to.serialize_str(&at.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true))
}

/// A listed deadline, by reference.
struct Listed<'a> {
    case: &'a CaseSummary,
    rule: &'a Rule,
    due_at: DateTime<Utc>,
    state: DeadlineState,
    warn_at: Option<DateTime<Utc>>,
}

impl Session {
    /// `embargo due`'s deadlines, soonest first, handed to `print` (borrowed
    /// from the session for the call).
    pub fn due_lines<R>(
        &self,
        query: &DueQuery,
        print: impl FnOnce(&[DueLine<'_>]) -> R,
    ) -> Result<R, ApiError> {
        self.due_with(query, |listed| {
            let lines: Vec<DueLine<'_>> = listed
                .iter()
                .map(|l| DueLine {
                    case_id: &l.case.id,
                    rule: &l.rule.id,
                    due_at: l.due_at,
                    state: l.state,
                })
                .collect();
            print(&lines)
        })
    }

    /// Open deadlines of every case that is not closed, soonest first.
    pub fn due(&self, query: &DueQuery) -> Result<Vec<DueEntry>, ApiError> {
        self.due_with(query, |listed| {
            listed
                .iter()
                .map(|l| DueEntry {
                    case_id: l.case.id.clone(),
                    rule: l.rule.id.clone(),
                    due_at: l.due_at,
                    state: l.state,
                    case: l.case.case_id,
                    label: l.rule.label.clone(),
                    title: l.case.title.clone(),
                    warn_at: l.warn_at,
                })
                .collect()
        })
    }

    fn due_with<R>(
        &self,
        query: &DueQuery,
        finish: impl FnOnce(&[Listed<'_>]) -> R,
    ) -> Result<R, ApiError> {
        let now = self.now();
        let settings = self.policy_settings()?;
        let engine = DeadlineEngine::new(settings.active())?;
        let horizon = query.within.as_ref().map(|w| now + w.as_chrono());
        let cases = self.case_summaries()?;
        let mut facts = cases.facts();
        let mut listed = Vec::new();
        for (case, facts) in cases.rows.iter().zip(facts.iter_mut()) {
            let finished = case.status.parse().is_ok_and(is_finished);
            if finished && !query.include_met {
                continue;
            }
            if facts.is_none() {
                *facts = Some(self.case_facts(case.case_id)?);
            }
            let Some(facts) = facts.as_deref() else {
                continue;
            };
            for state in engine.evaluate(facts, now) {
                let shown = state.state.is_open()
                    || (query.include_met && state.state == DeadlineState::Met);
                let Some(due_at) = state.due_at.or(state.met_at) else {
                    continue;
                };
                if shown && horizon.is_none_or(|h| due_at <= h) {
                    listed.push(Listed {
                        case,
                        rule: state.rule,
                        due_at,
                        state: state.state,
                        warn_at: state.warn_at,
                    });
                }
            }
        }
        listed.sort_by(|a, b| {
            (a.due_at, &a.case.id, &a.rule.id).cmp(&(b.due_at, &b.case.id, &b.rule.id))
        });
        Ok(finish(&listed))
    }
}

/// Closed, or ended on a side outcome: no deadline runs any more.
fn is_finished(status: Status) -> bool {
    matches!(
        status,
        Status::Closed | Status::NotAVulnerability | Status::Duplicate | Status::ThirdParty
    )
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone as _;

    use super::*;

    #[test]
    fn a_line_prints_exactly_as_the_entry_it_stands_for() {
        let whole = Utc
            .with_ymd_and_hms(2026, 11, 24, 9, 0, 0)
            .single()
            .expect("instant");
        for due_at in [
            whole,
            whole + chrono::Duration::milliseconds(250),
            whole + chrono::Duration::nanoseconds(1),
        ] {
            let entry = DueEntry {
                case_id: "EMB-2026-0042".into(),
                rule: "ack".into(),
                due_at,
                state: DeadlineState::DueSoon,
                case: embargo_domain::CaseId::TEAM,
                label: "Acknowledgment".into(),
                title: "Heap overflow".into(),
                warn_at: None,
            };
            let line = DueLine {
                case_id: &entry.case_id,
                rule: &entry.rule,
                due_at,
                state: entry.state,
            };
            assert_eq!(
                serde_json::to_string_pretty(&[line]).expect("line"),
                serde_json::to_string_pretty(std::slice::from_ref(&entry)).expect("entry"),
            );
        }
    }
}
