//! The forecast and the status/risk rule: rstest cases for the documented
//! behaviours and proptests for the invariants.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use chrono::{Days, NaiveDate};
use common::*;
use proptest::prelude::*;
use rstest::rstest;
use stride_domain::*;

const START: (i32, u32, u32) = (2026, 4, 1);
const DUE: (i32, u32, u32) = (2026, 6, 30);

fn start() -> NaiveDate {
    d(START.0, START.1, START.2)
}
fn due() -> NaiveDate {
    d(DUE.0, DUE.1, DUE.2)
}
fn day(n: u64) -> NaiveDate {
    start() + Days::new(n)
}

const INC: Measure = Measure::Increase {
    baseline: 10.0,
    target: 20.0,
};
const DEC: Measure = Measure::Decrease {
    baseline: 48.0,
    target: 32.0,
};

/// Weekly points `f(week)` for `weeks` weeks from the start.
fn weekly(weeks: u64, f: impl Fn(f64) -> f64) -> Vec<(NaiveDate, f64)> {
    (0..weeks).map(|w| (day(7 * w), f(w as f64))).collect()
}

/// A deterministic, zero-median wobble.
fn wobble(i: f64) -> f64 {
    [0.3, -0.2, 0.1, -0.3, 0.2, 0.0, -0.1][(i as usize) % 7]
}

fn fc(m: &Measure, obs: &[(NaiveDate, f64)], as_of: NaiveDate) -> Result<Forecast, NoForecast> {
    forecast(m, start(), due(), as_of, obs)
}

// ---------------------------------------------------------------- rstest

#[rstest]
#[case::no_points(vec![], NoForecast::NoPoints)]
#[case::one_point(vec![(day(7), 12.0)], NoForecast::OnePoint)]
#[case::one_day_many_values(vec![(day(7), 12.0), (day(7), 14.0)], NoForecast::OnePoint)]
#[case::only_non_finite(vec![(day(7), f64::NAN), (day(14), f64::INFINITY)], NoForecast::NoPoints)]
#[case::only_before_start(vec![(start() - Days::new(7), 9.0), (start() - Days::new(1), 9.5)], NoForecast::NoPoints)]
#[case::only_after_as_of(vec![(day(60), 15.0), (day(67), 16.0)], NoForecast::NoPoints)]
fn says_when_it_does_not_know(#[case] obs: Vec<(NaiveDate, f64)>, #[case] why: NoForecast) {
    assert_eq!(fc(&INC, &obs, day(30)), Err(why));
    assert!(!why.describe().is_empty());
}

#[test]
fn done_goals_have_no_forecast() {
    let obs = weekly(4, |w| w);
    assert_eq!(fc(&Measure::Done, &obs, day(30)), Err(NoForecast::Binary));
}

#[test]
fn due_before_start_is_a_bad_period() {
    let obs = weekly(4, |w| w);
    assert_eq!(
        forecast(&INC, due(), start(), due(), &obs),
        Err(NoForecast::BadPeriod)
    );
}

#[test]
fn two_points_are_a_line_with_a_wide_interval() {
    let obs = [(day(0), 10.0), (day(14), 11.0)];
    let f = fc(&INC, &obs, day(14)).unwrap();
    // The line: +1 per 14 days → at day 90: 10 + 90/14.
    assert!((f.value - (10.0 + 90.0 / 14.0)).abs() < 1e-9, "{f:?}");
    assert_eq!(f.points_used, 2);
    // Wide: more than the whole planned change (10).
    assert!(f.high - f.low > 10.0, "{f:?}");
    let p = f.probability.unwrap();
    assert!(p > 0.2 && p < 0.8, "{p}");
}

#[test]
fn a_linear_series_is_forecast_exactly_and_narrowly() {
    // 10 → 20 over 90 days: exactly on the plan.
    let obs: Vec<_> = (0..=8)
        .map(|w| (day(7 * w), 10.0 + 10.0 * (7.0 * w as f64) / 90.0))
        .collect();
    let f = fc(&INC, &obs, day(56)).unwrap();
    assert!((f.value - 20.0).abs() < 1e-9, "{f:?}");
    assert!((f.slope_per_day - 10.0 / 90.0).abs() < 1e-12);
    // Narrow, but not a sliver: five weeks before the due date the pace may
    // still change (the forecaster assumes about one change of pace per
    // period, see the module docs), so the 80 % interval is about ±1.7 around 20.
    assert!(f.high - f.low < 0.5 * 10.0, "narrow: {f:?}");
    assert_eq!(f.method, ForecastMethod::PiecewiseLinear);
    // Exactly on target: a coin flip.
    assert!((f.probability.unwrap() - 0.5).abs() < 1e-6);
}

