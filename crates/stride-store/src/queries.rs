//! The typed queries behind the screens, the CLI and the benchmarks:
//! goal lists, a goal's full detail, the cascade tree with roll-up and the
//! dashboard aggregates. Aggregates run in SQL (see [`crate::eval`]).

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use serde::Serialize;
use sqlx::sqlite::SqliteRow;
use sqlx::Row;
use stride_domain::{
    AlignmentEdge, AlignmentGraph, CheckIn, CycleId, Direction, Goal, GoalId, GoalKind, GoalState,
    GoalStatus, OrgUnitId, Owner, PersonId, Revision, StatusThresholds, UnitKind,
};

use crate::error::{Result, StoreError};
use crate::eval::{eval_cte, CADENCE_DAYS_SQL};
use crate::open::Store;
use crate::read::parse_date;
use crate::write::date;

/// Which goals a list shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GoalScope {
    /// Goals a person owns.
    Person(PersonId),
    /// A manager's team: goals of their direct reports and of the units they lead.
    Team(PersonId),
    /// Goals owned by a unit or by people in it (not its sub-units).
    Unit(OrgUnitId),
    /// Every goal.
    All,
}

/// `condition`, restricted to goals of `cycle` when one is given. A cycle
/// id is a UUID (hex digits and dashes), so it is written into the
/// statement, keeping `?4` for the scope's parameter.
fn in_cycle(condition: &str, cycle: Option<CycleId>) -> String {
    match cycle {
        Some(c) => format!("({condition}) AND g.cycle_id = '{c}'"),
        None => condition.to_owned(),
    }
}

impl GoalScope {
    fn condition(self) -> (&'static str, Option<String>) {
        match self {
            Self::Person(p) => ("g.owner_person_id = ?4", Some(p.to_string())),
            Self::Team(m) => (
                "(g.owner_person_id IN (SELECT id FROM people WHERE manager_id = ?4) \
                  OR g.owner_unit_id IN (SELECT id FROM org_units WHERE lead_id = ?4))",
                Some(m.to_string()),
            ),
            Self::Unit(u) => (
                "(g.owner_unit_id = ?4 OR g.owner_person_id IN (SELECT id FROM people WHERE org_unit_id = ?4))",
                Some(u.to_string()),
            ),
            Self::All => ("1", None),
        }
    }
}

/// One goal as lists show it: definition, numbers and status on a date.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct GoalSummary {
    /// Id.
    pub id: GoalId,
    /// Title.
    pub title: String,
    /// SMART goal, objective or key result.
    pub kind: GoalKind,
    /// Owner.
    pub owner: Owner,
    /// The owner's name (person or unit).
    pub owner_name: String,
    /// Which way the metric should move.
    pub direction: Direction,
    /// Unit kind.
    pub unit: UnitKind,
    /// Unit label ("hours", "%", "USD").
    pub unit_label: String,
    /// Baseline.
    pub baseline: Option<f64>,
    /// Target.
    pub target: Option<f64>,
    /// Band low end.
    pub band_low: Option<f64>,
    /// Band high end.
    pub band_high: Option<f64>,
    /// First day.
    pub start: NaiveDate,
    /// Last day.
    pub due: NaiveDate,
    /// Lifecycle state.
    pub state: GoalState,
    /// Weight among the owner's goals.
    pub weight: f64,
    /// Current value on the date.
    pub current: Option<f64>,
    /// Progress in [0, 1].
    pub progress: f64,
    /// Expected progress in [0, 1].
    pub expected_progress: f64,
    /// Status (none for drafts, cancelled and deprioritised goals).
    pub status: Option<GoalStatus>,
    /// Effective date of the latest check-in up to the date.
    pub last_check_in: Option<NaiveDate>,
}

