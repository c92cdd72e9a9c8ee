use embargo_domain::CaseId;

use crate::{ApiError, Input, Session};

impl Session {
    /// Find the case a person meant: a full `EMB-YYYY-NNNN`, any unique prefix of it
    /// (with or without `EMB-`), its number alone (`42`, `0042`) when only one year
    /// has it, or the internal id.
    pub fn resolve(&self, typed: &str) -> Result<CaseId, ApiError> {
        let typed = typed.trim();
        if typed.is_empty() {
            return Err(ApiError::invalid(
                Input::CaseId,
                "a case id is required (e.g. EMB-2026-0042)",
            ));
        }
        if let Ok(id) = typed.parse::<CaseId>()
            && self.vault().case(id)?.is_some()
        {
            return Ok(id);
        }
        let upper = typed.to_ascii_uppercase();
        let prefix = if upper.starts_with("EMB-") || "EMB-".starts_with(&upper) {
            upper
        } else {
            format!("EMB-{upper}")
        };
        let matches = if typed.chars().all(|c| c.is_ascii_digit()) {
            let number: u32 = typed
                .parse()
                .map_err(|_| ApiError::CaseNotFound(typed.to_owned()))?;
            self.vault().cases_with_number(number)?
        } else {
            self.vault().cases_with_id_prefix(&prefix)?
        };
        if let Some(exact) = matches.iter().find(|m| m.id == prefix) {
            return Ok(exact.case_id);
        }
        match matches.as_slice() {
            [] => Err(ApiError::CaseNotFound(typed.to_owned())),
            [one] => Ok(one.case_id),
            many => {
                let mut names: Vec<&str> = many.iter().take(5).map(|m| m.id.as_str()).collect();
                if many.len() > 5 {
                    names.push("…");
                }
                Err(ApiError::AmbiguousId {
                    prefix: typed.to_owned(),
                    candidates: names.join(", "),
                })
            }
        }
    }
}
