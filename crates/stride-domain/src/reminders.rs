//! Check-in reminders: which goals are due for a check-in on a date, how
//! many check-ins have been missed, and when the manager hears about it.
//!
//! A goal is due when its cadence has elapsed since the anchor — its latest
//! check-in, or its start when it has none. Each whole cadence period past
//! the anchor is one missed check-in; a goal checked in within its cadence
//! is quiet. From [`ESCALATE_AFTER_MISSED`] missed check-ins on, the owner's
//! manager is told too. The function is pure in the date, so a scheduler
//! that slept for days asks once for "today" and gets one answer per goal,
//! never one per day it missed.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::goal::{Cadence, GoalState};

/// Missed check-ins after which the manager is told as well.
pub const ESCALATE_AFTER_MISSED: u32 = 2;

/// Most cadence periods counted (a goal years overdue still reports a
/// bounded number).
const MAX_PERIODS: u32 = 1000;

/// Why a goal needs a check-in on a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CheckInDue {
    /// The date the earliest missed check-in was due.
    pub due_since: NaiveDate,
    /// Whole cadence periods without a check-in (≥ 1).
    pub missed: u32,
    /// Whether the manager is told too.
    pub escalate: bool,
}

/// Whether a goal with `cadence`, running `start..=due` in `state`, whose
/// latest check-in is `last_check_in`, needs a check-in on `as_of`.
///
/// Quiet (None) for goals that are not active, not started, past their due
/// date by more than one cadence period (the result is in; no more
/// reminders), or checked in within their cadence.
#[must_use]
pub fn check_in_due(
    cadence: Cadence,
    state: GoalState,
    start: NaiveDate,
    due: NaiveDate,
    last_check_in: Option<NaiveDate>,
    as_of: NaiveDate,
) -> Option<CheckInDue> {
    if state != GoalState::Active || as_of < start {
        return None;
    }
    // One last reminder may come due after the due date (the final value).
    let quiet_after = cadence.next_after(due).unwrap_or(due);
    let anchor = match last_check_in {
        Some(d) if d >= start => d,
        _ => start,
    };
    let first_due = cadence.next_after(anchor)?;
    if as_of < first_due || as_of > quiet_after {
        return None;
    }
    let mut missed = 0;
    let mut next = first_due;
    while next <= as_of && next <= quiet_after && missed < MAX_PERIODS {
        missed += 1;
        match cadence.next_after(next) {
            Some(n) => next = n,
            None => break,
        }
    }
    Some(CheckInDue {
        due_since: first_due,
        missed,
        escalate: missed >= ESCALATE_AFTER_MISSED,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn weekly(last: Option<NaiveDate>, as_of: NaiveDate) -> Option<CheckInDue> {
        check_in_due(
            Cadence::Weekly,
            GoalState::Active,
            d(2026, 4, 1),
            d(2026, 6, 30),
            last,
            as_of,
        )
    }

    /// The time-travel story: a weekly goal with no check-in gets one more
    /// missed check-in per week, the manager from the second one, and
    /// nothing after a check-in.
    #[test]
    fn one_reminder_per_missed_week_escalating_after_two() {
        assert_eq!(
            weekly(None, d(2026, 4, 7)),
            None,
            "not due in its first week"
        );
        let week1 = weekly(None, d(2026, 4, 8)).unwrap();
        assert_eq!(
            (week1.missed, week1.escalate, week1.due_since),
            (1, false, d(2026, 4, 8))
        );
        assert_eq!(
            weekly(None, d(2026, 4, 14)).unwrap().missed,
            1,
            "still the same missed week"
        );
        let week2 = weekly(None, d(2026, 4, 15)).unwrap();
        assert_eq!((week2.missed, week2.escalate), (2, true));
        assert_eq!(
            weekly(Some(d(2026, 4, 16)), d(2026, 4, 20)),
            None,
            "quiet after a check-in"
        );
        assert_eq!(
            weekly(Some(d(2026, 4, 16)), d(2026, 4, 23)).unwrap().missed,
            1
        );
    }

    /// A laptop that slept five days asks once for today and gets one
    /// answer, the same as if it had asked every day.
    #[test]
    fn catching_up_after_sleep_answers_once_for_today() {
        let after_sleep = weekly(None, d(2026, 4, 13));
        let awake_daily: Vec<_> = (8..=13).map(|day| weekly(None, d(2026, 4, day))).collect();
        assert_eq!(after_sleep, *awake_daily.last().unwrap());
        assert!(awake_daily.iter().all(|r| r.map(|r| r.missed) == Some(1)));
    }

    #[test]
    fn quiet_for_inactive_unstarted_and_long_finished_goals() {
        let cases = [
            (GoalState::Draft, d(2026, 5, 1)),
            (GoalState::Completed, d(2026, 5, 1)),
            (GoalState::Cancelled, d(2026, 5, 1)),
            (GoalState::Active, d(2026, 3, 1)),
            (GoalState::Active, d(2026, 9, 1)),
        ];
        for (state, as_of) in cases {
            let r = check_in_due(
                Cadence::Weekly,
                state,
                d(2026, 4, 1),
                d(2026, 6, 30),
                None,
                as_of,
            );
            assert_eq!(r, None, "{state:?} on {as_of}");
        }
        // The week after the due date still asks for the final value.
        let last = check_in_due(
            Cadence::Weekly,
            GoalState::Active,
            d(2026, 4, 1),
            d(2026, 6, 30),
            Some(d(2026, 6, 26)),
            d(2026, 7, 3),
        );
        assert_eq!(last.map(|r| r.missed), Some(1));
    }

    #[test]
    fn monthly_and_custom_cadences() {
        let monthly = check_in_due(
            Cadence::Monthly,
            GoalState::Active,
            d(2026, 1, 31),
            d(2026, 12, 31),
            None,
            d(2026, 3, 1),
        );
        assert_eq!(
            monthly.map(|r| (r.due_since, r.missed)),
            Some((d(2026, 2, 28), 1))
        );
        let custom = Cadence::custom(3).unwrap();
        let r = check_in_due(
            custom,
            GoalState::Active,
            d(2026, 4, 1),
            d(2026, 6, 30),
            None,
            d(2026, 4, 10),
        )
        .unwrap();
        assert_eq!(r.missed, 3);
    }
}
