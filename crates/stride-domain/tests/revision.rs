//! Revision history and "as of" reconstruction.
#![allow(clippy::unwrap_used)] // test helpers outside #[test] fns unwrap too

mod common;

use common::*;
use proptest::prelude::*;
use stride_domain::revision::{FieldChange, GoalField};
use stride_domain::*;

#[test]
fn revise_records_old_and_new_values_and_needs_a_reason() {
    let g = ops_goal();
    let who = PersonId::new();
    assert_eq!(
        revise_field(&g, GoalField::Target, "30", who, t(0), "  ")
            .unwrap_err()
            .code(),
        "missing_reason"
    );
    assert_eq!(
        revise_field(&g, GoalField::Target, "32", who, t(0), "same")
            .unwrap_err()
            .code(),
        "no_change"
    );
    assert_eq!(
        revise_field(&g, GoalField::Target, "48", who, t(0), "x")
            .unwrap_err()
            .code(),
        "target_equals_baseline"
    );
    assert_eq!(
        revise_field(&g, GoalField::Target, "abc", who, t(0), "x")
            .unwrap_err()
            .to_string(),
        "target: `abc` is not a number"
    );
    assert_eq!(
        revise_field(&g, GoalField::Due, "2026-03-01", who, t(0), "x")
            .unwrap_err()
            .code(),
        "end_before_start"
    );
    assert_eq!(
        revise_field(&g, GoalField::Direction, "sideways", who, t(0), "x")
            .unwrap_err()
            .code(),
        "unknown_variant"
    );

    let (g2, r) = revise_field(
        &g,
        GoalField::Due,
        "2026-07-31",
        who,
        t(5),
        "supplier delay",
    )
    .unwrap();
    assert_eq!(g2.due, d(2026, 7, 31));
    assert_eq!(
        (r.old_value.as_str(), r.new_value.as_str()),
        ("\"2026-06-30\"", "\"2026-07-31\"")
    );
    assert_eq!(
        (r.author, r.at, r.reason.as_str()),
        (who, t(5), "supplier delay")
    );
    assert_eq!(r.goal, g.id);
}

#[test]
fn related_fields_change_together() {
    let g = ops_goal();
    let who = PersonId::new();
    // Turning a decrease into an "at most 35 h" level needs no band; direction
    // and target change in one edit.
    let changes = [
        FieldChange::from_input(GoalField::Direction, "at_most").unwrap(),
        FieldChange::from_input(GoalField::Target, "35").unwrap(),
    ];
    let (g2, revs) = revise(&g, &changes, who, t(10), "keep it under 35 h").unwrap();
    assert_eq!(revs.len(), 2);
    assert_eq!(g2.direction, Direction::AtMost);
    assert_eq!(goal_as_of(&g2, &revs, t(9)).unwrap(), g);
    assert_eq!(goal_as_of(&g2, &revs, t(10)).unwrap(), g2);

    // Into a band: target cleared, band set.
    let changes = [
        FieldChange::from_input(GoalField::Direction, "within_band").unwrap(),
        FieldChange::from_input(GoalField::Target, "none").unwrap(),
        FieldChange::from_input(GoalField::BandLow, "30").unwrap(),
        FieldChange::from_input(GoalField::BandHigh, "34").unwrap(),
    ];
    let (g3, revs3) = revise(&g, &changes, who, t(10), "band").unwrap();
    assert_eq!(
        g3.measure(),
        Measure::WithinBand {
            baseline: 48.0,
            low: 30.0,
            high: 34.0
        }
    );
    assert_eq!(original(&g3, &revs3).unwrap(), g);
}

