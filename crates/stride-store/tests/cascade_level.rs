//! The alignment map one level at a time agrees with the whole cascade,
//! follows writes at once, pages long levels, and search returns a real
//! path from the top down to each hit.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly on purpose

use std::collections::BTreeSet;

use chrono::{NaiveDate, Utc};
use stride_domain::{CheckInDraft, GoalId, GoalState, Owner, StatusThresholds};
use stride_store::demo::{generate, DemoOptions};
use stride_store::{CascadeLevel, Store};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 5, 20).unwrap()
}

async fn demo(dir: &tempfile::TempDir) -> Store {
    let store = Store::open(&dir.path().join("map.db")).await.unwrap();
    generate(&store, &DemoOptions::new(80, 5, today()), &mut |_| {})
        .await
        .unwrap();
    store
}

async fn level(store: &Store, parent: Option<GoalId>) -> CascadeLevel {
    store
        .cascade_level(
            parent,
            None,
            today(),
            &StatusThresholds::default(),
            10_000,
            0,
        )
        .await
        .unwrap()
}

#[tokio::test]
async fn every_level_agrees_with_the_whole_cascade() {
    let dir = tempfile::tempdir().unwrap();
    let store = demo(&dir).await;
    let t = StatusThresholds::default();
    let full = store.cascade(None, today(), &t).await.unwrap();
    let top = level(&store, None).await;
    assert_eq!(
        top.rows.iter().map(|r| r.goal.id).collect::<Vec<_>>(),
        full.roots
    );
    assert_eq!(top.total as usize, full.roots.len());
    // Walk the whole map level by level.
    let mut visited = BTreeSet::new();
    let mut queue: Vec<GoalId> = full.roots.clone();
    let mut edges = 0;
    while let Some(g) = queue.pop() {
        if !visited.insert(g) {
            continue;
        }
        let node = &full.nodes[&g];
        let lvl = level(&store, Some(g)).await;
        assert_eq!(lvl.parent, Some(g));
        assert_eq!(lvl.total as usize, node.children.len());
        let mut got: Vec<(GoalId, f64)> = lvl.rows.iter().map(|r| (r.goal.id, r.weight)).collect();
        got.sort_by_key(|c| c.0);
        assert_eq!(got, node.children, "children and weights of {g}");
        let titles: Vec<&str> = lvl.rows.iter().map(|r| r.goal.title.as_str()).collect();
        let mut sorted = titles.clone();
        sorted.sort_unstable();
        assert_eq!(titles, sorted, "by title");
        for r in &lvl.rows {
            let want = &full.nodes[&r.goal.id];
            assert!(
                (r.rolled_up - want.rolled_up).abs() < 1e-12,
                "rolled-up of {}",
                r.goal.id
            );
            assert_eq!(r.children as usize, want.children.len());
            assert_eq!(r.goal, want.goal);
            queue.push(r.goal.id);
            edges += 1;
        }
    }
    assert_eq!(
        visited.len(),
        full.nodes.len(),
        "the levels reach every goal of the cascade"
    );
    assert!(edges > 50, "a real map: {edges} edges");

    // Paging: two pages make the level.
    let big = full
        .nodes
        .iter()
        .max_by_key(|(_, n)| n.children.len())
        .map(|(g, _)| *g)
        .unwrap();
    let whole = level(&store, Some(big)).await;
    let n = u32::try_from(whole.rows.len()).unwrap();
    assert!(n >= 3, "a level with several rows");
    let first = store
        .cascade_level(Some(big), None, today(), &t, 2, 0)
        .await
        .unwrap();
    let rest = store
        .cascade_level(Some(big), None, today(), &t, n, 2)
        .await
        .unwrap();
    assert_eq!((first.total, rest.total), (n, n));
    let paged: Vec<GoalId> = first
        .rows
        .iter()
        .chain(&rest.rows)
        .map(|r| r.goal.id)
        .collect();
    assert_eq!(
        paged,
        whole.rows.iter().map(|r| r.goal.id).collect::<Vec<_>>()
    );

    // Unknown parent.
    let e = store
        .cascade_level(Some(GoalId::new()), None, today(), &t, 10, 0)
        .await
        .unwrap_err();
    assert!(
        e.to_string().contains("not found") || e.to_string().contains("goal"),
        "{e}"
    );
}

