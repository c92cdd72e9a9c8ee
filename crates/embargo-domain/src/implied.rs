//! What sending a reply implies for the case's status: the acknowledgment that
//! meets the `ack` rule is the moment a received case becomes acknowledged. The
//! app offers that move in the same step as "mark sent"; it never makes it alone.

use crate::{Case, Status};

/// Policy rules whose reply, once sent, moves a case on: (rule, from, to).
const MOVES_ON_SENDING: [(&str, Status, Status); 1] =
    [("ack", Status::Received, Status::Acknowledged)];

impl Case {
    /// The status move sending a draft that meets `rule` implies for this case
    /// now, when the policy allows it.
    pub fn move_implied_by_sending(&self, rule: Option<&str>) -> Option<Status> {
        let rule = rule?;
        MOVES_ON_SENDING
            .iter()
            .find(|(r, from, _)| *r == rule && *from == self.status)
            .map(|(_, _, to)| *to)
            .filter(|to| self.check_move(*to).is_ok())
    }
}
