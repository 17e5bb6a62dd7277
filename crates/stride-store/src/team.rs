//! A manager's team at a glance and the alignment problems of the cascade.

use chrono::NaiveDate;
use serde::Serialize;
use sqlx::Row;
use stride_domain::{GoalId, GoalState, PersonId, StatusThresholds};

use crate::error::Result;
use crate::eval::{eval_cte, CADENCE_DAYS_SQL};
use crate::open::Store;
use crate::queries::{GoalLink, StatusCounts};
use crate::read::parse_date;
use crate::write::date;

/// One report of a manager, with the state of their goals.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TeamMember {
    /// The person.
    pub person: PersonId,
    /// Name.
    pub name: String,
    /// Job title.
    pub title: String,
    /// Goals they own (every state).
    pub goals: i64,
    /// Their tracked goals by status.
    pub counts: StatusCounts,
    /// Their latest check-in on any goal, up to the date.
    pub last_check_in: Option<NaiveDate>,
    /// Share of their active, started goals checked in within cadence.
    pub check_in_compliance: Option<f64>,
}

/// A goal under a cancelled or deprioritised parent.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct InactiveParent {
    /// The active goal.
    pub goal: GoalLink,
    /// Its parent.
    pub parent: GoalLink,
    /// The parent's state.
    pub parent_state: GoalState,
}

/// Two goals under one parent that push the same KPI or metric in
/// opposite directions.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct OpposingSiblings {
    /// The shared parent.
    pub parent: GoalLink,
    /// The goal raising it.
    pub raising: GoalLink,
    /// The goal lowering it.
    pub lowering: GoalLink,
    /// The KPI key or metric name they share.
    pub measure: String,
}

/// What is wrong with the cascade.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AlignmentProblems {
    /// Active goals with no path up to a company goal.
    pub orphans: Vec<GoalLink>,
    /// Active goals under a cancelled or deprioritised parent.
    pub inactive_parents: Vec<InactiveParent>,
    /// Sibling goals pushing one measure both ways.
    pub opposing_siblings: Vec<OpposingSiblings>,
}

fn link(id: GoalId, title: String) -> GoalLink {
    GoalLink {
        id,
        title,
        weight: 1.0,
    }
}

impl Store {
    /// A manager's direct reports with their goals' status mix, latest
    /// check-in and check-in compliance on `as_of` — aggregated in SQL.
    pub async fn team_overview(
        &self,
        manager: PersonId,
        as_of: NaiveDate,
        thresholds: &StatusThresholds,
    ) -> Result<Vec<TeamMember>> {
        let sql = format!(
            "{cte} SELECT p.id, p.name, p.title, count(g.id) AS goals, \
               sum(e.status = 'on_track'), sum(e.status = 'at_risk'), sum(e.status = 'off_track'), \
               sum(e.status = 'done'), sum(e.status = 'missed'), max(e.last_check_in) AS last_check_in, \
               sum(g.state = 'active' AND g.start_date <= ?1 AND g.due_date >= ?1) AS due, \
               sum(g.state = 'active' AND g.start_date <= ?1 AND g.due_date >= ?1 \
                   AND e.last_check_in >= date(?1, '-' || {CADENCE_DAYS_SQL} || ' days')) AS kept \
             FROM people p LEFT JOIN goals g ON g.owner_person_id = p.id LEFT JOIN eval e ON e.goal_id = g.id \
             WHERE p.manager_id = ?4 AND p.active = 1 GROUP BY p.id ORDER BY p.name, p.id",
            cte = eval_cte("g.owner_person_id IN (SELECT id FROM people WHERE manager_id = ?4)"),
        );
        let rows = sqlx::query(&sql)
            .bind(date(as_of))
            .bind(thresholds.at_risk_gap)
            .bind(thresholds.off_track_gap)
            .bind(manager)
            .fetch_all(self.reader())
            .await?;
        rows.iter()
            .map(|r| {
                let n =
                    |i: usize| -> Result<i64> { Ok(r.try_get::<Option<i64>, _>(i)?.unwrap_or(0)) };
                let last: Option<String> = r.try_get("last_check_in")?;
                let (due, kept) = (n(10)?, n(11)?);
                #[allow(clippy::cast_precision_loss)] // counts far below 2^52
                let compliance = (due > 0).then(|| kept as f64 / due as f64);
                Ok(TeamMember {
                    person: r.try_get(0)?,
                    name: r.try_get(1)?,
                    title: r.try_get(2)?,
                    goals: n(3)?,
                    counts: StatusCounts {
                        on_track: n(4)?,
                        at_risk: n(5)?,
                        off_track: n(6)?,
                        done: n(7)?,
                        missed: n(8)?,
                    },
                    last_check_in: last.as_deref().map(parse_date).transpose()?,
                    check_in_compliance: compliance,
                })
            })
            .collect()
    }

