//! The case list as a handler narrows it: by status, by handler, by words.

use chrono::{DateTime, Utc};
use embargo_domain::Status;
use embargo_domain::deadlines::DeadlineEngine;
use embargo_vault::CaseSummary;
use serde::{Deserialize, Serialize};

use crate::agenda::{Placed, compare, end_of_today};
use crate::case_rows::{Urgency, highest};
use crate::{AgendaGroup, ApiError, CaseRow, CaseSort, SavedView, Session};

/// How many rows a search returns at most.
const SEARCH_LIMIT: usize = 200;

/// Which handler's cases to show.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "kind", content = "name", rename_all = "kebab-case")]
pub enum HandlerFilter {
    /// Cases whose primary handler is exactly this name.
    Named(String),
    /// Cases nobody handles yet.
    Unassigned,
}

/// What the case list shows. Empty means every case, newest first; a `view`
/// without a `sort` lists by urgency (the agenda), words by best match.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct CaseFilter {
    /// Only cases in this status.
    pub status: Option<Status>,
    /// Only this handler's cases.
    pub handler: Option<HandlerFilter>,
    /// Full-text words (every one must match, as prefixes); best match first.
    pub words: Option<String>,
    /// At most this many rows (the first ones); all when absent.
    pub limit: Option<u32>,
    /// A saved view (open cases, overdue, mine, …); every case when absent.
    #[serde(default)]
    pub view: Option<SavedView>,
    /// The order; see the type's doc for the default.
    #[serde(default)]
    pub sort: Option<CaseSort>,
}

/// The first rows of a filtered case list, and how many there are in all.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct CasePage {
    /// The rows, in list order, at most the filter's `limit`, each with its most
    /// urgent deadline.
    pub rows: Vec<CaseRow>,
    /// How many cases match the filter.
    pub total: u32,
    /// The instant the deadlines were computed at (what "due in 3 h" counts from).
    pub now: DateTime<Utc>,
}

impl Session {
    /// The case list narrowed by `filter`: only the rows a screen shows cross to it.
    ///
    /// Deadlines are computed for every candidate only when the view or the sort
    /// needs them (the agenda); a plain list computes them for the rows shown.
    pub fn case_page(&self, filter: &CaseFilter) -> Result<CasePage, ApiError> {
        let now = self.now();
        let settings = self.policy_settings()?;
        let engine = DeadlineEngine::new(settings.active())?;
        let day_end = end_of_today(engine.calendar(), now);
        let sort = filter.sort.or_else(|| {
            let searching = filter
                .words
                .as_deref()
                .is_some_and(|w| !w.trim().is_empty());
            (filter.view.is_some() && !searching).then_some(CaseSort::Urgency)
        });
        let needs_urgency = sort == Some(CaseSort::Urgency)
            || matches!(
                filter.view,
                Some(SavedView::Overdue | SavedView::DueToday | SavedView::Waiting)
            );
        let me = self.vault().public_identity().name.clone();

        let mut placed = Vec::new();
        for summary in self.find_cases(filter)? {
            let status: Status = summary.status.parse()?;
            if filter.view.is_some_and(|view| !view.admits_status(status)) {
                continue;
            }
            let urgency = if needs_urgency && !status.is_end_state() {
                self.urgency(&engine, summary.case_id, now)?
            } else {
                Urgency {
                    deadline: None,
                    waiting: false,
                }
            };
            let severity = if sort == Some(CaseSort::Severity) {
                highest(&self.case(summary.case_id)?.cvss).map(|s| s.base_score)
            } else {
                None
            };
            let case = Placed {
                mine: summary.handler.as_deref() == Some(me.as_str()),
                group: AgendaGroup::of(status, urgency.deadline.as_ref(), day_end),
                deadline: urgency.deadline,
                waiting: urgency.waiting,
                severity,
                status,
                summary,
            };
            if filter.view.is_none_or(|view| view.admits(&case)) {
                placed.push(case);
            }
        }
        if let Some(sort) = sort {
            placed.sort_by(|a, b| compare(sort, a, b));
        }
        let total = u32::try_from(placed.len()).unwrap_or(u32::MAX);
        if let Some(limit) = filter.limit {
            placed.truncate(limit as usize);
        }
        let rows = placed
            .into_iter()
            .map(|case| {
                let urgency = if needs_urgency || case.status.is_end_state() {
                    Urgency {
                        deadline: case.deadline,
                        waiting: case.waiting,
                    }
                } else {
                    self.urgency(&engine, case.summary.case_id, now)?
                };
                let group = AgendaGroup::of(case.status, urgency.deadline.as_ref(), day_end);
                self.row(case.summary, urgency, group)
            })
            .collect::<Result<_, _>>()?;
        Ok(CasePage { rows, total, now })
    }

