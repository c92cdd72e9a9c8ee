//! Release lines as version ranges: `22.x` starts at `22.0.0`, covers `22.*`, and
//! is fixed from its fixed version on. Shared by the advisory and every export.

use embargo_domain::{Affected, Case, FixState, ReleaseLine};

/// One release line read as a version range.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct LineRange {
    /// The line as named on the case, e.g. `22.x`.
    pub line: String,
    /// The first version of the line, e.g. `22.0.0`.
    pub start: String,
    /// The whole line as a CVE wildcard, e.g. `22.*`.
    pub wildcard: String,
    /// The first version of the next line, e.g. `23.0.0`.
    pub next: String,
    /// Whether it is affected.
    pub affected: Affected,
    /// The first fixed version, when there is one.
    pub fixed: Option<String>,
}

/// `22.x` → (`22.0.0`, `22.*`, `23.0.0`); `3.1.x` → (`3.1.0`, `3.1.*`, `3.2.0`).
/// `None` when the name is not numbers separated by dots (optionally with a
/// leading `v` and a trailing `.x`).
fn parse_line(line: &str) -> Option<(String, String, String)> {
    let name = line.trim().trim_start_matches(['v', 'V']);
    let name = name
        .strip_suffix(".x")
        .or_else(|| name.strip_suffix(".X"))
        .unwrap_or(name);
    let parts: Vec<u64> = name
        .split('.')
        .map(|p| p.parse().ok())
        .collect::<Option<_>>()?;
    if parts.is_empty() || parts.len() > 3 {
        return None;
    }
    let dotted = |numbers: &[u64]| {
        let mut padded: Vec<String> = numbers.iter().map(u64::to_string).collect();
        while padded.len() < 3 {
            padded.push("0".to_owned());
        }
        padded.join(".")
    };
    let mut next = parts.clone();
    if let Some(last) = next.last_mut() {
        *last += 1;
    }
    Some((dotted(&parts), format!("{name}.*"), dotted(&next)))
}

/// Every release line of the case as a range; lines whose names cannot be read
/// as versions are returned by name in the error.
pub(crate) fn line_ranges(case: &Case) -> Result<Vec<LineRange>, Vec<String>> {
    let mut ranges = Vec::new();
    let mut unreadable = Vec::new();
    for ReleaseLine {
        line,
        affected,
        fixed_version,
        ..
    } in &case.release_lines
    {
        match parse_line(line) {
            Some((start, wildcard, next)) => ranges.push(LineRange {
                line: line.clone(),
                start,
                wildcard,
                next,
                affected: *affected,
                fixed: fixed_version.clone(),
            }),
            None => unreadable.push(line.clone()),
        }
    }
    if unreadable.is_empty() {
        Ok(ranges)
    } else {
        Err(unreadable)
    }
}

/// How a line stands, in words for a reader of the advisory or a mail.
pub(crate) fn affected_text(affected: Affected) -> &'static str {
    match affected {
        Affected::Affected => "affected",
        Affected::NotAffected => "not affected",
        Affected::Unknown => "under investigation",
    }
}

/// Where a line's fix stands, in words.
pub(crate) fn fix_state_text(line: &ReleaseLine) -> String {
    match (line.fix_state, &line.fixed_version) {
        (FixState::None, _) => "no fix yet".to_owned(),
        (FixState::PrivateBranch, _) => "fix in progress".to_owned(),
        (FixState::Ready, Some(version)) => format!("fix ready for {version}"),
        (FixState::Ready, None) => "fix ready".to_owned(),
        (FixState::Released, Some(version)) => format!("fixed in {version}"),
        (FixState::Released, None) => "fix released".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_names_read_as_ranges() {
        let read = |line| parse_line(line).expect(line);
        assert_eq!(
            read("22.x"),
            ("22.0.0".into(), "22.*".into(), "23.0.0".into())
        );
        assert_eq!(
            read("v3.1.x"),
            ("3.1.0".into(), "3.1.*".into(), "3.2.0".into())
        );
        assert_eq!(read("2"), ("2.0.0".into(), "2.*".into(), "3.0.0".into()));
        for bad in ["main", "lts", "22.x-beta", "", "1.2.3.4"] {
            assert_eq!(parse_line(bad), None, "{bad:?}");
        }
    }
}