#[test]
fn every_field_parses_typed_input() {
    let g = ops_goal();
    let who = PersonId::new();
    let cycle = CycleId::new();
    let kpi = KpiId::new();
    let unit = OrgUnitId::new();
    let cases: Vec<(GoalField, String)> = vec![
        (GoalField::Kind, "key_result".into()),
        (GoalField::Owner, format!("unit:{unit}")),
        (GoalField::Statement, "New sentence".into()),
        (GoalField::Title, "New title".into()),
        (GoalField::Method, "New method".into()),
        (GoalField::Category, "development".into()),
        (GoalField::MetricName, "median processing time".into()),
        (GoalField::Unit, "number".into()),
        (GoalField::UnitLabel, "h".into()),
        (GoalField::Baseline, "50".into()),
        (GoalField::Target, "30".into()),
        (GoalField::Start, "2026-04-02".into()),
        (GoalField::Due, "2026-07-15".into()),
        (GoalField::Cycle, cycle.to_string()),
        (GoalField::Weight, "2.5".into()),
        (GoalField::Cadence, "custom:10".into()),
        (
            GoalField::Checkpoints,
            r#"[{"date":"2026-05-20","expected":41.0,"label":"review"}]"#.into(),
        ),
        (GoalField::State, "deprioritised".into()),
        (GoalField::Kpi, kpi.to_string()),
    ];
    let mut cur = g.clone();
    let mut history = Vec::new();
    for (i, (field, input)) in cases.iter().enumerate() {
        let (next, rev) = revise_field(&cur, *field, input, who, t(i as i64), "test")
            .unwrap_or_else(|e| panic!("{field}: {e}"));
        history.push((rev, cur.clone()));
        cur = next;
    }
    assert_eq!(cur.owner, Owner::Unit(unit));
    assert_eq!(cur.cycle, Some(cycle));
    assert_eq!(cur.kpi, Some(kpi));
    assert_eq!(cur.cadence, Cadence::Custom { days: 10 });
    let revs: Vec<Revision> = history.iter().map(|(r, _)| r.clone()).collect();
    for (r, before) in &history {
        let at = r.at - chrono::TimeDelta::seconds(1);
        assert_eq!(
            &goal_as_of(&cur, &revs, at).unwrap(),
            before,
            "before {}",
            r.field
        );
    }
    // Clear optional fields again.
    let (cleared, _) = revise_field(&cur, GoalField::Kpi, "none", who, t(100), "untrack").unwrap();
    assert_eq!(cleared.kpi, None);
}

#[test]
fn broken_chains_are_reported() {
    let g = ops_goal();
    let who = PersonId::new();
    let (g2, r) = revise_field(&g, GoalField::Target, "30", who, t(1), "x").unwrap();
    // An edit that bypassed the history: the current target no longer matches.
    let (g3, _) = revise_field(&g2, GoalField::Target, "28", who, t(2), "unrecorded").unwrap();
    let err = goal_as_of(&g3, std::slice::from_ref(&r), t(0)).unwrap_err();
    assert_eq!(err.code(), "revision_chain");
    let mut foreign = r;
    foreign.goal = GoalId::new();
    assert_eq!(
        goal_as_of(&g2, &[foreign], t(0)).unwrap_err().code(),
        "revision_for_other_goal"
    );
}

#[test]
fn field_history_keeps_the_original_target() {
    let g = hr_goal();
    let who = PersonId::new();
    let (g2, r1) = revise_field(&g, GoalField::Target, "76", who, t(1), "stretch").unwrap();
    let (g3, r2) = revise_field(
        &g2,
        GoalField::Target,
        "74",
        who,
        t(2),
        "survey vendor change",
    )
    .unwrap();
    let revs = [r1, r2];
    let h = field_history(&g3, &revs, GoalField::Target).unwrap();
    let values: Vec<&str> = h.iter().map(|v| v.value.as_str()).collect();
    assert_eq!(values, ["75.0", "76.0", "74.0"]);
    assert_eq!(h[2].reason, "survey vendor change");
    assert_eq!(original_target(&g3, &revs).unwrap(), Some(75.0));
}

