//! Status and risk: the pace status combined with the forecast, and a
//! reason in words.
//!
//! # The rule
//!
//! 1. The **pace status** is [`goal_status`] (expected progress with the
//!    goal's checkpoints honoured; Engagedly's bands \[S25\]). `done`,
//!    `missed` and untracked goals keep it.
//! 2. The **forecast status** from the probability `p` of reaching the target
//!    on the due date ([`crate::forecast`]):
//!    - `p < off_track_below` (0.1) → off track. With the default 80 %
//!      interval this is exactly "the interval's optimistic end misses the
//!      target", peers.md §6.2's flag ("flag when the upper bound is below
//!      target").
//!    - `p < at_risk_below` (0.3) → at risk. 0.3 is the boundary Atlassian
//!      Goals puts under "off track" on its 0–1 score (0.0–0.3 off track,
//!      0.4–0.6 at risk, 0.7–1.0 on track, peers.md §6 \[S41\]); as a
//!      *probability* Stride reads it one band milder (at risk), because a
//!      forecast is evidence about the future, not a result.
//!    - otherwise on track.
//! 3. The status is the **worse** of the two. The forecast only escalates:
//!    a goal behind its agreed path (which may be back-loaded through
//!    checkpoints) is not declared on track because a trend promises to
//!    catch up. A forecast fitted on fewer than [`RiskThresholds::min_points`]
//!    (3) days does not change the status — two points are a line, not a
//!    trend — but still appears in the reason.
//!
//! # The reason
//!
//! `at the current pace of −1.1 h/week, 38.5 h by 30 Jun; target 32 h; 12 %
//! chance` — rates per week with the unit, values with the unit label
//! (`hours` → `h`, `minutes` → `min`, `%` attached), dates as `30 Jun` (with
//! the year when it is not the year of `as_of`), followed by the progress
//! against the expected progress. Without a forecast it says why.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::forecast::{Forecast, NoForecast};
use crate::goal::{Goal, GoalState, Measure};
use crate::status::{goal_status, GoalStatus, StatusThresholds};

/// Probability bands of the forecast status (see the module docs).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RiskThresholds {
    /// Below this probability the forecast says at risk. Default 0.3.
    pub at_risk_below: f64,
    /// Below this probability the forecast says off track. Default 0.1.
    pub off_track_below: f64,
    /// Fewest fitted days before the forecast may change the status. Default 3.
    pub min_points: usize,
}

impl Default for RiskThresholds {
    fn default() -> Self {
        Self {
            at_risk_below: 0.3,
            off_track_below: 0.1,
            min_points: 3,
        }
    }
}

impl RiskThresholds {
    /// The forecast status for probability `p` (NaN counts as 0).
    #[must_use]
    pub fn classify(&self, p: f64) -> GoalStatus {
        let p = if p.is_nan() { 0.0 } else { p };
        if p < self.off_track_below {
            GoalStatus::OffTrack
        } else if p < self.at_risk_below {
            GoalStatus::AtRisk
        } else {
            GoalStatus::OnTrack
        }
    }
}

/// Everything the UI and the alerts need about a goal's outlook on one date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RiskAssessment {
    /// The date assessed.
    pub as_of: NaiveDate,
    /// The current value used for progress, if any.
    pub current: Option<f64>,
    /// Progress in `[0, 1]`.
    pub progress: f64,
    /// Expected progress on `as_of` (checkpoints honoured).
    pub expected_progress: f64,
    /// The pace status alone ([`goal_status`]).
    pub pace_status: Option<GoalStatus>,
    /// The combined status (`None` for untracked goals).
    pub status: Option<GoalStatus>,
    /// The forecast, when the forecaster knows.
    pub forecast: Option<Forecast>,
    /// Why there is no forecast.
    pub no_forecast: Option<NoForecast>,
    /// P(reaching the target on the due date), when there is a forecast.
    pub probability: Option<f64>,
    /// Whether the forecast made the status worse than the pace status.
    pub escalated: bool,
    /// The reason in words.
    pub reason: String,
}

/// The worse of two statuses among on track < at risk < off track.
fn worse(a: GoalStatus, b: GoalStatus) -> GoalStatus {
    let rank = |s: GoalStatus| match s {
        GoalStatus::OnTrack => 0,
        GoalStatus::AtRisk => 1,
        _ => 2,
    };
    if rank(b) > rank(a) {
        b
    } else {
        a
    }
}

