use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::DomainError;

/// Where a case stands in the disclosure policy (SPEC §2.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// Report in, nobody has answered yet.
    Received,
    /// The reporter was told we have it.
    Acknowledged,
    /// Someone is working out whether it is real.
    Triaging,
    /// It is a vulnerability in our code.
    Confirmed,
    /// Triage found no vulnerability.
    NotAVulnerability,
    /// Already reported in another case.
    Duplicate,
    /// The bug lives in someone else's module; the reporter was redirected.
    ThirdParty,
    /// Fixes are being prepared privately.
    Fixing,
    /// Fixes for every affected line are ready and held privately.
    FixReady,
    /// A CVE id was requested.
    CveRequested,
    /// The embargo date is set.
    Scheduled,
    /// Announced on the security mailing list.
    Announced,
    /// The advisory is published.
    Published,
    /// Nothing left to do.
    Closed,
}

impl Status {
    /// Every status, in policy order.
    pub const ALL: [Status; 14] = [
        Status::Received,
        Status::Acknowledged,
        Status::Triaging,
        Status::Confirmed,
        Status::NotAVulnerability,
        Status::Duplicate,
        Status::ThirdParty,
        Status::Fixing,
        Status::FixReady,
        Status::CveRequested,
        Status::Scheduled,
        Status::Announced,
        Status::Published,
        Status::Closed,
    ];

    /// The kebab-case name used on the command line and in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Received => "received",
            Status::Acknowledged => "acknowledged",
            Status::Triaging => "triaging",
            Status::Confirmed => "confirmed",
            Status::NotAVulnerability => "not-a-vulnerability",
            Status::Duplicate => "duplicate",
            Status::ThirdParty => "third-party",
            Status::Fixing => "fixing",
            Status::FixReady => "fix-ready",
            Status::CveRequested => "cve-requested",
            Status::Scheduled => "scheduled",
            Status::Announced => "announced",
            Status::Published => "published",
            Status::Closed => "closed",
        }
    }

    /// The statuses a case may be in directly before this one.
    pub fn predecessors(self) -> &'static [Status] {
        use Status::*;
        match self {
            Received => &[],
            Acknowledged => &[Received],
            Triaging => &[Acknowledged],
            Confirmed | NotAVulnerability | Duplicate | ThirdParty => &[Triaging],
            Fixing => &[Confirmed],
            FixReady => &[Fixing],
            CveRequested => &[FixReady],
            Scheduled => &[CveRequested],
            Announced => &[Scheduled],
            Published => &[Announced],
            Closed => &[Published, NotAVulnerability, Duplicate, ThirdParty],
        }
    }

    /// The statuses this one may move to next.
    pub fn successors(self) -> Vec<Status> {
        Status::ALL
            .into_iter()
            .filter(|next| next.predecessors().contains(&self))
            .collect()
    }

    /// The shortest walk of moves from this status to `to`, each allowed by the
    /// policy, without this status itself (empty when `to` is this status; `None`
    /// when `to` cannot be reached). Where two walks are as short, the one through
    /// the earlier status in policy order wins, so the answer is always the same.
    pub fn path_to(self, to: Status) -> Option<Vec<Status>> {
        let mut came_from = std::collections::BTreeMap::new();
        let mut queue = std::collections::VecDeque::from([self]);
        while let Some(at) = queue.pop_front() {
            if at == to {
                let mut path = Vec::new();
                let mut step = to;
                while step != self {
                    path.push(step);
                    step = *came_from.get(&step)?;
                }
                path.reverse();
                return Some(path);
            }
            for next in at.successors() {
                if next != self && !came_from.contains_key(&next) {
                    came_from.insert(next, at);
                    queue.push_back(next);
                }
            }
        }
        None
    }

    /// Whether the case is finished (no deadlines run on it).
    pub fn is_closed(self) -> bool {
        self == Status::Closed
    }

    /// Whether this status ends the case's work: closed, or a triage outcome that
    /// leads nowhere but to closed. Moving here is what a handler confirms, and a
    /// case here is what [`Case::reopen_target`](crate::Case::reopen_target) reopens.
    pub fn is_end_state(self) -> bool {
        matches!(
            self,
            Status::NotAVulnerability | Status::Duplicate | Status::ThirdParty | Status::Closed
        )
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Status {
    type Err = DomainError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let wanted = s.trim().to_ascii_lowercase().replace('_', "-");
        Status::ALL
            .into_iter()
            .find(|status| status.as_str() == wanted)
            .ok_or_else(|| {
                let names: Vec<_> = Status::ALL.iter().map(|s| s.as_str()).collect();
                DomainError::UnknownStatus(s.to_owned(), names.join(", "))
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_status_parses_from_its_name() {
        for status in Status::ALL {
            assert_eq!(status.as_str().parse::<Status>(), Ok(status));
        }
    }

    #[test]
    fn the_policy_path_is_a_chain() {
        use Status::*;
        let path = [
            Received,
            Acknowledged,
            Triaging,
            Confirmed,
            Fixing,
            FixReady,
            CveRequested,
            Scheduled,
            Announced,
            Published,
            Closed,
        ];
        for pair in path.windows(2) {
            assert!(
                pair[0].successors().contains(&pair[1]),
                "{} -> {}",
                pair[0],
                pair[1]
            );
        }
        assert_eq!(
            Triaging.successors(),
            vec![Confirmed, NotAVulnerability, Duplicate, ThirdParty]
        );
        assert!(Closed.successors().is_empty());
    }

    #[test]
    fn a_path_walks_only_allowed_moves_and_stops_where_nothing_leads() {
        use Status::*;
        assert_eq!(
            Received.path_to(Published),
            Some(vec![
                Acknowledged,
                Triaging,
                Confirmed,
                Fixing,
                FixReady,
                CveRequested,
                Scheduled,
                Announced,
                Published,
            ])
        );
        assert_eq!(
            Received.path_to(Closed),
            Some(vec![Acknowledged, Triaging, NotAVulnerability, Closed])
        );
        assert_eq!(Triaging.path_to(Triaging), Some(vec![]));
        assert_eq!(Closed.path_to(Received), None);
        assert_eq!(Fixing.path_to(Duplicate), None);
        for from in Status::ALL {
            for to in Status::ALL {
                let Some(path) = from.path_to(to) else {
                    continue;
                };
                let mut at = from;
                for step in path {
                    assert!(at.successors().contains(&step), "{at} -> {step}");
                    at = step;
                }
                assert_eq!(at, to);
            }
        }
    }
}