pub(crate) const SUMMARY_SELECT: &str = "SELECT g.id, g.title, g.kind, g.owner_person_id, g.owner_unit_id, \
    coalesce(pp.name, uu.name, '') AS owner_name, g.direction, g.unit_kind, g.unit_label, g.baseline, g.target, \
    g.band_low, g.band_high, g.start_date, g.due_date, g.state, g.weight, \
    e.current, e.progress, e.expected, e.status, e.last_check_in \
    FROM eval e JOIN goals g ON g.id = e.goal_id \
    LEFT JOIN people pp ON pp.id = g.owner_person_id \
    LEFT JOIN org_units uu ON uu.id = g.owner_unit_id ";

pub(crate) fn summary_from_row(r: &SqliteRow) -> Result<GoalSummary> {
    let owner = match (
        r.try_get::<Option<PersonId>, _>("owner_person_id")?,
        r.try_get::<Option<OrgUnitId>, _>("owner_unit_id")?,
    ) {
        (Some(p), _) => Owner::Person(p),
        (None, Some(u)) => Owner::Unit(u),
        (None, None) => {
            return Err(StoreError::Invalid {
                field: None,
                message: "the database holds a goal without an owner".into(),
            })
        }
    };
    let status: Option<String> = r.try_get("status")?;
    let last: Option<String> = r.try_get("last_check_in")?;
    Ok(GoalSummary {
        id: r.try_get("id")?,
        title: r.try_get("title")?,
        kind: r.try_get("kind")?,
        owner,
        owner_name: r.try_get("owner_name")?,
        direction: r.try_get("direction")?,
        unit: r.try_get("unit_kind")?,
        unit_label: r.try_get("unit_label")?,
        baseline: r.try_get("baseline")?,
        target: r.try_get("target")?,
        band_low: r.try_get("band_low")?,
        band_high: r.try_get("band_high")?,
        start: parse_date(r.try_get("start_date")?)?,
        due: parse_date(r.try_get("due_date")?)?,
        state: r.try_get("state")?,
        weight: r.try_get("weight")?,
        current: r.try_get("current")?,
        progress: r.try_get("progress")?,
        expected_progress: r.try_get("expected")?,
        status: status
            .map(|s| s.parse::<GoalStatus>())
            .transpose()
            .map_err(|e| StoreError::Invalid {
                field: None,
                message: e.to_string(),
            })?,
        last_check_in: last.as_deref().map(parse_date).transpose()?,
    })
}

/// Counts of goals by status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct StatusCounts {
    /// On track.
    pub on_track: i64,
    /// At risk.
    pub at_risk: i64,
    /// Off track.
    pub off_track: i64,
    /// Done.
    pub done: i64,
    /// Missed.
    pub missed: i64,
}

impl StatusCounts {
    /// Goals with a status.
    #[must_use]
    pub fn total(&self) -> i64 {
        self.on_track + self.at_risk + self.off_track + self.done + self.missed
    }
}

/// Status counts for one org unit (goals it owns or its members own).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct UnitStatus {
    /// The unit.
    pub unit: OrgUnitId,
    /// Its name.
    pub name: String,
    /// Counts.
    pub counts: StatusCounts,
}

/// Status counts for one cycle.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CycleStatus {
    /// The cycle.
    pub cycle: CycleId,
    /// Its name ("Q3 2026").
    pub name: String,
    /// Counts.
    pub counts: StatusCounts,
}

/// The dashboard aggregates on a date.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Dashboard {
    /// The date.
    pub as_of: NaiveDate,
    /// Over every tracked goal.
    pub counts: StatusCounts,
    /// Per org unit.
    pub by_unit: Vec<UnitStatus>,
    /// Per cycle.
    pub by_cycle: Vec<CycleStatus>,
    /// Done ÷ (done + missed), when any goal has closed.
    pub completion_rate: Option<f64>,
    /// Share of active, started goals with a check-in within their cadence.
    pub check_in_compliance: Option<f64>,
}

const COUNT_COLUMNS: &str =
    "sum(e.status = 'on_track'), sum(e.status = 'at_risk'), sum(e.status = 'off_track'), \
    sum(e.status = 'done'), sum(e.status = 'missed')";