#[test]
fn an_outlier_barely_moves_the_slope() {
    let clean = weekly(10, |w| 10.0 + 0.7 * w + wobble(w));
    let mut dirty = clean.clone();
    dirty[5].1 = 480.0; // a mistyped check-in
    let a = fc(&INC, &clean, day(70)).unwrap();
    let b = fc(&INC, &dirty, day(70)).unwrap();
    assert!((a.slope_per_day * 7.0 - 0.7).abs() < 0.05, "{a:?}");
    assert!(
        (a.slope_per_day - b.slope_per_day).abs() * 7.0 < 0.05,
        "{a:?} vs {b:?}"
    );
    assert!((a.value - b.value).abs() < 1.0);
}

#[test]
fn a_plateau_has_slope_zero() {
    let obs = weekly(8, |_| 14.0);
    let f = fc(&INC, &obs, day(56)).unwrap();
    assert_eq!(f.slope_per_day, 0.0);
    assert_eq!(f.value, 14.0);
    assert!(f.probability.unwrap() < 0.01, "{f:?}");
    // A plateau already above an at-least threshold: nearly sure.
    let hold = Measure::AtLeast {
        baseline: 12.0,
        target: 12.0,
    };
    assert!(fc(&hold, &obs, day(56)).unwrap().probability.unwrap() > 0.99);
}

#[test]
fn a_step_change_uses_the_recent_regime() {
    // Flat at 48 for five weeks, then a new process drops it to 40 and it stays.
    let obs = weekly(10, |w| if w < 5.0 { 48.0 } else { 40.0 } + wobble(w));
    let f = fc(&DEC, &obs, day(63)).unwrap();
    assert_eq!(
        f.method,
        ForecastMethod::PiecewiseLinearRecentRegime,
        "{f:?}"
    );
    assert_eq!(f.regime_start, Some(day(35)));
    assert_eq!(f.points_used, 5);
    assert!((f.value - 40.0).abs() < 1.5, "{f:?}");
    // Without the step rule the pooled trend would project far below 40.
    let pooled = forecast_with(
        &DEC,
        start(),
        due(),
        day(63),
        &obs,
        &ForecastSettings {
            step_sigmas: f64::INFINITY,
            ..ForecastSettings::default()
        },
    )
    .unwrap();
    assert!(pooled.value < 36.0, "{pooled:?}");
}

#[test]
fn a_noisy_trend_is_not_mistaken_for_a_step() {
    let obs = weekly(12, |w| 48.0 - 1.2 * w + 2.0 * wobble(w));
    let f = fc(&DEC, &obs, day(77)).unwrap();
    assert_eq!(f.method, ForecastMethod::PiecewiseLinear, "{f:?}");
}

#[test]
fn points_outside_the_window_are_ignored() {
    let inside = weekly(6, |w| 10.0 + w);
    let mut all = inside.clone();
    all.push((start() - Days::new(3), 500.0)); // before the start
    all.push((day(50), -500.0)); // after as_of
    all.push((due() + Days::new(3), 900.0)); // after due
    all.push((day(8), f64::NAN));
    let as_of = day(40);
    assert_eq!(fc(&INC, &inside, as_of), fc(&INC, &all, as_of));
}

#[test]
fn duplicate_days_are_averaged() {
    let a = [(day(0), 10.0), (day(7), 11.0), (day(14), 12.0)];
    let b = [
        (day(0), 10.0),
        (day(7), 10.0),
        (day(7), 12.0),
        (day(14), 12.0),
    ];
    assert_eq!(fc(&INC, &a, day(14)), fc(&INC, &b, day(14)));
    assert_eq!(latest_on_or_before(&b, day(10)), Some((day(7), 11.0)));
}

