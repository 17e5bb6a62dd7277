//! The server over real HTTP: auth, authorization and scope, bad input,
//! push idempotency/order/merge, pull paging, KPI ingest. Runs over SQLite,
//! or over PostgreSQL when `STRIDE_TEST_PG_URL` is set.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::collections::BTreeSet;
use std::time::Duration;

use common::{
    checkin_fields, create_goal, create_own_goal, goal_fields, status_of, Device, TestServer,
};
use serde_json::{json, Value};
use stride_protocol::{alignment_id, kpi_point_id, EntityKind, Hlc, OpKind, Role};
use stride_server::Settings;
use uuid::Uuid;

// ---------------------------------------------------------------- auth

#[tokio::test]
async fn sign_in_returns_a_bearer_token_with_an_expiry() {
    let srv = TestServer::start().await;
    let (id, email) = srv.person("Ana", Role::Employee, None).await;
    let anon = srv.anonymous();
    let (status, body) = anon
        .post(
            "/api/v1/auth/sign-in",
            &json!({"email": email.to_uppercase(), "password": common::PASSWORD}),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["user"]["id"], id.to_string());
    assert_eq!(body["user"]["role"], "employee");
    let expires: chrono::DateTime<chrono::Utc> =
        body["expires_at"].as_str().unwrap().parse().unwrap();
    let ttl = expires - chrono::Utc::now();
    assert!(
        ttl > chrono::Duration::days(29) && ttl <= chrono::Duration::days(30),
        "{ttl}"
    );
    let mut c = anon.clone();
    c.token = Some(body["token"].as_str().unwrap().to_owned());
    let (status, _) = c.get("/api/v1/sync/pull").await;
    assert_eq!(status, 200);
}

#[tokio::test]
async fn wrong_password_and_unknown_email_are_the_same_401() {
    let srv = TestServer::start().await;
    let (_, email) = srv.person("Ana", Role::Employee, None).await;
    let anon = srv.anonymous();
    for (e, p) in [
        (email.as_str(), "wrong-password"),
        ("nobody@example.com", common::PASSWORD),
    ] {
        let (status, body) = anon
            .post("/api/v1/auth/sign-in", &json!({"email": e, "password": p}))
            .await;
        assert_eq!(status, 401);
        assert_eq!(body["code"], "invalid_credentials");
        assert_eq!(body["message"], "wrong email or password");
    }
}

