//! The SQL evaluation (used by lists and dashboards) must agree with the
//! domain's Rust functions goal by goal: current value, progress, expected
//! progress and status, for every direction, with checkpoints, KPIs, states
//! and dates before, during and after each goal.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly on purpose

use chrono::{Days, NaiveDate, TimeZone, Utc};
use stride_domain::{
    CheckIn, CheckInDraft, Checkpoint, DataPoint, Direction, Goal, GoalDraft, GoalState, Kpi,
    OrgUnit, OrgUnitId, OrgUnitKind, Owner, PeriodKind, StatusThresholds, UnitKind,
};
use stride_store::{GoalScope, Store};

/// A small deterministic generator (splitmix64).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn f(&mut self, lo: f64, hi: f64) -> f64 {
        #[allow(clippy::cast_precision_loss)]
        let u = (self.next() >> 11) as f64 / (1u64 << 53) as f64;
        // Round to quarters so equalities (met exactly, on a band edge) happen.
        ((lo + (hi - lo) * u) * 4.0).round() / 4.0
    }
}

fn day(base: NaiveDate, n: u64) -> NaiveDate {
    base.checked_add_days(Days::new(n)).unwrap()
}

fn random_goal(rng: &mut Rng, unit: OrgUnitId, kpi: Option<&Kpi>) -> Goal {
    let base = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
    loop {
        let start = day(base, rng.below(200));
        let due = day(start, rng.below(120));
        let mut g = GoalDraft::new(Owner::Unit(unit), "parity", start, due);
        let direction = [
            Direction::Increase,
            Direction::Decrease,
            Direction::AtLeast,
            Direction::AtMost,
            Direction::WithinBand,
            Direction::Done,
        ][usize::try_from(rng.below(6)).unwrap()];
        g.direction = direction;
        match direction {
            Direction::Done => g.unit = UnitKind::Binary,
            Direction::WithinBand => {
                g.baseline = Some(rng.f(0.0, 100.0));
                let low = rng.f(0.0, 100.0);
                g.band_low = Some(low);
                g.band_high = Some(low + rng.f(0.0, 20.0));
            }
            _ => {
                g.baseline = Some(rng.f(0.0, 100.0));
                g.target = Some(rng.f(0.0, 100.0));
            }
        }
        if direction != Direction::Done && rng.below(2) == 0 {
            let n = rng.below(3);
            for _ in 0..n {
                let span = (due - start).num_days().max(0) as u64;
                g.checkpoints.push(Checkpoint {
                    date: day(start, rng.below(span + 1)),
                    expected: rng.f(-10.0, 110.0),
                    label: String::new(),
                });
            }
            g.checkpoints.sort_by_key(|c| c.date);
            g.checkpoints.dedup_by_key(|c| c.date);
        }
        g.state = match rng.below(10) {
            0 => GoalState::Completed,
            1 => GoalState::Missed,
            2 => GoalState::Draft,
            3 => GoalState::Cancelled,
            _ => GoalState::Active,
        };
        if let Some(k) = kpi {
            if direction != Direction::Done && rng.below(5) == 0 {
                g.kpi = Some(k.id);
            }
        }
        if let Ok(goal) = Goal::new(g) {
            return goal;
        }
    }
}