#[tokio::test]
async fn a_check_in_moves_the_roll_up_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let store = demo(&dir).await;
    let t = StatusThresholds::default();
    let full = store.cascade(None, today(), &t).await.unwrap();
    // A leaf under a root's child whose progress is below 1.
    let (parent, leaf) = full
        .nodes
        .iter()
        .flat_map(|(p, n)| n.children.iter().map(move |(c, _)| (*p, *c)))
        .find(|(_, c)| {
            let n = &full.nodes[c];
            n.children.is_empty()
                && n.goal.state == GoalState::Active
                && n.goal.progress < 0.5
                && n.goal.target.is_some()
                && n.goal.start <= today()
                && matches!(n.goal.owner, Owner::Person(_))
        })
        .expect("an active leaf with room to grow");
    let before = level(&store, Some(parent)).await;
    let before_parent = full.nodes[&parent].rolled_up;
    let Owner::Person(author) = full.nodes[&leaf].goal.owner else {
        unreachable!()
    };
    let mut tx = store.begin_write().await.unwrap();
    tx.add_check_in(
        CheckInDraft {
            goal: leaf,
            value: full.nodes[&leaf].goal.target,
            done: false,
            confidence: Some(9),
            note: "done".into(),
            blockers: String::new(),
            effective: today(),
            author,
        },
        Utc::now(),
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    let after = level(&store, Some(parent)).await;
    let row = |l: &CascadeLevel| l.rows.iter().find(|r| r.goal.id == leaf).unwrap().rolled_up;
    assert!(row(&before) < 0.5);
    assert!((row(&after) - 1.0).abs() < 1e-12, "the leaf shows 100 %");
    let again = store.cascade(None, today(), &t).await.unwrap();
    assert!(
        again.nodes[&parent].rolled_up > before_parent,
        "the parent rolled up"
    );
    // The grandparent level shows the parent's new roll-up too.
    let grand = full
        .nodes
        .iter()
        .find(|(_, n)| n.children.iter().any(|(c, _)| *c == parent))
        .map(|(g, _)| *g);
    let up = level(&store, grand).await;
    let p_row = up.rows.iter().find(|r| r.goal.id == parent).unwrap();
    assert!((p_row.rolled_up - again.nodes[&parent].rolled_up).abs() < 1e-12);
}

#[tokio::test]
async fn search_returns_a_path_from_the_top_down_to_each_hit() {
    let dir = tempfile::tempdir().unwrap();
    let store = demo(&dir).await;
    let t = StatusThresholds::default();
    let full = store.cascade(None, today(), &t).await.unwrap();
    let graph = store.alignment_graph().await.unwrap();
    // A deep goal's title, searched in lower case.
    let deep = full
        .nodes
        .values()
        .filter(|n| n.children.is_empty() && !full.roots.contains(&n.goal.id))
        .max_by_key(|n| graph.ancestors(n.goal.id).len())
        .unwrap();
    let text = deep.goal.title.to_lowercase();
    let hits = store
        .cascade_search(&text, None, today(), &t, 50)
        .await
        .unwrap();
    assert!(!hits.is_empty());
    let hit = hits
        .iter()
        .find(|h| h.goal == deep.goal.id)
        .expect("the goal is found");
    assert_eq!(
        hit.paths.len(),
        graph
            .parents(deep.goal.id)
            .count()
            .min(stride_store::MAX_PATHS),
        "one path per parent"
    );
    for path in &hit.paths {
        assert!(path.len() >= 3, "{path:?}");
        assert!(full.roots.contains(&path[0]), "starts at the top");
        assert_eq!(*path.last().unwrap(), deep.goal.id);
        for pair in path.windows(2) {
            assert!(
                graph.children(pair[0]).any(|(c, _)| c == pair[1]),
                "{} → {} is an alignment",
                pair[0],
                pair[1]
            );
        }
    }
    // A goal with two parents is reached through each.
    let two = full
        .nodes
        .keys()
        .find(|g| graph.parents(**g).count() >= 2)
        .copied()
        .expect("the demo has a goal with two parents");
    let title = full.nodes[&two].goal.title.clone();
    let hit = store
        .cascade_search(&title, None, today(), &t, 50)
        .await
        .unwrap()
        .into_iter()
        .find(|h| h.goal == two)
        .unwrap();
    let via: BTreeSet<GoalId> = hit.paths.iter().map(|p| p[p.len() - 2]).collect();
    assert_eq!(
        via,
        graph.parents(two).map(|(p, _)| p).collect::<BTreeSet<_>>()
    );
    for h in &hits {
        assert!(h.title.to_lowercase().contains(&text));
    }
    // Orphans come last with no path; blank text finds nothing; wildcards are text.
    let all = store
        .cascade_search("a", None, today(), &t, 10_000)
        .await
        .unwrap();
    if let Some(first_orphan) = all.iter().position(|h| h.paths.is_empty()) {
        assert!(all[first_orphan..].iter().all(|h| h.paths.is_empty()));
    }
    assert!(store
        .cascade_search("  ", None, today(), &t, 10)
        .await
        .unwrap()
        .is_empty());
    assert!(store
        .cascade_search("%", None, today(), &t, 10)
        .await
        .unwrap()
        .iter()
        .all(|h| h.title.contains('%')));
}
