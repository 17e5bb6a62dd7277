//! Progress in every direction, and expected progress.
#![allow(clippy::unwrap_used)] // test helpers outside #[test] fns unwrap too

mod common;

use common::*;
use proptest::prelude::*;
use rstest::rstest;
use stride_domain::progress::{band_distance, clamp_unit};
use stride_domain::*;

fn value() -> impl Strategy<Value = f64> {
    -1.0e6f64..1.0e6
}

fn span() -> impl Strategy<Value = f64> {
    1.0e-3f64..1.0e5
}

#[rstest]
#[case::decrease_half(Measure::Decrease { baseline: 48.0, target: 32.0 }, 40.0, 0.5, 0.5)]
#[case::decrease_beyond(Measure::Decrease { baseline: 48.0, target: 32.0 }, 24.0, 1.0, 1.5)]
#[case::decrease_worse(Measure::Decrease { baseline: 48.0, target: 32.0 }, 56.0, 0.0, -0.5)]
#[case::increase_quarter(Measure::Increase { baseline: 67.0, target: 75.0 }, 69.0, 0.25, 0.25)]
#[case::at_least_partial(Measure::AtLeast { baseline: 12.0, target: 20.0 }, 16.0, 0.5, 0.5)]
#[case::at_least_met(Measure::AtLeast { baseline: 12.0, target: 20.0 }, 25.0, 1.0, 1.625)]
#[case::at_least_from_above_slipped(Measure::AtLeast { baseline: 97.0, target: 95.0 }, 94.0, 0.0, 0.0)]
#[case::at_least_from_above_held(Measure::AtLeast { baseline: 97.0, target: 95.0 }, 96.0, 1.0, 1.0)]
#[case::at_most_partial(Measure::AtMost { baseline: 10.0, target: 5.0 }, 7.5, 0.5, 0.5)]
#[case::at_most_met(Measure::AtMost { baseline: 10.0, target: 5.0 }, 5.0, 1.0, 1.0)]
#[case::band_inside(Measure::WithinBand { baseline: 80.0, low: 90.0, high: 95.0 }, 92.0, 1.0, 1.0)]
#[case::band_half_way_below(Measure::WithinBand { baseline: 80.0, low: 90.0, high: 95.0 }, 85.0, 0.5, 0.5)]
#[case::band_overshoot(Measure::WithinBand { baseline: 80.0, low: 90.0, high: 95.0 }, 100.0, 0.5, 0.5)]
#[case::band_far(Measure::WithinBand { baseline: 80.0, low: 90.0, high: 95.0 }, 60.0, 0.0, -2.0)]
#[case::band_from_inside_left(Measure::WithinBand { baseline: 92.0, low: 90.0, high: 95.0 }, 89.0, 0.0, 0.0)]
#[case::done(Measure::Done, 1.0, 1.0, 1.0)]
#[case::not_done(Measure::Done, 0.0, 0.0, 0.0)]
#[case::nan_is_zero(Measure::Increase { baseline: 0.0, target: 1.0 }, f64::NAN, 0.0, 0.0)]
#[case::inf_is_zero(Measure::Decrease { baseline: 1.0, target: 0.0 }, f64::NEG_INFINITY, 0.0, 0.0)]
fn progress_cases(
    #[case] m: Measure,
    #[case] current: f64,
    #[case] clamped: f64,
    #[case] raw: f64,
) {
    assert_eq!(m.progress(current), clamped);
    assert_eq!(m.progress_unclamped(current), raw);
}

