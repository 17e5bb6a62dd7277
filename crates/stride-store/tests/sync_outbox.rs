//! The outbox is written in the same transaction as each synced domain write
//! (both commit or neither does), carries per-field `base_hlc`, and the sync
//! engine's steps (ack, reject, apply a pulled page, re-apply pending ops)
//! behave as the design says.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::collections::BTreeMap;

use chrono::Utc;
use common::{d, now, open_store, operations_goal, seed_org, Org};
use serde_json::json;
use stride_domain::{AlignmentEdge, CheckInDraft, FieldChange, GoalField, GoalId, PersonId};
use stride_protocol::{alignment_id, Access, Change, DeviceId, EntityKind, Hlc, OpKind, Revoke};
use stride_store::{Store, SyncIdentity};
use uuid::Uuid;

async fn enable(store: &Store, me: PersonId) {
    let mut tx = store.begin_write().await.unwrap();
    tx.enable_sync(
        &SyncIdentity {
            device_id: DeviceId::new(),
            server_url: "http://127.0.0.1:1".into(),
            user_id: me,
            email: "omar@acme.test".into(),
        },
        now(),
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
}

fn draft(goal: GoalId, author: PersonId, value: f64) -> CheckInDraft {
    CheckInDraft {
        goal,
        value: Some(value),
        done: false,
        confidence: Some(6),
        note: "on the way".into(),
        blockers: String::new(),
        effective: d(2026, 4, 20),
        author,
    }
}

async fn synced_store() -> (tempfile::TempDir, Store, Org) {
    let (dir, store) = open_store().await;
    let org = seed_org(&store).await;
    enable(&store, org.omar).await;
    (dir, store, org)
}

#[tokio::test]
async fn without_sync_no_write_records_an_op() {
    let (_dir, store) = open_store().await;
    let org = seed_org(&store).await;
    let goal = operations_goal(org.omar);
    let mut tx = store.begin_write().await.unwrap();
    tx.insert_goals(std::slice::from_ref(&goal), None, now())
        .await
        .unwrap();
    tx.add_check_in(draft(goal.id, org.omar, 44.0), now())
        .await
        .unwrap();
    tx.commit().await.unwrap();
    assert!(store.sync_state().await.unwrap().is_none());
    assert!(store.outbox(100).await.unwrap().is_empty());
    assert_eq!(
        store.schema_version().await.unwrap(),
        stride_store::SCHEMA_VERSION
    );
}

#[tokio::test]
async fn a_goal_and_its_check_in_commit_with_their_ops_in_order() {
    let (_dir, store, org) = synced_store().await;
    let goal = operations_goal(org.omar);
    let mut tx = store.begin_write().await.unwrap();
    tx.insert_goals(std::slice::from_ref(&goal), Some(org.omar), now())
        .await
        .unwrap();
    let ci = tx
        .add_check_in(draft(goal.id, org.omar, 44.0), now())
        .await
        .unwrap();
    tx.commit().await.unwrap();

    let ops = store.outbox(100).await.unwrap();
    assert_eq!(ops.len(), 2);
    let (g, c) = (&ops[0], &ops[1]);
    assert_eq!(
        (g.entity, g.kind, g.device_seq),
        (EntityKind::Goal, OpKind::Create, 1)
    );
    assert_eq!(g.entity_id, goal.id.as_uuid());
    assert_eq!(g.fields["title"].value, json!(goal.title));
    assert_eq!(g.fields["target"].value, json!(32.0));
    assert_eq!(
        g.fields["owner_person_id"].value,
        json!(org.omar.to_string())
    );
    assert_eq!(
        g.fields["checkpoints"].value,
        json!([{"date": "2026-05-13", "expected_value": 42.0, "label": "six-week review"}])
    );
    assert!(
        g.fields.values().all(|f| f.base_hlc.is_none()),
        "never synced"
    );
    assert!(!g.fields.contains_key("created_by"), "the server sets it");
    assert_eq!(
        (c.entity, c.kind, c.device_seq),
        (EntityKind::CheckIn, OpKind::Create, 2)
    );
    assert_eq!(c.entity_id, ci.id.as_uuid());
    assert_eq!(c.fields["value"].value, json!(44.0));
    assert_eq!(c.fields["done"].value, json!(false));
    assert_eq!(c.fields["goal_id"].value, json!(goal.id.to_string()));
    assert!(c.hlc > g.hlc, "clocks increase along the outbox");
    let state = store.sync_state().await.unwrap().unwrap();
    assert_eq!(state.next_seq, 3);
    assert_eq!(
        state.hlc, c.hlc,
        "the persisted clock is the last one issued"
    );
}

#[tokio::test]
async fn a_rolled_back_write_leaves_neither_row_nor_op() {
    let (_dir, store, org) = synced_store().await;
    let goal = operations_goal(org.omar);
    {
        let mut tx = store.begin_write().await.unwrap();
        tx.insert_goals(std::slice::from_ref(&goal), None, now())
            .await
            .unwrap();
        tx.add_check_in(draft(goal.id, org.omar, 44.0), now())
            .await
            .unwrap();
        // dropped without commit
    }
    assert!(store.goal(goal.id).await.is_err());
    assert!(store.outbox(100).await.unwrap().is_empty());
    assert_eq!(store.sync_state().await.unwrap().unwrap().next_seq, 1);

    // A write that fails part-way (a check-in on a missing goal) and is then
    // abandoned takes the goal's op with it too.
    let mut tx = store.begin_write().await.unwrap();
    tx.insert_goals(std::slice::from_ref(&goal), None, now())
        .await
        .unwrap();
    assert!(tx
        .add_check_in(draft(GoalId::new(), org.omar, 1.0), now())
        .await
        .is_err());
    drop(tx);
    assert!(store.outbox(100).await.unwrap().is_empty());

    // Committed, both are there.
    let mut tx = store.begin_write().await.unwrap();
    tx.insert_goals(std::slice::from_ref(&goal), None, now())
        .await
        .unwrap();
    tx.commit().await.unwrap();
    assert_eq!(store.outbox(100).await.unwrap().len(), 1);
    assert!(store.goal(goal.id).await.is_ok());
}

#[tokio::test]
async fn a_revision_sends_only_the_changed_field_based_on_the_clock_it_saw() {
    let (_dir, store, org) = synced_store().await;
    let goal = operations_goal(org.omar);
    let mut tx = store.begin_write().await.unwrap();
    tx.insert_goals(std::slice::from_ref(&goal), None, now())
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let create_hlc = store.outbox(1).await.unwrap()[0].hlc;

    let mut tx = store.begin_write().await.unwrap();
    tx.revise_goal(
        goal.id,
        &[FieldChange::from_input(GoalField::Target, "30").unwrap()],
        org.omar,
        "market shift",
        Utc::now(),
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();

    let ops = store.outbox(100).await.unwrap();
    assert_eq!(ops.len(), 3, "create, update, revision: {ops:#?}");
    let update = &ops[1];
    assert_eq!(
        (update.entity, update.kind),
        (EntityKind::Goal, OpKind::Update)
    );
    let names: Vec<&str> = update.fields.keys().map(String::as_str).collect();
    assert_eq!(names, ["target"], "updated_at is not synced as an edit");
    assert_eq!(update.fields["target"].value, json!(30.0));
    assert_eq!(update.fields["target"].base_hlc, Some(create_hlc));
    let rev = &ops[2];
    assert_eq!(
        (rev.entity, rev.kind),
        (EntityKind::Revision, OpKind::Create)
    );
    assert_eq!(rev.fields["field"].value, json!("target"));
    assert_eq!(rev.fields["reason"].value, json!("market shift"));
    assert_eq!(
        store
            .field_clock(EntityKind::Goal, goal.id.as_uuid(), "target")
            .await
            .unwrap(),
        Some(update.hlc)
    );
}

#[tokio::test]
async fn undo_and_alignment_become_ops() {
    let (_dir, store, org) = synced_store().await;
    let goal = operations_goal(org.omar);
    let parent = common::company_goal(org.ops);
    let mut tx = store.begin_write().await.unwrap();
    tx.insert_goals(&[goal.clone(), parent.clone()], None, now())
        .await
        .unwrap();
    let ci = tx
        .add_check_in(draft(goal.id, org.omar, 44.0), Utc::now())
        .await
        .unwrap();
    tx.undo_check_in(ci.id, Utc::now()).await.unwrap();
    let edge = AlignmentEdge {
        child: goal.id,
        parent: parent.id,
        weight: 1.0,
    };
    tx.align(edge).await.unwrap();
    tx.align(edge).await.unwrap(); // the same edge again: nothing new to say
    tx.align(AlignmentEdge {
        weight: 2.0,
        ..edge
    })
    .await
    .unwrap();
    tx.commit().await.unwrap();

    let ops = store.outbox(100).await.unwrap();
    let summary: Vec<(EntityKind, OpKind)> = ops.iter().map(|o| (o.entity, o.kind)).collect();
    assert_eq!(
        summary,
        [
            (EntityKind::Goal, OpKind::Create),
            (EntityKind::Goal, OpKind::Create),
            (EntityKind::CheckIn, OpKind::Create),
            (EntityKind::CheckIn, OpKind::Update),
            (EntityKind::Alignment, OpKind::Create),
            (EntityKind::Alignment, OpKind::Update),
        ]
    );
    assert_eq!(ops[3].fields["deleted"].value, json!(true));
    assert_eq!(ops[4].entity_id, alignment_id(goal.id, parent.id));
    assert_eq!(ops[5].fields["weight"].value, json!(2.0));
    assert_eq!(ops[5].fields["weight"].base_hlc, Some(ops[4].hlc));
    let seqs: Vec<u64> = ops.iter().map(|o| o.device_seq).collect();
    assert_eq!(seqs, [1, 2, 3, 4, 5, 6]);
}

#[tokio::test]
async fn ack_removes_and_reject_keeps_the_op_as_needs_attention() {
    let (_dir, store, org) = synced_store().await;
    let goal = operations_goal(org.omar);
    let mut tx = store.begin_write().await.unwrap();
    tx.insert_goals(std::slice::from_ref(&goal), None, now())
        .await
        .unwrap();
    tx.add_check_in(draft(goal.id, org.omar, 44.0), now())
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let ops = store.outbox(100).await.unwrap();

    let restamped = Hlc::new(ops[0].hlc.millis() + 5, 0);
    let mut tx = store.begin_write().await.unwrap();
    assert!(tx.ack_op(ops[0].op_id, Some(restamped)).await.unwrap());
    assert!(!tx.ack_op(ops[0].op_id, None).await.unwrap(), "acked once");
    assert!(tx
        .reject_op(ops[1].op_id, "forbidden", "goal: not yours", now())
        .await
        .unwrap());
    tx.commit().await.unwrap();

    assert!(store.outbox(100).await.unwrap().is_empty());
    assert_eq!(
        store
            .field_clock(EntityKind::Goal, goal.id.as_uuid(), "title")
            .await
            .unwrap(),
        Some(restamped),
        "a re-stamped op's fields take the server's clock"
    );
    let attention = store.needs_attention().await.unwrap();
    assert_eq!(attention.len(), 1);
    assert_eq!(attention[0].op_id, ops[1].op_id.to_string());
    assert_eq!(attention[0].code, "forbidden");
    assert_eq!(attention[0].fields["value"]["value"], json!(44.0));
    let counts = store.sync_counts().await.unwrap();
    assert_eq!((counts.pending, counts.needs_attention), (0, 1));
    let mut tx = store.begin_write().await.unwrap();
    assert!(tx
        .dismiss_attention(&attention[0].op_id, now())
        .await
        .unwrap());
    tx.commit().await.unwrap();
    assert!(store.needs_attention().await.unwrap().is_empty());
}

fn change(entity: EntityKind, id: Uuid, seq: i64, row: serde_json::Value, clock: Hlc) -> Change {
    let row = row.as_object().unwrap().clone();
    let clocks: BTreeMap<String, Hlc> = row.keys().map(|k| (k.clone(), clock)).collect();
    Change {
        entity,
        id,
        seq,
        access: Access::Write,
        deleted: false,
        row,
        clocks,
    }
}

#[tokio::test]
async fn a_pulled_page_may_name_rows_of_later_pages_and_keys_are_enforced_after() {
    let (_dir, store) = open_store().await;
    let me = PersonId::new();
    enable(&store, me).await;
    let goal = Uuid::now_v7();
    let clock = Hlc::new(Utc::now().timestamp_millis(), 3);
    // The goal arrives before its owner (who was edited later on the server).
    let mut tx = store.begin_sync_apply().await.unwrap();
    tx.apply_change(&change(
        EntityKind::Goal,
        goal,
        1,
        json!({"id": goal.to_string(), "kind": "smart_goal", "owner_person_id": me.to_string(), "owner_unit_id": null,
               "title": "Grow NPS", "category": "performance", "unit_kind": "percent", "direction": "increase",
               "baseline": 50.0, "target": 70.0, "start_date": "2026-01-01", "due_date": "2026-03-31",
               "cadence": "weekly", "state": "active", "checkpoints": [{"date": "2026-02-15", "expected_value": 60.0}],
               "created_by": me.to_string(), "created_at": "2026-01-01T09:00:00Z",
               "updated_at": "2026-01-01T09:00:00Z", "deleted": false, "weight": 1.0}),
        clock,
    ))
    .await
    .unwrap();
    tx.receive_hlc(clock, Utc::now().timestamp_millis())
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let dangling: i64 =
        stride_store::sqlx::query_scalar("SELECT count(*) FROM pragma_foreign_key_check")
            .fetch_one(store.reader())
            .await
            .unwrap();
    assert_eq!(
        dangling, 2,
        "the goal names an owner (and creator) that a later page brings"
    );

    let mut tx = store.begin_sync_apply().await.unwrap();
    tx.apply_change(&change(
        EntityKind::Person,
        me.as_uuid(),
        2,
        json!({"name": "Ana", "email": "ana@example.com", "title": "", "org_unit_id": null, "manager_id": null,
               "hire_date": null, "active": true, "role": "admin"}),
        clock,
    ))
    .await
    .unwrap();
    tx.commit().await.unwrap();
    let dangling: i64 =
        stride_store::sqlx::query_scalar("SELECT count(*) FROM pragma_foreign_key_check")
            .fetch_one(store.reader())
            .await
            .unwrap();
    assert_eq!(dangling, 0);
    let g = store.goal(GoalId::from_uuid(goal)).await.unwrap();
    assert_eq!(g.target, Some(70.0));
    assert_eq!(g.checkpoints.len(), 1);
    let role: String = stride_store::sqlx::query_scalar("SELECT role FROM people WHERE id = ?")
        .bind(me.to_string())
        .fetch_one(store.reader())
        .await
        .unwrap();
    assert_eq!(
        role, "hr_admin",
        "the server's admin is stored as the local role with that reach"
    );
    assert!(
        store.sync_state().await.unwrap().unwrap().hlc > clock,
        "receive step ran"
    );

    // Foreign keys are enforced again for ordinary writes.
    let mut tx = store.begin_write().await.unwrap();
    let bad = tx
        .insert_goals(&[operations_goal(PersonId::new())], None, now())
        .await;
    assert!(
        bad.is_err(),
        "an owner that does not exist is refused outside a pull"
    );
}

#[tokio::test]
async fn pending_edits_are_reapplied_over_a_pulled_row_and_revokes_remove_the_goal() {
    let (_dir, store, org) = synced_store().await;
    let goal = operations_goal(org.omar);
    let mut tx = store.begin_write().await.unwrap();
    tx.insert_goals(std::slice::from_ref(&goal), None, now())
        .await
        .unwrap();
    tx.add_check_in(draft(goal.id, org.omar, 44.0), now())
        .await
        .unwrap();
    tx.revise_goal(
        goal.id,
        &[FieldChange::from_input(GoalField::Target, "30").unwrap()],
        org.omar,
        "tighter",
        Utc::now(),
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();

    // The server's row (someone else set the target to 35) arrives.
    let mut tx = store.begin_sync_apply().await.unwrap();
    tx.apply_change(&change(
        EntityKind::Goal,
        goal.id.as_uuid(),
        9,
        json!({"target": 35.0}),
        Hlc::new(1, 0),
    ))
    .await
    .unwrap();
    tx.commit().await.unwrap();
    assert_eq!(store.goal(goal.id).await.unwrap().target, Some(35.0));

    let mut tx = store.begin_sync_apply().await.unwrap();
    let n = tx.reapply_pending().await.unwrap();
    tx.commit().await.unwrap();
    assert_eq!(n, 4);
    assert_eq!(
        store.goal(goal.id).await.unwrap().target,
        Some(30.0),
        "my pending edit is on top"
    );
    assert_eq!(store.check_ins(goal.id).await.unwrap().len(), 1);

    let mut tx = store.begin_sync_apply().await.unwrap();
    tx.apply_revoke(&Revoke {
        entity: EntityKind::Goal,
        id: goal.id.as_uuid(),
        seq: 10,
    })
    .await
    .unwrap();
    tx.commit().await.unwrap();
    assert!(store.goal(goal.id).await.is_err());
    let left: i64 = stride_store::sqlx::query_scalar(
        "SELECT (SELECT count(*) FROM checkins) + (SELECT count(*) FROM revisions) + (SELECT count(*) FROM goal_checkpoints)",
    )
    .fetch_one(store.reader())
    .await
    .unwrap();
    assert_eq!(left, 0, "a revoked goal takes its rows with it");
    let fk: Vec<(String,)> =
        stride_store::sqlx::query_as("SELECT \"table\" FROM pragma_foreign_key_check")
            .fetch_all(store.reader())
            .await
            .unwrap();
    assert!(fk.is_empty(), "{fk:?}");
}