fn counts_from(r: &SqliteRow, offset: usize) -> Result<StatusCounts> {
    let get =
        |i: usize| -> Result<i64> { Ok(r.try_get::<Option<i64>, _>(offset + i)?.unwrap_or(0)) };
    Ok(StatusCounts {
        on_track: get(0)?,
        at_risk: get(1)?,
        off_track: get(2)?,
        done: get(3)?,
        missed: get(4)?,
    })
}

/// A goal in the cascade tree.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CascadeNode {
    /// The goal and its own numbers.
    pub goal: GoalSummary,
    /// Progress rolled up from its children by weight (its own progress for a leaf).
    pub rolled_up: f64,
    /// Contributing goals with their weights.
    pub children: Vec<(GoalId, f64)>,
}

/// The cascade from top goals down, with roll-up.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Cascade {
    /// The roots, in order.
    pub roots: Vec<GoalId>,
    /// Every goal reachable from the roots (a goal with several parents once).
    pub nodes: BTreeMap<GoalId, CascadeNode>,
}

/// A KPI with its data points, oldest period first.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct KpiSeries {
    /// The KPI.
    pub kpi: stride_domain::Kpi,
    /// Its data points.
    pub points: Vec<stride_domain::DataPoint>,
    /// How many goals track it.
    pub tracked_by: i64,
}

/// A linked goal (parent, child or a step of an alignment path).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct GoalLink {
    /// Id.
    pub id: GoalId,
    /// Title.
    pub title: String,
    /// Edge weight (for parents and children; 1 on paths).
    pub weight: f64,
}

/// Everything about one goal.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct GoalDetail {
    /// The goal's definition.
    pub goal: Goal,
    /// Its numbers on the date.
    pub summary: GoalSummary,
    /// Check-ins, oldest first.
    pub check_ins: Vec<CheckIn>,
    /// Revision history, oldest first.
    pub revisions: Vec<Revision>,
    /// Goals it contributes to.
    pub parents: Vec<GoalLink>,
    /// Goals contributing to it.
    pub children: Vec<GoalLink>,
    /// Paths up to company-level goals (each starts with this goal).
    pub paths: Vec<Vec<GoalLink>>,
    /// The target as first set, when it was revised since.
    pub original_target: Option<f64>,
}

pub(crate) fn binds<'q>(
    q: sqlx::query::Query<'q, sqlx::Sqlite, sqlx::sqlite::SqliteArguments<'q>>,
    as_of: NaiveDate,
    t: &StatusThresholds,
    scope: Option<String>,
) -> sqlx::query::Query<'q, sqlx::Sqlite, sqlx::sqlite::SqliteArguments<'q>> {
    let q = q
        .bind(date(as_of))
        .bind(t.at_risk_gap)
        .bind(t.off_track_gap);
    match scope {
        Some(s) => q.bind(s),
        None => q,
    }
}

/// The dashboard's four aggregates (totals, per unit, per cycle, check-in
/// compliance) over the goals matching `condition`, each with the cte. They
/// bind `?1` as-of, `?2`/`?3` thresholds and, when `condition` uses it, `?4`.
/// Every part yields the same columns — kind (0–3), id, name, two sort
/// keys, the five status counts, then compliance's due and kept — so that
/// [`dashboard_one_sql`] can run them as one statement.
fn dashboard_sql(condition: &str) -> [String; 4] {
    let cte = eval_cte(condition);
    dashboard_parts().map(|part| format!("{cte} {part}"))
}

