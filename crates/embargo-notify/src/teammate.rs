//! The discreet notice that a teammate's synced work changed cases this user
//! handles. Like deadline notices it names case ids only, unless the user allowed
//! titles.

use std::fmt::Write as _;

use embargo_api::TeammateChange;

use crate::notice::{Notice, NoticeStyle};

/// At most this many cases listed in one notice.
const LISTED: usize = 5;

/// The notice for `changes`, or `None` when there are none. Only "Open" is
/// offered: there is no deadline to snooze.
pub fn teammate_notice(changes: &[TeammateChange], style: &NoticeStyle) -> Option<Notice> {
    let first = changes.first()?;
    let (summary, mut body) = if changes.len() == 1 {
        (
            format!("A teammate updated {}", first.case_id),
            "Synced from the team folder".to_owned(),
        )
    } else {
        (
            format!("Teammates updated {} of your cases", changes.len()),
            String::new(),
        )
    };
    if changes.len() == 1 {
        if style.show_titles {
            let _ = write!(body, "\n{}", first.title);
        }
    } else {
        for change in changes.iter().take(LISTED) {
            let _ = write!(body, "{}", change.case_id);
            if style.show_titles {
                let _ = write!(body, " · {}", change.title);
            }
            body.push('\n');
        }
        if changes.len() > LISTED {
            let _ = write!(body, "and {} more", changes.len() - LISTED);
        }
    }
    Some(Notice::about_cases(
        summary,
        &body,
        style,
        changes
            .iter()
            .map(|change| (change.case, change.case_id.as_str())),
    ))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::notice::NoticeAction;
    use embargo_domain::CaseId;

    fn change(n: u32) -> TeammateChange {
        TeammateChange {
            case: CaseId::random(),
            case_id: format!("EMB-2026-{n:04}"),
            title: format!("Embargoed title {n}"),
        }
    }

    fn style(show_titles: bool) -> NoticeStyle {
        NoticeStyle {
            show_titles,
            zone: chrono_tz::Europe::Berlin,
            actions: vec![NoticeAction::SnoozeOneHour, NoticeAction::Open],
        }
    }

    #[test]
    fn one_change_names_the_case_and_never_its_title_when_discreet() {
        let notice = teammate_notice(&[change(7)], &style(false)).unwrap();
        assert_eq!(notice.summary, "A teammate updated EMB-2026-0007");
        assert_eq!(notice.body, "Synced from the team folder");
        assert!(!format!("{notice:?}").contains("Embargoed title"));
        assert_eq!(notice.actions, vec![NoticeAction::Open]);
        assert_eq!(notice.targets[0].case_id, "EMB-2026-0007");
    }

    #[test]
    fn titles_appear_only_when_allowed() {
        let notice = teammate_notice(&[change(7)], &style(true)).unwrap();
        assert_eq!(
            notice.body,
            "Synced from the team folder\nEmbargoed title 7"
        );
    }

    #[test]
    fn many_changes_make_one_summary() {
        let changes: Vec<_> = (1..=7).map(change).collect();
        let notice = teammate_notice(&changes, &style(false)).unwrap();
        assert_eq!(notice.summary, "Teammates updated 7 of your cases");
        assert_eq!(
            notice.body,
            "EMB-2026-0001\nEMB-2026-0002\nEMB-2026-0003\nEMB-2026-0004\nEMB-2026-0005\nand 2 more"
        );
        assert_eq!(notice.targets.len(), 7);
        assert!(teammate_notice(&[], &style(false)).is_none());
    }
}
