//! The demo organisation generator on real temp-file SQLite databases.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)] // tests fail loudly; the timing run prints

use std::collections::BTreeSet;

use chrono::NaiveDate;
use stride_domain::{
    AlignmentEdge, AlignmentGraph, Cadence, Category, Direction, GoalId, GoalKind, Owner,
};
use stride_store::demo::{generate, DemoOptions, DemoProgress, DemoSummary};
use stride_store::{Store, StoreError};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

const TODAY: (i32, u32, u32) = (2026, 11, 27);

fn options(people: usize, seed: u64) -> DemoOptions {
    DemoOptions::new(people, seed, d(TODAY.0, TODAY.1, TODAY.2))
}

async fn fresh(dir: &tempfile::TempDir, name: &str) -> Store {
    Store::open(&dir.path().join(name)).await.unwrap()
}

async fn run(store: &Store, opts: &DemoOptions) -> (DemoSummary, Vec<DemoProgress>) {
    let mut seen = Vec::new();
    let summary = generate(store, opts, &mut |p| seen.push(p)).await.unwrap();
    (summary, seen)
}

async fn count(store: &Store, sql: &str) -> usize {
    let n: i64 = sqlx::query_scalar(sql)
        .fetch_one(store.reader())
        .await
        .unwrap();
    usize::try_from(n).unwrap()
}

async fn table_counts(store: &Store) -> [usize; 10] {
    [
        count(store, "SELECT count(*) FROM org_units").await,
        count(store, "SELECT count(*) FROM people").await,
        count(store, "SELECT count(*) FROM cycles").await,
        count(store, "SELECT count(*) FROM goals").await,
        count(store, "SELECT count(*) FROM goal_checkpoints").await,
        count(store, "SELECT count(*) FROM alignments").await,
        count(store, "SELECT count(*) FROM checkins").await,
        count(store, "SELECT count(*) FROM revisions").await,
        count(store, "SELECT count(*) FROM kpis").await,
        count(store, "SELECT count(*) FROM kpi_points").await,
    ]
}

fn summary_counts(s: &DemoSummary) -> [usize; 10] {
    [
        s.org_units,
        s.people,
        s.cycles,
        s.goals,
        s.checkpoints,
        s.alignments,
        s.check_ins,
        s.revisions,
        s.kpis,
        s.data_points,
    ]
}

async fn all_edges(store: &Store) -> Vec<AlignmentEdge> {
    let rows: Vec<(GoalId, GoalId, f64)> =
        sqlx::query_as("SELECT child_id, parent_id, weight FROM alignments")
            .fetch_all(store.reader())
            .await
            .unwrap();
    rows.into_iter()
        .map(|(child, parent, weight)| AlignmentEdge {
            child,
            parent,
            weight,
        })
        .collect()
}

