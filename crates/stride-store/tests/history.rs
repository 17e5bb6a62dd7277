//! Past goals for judging achievability: the owner's, comparable people's and
//! — on the same metric — the organisation's, in that order.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use chrono::Utc;
use common::{d, open_store, seed_org};
use stride_domain::{
    CheckInDraft, Direction, Goal, GoalDraft, OrgUnit, OrgUnitId, OrgUnitKind, Owner, Person,
    PersonId, Role, UnitKind,
};
use stride_store::{PastRelation, SameMetric, Store};

fn past(owner: Owner, metric: &str, unit: &str, direction: Direction, b: f64, t: f64) -> Goal {
    let mut g = GoalDraft::new(
        owner,
        format!("{metric} from {b} to {t}"),
        d(2025, 10, 1),
        d(2025, 12, 31),
    );
    g.metric_name = metric.into();
    g.unit = UnitKind::Duration;
    g.unit_label = unit.into();
    g.direction = direction;
    g.baseline = Some(b);
    g.target = Some(t);
    g.validate().unwrap()
}

async fn reach(store: &Store, goal: &Goal, author: PersonId, value: f64) {
    let mut tx = store.begin_write().await.unwrap();
    tx.add_check_in(
        CheckInDraft {
            goal: goal.id,
            value: Some(value),
            done: false,
            confidence: None,
            note: String::new(),
            blockers: String::new(),
            effective: d(2025, 12, 20),
            author,
        },
        Utc::now(),
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
}

#[tokio::test]
async fn own_then_peers_then_the_organisation_on_the_same_metric() {
    let (_dir, store) = open_store().await;
    let org = seed_org(&store).await;
    // Sofia sells: neither her title nor her unit is Operations'.
    let sales = OrgUnit {
        id: OrgUnitId::new(),
        name: "Sales".into(),
        kind: OrgUnitKind::Department,
        parent: Some(org.company),
        lead: None,
    };
    let sofia = Person {
        id: PersonId::new(),
        name: "Sofia Ghosh".into(),
        email: "sofia@acme.test".into(),
        title: "Sales manager".into(),
        org_unit: sales.id,
        manager: None,
        hire_date: d(2021, 5, 1),
        active: true,
        role: Role::Manager,
    };
    let mut tx = store.begin_write().await.unwrap();
    tx.insert_org_units(std::slice::from_ref(&sales))
        .await
        .unwrap();
    tx.insert_people(std::slice::from_ref(&sofia))
        .await
        .unwrap();
    tx.commit().await.unwrap();

    const METRIC: &str = "average order processing time";
    let omars = past(
        Owner::Person(org.omar),
        METRIC,
        "hours",
        Direction::Decrease,
        50.0,
        40.0,
    );
    // A ceiling with a baseline is a cut like any other; the unit owns it.
    let units = past(
        Owner::Unit(org.ops),
        METRIC,
        "Hours",
        Direction::AtMost,
        72.0,
        48.0,
    );
    let other_metric = past(
        Owner::Person(org.maria),
        "handover time",
        "hours",
        Direction::Decrease,
        30.0,
        20.0,
    );
    let sofias = past(
        Owner::Person(sofia.id),
        "deal cycle time",
        "days",
        Direction::Decrease,
        60.0,
        45.0,
    );
    let other_unit = past(
        Owner::Person(org.maria),
        METRIC,
        "minutes",
        Direction::Decrease,
        90.0,
        60.0,
    );
    let mut tx = store.begin_write().await.unwrap();
    tx.insert_goals(
        &[
            omars.clone(),
            units.clone(),
            other_metric.clone(),
            sofias.clone(),
            other_unit.clone(),
        ],
        None,
        Utc::now(),
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    reach(&store, &omars, org.omar, 42.0).await;
    reach(&store, &units, org.maria, 47.5).await;

    let same = Some(SameMetric {
        metric: "Average Order Processing Time",
        unit: "hours",
    });
    let rows = store
        .past_goals(sofia.id, d(2026, 1, 15), same, 50)
        .await
        .unwrap();
    let got: Vec<_> = rows.iter().map(|r| (r.id, r.relation)).collect();
    // The two on the metric first, then her own.
    assert_eq!(got[2], (sofias.id, PastRelation::Own), "{rows:#?}");
    assert_eq!(
        rows.len(),
        3,
        "her own goal and the two on the metric in hours: {rows:#?}"
    );
    assert!(got.contains(&(omars.id, PastRelation::SameMetric)));
    assert!(got.contains(&(units.id, PastRelation::SameMetric)));
    let unit_row = rows.iter().find(|r| r.id == units.id).unwrap();
    assert_eq!(unit_row.owner, None);
    assert_eq!(unit_row.latest, Some(47.5));
    assert!(!unit_row.own);
    // A ceiling goal compares as a cut: 72 → 47.5 reached 34 %.
    let r = unit_row.to_past_result();
    assert!(!r.increase);

    // Without the metric, only her own and comparable people's goals count.
    let rows = store
        .past_goals(sofia.id, d(2026, 1, 15), None, 50)
        .await
        .unwrap();
    assert_eq!(
        rows.iter().map(|r| r.id).collect::<Vec<_>>(),
        vec![sofias.id]
    );

    // Omar's peers (same unit) come before the organisation, and nothing twice.
    let rows = store
        .past_goals(org.omar, d(2026, 1, 15), same, 50)
        .await
        .unwrap();
    // The metric's goals in hours first (his own, then the unit's), then the
    // rest by relation.
    let rel: Vec<_> = rows
        .iter()
        .map(|r| {
            (
                r.metric != METRIC || !r.unit.eq_ignore_ascii_case("hours"),
                r.relation,
            )
        })
        .collect();
    assert_eq!(rel[0], (false, PastRelation::Own));
    assert!(rel.windows(2).all(|w| w[0] <= w[1]), "{rel:?}");
    let mut ids: Vec<_> = rows.iter().map(|r| r.id).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), rows.len(), "no goal twice: {rows:#?}");
    // Maria's goals are peers' (same unit); the unit's goal is the organisation's.
    assert_eq!(
        rows.iter()
            .find(|r| r.id == other_metric.id)
            .unwrap()
            .relation,
        PastRelation::Peer
    );
    assert_eq!(
        rows.iter().find(|r| r.id == units.id).unwrap().relation,
        PastRelation::SameMetric
    );

    // Same-metric goals come first, so a limit cannot crowd them out.
    let rows = store
        .past_goals(org.omar, d(2026, 1, 15), same, 2)
        .await
        .unwrap();
    let mut ids: Vec<_> = rows.iter().map(|r| r.id).collect();
    ids.sort();
    let mut want = vec![omars.id, units.id];
    want.sort();
    assert_eq!(ids, want, "{rows:#?}");

    // Not yet due and still open: not history.
    let rows = store
        .past_goals(sofia.id, d(2025, 11, 1), same, 50)
        .await
        .unwrap();
    assert!(rows.is_empty(), "{rows:#?}");
}
