//! The sync engine against the real server over HTTP (SQLite, or PostgreSQL
//! when `STRIDE_TEST_PG_URL` is set), with injected faults: offline
//! check-ins, concurrent edits, a revoked permission, paging edges and a
//! server restart in the middle of a push.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{test_config, Device, Server};
use stride_protocol::Role;
use stride_sync::{Fault, SyncError};

/// A manager and a report (the report's goal already synced to both).
async fn team() -> (Server, Device, Device, stride_domain::GoalId) {
    let server = Server::start().await;
    let (_, maria) = server.person("Maria", Role::Manager, None).await;
    let (_, omar) = server.person("Omar", Role::Employee, Some(&maria)).await;
    let manager = Device::new(&server, &maria).await;
    let report = Device::new(&server, &omar).await;
    report.sync().await;
    let goal = report
        .create_goal(report.me, "Cut order processing time")
        .await;
    let r = report.sync().await;
    assert_eq!((r.pushed, r.rejected), (1, 0), "{r:?}");
    manager.sync().await;
    assert!(
        manager.store().goal(goal).await.is_ok(),
        "the manager sees the report's goal"
    );
    (server, manager, report, goal)
}

#[tokio::test]
async fn an_offline_check_in_reaches_the_manager_exactly_once() {
    let (mut server, manager, report, goal) = team().await;
    server.stop().await;
    report.check_in(goal, 41.0).await;
    let err = report.engine.sync(&report.token).await.unwrap_err();
    assert!(matches!(err, SyncError::Network(_)), "{err}");
    assert_eq!(
        report.store().sync_counts().await.unwrap().pending,
        1,
        "kept while the server is down"
    );

    server.restart().await;
    // The first push's answer is lost after the server committed it, the retry
    // arrives twice, and a 503 comes in between: still one check-in.
    report.faults().fail_pushes([
        Some(Fault::DropResponse),
        Some(Fault::ServerError),
        Some(Fault::Duplicate),
    ]);
    let r = report.sync().await;
    assert_eq!((r.pushed, r.rejected, r.pending), (1, 0, 0), "{r:?}");
    assert!(report.faults().pushes_delivered() >= 3);

    let m = manager.sync().await;
    assert!(m.pulled >= 1, "{m:?}");
    assert_eq!(manager.check_in_values(goal).await, [41.0]);
    assert_eq!(report.check_in_values(goal).await, [41.0]);
}

#[tokio::test]
async fn both_edit_the_target_offline_and_both_see_the_winner_and_the_conflict() {
    let (_server, manager, report, goal) = team().await;
    report.set_target(goal, "80").await;
    tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    manager.set_target(goal, "90").await; // later clock: this one wins

    report.sync().await;
    let m = manager.sync().await;
    assert!(m.conflicts >= 1, "{m:?}");
    let r = report.sync().await;
    assert_eq!(r.pending, 0);

    for (who, d) in [("manager", &manager), ("report", &report)] {
        let g = d.store().goal(goal).await.unwrap();
        assert_eq!(g.target, Some(90.0), "{who} converged on the later edit");
        let conflicts = d.store().conflicts().await.unwrap();
        let c = conflicts
            .iter()
            .find(|c| c.field == "target")
            .unwrap_or_else(|| panic!("{who} has no target conflict: {conflicts:?}"));
        assert_eq!(c.winner_value, serde_json::json!(90.0), "{who}");
        assert_eq!(c.loser_value, serde_json::json!(80.0), "{who}");
        assert_eq!(c.goal_id.as_deref(), Some(goal.to_string().as_str()));
    }
    assert_eq!(manager.fingerprint().await, report.fingerprint().await);
}

#[tokio::test]
async fn a_write_after_the_permission_was_revoked_is_kept_as_needs_attention() {
    let (server, manager, report, goal) = team().await;
    // Offline, the manager edits the report's goal; meanwhile the report
    // moves to no manager on the server.
    manager.set_target(goal, "95").await;
    server
        .store
        .set_manager("omar@example.com", None)
        .await
        .unwrap();
    let r = manager.sync().await;
    assert!(r.rejected >= 1, "{r:?}");
    assert_eq!(r.pending, 0);
    let attention = manager.store().needs_attention().await.unwrap();
    assert!(
        attention
            .iter()
            .any(|a| a.entity == "goal" && a.fields["target"]["value"] == serde_json::json!(95.0)),
        "{attention:?}"
    );
    assert!(
        attention
            .iter()
            .all(|a| ["not_found", "forbidden"].contains(&a.code.as_str())),
        "{attention:?}"
    );
    assert!(
        manager.store().goal(goal).await.is_err(),
        "the goal left the manager's scope"
    );
    // The report's copy is untouched by the refused write.
    report.sync().await;
    assert_eq!(report.store().goal(goal).await.unwrap().target, Some(70.0));
}

