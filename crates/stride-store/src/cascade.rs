//! The alignment map, one level at a time: the goals at the top of the
//! cascade (or under one goal), each with its rolled-up progress, its weight
//! under that parent and how many goals contribute to it — and a search
//! that returns the path to each hit so the map can open down to it.
//!
//! The roll-up of a goal depends on its whole subtree, so it is computed for
//! the whole organisation at once from two light queries (every alignment
//! edge; every goal's own progress, read from the remembered evaluations) and
//! kept in a [`Rollup`] until the store commits another write, the day
//! changes, or ten minutes pass (writes by another process on the same file).

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;
use std::time::Instant;

use chrono::NaiveDate;
use serde::Serialize;
use sqlx::Row;
use stride_domain::{AlignmentGraph, GoalId, OrgUnitId, StatusThresholds};

use crate::browse::like_pattern;
use crate::error::{Result, StoreError};
use crate::eval::eval_cte;
use crate::open::Store;
use crate::queries::{binds, summary_from_row, GoalSummary, SUMMARY_SELECT};

/// The most paths a search hit carries.
pub const MAX_PATHS: usize = 8;

/// One goal on the alignment map.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CascadeRow {
    /// The goal and its own numbers.
    pub goal: GoalSummary,
    /// Progress rolled up from its contributors by weight (its own for a leaf).
    pub rolled_up: f64,
    /// Its weight under the parent it is listed under (1 at the top).
    pub weight: f64,
    /// How many goals contribute to it (its children on the map).
    pub children: u32,
}

/// One level of the alignment map.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CascadeLevel {
    /// The goal whose contributors these are (none: the top of the cascade).
    pub parent: Option<GoalId>,
    /// The rows of this page, by title.
    pub rows: Vec<CascadeRow>,
    /// How many rows the whole level has.
    pub total: u32,
}

/// A search hit with the way down to it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CascadeHit {
    /// The goal found.
    pub goal: GoalId,
    /// Its title.
    pub title: String,
    /// Ways from a top goal down to the goal itself, shortest first (the goal
    /// alone when it is at the top; one per parent for a goal aligned to
    /// several, at most [`MAX_PATHS`]); none for an orphan.
    pub paths: Vec<Vec<GoalId>>,
}

/// (as-of day, unit, thresholds as bits, write generation).
pub(crate) type Key = (NaiveDate, Option<OrgUnitId>, u64, u64, u64);

/// The roll-up of the whole organisation at one moment.
#[derive(Debug)]
pub(crate) struct Rollup {
    graph: AlignmentGraph,
    roots: Vec<GoalId>,
    rolled: BTreeMap<GoalId, f64>,
}

/// Every goal reachable down from `roots` (the roots included).
fn reachable(graph: &AlignmentGraph, roots: &[GoalId]) -> BTreeSet<GoalId> {
    let mut reached: BTreeSet<GoalId> = roots.iter().copied().collect();
    let mut stack = roots.to_vec();
    while let Some(g) = stack.pop() {
        for (c, _) in graph.children(g) {
            if reached.insert(c) {
                stack.push(c);
            }
        }
    }
    reached
}

/// The top of the cascade: the goals of `unit`, or of every company-level unit.
fn roots_condition(unit: Option<OrgUnitId>) -> &'static str {
    match unit {
        Some(_) => "g.owner_unit_id = ?4",
        None => "g.owner_unit_id IN (SELECT id FROM org_units WHERE kind = 'company')",
    }
}

