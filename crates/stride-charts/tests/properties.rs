//! Random finite inputs never panic and always give well-formed, safe SVG.

mod common;

use chrono::{Days, NaiveDate};
use common::{assert_safe, parse};
use proptest::prelude::*;
use stride_charts::{
    progress_chart, progress_distribution, status_bars, CheckIn, Checkpoint, Forecast,
    ForecastPoint, GoalStatus, ProgressChart, StatusCount, Theme,
};

fn date(offset: u64) -> NaiveDate {
    NaiveDate::from_ymd_opt(2000, 1, 1)
        .and_then(|d| d.checked_add_days(Days::new(offset)))
        .expect("date in range")
}

/// Mostly everyday magnitudes, sometimes any finite f64 at all.
fn value() -> impl Strategy<Value = f64> {
    prop_oneof![
        4 => -1e4..1e4f64,
        1 => any::<f64>().prop_filter("finite", |v| v.is_finite()),
        1 => Just(0.0),
    ]
}

fn theme() -> impl Strategy<Value = Theme> {
    prop_oneof![Just(Theme::Light), Just(Theme::Dark)]
}

prop_compose! {
    fn chart()(
        start in 0u64..20_000,
        len in 1u64..4_000,
        baseline in value(),
        target in value(),
        band in proptest::option::of((value(), value())),
        checkpoints in proptest::collection::vec((0u64..25_000, value(), ".{0,30}"), 0..4),
        checkins in proptest::collection::vec((0u64..25_000, value()), 0..30),
        forecast in proptest::option::of(proptest::collection::vec((0u64..25_000, value(), value(), value()), 0..6)),
        today in proptest::option::of(0u64..25_000),
        title in ".{0,80}",
        unit in ".{0,12}",
        theme in theme(),
    ) -> ProgressChart {
        let mut c = ProgressChart::new(title, unit, date(start), date(start + len), baseline, target);
        c.band = band;
        c.checkpoints = checkpoints.into_iter().map(|(d, v, l)| Checkpoint { date: date(d), value: v, label: l }).collect();
        c.checkins = checkins.into_iter().map(|(d, v)| CheckIn { date: date(d), value: v }).collect();
        c.forecast = forecast.map(|pts| Forecast {
            points: pts.into_iter().map(|(d, value, low, high)| ForecastPoint { date: date(d), value, low, high }).collect(),
        });
        c.today = today.map(date);
        c.theme = theme;
        c
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(192))]

    #[test]
    fn progress_chart_is_always_well_formed(c in chart()) {
        let svg = progress_chart(&c).expect("valid input renders");
        let root = parse(&svg);
        assert_safe(&root);
        prop_assert_eq!(root.attr("viewBox"), Some("0 0 720 320"));
        let actual = c.theme.palette().actual;
        let lines: Vec<_> = root.find_all("polyline").into_iter().filter(|p| p.has_color("stroke", actual)).collect();
        if c.checkins.is_empty() {
            prop_assert!(lines.is_empty());
        } else {
            prop_assert_eq!(lines.len(), 1);
            let pts = lines[0].points();
            prop_assert_eq!(pts.len(), c.checkins.len());
            // Every check-in lands on the canvas.
            for (x, y) in pts {
                prop_assert!((0.0..=720.0).contains(&x) && (0.0..=320.0).contains(&y), "({}, {})", x, y);
            }
        }
    }

    #[test]
    fn status_bars_are_always_well_formed(
        counts in proptest::collection::vec((0usize..5, any::<u32>()), 0..12),
        theme in theme(),
    ) {
        let counts: Vec<StatusCount> = counts
            .into_iter()
            .map(|(i, count)| StatusCount { status: GoalStatus::ALL[i], count })
            .collect();
        let root = parse(&status_bars(&counts, theme).expect("renders"));
        assert_safe(&root);
    }

    #[test]
    fn distribution_is_always_well_formed(
        deltas in proptest::collection::vec(value(), 0..200),
        theme in theme(),
    ) {
        let root = parse(&progress_distribution(&deltas, theme).expect("renders"));
        assert_safe(&root);
    }
}