#[tokio::test]
async fn sixty_people_counts_match_the_summary() {
    let dir = tempfile::tempdir().unwrap();
    let store = fresh(&dir, "demo.db").await;
    let (summary, progress) = run(&store, &options(60, 7)).await;
    assert_eq!(table_counts(&store).await, summary_counts(&summary));
    assert_eq!(summary.people, 60);
    assert_eq!(summary.cycles, 5);
    assert_eq!(summary.kpis, 6);
    assert!(summary.goals > 300, "{summary:?}");
    assert!(summary.check_ins > summary.goals, "{summary:?}");
    assert!(summary.revisions > 0 && summary.data_points > 0);
    // Progress: every phase reported, ending complete.
    for phase in ["organisation", "kpis", "unit goals", "individual goals"] {
        let last = progress.iter().rev().find(|p| p.phase == phase).unwrap();
        assert_eq!(last.done, last.total, "{phase}");
    }

    // Every direction, category, kind, state and cadence is used.
    let used = |col: &'static str| {
        let store = store.clone();
        async move {
            let v: Vec<String> = sqlx::query_scalar(&format!("SELECT DISTINCT {col} FROM goals"))
                .fetch_all(store.reader())
                .await
                .unwrap();
            v.into_iter().collect::<BTreeSet<String>>()
        }
    };
    let directions = used("direction").await;
    for dir in Direction::ALL {
        assert!(directions.contains(dir.as_str()), "direction {dir} unused");
    }
    let kinds = used("kind").await;
    for k in GoalKind::ALL {
        assert!(kinds.contains(k.as_str()), "kind {k} unused");
    }
    let categories = used("category").await;
    for c in Category::ALL {
        assert!(categories.contains(c.as_str()), "category {c} unused");
    }
    let states = used("state").await;
    for s in [
        "draft",
        "active",
        "completed",
        "missed",
        "cancelled",
        "deprioritised",
    ] {
        assert!(states.contains(s), "state {s} unused: {states:?}");
    }
    let cadences = used("cadence").await;
    assert!(
        cadences.contains("weekly")
            && cadences.contains("biweekly")
            && cadences.contains("monthly")
    );

    // A few goals track KPIs; some goals are orphans; some sit under a dropped parent.
    assert!(
        count(
            &store,
            "SELECT count(*) FROM goals WHERE kpi_id IS NOT NULL"
        )
        .await
            >= 2
    );
    let orphans = count(
        &store,
        "SELECT count(*) FROM goals g WHERE g.owner_person_id IS NOT NULL \
         AND NOT EXISTS (SELECT 1 FROM alignments a WHERE a.child_id = g.id)",
    )
    .await;
    assert!(orphans >= 1, "no orphaned goals");
    let under_dropped = count(
        &store,
        "SELECT count(*) FROM alignments a JOIN goals p ON p.id = a.parent_id \
         JOIN goals c ON c.id = a.child_id \
         WHERE p.state IN ('cancelled', 'deprioritised') AND c.state NOT IN ('cancelled', 'deprioritised')",
    )
    .await;
    assert!(
        under_dropped >= 1,
        "no goal under a cancelled/deprioritised parent"
    );
    // Some goals have two parents with different weights.
    assert!(
        count(
            &store,
            "SELECT count(*) FROM (SELECT child_id FROM alignments GROUP BY child_id \
             HAVING count(*) > 1 AND min(weight) <> max(weight))"
        )
        .await
            >= 1
    );
    // Roles: one or two HR admins, managers with reports; unique emails (enforced by the schema).
    let hr = count(
        &store,
        "SELECT count(*) FROM people WHERE role = 'hr_admin'",
    )
    .await;
    assert!((1..=2).contains(&hr), "{hr} hr admins");
    let me_reports = count(
        &store,
        &format!(
            "SELECT count(*) FROM people WHERE manager_id = '{}'",
            summary.me
        ),
    )
    .await;
    assert!(me_reports > 0, "me has no reports");
    // Check-ins never in the future, and cycles relative to today.
    assert_eq!(
        count(
            &store,
            "SELECT count(*) FROM checkins WHERE effective_date >= '2026-11-27'"
        )
        .await,
        0
    );
    let states: Vec<(String, String)> =
        sqlx::query_as("SELECT name, state FROM cycles ORDER BY start_date")
            .fetch_all(store.reader())
            .await
            .unwrap();
    assert_eq!(
        states,
        vec![
            ("Q4 2025".to_owned(), "closed".to_owned()),
            ("Q1 2026".to_owned(), "closed".to_owned()),
            ("Q2 2026".to_owned(), "closed".to_owned()),
            ("Q3 2026".to_owned(), "closed".to_owned()),
            ("Q4 2026".to_owned(), "active".to_owned()),
        ]
    );
}

