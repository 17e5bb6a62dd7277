//! Goal drafts parse into goals or into specific, field-naming errors.
#![allow(clippy::unwrap_used)] // test helpers outside #[test] fns unwrap too

mod common;

use common::*;
use proptest::prelude::*;
use rstest::rstest;
use stride_domain::*;

fn code(draft: GoalDraft) -> &'static str {
    Goal::new(draft).unwrap_err().code()
}

#[test]
fn a_simple_draft_is_valid() {
    let g = Goal::new(simple_draft()).unwrap();
    assert_eq!(g.title, "Grow the thing");
    assert_eq!(
        g.measure(),
        Measure::Increase {
            baseline: 10.0,
            target: 20.0
        }
    );
}

#[rstest]
#[case::empty_title(|g: &mut GoalDraft| g.title = "   ".into(), "empty", "title")]
#[case::long_title(|g: &mut GoalDraft| g.title = "x".repeat(201), "too_long", "title")]
#[case::target_equals_baseline(|g: &mut GoalDraft| g.target = Some(10.0), "target_equals_baseline", "target")]
#[case::increase_downwards(|g: &mut GoalDraft| g.target = Some(5.0), "direction_mismatch", "target")]
#[case::decrease_upwards(|g: &mut GoalDraft| g.direction = Direction::Decrease, "direction_mismatch", "target")]
#[case::due_before_start(|g: &mut GoalDraft| g.due = d(2025, 12, 31), "end_before_start", "due")]
#[case::zero_weight(|g: &mut GoalDraft| g.weight = 0.0, "weight_not_positive", "weight")]
#[case::negative_weight(|g: &mut GoalDraft| g.weight = -1.0, "weight_not_positive", "weight")]
#[case::nan_weight(|g: &mut GoalDraft| g.weight = f64::NAN, "not_finite", "weight")]
#[case::inf_target(|g: &mut GoalDraft| g.target = Some(f64::INFINITY), "not_finite", "target")]
#[case::nan_baseline(|g: &mut GoalDraft| g.baseline = Some(f64::NAN), "not_finite", "baseline")]
#[case::missing_target(|g: &mut GoalDraft| g.target = None, "missing", "target")]
#[case::missing_baseline(|g: &mut GoalDraft| g.baseline = None, "missing", "baseline")]
#[case::band_on_increase(|g: &mut GoalDraft| g.band_low = Some(1.0), "not_applicable", "band_low")]
#[case::binary_unit_on_increase(|g: &mut GoalDraft| g.unit = UnitKind::Binary, "unit_direction_mismatch", "unit")]
#[case::custom_cadence_zero(|g: &mut GoalDraft| g.cadence = Cadence::Custom { days: 0 }, "invalid_cadence", "cadence")]
#[case::checkpoint_before_start(|g: &mut GoalDraft| g.checkpoints = vec![Checkpoint { date: d(2025, 12, 1), expected: 12.0, label: String::new() }], "checkpoint_out_of_range", "checkpoints[0].date")]
#[case::checkpoint_after_due(|g: &mut GoalDraft| g.checkpoints = vec![Checkpoint { date: d(2026, 2, 1), expected: 12.0, label: String::new() }, Checkpoint { date: d(2026, 4, 1), expected: 15.0, label: String::new() }], "checkpoint_out_of_range", "checkpoints[1].date")]
#[case::checkpoint_duplicate(|g: &mut GoalDraft| g.checkpoints = vec![Checkpoint { date: d(2026, 2, 1), expected: 12.0, label: String::new() }, Checkpoint { date: d(2026, 2, 1), expected: 15.0, label: String::new() }], "checkpoint_duplicate", "checkpoints[1].date")]
#[case::checkpoint_nan(|g: &mut GoalDraft| g.checkpoints = vec![Checkpoint { date: d(2026, 2, 1), expected: f64::NAN, label: String::new() }], "not_finite", "checkpoints[0].expected")]
fn invalid_drafts_name_the_field(
    #[case] edit: fn(&mut GoalDraft),
    #[case] expected_code: &str,
    #[case] field: &str,
) {
    let mut draft = simple_draft();
    edit(&mut draft);
    let err = Goal::new(draft).unwrap_err();
    assert_eq!(err.code(), expected_code, "{err}");
    assert!(
        err.to_string().starts_with(field),
        "`{err}` should start with `{field}`"
    );
}

#[test]
fn band_rules() {
    let mut g = simple_draft();
    g.direction = Direction::WithinBand;
    g.target = None;
    g.band_low = Some(90.0);
    g.band_high = Some(95.0);
    let goal = Goal::new(g.clone()).unwrap();
    assert_eq!(
        goal.measure(),
        Measure::WithinBand {
            baseline: 10.0,
            low: 90.0,
            high: 95.0
        }
    );

    let mut inverted = g.clone();
    inverted.band_low = Some(96.0);
    let err = Goal::new(inverted).unwrap_err();
    assert_eq!(err.code(), "band_inverted");
    assert!(err.to_string().starts_with("band_low"));

    let mut with_target = g.clone();
    with_target.target = Some(92.0);
    assert_eq!(code(with_target), "not_applicable");

    let mut no_high = g;
    no_high.band_high = None;
    assert_eq!(code(no_high), "missing");
}

