//! Alignment: a weighted DAG of "child goal contributes to parent goal".
//!
//! A goal may contribute to several parents (cross-functional work), each edge
//! with its own weight > 0. [`AlignmentGraph`] keeps the graph acyclic by
//! construction: an edge that would close a cycle (including a self-loop) is
//! refused with the offending path.
//!
//! **Roll-up rule** ([`rollup`]): a goal with (included) children has progress
//! = the weighted mean of its children's rolled-up progress,
//! `Σ wᵢ·rᵢ / Σ wᵢ`; a goal without included children has its own progress.
//! A parent that also has its own metric is still rolled up from its children
//! only — its own metric is reported alongside, not mixed in. This follows
//! Perdoo's "progress driver" model, where a measure is driven either by its
//! own values or by its aligned goals, never both \[S19b\], and the OKR reading
//! in which an objective's progress *is* its key results' (Quantive \[S20c\],
//! 15Five \[S17b\]). Excluded goals (drafts, cancelled, deprioritised: callers
//! leave them out of the input) do not count; a parent whose children are all
//! excluded falls back to its own progress, as Frappe excludes archived
//! children from its average \[S2\].

use std::collections::{BTreeMap, BTreeSet, VecDeque};

use serde::{Deserialize, Serialize};

use crate::error::{DomainError, Result};
use crate::ids::GoalId;
use crate::progress::clamp_unit;

/// Largest allowed edge weight (keeps sums finite).
pub const MAX_ALIGNMENT_WEIGHT: f64 = 1.0e9;

/// One alignment edge: `child` contributes to `parent` with `weight`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AlignmentEdge {
    /// The contributing goal.
    pub child: GoalId,
    /// The goal contributed to.
    pub parent: GoalId,
    /// Relative weight among the parent's children, in (0, 1e9].
    pub weight: f64,
}

impl AlignmentEdge {
    /// Checks the edge on its own: weight finite and in (0, 1e9], no self-loop.
    ///
    /// # Errors
    /// [`DomainError::WeightNotPositive`], [`DomainError::NotFinite`],
    /// [`DomainError::SelfAlignment`].
    pub fn validate(&self) -> Result<()> {
        if !self.weight.is_finite() {
            return Err(DomainError::NotFinite {
                field: "alignment.weight".to_owned(),
                value: self.weight,
            });
        }
        if self.weight <= 0.0 {
            return Err(DomainError::WeightNotPositive {
                field: "alignment.weight",
                value: self.weight,
            });
        }
        if self.weight > MAX_ALIGNMENT_WEIGHT {
            return Err(DomainError::invalid(
                "alignment.weight",
                format!(
                    "must be at most {MAX_ALIGNMENT_WEIGHT}, got {}",
                    self.weight
                ),
            ));
        }
        if self.child == self.parent {
            return Err(DomainError::SelfAlignment { goal: self.child });
        }
        Ok(())
    }
}

/// An acyclic weighted alignment graph. Iteration orders are deterministic
/// (by id).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AlignmentGraph {
    /// child → (parent → weight)
    up: BTreeMap<GoalId, BTreeMap<GoalId, f64>>,
    /// parent → (child → weight)
    down: BTreeMap<GoalId, BTreeMap<GoalId, f64>>,
}

impl AlignmentGraph {
    /// An empty graph.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Builds a graph from edges (e.g. the store's alignment rows).
    ///
    /// # Errors
    /// The first edge [`Self::add`] refuses.
    pub fn from_edges(edges: impl IntoIterator<Item = AlignmentEdge>) -> Result<Self> {
        let mut g = Self::new();
        for e in edges {
            g.add(e)?;
        }
        Ok(g)
    }

    /// Checks whether `edge` could be added, without adding it.
    ///
    /// # Errors
    /// As [`Self::add`].
    pub fn check(&self, edge: &AlignmentEdge) -> Result<()> {
        edge.validate()?;
        if self
            .up
            .get(&edge.child)
            .is_some_and(|ps| ps.contains_key(&edge.parent))
        {
            return Err(DomainError::DuplicateAlignment {
                child: edge.child,
                parent: edge.parent,
            });
        }
        if let Some(back) = self.path_up(edge.parent, edge.child) {
            let mut path = Vec::with_capacity(back.len() + 1);
            path.push(edge.child);
            path.extend(back);
            return Err(DomainError::AlignmentCycle {
                child: edge.child,
                parent: edge.parent,
                path,
            });
        }
        Ok(())
    }

