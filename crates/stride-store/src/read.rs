//! Typed reads: rows become validated domain types at this edge.

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::sqlite::SqliteRow;
use sqlx::{Row, SqliteConnection};
use stride_domain::{
    Cadence, CheckIn, Checkpoint, Confidence, DataPoint, DataPointId, Goal, GoalDraft, GoalField,
    GoalId, KpiId, Owner, Period, PeriodKind, Revision,
};

use crate::error::{Result, StoreError};
use crate::open::Store;

pub(crate) const GOAL_COLUMNS: &str = "id, kind, owner_person_id, owner_unit_id, statement, title, method, category, \
    metric_name, unit_kind, unit_label, direction, baseline, target, band_low, band_high, start_date, due_date, \
    cycle_id, weight, cadence, state, kpi_id";

fn corrupt(what: &str, detail: impl std::fmt::Display) -> StoreError {
    StoreError::Invalid {
        field: None,
        message: format!("the database holds an invalid {what}: {detail}"),
    }
}

pub(crate) fn parse_date(text: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|e| corrupt("date", format!("{text}: {e}")))
}

pub(crate) fn parse_timestamp(text: &str) -> Result<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| corrupt("timestamp", format!("{text}: {e}")))
}

/// A check-in from a row with the `checkins` columns (the goal given).
pub(crate) fn check_in_from_row(r: &SqliteRow, goal: GoalId) -> Result<CheckIn> {
    let confidence = r
        .try_get::<Option<i64>, _>("confidence")?
        .map(Confidence::new)
        .transpose()
        .map_err(|e| corrupt("confidence", e))?;
    Ok(CheckIn {
        id: r.try_get("id")?,
        goal,
        value: r.try_get("value")?,
        done: r.try_get("done")?,
        confidence,
        note: r.try_get("note")?,
        blockers: r.try_get("blockers")?,
        effective: parse_date(r.try_get("effective_date")?)?,
        author: r
            .try_get::<Option<stride_domain::PersonId>, _>("author_id")?
            .ok_or_else(|| corrupt("check-in author", "missing"))?,
        created_at: parse_timestamp(r.try_get("created_at")?)?,
    })
}

pub(crate) fn goal_draft_from_row(row: &SqliteRow) -> Result<GoalDraft> {
    let id: GoalId = row.try_get("id")?;
    let owner = match (
        row.try_get::<Option<stride_domain::PersonId>, _>("owner_person_id")?,
        row.try_get::<Option<stride_domain::OrgUnitId>, _>("owner_unit_id")?,
    ) {
        (Some(p), None) => Owner::Person(p),
        (None, Some(u)) => Owner::Unit(u),
        _ => return Err(corrupt("goal owner", format!("goal {id}"))),
    };
    let cadence: String = row.try_get("cadence")?;
    Ok(GoalDraft {
        id,
        kind: row.try_get("kind")?,
        owner,
        statement: row.try_get("statement")?,
        title: row.try_get("title")?,
        method: row.try_get("method")?,
        category: row.try_get("category")?,
        metric_name: row.try_get("metric_name")?,
        unit: row.try_get("unit_kind")?,
        unit_label: row.try_get("unit_label")?,
        direction: row.try_get("direction")?,
        baseline: row.try_get("baseline")?,
        target: row.try_get("target")?,
        band_low: row.try_get("band_low")?,
        band_high: row.try_get("band_high")?,
        start: parse_date(row.try_get("start_date")?)?,
        due: parse_date(row.try_get("due_date")?)?,
        cycle: row.try_get("cycle_id")?,
        weight: row.try_get("weight")?,
        cadence: cadence
            .parse::<Cadence>()
            .map_err(|e| corrupt("cadence", e))?,
        checkpoints: Vec::new(),
        state: row.try_get("state")?,
        kpi: row.try_get("kpi_id")?,
    })
}