#[tokio::test]
async fn the_seed_goals_are_there_as_the_article_says() {
    let dir = tempfile::tempdir().unwrap();
    let store = fresh(&dir, "seed.db").await;
    let (summary, _) = run(&store, &options(60, 11)).await;
    let seed = summary.seed_goals;

    let sales = store.goal(seed.sales).await.unwrap();
    assert_eq!(sales.statement, "Increase qualified pipeline revenue by 25% in Q3 2026 by making 20 outbound calls per day and logging all activity inside the CRM.");
    assert_eq!(sales.direction, Direction::Increase);
    assert_eq!(
        (sales.baseline, sales.target),
        (Some(2_000_000.0), Some(2_500_000.0))
    );
    assert_eq!((sales.start, sales.due), (d(2026, 7, 1), d(2026, 9, 30)));
    assert_eq!(sales.cadence, Cadence::Weekly);
    assert_eq!(sales.checkpoints.len(), 13);
    assert!(sales
        .checkpoints
        .windows(2)
        .all(|w| (w[1].date - w[0].date).num_days() == 7));
    assert!(matches!(sales.owner, Owner::Unit(_)));

    let calls = store.goal(seed.sales_calls).await.unwrap();
    assert_eq!(calls.direction, Direction::AtLeast);
    assert_eq!(calls.target, Some(20.0));
    assert_eq!(calls.category, Category::Activity);
    assert_eq!(calls.cadence, Cadence::Weekly);
    assert_eq!(
        store.parents(seed.sales_calls).await.unwrap()[0].0,
        seed.sales
    );
    assert_eq!(calls.owner, Owner::Person(summary.me));

    let hr = store.goal(seed.hr).await.unwrap();
    assert_eq!(hr.statement, "Improve employee engagement scores from 67% to 75% by Q4 2026 through structured bi-weekly feedback sessions and a revised recognition program.");
    assert_eq!((hr.baseline, hr.target), (Some(67.0), Some(75.0)));
    assert_eq!((hr.start, hr.due), (d(2026, 1, 1), d(2026, 12, 31)));
    assert_eq!(hr.cadence, Cadence::Biweekly);
    assert_eq!(hr.checkpoints.len(), 1);
    assert_eq!(
        (hr.checkpoints[0].date, hr.checkpoints[0].expected),
        (d(2026, 6, 30), 71.0)
    );
    let feedback = store.goal(seed.hr_feedback_sessions).await.unwrap();
    assert_eq!(feedback.category, Category::Activity);
    assert_eq!(feedback.cadence, Cadence::Biweekly);
    assert_eq!(
        store.parents(seed.hr_feedback_sessions).await.unwrap()[0].0,
        seed.hr
    );

    let ops = store.goal(seed.operations).await.unwrap();
    assert_eq!(ops.statement, "Reduce average order processing time from 48 hours to 32 hours by Q2 2026 by implementing automated workflow routing and eliminating manual approval bottlenecks.");
    assert_eq!(ops.direction, Direction::Decrease);
    assert_eq!((ops.baseline, ops.target), (Some(48.0), Some(32.0)));
    assert_eq!((ops.start, ops.due), (d(2026, 4, 1), d(2026, 6, 30)));
    assert_eq!(ops.checkpoints.len(), 1);
    assert_eq!(
        (ops.checkpoints[0].date, ops.checkpoints[0].expected),
        (d(2026, 5, 13), 42.0)
    );
    assert_eq!(ops.kpi, None, "the operations goal is driven by check-ins");

    // Check-ins: sales met, HR at risk, operations short of target and never exactly 40 h.
    let today = d(TODAY.0, TODAY.1, TODAY.2);
    let thresholds = stride_domain::StatusThresholds::default();
    let latest = |cs: &[stride_domain::CheckIn]| {
        stride_domain::current_from_check_ins(cs, None).map(|c| c.value)
    };
    let sales_ci = store.check_ins(seed.sales).await.unwrap();
    assert_eq!(sales_ci.len(), 13);
    let v = latest(&sales_ci);
    assert!(v.unwrap() >= 2_500_000.0, "{v:?}");
    let hr_ci = store.check_ins(seed.hr).await.unwrap();
    let v = latest(&hr_ci);
    assert_eq!(
        stride_domain::goal_status(&hr, v, today, &thresholds),
        Some(stride_domain::GoalStatus::AtRisk),
        "HR engagement at {v:?}"
    );
    let ops_ci = store.check_ins(seed.operations).await.unwrap();
    assert!(ops_ci.len() >= 3);
    assert!(ops_ci.iter().all(|c| c.value != Some(40.0)));
    let v = latest(&ops_ci).unwrap();
    assert!((42.0..=46.0).contains(&v), "{v}");
    assert!(ops.progress(Some(v)) < 0.5);
    // A check-in of 40 h gives exactly half way.
    assert_eq!(ops.progress(Some(40.0)), 0.5);
    // The sales goal was on track along the way (on the week-8 checkpoint).
    let wk8 = sales_ci
        .iter()
        .rfind(|c| c.effective <= d(2026, 8, 26))
        .unwrap();
    assert_eq!(
        stride_domain::goal_status(&sales, wk8.value, d(2026, 8, 26), &thresholds),
        Some(stride_domain::GoalStatus::OnTrack)
    );

    // Each seed goal traces up to a company objective.
    let edges = all_edges(&store).await;
    let graph = AlignmentGraph::from_edges(edges).unwrap();
    let company: BTreeSet<GoalId> = sqlx::query_scalar::<_, GoalId>(
        "SELECT id FROM goals WHERE owner_unit_id = (SELECT id FROM org_units WHERE kind = 'company')",
    )
    .fetch_all(store.reader())
    .await
    .unwrap()
    .into_iter()
    .collect();
    for id in [
        seed.sales,
        seed.sales_calls,
        seed.hr,
        seed.hr_feedback_sessions,
        seed.operations,
    ] {
        assert!(
            graph.ancestors(id).iter().any(|a| company.contains(a)),
            "{id} does not reach a company objective"
        );
    }
}

