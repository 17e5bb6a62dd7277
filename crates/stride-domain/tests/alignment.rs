//! The alignment DAG: cycles refused with their path, roll-up, paths, orphans.
#![allow(clippy::unwrap_used)] // test helpers outside #[test] fns unwrap too

use std::collections::{BTreeMap, BTreeSet};

use proptest::prelude::*;
use stride_domain::*;

fn ids(n: usize) -> Vec<GoalId> {
    let mut v: Vec<GoalId> = (0..n).map(|_| GoalId::new()).collect();
    v.sort();
    v
}

fn edge(child: GoalId, parent: GoalId, weight: f64) -> AlignmentEdge {
    AlignmentEdge {
        child,
        parent,
        weight,
    }
}

#[test]
fn self_loop_and_cycles_are_refused_with_the_path() {
    let g = ids(3);
    let mut graph = AlignmentGraph::new();
    let err = graph.add(edge(g[0], g[0], 1.0)).unwrap_err();
    assert_eq!(err, DomainError::SelfAlignment { goal: g[0] });

    graph.add(edge(g[0], g[1], 1.0)).unwrap();
    graph.add(edge(g[1], g[2], 2.0)).unwrap();
    let err = graph.add(edge(g[2], g[0], 1.0)).unwrap_err();
    assert_eq!(
        err,
        DomainError::AlignmentCycle {
            child: g[2],
            parent: g[0],
            path: vec![g[2], g[0], g[1], g[2]]
        }
    );
    let text = err.to_string();
    assert!(text.starts_with("alignment:"), "{text}");
    assert!(
        text.contains(&format!("{} -> {} -> {} -> {}", g[2], g[0], g[1], g[2])),
        "{text}"
    );
    assert_eq!(
        graph.edge_count(),
        2,
        "a refused edge leaves the graph unchanged"
    );

    assert_eq!(
        graph.add(edge(g[0], g[1], 3.0)).unwrap_err().code(),
        "duplicate_alignment"
    );
    assert_eq!(
        graph.add(edge(g[0], g[2], 0.0)).unwrap_err().code(),
        "weight_not_positive"
    );
    assert_eq!(
        graph.add(edge(g[0], g[2], f64::NAN)).unwrap_err().code(),
        "not_finite"
    );
    assert_eq!(
        graph.add(edge(g[0], g[2], 1e300)).unwrap_err().code(),
        "invalid"
    );
}

#[test]
fn multi_parent_roll_up_and_paths() {
    // company c; departments s (sales), o (ops); team goal t contributes to both.
    let g = ids(5);
    let (c, s, o, t, lone) = (g[0], g[1], g[2], g[3], g[4]);
    let graph = AlignmentGraph::from_edges([
        edge(s, c, 3.0),
        edge(o, c, 1.0),
        edge(t, s, 1.0),
        edge(t, o, 1.0),
    ])
    .unwrap();
    let own: BTreeMap<GoalId, f64> = [(c, 0.9), (s, 0.1), (o, 0.2), (t, 0.4), (lone, 0.7)].into();
    let r = rollup(&graph, &own);
    assert_eq!(r[&t], 0.4);
    assert_eq!(
        r[&s], 0.4,
        "parent with own metric rolls up from children only"
    );
    assert_eq!(r[&o], 0.4);
    assert!((r[&c] - 0.4).abs() < 1e-12);
    assert_eq!(r[&lone], 0.7);

    // Excluding t (e.g. cancelled): s and o fall back to their own progress.
    let mut without_t = own.clone();
    without_t.remove(&t);
    let r = rollup(&graph, &without_t);
    assert_eq!(r[&s], 0.1);
    assert!((r[&c] - (3.0 * 0.1 + 0.2) / 4.0).abs() < 1e-12);
    assert!(!r.contains_key(&t));

    let is_top = |x: GoalId| x == c;
    let paths = alignment_paths(&graph, t, is_top, 10);
    assert_eq!(paths.len(), 2);
    assert!(paths.contains(&vec![t, s, c]));
    assert!(paths.contains(&vec![t, o, c]));
    assert_eq!(alignment_paths(&graph, c, is_top, 10), vec![vec![c]]);
    assert_eq!(alignment_paths(&graph, t, is_top, 1).len(), 1);
    assert!(alignment_paths(&graph, lone, is_top, 10).is_empty());

    assert_eq!(orphans(&graph, [c, s, o, t, lone], is_top), vec![lone]);
    // With no top goals at all, everything is an orphan.
    assert_eq!(orphans(&graph, [c, t], |_| false), vec![c, t]);

    assert_eq!(graph.ancestors(t), BTreeSet::from([s, o, c]));
    assert_eq!(graph.descendants(c), BTreeSet::from([s, o, t]));
    assert_eq!(graph.path_up(t, c).map(|p| p.len()), Some(3));
}

#[test]
fn remove_edge() {
    let g = ids(2);
    let mut graph = AlignmentGraph::from_edges([edge(g[0], g[1], 2.0)]).unwrap();
    assert_eq!(graph.remove(g[0], g[1]), Some(2.0));
    assert_eq!(graph.remove(g[0], g[1]), None);
    assert_eq!(graph.edge_count(), 0);
    assert!(graph.goals().is_empty());
    // Now the reverse edge is allowed.
    graph.add(edge(g[1], g[0], 1.0)).unwrap();
}

