//! Progress and expected progress, as pure functions.
//!
//! Progress is a number in `[0, 1]` (the `_unclamped` variants may leave it).
//! A non-finite current value gives progress 0, never NaN.
//!
//! | direction     | progress (before clamping to `[0, 1]`) |
//! |---------------|-----------------------------------------|
//! | `increase`, `decrease` | `(current − baseline) / (target − baseline)` |
//! | `at_least`    | 1 when `current ≥ target`; otherwise the linear formula if `baseline < target`, else 0 |
//! | `at_most`     | 1 when `current ≤ target`; otherwise the linear formula if `baseline > target`, else 0 |
//! | `within_band` | 1 inside `[low, high]`; otherwise `1 − dist(current) / dist(baseline)`, where `dist` is the distance to the band (0 if the baseline was inside the band) |
//! | `done`        | 1 when `current ≥ 1` (a done check-in records 1), else 0 |
//!
//! Example: baseline 48 h, target 32 h, current 40 h → (40 − 48) / (32 − 48) = 0.5.

use chrono::NaiveDate;

use crate::goal::{Checkpoint, Goal, Measure};

/// Clamps to `[0, 1]`; NaN becomes 0.
#[must_use]
pub fn clamp_unit(x: f64) -> f64 {
    if x.is_nan() {
        0.0
    } else {
        x.clamp(0.0, 1.0)
    }
}

/// `(current − baseline) / (target − baseline)`, unclamped. Returns 0 when
/// `target == baseline` or any input is not finite.
#[must_use]
pub fn linear_progress(baseline: f64, target: f64, current: f64) -> f64 {
    let span = target - baseline;
    if !(baseline.is_finite() && target.is_finite() && current.is_finite()) || span == 0.0 {
        return 0.0;
    }
    let p = (current - baseline) / span;
    if p.is_finite() {
        p
    } else {
        0.0
    }
}

/// Distance from `x` to the closed band `[low, high]` (0 inside).
#[must_use]
pub fn band_distance(low: f64, high: f64, x: f64) -> f64 {
    if x < low {
        low - x
    } else if x > high {
        x - high
    } else {
        0.0
    }
}

impl Measure {
    /// Whether `current` meets the goal (reached the target, inside the band,
    /// or done). Non-finite values never meet it.
    #[must_use]
    pub fn is_met(&self, current: f64) -> bool {
        if !current.is_finite() {
            return false;
        }
        match *self {
            Self::Increase { target, .. } | Self::AtLeast { target, .. } => current >= target,
            Self::Decrease { target, .. } | Self::AtMost { target, .. } => current <= target,
            Self::WithinBand { low, high, .. } => (low..=high).contains(&current),
            Self::Done => current >= 1.0,
        }
    }

    /// Progress without clamping: may be negative (worse than the baseline)
    /// or above 1 (beyond the target). Threshold, band and done measures
    /// give 1 when met. Non-finite `current` gives 0.
    #[must_use]
    pub fn progress_unclamped(&self, current: f64) -> f64 {
        if !current.is_finite() {
            return 0.0;
        }
        match *self {
            Self::Increase { baseline, target } | Self::Decrease { baseline, target } => {
                linear_progress(baseline, target, current)
            }
            Self::AtLeast { baseline, target } => {
                if baseline < target {
                    linear_progress(baseline, target, current)
                } else if current >= target {
                    1.0
                } else {
                    0.0
                }
            }
            Self::AtMost { baseline, target } => {
                if baseline > target {
                    linear_progress(baseline, target, current)
                } else if current <= target {
                    1.0
                } else {
                    0.0
                }
            }
            Self::WithinBand {
                baseline,
                low,
                high,
            } => {
                let d = band_distance(low, high, current);
                if d == 0.0 {
                    return 1.0;
                }
                let scale = band_distance(low, high, baseline);
                if scale > 0.0 {
                    let p = 1.0 - d / scale;
                    if p.is_finite() {
                        p
                    } else {
                        0.0
                    }
                } else {
                    0.0
                }
            }
            Self::Done => {
                if current >= 1.0 {
                    1.0
                } else {
                    0.0
                }
            }
        }
    }

