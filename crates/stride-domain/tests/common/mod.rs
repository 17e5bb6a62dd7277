//! Shared builders for the integration tests: dates and the seed article's
//! three department goals.
#![allow(dead_code)]

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use stride_domain::*;

pub fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

pub fn t(secs: i64) -> DateTime<Utc> {
    Utc.timestamp_opt(1_780_000_000 + secs, 0).unwrap()
}

/// A valid increase goal 10 → 20 over 2026-01-01..=2026-03-31.
pub fn simple_draft() -> GoalDraft {
    let mut g = GoalDraft::new(
        Owner::Person(PersonId::new()),
        "Grow the thing",
        d(2026, 1, 1),
        d(2026, 3, 31),
    );
    g.metric_name = "things".into();
    g.baseline = Some(10.0);
    g.target = Some(20.0);
    g
}

/// Sales: "Increase qualified pipeline revenue by 25% in Q3 2026 by making 20
/// outbound calls per day and logging all activity inside the CRM", with
/// weekly checkpoint reviews. Baseline: a Q2 pipeline of 2.0 M USD.
pub fn sales_goal() -> Goal {
    let (start, due) = stride_domain::quarter_bounds(2026, 3).unwrap();
    let mut g = GoalDraft::new(
        Owner::Unit(OrgUnitId::new()),
        "Qualified pipeline +25 % in Q3 2026",
        start,
        due,
    );
    g.statement = "Increase qualified pipeline revenue by 25% in Q3 2026 by making 20 outbound calls per day and logging all activity inside the CRM.".into();
    g.method = "20 outbound calls per day; all activity logged in the CRM".into();
    g.metric_name = "qualified pipeline revenue".into();
    g.unit = UnitKind::Currency;
    g.unit_label = "USD".into();
    g.baseline = Some(2_000_000.0);
    g.target = Some(2_500_000.0);
    g.cadence = Cadence::Weekly;
    // Weekly checkpoint reviews on a linear path.
    let span = (due - start).num_days() as f64;
    g.checkpoints = (1..=13)
        .map(|w| start + chrono::Days::new(7 * w))
        .filter(|date| *date <= due)
        .map(|date| {
            let f = (date - start).num_days() as f64 / span;
            Checkpoint {
                date,
                expected: 2_000_000.0 + 500_000.0 * f,
                label: format!("week {} review", (date - start).num_days() / 7),
            }
        })
        .collect();
    Goal::new(g).unwrap()
}

/// The sales goal's leading indicator: at least 20 outbound calls per day.
pub fn sales_calls_goal() -> Goal {
    let (start, due) = stride_domain::quarter_bounds(2026, 3).unwrap();
    let mut g = GoalDraft::new(
        Owner::Person(PersonId::new()),
        "20 outbound calls per day",
        start,
        due,
    );
    g.category = Category::Activity;
    g.metric_name = "outbound calls per day".into();
    g.unit = UnitKind::Count;
    g.unit_label = "calls".into();
    g.direction = Direction::AtLeast;
    g.baseline = Some(12.0);
    g.target = Some(20.0);
    Goal::new(g).unwrap()
}

/// HR: "Improve employee engagement scores from 67% to 75% by Q4 2026 through
/// structured bi-weekly feedback sessions and a revised recognition program",
/// with a mid-year progress review.
pub fn hr_goal() -> Goal {
    let mut g = GoalDraft::new(
        Owner::Unit(OrgUnitId::new()),
        "Engagement 67 % → 75 % by Q4 2026",
        d(2026, 1, 1),
        d(2026, 12, 31),
    );
    g.statement = "Improve employee engagement scores from 67% to 75% by Q4 2026 through structured bi-weekly feedback sessions and a revised recognition program.".into();
    g.method = "bi-weekly feedback sessions; revised recognition program".into();
    g.metric_name = "employee engagement score".into();
    g.unit = UnitKind::Percent;
    g.unit_label = "%".into();
    g.baseline = Some(67.0);
    g.target = Some(75.0);
    g.cadence = Cadence::Biweekly;
    g.checkpoints = vec![Checkpoint {
        date: d(2026, 6, 30),
        expected: 71.0,
        label: "mid-year review".into(),
    }];
    Goal::new(g).unwrap()
}

/// Operations: "Reduce average order processing time from 48 hours to 32
/// hours by Q2 2026 by implementing automated workflow routing and
/// eliminating manual approval bottlenecks", with a six-week review
/// (expected 42 h: the routing lands in the second half).
pub fn ops_goal() -> Goal {
    let mut g = GoalDraft::new(
        Owner::Unit(OrgUnitId::new()),
        "Order processing 48 h → 32 h by Q2 2026",
        d(2026, 4, 1),
        d(2026, 6, 30),
    );
    g.statement = "Reduce average order processing time from 48 hours to 32 hours by Q2 2026 by implementing automated workflow routing and eliminating manual approval bottlenecks.".into();
    g.method = "automated workflow routing; remove manual approval bottlenecks".into();
    g.metric_name = "average order processing time".into();
    g.unit = UnitKind::Duration;
    g.unit_label = "hours".into();
    g.direction = Direction::Decrease;
    g.baseline = Some(48.0);
    g.target = Some(32.0);
    g.checkpoints = vec![Checkpoint {
        date: d(2026, 5, 13), // six weeks after 1 April
        expected: 42.0,
        label: "six-week review".into(),
    }];
    Goal::new(g).unwrap()
}