/// Combines a pace status with a forecast's probability (module docs, rule 1–3).
#[must_use]
pub fn combine(
    pace: Option<GoalStatus>,
    probability: Option<f64>,
    points_used: usize,
    risk: &RiskThresholds,
) -> Option<GoalStatus> {
    let pace = pace?;
    match pace {
        GoalStatus::Done | GoalStatus::Missed => Some(pace),
        _ => match probability {
            Some(p) if points_used >= risk.min_points => Some(worse(pace, risk.classify(p))),
            _ => Some(pace),
        },
    }
}

/// Assesses `goal` on `as_of`: pace status, forecast from `observations`
/// (check-ins and/or KPI values, see [`crate::forecast`]), combined status
/// and reason. `current` is the goal's current value (e.g. from
/// [`crate::current_value`]); `unit` overrides the goal's unit label in the
/// reason when given.
#[must_use]
pub fn assess(
    goal: &Goal,
    current: Option<f64>,
    observations: &[(NaiveDate, f64)],
    as_of: NaiveDate,
    thresholds: &StatusThresholds,
    risk: &RiskThresholds,
) -> RiskAssessment {
    let pace_status = goal_status(goal, current, as_of, thresholds);
    let (forecast, no_forecast) = match goal.forecast(observations, as_of) {
        Ok(f) => (Some(f), None),
        Err(e) => (None, Some(e)),
    };
    let probability = forecast.and_then(|f| f.probability);
    let status = combine(
        pace_status,
        probability,
        forecast.map_or(0, |f| f.points_used),
        risk,
    );
    let mut a = RiskAssessment {
        as_of,
        current,
        progress: goal.progress(current),
        expected_progress: goal.expected_progress(as_of),
        pace_status,
        status,
        forecast,
        no_forecast,
        probability,
        escalated: status != pace_status,
        reason: String::new(),
    };
    a.reason = reason(goal, &a, &goal.unit_label);
    a
}

/// The reason in words for an assessment (see the module docs).
#[must_use]
pub fn reason(goal: &Goal, a: &RiskAssessment, unit: &str) -> String {
    let measure = goal.measure();
    let u = Unit::new(unit);
    let year = a.as_of.year();
    let pace = format!(
        "progress {} vs {} expected",
        pct(a.progress),
        pct(a.expected_progress)
    );
    match goal.state {
        GoalState::Completed => return "closed as completed".into(),
        GoalState::Missed => return "closed as missed".into(),
        GoalState::Draft | GoalState::Cancelled | GoalState::Deprioritised => {
            return format!("not tracked ({})", goal.state);
        }
        GoalState::Active => {}
    }
    let target = target_text(&measure, &u);
    match a.status {
        Some(GoalStatus::Done) => {
            return match a.current {
                Some(c) => format!("reached: {}; {target}", u.value(c)),
                None => format!("reached; {target}"),
            }
        }
        Some(GoalStatus::Missed) => {
            return match a.current {
                Some(c) => format!(
                    "missed: {} after the due date {}; {target}",
                    u.value(c),
                    day(goal.due, year)
                ),
                None => format!(
                    "missed: no value by the due date {}; {target}",
                    day(goal.due, year)
                ),
            }
        }
        _ => {}
    }
    match (&a.forecast, a.no_forecast) {
        (Some(f), _) => {
            let mut s = format!("at the current pace of {}", u.rate(f.slope_per_week()));
            if let Some(r) = f.regime_start {
                s.push_str(&format!(" (since a step on {})", day(r, year)));
            }
            s.push_str(&format!(
                ", {} by {}; {target}",
                u.value(f.value),
                day(f.due, year)
            ));
            if let Some(p) = f.probability {
                s.push_str(&format!("; {}", chance(p)));
            }
            if f.points_used < 3 {
                s.push_str(&format!(" (from only {} values)", f.points_used));
            }
            s.push_str(&format!("; {pace}"));
            s
        }
        (None, reason) => format!(
            "{}; {target}; {pace}",
            reason.map_or("no forecast", NoForecast::describe)
        ),
    }
}

fn target_text(m: &Measure, u: &Unit) -> String {
    match *m {
        Measure::Increase { target, .. } | Measure::Decrease { target, .. } => {
            format!("target {}", u.value(target))
        }
        Measure::AtLeast { target, .. } => format!("target at least {}", u.value(target)),
        Measure::AtMost { target, .. } => format!("target at most {}", u.value(target)),
        Measure::WithinBand { low, high, .. } => {
            format!("target {}–{}", num(low), u.value(high))
        }
        Measure::Done => "target: done".into(),
    }
}

/// `30 Jun`, with the year when it differs from `year`.
fn day(d: NaiveDate, year: i32) -> String {
    if d.year() == year {
        d.format("%-d %b").to_string()
    } else {
        d.format("%-d %b %Y").to_string()
    }
}

