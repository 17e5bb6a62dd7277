//! The weekly manager digest, gathered from the database: the manager's
//! team goals off track and at risk, reports without a check-in this week,
//! and the week's revisions and check-ins. The wording is
//! `stride_domain::digest`'s.

use chrono::{Days, NaiveDate};
use sqlx::Row;
use stride_domain::digest::{Digest, DigestChange, DigestGoal, QuietPerson};
use stride_domain::{GoalState, GoalStatus, PersonId, StatusThresholds};

use crate::error::{Result, StoreError};
use crate::open::Store;
use crate::queries::GoalScope;
use crate::read::parse_date;
use crate::write::date;

/// The most goals a section lists (the rest are counted in the app).
const SECTION_LIMIT: usize = 50;

impl Store {
    /// `manager`'s digest for the seven days ending on `as_of`.
    ///
    /// # Errors
    /// `NotFound` for an unknown person; database errors.
    pub async fn weekly_digest(
        &self,
        manager: PersonId,
        as_of: NaiveDate,
        thresholds: &StatusThresholds,
    ) -> Result<Digest> {
        let name: Option<String> = sqlx::query_scalar("SELECT name FROM people WHERE id = ?")
            .bind(manager)
            .fetch_optional(self.reader())
            .await?;
        let Some(name) = name else {
            return Err(StoreError::not_found(format!("person {manager}")));
        };
        let from = as_of.checked_sub_days(Days::new(6)).unwrap_or(as_of);

        let goals = self
            .goal_summaries(GoalScope::Team(manager), None, as_of, thresholds, 10_000, 0)
            .await?;
        let pick = |status: GoalStatus| -> Vec<DigestGoal> {
            goals
                .iter()
                .filter(|g| g.state == GoalState::Active && g.status == Some(status))
                .take(SECTION_LIMIT)
                .map(|g| DigestGoal {
                    goal: g.id,
                    title: g.title.clone(),
                    owner: g.owner_name.clone(),
                    progress: g.progress,
                    expected: g.expected_progress,
                })
                .collect()
        };
        let done = goals
            .iter()
            .filter(|g| g.status == Some(GoalStatus::Done))
            .count();

        let quiet = self
            .team_overview(manager, as_of, thresholds)
            .await?
            .into_iter()
            .filter(|m| m.counts.on_track + m.counts.at_risk + m.counts.off_track > 0)
            .filter(|m| m.last_check_in.is_none_or(|d| d < from))
            .map(|m| QuietPerson {
                person: m.person,
                name: m.name,
                last_check_in: m.last_check_in,
                active_goals: u32::try_from(
                    m.counts.on_track + m.counts.at_risk + m.counts.off_track,
                )
                .unwrap_or(u32::MAX),
            })
            .collect();

        let team = "(g.owner_person_id IN (SELECT id FROM people WHERE manager_id = ?1) \
                     OR g.owner_unit_id IN (SELECT id FROM org_units WHERE lead_id = ?1))";
        let rows = sqlx::query(&format!(
            "SELECT r.goal_id, g.title, coalesce(p.name, 'someone') AS who, r.field, \
                    coalesce(r.old_value, 'null') AS old_value, coalesce(r.new_value, 'null') AS new_value, \
                    r.reason, substr(r.at, 1, 10) AS on_day \
             FROM revisions r JOIN goals g ON g.id = r.goal_id LEFT JOIN people p ON p.id = r.author_id \
             WHERE {team} AND substr(r.at, 1, 10) BETWEEN ?2 AND ?3 \
             ORDER BY r.at DESC, r.id LIMIT {SECTION_LIMIT}"
        ))
        .bind(manager)
        .bind(date(from))
        .bind(date(as_of))
        .fetch_all(self.reader())
        .await?;
        let changes = rows
            .iter()
            .map(|r| {
                Ok(DigestChange {
                    goal: r.try_get("goal_id")?,
                    title: r.try_get("title")?,
                    who: r.try_get("who")?,
                    field: r.try_get("field")?,
                    from: r.try_get("old_value")?,
                    to: r.try_get("new_value")?,
                    reason: r.try_get("reason")?,
                    on: parse_date(r.try_get("on_day")?)?,
                })
            })
            .collect::<Result<Vec<_>>>()?;

        let check_ins: i64 = sqlx::query_scalar(&format!(
            "SELECT count(*) FROM checkins c JOIN goals g ON g.id = c.goal_id \
             WHERE {team} AND c.effective_date BETWEEN ?2 AND ?3"
        ))
        .bind(manager)
        .bind(date(from))
        .bind(date(as_of))
        .fetch_one(self.reader())
        .await?;

        Ok(Digest {
            manager: name,
            from,
            to: as_of,
            off_track: pick(GoalStatus::OffTrack),
            at_risk: pick(GoalStatus::AtRisk),
            quiet,
            changes,
            check_ins: u32::try_from(check_ins).unwrap_or(u32::MAX),
            done: u32::try_from(done).unwrap_or(u32::MAX),
        })
    }
}
