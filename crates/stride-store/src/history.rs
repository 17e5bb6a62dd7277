//! Past results for judging whether a new target is achievable: the owner's
//! own past goals and those of comparable people (same title, or same org
//! unit), each with its baseline, target and latest checked-in value.

use chrono::NaiveDate;
use serde::Serialize;
use sqlx::Row;
use stride_domain::{Direction, GoalId, PersonId};

use crate::error::{Result, StoreError};
use crate::open::Store;
use crate::read::parse_date;

/// One past numeric goal with its result.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PastGoal {
    /// The goal.
    pub id: GoalId,
    /// Its owner.
    pub owner: PersonId,
    /// The owner asked about (true) or a comparable person (false).
    pub own: bool,
    /// Title.
    pub title: String,
    /// What it measured.
    pub metric: String,
    /// Unit label ("hours", "%", "USD").
    pub unit: String,
    /// `increase` or `decrease` (the only directions with a change to compare).
    pub direction: Direction,
    /// Starting value.
    pub baseline: f64,
    /// Target.
    pub target: f64,
    /// The latest checked-in value, if any.
    pub latest: Option<f64>,
    /// Due date.
    pub due: NaiveDate,
}

impl PastGoal {
    /// The domain's input for `smart::judge_achievable`.
    #[must_use]
    pub fn to_past_result(&self) -> stride_domain::smart::PastResult {
        stride_domain::smart::PastResult {
            metric: if self.metric.trim().is_empty() {
                self.title.clone()
            } else {
                self.metric.clone()
            },
            unit: self.unit.clone(),
            increase: self.direction == Direction::Increase,
            baseline: self.baseline,
            target: self.target,
            achieved: self.latest,
            own: self.own,
        }
    }
}

impl Store {
    /// Past increase/decrease goals of `owner` and of people with the same
    /// title or in the same org unit: goals due before `as_of` or closed
    /// (completed / missed), not drafts, cancelled or deprioritised, with
    /// their latest check-in value. The owner's own goals come first, then
    /// newest due date first; at most `limit` rows.
    ///
    /// # Errors
    /// `NotFound` for an unknown person; database errors.
    pub async fn past_goals(
        &self,
        owner: PersonId,
        as_of: NaiveDate,
        limit: u32,
    ) -> Result<Vec<PastGoal>> {
        let exists: bool = sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM people WHERE id = ?)")
            .bind(owner)
            .fetch_one(self.reader())
            .await?;
        if !exists {
            return Err(StoreError::not_found(format!("person {owner}")));
        }
        let rows = sqlx::query(
            "WITH me AS (SELECT id, title, org_unit_id FROM people WHERE id = ?1), \
             peers AS ( \
               SELECT p.id FROM people p, me \
               WHERE p.id = me.id \
                  OR (me.title <> '' AND p.title = me.title COLLATE NOCASE) \
                  OR (me.org_unit_id IS NOT NULL AND p.org_unit_id = me.org_unit_id)) \
             SELECT g.id, g.owner_person_id, g.title, g.metric_name, g.unit_label, g.direction, \
                    g.baseline, g.target, g.due_date, \
                    (SELECT c.value FROM checkins c WHERE c.goal_id = g.id AND c.value IS NOT NULL \
                      ORDER BY c.effective_date DESC, c.created_at DESC, c.id DESC LIMIT 1) AS latest \
             FROM goals g JOIN peers ON g.owner_person_id = peers.id \
             WHERE g.direction IN ('increase', 'decrease') \
               AND g.baseline IS NOT NULL AND g.target IS NOT NULL \
               AND g.state NOT IN ('draft', 'cancelled', 'deprioritised') \
               AND (g.due_date < ?2 OR g.state IN ('completed', 'missed')) \
             ORDER BY (g.owner_person_id = ?1) DESC, g.due_date DESC, g.id \
             LIMIT ?3",
        )
        .bind(owner)
        .bind(as_of.format("%Y-%m-%d").to_string())
        .bind(i64::from(limit))
        .fetch_all(self.reader())
        .await?;
        rows.iter()
            .map(|r| {
                let person: PersonId = r.try_get("owner_person_id")?;
                Ok(PastGoal {
                    id: r.try_get("id")?,
                    owner: person,
                    own: person == owner,
                    title: r.try_get("title")?,
                    metric: r.try_get("metric_name")?,
                    unit: r.try_get("unit_label")?,
                    direction: r.try_get("direction")?,
                    baseline: r.try_get("baseline")?,
                    target: r.try_get("target")?,
                    latest: r.try_get("latest")?,
                    due: parse_date(r.try_get("due_date")?)?,
                })
            })
            .collect()
    }
}