fn dashboard_parts() -> [String; 4] {
    [
        format!("SELECT 0, NULL, NULL, NULL, NULL, {COUNT_COLUMNS}, NULL, NULL FROM eval e"),
        format!(
            "SELECT 1, u.id, u.name, u.name, u.id, {COUNT_COLUMNS}, NULL, NULL \
             FROM eval e JOIN goals g ON g.id = e.goal_id \
             LEFT JOIN people p ON p.id = g.owner_person_id \
             JOIN org_units u ON u.id = coalesce(g.owner_unit_id, p.org_unit_id) \
             WHERE e.status IS NOT NULL GROUP BY u.id"
        ),
        format!(
            "SELECT 2, c.id, c.name, c.start_date, c.name, {COUNT_COLUMNS}, NULL, NULL \
             FROM eval e JOIN goals g ON g.id = e.goal_id \
             JOIN cycles c ON c.id = g.cycle_id WHERE e.status IS NOT NULL GROUP BY c.id"
        ),
        format!(
            "SELECT 3, NULL, NULL, NULL, NULL, 0, 0, 0, 0, 0, \
               sum(g.state = 'active' AND g.start_date <= ?1 AND g.due_date >= ?1), \
               sum(g.state = 'active' AND g.start_date <= ?1 AND g.due_date >= ?1 \
                   AND e.last_check_in >= date(?1, '-' || {CADENCE_DAYS_SQL} || ' days')) \
             FROM eval e JOIN goals g ON g.id = e.goal_id"
        ),
    ]
}

/// The whole dashboard in one statement: the goals are evaluated once (the
/// cte's materialised base) instead of once per aggregate.
fn dashboard_one_sql(condition: &str) -> String {
    format!(
        "{} {} ORDER BY 1, 4, 5",
        eval_cte(condition),
        dashboard_parts().join(" UNION ALL ")
    )
}

/// One statement the benchmark times, with its parameters bound `?1` as-of,
/// `?2` at-risk gap, `?3` off-track gap.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BenchStatement {
    /// What it computes.
    pub name: &'static str,
    /// The SQL, exactly as the store runs it.
    pub sql: String,
}

/// The statements behind the dashboard aggregates and the cascade, exactly
/// as the store runs them (for `stride bench store`).
#[must_use]
pub fn bench_statements() -> Vec<BenchStatement> {
    let [totals, per_unit, per_cycle, compliance] = dashboard_sql("1");
    vec![
        BenchStatement { name: "dashboard: counts by status", sql: totals },
        BenchStatement { name: "dashboard: status per unit", sql: per_unit },
        BenchStatement { name: "dashboard: status per cycle", sql: per_cycle },
        BenchStatement { name: "dashboard: check-in compliance", sql: compliance },
        BenchStatement { name: "dashboard: all four in one statement", sql: dashboard_one_sql("1") },
        BenchStatement {
            name: "dashboard: all four, every goal evaluated live (no remembered evaluations)",
            sql: format!("{} {} ORDER BY 1, 4, 5", crate::eval::live_eval_cte("1"), dashboard_parts().join(" UNION ALL ")),
        },
        BenchStatement {
            name: "cascade: every goal evaluated",
            sql: format!("{}{SUMMARY_SELECT} ORDER BY CASE e.status WHEN 'off_track' THEN 0 WHEN 'at_risk' THEN 1 ELSE 2 END, \
             g.due_date, g.title, g.id LIMIT {limit} OFFSET 0", eval_cte("1"), limit = u32::MAX),
        },
    ]
}

impl Store {
    /// Remembers the evaluation on `as_of` of every goal whose remembered one
    /// is missing or stale (see migration 6 and `eval.rs`); returns how many
    /// goals it evaluated. Reads are right without it, and fast after it.
    /// Works in batches of a few thousand goals, one short write each, so
    /// a person's check-in never waits long behind it.
    pub async fn refresh_evaluations(
        &self,
        as_of: NaiveDate,
        thresholds: &StatusThresholds,
    ) -> Result<u64> {
        const BATCH: u32 = 4000;
        let sql = crate::eval::refresh_sql(BATCH);
        let mut total = 0;
        loop {
            let mut tx = self.begin_write().await?;
            let done = binds(sqlx::query(&sql), as_of, thresholds, None)
                .execute(tx.conn())
                .await?;
            tx.commit_bookkeeping().await?;
            total += done.rows_affected();
            if done.rows_affected() < u64::from(BATCH) {
                break;
            }
        }
        if total > 0 {
            tracing::debug!(goals = total, %as_of, "remembered goal evaluations");
        }
        Ok(total)
    }

