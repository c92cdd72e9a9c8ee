//! Disclosure policies as data (SPEC §1): named profiles of rules, each
//! "deadline = anchor + duration" with a warning lead time, optional business-day
//! counting on the profile's working calendar, and whether the clock pauses while
//! the case waits on the reporter. [`PolicyProfile::seed`] is the built-in seed
//! policy; [`PolicySettings`] folds the team's saved and active profiles from the
//! team event stream.

mod duration;
mod edit;
mod profile;
mod rule;
mod settings;

pub use duration::PolicyDuration;
pub use edit::POLICY_KEYS;
pub use profile::{CUSTOM_PROFILE, PolicyProfile, SEED_PROFILE, parse_zone, validate_profile_id};
pub use rule::{Anchor, Rule};
pub use settings::PolicySettings;