#[test]
fn binary_goals_take_no_numbers_or_checkpoints() {
    let mut g = simple_draft();
    g.direction = Direction::Done;
    g.unit = UnitKind::Binary;
    assert_eq!(code(g.clone()), "not_applicable");
    g.baseline = None;
    g.target = None;
    let goal = Goal::new(g.clone()).unwrap();
    assert_eq!(goal.measure(), Measure::Done);
    g.checkpoints = vec![Checkpoint {
        date: d(2026, 2, 1),
        expected: 1.0,
        label: String::new(),
    }];
    assert_eq!(code(g.clone()), "checkpoints_not_applicable");
    g.checkpoints.clear();
    g.unit = UnitKind::Count;
    assert_eq!(code(g), "unit_direction_mismatch");
}

#[test]
fn thresholds_may_start_anywhere() {
    // "Stay at least 95 % on-time" with a baseline already above the threshold.
    let mut g = simple_draft();
    g.direction = Direction::AtLeast;
    g.baseline = Some(97.0);
    g.target = Some(95.0);
    Goal::new(g.clone()).unwrap();
    g.baseline = Some(95.0);
    Goal::new(g).unwrap();
}

#[test]
fn checkpoints_are_sorted_and_dates_inclusive() {
    let mut g = simple_draft();
    g.checkpoints = vec![
        Checkpoint {
            date: d(2026, 3, 31),
            expected: 20.0,
            label: "end".into(),
        },
        Checkpoint {
            date: d(2026, 1, 1),
            expected: 10.0,
            label: "start".into(),
        },
        Checkpoint {
            date: d(2026, 2, 15),
            expected: 15.0,
            label: "mid".into(),
        },
    ];
    let goal = Goal::new(g).unwrap();
    let labels: Vec<_> = goal.checkpoints.iter().map(|c| c.label.as_str()).collect();
    assert_eq!(labels, ["start", "mid", "end"]);
}

#[test]
fn a_one_day_goal_is_valid() {
    let mut g = simple_draft();
    g.due = g.start;
    let goal = Goal::new(g).unwrap();
    assert_eq!(goal.expected_progress(goal.start), 1.0);
    assert_eq!(goal.expected_progress(goal.start.pred_opt().unwrap()), 0.0);
}

#[test]
fn serde_validates_on_the_way_in() {
    let goal = ops_goal();
    let json = serde_json::to_string(&goal).unwrap();
    let back: Goal = serde_json::from_str(&json).unwrap();
    assert_eq!(back, goal);
    let draft_json = serde_json::to_string(goal.as_draft()).unwrap();
    assert_eq!(json, draft_json, "a goal serialises exactly as its draft");

    let mut bad: serde_json::Value = serde_json::from_str(&json).unwrap();
    bad["target"] = serde_json::json!(48.0);
    let err = serde_json::from_value::<Goal>(bad).unwrap_err();
    assert!(err.to_string().contains("target"), "{err}");
}

fn any_f64() -> impl Strategy<Value = f64> {
    prop_oneof![
        4 => -1.0e6f64..1.0e6,
        1 => Just(f64::NAN),
        1 => Just(f64::INFINITY),
        1 => Just(f64::NEG_INFINITY),
        1 => Just(0.0),
        1 => any::<f64>(),
    ]
}

fn any_date() -> impl Strategy<Value = chrono::NaiveDate> {
    (-3000i64..3000).prop_map(|n| d(2026, 1, 1) + chrono::TimeDelta::days(n))
}

prop_compose! {
    fn any_draft()(
        title in ".{0,8}",
        kind in prop::sample::select(GoalKind::ALL),
        unit in prop::sample::select(UnitKind::ALL),
        direction in prop::sample::select(Direction::ALL),
        state in prop::sample::select(GoalState::ALL),
        baseline in prop::option::of(any_f64()),
        target in prop::option::of(any_f64()),
        band_low in prop::option::of(any_f64()),
        band_high in prop::option::of(any_f64()),
        start in any_date(),
        due in any_date(),
        weight in any_f64(),
        days in any::<u16>(),
        cps in prop::collection::vec((any_date(), any_f64()), 0..4),
    ) -> GoalDraft {
        let mut g = simple_draft();
        g.title = title;
        g.kind = kind;
        g.unit = unit;
        g.direction = direction;
        g.state = state;
        g.baseline = baseline;
        g.target = target;
        g.band_low = band_low;
        g.band_high = band_high;
        g.start = start;
        g.due = due;
        g.weight = weight;
        g.cadence = Cadence::Custom { days };
        g.checkpoints = cps.into_iter().map(|(date, expected)| Checkpoint { date, expected, label: String::new() }).collect();
        g
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// Arbitrary drafts never panic; valid ones satisfy every invariant and
    /// evaluate to finite numbers.
    #[test]
    fn arbitrary_drafts_never_panic(draft in any_draft(), current in any_f64(), as_of in any_date()) {
        match Goal::new(draft) {
            Err(e) => {
                prop_assert!(!e.to_string().is_empty());
                prop_assert!(!e.code().is_empty());
            }
            Ok(goal) => {
                prop_assert!(goal.weight > 0.0 && goal.weight.is_finite());
                prop_assert!(goal.due >= goal.start);
                prop_assert!(!goal.title.trim().is_empty());
                prop_assert!(goal.checkpoints.windows(2).all(|w| w[0].date < w[1].date));
                let e = evaluate(&goal, Some(current), as_of, &StatusThresholds::default());
                prop_assert!((0.0..=1.0).contains(&e.progress));
                prop_assert!((0.0..=1.0).contains(&e.expected_progress));
                prop_assert!(e.progress_unclamped.is_none_or(|p| !p.is_nan()));
                // A valid goal survives a serde round trip unchanged.
                let json = serde_json::to_string(&goal).unwrap();
                prop_assert_eq!(serde_json::from_str::<Goal>(&json).unwrap(), goal);
            }
        }
    }
}