/// Loads one goal with its checkpoints, as a validated [`Goal`].
pub(crate) async fn load_goal(conn: &mut SqliteConnection, id: GoalId) -> Result<Goal> {
    let row = sqlx::query(&format!("SELECT {GOAL_COLUMNS} FROM goals WHERE id = ?"))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or_else(|| StoreError::not_found(format!("goal {id}")))?;
    let mut draft = goal_draft_from_row(&row)?;
    let checkpoints = sqlx::query(
        "SELECT date, expected_value, label FROM goal_checkpoints WHERE goal_id = ? ORDER BY date",
    )
    .bind(id)
    .fetch_all(&mut *conn)
    .await?;
    for r in checkpoints {
        draft.checkpoints.push(Checkpoint {
            date: parse_date(r.try_get("date")?)?,
            expected: r.try_get("expected_value")?,
            label: r.try_get("label")?,
        });
    }
    Goal::new(draft).map_err(|e| corrupt("goal", e))
}

/// A KPI's data points, oldest period first.
pub(crate) async fn load_kpi_points(
    conn: &mut SqliteConnection,
    kpi: KpiId,
) -> Result<Vec<DataPoint>> {
    let kind: PeriodKind = sqlx::query_scalar("SELECT period_kind FROM kpis WHERE id = ?")
        .bind(kpi)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or_else(|| StoreError::not_found(format!("KPI {kpi}")))?;
    let rows = sqlx::query(
        "SELECT id, period_start, value, recorded_at FROM kpi_points WHERE kpi_id = ? ORDER BY period_start",
    )
    .bind(kpi)
    .fetch_all(&mut *conn)
    .await?;
    rows.iter()
        .map(|r| {
            let start = parse_date(r.try_get("period_start")?)?;
            Ok(DataPoint {
                id: r.try_get::<DataPointId, _>("id")?,
                kpi,
                period: Period::new(kind, start).map_err(|e| corrupt("KPI period", e))?,
                value: r.try_get("value")?,
                recorded_at: parse_timestamp(r.try_get("recorded_at")?)?,
            })
        })
        .collect()
}

impl Store {
    /// One goal.
    pub async fn goal(&self, id: GoalId) -> Result<Goal> {
        let mut conn = self.reader().acquire().await?;
        load_goal(&mut conn, id).await
    }

    /// A goal's check-ins, oldest first (by effective date, then entry time).
    pub async fn check_ins(&self, goal: GoalId) -> Result<Vec<CheckIn>> {
        let rows = sqlx::query(
            "SELECT id, value, done, confidence, note, blockers, effective_date, author_id, created_at \
             FROM checkins WHERE goal_id = ? ORDER BY effective_date, created_at",
        )
        .bind(goal)
        .fetch_all(self.reader())
        .await?;
        rows.iter().map(|r| check_in_from_row(r, goal)).collect()
    }

    /// A goal's revision history, in the order it was written.
    pub async fn revisions(&self, goal: GoalId) -> Result<Vec<Revision>> {
        let rows = sqlx::query(
            "SELECT id, field, old_value, new_value, author_id, at, reason FROM revisions \
             WHERE goal_id = ? ORDER BY at, rowid",
        )
        .bind(goal)
        .fetch_all(self.reader())
        .await?;
        rows.iter()
            .map(|r| {
                let field: String = r.try_get("field")?;
                Ok(Revision {
                    id: r.try_get("id")?,
                    goal,
                    field: field
                        .parse::<GoalField>()
                        .map_err(|e| corrupt("revision field", e))?,
                    old_value: r
                        .try_get::<Option<String>, _>("old_value")?
                        .unwrap_or_default(),
                    new_value: r
                        .try_get::<Option<String>, _>("new_value")?
                        .unwrap_or_default(),
                    author: r
                        .try_get::<Option<stride_domain::PersonId>, _>("author_id")?
                        .ok_or_else(|| corrupt("revision author", "missing"))?,
                    at: parse_timestamp(r.try_get("at")?)?,
                    reason: r.try_get("reason")?,
                })
            })
            .collect()
    }

    /// A KPI's data points, oldest period first.
    pub async fn kpi_points(&self, kpi: KpiId) -> Result<Vec<DataPoint>> {
        let mut conn = self.reader().acquire().await?;
        load_kpi_points(&mut conn, kpi).await
    }

