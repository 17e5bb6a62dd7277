//! Check-ins and the current-value derivation.
#![allow(clippy::unwrap_used)] // test helpers outside #[test] fns unwrap too

mod common;

use common::*;
use proptest::prelude::*;
use stride_domain::*;

fn draft(goal: &Goal, value: Option<f64>, day: u32) -> CheckInDraft {
    CheckInDraft {
        goal: goal.id,
        value,
        done: false,
        confidence: Some(7),
        note: String::new(),
        blockers: String::new(),
        effective: d(2026, 5, day),
        author: PersonId::new(),
    }
}

#[test]
fn validation() {
    let g = ops_goal();
    let ok = CheckIn::new(draft(&g, Some(40.0), 1), &g, t(0)).unwrap();
    assert_eq!(ok.confidence.map(Confidence::get), Some(7));
    assert_eq!(ok.observed(), Some(40.0));

    let mut bad = draft(&g, Some(40.0), 1);
    bad.confidence = Some(11);
    assert_eq!(
        CheckIn::new(bad, &g, t(0)).unwrap_err().code(),
        "confidence_out_of_range"
    );
    assert_eq!(
        CheckIn::new(draft(&g, Some(f64::NAN), 1), &g, t(0))
            .unwrap_err()
            .code(),
        "not_finite"
    );
    assert_eq!(
        CheckIn::new(draft(&g, None, 1), &g, t(0))
            .unwrap_err()
            .code(),
        "missing_check_in_value"
    );
    let mut done = draft(&g, Some(40.0), 1);
    done.done = true;
    assert_eq!(CheckIn::new(done, &g, t(0)).unwrap_err().code(), "invalid");
    let other = hr_goal();
    assert_eq!(
        CheckIn::new(draft(&other, Some(70.0), 1), &g, t(0))
            .unwrap_err()
            .code(),
        "wrong_goal"
    );

    // A KPI-tracked goal accepts a notes-only check-in.
    let mut tracked = ops_goal().into_draft();
    tracked.kpi = Some(KpiId::new());
    let tracked = Goal::new(tracked).unwrap();
    let note_only = CheckIn::new(draft(&tracked, None, 1), &tracked, t(0)).unwrap();
    assert_eq!(note_only.observed(), None);
}

#[test]
fn binary_goals() {
    let mut g = simple_draft();
    g.direction = Direction::Done;
    g.unit = UnitKind::Binary;
    g.baseline = None;
    g.target = None;
    let g = Goal::new(g).unwrap();
    let mut c = draft(&g, None, 1);
    c.done = true;
    let c = CheckIn::new(c, &g, t(0)).unwrap();
    assert_eq!(c.observed(), Some(1.0));
    assert_eq!(g.progress(c.observed()), 1.0);
    assert_eq!(
        CheckIn::new(draft(&g, Some(0.5), 1), &g, t(0))
            .unwrap_err()
            .code(),
        "not_binary"
    );
    let not_yet = CheckIn::new(draft(&g, Some(0.0), 1), &g, t(0)).unwrap();
    assert_eq!(g.progress(not_yet.observed()), 0.0);
}

#[test]
fn latest_by_effective_date_then_created_at_and_as_of() {
    let g = ops_goal();
    let a = CheckIn::new(draft(&g, Some(44.0), 10), &g, t(100)).unwrap();
    let b = CheckIn::new(draft(&g, Some(46.0), 12), &g, t(50)).unwrap(); // later date, recorded earlier
    let c = CheckIn::new(draft(&g, Some(40.0), 12), &g, t(200)).unwrap(); // same date, a correction
    let note = {
        let mut n = c.clone();
        n.id = CheckInId::new();
        n.value = None;
        n.effective = d(2026, 5, 20);
        n
    };
    let all = [a.clone(), b, c.clone(), note];
    let cur = current_from_check_ins(&all, None).unwrap();
    assert_eq!(cur.value, 40.0);
    assert_eq!(cur.source, ValueSource::CheckIn { id: c.id });
    assert_eq!(
        current_from_check_ins(&all, Some(d(2026, 5, 11)))
            .unwrap()
            .value,
        44.0
    );
    assert_eq!(current_from_check_ins(&all, Some(d(2026, 5, 1))), None);
    assert_eq!(current_value(&g, &all, &[], None).unwrap().value, 40.0);
    // Check-ins of other goals are ignored.
    let mut foreign = a;
    foreign.goal = GoalId::new();
    foreign.effective = d(2026, 6, 1);
    assert_eq!(current_value(&g, &[foreign], &[], None), None);
}

