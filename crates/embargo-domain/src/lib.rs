//! Embargo's domain: what a security case is and how it changes.
//!
//! Everything here is pure: no I/O, no wall clock. A case is never edited in place;
//! every change is an [`Event`] carrying a [`Change`], and a [`Case`] is the fold of
//! its events ([`Case::apply`]). The vault stores the events and keeps the folded
//! cases as a rebuildable projection; team sync will ship the same events.
//!
//! Time comes from a [`Clock`] that callers inject, so deadlines and tests never
//! depend on when they run. Event order comes from a hybrid logical clock ([`Hlc`]).
#![deny(missing_docs)]

mod case;
mod change;
mod clock;
mod cvss_score;
mod drafts;
mod error;
mod event;
mod export_settings;
mod field;
pub use field::{FIELD_NAMES, FieldName, validate_email};
mod ids;
mod implied;
mod non_issues;
mod progress;
mod reopen;
mod status;
mod templates;

pub mod deadlines;
pub mod policy;

pub use case::{
    Affected, Attachment, Case, CaseLink, ChecklistItem, Direction, FixState, Message, MetDeadline,
    Note, ReleaseLine, Reporter,
};
pub use change::Change;
pub use clock::{Clock, FixedClock, Hlc, HlcTimestamp, MAX_CLOCK_LEAD, MAX_COUNTER};
pub use cvss_score::{CvssScore, CvssVersion};
pub use drafts::{Audience, Draft, DraftVersion};
pub use error::{DomainError, StatusNeed};
pub use event::{EVENT_FORMAT_VERSION, EVENT_ID_TAG, Event, EventContext};
pub use export_settings::{EXPORT_SETTING_KEYS, ExportSettings, team_export_settings};
pub use field::CaseField;
pub use ids::{AuthorId, CaseId, DeviceId, EventId, HumanId};
pub use non_issues::{KnownNonIssue, team_non_issues};
pub use progress::{Progress, Unwatched};
pub use status::Status;
pub use templates::{Template, team_templates, valid_template_id};
