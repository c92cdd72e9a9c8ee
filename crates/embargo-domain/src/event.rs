use serde::{Deserialize, Serialize};

use crate::{AuthorId, CaseId, Change, DeviceId, EventId, HlcTimestamp};

/// Version of the event payload format. Bump only with a migration of stored events.
pub const EVENT_FORMAT_VERSION: u16 = 1;

/// One change to one case: the unit that is stored, replayed and (later) synced.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// Unique across every device.
    pub id: EventId,
    /// The case it changes.
    pub case_id: CaseId,
    /// Who made the change (signing key id).
    pub author: AuthorId,
    /// On which device.
    pub device: DeviceId,
    /// When, in hybrid-logical-clock order.
    pub at: HlcTimestamp,
    /// Payload format version.
    pub version: u16,
    /// What changed.
    pub change: Change,
}

impl Event {
    /// The total order in which events are folded: clock, then device, then id.
    /// Every replica sorts the same events the same way.
    pub fn order_key(&self) -> (HlcTimestamp, DeviceId, EventId) {
        (self.at, self.device, self.id)
    }
}

/// Who is writing events and from where: stamped on every event this device makes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventContext {
    /// The author's signing key id.
    pub author: AuthorId,
    /// This device.
    pub device: DeviceId,
}

impl EventContext {
    /// A new event of this author and device.
    pub fn event(&self, case_id: CaseId, at: HlcTimestamp, change: Change) -> Event {
        Event {
            id: EventId::stamped(at),
            case_id,
            author: self.author.clone(),
            device: self.device,
            at,
            version: EVENT_FORMAT_VERSION,
            change,
        }
    }
}
