//! The seed article's three department examples, end to end.
#![allow(clippy::unwrap_used)] // test helpers outside #[test] fns unwrap too

mod common;

use common::*;
use rstest::rstest;
use stride_domain::*;

const TH: StatusThresholds = StatusThresholds {
    at_risk_gap: 0.165,
    off_track_gap: 0.33,
};

#[test]
fn ops_40_hours_is_exactly_half_way() {
    let g = ops_goal();
    assert_eq!(g.progress(Some(40.0)), 0.5);
    assert_eq!(g.progress_unclamped(Some(40.0)), Some(0.5));
    assert_eq!(linear_progress(48.0, 32.0, 40.0), 0.5);
}

#[test]
fn ops_six_week_checkpoint_shapes_expected_progress() {
    let g = ops_goal();
    assert_eq!(g.checkpoints[0].label, "six-week review");
    assert_eq!((g.checkpoints[0].date - g.start).num_days(), 42);
    assert_eq!(g.expected_progress(d(2026, 4, 1)), 0.0);
    assert_eq!(g.expected_progress(d(2026, 5, 13)), 0.375); // (42-48)/(32-48)
    assert_eq!(g.expected_progress(d(2026, 6, 30)), 1.0);
    // Halfway between start and the checkpoint: half of 0.375.
    assert!((g.expected_progress(d(2026, 4, 22)) - 0.1875).abs() < 1e-12);
}

#[rstest]
// (as_of, current, status, progress)
#[case::ahead_at_review(d(2026, 5, 13), Some(40.0), Some(GoalStatus::OnTrack), 0.5)]
#[case::no_value_yet_at_start(d(2026, 4, 1), None, Some(GoalStatus::OnTrack), 0.0)]
#[case::stalled_at_review(d(2026, 5, 13), Some(46.0), Some(GoalStatus::AtRisk), 0.125)]
#[case::far_behind_near_due(d(2026, 6, 29), Some(40.0), Some(GoalStatus::OffTrack), 0.5)]
#[case::reached_early(d(2026, 6, 1), Some(32.0), Some(GoalStatus::Done), 1.0)]
#[case::beaten(d(2026, 6, 1), Some(30.0), Some(GoalStatus::Done), 1.0)]
#[case::missed_after_due(d(2026, 7, 1), Some(40.0), Some(GoalStatus::Missed), 0.5)]
#[case::worse_than_baseline(d(2026, 5, 13), Some(50.0), Some(GoalStatus::OffTrack), 0.0)]
fn ops_status(
    #[case] as_of: chrono::NaiveDate,
    #[case] current: Option<f64>,
    #[case] status: Option<GoalStatus>,
    #[case] progress: f64,
) {
    let g = ops_goal();
    let e = evaluate(&g, current, as_of, &TH);
    assert_eq!(e.status, status, "{e:?}");
    assert_eq!(e.progress, progress);
}

#[rstest]
#[case::on_pace_mid_year(d(2026, 6, 30), 71.0, GoalStatus::OnTrack, 0.5)]
#[case::slightly_behind(d(2026, 6, 30), 70.0, GoalStatus::OnTrack, 0.375)]
#[case::behind(d(2026, 6, 30), 69.0, GoalStatus::AtRisk, 0.25)]
#[case::flat(d(2026, 6, 30), 67.0, GoalStatus::OffTrack, 0.0)]
#[case::reached(d(2026, 11, 1), 75.0, GoalStatus::Done, 1.0)]
#[case::missed(d(2027, 1, 1), 74.0, GoalStatus::Missed, 0.875)]
fn hr_engagement(
    #[case] as_of: chrono::NaiveDate,
    #[case] current: f64,
    #[case] status: GoalStatus,
    #[case] progress: f64,
) {
    let g = hr_goal();
    assert_eq!(g.cadence, Cadence::Biweekly);
    assert_eq!(g.unit, UnitKind::Percent);
    assert_eq!(g.expected_progress(d(2026, 6, 30)), 0.5);
    let e = evaluate(&g, Some(current), as_of, &TH);
    assert_eq!(e.progress, progress);
    assert_eq!(e.status, Some(status), "{e:?}");
}

