//! Status: where a goal stands against its expected pace.
//!
//! The pace bands compare the *gap* `expected − actual` (both progress in
//! `[0, 1]`) with two thresholds. The defaults are Engagedly's published
//! bands: gap < 16.5 % on track, 16.5–33 % behind, > 33 % at risk
//! (peers.md §6.1, source \[S25\]
//! <https://help.engagedly.com/automatic-status-updates-for-goals>); Stride
//! names the middle band `at_risk` and the last `off_track`. The thresholds are
//! configurable, as Betterworks lets admins set them \[S18b\].

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::error::{DomainError, Result};
use crate::goal::{Goal, GoalState};
use crate::text_enum::text_enum;

text_enum!(
    /// A goal's computed status.
    GoalStatus, "goal status" {
        /// At or ahead of the expected pace (within the at-risk gap).
        OnTrack => "on_track",
        /// Behind the expected pace by at least `at_risk_gap`.
        AtRisk => "at_risk",
        /// Behind by more than `off_track_gap`.
        OffTrack => "off_track",
        /// Reached (or closed as completed).
        Done => "done",
        /// Past due without reaching the target (or closed as missed).
        Missed => "missed",
    }
);

/// Pace bands on the gap `expected − actual` progress.
///
/// - gap < `at_risk_gap` → [`GoalStatus::OnTrack`]
/// - `at_risk_gap` ≤ gap ≤ `off_track_gap` → [`GoalStatus::AtRisk`]
/// - gap > `off_track_gap` → [`GoalStatus::OffTrack`]
///
/// Defaults: 0.165 and 0.33 (Engagedly \[S25\]).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct StatusThresholds {
    /// Smallest gap that is no longer on track. Default 0.165.
    pub at_risk_gap: f64,
    /// Gap beyond which the goal is off track. Default 0.33.
    pub off_track_gap: f64,
}

impl Default for StatusThresholds {
    fn default() -> Self {
        Self {
            at_risk_gap: 0.165,
            off_track_gap: 0.33,
        }
    }
}

impl StatusThresholds {
    /// Validated thresholds: finite, `0 < at_risk_gap ≤ off_track_gap ≤ 1`.
    ///
    /// # Errors
    /// [`DomainError::Invalid`] naming the threshold.
    pub fn new(at_risk_gap: f64, off_track_gap: f64) -> Result<Self> {
        for (field, v) in [
            ("at_risk_gap", at_risk_gap),
            ("off_track_gap", off_track_gap),
        ] {
            if !v.is_finite() {
                return Err(DomainError::NotFinite {
                    field: field.to_owned(),
                    value: v,
                });
            }
            if !(v > 0.0 && v <= 1.0) {
                return Err(DomainError::invalid(
                    field,
                    format!("must be in (0, 1], got {v}"),
                ));
            }
        }
        if at_risk_gap > off_track_gap {
            return Err(DomainError::invalid(
                "at_risk_gap",
                format!("must not exceed off_track_gap ({off_track_gap}), got {at_risk_gap}"),
            ));
        }
        Ok(Self {
            at_risk_gap,
            off_track_gap,
        })
    }

    /// The pace band for `actual` against `expected` (NaN counts as 0).
    #[must_use]
    pub fn classify(&self, actual: f64, expected: f64) -> GoalStatus {
        let actual = if actual.is_nan() { 0.0 } else { actual };
        let expected = if expected.is_nan() { 0.0 } else { expected };
        let gap = expected - actual;
        if gap < self.at_risk_gap {
            GoalStatus::OnTrack
        } else if gap <= self.off_track_gap {
            GoalStatus::AtRisk
        } else {
            GoalStatus::OffTrack
        }
    }
}

/// The status of `goal` on `as_of` given its current value (`None`: no value
/// yet, counted as progress 0).
///
/// Rules, first match wins:
/// 1. state `draft`, `cancelled`, `deprioritised` → `None` (not tracked);
/// 2. state `completed` → `done`; state `missed` → `missed`;
/// 3. the value meets the goal: `done` — except for level goals
///    (`at_least`, `at_most`, `within_band`), which must hold the level until
///    the due date: `on_track` up to and including `due`, `done` after it;
/// 4. `as_of` after `due` (and not met) → `missed`;
/// 5. otherwise the pace band of progress vs [`Goal::expected_progress`].
#[must_use]
pub fn goal_status(
    goal: &Goal,
    current: Option<f64>,
    as_of: NaiveDate,
    thresholds: &StatusThresholds,
) -> Option<GoalStatus> {
    match goal.state {
        GoalState::Draft | GoalState::Cancelled | GoalState::Deprioritised => return None,
        GoalState::Completed => return Some(GoalStatus::Done),
        GoalState::Missed => return Some(GoalStatus::Missed),
        GoalState::Active => {}
    }
    let measure = goal.measure();
    let met = current.is_some_and(|c| measure.is_met(c));
    let past_due = as_of > goal.due;
    if met {
        return Some(if goal.direction.is_maintenance() && !past_due {
            GoalStatus::OnTrack
        } else {
            GoalStatus::Done
        });
    }
    if past_due {
        return Some(GoalStatus::Missed);
    }
    Some(thresholds.classify(goal.progress(current), goal.expected_progress(as_of)))
}

/// Everything the UI shows about a goal's numbers on one date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct GoalEvaluation {
    /// The date evaluated.
    pub as_of: NaiveDate,
    /// The current value, if any.
    pub current: Option<f64>,
    /// Progress in `[0, 1]` (0 without a value).
    pub progress: f64,
    /// Unclamped progress (`None` without a value).
    pub progress_unclamped: Option<f64>,
    /// Expected progress on `as_of`, in `[0, 1]`.
    pub expected_progress: f64,
    /// Status (`None` for drafts, cancelled and deprioritised goals).
    pub status: Option<GoalStatus>,
}

/// Progress, expected progress and status of `goal` on `as_of`.
#[must_use]
pub fn evaluate(
    goal: &Goal,
    current: Option<f64>,
    as_of: NaiveDate,
    thresholds: &StatusThresholds,
) -> GoalEvaluation {
    GoalEvaluation {
        as_of,
        current,
        progress: goal.progress(current),
        progress_unclamped: goal.progress_unclamped(current),
        expected_progress: goal.expected_progress(as_of),
        status: goal_status(goal, current, as_of, thresholds),
    }
}