    /// Progress in `[0, 1]`: [`Self::progress_unclamped`] clamped, and exactly
    /// 1 whenever [`Self::is_met`].
    #[must_use]
    pub fn progress(&self, current: f64) -> f64 {
        if self.is_met(current) {
            1.0
        } else {
            // Not met: stay strictly below "done" even after rounding.
            clamp_unit(self.progress_unclamped(current)).min(1.0 - f64::EPSILON)
        }
    }
}

/// Expected progress on `as_of` for a goal running from `start` to `due`
/// (inclusive), in `[0, 1]`.
///
/// The expected path is piecewise linear by calendar day through the points
/// `(start, 0)`, each checkpoint `(date, progress(expected value))` and
/// `(due, 1)`; a checkpoint on `start` or `due` replaces that end point. Before
/// `start` it is the first point's value, after `due` the last one's. With no
/// checkpoints this is the industry's linear pace `elapsed / duration`
/// (Engagedly \[S25\]); checkpoints give the per-goal curve recommended in
/// peers.md §6.1 (Perdoo \[S19a, S19b\]).
#[must_use]
pub fn expected_progress(
    measure: &Measure,
    start: NaiveDate,
    due: NaiveDate,
    checkpoints: &[Checkpoint],
    as_of: NaiveDate,
) -> f64 {
    let mut points: Vec<(NaiveDate, f64)> = Vec::with_capacity(checkpoints.len() + 2);
    points.push((start, 0.0));
    let mut sorted: Vec<&Checkpoint> = checkpoints
        .iter()
        .filter(|c| c.date >= start && c.date <= due && c.expected.is_finite())
        .collect();
    sorted.sort_by_key(|c| c.date);
    for c in sorted {
        let p = measure.progress(c.expected);
        match points.last_mut() {
            Some(last) if last.0 == c.date => last.1 = p,
            _ => points.push((c.date, p)),
        }
    }
    let due_overridden = points.len() > 1 && points.last().is_some_and(|last| last.0 == due);
    if !due_overridden {
        points.push((due, 1.0));
    }
    interpolate(&points, as_of)
}

/// Piecewise-linear interpolation over date-sorted points (clamped at the
/// ends; at a repeated date the later point wins from that day on).
fn interpolate(points: &[(NaiveDate, f64)], at: NaiveDate) -> f64 {
    let Some(first) = points.first() else {
        return 0.0;
    };
    if at < first.0 {
        return clamp_unit(first.1);
    }
    let mut value = first.1;
    for pair in points.windows(2) {
        let (d0, v0) = pair[0];
        let (d1, v1) = pair[1];
        if at >= d1 {
            value = v1;
            continue;
        }
        if at >= d0 {
            let span = (d1 - d0).num_days();
            value = if span <= 0 {
                v1
            } else {
                #[allow(clippy::cast_precision_loss)] // day counts are far below 2^52
                let f = (at - d0).num_days() as f64 / span as f64;
                v0 + (v1 - v0) * f
            };
            break;
        }
    }
    clamp_unit(value)
}

impl Goal {
    /// Progress in `[0, 1]` for a current value (0 when there is none).
    #[must_use]
    pub fn progress(&self, current: Option<f64>) -> f64 {
        current.map_or(0.0, |c| self.measure().progress(c))
    }

    /// Unclamped progress for a current value (`None` when there is none).
    #[must_use]
    pub fn progress_unclamped(&self, current: Option<f64>) -> Option<f64> {
        current.map(|c| self.measure().progress_unclamped(c))
    }

    /// Expected progress on `as_of` (see [`expected_progress`]).
    #[must_use]
    pub fn expected_progress(&self, as_of: NaiveDate) -> f64 {
        expected_progress(
            &self.measure(),
            self.start,
            self.due,
            &self.checkpoints,
            as_of,
        )
    }
}