proptest! {
    #[test]
    fn increase_is_monotone_0_at_baseline_1_at_target(b in value(), s in span(), c1 in value(), c2 in value()) {
        let m = Measure::Increase { baseline: b, target: b + s };
        let (lo, hi) = if c1 <= c2 { (c1, c2) } else { (c2, c1) };
        prop_assert!(m.progress(lo) <= m.progress(hi));
        prop_assert!(m.progress_unclamped(lo) <= m.progress_unclamped(hi));
        prop_assert_eq!(m.progress(b), 0.0);
        prop_assert_eq!(m.progress(b + s), 1.0);
        prop_assert!((0.0..=1.0).contains(&m.progress(c1)));
        prop_assert_eq!(m.progress(c1), clamp_unit(m.progress_unclamped(c1)).min(if m.is_met(c1) { 1.0 } else { m.progress(c1) }));
    }

    #[test]
    fn decrease_is_antitone_0_at_baseline_1_at_target(b in value(), s in span(), c1 in value(), c2 in value()) {
        let m = Measure::Decrease { baseline: b, target: b - s };
        let (lo, hi) = if c1 <= c2 { (c1, c2) } else { (c2, c1) };
        prop_assert!(m.progress(lo) >= m.progress(hi));
        prop_assert!(m.progress_unclamped(lo) >= m.progress_unclamped(hi));
        prop_assert_eq!(m.progress(b), 0.0);
        prop_assert_eq!(m.progress(b - s), 1.0);
        prop_assert!((0.0..=1.0).contains(&m.progress(c1)));
    }

    #[test]
    fn at_least_is_monotone_and_1_iff_met(b in value(), t in value(), c1 in value(), c2 in value()) {
        let m = Measure::AtLeast { baseline: b, target: t };
        let (lo, hi) = if c1 <= c2 { (c1, c2) } else { (c2, c1) };
        prop_assert!(m.progress(lo) <= m.progress(hi));
        prop_assert_eq!(m.progress(c1) == 1.0, c1 >= t);
        prop_assert!((0.0..=1.0).contains(&m.progress(c1)));
        prop_assert_eq!(m.progress(t), 1.0);
        if b < t {
            prop_assert_eq!(m.progress(b), 0.0);
        }
    }

    #[test]
    fn at_most_is_antitone_and_1_iff_met(b in value(), t in value(), c1 in value(), c2 in value()) {
        let m = Measure::AtMost { baseline: b, target: t };
        let (lo, hi) = if c1 <= c2 { (c1, c2) } else { (c2, c1) };
        prop_assert!(m.progress(lo) >= m.progress(hi));
        prop_assert_eq!(m.progress(c1) == 1.0, c1 <= t);
        prop_assert!((0.0..=1.0).contains(&m.progress(c1)));
        if b > t {
            prop_assert_eq!(m.progress(b), 0.0);
        }
    }

    #[test]
    fn within_band_is_1_inside_and_falls_with_distance(
        b in value(), low in value(), w in 0.0f64..1.0e4, c1 in value(), c2 in value(),
    ) {
        let high = low + w;
        let m = Measure::WithinBand { baseline: b, low, high };
        prop_assert_eq!(m.progress(c1) == 1.0, (low..=high).contains(&c1));
        prop_assert!((0.0..=1.0).contains(&m.progress(c1)));
        // Farther from the band never scores higher.
        if band_distance(low, high, c1) <= band_distance(low, high, c2) {
            prop_assert!(m.progress(c1) >= m.progress(c2));
        }
        // Back at the baseline scores 0 when it was outside the band.
        if band_distance(low, high, b) > 0.0 {
            prop_assert_eq!(m.progress(b), 0.0);
        }
    }

    #[test]
    fn done_is_0_or_1(c in prop_oneof![Just(0.0), Just(1.0), value()]) {
        let p = Measure::Done.progress(c);
        prop_assert!(p == 0.0 || p == 1.0);
        prop_assert_eq!(p == 1.0, c >= 1.0);
    }

    #[test]
    fn any_measure_any_input_is_in_unit_range(
        dir in prop::sample::select(Direction::ALL), a in any::<f64>(), b in any::<f64>(), c in any::<f64>(), x in any::<f64>(),
    ) {
        let m = match dir {
            Direction::Increase => Measure::Increase { baseline: a, target: b },
            Direction::Decrease => Measure::Decrease { baseline: a, target: b },
            Direction::AtLeast => Measure::AtLeast { baseline: a, target: b },
            Direction::AtMost => Measure::AtMost { baseline: a, target: b },
            Direction::WithinBand => Measure::WithinBand { baseline: a, low: b.min(c), high: b.max(c) },
            Direction::Done => Measure::Done,
        };
        let p = m.progress(x);
        prop_assert!((0.0..=1.0).contains(&p), "{m:?} {x} -> {p}");
        prop_assert!(!m.progress_unclamped(x).is_nan());
        prop_assert_eq!(m.direction(), dir);
    }

    /// Expected progress is in [0, 1], 0 at start, 1 at due, and monotone in
    /// time when the checkpoints move monotonically toward the target.
    #[test]
    fn expected_progress_is_a_monotone_path(
        len in 1i64..400,
        mut cps in prop::collection::vec((0.0f64..1.0, 0.0f64..1.0), 0..6),
        a in 0i64..500, b in 0i64..500,
    ) {
        let start = d(2026, 1, 1);
        let due = start + chrono::TimeDelta::days(len);
        // Monotone checkpoints: sort fractions of time and of value together.
        let mut ts: Vec<f64> = cps.iter().map(|c| c.0).collect();
        let mut vs: Vec<f64> = cps.iter().map(|c| c.1).collect();
        ts.sort_by(f64::total_cmp);
        vs.sort_by(f64::total_cmp);
        cps = ts.into_iter().zip(vs).collect();
        let mut checkpoints: Vec<Checkpoint> = Vec::new();
        for (tf, vf) in cps {
            let date = start + chrono::TimeDelta::days(((len as f64) * tf) as i64 + 1).min(due - start);
            if date < due && checkpoints.last().is_none_or(|c| c.date < date) {
                checkpoints.push(Checkpoint { date, expected: 100.0 - 50.0 * vf, label: String::new() });
            }
        }
        let m = Measure::Decrease { baseline: 100.0, target: 50.0 };
        let e = |n: i64| expected_progress(&m, start, due, &checkpoints, start + chrono::TimeDelta::days(n - 10));
        prop_assert_eq!(expected_progress(&m, start, due, &checkpoints, start), 0.0);
        prop_assert_eq!(expected_progress(&m, start, due, &checkpoints, due), 1.0);
        let (x, y) = if a <= b { (a, b) } else { (b, a) };
        prop_assert!((0.0..=1.0).contains(&e(x)));
        prop_assert!(e(x) <= e(y) + 1e-12, "{} > {}", e(x), e(y));
        // Each checkpoint is hit exactly.
        for c in &checkpoints {
            let want = m.progress(c.expected);
            prop_assert!((expected_progress(&m, start, due, &checkpoints, c.date) - want).abs() < 1e-12);
        }
    }

    #[test]
    fn linear_pace_without_checkpoints(len in 1i64..1000, k in 0i64..1000) {
        let start = d(2026, 1, 1);
        let due = start + chrono::TimeDelta::days(len);
        let k = k.min(len);
        let m = Measure::Increase { baseline: 0.0, target: 1.0 };
        let got = expected_progress(&m, start, due, &[], start + chrono::TimeDelta::days(k));
        prop_assert!((got - k as f64 / len as f64).abs() < 1e-12);
    }
}

#[test]
fn expected_progress_clamps_outside_the_goal_period() {
    let g = ops_goal();
    assert_eq!(g.expected_progress(d(2026, 1, 1)), 0.0);
    assert_eq!(g.expected_progress(d(2027, 1, 1)), 1.0);
}
