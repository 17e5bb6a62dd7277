//! Lists, detail, cascade and dashboard queries on a real SQLite file.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly on purpose

mod common;

use common::{company_goal, d, now, open_store, operations_goal, seed_org};
use stride_domain::{
    AlignmentEdge, CheckInDraft, Cycle, CycleState, Direction, FieldChange, Goal, GoalDraft,
    GoalField, GoalState, GoalStatus, Owner, StatusThresholds,
};
use stride_store::{GoalScope, Store};

async fn check_in(
    store: &Store,
    goal: &Goal,
    value: f64,
    effective: chrono::NaiveDate,
    author: stride_domain::PersonId,
) {
    let mut tx = store.begin_write().await.unwrap();
    tx.add_check_in(
        CheckInDraft {
            goal: goal.id,
            value: Some(value),
            done: false,
            confidence: Some(6),
            note: String::new(),
            blockers: String::new(),
            effective,
            author,
        },
        now(),
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
}

/// Company objective ← department goal (weight 3) and ← operations goal (weight 1).
async fn cascade_fixture(store: &Store) -> (common::Org, Goal, Goal, Goal) {
    let org = seed_org(store).await;
    let top = company_goal(org.company);
    let ops = operations_goal(org.omar);
    let mut dept = GoalDraft::new(
        Owner::Unit(org.ops),
        "Ship 98 % of orders on time",
        d(2026, 4, 1),
        d(2026, 6, 30),
    );
    dept.direction = Direction::Increase;
    dept.baseline = Some(90.0);
    dept.target = Some(98.0);
    let dept = Goal::new(dept).unwrap();
    let mut tx = store.begin_write().await.unwrap();
    tx.insert_goals(
        &[top.clone(), ops.clone(), dept.clone()],
        Some(org.maria),
        now(),
    )
    .await
    .unwrap();
    tx.align(AlignmentEdge {
        child: dept.id,
        parent: top.id,
        weight: 3.0,
    })
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
    (org, top, ops, dept)
}

#[tokio::test]
async fn my_goals_and_my_team_goals() {
    let (_dir, store) = open_store().await;
    let (org, top, ops, dept) = cascade_fixture(&store).await;
    let t = StatusThresholds::default();
    let as_of = d(2026, 5, 20);

    let mine = store
        .goal_summaries(GoalScope::Person(org.omar), None, as_of, &t, 50, 0)
        .await
        .unwrap();
    assert_eq!(mine.iter().map(|s| s.id).collect::<Vec<_>>(), vec![ops.id]);
    assert_eq!(mine[0].owner_name, "Omar Haddad");

    // Maria manages Omar and leads Operations: both goals are her team's.
    let team = store
        .goal_summaries(GoalScope::Team(org.maria), None, as_of, &t, 50, 0)
        .await
        .unwrap();
    let mut ids: Vec<_> = team.iter().map(|s| s.id).collect();
    ids.sort();
    let mut want = vec![ops.id, dept.id];
    want.sort();
    assert_eq!(ids, want);

    let unit = store
        .goal_summaries(GoalScope::Unit(org.company), None, as_of, &t, 50, 0)
        .await
        .unwrap();
    assert_eq!(unit.iter().map(|s| s.id).collect::<Vec<_>>(), vec![top.id]);

    let page = store
        .goal_summaries(GoalScope::All, None, as_of, &t, 2, 0)
        .await
        .unwrap();
    let rest = store
        .goal_summaries(GoalScope::All, None, as_of, &t, 2, 2)
        .await
        .unwrap();
    assert_eq!(page.len() + rest.len(), 3);
}

#[tokio::test]
async fn the_operations_goal_at_40_hours_is_half_way() {
    let (_dir, store) = open_store().await;
    let (org, _top, ops, _dept) = cascade_fixture(&store).await;
    check_in(&store, &ops, 40.0, d(2026, 5, 20), org.omar).await;
    let t = StatusThresholds::default();
    let s = store
        .goal_summary(ops.id, d(2026, 5, 20), &t)
        .await
        .unwrap();
    assert_eq!(s.current, Some(40.0));
    assert_eq!(s.progress, 0.5);
    assert_eq!(s.last_check_in, Some(d(2026, 5, 20)));
    // On 20 May the six-week review (42 h on 13 May) has passed: expected is
    // past 37.5 % and below 100 %.
    assert!(s.expected_progress > 0.375 && s.expected_progress < 1.0);
    assert_eq!(s.status, Some(GoalStatus::OnTrack));
}

#[tokio::test]
async fn the_cascade_rolls_up_by_weight() {
    let (_dir, store) = open_store().await;
    let (org, top, ops, dept) = cascade_fixture(&store).await;
    check_in(&store, &ops, 40.0, d(2026, 5, 20), org.omar).await; // 0.5
    check_in(&store, &dept, 96.0, d(2026, 5, 20), org.maria).await; // 0.75
    let t = StatusThresholds::default();
    let cascade = store.cascade(None, d(2026, 5, 21), &t).await.unwrap();
    assert_eq!(cascade.roots, vec![top.id]);
    let root = &cascade.nodes[&top.id];
    // (3 × 0.75 + 1 × 0.5) / 4
    assert!(
        (root.rolled_up - 0.6875).abs() < 1e-12,
        "{}",
        root.rolled_up
    );
    assert_eq!(root.children.len(), 2);
    assert_eq!(cascade.nodes[&ops.id].rolled_up, 0.5);

    // From the Operations unit down: its own goal only.
    let ops_tree = store
        .cascade(Some(org.ops), d(2026, 5, 21), &t)
        .await
        .unwrap();
    assert_eq!(ops_tree.roots, vec![dept.id]);
    // An unknown unit is a clear error.
    let err = store
        .cascade(Some(stride_domain::OrgUnitId::new()), d(2026, 5, 21), &t)
        .await
        .unwrap_err();
    assert!(err.to_string().contains("not found"), "{err}");
}

#[tokio::test]
async fn goal_detail_has_history_links_and_the_path_to_the_company() {
    let (_dir, store) = open_store().await;
    let (org, top, ops, _dept) = cascade_fixture(&store).await;
    check_in(&store, &ops, 44.0, d(2026, 4, 20), org.omar).await;
    let mut tx = store.begin_write().await.unwrap();
    tx.revise_goal(
        ops.id,
        &[FieldChange::from_input(GoalField::Target, "30").unwrap()],
        org.maria,
        "market shift",
        now(),
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();

    let t = StatusThresholds::default();
    let detail = store.goal_detail(ops.id, d(2026, 4, 21), &t).await.unwrap();
    assert_eq!(detail.goal.target, Some(30.0));
    assert_eq!(detail.original_target, Some(32.0));
    assert_eq!(detail.check_ins.len(), 1);
    assert_eq!(detail.revisions.len(), 1);
    assert_eq!(detail.revisions[0].reason, "market shift");
    assert_eq!(detail.parents.len(), 1);
    assert_eq!(detail.parents[0].id, top.id);
    assert!(detail.children.is_empty());
    assert_eq!(detail.paths.len(), 1);
    let path: Vec<_> = detail.paths[0].iter().map(|l| l.id).collect();
    assert_eq!(path, vec![ops.id, top.id]);

    let err = store
        .goal_detail(stride_domain::GoalId::new(), d(2026, 4, 21), &t)
        .await
        .unwrap_err();
    assert!(matches!(err, stride_store::StoreError::NotFound { .. }));
}

#[tokio::test]
async fn dashboard_counts_by_status_unit_and_cycle_in_sql() {
    let (_dir, store) = open_store().await;
    let (org, _top, ops, dept) = cascade_fixture(&store).await;
    let q2 = Cycle::new("Q2 2026", d(2026, 4, 1), d(2026, 6, 30), CycleState::Active).unwrap();
    let mut tx = store.begin_write().await.unwrap();
    tx.insert_cycle(&q2).await.unwrap();
    tx.commit().await.unwrap();
    for goal in [&ops, &dept] {
        let mut tx = store.begin_write().await.unwrap();
        tx.revise_goal(
            goal.id,
            &[FieldChange {
                field: GoalField::Cycle,
                value: serde_json::to_string(&Some(q2.id)).unwrap(),
            }],
            org.maria,
            "planned for Q2",
            now(),
        )
        .await
        .unwrap();
        tx.commit().await.unwrap();
    }
    // ops: on track with a fresh check-in; dept: no value by mid-June → off track.
    check_in(&store, &ops, 36.0, d(2026, 6, 10), org.omar).await;
    let t = StatusThresholds::default();
    let dash = store.dashboard(d(2026, 6, 14), &t, None).await.unwrap();
    assert_eq!(dash.counts.total(), 3);
    assert_eq!(
        store.chart_data(d(2026, 6, 14), &t, None).await.unwrap().0,
        dash.counts
    );
    // The cycle picker: lists, counts and the pace histogram for one cycle.
    let in_q2 = store
        .dashboard(d(2026, 6, 14), &t, Some(q2.id))
        .await
        .unwrap();
    assert_eq!(in_q2.counts.total(), 2);
    assert_eq!(
        store
            .chart_data(d(2026, 6, 14), &t, Some(q2.id))
            .await
            .unwrap()
            .0,
        in_q2.counts
    );
    let mut listed: Vec<_> = store
        .goal_summaries(GoalScope::All, Some(q2.id), d(2026, 6, 14), &t, 50, 0)
        .await
        .unwrap()
        .into_iter()
        .map(|g| g.id)
        .collect();
    listed.sort();
    let mut want = vec![ops.id, dept.id];
    want.sort();
    assert_eq!(listed, want);
    assert_eq!(
        store
            .chart_data(d(2026, 6, 14), &t, Some(q2.id))
            .await
            .unwrap()
            .1
            .len(),
        2
    );
    assert_eq!(
        store
            .chart_data(d(2026, 6, 14), &t, None)
            .await
            .unwrap()
            .1
            .len(),
        3
    );
    let other = Cycle::new(
        "Q3 2026",
        d(2026, 7, 1),
        d(2026, 9, 30),
        CycleState::Planning,
    )
    .unwrap();
    assert!(store
        .goal_summaries(GoalScope::All, Some(other.id), d(2026, 6, 14), &t, 50, 0)
        .await
        .unwrap()
        .is_empty());
    // The pace histogram's deltas are each active, started goal's progress
    // minus its expected progress, as the goal list reports them.
    for cycle in [None, Some(q2.id)] {
        let (_, mut deltas) = store.chart_data(d(2026, 6, 14), &t, cycle).await.unwrap();
        let mut want: Vec<f64> = store
            .goal_summaries(GoalScope::All, cycle, d(2026, 6, 14), &t, 50, 0)
            .await
            .unwrap()
            .into_iter()
            .filter(|g| {
                g.status.is_some() && g.state == GoalState::Active && g.start <= d(2026, 6, 14)
            })
            .map(|g| g.progress - g.expected_progress)
            .collect();
        deltas.sort_by(f64::total_cmp);
        want.sort_by(f64::total_cmp);
        assert_eq!(deltas, want);
    }
    let cycles = store.cycles().await.unwrap();
    assert_eq!(cycles, vec![q2.clone()]);
    // The company objective and the department goal have no value by mid-June.
    assert_eq!(dash.counts.off_track, 2);
    assert_eq!(dash.counts.on_track, 1);
    let per_cycle = &dash.by_cycle;
    assert_eq!(per_cycle.len(), 1);
    assert_eq!(per_cycle[0].name, "Q2 2026");
    assert_eq!(per_cycle[0].counts.total(), 2);
    let ops_unit = dash
        .by_unit
        .iter()
        .find(|u| u.name == "Operations")
        .unwrap();
    assert_eq!(ops_unit.counts.total(), 2);
    // Check-in compliance: ops checked in within its weekly cadence, dept did not.
    assert_eq!(dash.check_in_compliance, Some(1.0 / 3.0));
    assert_eq!(dash.completion_rate, None);

    // After the due date with no further change, the unmet goals are missed.
    let later = store
        .dashboard(d(2026, 7, 10), &t, Some(q2.id))
        .await
        .unwrap();
    assert_eq!(later.counts.missed, 2);
    assert_eq!(later.completion_rate, Some(0.0));

    // A cancelled goal leaves the counts.
    let mut tx = store.begin_write().await.unwrap();
    tx.revise_goal(
        dept.id,
        &[FieldChange {
            field: GoalField::State,
            value: "\"cancelled\"".into(),
        }],
        org.maria,
        "re-plan",
        now(),
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    let after = store
        .dashboard(d(2026, 7, 10), &t, Some(q2.id))
        .await
        .unwrap();
    assert_eq!(after.counts.total(), 1);
    assert_eq!(
        store.goal(dept.id).await.unwrap().state,
        GoalState::Cancelled
    );
}

#[tokio::test]
async fn search_finds_goals_by_title_with_company_goals_first() {
    let (_dir, store) = open_store().await;
    let (_org, top, ops, _dept) = cascade_fixture(&store).await;
    let found = store.search_goals("deliver", 10).await.unwrap();
    assert_eq!(found.iter().map(|l| l.id).collect::<Vec<_>>(), vec![top.id]);
    let found = store.search_goals("ORDER PROCESSING", 10).await.unwrap();
    assert_eq!(found.iter().map(|l| l.id).collect::<Vec<_>>(), vec![ops.id]);
    // LIKE wildcards in the text are taken literally: only "Ship 98 % of
    // orders on time" has a percent sign, and no title has an underscore.
    let percent = store.search_goals("%", 10).await.unwrap();
    assert_eq!(percent.len(), 1);
    assert!(percent[0].title.contains('%'));
    assert!(store.search_goals("_", 10).await.unwrap().is_empty());
    assert_eq!(store.search_goals("", 2).await.unwrap().len(), 2);
}

#[tokio::test]
async fn team_overview_shows_each_report_with_status_mix_and_compliance() {
    let (_dir, store) = open_store().await;
    let (org, _top, ops, _dept) = cascade_fixture(&store).await;
    check_in(&store, &ops, 40.0, d(2026, 5, 18), org.omar).await;
    let t = StatusThresholds::default();
    let team = store
        .team_overview(org.maria, d(2026, 5, 20), &t)
        .await
        .unwrap();
    assert_eq!(team.len(), 1);
    let omar = &team[0];
    assert_eq!(omar.person, org.omar);
    assert_eq!(omar.name, "Omar Haddad");
    assert_eq!(omar.goals, 1);
    assert_eq!(omar.counts.on_track, 1);
    assert_eq!(omar.last_check_in, Some(d(2026, 5, 18)));
    assert_eq!(omar.check_in_compliance, Some(1.0));
    // Three weeks later the weekly check-in is overdue.
    let later = store
        .team_overview(org.maria, d(2026, 6, 10), &t)
        .await
        .unwrap();
    assert_eq!(later[0].check_in_compliance, Some(0.0));
    // Omar manages nobody.
    assert!(store
        .team_overview(org.omar, d(2026, 5, 20), &t)
        .await
        .unwrap()
        .is_empty());
}

#[tokio::test]
async fn alignment_problems_find_orphans_inactive_parents_and_opposing_siblings() {
    let (_dir, store) = open_store().await;
    let (org, top, ops, dept) = cascade_fixture(&store).await;
    assert_eq!(
        store.alignment_problems(50).await.unwrap(),
        stride_store::AlignmentProblems {
            orphans: vec![],
            inactive_parents: vec![],
            opposing_siblings: vec![],
        }
    );

    // An unaligned goal is an orphan.
    let mut lone = GoalDraft::new(
        Owner::Person(org.omar),
        "Learn SQL window functions",
        d(2026, 4, 1),
        d(2026, 6, 30),
    );
    lone.direction = Direction::Done;
    lone.unit = stride_domain::UnitKind::Binary;
    let lone = Goal::new(lone).unwrap();
    // A sibling under the company goal that pushes the operations metric up.
    let mut up = GoalDraft::new(
        Owner::Person(org.maria),
        "Raise processing time budget",
        d(2026, 4, 1),
        d(2026, 6, 30),
    );
    up.metric_name = "Average order processing time".into();
    up.baseline = Some(30.0);
    up.target = Some(40.0);
    let up = Goal::new(up).unwrap();
    let mut tx = store.begin_write().await.unwrap();
    tx.insert_goals(&[lone.clone(), up.clone()], None, now())
        .await
        .unwrap();
    tx.align(AlignmentEdge {
        child: up.id,
        parent: top.id,
        weight: 1.0,
    })
    .await
    .unwrap();
    tx.commit().await.unwrap();
    let mut tx = store.begin_write().await.unwrap();
    // The department goal's parent is deprioritised… by aligning it under a
    // deprioritised goal.
    let mut paused = GoalDraft::new(
        Owner::Unit(org.ops),
        "Paused initiative",
        d(2026, 1, 1),
        d(2026, 12, 31),
    );
    paused.baseline = Some(1.0);
    paused.target = Some(2.0);
    paused.state = GoalState::Deprioritised;
    let paused = Goal::new(paused).unwrap();
    tx.insert_goals(std::slice::from_ref(&paused), None, now())
        .await
        .unwrap();
    tx.align(AlignmentEdge {
        child: dept.id,
        parent: paused.id,
        weight: 1.0,
    })
    .await
    .unwrap();
    tx.commit().await.unwrap();

    let problems = store.alignment_problems(50).await.unwrap();
    assert_eq!(
        problems.orphans.iter().map(|l| l.id).collect::<Vec<_>>(),
        vec![lone.id]
    );
    assert_eq!(problems.inactive_parents.len(), 1);
    assert_eq!(problems.inactive_parents[0].goal.id, dept.id);
    assert_eq!(
        problems.inactive_parents[0].parent_state,
        GoalState::Deprioritised
    );
    assert_eq!(problems.opposing_siblings.len(), 1);
    let pair = &problems.opposing_siblings[0];
    assert_eq!(
        (pair.parent.id, pair.raising.id, pair.lowering.id),
        (top.id, up.id, ops.id)
    );
    assert_eq!(pair.measure, "Average order processing time");
}

#[tokio::test]
async fn check_ins_due_follow_the_cadence_and_escalate_after_two_misses() {
    let (_dir, store) = open_store().await;
    let (org, _top, ops, _dept) = cascade_fixture(&store).await;
    // Weekly from 1 April; nothing yet.
    assert!(store.check_ins_due(d(2026, 4, 7)).await.unwrap().is_empty());
    let due = store.check_ins_due(d(2026, 4, 8)).await.unwrap();
    assert_eq!(due.len(), 1, "only the person-owned goal: {due:?}");
    assert_eq!(due[0].goal, ops.id);
    assert_eq!(due[0].owner, org.omar);
    assert_eq!(due[0].manager, Some(org.maria));
    assert_eq!((due[0].due.missed, due[0].due.escalate), (1, false));
    let later = store.check_ins_due(d(2026, 4, 15)).await.unwrap();
    assert_eq!((later[0].due.missed, later[0].due.escalate), (2, true));
    check_in(&store, &ops, 46.0, d(2026, 4, 16), org.omar).await;
    assert!(store
        .check_ins_due(d(2026, 4, 20))
        .await
        .unwrap()
        .is_empty());
    let again = store.check_ins_due(d(2026, 4, 23)).await.unwrap();
    assert_eq!(again[0].last_check_in, Some(d(2026, 4, 16)));
    assert_eq!(again[0].due.missed, 1);
}