impl Store {
    async fn cascade_memo(
        &self,
        unit: Option<OrgUnitId>,
        as_of: NaiveDate,
        thresholds: &StatusThresholds,
    ) -> Result<Arc<Rollup>> {
        let (a, b) = crate::memo::bits(thresholds);
        let key = (as_of, unit, a, b, self.generation());
        if let Some(m) = self.cascade_memo.get(&key) {
            return Ok(m);
        }
        if let Some(u) = unit {
            let exists: bool =
                sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM org_units WHERE id = ?)")
                    .bind(u)
                    .fetch_one(self.reader())
                    .await?;
            if !exists {
                return Err(StoreError::not_found(format!("org unit {u}")));
            }
        }
        let started = Instant::now();
        let graph = self.alignment_graph().await?;
        let roots: Vec<GoalId> = {
            let sql = format!(
                "SELECT g.id FROM goals g WHERE {} ORDER BY g.title, g.id",
                roots_condition(unit).replace("?4", "?1")
            );
            let q = sqlx::query_scalar(&sql);
            match unit {
                Some(u) => q.bind(u.to_string()),
                None => q,
            }
            .fetch_all(self.reader())
            .await?
        };
        let sql = format!(
            "{} SELECT e.goal_id, e.progress FROM eval e",
            eval_cte("g.state IN ('active', 'completed', 'missed')")
        );
        let rows = binds(sqlx::query(&sql), as_of, thresholds, None)
            .fetch_all(self.reader())
            .await?;
        let own: BTreeMap<GoalId, f64> = rows
            .iter()
            .map(|r| Ok((r.try_get::<GoalId, _>(0)?, r.try_get::<f64, _>(1)?)))
            .collect::<Result<_>>()?;
        let rolled = stride_domain::rollup(&graph, &own);
        tracing::debug!(
            goals = own.len(),
            edges = graph.edge_count(),
            ms = started.elapsed().as_millis(),
            "alignment map roll-up computed"
        );
        let rollup = Arc::new(Rollup {
            graph,
            roots,
            rolled,
        });
        self.cascade_memo.put(key, Arc::clone(&rollup));
        Ok(rollup)
    }

    /// Every goal on a path down from a company-level goal (the company
    /// goals included), from the map's memo when it is current, else from
    /// the alignment edges.
    pub(crate) async fn reached_from_company(&self) -> Result<BTreeSet<GoalId>> {
        let generation = self.generation();
        if let Some(r) = self
            .cascade_memo
            .find(|k| k.1.is_none() && k.4 == generation)
        {
            return Ok(reachable(&r.graph, &r.roots));
        }
        let roots: Vec<GoalId> = sqlx::query_scalar(&format!(
            "SELECT g.id FROM goals g WHERE {}",
            roots_condition(None)
        ))
        .fetch_all(self.reader())
        .await?;
        Ok(reachable(&self.alignment_graph().await?, &roots))
    }

    /// One level of the alignment map on `as_of`: the top goals (of `unit`,
    /// or of every company-level unit) when `parent` is `None`, else the
    /// goals contributing to `parent`; by title, `limit` rows from `offset`.
    /// A goal with several parents is listed under each, with that edge's
    /// weight.
    ///
    /// # Errors
    /// An unknown unit or parent goal; a database error.
    #[allow(clippy::too_many_arguments)]
    pub async fn cascade_level(
        &self,
        parent: Option<GoalId>,
        unit: Option<OrgUnitId>,
        as_of: NaiveDate,
        thresholds: &StatusThresholds,
        limit: u32,
        offset: u32,
    ) -> Result<CascadeLevel> {
        let memo = self.cascade_memo(unit, as_of, thresholds).await?;
        let (condition, param, weights): (String, Option<String>, BTreeMap<GoalId, f64>) =
            match parent {
                None => (
                    roots_condition(unit).to_owned(),
                    unit.map(|u| u.to_string()),
                    memo.roots.iter().map(|g| (*g, 1.0)).collect(),
                ),
                Some(p) => {
                    let exists: bool =
                        sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM goals WHERE id = ?)")
                            .bind(p)
                            .fetch_one(self.reader())
                            .await?;
                    if !exists {
                        return Err(StoreError::not_found(format!("goal {p}")));
                    }
                    (
                        "g.id IN (SELECT child_id FROM alignments WHERE parent_id = ?4)".to_owned(),
                        Some(p.to_string()),
                        memo.graph.children(p).collect(),
                    )
                }
            };
        let total = u32::try_from(weights.len()).unwrap_or(u32::MAX);
        let sql = format!(
            "{}{SUMMARY_SELECT} ORDER BY g.title, g.id LIMIT {limit} OFFSET {offset}",
            eval_cte(&condition)
        );
        let rows = binds(sqlx::query(&sql), as_of, thresholds, param)
            .fetch_all(self.reader())
            .await?;
        let rows = rows
            .iter()
            .map(|r| {
                let goal = summary_from_row(r)?;
                Ok(CascadeRow {
                    rolled_up: memo.rolled.get(&goal.id).copied().unwrap_or(goal.progress),
                    weight: weights.get(&goal.id).copied().unwrap_or(1.0),
                    children: u32::try_from(memo.graph.children(goal.id).count())
                        .unwrap_or(u32::MAX),
                    goal,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(CascadeLevel {
            parent,
            rows,
            total,
        })
    }

    /// Goals whose title contains `text` (case-insensitive), at most
    /// `limit`, each with a path from the top of the cascade down to it
    /// (following the first parent by title at each step, so the path is
    /// stable); hits on the map first, orphans (empty path) last.
    ///
    /// # Errors
    /// An unknown unit; a database error.
    pub async fn cascade_search(
        &self,
        text: &str,
        unit: Option<OrgUnitId>,
        as_of: NaiveDate,
        thresholds: &StatusThresholds,
        limit: u32,
    ) -> Result<Vec<CascadeHit>> {
        if text.trim().is_empty() {
            return Ok(Vec::new());
        }
        let memo = self.cascade_memo(unit, as_of, thresholds).await?;
        let hits: Vec<(GoalId, String)> = sqlx::query_as(
            "SELECT id, title FROM goals WHERE title LIKE ?1 ESCAPE '\\' ORDER BY title, id LIMIT ?2",
        )
        .bind(like_pattern(text))
        .bind(i64::from(limit.saturating_mul(4).max(limit)))
        .fetch_all(self.reader())
        .await?;
        let titles: BTreeMap<GoalId, String> = {
            let mut ids = BTreeSet::new();
            for (g, _) in &hits {
                ids.extend(memo.graph.ancestors(*g));
            }
            let mut titles = BTreeMap::new();
            for chunk in ids.into_iter().collect::<Vec<_>>().chunks(500) {
                let mut qb = sqlx::QueryBuilder::new("SELECT id, title FROM goals WHERE id IN (");
                let mut sep = qb.separated(", ");
                for id in chunk {
                    sep.push_bind(*id);
                }
                qb.push(")");
                let rows: Vec<(GoalId, String)> =
                    qb.build_query_as().fetch_all(self.reader()).await?;
                titles.extend(rows);
            }
            titles
        };
        let roots: BTreeSet<GoalId> = memo.roots.iter().copied().collect();
        let mut on_map = Vec::new();
        let mut orphans = Vec::new();
        for (goal, title) in hits {
            let paths = paths_down(&memo.graph, &roots, &titles, goal);
            if paths.is_empty() {
                orphans.push(CascadeHit { goal, title, paths });
            } else {
                on_map.push(CascadeHit { goal, title, paths });
            }
        }
        on_map.extend(orphans);
        on_map.truncate(usize::try_from(limit).unwrap_or(usize::MAX));
        Ok(on_map)
    }
}

/// Paths from a root down to `goal`: for each parent (by title), the
/// shortest way from a root down through it; the goal alone when it is a
/// root; none when nothing above it is a root. At most [`MAX_PATHS`].
fn paths_down(
    graph: &AlignmentGraph,
    roots: &BTreeSet<GoalId>,
    titles: &BTreeMap<GoalId, String>,
    goal: GoalId,
) -> Vec<Vec<GoalId>> {
    let mut paths = Vec::new();
    if roots.contains(&goal) {
        paths.push(vec![goal]);
    }
    let by_title = |a: &GoalId, b: &GoalId| titles.get(a).cmp(&titles.get(b)).then(a.cmp(b));
    let mut parents: Vec<GoalId> = graph.parents(goal).map(|(p, _)| p).collect();
    parents.sort_by(by_title);
    for p in parents {
        if let Some(mut up) = shortest_up(graph, roots, titles, p) {
            up.push(goal);
            paths.push(up);
        }
    }
    paths.sort_by_key(Vec::len);
    paths.dedup();
    paths.truncate(MAX_PATHS);
    paths
}

/// The shortest path from a root down to `from` (breadth-first up the
/// parents, by title at each step), or `None`.
fn shortest_up(
    graph: &AlignmentGraph,
    roots: &BTreeSet<GoalId>,
    titles: &BTreeMap<GoalId, String>,
    from: GoalId,
) -> Option<Vec<GoalId>> {
    let down_from = |came_from: &BTreeMap<GoalId, GoalId>, top: GoalId| {
        let mut path = vec![top];
        let mut at = top;
        while let Some(&below) = came_from.get(&at) {
            path.push(below);
            at = below;
        }
        path
    };
    if roots.contains(&from) {
        return Some(vec![from]);
    }
    let mut came_from: BTreeMap<GoalId, GoalId> = BTreeMap::new();
    let mut frontier = vec![from];
    let mut seen = BTreeSet::from([from]);
    while !frontier.is_empty() {
        let mut next = Vec::new();
        for g in frontier {
            let mut parents: Vec<GoalId> = graph.parents(g).map(|(p, _)| p).collect();
            parents.sort_by(|a, b| titles.get(a).cmp(&titles.get(b)).then(a.cmp(b)));
            for p in parents {
                if !seen.insert(p) {
                    continue;
                }
                came_from.insert(p, g);
                if roots.contains(&p) {
                    return Some(down_from(&came_from, p));
                }
                next.push(p);
            }
        }
        frontier = next;
    }
    None
}