    /// The case list narrowed by `filter` (ignoring its `limit`).
    pub fn find_cases(&self, filter: &CaseFilter) -> Result<Vec<CaseSummary>, ApiError> {
        let words = filter.words.as_deref().map(str::trim).unwrap_or_default();
        let mut rows = if words.is_empty() {
            self.case_summaries()?.rows.clone()
        } else {
            self.vault().search(words, SEARCH_LIMIT)?
        };
        if let Some(status) = filter.status {
            rows.retain(|row| row.status == status.as_str());
        }
        match &filter.handler {
            Some(HandlerFilter::Named(name)) => {
                rows.retain(|row| row.handler.as_deref() == Some(name.as_str()));
            }
            Some(HandlerFilter::Unassigned) => rows.retain(|row| row.handler.is_none()),
            None => {}
        }
        Ok(rows)
    }

    /// Everyone who handles at least one case, sorted, for the handler filter.
    pub fn handlers(&self) -> Result<Vec<String>, ApiError> {
        let mut names: Vec<String> = self
            .case_summaries()?
            .rows
            .iter()
            .filter_map(|row| row.handler.clone())
            .collect();
        names.sort();
        names.dedup();
        Ok(names)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::NewCase;
    use crate::test_session::fixed_time_session;

    fn session(dir: &std::path::Path) -> Session {
        let mut session = fixed_time_session(dir, "Ana Ruiz", "ana@example.org");
        for title in [
            "Path traversal in static files",
            "XSS in the admin panel",
            "Timing leak in login",
        ] {
            session
                .new_case(NewCase {
                    title: title.into(),
                    ..NewCase::default()
                })
                .expect("new case");
        }
        session
            .set_field("1", embargo_domain::FieldName::Handler, "Ana Ruiz")
            .expect("handler");
        session
            .set_field("2", embargo_domain::FieldName::Handler, "Bo Chen")
            .expect("handler");
        session
            .move_case("2", embargo_domain::Status::Acknowledged)
            .expect("move");
        session
    }

    fn ids(rows: &[CaseSummary]) -> Vec<&str> {
        let mut ids: Vec<&str> = rows.iter().map(|r| r.id.as_str()).collect();
        ids.sort();
        ids
    }

    #[test]
    fn filters_combine_status_handler_and_words() {
        let dir = tempfile::tempdir().expect("temp dir");
        let session = session(dir.path());
        let all = session.find_cases(&CaseFilter::default()).expect("all");
        assert_eq!(all.len(), 3);

        let acknowledged = CaseFilter {
            status: Some(Status::Acknowledged),
            ..CaseFilter::default()
        };
        assert_eq!(
            ids(&session.find_cases(&acknowledged).expect("status")),
            ["EMB-2026-0002"]
        );

        let anas = CaseFilter {
            handler: Some(HandlerFilter::Named("Ana Ruiz".into())),
            ..CaseFilter::default()
        };
        assert_eq!(
            ids(&session.find_cases(&anas).expect("handler")),
            ["EMB-2026-0001"]
        );

        let nobody = CaseFilter {
            handler: Some(HandlerFilter::Unassigned),
            ..CaseFilter::default()
        };
        assert_eq!(
            ids(&session.find_cases(&nobody).expect("unassigned")),
            ["EMB-2026-0003"]
        );

        let typed = CaseFilter {
            words: Some("trav".into()),
            ..CaseFilter::default()
        };
        assert_eq!(
            ids(&session.find_cases(&typed).expect("words")),
            ["EMB-2026-0001"]
        );

        let none = CaseFilter {
            words: Some("traversal".into()),
            status: Some(Status::Acknowledged),
            ..CaseFilter::default()
        };
        assert!(session.find_cases(&none).expect("combined").is_empty());
    }

    #[test]
    fn blank_words_list_everything_instead_of_nothing() {
        let dir = tempfile::tempdir().expect("temp dir");
        let session = session(dir.path());
        let blank = CaseFilter {
            words: Some("   ".into()),
            ..CaseFilter::default()
        };
        assert_eq!(session.find_cases(&blank).expect("blank").len(), 3);
    }

    #[test]
    fn a_page_carries_the_first_rows_and_the_full_count() {
        let dir = tempfile::tempdir().expect("temp dir");
        let session = session(dir.path());
        let page = session
            .case_page(&CaseFilter {
                limit: Some(2),
                ..CaseFilter::default()
            })
            .expect("page");
        assert_eq!(page.total, 3);
        assert_eq!(page.rows.len(), 2);
        assert_eq!(
            page.rows[0].summary.id, "EMB-2026-0003",
            "newest first, as listed"
        );
        let badge = page.rows[0]
            .deadline
            .as_ref()
            .expect("a fresh case has a deadline");
        assert_eq!(
            (badge.rule.as_str(), badge.state),
            ("ack", embargo_domain::deadlines::DeadlineState::Upcoming),
            "a fresh case waits for its acknowledgment"
        );
    }

    #[test]
    fn handlers_are_listed_once_each() {
        let dir = tempfile::tempdir().expect("temp dir");
        assert_eq!(
            session(dir.path()).handlers().expect("handlers"),
            ["Ana Ruiz", "Bo Chen"]
        );
    }
}
