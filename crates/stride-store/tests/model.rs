//! The goal model written and read back through the one write path, on a
//! real temp-file SQLite database.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly on purpose

mod common;

use chrono::{TimeZone, Utc};
use common::{company_goal, d, now, open_store, operations_goal, seed_org};
use stride_domain::{
    AlignmentEdge, CheckInDraft, Cycle, CycleState, DataPoint, Direction, FieldChange, GoalField,
    Kpi, OrgUnitId, PeriodKind, Person, PersonId, Role, UnitKind,
};
use stride_store::StoreError;

#[tokio::test]
async fn a_goal_round_trips_with_its_checkpoints() {
    let (_dir, store) = open_store().await;
    let org = seed_org(&store).await;
    let goal = operations_goal(org.omar);
    let mut tx = store.begin_write().await.unwrap();
    tx.insert_goals(std::slice::from_ref(&goal), Some(org.maria), now())
        .await
        .unwrap();
    tx.commit().await.unwrap();

    let back = store.goal(goal.id).await.unwrap();
    assert_eq!(back, goal);
    assert_eq!(store.counts().await.unwrap().goals, 1);
    assert_eq!(store.counts().await.unwrap().people, 2);
}

#[tokio::test]
async fn check_in_of_40_hours_is_half_way_and_append_only() {
    let (_dir, store) = open_store().await;
    let org = seed_org(&store).await;
    let goal = operations_goal(org.omar);
    let mut tx = store.begin_write().await.unwrap();
    tx.insert_goals(std::slice::from_ref(&goal), None, now())
        .await
        .unwrap();
    let check_in = tx
        .add_check_in(
            CheckInDraft {
                goal: goal.id,
                value: Some(40.0),
                done: false,
                confidence: Some(7),
                note: "routing rules live for two regions".into(),
                blockers: String::new(),
                effective: d(2026, 5, 20),
                author: org.omar,
            },
            now(),
        )
        .await
        .unwrap();
    tx.commit().await.unwrap();

    let check_ins = store.check_ins(goal.id).await.unwrap();
    assert_eq!(check_ins, vec![check_in]);
    let current = stride_domain::current_value(&goal, &check_ins, &[], None).unwrap();
    assert_eq!(current.value, 40.0);
    assert_eq!(goal.progress(Some(current.value)), 0.5);

    // Check-ins are append-only in the database itself, whoever writes.
    let raw = sqlx::SqlitePool::connect_with(
        sqlx::sqlite::SqliteConnectOptions::new().filename(store.path()),
    )
    .await
    .unwrap();
    let err = sqlx::query("UPDATE checkins SET value = 1")
        .execute(&raw)
        .await
        .unwrap_err();
    assert!(err.to_string().contains("append-only"), "{err}");
}

#[tokio::test]
async fn bad_check_ins_name_the_field_and_write_nothing() {
    let (_dir, store) = open_store().await;
    let org = seed_org(&store).await;
    let goal = operations_goal(org.omar);
    let mut tx = store.begin_write().await.unwrap();
    tx.insert_goals(std::slice::from_ref(&goal), None, now())
        .await
        .unwrap();
    tx.commit().await.unwrap();

    let draft = CheckInDraft {
        goal: goal.id,
        value: Some(40.0),
        done: false,
        confidence: Some(11),
        note: String::new(),
        blockers: String::new(),
        effective: d(2026, 5, 20),
        author: org.omar,
    };
    let mut tx = store.begin_write().await.unwrap();
    let err = tx.add_check_in(draft.clone(), now()).await.unwrap_err();
    assert!(
        matches!(&err, StoreError::Invalid { field: Some(f), .. } if f == "confidence"),
        "{err}"
    );
    drop(tx);

    let mut tx = store.begin_write().await.unwrap();
    let missing = CheckInDraft {
        goal: stride_domain::GoalId::new(),
        confidence: Some(5),
        ..draft
    };
    let err = tx.add_check_in(missing, now()).await.unwrap_err();
    assert!(matches!(err, StoreError::NotFound { .. }), "{err}");
    drop(tx);
    assert!(store.check_ins(goal.id).await.unwrap().is_empty());
}

#[tokio::test]
async fn alignment_cycles_are_refused_with_the_path() {
    let (_dir, store) = open_store().await;
    let org = seed_org(&store).await;
    let top = company_goal(org.company);
    let ops = operations_goal(org.omar);
    let mut tx = store.begin_write().await.unwrap();
    tx.insert_goals(&[top.clone(), ops.clone()], None, now())
        .await
        .unwrap();
    tx.align(AlignmentEdge {
        child: ops.id,
        parent: top.id,
        weight: 2.0,
    })
    .await
    .unwrap();
    tx.commit().await.unwrap();
    assert_eq!(store.parents(ops.id).await.unwrap(), vec![(top.id, 2.0)]);
    assert_eq!(store.children(top.id).await.unwrap(), vec![(ops.id, 2.0)]);

    let mut tx = store.begin_write().await.unwrap();
    let err = tx
        .align(AlignmentEdge {
            child: top.id,
            parent: ops.id,
            weight: 1.0,
        })
        .await
        .unwrap_err();
    assert!(
        matches!(&err, StoreError::Conflict(m) if m.contains("cycle")),
        "{err}"
    );
    let err = tx
        .align(AlignmentEdge {
            child: top.id,
            parent: top.id,
            weight: 1.0,
        })
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::Invalid { .. }), "{err}");
    let err = tx
        .align(AlignmentEdge {
            child: top.id,
            parent: stride_domain::GoalId::new(),
            weight: 1.0,
        })
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::NotFound { .. }), "{err}");
}