fn is_acyclic(n: usize, edges: &[AlignmentEdge], ids: &[GoalId]) -> bool {
    // Kahn's algorithm on indices.
    let idx = |g: GoalId| ids.iter().position(|x| *x == g).unwrap();
    let mut indeg = vec![0usize; n];
    for e in edges {
        indeg[idx(e.parent)] += 1;
    }
    let mut queue: Vec<usize> = (0..n).filter(|i| indeg[*i] == 0).collect();
    let mut seen = 0;
    while let Some(i) = queue.pop() {
        seen += 1;
        for e in edges.iter().filter(|e| idx(e.child) == i) {
            let p = idx(e.parent);
            indeg[p] -= 1;
            if indeg[p] == 0 {
                queue.push(p);
            }
        }
    }
    seen == n
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Adding random edges in any order: every accepted set is acyclic, every
    /// refusal is a real cycle whose path uses existing edges plus the new one.
    #[test]
    fn random_edges_never_form_a_cycle(
        n in 2usize..10,
        raw in prop::collection::vec((0usize..10, 0usize..10, 0.01f64..10.0), 0..40),
    ) {
        let g = ids(n);
        let mut graph = AlignmentGraph::new();
        for (a, b, w) in raw {
            let (a, b) = (a % n, b % n);
            match graph.add(edge(g[a], g[b], w)) {
                Ok(()) => {}
                Err(DomainError::SelfAlignment { goal }) => prop_assert!(a == b && goal == g[a]),
                Err(DomainError::DuplicateAlignment { .. }) => {
                    prop_assert!(graph.parents(g[a]).any(|(p, _)| p == g[b]));
                }
                Err(DomainError::AlignmentCycle { child, parent, path }) => {
                    prop_assert_eq!(child, g[a]);
                    prop_assert_eq!(parent, g[b]);
                    prop_assert_eq!(path.first(), Some(&child));
                    prop_assert_eq!(path.last(), Some(&child));
                    prop_assert_eq!(path.get(1), Some(&parent));
                    for pair in path[1..].windows(2) {
                        prop_assert!(graph.parents(pair[0]).any(|(p, _)| p == pair[1]), "path edge missing");
                    }
                }
                Err(e) => prop_assert!(false, "unexpected {e}"),
            }
        }
        prop_assert!(is_acyclic(n, &graph.edges(), &g));
    }

    /// Roll-up over a random weighted DAG: in [0, 1]; a parent lies between
    /// its children's min and max; leaves keep their own progress.
    #[test]
    fn rollup_is_bounded_and_a_weighted_mean(
        n in 1usize..12,
        raw in prop::collection::vec((0usize..12, 0usize..12, 0.01f64..100.0), 0..40),
        own_raw in prop::collection::vec(-0.5f64..1.5, 12),
    ) {
        let g = ids(n);
        // Edges from lower to higher index: always a DAG.
        let edges: Vec<AlignmentEdge> = raw
            .into_iter()
            .map(|(a, b, w)| (a % n, b % n, w))
            .filter(|(a, b, _)| a < b)
            .map(|(a, b, w)| ((a, b), edge(g[a], g[b], w)))
            .collect::<BTreeMap<_, _>>() // one edge per (child, parent)
            .into_values()
            .collect();
        let graph = AlignmentGraph::from_edges(edges).unwrap();
        let own: BTreeMap<GoalId, f64> = g.iter().copied().zip(own_raw).collect();
        let r = rollup(&graph, &own);
        prop_assert_eq!(r.len(), n);
        for (&goal, &p) in &r {
            prop_assert!((0.0..=1.0).contains(&p));
            let kids: Vec<f64> = graph.children(goal).map(|(c, _)| r[&c]).collect();
            if kids.is_empty() {
                prop_assert_eq!(p, own[&goal].clamp(0.0, 1.0));
            } else {
                let lo = kids.iter().copied().fold(f64::INFINITY, f64::min);
                let hi = kids.iter().copied().fold(f64::NEG_INFINITY, f64::max);
                prop_assert!(p >= lo - 1e-12 && p <= hi + 1e-12);
            }
        }
    }

    /// A single child with any weight gives the parent exactly the child's value.
    #[test]
    fn single_child_passes_through(w in 1e-6f64..1e9, child_p in 0.0f64..=1.0, parent_p in 0.0f64..=1.0) {
        let g = ids(2);
        let graph = AlignmentGraph::from_edges([edge(g[0], g[1], w)]).unwrap();
        let r = rollup(&graph, &[(g[0], child_p), (g[1], parent_p)].into());
        prop_assert_eq!(r[&g[1]], r[&g[0]]);
        prop_assert_eq!(r[&g[0]], child_p);
    }

    /// Every alignment path follows edges upward and ends at a top goal.
    #[test]
    fn paths_follow_edges_to_the_top(
        n in 2usize..10,
        raw in prop::collection::vec((0usize..10, 0usize..10), 0..30),
        tops in prop::collection::vec(any::<bool>(), 10),
    ) {
        let g = ids(n);
        let edges: BTreeSet<(usize, usize)> = raw.into_iter().map(|(a, b)| (a % n, b % n)).filter(|(a, b)| a < b).collect();
        let graph = AlignmentGraph::from_edges(edges.iter().map(|&(a, b)| edge(g[a], g[b], 1.0))).unwrap();
        let is_top = |x: GoalId| tops[g.iter().position(|y| *y == x).unwrap()];
        let orphaned: BTreeSet<GoalId> = orphans(&graph, g.iter().copied(), is_top).into_iter().collect();
        for &start in &g {
            let paths = alignment_paths(&graph, start, is_top, 1000);
            prop_assert_eq!(paths.is_empty(), orphaned.contains(&start));
            for p in paths {
                prop_assert_eq!(p[0], start);
                prop_assert!(is_top(*p.last().unwrap()));
                prop_assert!(p[..p.len() - 1].iter().all(|x| !is_top(*x)));
                for pair in p.windows(2) {
                    prop_assert!(graph.parents(pair[0]).any(|(q, _)| q == pair[1]));
                }
            }
        }
    }
}