    /// The dashboard on `as_of`, optionally for one cycle, aggregated in SQL
    /// (one statement over one evaluation of the goals). Kept in memory per
    /// (day, cycle, thresholds) until the store commits a data write or ten
    /// minutes pass, so opening Analytics again costs nothing.
    pub async fn dashboard(
        &self,
        as_of: NaiveDate,
        thresholds: &StatusThresholds,
        cycle: Option<CycleId>,
    ) -> Result<Dashboard> {
        let key = self.memo_key(as_of, thresholds, cycle);
        if let Some(d) = self.dashboard_memo.get(&key) {
            return Ok(d);
        }
        let d = self.dashboard_uncached(as_of, thresholds, cycle).await?;
        self.dashboard_memo.put(key, d.clone());
        Ok(d)
    }

    /// What the dashboard's charts need — the status counts and every
    /// active, started goal's progress minus expected progress — from one
    /// evaluation of the goals (one statement), kept in memory like
    /// [`Store::dashboard`].
    pub async fn chart_data(
        &self,
        as_of: NaiveDate,
        thresholds: &StatusThresholds,
        cycle: Option<CycleId>,
    ) -> Result<(StatusCounts, Vec<f64>)> {
        let key = self.memo_key(as_of, thresholds, cycle);
        if let Some(d) = self.chart_memo.get(&key) {
            return Ok(d);
        }
        let d = self.chart_data_uncached(as_of, thresholds, cycle).await?;
        self.chart_memo.put(key, d.clone());
        Ok(d)
    }

    /// Runs one [`BenchStatement`] and returns how many rows it produced.
    pub async fn run_bench_statement(
        &self,
        statement: &BenchStatement,
        as_of: NaiveDate,
        thresholds: &StatusThresholds,
    ) -> Result<usize> {
        let rows = binds(sqlx::query(&statement.sql), as_of, thresholds, None)
            .fetch_all(self.reader())
            .await?;
        Ok(rows.len())
    }

    /// Goals in `scope` with their numbers on `as_of`: at-risk and off-track
    /// first, then by due date. `limit`/`offset` page long lists.
    pub async fn goal_summaries(
        &self,
        scope: GoalScope,
        cycle: Option<CycleId>,
        as_of: NaiveDate,
        thresholds: &StatusThresholds,
        limit: u32,
        offset: u32,
    ) -> Result<Vec<GoalSummary>> {
        let (condition, param) = scope.condition();
        let sql = format!(
            "{}{SUMMARY_SELECT} ORDER BY CASE e.status WHEN 'off_track' THEN 0 WHEN 'at_risk' THEN 1 ELSE 2 END, \
             g.due_date, g.title, g.id LIMIT {limit} OFFSET {offset}",
            eval_cte(&in_cycle(condition, cycle))
        );
        let rows = binds(sqlx::query(&sql), as_of, thresholds, param)
            .fetch_all(self.reader())
            .await?;
        rows.iter().map(summary_from_row).collect()
    }

    /// One goal's summary on `as_of`.
    pub async fn goal_summary(
        &self,
        id: GoalId,
        as_of: NaiveDate,
        thresholds: &StatusThresholds,
    ) -> Result<GoalSummary> {
        let sql = format!("{}{SUMMARY_SELECT}", eval_cte("g.id = ?4"));
        let row = binds(sqlx::query(&sql), as_of, thresholds, Some(id.to_string()))
            .fetch_optional(self.reader())
            .await?
            .ok_or_else(|| StoreError::not_found(format!("goal {id}")))?;
        summary_from_row(&row)
    }