    /// A person's name, title and the name of their company (the top of
    /// their unit's tree), if the person exists.
    pub async fn profile(
        &self,
        person: stride_domain::PersonId,
    ) -> Result<Option<(String, String, String)>> {
        Ok(sqlx::query_as(
            "WITH RECURSIVE up(id, parent_id, name, kind) AS ( \
               SELECT u.id, u.parent_id, u.name, u.kind FROM org_units u JOIN people p ON p.org_unit_id = u.id WHERE p.id = ?1 \
               UNION ALL SELECT u.id, u.parent_id, u.name, u.kind FROM org_units u JOIN up ON u.id = up.parent_id) \
             SELECT p.name, p.title, coalesce((SELECT name FROM up WHERE parent_id IS NULL LIMIT 1), '') \
             FROM people p WHERE p.id = ?1",
        )
        .bind(person)
        .fetch_optional(self.reader())
        .await?)
    }

    /// Who a goal of `owner` cascades to: a person's active direct reports,
    /// or an org unit's active members (its lead excluded), by name.
    pub async fn team_members(
        &self,
        owner: stride_domain::Owner,
    ) -> Result<Vec<stride_domain::PersonId>> {
        Ok(match owner {
            stride_domain::Owner::Person(p) => {
                sqlx::query_scalar("SELECT id FROM people WHERE manager_id = ? AND active = 1 ORDER BY name, id")
                    .bind(p)
                    .fetch_all(self.reader())
                    .await?
            }
            stride_domain::Owner::Unit(u) => {
                sqlx::query_scalar(
                    "SELECT p.id FROM people p JOIN org_units u ON u.id = p.org_unit_id \
                     WHERE p.org_unit_id = ?1 AND p.active = 1 AND p.id IS NOT u.lead_id ORDER BY p.name, p.id",
                )
                .bind(u)
                .fetch_all(self.reader())
                .await?
            }
        })
    }

    /// Every person's id (as text) and name.
    pub async fn person_names(&self) -> Result<Vec<(String, String)>> {
        Ok(sqlx::query_as("SELECT id, name FROM people")
            .fetch_all(self.reader())
            .await?)
    }

    /// Who answers for a goal: its owner, or the lead of the owning unit
    /// (`None` for a unit without a lead; `NotFound` for an unknown goal).
    pub async fn answerable_for(&self, goal: GoalId) -> Result<Option<stride_domain::PersonId>> {
        match self.goal(goal).await?.owner {
            stride_domain::Owner::Person(p) => Ok(Some(p)),
            stride_domain::Owner::Unit(u) => self.unit_lead(u).await,
        }
    }

    /// An org unit's lead (`NotFound` for an unknown unit).
    pub async fn unit_lead(
        &self,
        unit: stride_domain::OrgUnitId,
    ) -> Result<Option<stride_domain::PersonId>> {
        let row: Option<(Option<stride_domain::PersonId>,)> =
            sqlx::query_as("SELECT lead_id FROM org_units WHERE id = ?")
                .bind(unit)
                .fetch_optional(self.reader())
                .await?;
        row.map(|(lead,)| lead)
            .ok_or_else(|| StoreError::not_found(format!("org unit {unit}")))
    }

    /// The goals `goal` contributes to, with weights.
    pub async fn parents(&self, goal: GoalId) -> Result<Vec<(GoalId, f64)>> {
        Ok(sqlx::query_as(
            "SELECT parent_id, weight FROM alignments WHERE child_id = ? ORDER BY parent_id",
        )
        .bind(goal)
        .fetch_all(self.reader())
        .await?)
    }

    /// The goals contributing to `goal`, with weights.
    pub async fn children(&self, goal: GoalId) -> Result<Vec<(GoalId, f64)>> {
        Ok(sqlx::query_as(
            "SELECT child_id, weight FROM alignments WHERE parent_id = ? ORDER BY child_id",
        )
        .bind(goal)
        .fetch_all(self.reader())
        .await?)
    }
}
