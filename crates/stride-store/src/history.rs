//! Past results for judging whether a new target is achievable: the owner's
//! own past goals, those of comparable people (same title, or same org
//! unit) and — when the new goal's metric is known — anyone's past goals on
//! that metric in the same unit, each with its baseline, target and latest
//! checked-in value. A floor (`at_least`) or ceiling (`at_most`) goal with a
//! baseline is a raise or a cut to compare like any other.

use chrono::NaiveDate;
use serde::Serialize;
use sqlx::Row;
use stride_domain::{Direction, GoalId, PersonId};

use crate::error::{Result, StoreError};
use crate::open::Store;
use crate::read::parse_date;

/// How a past goal relates to the person whose new target is judged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum PastRelation {
    /// Their own goal.
    Own,
    /// A person with the same title or in the same org unit.
    Peer,
    /// Anyone in the organisation, on the same metric and unit.
    SameMetric,
}

/// One past numeric goal with its result.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PastGoal {
    /// The goal.
    pub id: GoalId,
    /// Its owner, or `None` when an org unit owns it.
    pub owner: Option<PersonId>,
    /// The owner asked about (true) or someone else (false).
    pub own: bool,
    /// Whose it is: the owner's, a comparable person's (same title or
    /// unit), or the organisation's on the same metric.
    pub relation: PastRelation,
    /// Title.
    pub title: String,
    /// What it measured.
    pub metric: String,
    /// Unit label ("hours", "%", "USD").
    pub unit: String,
    /// Its direction: `increase` / `at_least` raise a number, `decrease` /
    /// `at_most` lower it (the directions with a change to compare).
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
            increase: matches!(self.direction, Direction::Increase | Direction::AtLeast),
            baseline: self.baseline,
            target: self.target,
            achieved: self.latest,
            own: self.own,
        }
    }
}

/// What the new goal measures, to find anyone's past goals on the same
/// metric: the metric's name and its unit label.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SameMetric<'a> {
    /// The metric ("average order processing time"); matched without case.
    pub metric: &'a str,
    /// Its unit label ("hours"); matched without case.
    pub unit: &'a str,
}

impl<'a> SameMetric<'a> {
    /// The metric and unit a parsed sentence names, when it names both.
    #[must_use]
    pub fn of(parsed: &'a stride_domain::smart::ParsedGoal) -> Option<Self> {
        match (parsed.metric.as_deref(), parsed.unit.as_deref()) {
            (Some(metric), Some(unit)) => Some(Self { metric, unit }),
            _ => None,
        }
    }
}

impl Store {
    /// Past goals with a baseline and a target that raise or lower a number
    /// (`increase`, `decrease`, `at_least`, `at_most`) — of `owner`, of
    /// people with the same title or in the same org unit, and, given
    /// `same`, of anyone in the organisation on the same metric and unit —
    /// due before `as_of` or closed (completed / missed), not drafts,
    /// cancelled or deprioritised, with their latest check-in value. Goals
    /// on the same metric and unit come first (a busy team's other goals must not
    /// crowd them out of the limit), then the owner's own goals, then
    /// comparable people's, then the organisation's; newest due date first
    /// within each; at most `limit` rows.
    ///
    /// # Errors
    /// `NotFound` for an unknown person; database errors.
    pub async fn past_goals(
        &self,
        owner: PersonId,
        as_of: NaiveDate,
        same: Option<SameMetric<'_>>,
        limit: u32,
    ) -> Result<Vec<PastGoal>> {
        let exists: bool = sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM people WHERE id = ?)")
            .bind(owner)
            .fetch_one(self.reader())
            .await?;
        if !exists {
            return Err(StoreError::not_found(format!("person {owner}")));
        }
        // rank: 0 = the owner's, 1 = a comparable person's, 2 = the
        // organisation's on the same metric (goals owned by a unit count as
        // the organisation's).
        let (metric, unit) = same.map_or(("", ""), |s| (s.metric.trim(), s.unit.trim()));
        let rows = sqlx::query(
            "WITH me AS (SELECT id, title, org_unit_id FROM people WHERE id = ?1), \
             peers AS ( \
               SELECT p.id, CASE WHEN p.id = me.id THEN 0 ELSE 1 END AS rank FROM people p, me \
               WHERE p.id = me.id \
                  OR (me.title <> '' AND p.title = me.title COLLATE NOCASE) \
                  OR (me.org_unit_id IS NOT NULL AND p.org_unit_id = me.org_unit_id)), \
             candidates AS ( \
               SELECT g.*, peers.rank FROM goals g JOIN peers ON g.owner_person_id = peers.id \
               UNION ALL \
               SELECT g.*, 2 AS rank FROM goals g \
               WHERE ?4 <> '' AND g.metric_name = ?4 COLLATE NOCASE \
                 AND g.unit_label = ?5 COLLATE NOCASE \
                 AND (g.owner_person_id IS NULL \
                      OR g.owner_person_id NOT IN (SELECT id FROM peers))) \
             SELECT g.id, g.owner_person_id, g.title, g.metric_name, \
                    g.unit_label, g.direction, g.baseline, g.target, g.due_date, g.rank, \
                    (SELECT c.value FROM checkins c WHERE c.goal_id = g.id AND c.value IS NOT NULL \
                      ORDER BY c.effective_date DESC, c.created_at DESC, c.id DESC LIMIT 1) AS latest \
             FROM candidates g \
             WHERE g.direction IN ('increase', 'decrease', 'at_least', 'at_most') \
               AND g.baseline IS NOT NULL AND g.target IS NOT NULL \
               AND g.state NOT IN ('draft', 'cancelled', 'deprioritised') \
               AND (g.due_date < ?2 OR g.state IN ('completed', 'missed')) \
             ORDER BY (?4 <> '' AND g.metric_name = ?4 COLLATE NOCASE \
                       AND g.unit_label = ?5 COLLATE NOCASE) DESC, \
                      g.rank, g.due_date DESC, g.id \
             LIMIT ?3",
        )
        .bind(owner)
        .bind(as_of.format("%Y-%m-%d").to_string())
        .bind(i64::from(limit))
        .bind(metric)
        .bind(unit)
        .fetch_all(self.reader())
        .await?;
        rows.iter()
            .map(|r| {
                let rank: i64 = r.try_get("rank")?;
                let relation = match rank {
                    0 => PastRelation::Own,
                    1 => PastRelation::Peer,
                    _ => PastRelation::SameMetric,
                };
                Ok(PastGoal {
                    id: r.try_get("id")?,
                    owner: r.try_get("owner_person_id")?,
                    own: relation == PastRelation::Own,
                    relation,
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