    /// What the dashboard's charts need — the status counts and every
    /// active, started goal's progress minus expected progress — from one
    /// evaluation of the goals (one statement).
    async fn chart_data_uncached(
        &self,
        as_of: NaiveDate,
        thresholds: &StatusThresholds,
        cycle: Option<CycleId>,
    ) -> Result<(StatusCounts, Vec<f64>)> {
        let sql = format!(
            "{} SELECT 0, {COUNT_COLUMNS}, NULL FROM eval e \
             UNION ALL \
             SELECT 1, 0, 0, 0, 0, 0, e.progress - e.expected FROM eval e JOIN goals g ON g.id = e.goal_id \
             WHERE e.status IS NOT NULL AND g.state = 'active' AND g.start_date <= ?1",
            eval_cte(&in_cycle("1", cycle))
        );
        let rows = binds(sqlx::query(&sql), as_of, thresholds, None)
            .fetch_all(self.reader())
            .await?;
        let mut counts = StatusCounts::default();
        let mut deltas = Vec::with_capacity(rows.len());
        for r in &rows {
            if r.try_get::<i64, _>(0)? == 0 {
                counts = counts_from(r, 1)?;
            } else {
                deltas.push(r.try_get::<f64, _>(6)?);
            }
        }
        Ok((counts, deltas))
    }

    /// The dashboard on `as_of`, optionally for one cycle, aggregated in SQL.
    async fn dashboard_uncached(
        &self,
        as_of: NaiveDate,
        thresholds: &StatusThresholds,
        cycle: Option<CycleId>,
    ) -> Result<Dashboard> {
        let (condition, param) = match cycle {
            Some(c) => ("g.cycle_id = ?4", Some(c.to_string())),
            None => ("1", None),
        };
        let rows = binds(
            sqlx::query(&dashboard_one_sql(condition)),
            as_of,
            thresholds,
            param,
        )
        .fetch_all(self.reader())
        .await?;
        let mut counts = StatusCounts::default();
        let (mut by_unit, mut by_cycle) = (Vec::new(), Vec::new());
        let (mut due, mut kept) = (0_i64, 0_i64);
        for r in &rows {
            match r.try_get::<i64, _>(0)? {
                0 => counts = counts_from(r, 5)?,
                1 => by_unit.push(UnitStatus {
                    unit: r.try_get(1)?,
                    name: r.try_get(2)?,
                    counts: counts_from(r, 5)?,
                }),
                2 => by_cycle.push(CycleStatus {
                    cycle: r.try_get(1)?,
                    name: r.try_get(2)?,
                    counts: counts_from(r, 5)?,
                }),
                _ => {
                    due = r.try_get::<Option<i64>, _>(10)?.unwrap_or(0);
                    kept = r.try_get::<Option<i64>, _>(11)?.unwrap_or(0);
                }
            }
        }
        #[allow(clippy::cast_precision_loss)] // counts far below 2^52
        let ratio = |a: i64, b: i64| (b > 0).then(|| a as f64 / b as f64);
        Ok(Dashboard {
            as_of,
            completion_rate: ratio(counts.done, counts.done + counts.missed),
            check_in_compliance: ratio(kept, due),
            counts,
            by_unit,
            by_cycle,
        })
    }

    /// Every KPI with its series and how many goals track it, by name.
    pub async fn kpis_with_series(&self) -> Result<Vec<KpiSeries>> {
        let rows = sqlx::query(
            "SELECT k.id, k.key, k.name, k.unit_kind, k.unit_label, k.direction, k.period_kind, \
               (SELECT count(*) FROM goals g WHERE g.kpi_id = k.id) AS tracked_by \
             FROM kpis k ORDER BY k.name, k.key",
        )
        .fetch_all(self.reader())
        .await?;
        let mut out = Vec::with_capacity(rows.len());
        for r in rows {
            let kpi = stride_domain::Kpi {
                id: r.try_get("id")?,
                key: r.try_get("key")?,
                name: r.try_get("name")?,
                unit: r.try_get("unit_kind")?,
                unit_label: r.try_get("unit_label")?,
                direction: r.try_get("direction")?,
                period: r.try_get("period_kind")?,
            };
            let points = self.kpi_points(kpi.id).await?;
            out.push(KpiSeries {
                kpi,
                points,
                tracked_by: r.try_get("tracked_by")?,
            });
        }
        Ok(out)
    }