/// The seed's operations goal: 48 → 32 h by 30 June 2026. The work started
/// late: from the end of April the processing time drifts down by about
/// 1.1 h a week.
fn ops_series() -> Vec<(NaiveDate, f64)> {
    (0..6)
        .map(|w| {
            let date = d(2026, 4, 29) + Days::new(7 * w);
            (date, 48.3 - 1.1 * w as f64 + 0.6 * wobble(w as f64))
        })
        .collect()
}

#[test]
fn seed_operations_example() {
    let g = ops_goal();
    let as_of = d(2026, 6, 3);
    let obs = ops_series();
    let f = g.forecast(&obs, as_of).unwrap();
    assert!((f.value - 38.5).abs() < 0.7, "{f:?}");
    assert!((f.slope_per_week() + 1.1).abs() < 0.1, "{f:?}");
    let p = f.probability.unwrap();
    assert!(p < 0.1, "{p}");
    let current = latest_on_or_before(&obs, as_of).map(|(_, v)| v);
    let a = assess(
        &g,
        current,
        &obs,
        as_of,
        &StatusThresholds::default(),
        &RiskThresholds::default(),
    );
    assert_eq!(a.status, Some(GoalStatus::OffTrack), "{a:?}");
    assert!(
        a.reason
            .starts_with("at the current pace of −1.1 h/week, 38."),
        "{}",
        a.reason
    );
    assert!(a.reason.contains("by 30 Jun; target 32 h;"), "{}", a.reason);
    assert!(a.reason.contains("% chance"), "{}", a.reason);
}

#[test]
fn on_pace_but_a_poor_forecast_is_at_risk() {
    // 10 → 20; by day 42 the value is on the linear pace (≈ 14.7) thanks to
    // an early jump, but it has been flat for five weeks.
    let g = {
        let mut g = simple_draft();
        g.start = start();
        g.due = due();
        Goal::new(g).unwrap()
    };
    let obs = [
        (day(0), 10.0),
        (day(7), 14.0),
        (day(14), 14.1),
        (day(21), 14.0),
        (day(28), 14.2),
        (day(35), 14.1),
        (day(42), 14.2),
    ];
    let as_of = day(42);
    let a = assess(
        &g,
        Some(14.2),
        &obs,
        as_of,
        &StatusThresholds::default(),
        &RiskThresholds::default(),
    );
    assert_eq!(a.pace_status, Some(GoalStatus::OnTrack), "{a:?}");
    assert!(a.probability.unwrap() < 0.3, "{a:?}");
    assert_ne!(a.status, Some(GoalStatus::OnTrack));
    assert!(a.escalated);
}

#[rstest]
#[case::reached(
    Some(31.0),
    d(2026, 6, 1),
    GoalStatus::Done,
    "reached: 31 h; target 32 h"
)]
#[case::missed(
    Some(40.0),
    d(2026, 7, 2),
    GoalStatus::Missed,
    "missed: 40 h after the due date 30 Jun; target 32 h"
)]
fn done_and_missed_reasons(
    #[case] current: Option<f64>,
    #[case] as_of: NaiveDate,
    #[case] status: GoalStatus,
    #[case] reason: &str,
) {
    let a = assess(
        &ops_goal(),
        current,
        &ops_series(),
        as_of,
        &StatusThresholds::default(),
        &RiskThresholds::default(),
    );
    assert_eq!(a.status, Some(status));
    assert_eq!(a.reason, reason);
}

#[test]
fn no_forecast_reason_says_why() {
    let a = assess(
        &ops_goal(),
        None,
        &[],
        d(2026, 4, 8),
        &StatusThresholds::default(),
        &RiskThresholds::default(),
    );
    assert_eq!(a.forecast, None);
    assert_eq!(a.no_forecast, Some(NoForecast::NoPoints));
    assert!(a.reason.starts_with("no values yet"), "{}", a.reason);
}

