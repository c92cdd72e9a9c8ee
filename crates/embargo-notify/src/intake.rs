//! The discreet notice that the intake folder brought new reports: "New report:
//! EMB-2026-0043". Like every notice it names case ids only, unless the user
//! allowed titles; never the sender.

use std::fmt::Write as _;

use embargo_api::{ImportAction, IntakeImport};

use crate::notice::{Notice, NoticeStyle};
use crate::sink::{DeliveryError, NotificationSink};

/// At most this many cases listed in one notice.
const LISTED: usize = 5;

/// The notice for what an intake pass filed, or `None` when it filed nothing.
/// Only "Open" is offered: there is no deadline to snooze yet.
pub fn intake_notice(imported: &[IntakeImport], style: &NoticeStyle) -> Option<Notice> {
    let first = imported.first()?;
    let what = |import: &IntakeImport| match import.action {
        ImportAction::Attached => "New message on",
        _ => "New report:",
    };
    let (summary, body) = if imported.len() == 1 {
        let mut body = String::new();
        if style.show_titles {
            body.push_str(&first.title);
        }
        (format!("{} {}", what(first), first.case_id), body)
    } else {
        let mut body = String::new();
        for import in imported.iter().take(LISTED) {
            let _ = write!(body, "{} {}", what(import), import.case_id);
            if style.show_titles {
                let _ = write!(body, " · {}", import.title);
            }
            body.push('\n');
        }
        if imported.len() > LISTED {
            let _ = write!(body, "and {} more", imported.len() - LISTED);
        }
        (
            format!("{} new messages from the intake folder", imported.len()),
            body,
        )
    };
    Some(Notice::about_cases(
        summary,
        &body,
        style,
        imported
            .iter()
            .map(|import| (import.case, import.case_id.as_str())),
    ))
}

/// Tell the user what an intake pass filed, in the one notice the app and the
/// agent both show: titles only when `show_titles` (the user's choice on this
/// device). Nothing filed, nothing shown.
pub fn tell_intake(
    imported: &[IntakeImport],
    show_titles: bool,
    sink: &dyn NotificationSink,
) -> Result<(), DeliveryError> {
    let style = NoticeStyle {
        show_titles,
        // No time in an intake notice.
        zone: chrono_tz::UTC,
        actions: Vec::new(),
    };
    match intake_notice(imported, &style) {
        Some(notice) => sink.deliver(&notice),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::notice::NoticeAction;
    use embargo_domain::CaseId;

    fn import(n: u32, action: ImportAction) -> IntakeImport {
        IntakeImport {
            file: format!("/home/ann/Mail/security/new/{n}"),
            case_id: format!("EMB-2026-{n:04}"),
            action,
            case: CaseId::random(),
            title: format!("Embargoed title {n}"),
        }
    }

    fn style(show_titles: bool) -> NoticeStyle {
        NoticeStyle {
            show_titles,
            zone: chrono_tz::UTC,
            actions: vec![NoticeAction::SnoozeOneHour, NoticeAction::Open],
        }
    }

    #[test]
    fn one_report_says_only_its_id_when_discreet() {
        let notice = intake_notice(&[import(43, ImportAction::Created)], &style(false)).unwrap();
        assert_eq!(notice.summary, "New report: EMB-2026-0043");
        assert_eq!(notice.body, "");
        assert!(!format!("{notice:?}").contains("Embargoed"));
        assert!(!format!("{notice:?}").contains("/home/ann"), "no file name");
        assert_eq!(notice.actions, vec![NoticeAction::Open]);
    }

    #[test]
    fn titles_only_when_allowed_and_replies_say_so() {
        let notice = intake_notice(&[import(43, ImportAction::Attached)], &style(true)).unwrap();
        assert_eq!(notice.summary, "New message on EMB-2026-0043");
        assert_eq!(notice.body, "Embargoed title 43");
    }

    #[test]
    fn many_make_one_notice_and_none_make_none() {
        let many: Vec<_> = (1..=7).map(|n| import(n, ImportAction::Created)).collect();
        let notice = intake_notice(&many, &style(false)).unwrap();
        assert_eq!(notice.summary, "7 new messages from the intake folder");
        assert!(notice.body.starts_with("New report: EMB-2026-0001\n"));
        assert!(notice.body.ends_with("and 2 more"));
        assert_eq!(notice.targets.len(), 7);
        assert!(intake_notice(&[], &style(false)).is_none());
    }
}