    /// Adds an edge.
    ///
    /// # Errors
    /// A bad weight, a self-loop, a duplicate edge, or an edge that would
    /// close a cycle ([`DomainError::AlignmentCycle`] carries the path
    /// child → parent → … → child).
    pub fn add(&mut self, edge: AlignmentEdge) -> Result<()> {
        self.check(&edge)?;
        self.up
            .entry(edge.child)
            .or_default()
            .insert(edge.parent, edge.weight);
        self.down
            .entry(edge.parent)
            .or_default()
            .insert(edge.child, edge.weight);
        Ok(())
    }

    /// Removes an edge, returning its weight if it existed.
    pub fn remove(&mut self, child: GoalId, parent: GoalId) -> Option<f64> {
        let w = self.up.get_mut(&child).and_then(|ps| ps.remove(&parent));
        if self.up.get(&child).is_some_and(BTreeMap::is_empty) {
            self.up.remove(&child);
        }
        if let Some(cs) = self.down.get_mut(&parent) {
            cs.remove(&child);
            if cs.is_empty() {
                self.down.remove(&parent);
            }
        }
        w
    }

    /// The goals `goal` contributes to, with weights.
    pub fn parents(&self, goal: GoalId) -> impl Iterator<Item = (GoalId, f64)> + '_ {
        self.up
            .get(&goal)
            .into_iter()
            .flat_map(|m| m.iter().map(|(k, v)| (*k, *v)))
    }

    /// The goals contributing to `goal`, with weights.
    pub fn children(&self, goal: GoalId) -> impl Iterator<Item = (GoalId, f64)> + '_ {
        self.down
            .get(&goal)
            .into_iter()
            .flat_map(|m| m.iter().map(|(k, v)| (*k, *v)))
    }

    /// Every edge, ordered by (child, parent).
    #[must_use]
    pub fn edges(&self) -> Vec<AlignmentEdge> {
        self.up
            .iter()
            .flat_map(|(c, ps)| {
                ps.iter().map(|(p, w)| AlignmentEdge {
                    child: *c,
                    parent: *p,
                    weight: *w,
                })
            })
            .collect()
    }

    /// Number of edges.
    #[must_use]
    pub fn edge_count(&self) -> usize {
        self.up.values().map(BTreeMap::len).sum()
    }

    /// Every goal that appears on an edge.
    #[must_use]
    pub fn goals(&self) -> BTreeSet<GoalId> {
        self.up.keys().chain(self.down.keys()).copied().collect()
    }

    /// A shortest path going up parent links from `from` to `to`
    /// (`[from, …, to]`), if any.
    #[must_use]
    pub fn path_up(&self, from: GoalId, to: GoalId) -> Option<Vec<GoalId>> {
        let mut prev: BTreeMap<GoalId, GoalId> = BTreeMap::new();
        let mut seen = BTreeSet::from([from]);
        let mut queue = VecDeque::from([from]);
        while let Some(n) = queue.pop_front() {
            if n == to {
                let mut path = vec![n];
                let mut cur = n;
                while let Some(&p) = prev.get(&cur) {
                    path.push(p);
                    cur = p;
                }
                path.reverse();
                return Some(path);
            }
            for (p, _) in self.parents(n) {
                if seen.insert(p) {
                    prev.insert(p, n);
                    queue.push_back(p);
                }
            }
        }
        None
    }

    /// Every goal above `goal` (transitively), excluding `goal`.
    #[must_use]
    pub fn ancestors(&self, goal: GoalId) -> BTreeSet<GoalId> {
        self.closure(goal, |g, n| g.parents(n).map(|(p, _)| p).collect())
    }

    /// Every goal below `goal` (transitively), excluding `goal`.
    #[must_use]
    pub fn descendants(&self, goal: GoalId) -> BTreeSet<GoalId> {
        self.closure(goal, |g, n| g.children(n).map(|(c, _)| c).collect())
    }

    fn closure(
        &self,
        goal: GoalId,
        next: impl Fn(&Self, GoalId) -> Vec<GoalId>,
    ) -> BTreeSet<GoalId> {
        let mut out = BTreeSet::new();
        let mut stack = vec![goal];
        while let Some(n) = stack.pop() {
            for m in next(self, n) {
                if out.insert(m) {
                    stack.push(m);
                }
            }
        }
        out
    }
}

