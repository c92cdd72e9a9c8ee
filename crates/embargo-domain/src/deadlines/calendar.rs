use chrono::{DateTime, Datelike, NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;

use crate::DomainError;
use crate::policy::PolicyProfile;

/// How far ahead to look for the next (non-)working day. Valid calendars have a
/// working day every week, so this is only a guard against endless loops.
const SEARCH_DAYS: u32 = 400;

/// The working calendar of a profile: days are calendar days in its zone, and a
/// day is a working day unless it is a weekend day or a listed holiday.
#[derive(Debug, Clone)]
pub struct WorkingCalendar {
    zone: Tz,
    weekend: [bool; 7],
    holidays: Vec<NaiveDate>,
}

impl WorkingCalendar {
    /// The calendar of a profile.
    pub fn of(profile: &PolicyProfile) -> Result<Self, DomainError> {
        let mut weekend = [false; 7];
        for day in &profile.weekend {
            weekend[day.num_days_from_monday() as usize] = true;
        }
        let mut holidays = profile.holidays.clone();
        holidays.sort();
        Ok(Self {
            zone: profile.time_zone()?,
            weekend,
            holidays,
        })
    }

    /// The calendar's zone.
    pub fn zone(&self) -> Tz {
        self.zone
    }

    /// Whether `date` is a working day.
    pub fn is_working_day(&self, date: NaiveDate) -> bool {
        !self.weekend[date.weekday().num_days_from_monday() as usize]
            && self.holidays.binary_search(&date).is_err()
    }

    fn local_date(&self, at: DateTime<Utc>) -> NaiveDate {
        at.with_timezone(&self.zone).date_naive()
    }

    /// The instant a local calendar day begins (its first existing minute, for
    /// zones whose clocks jump at midnight).
    pub fn day_start(&self, date: NaiveDate) -> DateTime<Utc> {
        (0..24)
            .find_map(|hour| {
                date.and_hms_opt(hour, 0, 0)
                    .and_then(|local| self.zone.from_local_datetime(&local).earliest())
            })
            .map(|at| at.with_timezone(&Utc))
            .unwrap_or_else(|| Utc.from_utc_datetime(&date.and_time(chrono::NaiveTime::MIN)))
    }

    /// If `at` falls on a non-working day: when the next working day begins.
    pub fn blocked_until(&self, at: DateTime<Utc>) -> Option<DateTime<Utc>> {
        let today = self.local_date(at);
        if self.is_working_day(today) {
            return None;
        }
        self.next_date_after(today, |d| self.is_working_day(d))
            .map(|d| self.day_start(d))
    }

    /// When the next non-working day after `at`'s day begins, if any is near.
    pub fn next_block_after(&self, at: DateTime<Utc>) -> Option<DateTime<Utc>> {
        self.next_date_after(self.local_date(at), |d| !self.is_working_day(d))
            .map(|d| self.day_start(d))
    }

    fn next_date_after(
        &self,
        from: NaiveDate,
        wanted: impl Fn(NaiveDate) -> bool,
    ) -> Option<NaiveDate> {
        from.iter_days()
            .skip(1)
            .take(SEARCH_DAYS as usize)
            .find(|d| wanted(*d))
    }
}