    /// Orphans, goals under inactive parents and opposing siblings, each
    /// list capped at `limit`.
    pub async fn alignment_problems(&self, limit: u32) -> Result<AlignmentProblems> {
        // Orphans: active goals no path reaches from a company goal. The
        // reachable set comes from the alignment map's graph (a recursive
        // `UNION` over every edge in SQL took most of a second at 138k goals).
        let reached = self.reached_from_company().await?;
        let active: Vec<(GoalId, String)> =
            sqlx::query_as("SELECT id, title FROM goals WHERE state = 'active' ORDER BY title, id")
                .fetch_all(self.reader())
                .await?;
        let orphans: Vec<(GoalId, String)> = active
            .into_iter()
            .filter(|(id, _)| !reached.contains(id))
            .take(usize::try_from(limit).unwrap_or(usize::MAX))
            .collect();
        let inactive: Vec<(GoalId, String, GoalId, String, GoalState)> = sqlx::query_as(
            "SELECT c.id, c.title, p.id, p.title, p.state FROM alignments a \
             JOIN goals c ON c.id = a.child_id JOIN goals p ON p.id = a.parent_id \
             WHERE c.state = 'active' AND p.state IN ('cancelled', 'deprioritised') \
             ORDER BY p.title, c.title, c.id LIMIT ?",
        )
        .bind(i64::from(limit))
        .fetch_all(self.reader())
        .await?;
        // Siblings pushing one measure both ways: the active children with a
        // measure, split by direction first, then paired per parent.
        let opposing: Vec<(GoalId, String, GoalId, String, GoalId, String, String)> = sqlx::query_as(
            "WITH kids AS MATERIALIZED ( \
               SELECT a.parent_id, g.id, g.title, g.direction, g.kpi_id, g.metric_name, lower(g.metric_name) AS m \
               FROM alignments a JOIN goals g ON g.id = a.child_id \
               WHERE g.state = 'active' AND (g.kpi_id IS NOT NULL OR g.metric_name <> '')), \
             up AS MATERIALIZED (SELECT * FROM kids WHERE direction IN ('increase', 'at_least')), \
             down AS MATERIALIZED (SELECT * FROM kids WHERE direction IN ('decrease', 'at_most')) \
             SELECT p.id, p.title, up.id, up.title, down.id, down.title, \
               coalesce(k.key, up.metric_name) AS measure \
             FROM up JOIN down ON down.parent_id = up.parent_id AND down.id <> up.id \
               AND ((up.kpi_id IS NOT NULL AND up.kpi_id = down.kpi_id) OR (up.m <> '' AND up.m = down.m)) \
             JOIN goals p ON p.id = up.parent_id LEFT JOIN kpis k ON k.id = up.kpi_id \
             ORDER BY p.title, up.title, down.title LIMIT ?",
        )
        .bind(i64::from(limit))
        .fetch_all(self.reader())
        .await?;
        Ok(AlignmentProblems {
            orphans: orphans.into_iter().map(|(id, t)| link(id, t)).collect(),
            inactive_parents: inactive
                .into_iter()
                .map(|(c, ct, p, pt, state)| InactiveParent {
                    goal: link(c, ct),
                    parent: link(p, pt),
                    parent_state: state,
                })
                .collect(),
            opposing_siblings: opposing
                .into_iter()
                .map(|(p, pt, u, ut, d, dt, measure)| OpposingSiblings {
                    parent: link(p, pt),
                    raising: link(u, ut),
                    lowering: link(d, dt),
                    measure,
                })
                .collect(),
        })
    }
}
