//! The case view's deadline board: every rule of the active policy for one case,
//! where it stands, what met it, whether it is snoozed on this device.

use chrono::{DateTime, Utc};
use embargo_domain::deadlines::{DeadlineEngine, DeadlineState, MetBy};
use embargo_domain::policy::PolicyDuration;
use serde::Serialize;

use crate::{ApiError, Session};

/// One case's deadlines as the board shows them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct DeadlineBoard {
    /// `EMB-YYYY-NNNN`.
    pub case_id: String,
    /// The instant the states were computed at.
    pub now: DateTime<Utc>,
    /// The active profile's name.
    pub profile: String,
    /// The profile's calendar zone (business days count in it).
    pub zone: String,
    /// Whether the case waits on the reporter (rules that pause are paused).
    pub waiting_on_reporter: bool,
    /// Every rule, in the profile's order.
    pub rules: Vec<BoardRule>,
}

/// One rule of the board.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct BoardRule {
    /// The rule id (`ack`).
    pub rule: String,
    /// Its label (`Acknowledgment`).
    pub label: String,
    /// The policy in words: `24 h after the report arrives`.
    pub describe: String,
    /// Where it stands.
    pub state: DeadlineState,
    /// The deadline, once its anchor happened (while paused: if the wait ended now).
    pub due_at: Option<DateTime<Utc>>,
    /// When it enters its lead time and notifies.
    pub warn_at: Option<DateTime<Utc>>,
    /// When it was met (a recurring rule: when its clock last restarted).
    pub met_at: Option<DateTime<Utc>>,
    /// What met it.
    pub met_by: Option<MetBy>,
    /// Whether it comes round again (the reporter update) rather than being met once.
    pub recurs: bool,
    /// Whether the clock stops while the case waits on the reporter.
    pub pauses_while_waiting: bool,
    /// No notification about it before this instant (this device).
    pub snoozed_until: Option<DateTime<Utc>>,
}

impl Session {
    /// Every rule of the active policy for case `id`.
    pub fn deadline_board(&self, id: &str) -> Result<DeadlineBoard, ApiError> {
        let case_id = self.resolve(id)?;
        let human_id = self.case(case_id)?.human_id.to_string();
        let facts = self.case_facts(case_id)?;
        let settings = self.policy_settings()?;
        let profile = settings.active();
        let engine = DeadlineEngine::new(profile)?;
        let now = self.now();
        let mut rules = Vec::with_capacity(profile.rules.len());
        for state in engine.evaluate(&facts, now) {
            let snoozed_until = self
                .snoozed_until(case_id, &state.rule.id)?
                .filter(|until| *until > now);
            rules.push(BoardRule {
                rule: state.rule.id.clone(),
                label: state.rule.label.clone(),
                describe: state.rule.describe(),
                state: state.state,
                due_at: state.due_at,
                warn_at: state.warn_at,
                met_at: state.met_at,
                met_by: state.met_by.clone(),
                recurs: state.rule.anchor.recurs(),
                pauses_while_waiting: state.rule.pauses_while_waiting,
                snoozed_until,
            });
        }
        Ok(DeadlineBoard {
            case_id: human_id,
            now,
            profile: profile.name.clone(),
            zone: profile.zone.clone(),
            waiting_on_reporter: facts.waits.last().is_some_and(|w| w.end.is_none()),
            rules,
        })
    }

    /// The board's "Snooze": no notification about `rule` of `id` for `hours`.
    pub fn snooze_hours(
        &mut self,
        id: &str,
        rule: &str,
        hours: u32,
    ) -> Result<DeadlineBoard, ApiError> {
        self.snooze(id, rule, &PolicyDuration::hours(hours))?;
        self.deadline_board(id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::NewCase;
    use crate::test_session::fixed_time_session;

    fn session(dir: &std::path::Path) -> Session {
        let mut session = fixed_time_session(dir, "Ana Ruiz", "ana@example.org");
        session
            .new_case(NewCase {
                title: "Path traversal".into(),
                ..NewCase::default()
            })
            .expect("new case");
        session
    }

    fn rule<'b>(board: &'b DeadlineBoard, id: &str) -> &'b BoardRule {
        board
            .rules
            .iter()
            .find(|r| r.rule == id)
            .expect("rule on the board")
    }

    #[test]
    fn the_board_lists_every_rule_and_follows_the_case() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut session = session(dir.path());
        let board = session.deadline_board("1").expect("board");
        let ids: Vec<&str> = board.rules.iter().map(|r| r.rule.as_str()).collect();
        assert_eq!(
            ids,
            [
                "ack", "response", "update", "embargo", "announce", "advisory"
            ]
        );
        assert_eq!(rule(&board, "ack").state, DeadlineState::Upcoming);
        assert_eq!(rule(&board, "embargo").state, DeadlineState::NotApplicable);
        assert_eq!(board.zone, "UTC");

        session.log_met("1", "ack", None).expect("log ack");
        let board = session.deadline_board("1").expect("board after ack");
        let ack = rule(&board, "ack");
        assert_eq!(
            ack.state,
            DeadlineState::Met,
            "the cached facts were refreshed"
        );
        assert_eq!(ack.met_by, Some(MetBy::Logged { rule: "ack".into() }));

        session.set_waiting("1", true).expect("wait");
        let board = session.deadline_board("1").expect("board while waiting");
        assert!(board.waiting_on_reporter);
        assert_eq!(rule(&board, "response").state, DeadlineState::Paused);
    }

    #[test]
    fn a_snooze_shows_on_the_board_and_a_zero_snooze_is_refused() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut session = session(dir.path());
        let board = session.snooze_hours("1", "ack", 2).expect("snooze");
        assert_eq!(
            rule(&board, "ack").snoozed_until,
            Some(board.now + chrono::Duration::hours(2))
        );
        assert!(rule(&board, "response").snoozed_until.is_none());
        assert!(session.snooze_hours("1", "ack", 0).is_err());
        assert!(session.snooze_hours("1", "nope", 1).is_err());
    }

    #[test]
    fn the_list_reads_a_case_history_once_until_the_case_changes() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut session = session(dir.path());
        let filter = crate::CaseFilter::default();
        session.case_page(&filter).expect("page");
        assert_eq!(session.facts_cache().len(), 1);
        session.add_note("1", "looked at it").expect("note");
        assert_eq!(session.facts_cache().len(), 0, "a write forgets the case");
        let page = session.case_page(&filter).expect("page again");
        assert_eq!(
            page.rows[0].deadline.as_ref().map(|d| d.rule.as_str()),
            Some("ack")
        );
    }
}