#[tokio::test]
async fn a_revised_target_keeps_the_original_in_history() {
    let (_dir, store) = open_store().await;
    let org = seed_org(&store).await;
    let goal = operations_goal(org.omar);
    let mut tx = store.begin_write().await.unwrap();
    tx.insert_goals(std::slice::from_ref(&goal), None, now())
        .await
        .unwrap();
    tx.commit().await.unwrap();

    let later = Utc.with_ymd_and_hms(2026, 5, 12, 14, 0, 0).unwrap();
    let mut tx = store.begin_write().await.unwrap();
    let (revised, revs) = tx
        .revise_goal(
            goal.id,
            &[FieldChange::from_input(GoalField::Target, "30").unwrap()],
            org.maria,
            "market shift",
            later,
        )
        .await
        .unwrap();
    tx.commit().await.unwrap();
    assert_eq!(revised.target, Some(30.0));
    assert_eq!(revs.len(), 1);

    let stored = store.goal(goal.id).await.unwrap();
    assert_eq!(stored.target, Some(30.0));
    let history = store.revisions(goal.id).await.unwrap();
    assert_eq!(history, revs);
    assert_eq!(
        stride_domain::original_target(&stored, &history).unwrap(),
        Some(32.0)
    );
    let before = stride_domain::goal_as_of(&stored, &history, now()).unwrap();
    assert_eq!(before, goal);

    // A revision without a reason is refused and changes nothing.
    let mut tx = store.begin_write().await.unwrap();
    let err = tx
        .revise_goal(
            goal.id,
            &[FieldChange::from_input(GoalField::Target, "28").unwrap()],
            org.maria,
            " ",
            later,
        )
        .await
        .unwrap_err();
    assert!(
        matches!(&err, StoreError::Invalid { field: Some(f), .. } if f == "reason"),
        "{err}"
    );
    drop(tx);
    assert_eq!(store.goal(goal.id).await.unwrap().target, Some(30.0));
}

#[tokio::test]
async fn one_data_point_per_kpi_and_period() {
    let (_dir, store) = open_store().await;
    let kpi = Kpi::new(
        "ops.order_hours",
        "Order processing time",
        UnitKind::Duration,
        "hours",
        Direction::Decrease,
        PeriodKind::Week,
    )
    .unwrap();
    let monday = d(2026, 4, 6);
    let first = DataPoint::new(&kpi, monday, 47.0, now()).unwrap();
    let again = DataPoint::new(&kpi, monday, 46.5, now()).unwrap();
    let mut tx = store.begin_write().await.unwrap();
    tx.insert_kpi(&kpi).await.unwrap();
    tx.upsert_data_points(&[first]).await.unwrap();
    tx.upsert_data_points(&[again]).await.unwrap();
    tx.commit().await.unwrap();
    let points = store.kpi_points(kpi.id).await.unwrap();
    assert_eq!(points.len(), 1);
    assert_eq!(points[0].value, 46.5);
    let all = store.kpis_with_series().await.unwrap();
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].kpi, kpi);
    assert_eq!(all[0].points, points);
    assert_eq!(all[0].tracked_by, 0);

    let mut tx = store.begin_write().await.unwrap();
    let err = tx.insert_kpi(&kpi).await.unwrap_err();
    assert!(matches!(err, StoreError::Conflict(_)), "{err}");
}

#[tokio::test]
async fn people_with_the_same_email_conflict() {
    let (_dir, store) = open_store().await;
    let org = seed_org(&store).await;
    let mut tx = store.begin_write().await.unwrap();
    let unit: OrgUnitId = sqlx::query_scalar("SELECT id FROM org_units WHERE kind = 'department'")
        .fetch_one(store.reader())
        .await
        .unwrap();
    let twin = Person {
        id: PersonId::new(),
        name: "Maria L.".into(),
        email: "MARIA@acme.test".into(),
        title: String::new(),
        org_unit: unit,
        manager: None,
        hire_date: d(2021, 1, 1),
        active: true,
        role: Role::Employee,
    };
    let err = tx.insert_people(&[twin]).await.unwrap_err();
    assert!(
        matches!(&err, StoreError::Conflict(m) if m.contains("email")),
        "{err}"
    );
    let _ = org;
}

#[tokio::test]
async fn cycles_are_unique_by_name() {
    let (_dir, store) = open_store().await;
    let q3 = Cycle::quarter(2026, 3, CycleState::Active).unwrap();
    let mut tx = store.begin_write().await.unwrap();
    tx.insert_cycle(&q3).await.unwrap();
    let again = Cycle::quarter(2026, 3, CycleState::Planning).unwrap();
    let err = tx.insert_cycle(&again).await.unwrap_err();
    assert!(
        matches!(&err, StoreError::Conflict(m) if m.contains("Q3 2026")),
        "{err}"
    );
}
