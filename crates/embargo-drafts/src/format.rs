//! How instants and dates read in messages and advisories: always UTC, always with
//! the zone, so an embargo is never misread across time zones.

use chrono::{DateTime, SecondsFormat, Utc};

/// `2026-11-24 09:00 UTC`.
pub(crate) fn instant(at: DateTime<Utc>) -> String {
    at.format("%Y-%m-%d %H:%M UTC").to_string()
}

/// `Tuesday 1 December 2026, 14:00 UTC`: for embargoes and deadlines people act on.
pub(crate) fn long_instant(at: DateTime<Utc>) -> String {
    at.format("%A %-d %B %Y, %H:%M UTC").to_string()
}

/// `24 November 2026`.
pub(crate) fn date(at: DateTime<Utc>) -> String {
    at.format("%-d %B %Y").to_string()
}

/// `2026-11-24`.
pub(crate) fn iso_date(at: DateTime<Utc>) -> String {
    at.format("%Y-%m-%d").to_string()
}

/// `2026-11-24T09:00:00Z`: what the CVE, OSV and CSAF schemas accept.
pub(crate) fn timestamp(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Secs, true)
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    #[test]
    fn every_form_names_utc() {
        let at = Utc
            .with_ymd_and_hms(2026, 12, 1, 14, 0, 0)
            .single()
            .expect("valid instant");
        assert_eq!(instant(at), "2026-12-01 14:00 UTC");
        assert_eq!(long_instant(at), "Tuesday 1 December 2026, 14:00 UTC");
        assert_eq!(date(at), "1 December 2026");
        assert_eq!(iso_date(at), "2026-12-01");
        assert_eq!(timestamp(at), "2026-12-01T14:00:00Z");
    }
}
