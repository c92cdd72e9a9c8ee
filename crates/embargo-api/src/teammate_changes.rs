//! Which of a sync pass's changed cases are this user's to handle, so the desktop
//! app can tell them, discreetly, that a teammate moved one of their cases.

use embargo_domain::CaseId;

use crate::{ApiError, Session};

/// A case this user handles that a teammate's synced work changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TeammateChange {
    /// The case's internal id.
    pub case: CaseId,
    /// `EMB-YYYY-NNNN`.
    pub case_id: String,
    /// Its title (embargoed: shown only where the user allowed titles).
    pub title: String,
}

impl Session {
    /// The cases among `changed` whose handler is this user (their name or e-mail,
    /// compared without regard to case or surrounding spaces).
    pub fn my_cases_among(&self, changed: &[CaseId]) -> Result<Vec<TeammateChange>, ApiError> {
        let me = self.vault().public_identity();
        let is_me = |handler: &str| {
            let handler = handler.trim();
            handler.eq_ignore_ascii_case(me.name.trim())
                || handler.eq_ignore_ascii_case(me.email.trim())
        };
        let mut mine = Vec::new();
        for &id in changed {
            let Some(case) = self.vault().case(id)? else {
                continue;
            };
            if case.handler.as_deref().is_some_and(is_me) {
                mine.push(TeammateChange {
                    case: id,
                    case_id: case.human_id.to_string(),
                    title: case.title.clone(),
                });
            }
        }
        Ok(mine)
    }
}