#[rstest]
#[case::within_band_inside(Measure::WithinBand { baseline: 50.0, low: 40.0, high: 60.0 }, 50.0, true)]
#[case::within_band_drifting_out(Measure::WithinBand { baseline: 50.0, low: 40.0, high: 60.0 }, 90.0, false)]
#[case::at_most_holding(Measure::AtMost { baseline: 5.0, target: 5.0 }, 3.0, true)]
#[case::at_most_breaking(Measure::AtMost { baseline: 5.0, target: 5.0 }, 9.0, false)]
fn level_goals(#[case] m: Measure, #[case] level_at_due: f64, #[case] likely: bool) {
    // A line from the level at the start to `level_at_due` on the due date.
    let first = match m {
        Measure::WithinBand { baseline, .. } | Measure::AtMost { baseline, .. } => baseline,
        _ => unreachable!(),
    };
    let obs: Vec<_> = (0..=6)
        .map(|w| {
            let x = 7.0 * w as f64;
            (day(7 * w), first + (level_at_due - first) * x / 90.0)
        })
        .collect();
    let p = fc(&m, &obs, day(42)).unwrap().probability.unwrap();
    assert_eq!(p > 0.5, likely, "{p}");
}

#[test]
fn check_in_and_kpi_observations() {
    let g = ops_goal();
    let who = PersonId::new();
    let mk = |date: NaiveDate, v: f64, secs: i64| {
        CheckIn::new(
            CheckInDraft {
                goal: g.id,
                value: Some(v),
                done: false,
                confidence: None,
                note: String::new(),
                blockers: String::new(),
                effective: date,
                author: who,
            },
            &g,
            t(secs),
        )
        .unwrap()
    };
    let cs = [
        mk(d(2026, 4, 8), 47.0, 0),
        mk(d(2026, 4, 8), 46.0, 10), // same-day correction wins
        mk(d(2026, 4, 15), 45.0, 5),
    ];
    assert_eq!(
        observations_from_check_ins(&cs),
        vec![(d(2026, 4, 8), 46.0), (d(2026, 4, 15), 45.0)]
    );
}

// ---------------------------------------------------------------- proptest

fn any_value() -> impl Strategy<Value = f64> {
    prop_oneof![
        8 => -1.0e6..1.0e6f64,
        1 => any::<f64>(),
        1 => Just(f64::NAN),
        1 => Just(f64::INFINITY),
        1 => Just(f64::NEG_INFINITY),
        1 => Just(f64::MAX),
    ]
}

fn any_series() -> impl Strategy<Value = Vec<(NaiveDate, f64)>> {
    prop::collection::vec((-20i64..120, any_value()), 0..40).prop_map(|v| {
        v.into_iter()
            .map(|(o, y)| (start() + chrono::Duration::days(o), y))
            .collect()
    })
}

fn measures() -> impl Strategy<Value = Measure> {
    (-1.0e4..1.0e4f64, 0.01..1.0e3f64, 0..5u8).prop_map(|(b, span, k)| match k {
        0 => Measure::Increase {
            baseline: b,
            target: b + span,
        },
        1 => Measure::Decrease {
            baseline: b,
            target: b - span,
        },
        2 => Measure::AtLeast {
            baseline: b,
            target: b + span / 2.0,
        },
        3 => Measure::AtMost {
            baseline: b,
            target: b,
        },
        _ => Measure::WithinBand {
            baseline: b,
            low: b - span,
            high: b + span,
        },
    })
}