#[tokio::test]
async fn failed_sign_ins_are_rate_limited_per_email_and_ip() {
    let srv = TestServer::start_with(Settings {
        login_max_failures: 3,
        ..Settings::default()
    })
    .await;
    let (_, ana) = srv.person("Ana", Role::Employee, None).await;
    let (_, ben) = srv.person("Ben", Role::Employee, None).await;
    let anon = srv.anonymous();
    for _ in 0..3 {
        let (status, _) = anon
            .post(
                "/api/v1/auth/sign-in",
                &json!({"email": ana, "password": "nope-nope"}),
            )
            .await;
        assert_eq!(status, 401);
    }
    // Locked out, even with the right password, and told when to come back.
    let resp = anon
        .http
        .post(format!("{}/api/v1/auth/sign-in", srv.base))
        .json(&json!({"email": ana, "password": common::PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 429);
    let retry: u64 = resp.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!(retry > 0 && retry <= 15 * 60);
    let body: Value = resp.json().await.unwrap();
    assert_eq!(body["code"], "rate_limited");
    // Another email from the same address is unaffected.
    let (status, _) = anon
        .post(
            "/api/v1/auth/sign-in",
            &json!({"email": ben, "password": common::PASSWORD}),
        )
        .await;
    assert_eq!(status, 200);
}

#[tokio::test]
async fn expired_token_is_401() {
    let srv = TestServer::start_with(Settings {
        token_ttl: chrono::Duration::seconds(1),
        ..Settings::default()
    })
    .await;
    let u = srv.user("Ana", Role::Employee, None).await;
    assert_eq!(u.client.get("/api/v1/sync/pull").await.0, 200);
    tokio::time::sleep(Duration::from_millis(1300)).await;
    let (status, body) = u.client.get("/api/v1/sync/pull").await;
    assert_eq!(status, 401);
    assert_eq!(body["code"], "unauthorized");
}

#[tokio::test]
async fn signed_out_and_reset_tokens_are_401() {
    let srv = TestServer::start().await;
    let u = srv.user("Ana", Role::Employee, None).await;
    let (status, _) = u.client.post("/api/v1/auth/sign-out", &json!({})).await;
    assert_eq!(status, 204);
    let (status, body) = u.client.get("/api/v1/sync/pull").await;
    assert_eq!((status, body["code"].as_str()), (401, Some("unauthorized")));
    // A password reset signs the person out everywhere.
    let c = srv.sign_in(&u.email).await;
    assert_eq!(c.get("/api/v1/sync/pull").await.0, 200);
    stride_server::admin::reset_password(&srv.store, &u.email, Some("another-password"))
        .await
        .unwrap();
    assert_eq!(c.get("/api/v1/sync/pull").await.0, 401);
}

#[tokio::test]
async fn every_protected_endpoint_needs_a_live_token() {
    let srv = TestServer::start().await;
    let mut anon = srv.anonymous();
    for token in [None, Some("sts_garbage".to_owned())] {
        anon.token = token;
        let push = json!({"device_id": Uuid::now_v7(), "schema_version": 1, "ops": []});
        for (status, body) in [
            anon.post("/api/v1/sync/push", &push).await,
            anon.post("/api/v1/sync/pull", &json!({})).await,
            anon.get("/api/v1/sync/pull").await,
            anon.post("/api/v1/auth/sign-out", &json!({})).await,
            anon.post("/api/v1/kpis/sales/points", &json!({"points": []}))
                .await,
        ] {
            assert_eq!(status, 401, "{body}");
            assert_eq!(body["code"], "unauthorized");
        }
    }
}

// ---------------------------------------------------------------- bad input

#[tokio::test]
async fn malformed_wrong_typed_and_oversized_bodies_get_4xx_with_a_code() {
    let srv = TestServer::start_with(Settings {
        max_body_bytes: 4096,
        max_ops_per_push: 3,
        ..Settings::default()
    })
    .await;
    let mut u = srv.user("Ana", Role::Employee, None).await;
    let c = &u.client;
    let cases: Vec<(u16, &str, (u16, Value))> = vec![
        (
            400,
            "malformed_json",
            c.post_raw(
                "/api/v1/auth/sign-in",
                "application/json",
                b"{not json".to_vec(),
            )
            .await,
        ),
        (
            400,
            "malformed_json",
            c.post_raw("/api/v1/sync/push", "application/json", b"".to_vec())
                .await,
        ),
        (
            422,
            "invalid_body",
            c.post(
                "/api/v1/sync/push",
                &json!({"device_id": 5, "schema_version": 1, "ops": []}),
            )
            .await,
        ),
        (
            422,
            "invalid_body",
            c.post("/api/v1/sync/pull", &json!({"limit": "ten"})).await,
        ),
        (
            422,
            "invalid_body",
            c.post("/api/v1/auth/sign-in", &json!({"email": "a@b.c"}))
                .await,
        ),
        (
            415,
            "unsupported_media_type",
            c.post_raw("/api/v1/sync/pull", "text/plain", b"{}".to_vec())
                .await,
        ),
        (
            413,
            "payload_too_large",
            c.post_raw("/api/v1/sync/pull", "application/json", vec![b' '; 10_000])
                .await,
        ),
        (
            400,
            "invalid_cursor",
            c.post("/api/v1/sync/pull", &json!({"cursor": "not-a-cursor"}))
                .await,
        ),
        (
            400,
            "invalid_input",
            c.get("/api/v1/sync/pull?limit=abc").await,
        ),
        (404, "not_found", c.get("/api/v1/nothing-here").await),
        (
            405,
            "method_not_allowed",
            c.get("/api/v1/auth/sign-in").await,
        ),
    ];
    for (status, code, (got, body)) in cases {
        assert_eq!(
            (got, body["code"].as_str().unwrap_or("")),
            (status, code),
            "{body}"
        );
        assert!(body["message"].as_str().is_some_and(|m| !m.is_empty()));
    }
    // Too many ops in one push: 413 naming the maximum.
    let ops: Vec<_> = (0..4)
        .map(|_| {
            u.device.op(
                EntityKind::Goal,
                Uuid::now_v7(),
                OpKind::Create,
                goal_fields(u.id, "x"),
            )
        })
        .collect();
    let (status, body) = u.client.push(u.device.id, &ops).await;
    assert_eq!(
        (status, body["code"].as_str()),
        (413, Some("payload_too_large"))
    );
    assert!(body["message"].as_str().unwrap().contains('3'));
    // A client below the minimum schema keeps its outbox and upgrades: 426.
    let (status, body) = u
        .client
        .post(
            "/api/v1/sync/push",
            &json!({"device_id": u.device.id, "schema_version": 0, "ops": []}),
        )
        .await;
    assert_eq!(
        (status, body["code"].as_str()),
        (426, Some("upgrade_required"))
    );
    // An op from a newer schema than the server knows is rejected, not guessed at.
    let mut newer = u.device.op(
        EntityKind::Goal,
        Uuid::now_v7(),
        OpKind::Create,
        goal_fields(u.id, "x"),
    );
    newer.device_seq = 1;
    newer.schema_version = 99;
    let r = u.client.push_ok(u.device.id, &[newer]).await;
    assert_eq!(status_of(&r[0]), ("rejected", "unsupported_schema"));
    // The server still works.
    assert_eq!(srv.anonymous().get("/healthz").await.0, 200);
}

#[tokio::test]
async fn invalid_ops_are_rejected_with_reasons_not_dropped() {
    let srv = TestServer::start().await;
    let mut u = srv.user("Ana", Role::Employee, None).await;
    let goal = create_own_goal(&mut u, "Raise NPS").await;
    let d = &mut u.device;
    let ops = vec![
        d.set(EntityKind::Goal, goal, "target", json!("seventy"), None),
        d.set(EntityKind::Goal, goal, "colour", json!("blue"), None),
        d.set(
            EntityKind::Goal,
            goal,
            "owner_person_id",
            json!(Uuid::now_v7().to_string()),
            None,
        ),
        d.op(
            EntityKind::Goal,
            Uuid::now_v7(),
            OpKind::Create,
            json!({"title": "no owner"}),
        ),
        d.op(
            EntityKind::Person,
            u.id,
            OpKind::Update,
            json!({"name": "Boss"}),
        ),
        d.set(
            EntityKind::Goal,
            Uuid::now_v7(),
            "title",
            json!("ghost"),
            None,
        ),
    ];
    let results = u.client.push_ok(u.device.id, &ops).await;
    let got: Vec<_> = results.iter().map(|r| status_of(r).1.to_owned()).collect();
    assert_eq!(
        got,
        [
            "invalid_value",
            "unknown_field",
            "immutable_field",
            "missing_field",
            "read_only",
            "not_found"
        ]
    );
    for r in &results {
        assert_eq!(r["status"], "rejected");
        assert!(!r["reason"].as_str().unwrap().is_empty());
    }
    // Rejected ops still consume their sequence numbers: the next op applies.
    let seen = u.client.visible("goal").await;
    let base: Hlc =
        serde_json::from_value(seen[&goal.to_string()]["clocks"]["target"].clone()).unwrap();
    let op = u
        .device
        .set(EntityKind::Goal, goal, "target", json!(75.0), Some(base));
    let r = u.client.push_ok(u.device.id, &[op]).await;
    assert_eq!(r[0]["status"], "applied");
}

// ---------------------------------------------------------------- scope

#[tokio::test]
async fn pull_is_scoped_manager_sees_reports_report_not_manager_other_team_nothing() {
    let srv = TestServer::start().await;
    let mut boss = srv.user("Boss", Role::Manager, None).await;
    let mut mid = srv
        .user("Mid", Role::Manager, Some("boss@example.com"))
        .await;
    let mut ic = srv
        .user("Ic", Role::Employee, Some("mid@example.com"))
        .await;
    let mut other = srv.user("Other", Role::Employee, None).await;
    let hr = srv.user("Hr", Role::HrAdmin, None).await;

    let g_boss = create_own_goal(&mut boss, "Boss private").await;
    let g_mid = create_own_goal(&mut mid, "Mid goal").await;
    let g_ic = create_own_goal(&mut ic, "Ic goal").await;
    let g_other = create_own_goal(&mut other, "Other goal").await;
    // A manager may create a goal for a report, not for a peer's report.
    let g_by_mid = create_goal(&mut mid, ic.id, "Set by Mid").await;
    let op = other.device.op(
        EntityKind::Goal,
        Uuid::now_v7(),
        OpKind::Create,
        goal_fields(ic.id, "Intrusion"),
    );
    let r = other.client.push_ok(other.device.id, &[op]).await;
    assert_eq!(status_of(&r[0]), ("rejected", "forbidden"));
    // The report checks in; the check-in follows the goal's scope.
    let ci = Uuid::now_v7();
    let op = ic.device.op(
        EntityKind::CheckIn,
        ci,
        OpKind::Create,
        checkin_fields(g_ic, 55.0),
    );
    assert_eq!(
        ic.client.push_ok(ic.device.id, &[op]).await[0]["status"],
        "applied"
    );

    let ids = |v: &[Uuid]| v.iter().map(ToString::to_string).collect::<BTreeSet<_>>();
    let keys =
        |m: std::collections::BTreeMap<String, Value>| m.into_keys().collect::<BTreeSet<_>>();
    assert_eq!(
        keys(boss.client.visible("goal").await),
        ids(&[g_boss, g_mid, g_ic, g_by_mid])
    );
    assert_eq!(
        keys(mid.client.visible("goal").await),
        ids(&[g_mid, g_ic, g_by_mid])
    );
    assert_eq!(
        keys(ic.client.visible("goal").await),
        ids(&[g_ic, g_by_mid])
    );
    assert_eq!(keys(other.client.visible("goal").await), ids(&[g_other]));
    assert_eq!(
        keys(hr.client.visible("goal").await),
        ids(&[g_boss, g_mid, g_ic, g_other, g_by_mid])
    );
    assert_eq!(keys(boss.client.visible("check_in").await), ids(&[ci]));
    assert!(other.client.visible("check_in").await.is_empty());
    assert!(mid
        .client
        .visible("check_in")
        .await
        .contains_key(&ci.to_string()));
    // Access is reported per row; the directory is visible to everyone, read-only.
    let mine = ic.client.visible("goal").await;
    assert_eq!(mine[&g_ic.to_string()]["access"], "write");
    let people = other.client.visible("person").await;
    assert_eq!(people.len(), 5);
    assert!(people
        .values()
        .all(|p| p["access"] == "read" && p["row"].get("password_hash").is_none()));
}

#[tokio::test]
async fn pushes_outside_the_scope_are_rejected_and_change_nothing() {
    let srv = TestServer::start().await;
    let mut boss = srv.user("Boss", Role::Manager, None).await;
    let mut ic = srv
        .user("Ic", Role::Employee, Some("boss@example.com"))
        .await;
    let mut other = srv.user("Other", Role::Employee, None).await;
    let g_boss = create_own_goal(&mut boss, "Boss private").await;
    let g_ic = create_own_goal(&mut ic, "Ic goal").await;

    let d = &mut other.device;
    let ops = vec![
        d.set(EntityKind::Goal, g_ic, "title", json!("hacked"), None),
        d.op(EntityKind::CheckIn, Uuid::now_v7(), OpKind::Create, checkin_fields(g_ic, 1.0)),
        d.op(EntityKind::Kpi, Uuid::now_v7(), OpKind::Create, json!({"key": "k", "name": "K", "unit_kind": "number", "direction": "increase", "period_kind": "month"})),
    ];
    let r = other.client.push_ok(other.device.id, &ops).await;
    let codes: Vec<_> = r.iter().map(|r| status_of(r).1.to_owned()).collect();
    assert_eq!(codes, ["not_found", "not_found", "forbidden"]);
    // The report cannot see (so cannot touch) the manager's private goal.
    let op = ic
        .device
        .set(EntityKind::Goal, g_boss, "title", json!("mine now"), None);
    assert_eq!(
        status_of(&ic.client.push_ok(ic.device.id, &[op]).await[0]),
        ("rejected", "not_found")
    );
    // A device is bound to its first user.
    let op = other
        .device
        .set(EntityKind::Goal, g_ic, "title", json!("x"), None);
    let (status, body) = other.client.push(ic.device.id, &[op]).await;
    assert_eq!(
        (status, body["code"].as_str()),
        (403, Some("device_mismatch"))
    );
    // Nothing changed.
    let goals = boss.client.visible("goal").await;
    assert_eq!(goals[&g_ic.to_string()]["row"]["title"], "Ic goal");
    assert_eq!(goals[&g_boss.to_string()]["row"]["title"], "Boss private");
    assert!(boss.client.visible("check_in").await.is_empty());
}

#[tokio::test]
async fn aligned_parents_are_read_only_and_leave_the_scope_when_unaligned() {
    let srv = TestServer::start().await;
    let mut boss = srv.user("Boss", Role::Manager, None).await;
    let mut ic = srv
        .user("Ic", Role::Employee, Some("boss@example.com"))
        .await;
    let g_boss = create_own_goal(&mut boss, "Company NPS").await;
    let g_ic = create_own_goal(&mut ic, "Team NPS").await;
    let (_, cursor) = ic.client.pull_all(None, 1000).await;

    // The report cannot align to a goal they cannot see.
    let edge = alignment_id(
        stride_domain::GoalId::from_uuid(g_ic),
        stride_domain::GoalId::from_uuid(g_boss),
    );
    let fields = json!({"child_id": g_ic.to_string(), "parent_id": g_boss.to_string()});
    let op = ic
        .device
        .op(EntityKind::Alignment, edge, OpKind::Create, fields.clone());
    assert_eq!(
        status_of(&ic.client.push_ok(ic.device.id, &[op]).await[0]),
        ("rejected", "not_found")
    );
    // The manager can (writes the child, reads the parent).
    let op = boss
        .device
        .op(EntityKind::Alignment, edge, OpKind::Create, fields);
    assert_eq!(
        boss.client.push_ok(boss.device.id, &[op]).await[0]["status"],
        "applied"
    );

    let (items, cursor) = ic.client.pull_all(Some(&cursor), 1).await;
    let moved: Vec<_> = items.iter().filter(|i| i["kind"] == "move_in").collect();
    assert_eq!(moved.len(), 1, "{items:?}");
    assert_eq!(moved[0]["id"], g_boss.to_string());
    assert_eq!(moved[0]["access"], "read");
    assert!(items
        .iter()
        .any(|i| i["entity"] == "alignment" && i["id"] == edge.to_string()));
    // Read-only: an edit is refused.
    let op = ic
        .device
        .set(EntityKind::Goal, g_boss, "title", json!("mine"), None);
    assert_eq!(
        status_of(&ic.client.push_ok(ic.device.id, &[op]).await[0]),
        ("rejected", "forbidden")
    );

    // Removing the alignment revokes the parent.
    let op = boss
        .device
        .set(EntityKind::Alignment, edge, "deleted", json!(true), None);
    assert_eq!(
        boss.client.push_ok(boss.device.id, &[op]).await[0]["status"],
        "applied"
    );
    let (items, _) = ic.client.pull_all(Some(&cursor), 1).await;
    assert!(
        items
            .iter()
            .any(|i| i["kind"] == "revoke" && i["id"] == g_boss.to_string()),
        "{items:?}"
    );
    assert!(!ic
        .client
        .visible("goal")
        .await
        .contains_key(&g_boss.to_string()));
}

#[tokio::test]
async fn a_new_manager_gets_move_ins_and_the_old_one_a_revoke() {
    let srv = TestServer::start().await;
    let old = srv.user("Old", Role::Manager, None).await;
    let new = srv.user("New", Role::Manager, None).await;
    let mut ic = srv
        .user("Ic", Role::Employee, Some("old@example.com"))
        .await;
    let g = create_own_goal(&mut ic, "Ship").await;
    let mut ops = Vec::new();
    for v in [10.0, 20.0, 30.0] {
        ops.push(ic.device.op(
            EntityKind::CheckIn,
            Uuid::now_v7(),
            OpKind::Create,
            checkin_fields(g, v),
        ));
    }
    ic.client.push_ok(ic.device.id, &ops).await;
    let (_, old_cursor) = old.client.pull_all(None, 1000).await;
    let (_, new_cursor) = new.client.pull_all(None, 1000).await;

    srv.store
        .set_manager(&ic.email, Some(&new.email))
        .await
        .unwrap();

    // Page size 1 through a move-in batch that shares one sequence number.
    let (items, _) = new.client.pull_all(Some(&new_cursor), 1).await;
    let moved: Vec<_> = items.iter().filter(|i| i["kind"] == "move_in").collect();
    assert_eq!(moved.iter().filter(|i| i["entity"] == "goal").count(), 1);
    assert_eq!(
        moved.iter().filter(|i| i["entity"] == "check_in").count(),
        3,
        "{items:?}"
    );
    let (items, _) = old.client.pull_all(Some(&old_cursor), 1).await;
    assert!(items
        .iter()
        .any(|i| i["kind"] == "revoke" && i["id"] == g.to_string()));
    assert!(old.client.visible("goal").await.is_empty());
}

#[tokio::test]
async fn unit_goals_are_read_for_members_write_for_the_lead() {
    let srv = TestServer::start().await;
    let mut lead = srv.user("Lead", Role::Manager, None).await;
    let member = srv
        .user("Member", Role::Employee, Some("lead@example.com"))
        .await;
    let outsider = srv.user("Outsider", Role::Employee, None).await;
    srv.store
        .set_unit(&lead.email, Some("Support"))
        .await
        .unwrap();
    srv.store
        .set_unit(&member.email, Some("Support"))
        .await
        .unwrap();
    srv.store
        .set_unit_lead("Support", Some(&lead.email))
        .await
        .unwrap();
    let units = lead.client.visible("org_unit").await;
    let support = units
        .values()
        .find(|u| u["row"]["name"] == "Support")
        .unwrap();
    let unit_id = support["id"].as_str().unwrap().to_owned();

    let mut fields = goal_fields(lead.id, "Answer within a day");
    fields.as_object_mut().unwrap().remove("owner_person_id");
    fields["owner_unit_id"] = json!(unit_id);
    let g = Uuid::now_v7();
    let op = lead.device.op(EntityKind::Goal, g, OpKind::Create, fields);
    assert_eq!(
        lead.client.push_ok(lead.device.id, &[op]).await[0]["status"],
        "applied"
    );
    assert_eq!(
        member.client.visible("goal").await[&g.to_string()]["access"],
        "read"
    );
    assert_eq!(
        lead.client.visible("goal").await[&g.to_string()]["access"],
        "write"
    );
    assert!(outsider.client.visible("goal").await.is_empty());
}

// ---------------------------------------------------------------- push

#[tokio::test]
async fn push_is_idempotent_per_op_id_and_409_for_a_changed_payload() {
    let srv = TestServer::start().await;
    let mut u = srv.user("Ana", Role::Employee, None).await;
    let g = Uuid::now_v7();
    let create = u.device.op(
        EntityKind::Goal,
        g,
        OpKind::Create,
        goal_fields(u.id, "Once"),
    );
    let ci = u.device.op(
        EntityKind::CheckIn,
        Uuid::now_v7(),
        OpKind::Create,
        checkin_fields(g, 1.0),
    );
    let first = u
        .client
        .push_ok(u.device.id, &[create.clone(), ci.clone()])
        .await;
    assert!(first
        .iter()
        .all(|r| r["status"] == "applied" && r["replayed"] == false));
    // The response was lost; the client sends the batch again.
    let again = u
        .client
        .push_ok(u.device.id, &[create.clone(), ci.clone()])
        .await;
    for (a, b) in first.iter().zip(&again) {
        assert_eq!(b["replayed"], true);
        assert_eq!(a["status"], b["status"]);
        assert_eq!(a["seq"], b["seq"]);
    }
    assert_eq!(u.client.visible("check_in").await.len(), 1, "exactly once");
    // Same id, different payload.
    let mut tampered = ci.clone();
    tampered.fields.get_mut("value").unwrap().value = json!(99.0);
    let (status, body) = u.client.push(u.device.id, &[tampered]).await;
    assert_eq!(
        (status, body["code"].as_str()),
        (409, Some("idempotency_conflict"))
    );
    // Another user replaying someone's op id learns nothing.
    let other = srv.user("Eve", Role::Employee, None).await;
    let (status, body) = other.client.push(other.device.id, &[ci]).await;
    assert_eq!(
        (status, body["code"].as_str()),
        (409, Some("idempotency_conflict"))
    );
}

#[tokio::test]
async fn a_hole_in_the_device_sequence_is_a_gap() {
    let srv = TestServer::start().await;
    let mut u = srv.user("Ana", Role::Employee, None).await;
    let g = create_own_goal(&mut u, "Ordered").await; // seq 1
    let op2 = u
        .device
        .set(EntityKind::Goal, g, "target", json!(71.0), None);
    let op3 = u
        .device
        .set(EntityKind::Goal, g, "target", json!(72.0), None);
    let r = u
        .client
        .push_ok(u.device.id, std::slice::from_ref(&op3))
        .await;
    assert_eq!(r[0]["status"], "gap");
    assert_eq!(r[0]["expected_seq"], 2);
    let r = u.client.push_ok(u.device.id, &[op2, op3]).await;
    assert!(r.iter().all(|r| r["status"] == "applied"), "{r:?}");
    // Another op reusing a spent number is refused.
    let mut reuse = u
        .device
        .set(EntityKind::Goal, g, "target", json!(1.0), None);
    reuse.device_seq = 2;
    let r = u.client.push_ok(u.device.id, &[reuse]).await;
    assert_eq!(status_of(&r[0]), ("rejected", "seq_reused"));
    assert_eq!(
        u.client.visible("goal").await[&g.to_string()]["row"]["target"],
        72.0
    );
}

#[tokio::test]
async fn fields_merge_last_writer_wins_and_concurrent_overwrites_are_conflicts() {
    let srv = TestServer::start().await;
    let mut boss = srv.user("Boss", Role::Manager, None).await;
    let mut ic = srv
        .user("Ic", Role::Employee, Some("boss@example.com"))
        .await;
    let g = create_own_goal(&mut ic, "Grow").await;
    let seen = boss.client.visible("goal").await;
    let base: Hlc =
        serde_json::from_value(seen[&g.to_string()]["clocks"]["target"].clone()).unwrap();
    boss.device.receive(base);

    // Both edit the target offline from the same base; the manager's edit is later.
    let mine = ic
        .device
        .set(EntityKind::Goal, g, "target", json!(80.0), Some(base));
    tokio::time::sleep(Duration::from_millis(5)).await;
    let theirs = boss
        .device
        .set(EntityKind::Goal, g, "target", json!(90.0), Some(base));
    assert_eq!(
        boss.client.push_ok(boss.device.id, &[theirs]).await[0]["status"],
        "applied"
    );
    let r = ic.client.push_ok(ic.device.id, &[mine]).await;
    assert_eq!(r[0]["status"], "conflict", "{r:?}");
    assert_eq!(r[0]["conflicts"][0]["winner"], "theirs");
    assert_eq!(r[0]["conflicts"][0]["their_value"], 90.0);
    let goal = ic.client.visible("goal").await[&g.to_string()].clone();
    assert_eq!(goal["row"]["target"], 90.0);
    // Both people see the conflict row.
    for c in [&ic.client, &boss.client] {
        let conflicts = c.visible("conflict").await;
        assert_eq!(conflicts.len(), 1);
        let row = &conflicts.values().next().unwrap()["row"];
        assert_eq!(
            (row["winner_value"].clone(), row["loser_value"].clone()),
            (json!(90.0), json!(80.0))
        );
    }
    // "Keep mine": an edit made after seeing the winner beats it, without a conflict.
    let win: Hlc = serde_json::from_value(goal["clocks"]["target"].clone()).unwrap();
    ic.device.receive(win);
    let keep = ic
        .device
        .set(EntityKind::Goal, g, "target", json!(80.0), Some(win));
    let r = ic.client.push_ok(ic.device.id, &[keep]).await;
    assert_eq!(r[0]["status"], "applied", "{r:?}");
    assert_eq!(
        boss.client.visible("goal").await[&g.to_string()]["row"]["target"],
        80.0
    );
    // An unchanged value is a duplicate, not a change.
    let same = ic
        .device
        .set(EntityKind::Goal, g, "target", json!(80.0), None);
    assert_eq!(
        ic.client.push_ok(ic.device.id, &[same]).await[0]["status"],
        "duplicate"
    );
}

#[tokio::test]
async fn clocks_far_in_the_future_are_restamped() {
    let srv = TestServer::start().await;
    let mut u = srv.user("Ana", Role::Employee, None).await;
    let g = create_own_goal(&mut u, "Skewed").await;
    let mut op = u
        .device
        .set(EntityKind::Goal, g, "title", json!("From the future"), None);
    let day_ahead = chrono::Utc::now().timestamp_millis() + 86_400_000;
    op.hlc = Hlc::new(day_ahead, 0);
    let r = u.client.push_ok(u.device.id, &[op]).await;
    assert_eq!(r[0]["status"], "applied");
    let stored: Hlc = serde_json::from_value(r[0]["hlc"].clone()).unwrap();
    let limit = chrono::Utc::now().timestamp_millis() + 60_000;
    assert!(stored.millis() <= limit, "{stored}");
    assert_eq!(srv.state.restamped(), 1);
    let goal = u.client.visible("goal").await[&g.to_string()].clone();
    let pulled: Hlc = serde_json::from_value(goal["clocks"]["title"].clone()).unwrap();
    assert_eq!(pulled, stored);
}

#[tokio::test]
async fn check_ins_are_append_only_but_can_be_deleted() {
    let srv = TestServer::start().await;
    let mut u = srv.user("Ana", Role::Employee, None).await;
    let g = create_own_goal(&mut u, "Run").await;
    let ci = Uuid::now_v7();
    let create = u.device.op(
        EntityKind::CheckIn,
        ci,
        OpKind::Create,
        checkin_fields(g, 3.0),
    );
    let edit = u
        .device
        .set(EntityKind::CheckIn, ci, "value", json!(4.0), None);
    let delete = u
        .device
        .set(EntityKind::CheckIn, ci, "deleted", json!(true), None);
    let r = u.client.push_ok(u.device.id, &[create, edit, delete]).await;
    let got: Vec<_> = r.iter().map(status_of).collect();
    assert_eq!(
        got,
        [
            ("applied", ""),
            ("rejected", "immutable_field"),
            ("applied", "")
        ]
    );
    let row = &u.client.visible("check_in").await[&ci.to_string()];
    assert_eq!(
        (row["deleted"].clone(), row["row"]["value"].clone()),
        (json!(true), json!(3.0))
    );
    assert_eq!(
        row["row"]["author_id"],
        u.id.to_string(),
        "the author is the signed-in user"
    );
}

// ---------------------------------------------------------------- pull

#[tokio::test]
async fn pages_of_one_an_exact_multiple_and_one_more_cover_everything_once() {
    let srv = TestServer::start().await;
    let mut u = srv.user("Ana", Role::Employee, None).await;
    for i in 0..7 {
        create_own_goal(&mut u, &format!("Goal {i}")).await;
    }
    let (all, head) = u.client.pull_all(None, 1000).await;
    let total = all.len();
    assert!(total >= 8, "7 goals and a person");
    let key = |i: &Value| {
        (
            i["entity"].as_str().unwrap().to_owned(),
            i["id"].as_str().unwrap().to_owned(),
        )
    };
    let expected: Vec<_> = all.iter().map(key).collect();
    let mut sizes = vec![1, total, total - 1];
    if total % 2 == 0 {
        sizes.push(total / 2);
    } else {
        sizes.push(total.div_ceil(2));
    }
    for size in sizes {
        let mut cursor: Option<String> = None;
        let mut seen = Vec::new();
        let mut pages = 0;
        loop {
            let page = u
                .client
                .pull_page(cursor.as_deref(), u32::try_from(size).unwrap())
                .await;
            let items = page["changes"].as_array().unwrap();
            assert!(items.len() <= size);
            seen.extend(items.iter().map(key));
            pages += 1;
            cursor = Some(page["cursor"].as_str().unwrap().to_owned());
            if !page["has_more"].as_bool().unwrap() {
                break;
            }
            assert_eq!(items.len(), size, "only the last page is short");
        }
        assert_eq!(seen, expected, "page size {size}");
        assert_eq!(
            pages,
            total.div_ceil(size),
            "page size {size}: has_more turns false on the last page"
        );
        // At the head: an empty page, still no more.
        let page = u.client.pull_page(cursor.as_deref(), 3).await;
        assert!(page["changes"].as_array().unwrap().is_empty());
        assert_eq!(page["has_more"], false);
    }
    // A change after the head arrives once, from the head cursor.
    let g = create_own_goal(&mut u, "Late").await;
    let (items, _) = u.client.pull_all(Some(&head), 2).await;
    let ids: Vec<_> = items.iter().map(|i| i["id"].as_str().unwrap()).collect();
    assert_eq!(ids, [g.to_string().as_str()]);
    // GET and POST pull agree.
    let (status, body) = u
        .client
        .get(&format!("/api/v1/sync/pull?limit=2&cursor={head}"))
        .await;
    assert_eq!(status, 200);
    assert_eq!(body["changes"][0]["id"], g.to_string());
}

#[tokio::test]
async fn a_cursor_from_another_server_epoch_is_410() {
    let srv = TestServer::start().await;
    let u = srv.user("Ana", Role::Employee, None).await;
    use base64::Engine;
    let forged = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .encode(json!({"e": "another-epoch", "s": 1, "r": 1, "v": 1}).to_string());
    let (status, body) = u
        .client
        .post("/api/v1/sync/pull", &json!({"cursor": forged}))
        .await;
    assert_eq!(
        (status, body["code"].as_str()),
        (410, Some("reset_required"))
    );
    let page = u.client.pull_page(None, 10).await;
    let cursor = page["cursor"].as_str().unwrap();
    let state: Value = serde_json::from_slice(
        &base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(cursor)
            .unwrap(),
    )
    .unwrap();
    let ahead = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .encode(json!({"e": state["e"], "s": 1_000_000, "r": 0, "v": state["v"]}).to_string());
    let (status, _) = u
        .client
        .post("/api/v1/sync/pull", &json!({"cursor": ahead}))
        .await;
    assert_eq!(
        status, 410,
        "a cursor ahead of the server means it went back in time"
    );
}

// ---------------------------------------------------------------- KPI ingest

#[tokio::test]
async fn kpi_ingest_is_idempotent_per_period_and_needs_an_api_key() {
    let srv = TestServer::start().await;
    let mut hr = srv.user("Hr", Role::HrAdmin, None).await;
    let employee = srv.user("Ana", Role::Employee, None).await;
    let kpi = Uuid::now_v7();
    let op = hr.device.op(
        EntityKind::Kpi,
        kpi,
        OpKind::Create,
        json!({"key": "sales.pipeline", "name": "Pipeline", "unit_kind": "currency", "unit_label": "EUR", "direction": "increase", "period_kind": "month"}),
    );
    assert_eq!(
        hr.client.push_ok(hr.device.id, &[op]).await[0]["status"],
        "applied"
    );
    let key = stride_server::admin::issue_key(&srv.store, "crm")
        .await
        .unwrap();
    let mut integration = srv.anonymous();
    integration.token = Some(key.clone());
    let path = "/api/v1/kpis/sales.pipeline/points";
    let body = json!({"points": [{"period_start": "2026-04-01", "value": 10.0}, {"period_start": "2026-05-01", "value": 11.0}]});

    let (status, r) = integration.post(path, &body).await;
    assert_eq!(status, 200, "{r}");
    assert_eq!(r["results"][0]["outcome"], "created");
    let april = chrono::NaiveDate::from_ymd_opt(2026, 4, 1).unwrap();
    let expected_id = kpi_point_id(stride_domain::KpiId::from_uuid(kpi), april);
    assert_eq!(r["results"][0]["id"], expected_id.to_string());
    let (_, r) = integration.post(path, &body).await;
    assert_eq!(r["results"][0]["outcome"], "unchanged");
    let (_, r) = integration
        .post(
            path,
            &json!({"points": [{"period_start": "2026-04-01", "value": 12.5}]}),
        )
        .await;
    assert_eq!(r["results"][0]["outcome"], "updated");
    let points = employee.client.visible("kpi_point").await;
    assert_eq!(points.len(), 2, "one row per period");
    assert_eq!(points[&expected_id.to_string()]["row"]["value"], 12.5);

    // Off the period boundary, unknown KPI, no key, a session token, a revoked key.
    let (status, r) = integration
        .post(
            path,
            &json!({"points": [{"period_start": "2026-04-15", "value": 1.0}]}),
        )
        .await;
    assert_eq!((status, r["code"].as_str()), (400, Some("invalid_input")));
    let (status, r) = integration.post("/api/v1/kpis/nope/points", &body).await;
    assert_eq!((status, r["code"].as_str()), (404, Some("not_found")));
    assert_eq!(srv.anonymous().post(path, &body).await.0, 401);
    assert_eq!(employee.client.post(path, &body).await.0, 401);
    assert!(srv
        .store
        .revoke_api_key("crm", chrono::Utc::now())
        .await
        .unwrap());
    let (status, r) = integration.post(path, &body).await;
    assert_eq!((status, r["code"].as_str()), (401, Some("unauthorized")));
}

// ---------------------------------------------------------------- admin and meta

#[tokio::test]
async fn import_people_builds_reporting_lines_that_scope_follows() {
    let srv = TestServer::start().await;
    let csv = "name,email,title,unit,manager email\n\
               Maria Lopez,maria@example.com,Head of Support,Support,\n\
               Tom Berg,tom@example.com,Agent,Support,maria@example.com\n";
    let summary = stride_server::admin::import_people_csv(&srv.store, csv.as_bytes())
        .await
        .unwrap();
    assert_eq!((summary.created, summary.updated), (2, 0));
    let again = stride_server::admin::import_people_csv(&srv.store, csv.as_bytes())
        .await
        .unwrap();
    assert_eq!((again.created, again.updated), (0, 2));
    for email in ["maria@example.com", "tom@example.com"] {
        stride_server::admin::reset_password(&srv.store, email, Some(common::PASSWORD))
            .await
            .unwrap();
    }
    let maria = srv.sign_in("maria@example.com").await;
    let tom = srv.sign_in("tom@example.com").await;
    let tom_id: Uuid = maria
        .visible("person")
        .await
        .values()
        .find(|p| p["row"]["email"] == "tom@example.com")
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap();
    let mut device = Device::new();
    let g = Uuid::now_v7();
    let op = device.op(
        EntityKind::Goal,
        g,
        OpKind::Create,
        goal_fields(tom_id, "Tickets"),
    );
    assert_eq!(tom.push_ok(device.id, &[op]).await[0]["status"], "applied");
    assert!(maria.visible("goal").await.contains_key(&g.to_string()));
    // A reporting cycle is refused; a bad row names its line.
    let err = srv
        .store
        .set_manager("maria@example.com", Some("tom@example.com"))
        .await
        .unwrap_err();
    assert!(err.to_string().contains("manager"), "{err}");
    let err = stride_server::admin::import_people_csv(&srv.store, "X,,t,u,\n".as_bytes())
        .await
        .unwrap_err();
    assert!(err.to_string().contains("row 1"), "{err}");
}

#[tokio::test]
async fn health_and_openapi_are_served() {
    let srv = TestServer::start().await;
    let anon = srv.anonymous();
    let (status, body) = anon.get("/healthz").await;
    assert_eq!((status, body["status"].as_str()), (200, Some("ok")));
    let (status, doc) = anon.get("/api/openapi.json").await;
    assert_eq!(status, 200);
    assert_eq!(doc["openapi"], "3.1.0");
    assert!(doc["paths"]["/api/v1/sync/push"]["post"].is_object());
}

#[tokio::test]
async fn concurrent_pushes_never_let_an_incremental_pull_skip_a_row() {
    let srv = TestServer::start().await;
    let hr = srv.user("Hr", Role::HrAdmin, None).await;
    let mut writers = Vec::new();
    for name in ["Wa", "Wb", "Wc"] {
        writers.push(srv.user(name, Role::Employee, None).await);
    }
    let tasks: Vec<_> = writers
        .into_iter()
        .map(|mut w| {
            tokio::spawn(async move {
                for i in 0..8 {
                    create_own_goal(&mut w, &format!("goal {i}")).await;
                }
            })
        })
        .collect();
    // Pull incrementally with small pages while the writers push.
    let mut seen = BTreeSet::new();
    let mut cursor: Option<String> = None;
    loop {
        let done = tasks.iter().all(tokio::task::JoinHandle::is_finished);
        let (items, next) = hr.client.pull_all(cursor.as_deref(), 2).await;
        seen.extend(items.iter().map(|i| i["id"].as_str().unwrap().to_owned()));
        cursor = Some(next);
        if done {
            break;
        }
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    for t in tasks {
        t.await.unwrap();
    }
    let all: BTreeSet<_> = hr.client.visible("goal").await.into_keys().collect();
    assert_eq!(all.len(), 24);
    assert!(all.is_subset(&seen), "an incremental pull skipped rows");
}