    /// Goals whose title contains `text` (case-insensitive), active ones
    /// and company-level ones first; for pickers and the global search.
    pub async fn search_goals(&self, text: &str, limit: u32) -> Result<Vec<GoalLink>> {
        let pattern = crate::browse::like_pattern(text);
        let rows: Vec<(GoalId, String)> = sqlx::query_as(
            "SELECT g.id, g.title FROM goals g LEFT JOIN org_units u ON u.id = g.owner_unit_id \
             WHERE g.title LIKE ?1 ESCAPE '\\' \
             ORDER BY g.state <> 'active', u.kind IS NOT 'company', g.title, g.id LIMIT ?2",
        )
        .bind(pattern)
        .bind(i64::from(limit))
        .fetch_all(self.reader())
        .await?;
        Ok(rows
            .into_iter()
            .map(|(id, title)| GoalLink {
                id,
                title,
                weight: 1.0,
            })
            .collect())
    }

    /// Every alignment edge.
    pub async fn alignment_graph(&self) -> Result<AlignmentGraph> {
        let edges: Vec<(GoalId, GoalId, f64)> =
            sqlx::query_as("SELECT child_id, parent_id, weight FROM alignments")
                .fetch_all(self.reader())
                .await?;
        AlignmentGraph::from_edges(
            edges
                .into_iter()
                .map(|(child, parent, weight)| AlignmentEdge {
                    child,
                    parent,
                    weight,
                }),
        )
        .map_err(|e| StoreError::Invalid {
            field: None,
            message: format!("the database holds an invalid alignment: {e}"),
        })
    }