fn pct(x: f64) -> String {
    format!("{} %", (x * 100.0).round())
}

fn chance(p: f64) -> String {
    let pc = p * 100.0;
    if pc < 0.5 {
        "under 1 % chance".into()
    } else if pc > 99.5 {
        "over 99 % chance".into()
    } else {
        format!("{} % chance", pc.round())
    }
}

/// A number for people: 1 decimal below 1000 (more for tiny values),
/// none above, trailing zeros dropped, a real minus sign, thousands
/// separated by commas.
#[must_use]
pub fn num(v: f64) -> String {
    if !v.is_finite() {
        return "—".into();
    }
    let a = v.abs();
    let decimals = if a >= 1000.0 {
        0
    } else if a >= 1.0 || a == 0.0 {
        1
    } else if a >= 0.01 {
        2
    } else {
        4
    };
    let mut s = format!("{a:.decimals$}");
    if s.contains('.') {
        s = s.trim_end_matches('0').trim_end_matches('.').to_owned();
    }
    let (int, frac) = s.split_once('.').map_or((s.as_str(), ""), |(i, f)| (i, f));
    let mut grouped = String::new();
    let digits: Vec<char> = int.chars().collect();
    for (i, c) in digits.iter().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 && digits.len() > 4 {
            grouped.push(',');
        }
        grouped.push(*c);
    }
    if !frac.is_empty() {
        grouped.push('.');
        grouped.push_str(frac);
    }
    if v < 0.0 && grouped.chars().any(|c| c.is_ascii_digit() && c != '0') {
        format!("−{grouped}")
    } else {
        grouped
    }
}

/// How a unit label is written after numbers and in rates.
struct Unit {
    short: String,
}

impl Unit {
    fn new(label: &str) -> Self {
        let l = label.trim();
        let short = match l.to_ascii_lowercase().as_str() {
            "hours" | "hour" | "hrs" | "hr" | "h" => "h".to_owned(),
            "minutes" | "minute" | "mins" | "min" => "min".to_owned(),
            "seconds" | "second" | "secs" | "sec" | "s" => "s".to_owned(),
            _ => l.to_owned(),
        };
        Self { short }
    }

    fn value(&self, v: f64) -> String {
        match self.short.as_str() {
            "" => num(v),
            "%" => format!("{}%", num(v)),
            u => format!("{} {u}", num(v)),
        }
    }

    fn rate(&self, per_week: f64) -> String {
        let sign = if num(per_week).starts_with('−') || num(per_week) == "0" {
            ""
        } else {
            "+"
        };
        let n = format!("{sign}{}", num(per_week));
        match self.short.as_str() {
            "" => format!("{n}/week"),
            "%" => format!("{n} points/week"),
            u => format!("{n} {u}/week"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_for_people() {
        assert_eq!(num(38.5), "38.5");
        assert_eq!(num(32.0), "32");
        assert_eq!(num(-1.1), "−1.1");
        assert_eq!(num(2_500_000.0), "2,500,000");
        assert_eq!(num(1234.4), "1234");
        assert_eq!(num(0.123), "0.12");
        assert_eq!(num(-0.0001), "−0.0001");
        assert_eq!(num(-0.00001), "0");
        assert_eq!(Unit::new("hours").rate(-1.1), "−1.1 h/week");
        assert_eq!(Unit::new("%").rate(0.5), "+0.5 points/week");
        assert_eq!(Unit::new("").rate(0.0), "0/week");
        assert_eq!(Unit::new("%").value(67.0), "67%");
    }

    #[test]
    fn forecast_status_bands() {
        let r = RiskThresholds::default();
        assert_eq!(r.classify(0.05), GoalStatus::OffTrack);
        assert_eq!(r.classify(0.2), GoalStatus::AtRisk);
        assert_eq!(r.classify(0.3), GoalStatus::OnTrack);
        assert_eq!(r.classify(f64::NAN), GoalStatus::OffTrack);
        let on = Some(GoalStatus::OnTrack);
        assert_eq!(combine(on, Some(0.12), 6, &r), Some(GoalStatus::AtRisk));
        assert_eq!(combine(on, Some(0.12), 2, &r), on);
        assert_eq!(
            combine(Some(GoalStatus::OffTrack), Some(0.9), 6, &r),
            Some(GoalStatus::OffTrack)
        );
        assert_eq!(
            combine(Some(GoalStatus::Done), Some(0.0), 6, &r),
            Some(GoalStatus::Done)
        );
        assert_eq!(combine(None, Some(0.0), 6, &r), None);
    }
}