#[tokio::test]
async fn same_seed_same_data_different_seed_different_people() {
    let dir = tempfile::tempdir().unwrap();
    let a = fresh(&dir, "a.db").await;
    let b = fresh(&dir, "b.db").await;
    let c = fresh(&dir, "c.db").await;
    let (sa, _) = run(&a, &options(80, 42)).await;
    let (sb, _) = run(&b, &options(80, 42)).await;
    let (sc, _) = run(&c, &options(80, 43)).await;
    assert_eq!(summary_counts(&sa), summary_counts(&sb));
    assert_eq!(sa, sb, "ids are deterministic too");
    assert_eq!(sc.people, 80);
    for (x, y) in [
        (sa.seed_goals.sales, sb.seed_goals.sales),
        (sa.seed_goals.hr, sb.seed_goals.hr),
        (sa.seed_goals.operations, sb.seed_goals.operations),
    ] {
        assert_eq!(
            a.goal(x).await.unwrap().title,
            b.goal(y).await.unwrap().title
        );
    }
    let names = |s: Store| async move {
        sqlx::query_scalar::<_, String>("SELECT name FROM people ORDER BY id")
            .fetch_all(s.reader())
            .await
            .unwrap()
    };
    let (na, nb, nc) = (
        names(a.clone()).await,
        names(b.clone()).await,
        names(c.clone()).await,
    );
    assert_eq!(na, nb);
    assert_ne!(na, nc);
    let notes = |s: Store| async move {
        sqlx::query_scalar::<_, String>(
            "SELECT note || '|' || coalesce(value, '') FROM checkins ORDER BY id",
        )
        .fetch_all(s.reader())
        .await
        .unwrap()
    };
    assert_eq!(notes(a).await, notes(b).await);
}

