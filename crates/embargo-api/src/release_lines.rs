//! The release-line matrix edited as typed values (the desktop app's editor).

use embargo_domain::{Change, ReleaseLine};

use crate::{ApiError, Input, Session};

impl Session {
    /// Add or replace one line of a case's release-line matrix.
    pub fn put_release_line(&mut self, id: &str, line: ReleaseLine) -> Result<(), ApiError> {
        let case_id = self.resolve(id)?;
        let name = line.line.trim();
        if name.is_empty() {
            return Err(ApiError::invalid(
                Input::ReleaseLine,
                "a release line needs a name, e.g. 20.x",
            ));
        }
        let release_line = ReleaseLine {
            line: name.to_owned(),
            fixed_version: line
                .fixed_version
                .as_deref()
                .map(str::trim)
                .filter(|v| !v.is_empty())
                .map(str::to_owned),
            ..line
        };
        self.record(case_id, vec![Change::ReleaseLineSet { release_line }])
    }

    /// Take a line out of a case's matrix.
    pub fn remove_release_line(&mut self, id: &str, line: &str) -> Result<(), ApiError> {
        let case_id = self.resolve(id)?;
        let case = self.case(case_id)?;
        if !case.release_lines.iter().any(|l| l.line == line) {
            return Err(ApiError::NotFound(format!(
                "{} has no release line {line:?}",
                case.human_id
            )));
        }
        self.record(
            case_id,
            vec![Change::ReleaseLineRemoved {
                line: line.to_owned(),
            }],
        )
    }
}

#[cfg(test)]
mod tests {
    use embargo_domain::{Affected, FixState};

    use crate::{ErrorCode, NewCase};

    use super::*;
    use crate::test_session::fixed_time_session;

    #[test]
    fn lines_are_trimmed_replaced_by_name_and_removed() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut session = fixed_time_session(dir.path(), "Ana Ruiz", "ana@example.org");
        session
            .new_case(NewCase {
                title: "Bug".into(),
                ..NewCase::default()
            })
            .expect("case");
        let line = |fixed: Option<&str>, state| ReleaseLine {
            line: " 20.x ".into(),
            affected: Affected::Affected,
            fixed_version: fixed.map(str::to_owned),
            fix_state: state,
        };
        session
            .put_release_line("1", line(Some("  "), FixState::PrivateBranch))
            .expect("put");
        session
            .put_release_line("1", line(Some("20.11.3"), FixState::Ready))
            .expect("replace");
        let lines = session.show("1").expect("show").release_lines;
        assert_eq!(lines.len(), 1, "same name replaces: {lines:?}");
        assert_eq!(lines[0].line, "20.x");
        assert_eq!(lines[0].fixed_version.as_deref(), Some("20.11.3"));

        let nameless = ReleaseLine {
            line: " ".into(),
            ..lines[0].clone()
        };
        assert_eq!(
            session
                .put_release_line("1", nameless)
                .expect_err("nameless")
                .code(),
            ErrorCode::InvalidInput
        );

        session.remove_release_line("1", "20.x").expect("remove");
        assert!(session.show("1").expect("show").release_lines.is_empty());
        assert!(
            session.remove_release_line("1", "20.x").is_err(),
            "removing twice says so"
        );
    }
}
