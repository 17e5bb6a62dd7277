//! The weekly manager digest from a real database.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use chrono::{TimeZone, Utc};
use common::{d, open_store, operations_goal, seed_org};
use stride_domain::{CheckInDraft, FieldChange, GoalField, StatusThresholds};

#[tokio::test]
async fn the_week_of_a_manager_in_sql() {
    let (_dir, store) = open_store().await;
    let org = seed_org(&store).await;
    let goal = operations_goal(org.omar);
    let mut tx = store.begin_write().await.unwrap();
    tx.insert_goals(std::slice::from_ref(&goal), None, Utc::now())
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let t = StatusThresholds::default();

    // Mid-May, nothing checked in: off track, and Omar is quiet.
    let week = store
        .weekly_digest(org.maria, d(2026, 5, 20), &t)
        .await
        .unwrap();
    assert_eq!(week.manager, "Maria Lopez");
    assert_eq!((week.from, week.to), (d(2026, 5, 14), d(2026, 5, 20)));
    assert_eq!(week.off_track.len(), 1, "{week:#?}");
    assert_eq!(week.off_track[0].goal, goal.id);
    assert_eq!(week.off_track[0].owner, "Omar Haddad");
    assert_eq!(week.quiet.len(), 1);
    assert_eq!(week.quiet[0].person, org.omar);
    assert_eq!(week.quiet[0].last_check_in, None);
    assert_eq!(week.check_ins, 0);
    assert!(week.changes.is_empty());

    // A check-in and a revision in the week.
    let mut tx = store.begin_write().await.unwrap();
    tx.add_check_in(
        CheckInDraft {
            goal: goal.id,
            value: Some(39.0),
            done: false,
            confidence: Some(7),
            note: String::new(),
            blockers: String::new(),
            effective: d(2026, 5, 19),
            author: org.omar,
        },
        Utc.with_ymd_and_hms(2026, 5, 19, 9, 0, 0).unwrap(),
    )
    .await
    .unwrap();
    tx.revise_goal(
        goal.id,
        &[FieldChange {
            field: GoalField::Target,
            value: "30".into(),
        }],
        org.maria,
        "routing beat the plan",
        Utc.with_ymd_and_hms(2026, 5, 18, 15, 0, 0).unwrap(),
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();

    let week = store
        .weekly_digest(org.maria, d(2026, 5, 20), &t)
        .await
        .unwrap();
    assert_eq!(week.check_ins, 1);
    assert!(week.quiet.is_empty(), "{week:#?}");
    assert_eq!(week.changes.len(), 1);
    let c = &week.changes[0];
    assert_eq!(
        (c.field.as_str(), c.who.as_str()),
        ("target", "Maria Lopez")
    );
    assert_eq!(c.on, d(2026, 5, 18));
    assert_eq!(c.words(), "target from 32.0 to 30.0");
    let md = week.to_markdown();
    assert!(md.contains("**Cut order processing time to 32 hours**: target from 32.0 to 30.0 by Maria Lopez: routing beat the plan"), "{md}");

    // Two weeks later: the check-in is older than the week, so Omar is quiet
    // again, and last week's revision has left the digest.
    let later = store
        .weekly_digest(org.maria, d(2026, 6, 3), &t)
        .await
        .unwrap();
    assert_eq!(later.quiet.len(), 1);
    assert_eq!(later.quiet[0].last_check_in, Some(d(2026, 5, 19)));
    assert!(later.changes.is_empty());

    // Omar manages nobody: an empty week, said in words.
    let none = store
        .weekly_digest(org.omar, d(2026, 5, 20), &t)
        .await
        .unwrap();
    assert!(none.is_quiet());
    assert!(store
        .weekly_digest(stride_domain::PersonId::new(), d(2026, 5, 20), &t)
        .await
        .is_err());
}