#[test]
fn kpi_tracked_goal_reads_the_latest_data_point() {
    let kpi = Kpi::new(
        "ops.order_processing_hours",
        "Order processing time",
        UnitKind::Duration,
        "hours",
        Direction::Decrease,
        PeriodKind::Week,
    )
    .unwrap();
    let mut g = ops_goal().into_draft();
    g.kpi = Some(kpi.id);
    let g = Goal::new(g).unwrap();
    let p1 = DataPoint::new(&kpi, d(2026, 4, 6), 45.0, t(0)).unwrap();
    let p2 = DataPoint::new(&kpi, d(2026, 4, 13), 40.0, t(1)).unwrap();
    let other = Kpi::new(
        "x",
        "Other",
        UnitKind::Number,
        "",
        Direction::Increase,
        PeriodKind::Week,
    )
    .unwrap();
    let p3 = DataPoint::new(&other, d(2026, 4, 20), 1.0, t(2)).unwrap();
    let check = CheckIn::new(draft(&g, None, 1), &g, t(0)).unwrap();
    let cur = current_value(&g, &[check], &[p2.clone(), p3, p1], None).unwrap();
    assert_eq!(cur.value, 40.0);
    assert_eq!(cur.date, d(2026, 4, 13));
    assert_eq!(cur.source, ValueSource::Kpi { kpi: kpi.id });
    assert_eq!(g.progress(Some(cur.value)), 0.5);
    // Before any data point: falls back to check-ins (none with a value here).
    assert_eq!(current_value(&g, &[], &[p2], Some(d(2026, 4, 12))), None);
}

proptest! {
    /// The derived current value ignores insertion order.
    #[test]
    fn derivation_ignores_insertion_order(
        raw in prop::collection::vec((0i64..30, 0i64..5, prop::option::of(0.0f64..100.0)), 1..20)
            .prop_flat_map(|v| (Just(v.clone()), Just(v).prop_shuffle())),
        as_of in prop::option::of(0i64..30),
    ) {
        let (ordered, shuffled) = raw;
        let g = ops_goal();
        let ids: Vec<CheckInId> = (0..ordered.len()).map(|_| CheckInId::new()).collect();
        let make = |list: &[(i64, i64, Option<f64>)]| -> Vec<CheckIn> {
            list.iter()
                .map(|&(day, secs, value)| {
                    // identify each tuple by its position in `ordered`
                    let i = ordered.iter().position(|x| *x == (day, secs, value)).unwrap();
                    CheckIn {
                        id: ids[i],
                        goal: g.id,
                        value,
                        done: false,
                        confidence: None,
                        note: String::new(),
                        blockers: String::new(),
                        effective: d(2026, 4, 1) + chrono::TimeDelta::days(day),
                        author: PersonId::from_uuid(uuid::Uuid::nil()),
                        created_at: t(secs),
                    }
                })
                .collect()
        };
        let a = make(&ordered);
        let b = make(&shuffled);
        let as_of = as_of.map(|n| d(2026, 4, 1) + chrono::TimeDelta::days(n));
        prop_assert_eq!(current_from_check_ins(&a, as_of), current_from_check_ins(&b, as_of));
        // And it is the maximum by (effective, created_at, id) among valued ones.
        let want = a.iter()
            .filter(|c| c.value.is_some() && as_of.is_none_or(|x| c.effective <= x))
            .max_by_key(|c| (c.effective, c.created_at, c.id))
            .map(|c| c.value.unwrap());
        prop_assert_eq!(current_from_check_ins(&a, as_of).map(|v| v.value), want);
    }
}