#[tokio::test]
async fn a_person_with_two_devices_sees_both_devices_check_ins() {
    let (server, manager, laptop, goal) = team().await;
    let phone = Device::new(&server, "omar@example.com").await;
    phone.sync().await;
    laptop.check_in(goal, 10.0).await;
    phone.check_in(goal, 20.0).await;
    laptop.sync().await;
    phone.sync().await;
    laptop.sync().await;
    manager.sync().await;
    for d in [&laptop, &phone, &manager] {
        assert_eq!(d.check_in_values(goal).await, [10.0, 20.0]);
    }
    assert_eq!(laptop.fingerprint().await, phone.fingerprint().await);
    assert_eq!(laptop.fingerprint().await, manager.fingerprint().await);
}

#[tokio::test]
async fn pages_of_one_an_exact_multiple_and_one_more_give_the_same_database() {
    let (server, manager, report, goal) = team().await;
    for v in 0..7 {
        report.check_in(goal, f64::from(v)).await;
    }
    report.create_goal(report.me, "Second goal").await;
    report.sync().await;
    manager.sync().await;

    // How many rows a first download of the manager's scope has.
    let probe = Device::with_config(&server, "maria@example.com", test_config(1000)).await;
    let total = probe.sync().await.pulled;
    assert!(total > 10, "{total}");
    let divisor = (2..total).find(|d| total % d == 0).unwrap_or(total);
    let expected = manager.fingerprint().await;
    assert_eq!(probe.fingerprint().await, expected);
    for limit in [1, divisor, total - 1, total, total + 1] {
        let limit = u32::try_from(limit).unwrap();
        let d = Device::with_config(&server, "maria@example.com", test_config(limit)).await;
        let r = d.sync().await;
        assert_eq!(r.pulled, total, "page size {limit}: {r:?}");
        assert_eq!(d.fingerprint().await, expected, "page size {limit}");
        let again = d.sync().await;
        assert_eq!(
            again.pulled, 0,
            "page size {limit}: nothing new after the head"
        );
    }
}

#[tokio::test]
async fn a_server_restart_in_the_middle_of_a_push_loses_and_duplicates_nothing() {
    let server_and_team = team().await;
    let (mut server, manager, _report, goal) = server_and_team;
    let mut config = test_config(500);
    config.push_batch = 2;
    config.retries = 0;
    let report = Device::with_config(&server, "omar@example.com", config).await;
    report.sync().await;
    for v in 1..=5 {
        report.check_in(goal, f64::from(v)).await;
    }
    // Batch 1 lands; batch 2 is committed by the server but its answer is lost
    // as the server goes down.
    report
        .faults()
        .fail_pushes([None, Some(Fault::DropResponse)]);
    let err = report.engine.sync(&report.token).await.unwrap_err();
    assert!(matches!(err, SyncError::Network(_)), "{err}");
    assert_eq!(report.store().sync_counts().await.unwrap().pending, 3);
    server.restart().await;

    let r = report.sync().await;
    assert_eq!((r.pushed, r.pending, r.rejected), (3, 0, 0), "{r:?}");
    manager.sync().await;
    assert_eq!(
        manager.check_in_values(goal).await,
        [1.0, 2.0, 3.0, 4.0, 5.0]
    );
    assert_eq!(
        report.check_in_values(goal).await,
        [1.0, 2.0, 3.0, 4.0, 5.0]
    );
}

/// Found by the model test's LWW oracle: a later edit that happens to equal
/// the value already on the server must still move the field's clock, or an
/// earlier concurrent edit arriving after it wins.
#[tokio::test]
async fn a_later_edit_equal_to_the_server_value_still_beats_an_earlier_one() {
    let (server, manager, laptop, goal) = team().await;
    let phone = Device::new(&server, "omar@example.com").await;
    phone.sync().await;
    laptop.set_target(goal, "80").await;
    laptop.sync().await;
    let pause = std::time::Duration::from_millis(5);
    tokio::time::sleep(pause).await;
    manager.set_target(goal, "90").await; // offline, still sees 70
    tokio::time::sleep(pause).await;
    phone.set_target(goal, "80").await; // offline, still sees 70: the last edit
    phone.sync().await;
    manager.sync().await;
    for d in [&laptop, &phone, &manager] {
        d.sync().await;
    }
    for (who, d) in [
        ("laptop", &laptop),
        ("phone", &phone),
        ("manager", &manager),
    ] {
        assert_eq!(
            d.store().goal(goal).await.unwrap().target,
            Some(80.0),
            "{who}: the last edit (80, on the phone) wins"
        );
    }
}
