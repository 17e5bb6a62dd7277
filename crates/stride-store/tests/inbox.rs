//! The inbox with a mock clock: the scheduler ticks day by day (or after a
//! sleep) and each cause lands once.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly on purpose

mod common;

use chrono::{Days, NaiveDate};
use common::{company_goal, d, now, open_store, operations_goal, seed_org};
use stride_domain::alerts::AlertKind;
use stride_domain::{AlignmentEdge, CheckInDraft, PersonId};
use stride_store::{AlertState, Store};

async fn fixture() -> (
    tempfile::TempDir,
    Store,
    PersonId,
    PersonId,
    stride_domain::Goal,
) {
    let (dir, store) = open_store().await;
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
        weight: 1.0,
    })
    .await
    .unwrap();
    tx.commit().await.unwrap();
    (dir, store, org.omar, org.maria, ops)
}

async fn tick_days(store: &Store, from: NaiveDate, to: NaiveDate) {
    let mut day = from;
    while day <= to {
        store.tick(day).await.unwrap();
        day = day.checked_add_days(Days::new(1)).unwrap();
    }
}

async fn count(store: &Store, person: PersonId, kind: AlertKind, as_of: NaiveDate) -> usize {
    store
        .inbox(person, as_of, 1000)
        .await
        .unwrap()
        .iter()
        .filter(|i| i.kind == kind)
        .count()
}

#[tokio::test]
async fn one_reminder_per_missed_week_one_escalation_none_after_a_check_in() {
    let (_dir, store, omar, maria, ops) = fixture().await;
    tick_days(&store, d(2026, 4, 1), d(2026, 4, 7)).await;
    assert_eq!(
        count(&store, omar, AlertKind::CheckInDue, d(2026, 4, 7)).await,
        0,
        "not due in the first week"
    );
    tick_days(&store, d(2026, 4, 8), d(2026, 4, 14)).await;
    assert_eq!(
        count(&store, omar, AlertKind::CheckInDue, d(2026, 4, 14)).await,
        1
    );
    assert_eq!(
        count(&store, maria, AlertKind::MissedCheckIns, d(2026, 4, 14)).await,
        0,
        "one miss is not escalated"
    );
    tick_days(&store, d(2026, 4, 15), d(2026, 4, 28)).await;
    assert_eq!(
        count(&store, omar, AlertKind::CheckInDue, d(2026, 4, 28)).await,
        3,
        "one per missed week"
    );
    assert_eq!(
        count(&store, maria, AlertKind::MissedCheckIns, d(2026, 4, 28)).await,
        1,
        "escalated once"
    );
    assert_eq!(
        count(&store, maria, AlertKind::CheckInDue, d(2026, 4, 28)).await,
        0,
        "reminders go to the owner"
    );

    let mut tx = store.begin_write().await.unwrap();
    tx.add_check_in(
        CheckInDraft {
            goal: ops.id,
            value: Some(45.0),
            done: false,
            confidence: Some(6),
            note: String::new(),
            blockers: String::new(),
            effective: d(2026, 4, 29),
            author: omar,
        },
        now(),
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    tick_days(&store, d(2026, 4, 29), d(2026, 5, 5)).await;
    assert_eq!(
        count(&store, omar, AlertKind::CheckInDue, d(2026, 5, 5)).await,
        3,
        "quiet after the check-in"
    );
    tick_days(&store, d(2026, 5, 6), d(2026, 5, 6)).await;
    assert_eq!(
        count(&store, omar, AlertKind::CheckInDue, d(2026, 5, 6)).await,
        4,
        "due again a week later"
    );
}

#[tokio::test]
async fn a_tick_after_five_days_asleep_catches_up_once() {
    let (_d1, awake, omar, _, _) = fixture().await;
    tick_days(&awake, d(2026, 4, 1), d(2026, 4, 20)).await;
    let (_d2, slept, omar2, _, _) = fixture().await;
    tick_days(&slept, d(2026, 4, 1), d(2026, 4, 15)).await;
    // Asleep from the 16th to the 20th; one tick on waking.
    let report = slept.tick(d(2026, 4, 20)).await.unwrap();
    assert!(report.considered > 0);
    let kinds = |items: Vec<stride_store::InboxItem>| {
        let mut k: Vec<(String, String)> = items
            .into_iter()
            .map(|i| (i.kind.to_string(), i.reason))
            .collect();
        k.sort();
        k
    };
    let a = kinds(awake.inbox(omar, d(2026, 4, 20), 1000).await.unwrap());
    let b = kinds(slept.inbox(omar2, d(2026, 4, 20), 1000).await.unwrap());
    assert_eq!(a.len(), b.len(), "awake {a:?}\nslept {b:?}");
    // Ticking the same day again adds nothing.
    assert_eq!(slept.tick(d(2026, 4, 20)).await.unwrap().raised, 0);
}

#[tokio::test]
async fn dismissed_and_snoozed_items_leave_the_inbox_until_their_day() {
    let (_dir, store, omar, _, _) = fixture().await;
    tick_days(&store, d(2026, 4, 8), d(2026, 4, 8)).await;
    let items = store.inbox(omar, d(2026, 4, 8), 100).await.unwrap();
    let reminder = items
        .iter()
        .find(|i| i.kind == AlertKind::CheckInDue)
        .unwrap();
    assert_eq!(reminder.state, AlertState::New);

    let mut tx = store.begin_write().await.unwrap();
    tx.set_alert_state(&reminder.id, AlertState::Snoozed, Some(d(2026, 4, 10)))
        .await
        .unwrap();
    tx.commit().await.unwrap();
    assert!(store
        .inbox(omar, d(2026, 4, 9), 100)
        .await
        .unwrap()
        .iter()
        .all(|i| i.id != reminder.id));
    assert!(store
        .inbox(omar, d(2026, 4, 10), 100)
        .await
        .unwrap()
        .iter()
        .any(|i| i.id == reminder.id));

    let mut tx = store.begin_write().await.unwrap();
    tx.set_alert_state(&reminder.id, AlertState::Dismissed, None)
        .await
        .unwrap();
    let err = tx
        .set_alert_state(&reminder.id, AlertState::Snoozed, None)
        .await
        .unwrap_err();
    assert!(err.to_string().contains("Choose the day"));
    let err = tx
        .set_alert_state("nope", AlertState::Seen, None)
        .await
        .unwrap_err();
    assert!(matches!(err, stride_store::StoreError::NotFound { .. }));
    tx.commit().await.unwrap();
    assert!(store
        .inbox(omar, d(2026, 4, 30), 100)
        .await
        .unwrap()
        .iter()
        .all(|i| i.id != reminder.id));
    // Raising the same cause again does not bring it back.
    tick_days(&store, d(2026, 4, 8), d(2026, 4, 8)).await;
    assert!(store
        .inbox(omar, d(2026, 4, 9), 100)
        .await
        .unwrap()
        .iter()
        .all(|i| i.id != reminder.id));
}