#[tokio::test]
async fn alignments_are_acyclic_and_goals_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let store = fresh(&dir, "dag.db").await;
    let (summary, _) = run(&store, &options(120, 5)).await;
    let edges = all_edges(&store).await;
    assert_eq!(edges.len(), summary.alignments);
    AlignmentGraph::from_edges(edges).expect("acyclic, no duplicates, valid weights");

    // Every goal (sampled) reads back as a valid Goal; revised goals reconstruct.
    let ids: Vec<GoalId> = sqlx::query_scalar("SELECT id FROM goals ORDER BY id")
        .fetch_all(store.reader())
        .await
        .unwrap();
    for id in ids.iter().step_by(7) {
        store.goal(*id).await.unwrap();
    }
    let revised: Vec<GoalId> = sqlx::query_scalar("SELECT DISTINCT goal_id FROM revisions")
        .fetch_all(store.reader())
        .await
        .unwrap();
    assert!(!revised.is_empty());
    let mut reasons = BTreeSet::new();
    for id in revised {
        let goal = store.goal(id).await.unwrap();
        let revs = store.revisions(id).await.unwrap();
        let original = stride_domain::original(&goal, &revs).expect("history chains");
        let replayed = stride_domain::replay_forward(
            &original,
            &revs,
            chrono::DateTime::<chrono::Utc>::MAX_UTC,
        )
        .unwrap();
        assert_eq!(replayed, goal);
        reasons.extend(revs.into_iter().map(|r| r.reason));
    }
    assert!(reasons.len() >= 2, "{reasons:?}");
    // Check-ins were valid for their goals and authored by someone.
    assert_eq!(
        count(
            &store,
            "SELECT count(*) FROM checkins WHERE author_id IS NULL"
        )
        .await,
        0
    );
    assert!(count(&store, "SELECT count(*) FROM checkins WHERE blockers <> ''").await > 0);
}

#[tokio::test]
async fn a_second_generate_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let store = fresh(&dir, "twice.db").await;
    run(&store, &options(10, 1)).await;
    let before = table_counts(&store).await;
    let err = generate(&store, &options(10, 1), &mut |_| {})
        .await
        .unwrap_err();
    assert!(
        matches!(&err, StoreError::Conflict(m) if m.contains("already holds data")),
        "{err}"
    );
    assert_eq!(table_counts(&store).await, before);
}

#[tokio::test]
async fn people_outside_the_range_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let store = fresh(&dir, "range.db").await;
    for n in [0, 9, 50_001] {
        let err = generate(&store, &options(n, 1), &mut |_| {})
            .await
            .unwrap_err();
        assert!(
            matches!(&err, StoreError::Invalid { field: Some(f), .. } if f == "people"),
            "{n}: {err}"
        );
    }
    assert_eq!(table_counts(&store).await, [0; 10]);
    // The smallest organisation works.
    let (s, _) = run(&store, &options(10, 1)).await;
    assert_eq!(s.people, 10);
}

#[tokio::test]
async fn two_thousand_people_stay_consistent() {
    let dir = tempfile::tempdir().unwrap();
    let store = fresh(&dir, "big.db").await;
    let (summary, progress) = run(&store, &options(2_000, 2026)).await;
    let counts = table_counts(&store).await;
    assert_eq!(counts, summary_counts(&summary));
    assert!(counts.iter().all(|n| *n > 0), "{counts:?}");
    assert!(
        progress
            .iter()
            .filter(|p| p.phase == "individual goals")
            .count()
            > 3
    );
    let divisions = count(
        &store,
        "SELECT count(*) FROM org_units WHERE kind = 'division'",
    )
    .await;
    assert_eq!(divisions, 3);
    // Teams have 5–9 people including their lead.
    let sizes: Vec<i64> = sqlx::query_scalar(
        "SELECT count(p.id) FROM org_units u JOIN people p ON p.org_unit_id = u.id \
         WHERE u.kind = 'team' GROUP BY u.id",
    )
    .fetch_all(store.reader())
    .await
    .unwrap();
    assert!(sizes.iter().all(|n| (5..=9).contains(n)), "{sizes:?}");
    // Every unit has a lead; every non-CEO has a manager.
    assert_eq!(
        count(
            &store,
            "SELECT count(*) FROM org_units WHERE lead_id IS NULL"
        )
        .await,
        0
    );
    assert_eq!(
        count(
            &store,
            "SELECT count(*) FROM people WHERE manager_id IS NULL"
        )
        .await,
        1
    );
    AlignmentGraph::from_edges(all_edges(&store).await).unwrap();
    let integrity: String = sqlx::query_scalar("PRAGMA integrity_check")
        .fetch_one(store.reader())
        .await
        .unwrap();
    assert_eq!(integrity, "ok");
}