/// Rolled-up progress for every goal in `own` (see the module doc for the
/// rule). `own` maps each *included* goal to its own progress; values are
/// clamped to `[0, 1]` (NaN → 0), so every result is in `[0, 1]`. Goals on
/// the graph but absent from `own` are excluded.
#[must_use]
pub fn rollup(graph: &AlignmentGraph, own: &BTreeMap<GoalId, f64>) -> BTreeMap<GoalId, f64> {
    let mut done: BTreeMap<GoalId, f64> = BTreeMap::new();
    for &root in own.keys() {
        if done.contains_key(&root) {
            continue;
        }
        // Iterative post-order; the graph is acyclic by construction.
        let mut stack = vec![(root, false)];
        while let Some((n, expanded)) = stack.pop() {
            if done.contains_key(&n) {
                continue;
            }
            let kids: Vec<(GoalId, f64)> = graph
                .children(n)
                .filter(|(c, _)| own.contains_key(c))
                .collect();
            if expanded || kids.is_empty() {
                let value = if kids.is_empty() {
                    clamp_unit(own.get(&n).copied().unwrap_or(0.0))
                } else {
                    weighted_mean(
                        kids.iter()
                            .map(|(c, w)| (done.get(c).copied().unwrap_or(0.0), *w)),
                    )
                };
                done.insert(n, value);
            } else {
                stack.push((n, true));
                for (c, _) in kids {
                    if !done.contains_key(&c) {
                        stack.push((c, false));
                    }
                }
            }
        }
    }
    done.retain(|k, _| own.contains_key(k));
    done
}

/// `Σ wᵢ·xᵢ / Σ wᵢ` over positive finite weights, with each `xᵢ` clamped to
/// `[0, 1]`; 0 when there are no such weights. Weights are scaled by the
/// largest one first, so a single item returns exactly its value and huge
/// weights cannot overflow.
#[must_use]
pub fn weighted_mean(items: impl IntoIterator<Item = (f64, f64)>) -> f64 {
    let items: Vec<(f64, f64)> = items
        .into_iter()
        .filter(|(_, w)| w.is_finite() && *w > 0.0)
        .collect();
    let max = items.iter().map(|(_, w)| *w).fold(0.0, f64::max);
    if max <= 0.0 {
        return 0.0;
    }
    let (mut num, mut den) = (0.0, 0.0);
    for (x, w) in items {
        let w = w / max;
        num += clamp_unit(x) * w;
        den += w;
    }
    if den > 0.0 {
        clamp_unit(num / den)
    } else {
        0.0
    }
}

/// The alignment paths from `goal` up to top-level goals: each path starts
/// at `goal` and ends at a goal for which `is_top` holds (typically: owned by
/// the company unit), following parent links. A path stops at the first top
/// goal it meets; branches that end at a non-top root are dropped. At most
/// `limit` paths are returned (DAGs can have exponentially many), in a
/// deterministic order. A top goal's only path is `[goal]`.
#[must_use]
pub fn alignment_paths(
    graph: &AlignmentGraph,
    goal: GoalId,
    is_top: impl Fn(GoalId) -> bool,
    limit: usize,
) -> Vec<Vec<GoalId>> {
    let mut out = Vec::new();
    let mut stack: Vec<Vec<GoalId>> = vec![vec![goal]];
    while let Some(path) = stack.pop() {
        if out.len() >= limit {
            break;
        }
        let Some(&last) = path.last() else { continue };
        if is_top(last) {
            out.push(path);
            continue;
        }
        // Push in reverse so the smallest parent id is explored first.
        let parents: Vec<GoalId> = graph.parents(last).map(|(p, _)| p).collect();
        for p in parents.into_iter().rev() {
            let mut next = path.clone();
            next.push(p);
            stack.push(next);
        }
    }
    out
}

/// The goals among `goals` that are not top-level and have no path up to a
/// top-level goal — "orphans" whose link to company priorities is missing.
#[must_use]
pub fn orphans(
    graph: &AlignmentGraph,
    goals: impl IntoIterator<Item = GoalId>,
    is_top: impl Fn(GoalId) -> bool,
) -> Vec<GoalId> {
    let mut memo: BTreeMap<GoalId, bool> = BTreeMap::new();
    let mut out = Vec::new();
    for g in goals {
        if !reaches_top(graph, g, &is_top, &mut memo) {
            out.push(g);
        }
    }
    out
}

fn reaches_top(
    graph: &AlignmentGraph,
    goal: GoalId,
    is_top: &impl Fn(GoalId) -> bool,
    memo: &mut BTreeMap<GoalId, bool>,
) -> bool {
    let mut stack = vec![(goal, false)];
    while let Some((n, expanded)) = stack.pop() {
        if memo.contains_key(&n) {
            continue;
        }
        if is_top(n) {
            memo.insert(n, true);
            continue;
        }
        let parents: Vec<GoalId> = graph.parents(n).map(|(p, _)| p).collect();
        if expanded || parents.is_empty() {
            let r = parents
                .iter()
                .any(|p| memo.get(p).copied().unwrap_or(false));
            memo.insert(n, r);
        } else {
            stack.push((n, true));
            for p in parents {
                if !memo.contains_key(&p) {
                    stack.push((p, false));
                }
            }
        }
    }
    memo.get(&goal).copied().unwrap_or(false)
}