    /// The cascade on `as_of`: from the goals owned by `unit` (or, without
    /// one, by every company-level unit) down through their contributors,
    /// with weighted roll-up. Drafts, cancelled and deprioritised goals are
    /// shown but excluded from roll-up.
    pub async fn cascade(
        &self,
        unit: Option<OrgUnitId>,
        as_of: NaiveDate,
        thresholds: &StatusThresholds,
    ) -> Result<Cascade> {
        let graph = self.alignment_graph().await?;
        let roots: Vec<GoalId> = match unit {
            Some(u) => {
                sqlx::query_scalar(
                    "SELECT id FROM goals WHERE owner_unit_id = ? ORDER BY title, id",
                )
                .bind(u)
                .fetch_all(self.reader())
                .await?
            }
            None => {
                sqlx::query_scalar(
                    "SELECT g.id FROM goals g JOIN org_units u ON u.id = g.owner_unit_id \
                     WHERE u.kind = 'company' ORDER BY g.title, g.id",
                )
                .fetch_all(self.reader())
                .await?
            }
        };
        if let Some(u) = unit {
            if roots.is_empty() {
                let exists: bool =
                    sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM org_units WHERE id = ?)")
                        .bind(u)
                        .fetch_one(self.reader())
                        .await?;
                if !exists {
                    return Err(StoreError::not_found(format!("org unit {u}")));
                }
            }
        }
        let mut reach: BTreeSet<GoalId> = roots.iter().copied().collect();
        for r in &roots {
            reach.extend(graph.descendants(*r));
        }
        let summaries = self
            .goal_summaries(GoalScope::All, None, as_of, thresholds, u32::MAX, 0)
            .await?;
        let mut own = BTreeMap::new();
        let mut by_id = BTreeMap::new();
        for s in summaries {
            if reach.contains(&s.id) {
                if s.state.counts_in_rollup() {
                    own.insert(s.id, s.progress);
                }
                by_id.insert(s.id, s);
            }
        }
        let rolled = stride_domain::rollup(&graph, &own);
        let nodes = by_id
            .into_iter()
            .map(|(id, goal)| {
                let rolled_up = rolled.get(&id).copied().unwrap_or(goal.progress);
                let mut children: Vec<(GoalId, f64)> = graph.children(id).collect();
                children.sort_by_key(|c| c.0);
                (
                    id,
                    CascadeNode {
                        goal,
                        rolled_up,
                        children,
                    },
                )
            })
            .collect();
        Ok(Cascade { roots, nodes })
    }

    /// Everything about one goal on `as_of`.
    pub async fn goal_detail(
        &self,
        id: GoalId,
        as_of: NaiveDate,
        thresholds: &StatusThresholds,
    ) -> Result<GoalDetail> {
        let goal = self.goal(id).await?;
        let summary = self.goal_summary(id, as_of, thresholds).await?;
        let check_ins = self.check_ins(id).await?;
        let revisions = self.revisions(id).await?;
        let original_target = if revisions
            .iter()
            .any(|r| r.field == stride_domain::GoalField::Target)
        {
            stride_domain::original_target(&goal, &revisions).map_err(|e| StoreError::Invalid {
                field: None,
                message: format!("the revision history of goal {id} does not chain: {e}"),
            })?
        } else {
            None
        };
        let parents = self.links("SELECT a.parent_id, g.title, a.weight FROM alignments a JOIN goals g ON g.id = a.parent_id WHERE a.child_id = ? ORDER BY g.title, g.id", id).await?;
        let children = self.links("SELECT a.child_id, g.title, a.weight FROM alignments a JOIN goals g ON g.id = a.child_id WHERE a.parent_id = ? ORDER BY g.title, g.id", id).await?;

        // Ancestors and which of them are company-level.
        let up: Vec<(GoalId, GoalId, f64)> = sqlx::query_as(
            "WITH RECURSIVE up(id) AS (SELECT ?1 UNION SELECT a.parent_id FROM alignments a JOIN up ON a.child_id = up.id) \
             SELECT a.child_id, a.parent_id, a.weight FROM alignments a JOIN up ON a.child_id = up.id",
        )
        .bind(id)
        .fetch_all(self.reader())
        .await?;
        let graph =
            AlignmentGraph::from_edges(up.iter().map(|&(child, parent, weight)| AlignmentEdge {
                child,
                parent,
                weight,
            }))
            .map_err(|e| StoreError::Invalid {
                field: None,
                message: e.to_string(),
            })?;
        let mut involved: BTreeSet<GoalId> = graph.goals();
        involved.insert(id);
        let mut titles = BTreeMap::new();
        let mut top = BTreeSet::new();
        for g in &involved {
            let row: Option<(String, Option<String>)> = sqlx::query_as(
                "SELECT g.title, u.kind FROM goals g LEFT JOIN org_units u ON u.id = g.owner_unit_id WHERE g.id = ?",
            )
            .bind(*g)
            .fetch_optional(self.reader())
            .await?;
            if let Some((title, kind)) = row {
                if kind.as_deref() == Some("company") {
                    top.insert(*g);
                }
                titles.insert(*g, title);
            }
        }
        let paths = stride_domain::alignment_paths(&graph, id, |g| top.contains(&g), 20)
            .into_iter()
            .map(|path| {
                path.into_iter()
                    .map(|g| GoalLink {
                        id: g,
                        title: titles.get(&g).cloned().unwrap_or_default(),
                        weight: 1.0,
                    })
                    .collect()
            })
            .collect();
        Ok(GoalDetail {
            goal,
            summary,
            check_ins,
            revisions,
            parents,
            children,
            paths,
            original_target,
        })
    }

    async fn links(&self, sql: &str, id: GoalId) -> Result<Vec<GoalLink>> {
        let rows: Vec<(GoalId, String, f64)> = sqlx::query_as(sql)
            .bind(id)
            .fetch_all(self.reader())
            .await?;
        Ok(rows
            .into_iter()
            .map(|(id, title, weight)| GoalLink { id, title, weight })
            .collect())
    }
}