#[test]
fn the_original_target_survives_concurrent_offline_edits() {
    // Two people revise the same target offline (75 → 70 and 75 → 80), the
    // later wins on sync, then the first keeps hers (80 → 70): no single
    // chain, but the target still began at 75.
    let g = hr_goal();
    let (rita, maria) = (PersonId::new(), PersonId::new());
    let (_, r1) = revise_field(&g, GoalField::Target, "70", rita, t(1), "offline").unwrap();
    let (g2, r2) = revise_field(&g, GoalField::Target, "80", maria, t(2), "offline").unwrap();
    let (g3, r3) = revise_field(&g2, GoalField::Target, "70", rita, t(3), "kept mine").unwrap();
    let revs = [r3, r1, r2]; // any order
    assert_eq!(original_target(&g3, &revs).unwrap(), Some(75.0));
    assert_eq!(
        original_target(&g, &[]).unwrap(),
        Some(75.0),
        "never revised"
    );
    // A revision of another goal is still refused.
    let other = hr_goal();
    let (_, foreign) = revise_field(&other, GoalField::Target, "90", rita, t(4), "x").unwrap();
    assert!(original_target(&g3, &[foreign]).is_err());
}

#[derive(Debug, Clone)]
enum Op {
    Title(String),
    Target(f64),
    Baseline(f64),
    DueShift(i64),
    Weight(f64),
    State(GoalState),
    Cadence(u16),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        "[a-z]{1,12}".prop_map(Op::Title),
        (0.0f64..100.0).prop_map(Op::Target),
        (0.0f64..100.0).prop_map(Op::Baseline),
        (-60i64..60).prop_map(Op::DueShift),
        (0.01f64..10.0).prop_map(Op::Weight),
        prop::sample::select(GoalState::ALL).prop_map(Op::State),
        (1u16..=366).prop_map(Op::Cadence),
    ]
}

fn change(goal: &Goal, op: &Op) -> FieldChange {
    let (field, input) = match op {
        Op::Title(s) => (GoalField::Title, s.clone()),
        Op::Target(v) => (GoalField::Target, v.to_string()),
        Op::Baseline(v) => (GoalField::Baseline, v.to_string()),
        Op::DueShift(n) => (
            GoalField::Due,
            (goal.due + chrono::TimeDelta::days(*n)).to_string(),
        ),
        Op::Weight(v) => (GoalField::Weight, v.to_string()),
        Op::State(s) => (GoalField::State, s.to_string()),
        Op::Cadence(n) => (GoalField::Cadence, format!("custom:{n}")),
    };
    FieldChange::from_input(field, &input).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// For random edit sequences (some sharing a timestamp, some invalid and
    /// refused), reconstruction at every revision time — backward from the
    /// current goal and forward from the original — equals the state recorded
    /// then, and the original is recovered before the first revision.
    #[test]
    fn reconstruction_matches_recorded_states(
        steps in prop::collection::vec((prop::collection::vec(op(), 1..3), 0i64..3), 1..25),
    ) {
        let first = Goal::new(simple_draft()).unwrap();
        let who = PersonId::new();
        let mut cur = first.clone();
        let mut revs: Vec<Revision> = Vec::new();
        let mut recorded: Vec<(chrono::DateTime<chrono::Utc>, Goal)> = Vec::new();
        let mut clock = 0i64;
        for (ops, dt) in steps {
            clock += dt; // dt == 0: several edits in the same second
            let changes: Vec<FieldChange> = ops.iter().map(|o| change(&cur, o)).collect();
            if let Ok((next, new_revs)) = revise(&cur, &changes, who, t(clock), "because") {
                cur = next;
                revs.extend(new_revs);
                recorded.push((t(clock), cur.clone()));
            }
        }
        for (at, _) in &recorded {
            // The state at `at` is the one after the last edit made at or before it.
            let want = &recorded.iter().rev().find(|(x, _)| x <= at).unwrap().1;
            prop_assert_eq!(&goal_as_of(&cur, &revs, *at).unwrap(), want);
            prop_assert_eq!(&replay_forward(&first, &revs, *at).unwrap(), want);
        }
        prop_assert_eq!(&original(&cur, &revs).unwrap(), &first);
        prop_assert_eq!(original_target(&cur, &revs).unwrap(), Some(20.0));
        prop_assert_eq!(&goal_as_of(&cur, &revs, t(1_000_000)).unwrap(), &cur);
    }
}