#[rstest]
#[case::start(d(2026, 7, 1), 2_000_000.0, GoalStatus::OnTrack)]
#[case::half_way_mid_quarter(d(2026, 8, 15), 2_250_000.0, GoalStatus::OnTrack)]
#[case::lagging(d(2026, 8, 15), 2_120_000.0, GoalStatus::AtRisk)]
#[case::flat_late(d(2026, 9, 20), 2_050_000.0, GoalStatus::OffTrack)]
#[case::hit(d(2026, 9, 30), 2_500_000.0, GoalStatus::Done)]
#[case::missed(d(2026, 10, 1), 2_400_000.0, GoalStatus::Missed)]
fn sales_pipeline(
    #[case] as_of: chrono::NaiveDate,
    #[case] current: f64,
    #[case] status: GoalStatus,
) {
    let g = sales_goal();
    assert_eq!(g.start, d(2026, 7, 1));
    assert_eq!(g.due, d(2026, 9, 30));
    assert_eq!(g.checkpoints.len(), 13);
    assert_eq!(goal_status(&g, Some(current), as_of, &TH), Some(status));
}

#[test]
fn sales_weekly_checkpoints_follow_the_linear_pace() {
    let g = sales_goal();
    for c in &g.checkpoints {
        let linear = (c.date - g.start).num_days() as f64 / (g.due - g.start).num_days() as f64;
        assert!((g.expected_progress(c.date) - linear).abs() < 1e-9);
    }
    assert_eq!(g.progress(Some(2_250_000.0)), 0.5);
}

#[test]
fn sales_calls_activity_rolls_into_the_pipeline_goal() {
    let pipeline = sales_goal();
    let calls = sales_calls_goal();
    assert_eq!(calls.category, Category::Activity);
    // 16 calls a day: half-way from 12 to 20, not yet met.
    assert_eq!(calls.progress(Some(16.0)), 0.5);
    assert_eq!(calls.progress(Some(21.0)), 1.0);
    // Meeting a level early is on track, not done, until the due date passes.
    assert_eq!(
        goal_status(&calls, Some(21.0), d(2026, 8, 1), &TH),
        Some(GoalStatus::OnTrack)
    );
    assert_eq!(
        goal_status(&calls, Some(21.0), d(2026, 10, 1), &TH),
        Some(GoalStatus::Done)
    );

    let graph = AlignmentGraph::from_edges([AlignmentEdge {
        child: calls.id,
        parent: pipeline.id,
        weight: 1.0,
    }])
    .unwrap();
    let own = [
        (calls.id, calls.progress(Some(16.0))),
        (pipeline.id, pipeline.progress(Some(2_100_000.0))),
    ]
    .into_iter()
    .collect();
    let rolled = rollup(&graph, &own);
    assert_eq!(
        rolled[&pipeline.id], 0.5,
        "a parent is rolled up from its children"
    );
    assert_eq!(rolled[&calls.id], 0.5);
}

#[test]
fn seed_goals_revise_without_losing_the_original_target() {
    let g = ops_goal();
    let author = PersonId::new();
    let (g2, rev) = revise_field(
        &g,
        revision::GoalField::Target,
        "30",
        author,
        t(0),
        "routing beat the estimate",
    )
    .unwrap();
    assert_eq!(g2.target, Some(30.0));
    assert_eq!(rev.old_value, "32.0");
    assert_eq!(rev.new_value, "30.0");
    assert_eq!(
        original_target(&g2, std::slice::from_ref(&rev)).unwrap(),
        Some(32.0)
    );
    assert_eq!(goal_as_of(&g2, &[rev], t(-1)).unwrap(), g);
}