fn finite_series() -> impl Strategy<Value = Vec<(NaiveDate, f64)>> {
    prop::collection::vec((0i64..90, -1.0e4..1.0e4f64), 2..30).prop_map(|v| {
        v.into_iter()
            .map(|(o, y)| (start() + chrono::Duration::days(o), y))
            .collect()
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn never_panics_and_is_well_formed(obs in any_series(), m in measures(), as_of_off in -10i64..150) {
        let as_of = start() + chrono::Duration::days(as_of_off);
        if let Ok(f) = forecast(&m, start(), due(), as_of, &obs) {
            prop_assert!(f.value.is_finite() && f.low.is_finite() && f.high.is_finite());
            prop_assert!(f.low <= f.value && f.value <= f.high, "{:?}", f);
            let p = f.probability.unwrap();
            prop_assert!((0.0..=1.0).contains(&p));
            prop_assert!(f.points_used >= 2);
            prop_assert!(f.slope_per_day.is_finite() && f.sigma.is_finite());
        }
        let g_ok = assess(&ops_goal(), None, &obs, as_of, &StatusThresholds::default(), &RiskThresholds::default());
        prop_assert!(!g_ok.reason.is_empty());
        prop_assert!(!g_ok.reason.contains("NaN") && !g_ok.reason.contains("inf"));
    }

    #[test]
    fn independent_of_order(obs in finite_series(), m in measures(), seed in any::<u64>()) {
        let mut shuffled = obs.clone();
        // A deterministic shuffle.
        let mut s = seed | 1;
        for i in (1..shuffled.len()).rev() {
            s ^= s << 13; s ^= s >> 7; s ^= s << 17;
            shuffled.swap(i, (s % (i as u64 + 1)) as usize);
        }
        let as_of = due();
        prop_assert_eq!(forecast(&m, start(), due(), as_of, &obs), forecast(&m, start(), due(), as_of, &shuffled));
    }

    #[test]
    fn mirrored_for_decrease(obs in finite_series(), b in -1.0e3..1.0e3f64, span in 0.1..100.0f64) {
        let mut dates = std::collections::BTreeSet::new();
        let obs: Vec<_> = obs.into_iter().filter(|(d, _)| dates.insert(*d)).collect();
        let mirrored: Vec<_> = obs.iter().map(|(d, v)| (*d, -v)).collect();
        let up = Measure::Increase { baseline: b, target: b + span };
        let down = Measure::Decrease { baseline: -b, target: -b - span };
        let as_of = due();
        match (forecast(&up, start(), due(), as_of, &obs), forecast(&down, start(), due(), as_of, &mirrored)) {
            (Ok(a), Ok(z)) => {
                prop_assert_eq!(a.value, -z.value);
                prop_assert_eq!(a.probability, z.probability);
                prop_assert!((a.low + z.high).abs() <= 1e-9 * (1.0 + a.low.abs()));
            }
            (Err(a), Err(z)) => prop_assert_eq!(a, z),
            other => prop_assert!(false, "{:?}", other),
        }
    }

    #[test]
    fn probability_is_monotone_in_the_target(obs in finite_series(), b in -1.0e3..1.0e3f64, t1 in 0.1..500.0f64, dt in 0.0..500.0f64) {
        let as_of = due();
        let lo = Measure::Increase { baseline: b, target: b + t1 };
        let hi = Measure::Increase { baseline: b, target: b + t1 + dt };
        if let (Ok(f), Ok(_)) = (forecast(&lo, start(), due(), as_of, &obs), forecast(&hi, start(), due(), as_of, &obs)) {
            // Same fitted distribution, harder target: never more likely.
            let p_lo = f.probability_for(&lo).unwrap();
            let p_hi = f.probability_for(&hi).unwrap();
            prop_assert!(p_hi <= p_lo + 1e-12, "{} > {}", p_hi, p_lo);
        }
    }

    #[test]
    fn linear_series_are_exact(a in -1.0e3..1.0e3f64, slope in -10.0..10.0f64, n in 6usize..20, gap in 7u64..12) {
        let obs: Vec<_> = (0..n as u64).map(|i| (day(i * gap), a + slope * (i * gap) as f64)).collect();
        let span = 10.0 + slope.abs() * 90.0;
        let m = Measure::Increase { baseline: a, target: a + span };
        let f = forecast(&m, start(), due(), due(), &obs).unwrap();
        let truth = a + slope * 90.0;
        prop_assert!((f.value - truth).abs() <= 1e-6 * (1.0 + truth.abs()), "{:?} vs {}", f, truth);
        prop_assert_eq!(f.method, ForecastMethod::PiecewiseLinear);
        // Five weeks or more of data: narrow relative to the planned change.
        prop_assert!(f.high - f.low < span, "{:?}", f);
    }

    #[test]
    fn raising_every_value_never_lowers_the_chance(obs in finite_series(), m in measures(), lift in 0.0..1.0e3f64) {
        let raised: Vec<_> = obs.iter().map(|(d, v)| (*d, v + lift)).collect();
        let as_of = due();
        if let (Ok(a), Ok(b)) = (forecast(&m, start(), due(), as_of, &obs), forecast(&m, start(), due(), as_of, &raised)) {
            // A uniform lift shifts the line (slope and residuals unchanged up
            // to rounding): increase/at-least chances cannot fall.
            if matches!(m, Measure::Increase { .. } | Measure::AtLeast { .. }) && a.method == b.method {
                prop_assert!(b.probability.unwrap() + 1e-6 >= a.probability.unwrap(), "{:?} {:?}", a, b);
            }
        }
    }
}
