//! Remembered goal evaluations (migration 6): reads that use them give
//! exactly what a live evaluation gives, after every kind of write — from the
//! store's own write path or from any other connection — and a refresh
//! re-evaluates only the goals those writes touched.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly on purpose

use chrono::{NaiveDate, Utc};
use sqlx::Connection;
use stride_domain::{CheckInDraft, FieldChange, GoalField, StatusThresholds};
use stride_store::demo::{generate, DemoOptions};
use stride_store::{GoalScope, GoalSummary, Store};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

const TODAY: (i32, u32, u32) = (2026, 5, 20);

/// Equal goal by goal; on a difference, names the first goal that differs.
fn same(a: &[GoalSummary], b: &[GoalSummary], what: &str) {
    assert_eq!(a.len(), b.len(), "{what}: goal counts differ");
    if let Some((x, y)) = a.iter().zip(b).find(|(x, y)| x != y) {
        panic!("{what}: first difference\n  {x:?}\n  {y:?}");
    }
}

/// The dashboard's counts must be the goal list's statuses, whatever was
/// kept in memory before the last write.
async fn dashboard_agrees(store: &Store, as_of: NaiveDate, what: &str) {
    let d = store
        .dashboard(as_of, &StatusThresholds::default(), None)
        .await
        .unwrap();
    let goals = all(store, as_of).await;
    let n = |s: stride_domain::GoalStatus| {
        i64::try_from(goals.iter().filter(|g| g.status == Some(s)).count()).unwrap()
    };
    use stride_domain::GoalStatus as S;
    assert_eq!(
        (
            d.counts.on_track,
            d.counts.at_risk,
            d.counts.off_track,
            d.counts.done,
            d.counts.missed
        ),
        (
            n(S::OnTrack),
            n(S::AtRisk),
            n(S::OffTrack),
            n(S::Done),
            n(S::Missed)
        ),
        "{what}: the dashboard's counts"
    );
}

/// Different for at least one goal.
fn differ(a: &[GoalSummary], b: &[GoalSummary], what: &str) {
    assert!(a != b, "{what}: nothing changed");
}

async fn all(store: &Store, as_of: NaiveDate) -> Vec<GoalSummary> {
    let mut v = store
        .goal_summaries(
            GoalScope::All,
            None,
            as_of,
            &StatusThresholds::default(),
            u32::MAX,
            0,
        )
        .await
        .unwrap();
    v.sort_by_key(|s| s.id);
    v
}

/// One `goal_eval` row.
type Remembered = (
    String,
    String,
    f64,
    f64,
    Option<f64>,
    Option<String>,
    f64,
    f64,
    Option<String>,
);

