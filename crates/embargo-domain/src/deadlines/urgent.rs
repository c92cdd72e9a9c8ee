use super::{DeadlineState, RuleState};

/// How pressing a state is: lower comes first in a case list's badge.
fn pressure(state: DeadlineState) -> Option<u8> {
    match state {
        DeadlineState::Overdue => Some(0),
        DeadlineState::DueSoon => Some(1),
        DeadlineState::Upcoming => Some(2),
        DeadlineState::Paused => Some(3),
        DeadlineState::Met | DeadlineState::NotApplicable => None,
    }
}

/// The one deadline a case list shows for a case: the most pressing open rule —
/// overdue before due soon before upcoming before paused, and within each the one
/// whose deadline comes (or came) first. `None` when nothing is open.
pub fn most_urgent<'s, 'p>(states: &'s [RuleState<'p>]) -> Option<&'s RuleState<'p>> {
    states
        .iter()
        .filter_map(|s| Some(((pressure(s.state)?, s.due_at?), s)))
        .min_by_key(|(key, _)| *key)
        .map(|(_, s)| s)
}