#[tokio::test]
async fn sql_evaluation_matches_the_domain_goal_by_goal() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("parity.db")).await.unwrap();
    let unit = OrgUnit {
        id: OrgUnitId::new(),
        name: "Parity Inc".into(),
        kind: OrgUnitKind::Company,
        parent: None,
        lead: None,
    };
    let person = stride_domain::Person {
        id: stride_domain::PersonId::new(),
        name: "Checker".into(),
        email: "checker@parity.test".into(),
        title: String::new(),
        org_unit: unit.id,
        manager: None,
        hire_date: NaiveDate::from_ymd_opt(2020, 1, 1).unwrap(),
        active: true,
        role: stride_domain::Role::Employee,
    };
    let kpi = Kpi::new(
        "parity.metric",
        "Parity metric",
        UnitKind::Number,
        "",
        Direction::Increase,
        PeriodKind::Week,
    )
    .unwrap();
    let mut rng = Rng(20_261_127);
    let created = Utc.with_ymd_and_hms(2026, 1, 1, 8, 0, 0).unwrap();

    let goals: Vec<Goal> = (0..400)
        .map(|_| random_goal(&mut rng, unit.id, Some(&kpi)))
        .collect();
    let mut check_ins: Vec<CheckIn> = Vec::new();
    for g in &goals {
        for i in 0..rng.below(5) {
            let span = (g.due - g.start).num_days().max(0) as u64;
            let effective = day(g.start, rng.below(span + 30));
            let done_goal = g.direction == Direction::Done;
            let draft = CheckInDraft {
                goal: g.id,
                value: if done_goal {
                    None
                } else if rng.below(3) == 0 {
                    // Exactly on an edge: met-or-not comparisons must agree.
                    [g.baseline, g.target, g.band_low, g.band_high]
                        [usize::try_from(rng.below(4)).unwrap()]
                    .or(Some(50.0))
                } else {
                    Some(rng.f(-10.0, 110.0))
                },
                done: done_goal && rng.below(2) == 0,
                confidence: Some(i64::try_from(rng.below(11)).unwrap()),
                note: String::new(),
                blockers: String::new(),
                effective,
                author: person.id,
            };
            let at = created + chrono::Duration::minutes(i64::try_from(i).unwrap());
            if let Ok(c) = CheckIn::new(draft, g, at) {
                check_ins.push(c);
            }
        }
    }
    let monday = NaiveDate::from_ymd_opt(2026, 1, 5).unwrap();
    let points: Vec<DataPoint> = (0..30)
        .map(|w| DataPoint::new(&kpi, day(monday, 7 * w), rng.f(0.0, 100.0), created).unwrap())
        .collect();

    let mut tx = store.begin_write().await.unwrap();
    tx.insert_org_units(std::slice::from_ref(&unit))
        .await
        .unwrap();
    tx.insert_people(std::slice::from_ref(&person))
        .await
        .unwrap();
    tx.insert_kpi(&kpi).await.unwrap();
    tx.upsert_data_points(&points).await.unwrap();
    tx.insert_goals(&goals, None, created).await.unwrap();
    tx.insert_check_ins(&check_ins).await.unwrap();
    tx.commit().await.unwrap();

    let thresholds = StatusThresholds::default();
    let mut compared = 0;
    for as_of in [
        NaiveDate::from_ymd_opt(2025, 12, 1).unwrap(),
        NaiveDate::from_ymd_opt(2026, 3, 15).unwrap(),
        NaiveDate::from_ymd_opt(2026, 6, 30).unwrap(),
        NaiveDate::from_ymd_opt(2026, 9, 1).unwrap(),
        NaiveDate::from_ymd_opt(2027, 2, 1).unwrap(),
    ] {
        let sql = store
            .goal_summaries(GoalScope::All, None, as_of, &thresholds, u32::MAX, 0)
            .await
            .unwrap();
        assert_eq!(sql.len(), goals.len());
        for s in sql {
            let goal = goals.iter().find(|g| g.id == s.id).unwrap();
            let current = stride_domain::current_value(goal, &check_ins, &points, Some(as_of))
                .map(|c| c.value);
            let rust = stride_domain::evaluate(goal, current, as_of, &thresholds);
            let ctx = format!("goal {:?} as of {as_of}: sql {s:?}", goal.as_draft());
            assert_eq!(s.current, rust.current, "current, {ctx}");
            assert!(
                (s.progress - rust.progress).abs() < 1e-12,
                "progress {} vs {}, {ctx}",
                s.progress,
                rust.progress
            );
            assert!(
                (s.expected_progress - rust.expected_progress).abs() < 1e-12,
                "expected {} vs {}, {ctx}",
                s.expected_progress,
                rust.expected_progress
            );
            assert_eq!(s.status, rust.status, "status, {ctx}");
            compared += 1;
        }
    }
    assert_eq!(compared, 2000);
}