/// What a database with nothing remembered says: the live evaluation.
async fn live(store: &Store, path: &std::path::Path, as_of: NaiveDate) -> Vec<GoalSummary> {
    let mut c = sqlx::SqliteConnection::connect(&format!("sqlite://{}", path.display()))
        .await
        .unwrap();
    let remembered: Vec<Remembered> = sqlx::query_as("SELECT * FROM goal_eval")
        .fetch_all(&mut c)
        .await
        .unwrap();
    sqlx::query("DELETE FROM goal_eval")
        .execute(&mut c)
        .await
        .unwrap();
    let out = all(store, as_of).await;
    // Put the remembered rows back exactly, so the caller's state is unchanged.
    for r in remembered {
        sqlx::query("INSERT INTO goal_eval VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
            .bind(r.0)
            .bind(r.1)
            .bind(r.2)
            .bind(r.3)
            .bind(r.4)
            .bind(r.5)
            .bind(r.6)
            .bind(r.7)
            .bind(r.8)
            .execute(&mut c)
            .await
            .unwrap();
    }
    out
}

async fn remembered(path: &std::path::Path) -> i64 {
    let mut c = sqlx::SqliteConnection::connect(&format!("sqlite://{}", path.display()))
        .await
        .unwrap();
    sqlx::query_scalar("SELECT count(*) FROM goal_eval")
        .fetch_one(&mut c)
        .await
        .unwrap()
}

#[tokio::test]
async fn remembered_evaluations_agree_with_live_ones_after_every_kind_of_write() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cache.db");
    let store = Store::open(&path).await.unwrap();
    let today = d(TODAY.0, TODAY.1, TODAY.2);
    generate(&store, &DemoOptions::new(60, 11, today), &mut |_| {})
        .await
        .unwrap();
    let t = StatusThresholds::default();

    let before = all(&store, today).await;
    let goals = i64::try_from(before.len()).unwrap();
    assert!(goals > 100, "a demo with enough goals: {goals}");
    assert_eq!(
        remembered(&path).await,
        0,
        "nothing is remembered before a refresh"
    );
    // Refills are bookkeeping: what was derived from the data (the map's
    // roll-up memo) stays valid, so the write generation does not move.
    let generation = store.generation();
    assert_eq!(
        store.refresh_evaluations(today, &t).await.unwrap(),
        u64::try_from(goals).unwrap()
    );
    assert_eq!(remembered(&path).await, goals);
    assert_eq!(store.generation(), generation, "a refill is no data write");
    assert_eq!(
        store.refresh_evaluations(today, &t).await.unwrap(),
        0,
        "all fresh: nothing to do"
    );
    same(&all(&store, today).await, &before, "remembered = live");
    dashboard_agrees(&store, today, "before any write").await;

    // 1. A check-in through the store.
    let active = before
        .iter()
        .find(|g| {
            g.state == stride_domain::GoalState::Active && g.start <= today && g.target.is_some()
        })
        .expect("an active goal");
    let me = match active.owner {
        stride_domain::Owner::Person(p) => p,
        stride_domain::Owner::Unit(_) => before
            .iter()
            .find_map(|g| match g.owner {
                stride_domain::Owner::Person(p) => Some(p),
                stride_domain::Owner::Unit(_) => None,
            })
            .unwrap(),
    };
    let mut tx = store.begin_write().await.unwrap();
    let check_in = tx
        .add_check_in(
            CheckInDraft {
                goal: active.id,
                value: active.target,
                done: false,
                confidence: Some(9),
                note: "reached".into(),
                blockers: String::new(),
                effective: today,
                author: me,
            },
            Utc::now(),
        )
        .await
        .unwrap();
    tx.commit().await.unwrap();
    assert!(
        store.generation() > generation,
        "a check-in is a data write"
    );
    let after_check_in = all(&store, today).await;
    dashboard_agrees(&store, today, "after a check-in").await;
    differ(&after_check_in, &before, "the check-in shows");
    same(
        &after_check_in,
        &live(&store, &path, today).await,
        "after a check-in",
    );
    assert_eq!(
        store.refresh_evaluations(today, &t).await.unwrap(),
        1,
        "only that goal"
    );

    // 2. Undo (a delete of the check-in).
    let mut tx = store.begin_write().await.unwrap();
    tx.undo_check_in(check_in.id, Utc::now()).await.unwrap();
    tx.commit().await.unwrap();
    same(&all(&store, today).await, &before, "undone");
    assert_eq!(store.refresh_evaluations(today, &t).await.unwrap(), 1);

    // 3. A revised target.
    let other = before
        .iter()
        .find(|g| {
            g.id != active.id && g.target.is_some() && g.state == stride_domain::GoalState::Active
        })
        .unwrap();
    let mut tx = store.begin_write().await.unwrap();
    tx.revise_goal(
        other.id,
        &[FieldChange::from_input(
            GoalField::Target,
            &format!("{}", other.target.unwrap() * 3.0 + 1.0),
        )
        .unwrap()],
        me,
        "market shift",
        Utc::now(),
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    let revised = all(&store, today).await;
    dashboard_agrees(&store, today, "after a revision").await;
    same(
        &revised,
        &live(&store, &path, today).await,
        "after a revision",
    );
    assert_eq!(store.refresh_evaluations(today, &t).await.unwrap(), 1);

    // 4. Writes from another connection: a KPI data point and checkpoints.
    let mut c = sqlx::SqliteConnection::connect(&format!("sqlite://{}", path.display()))
        .await
        .unwrap();
    let (kpi, tracking): (String, i64) = sqlx::query_as(
        "SELECT kpi_id, count(*) FROM goals WHERE kpi_id IS NOT NULL GROUP BY kpi_id ORDER BY count(*) DESC LIMIT 1",
    )
    .fetch_one(&mut c)
    .await
    .expect("the demo has goals tracking a KPI");
    let changed = sqlx::query(
        "UPDATE kpi_points SET value = value * 2 + 7 WHERE kpi_id = ? AND period_start = \
         (SELECT max(period_start) FROM kpi_points WHERE kpi_id = ? AND period_start <= ?)",
    )
    .bind(&kpi)
    .bind(&kpi)
    .bind(today.to_string())
    .execute(&mut c)
    .await
    .unwrap();
    assert_eq!(changed.rows_affected(), 1);
    let with_checkpoint: Option<String> =
        sqlx::query_scalar("SELECT goal_id FROM goal_checkpoints LIMIT 1")
            .fetch_optional(&mut c)
            .await
            .unwrap();
    let mut touched = tracking;
    if let Some(g) = &with_checkpoint {
        sqlx::query("DELETE FROM goal_checkpoints WHERE goal_id = ?")
            .bind(g)
            .execute(&mut c)
            .await
            .unwrap();
        let tracks: bool = sqlx::query_scalar("SELECT kpi_id IS ? FROM goals WHERE id = ?")
            .bind(&kpi)
            .bind(g)
            .fetch_one(&mut c)
            .await
            .unwrap();
        if !tracks {
            touched += 1;
        }
    }
    drop(c);
    let mixed = all(&store, today).await;
    differ(
        &mixed,
        &revised,
        "the KPI point changed the goals tracking it",
    );
    same(
        &mixed,
        &live(&store, &path, today).await,
        "after other connections wrote",
    );
    assert_eq!(
        store.refresh_evaluations(today, &t).await.unwrap(),
        u64::try_from(touched).unwrap(),
        "the KPI's goals and the goal that lost its checkpoints"
    );
    same(&all(&store, today).await, &mixed, "refreshed");

    // 5. Another day: everything is evaluated live until refreshed, and right.
    let tomorrow = today.succ_opt().unwrap();
    assert_eq!(
        all(&store, tomorrow).await,
        live(&store, &path, tomorrow).await
    );
    assert_eq!(
        store.refresh_evaluations(tomorrow, &t).await.unwrap(),
        u64::try_from(goals).unwrap()
    );
    // Other thresholds are another key too.
    let strict = StatusThresholds {
        at_risk_gap: 0.01,
        off_track_gap: 0.02,
    };
    let strict_live = {
        let mut v = store
            .goal_summaries(GoalScope::All, None, tomorrow, &strict, u32::MAX, 0)
            .await
            .unwrap();
        v.sort_by_key(|s| s.id);
        v
    };
    assert_eq!(
        store.refresh_evaluations(tomorrow, &strict).await.unwrap(),
        u64::try_from(goals).unwrap()
    );
    let mut strict_cached = store
        .goal_summaries(GoalScope::All, None, tomorrow, &strict, u32::MAX, 0)
        .await
        .unwrap();
    strict_cached.sort_by_key(|s| s.id);
    same(&strict_cached, &strict_live, "other thresholds");
}
