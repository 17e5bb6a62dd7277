//! What Stride would raise on a day: alerts for every active goal, computed
//! from the goals, their check-ins and KPI series in one pass.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use sqlx::Row;
use stride_domain::alerts::{alerts_for, Alert, AlertInput};
use stride_domain::forecast::{observations_from_check_ins, observations_from_kpi};
use stride_domain::reminders::check_in_due;
use stride_domain::risk::{assess, RiskThresholds};
use stride_domain::{
    CheckIn, Checkpoint, DataPoint, Goal, GoalId, KpiId, Owner, PersonId, StatusThresholds,
};

use crate::error::{Result, StoreError};
use crate::open::Store;
use crate::read::{
    check_in_from_row, goal_draft_from_row, load_kpi_points, parse_date, GOAL_COLUMNS,
};
use crate::write::date;

impl Store {
    /// Every alert the rules raise on `as_of` for active goals that have
    /// started, grouped by recipient, then kind. Nothing is stored.
    pub async fn alerts_on(
        &self,
        as_of: NaiveDate,
        thresholds: &StatusThresholds,
        risk: &RiskThresholds,
    ) -> Result<Vec<Alert>> {
        let day = date(as_of);
        let cond = "state = 'active' AND start_date <= ?1";
        let rows = sqlx::query(&format!(
            "SELECT {GOAL_COLUMNS} FROM goals WHERE {cond} ORDER BY id"
        ))
        .bind(&day)
        .fetch_all(self.reader())
        .await?;
        let mut drafts: BTreeMap<GoalId, stride_domain::GoalDraft> = BTreeMap::new();
        for r in &rows {
            let d = goal_draft_from_row(r)?;
            drafts.insert(d.id, d);
        }
        let cps = sqlx::query(&format!(
            "SELECT goal_id, date, expected_value, label FROM goal_checkpoints \
             WHERE goal_id IN (SELECT id FROM goals WHERE {cond}) ORDER BY goal_id, date"
        ))
        .bind(&day)
        .fetch_all(self.reader())
        .await?;
        for r in &cps {
            let id: GoalId = r.try_get("goal_id")?;
            if let Some(d) = drafts.get_mut(&id) {
                d.checkpoints.push(Checkpoint {
                    date: parse_date(r.try_get("date")?)?,
                    expected: r.try_get("expected_value")?,
                    label: r.try_get("label")?,
                });
            }
        }
        let mut check_ins: BTreeMap<GoalId, Vec<CheckIn>> = BTreeMap::new();
        let cis = sqlx::query(&format!(
            "SELECT goal_id, id, value, done, confidence, note, blockers, effective_date, author_id, created_at \
             FROM checkins WHERE effective_date <= ?1 AND goal_id IN (SELECT id FROM goals WHERE {cond}) \
             ORDER BY goal_id, effective_date, created_at"
        ))
        .bind(&day)
        .fetch_all(self.reader())
        .await?;
        for r in &cis {
            let id: GoalId = r.try_get("goal_id")?;
            check_ins
                .entry(id)
                .or_default()
                .push(check_in_from_row(r, id)?);
        }
        let people: Vec<(PersonId, Option<PersonId>)> =
            sqlx::query_as("SELECT id, manager_id FROM people WHERE active = 1")
                .fetch_all(self.reader())
                .await?;
        let managers: BTreeMap<PersonId, Option<PersonId>> = people.into_iter().collect();
        let leads: Vec<(stride_domain::OrgUnitId, Option<PersonId>)> =
            sqlx::query_as("SELECT id, lead_id FROM org_units")
                .fetch_all(self.reader())
                .await?;
        let leads: BTreeMap<_, _> = leads.into_iter().collect();
        let mut kpi_series: BTreeMap<KpiId, Vec<DataPoint>> = BTreeMap::new();

        let mut out = Vec::new();
        for (id, draft) in drafts {
            let goal = Goal::new(draft).map_err(|e| StoreError::Invalid {
                field: None,
                message: format!("the database holds an invalid goal {id}: {e}"),
            })?;
            let cis = check_ins.get(&id).map_or(&[][..], Vec::as_slice);
            let owner = match goal.owner {
                Owner::Person(p) => managers.contains_key(&p).then_some(p),
                Owner::Unit(u) => leads.get(&u).copied().flatten(),
            };
            let manager = owner.and_then(|o| managers.get(&o).copied().flatten());
            let (current, observations) = match goal.kpi {
                Some(kpi) => {
                    if let std::collections::btree_map::Entry::Vacant(slot) = kpi_series.entry(kpi)
                    {
                        let mut conn = self.reader().acquire().await?;
                        slot.insert(load_kpi_points(&mut conn, kpi).await?);
                    }
                    let points = kpi_series.get(&kpi).map_or(&[][..], Vec::as_slice);
                    let current = stride_domain::current_value(&goal, cis, points, Some(as_of))
                        .map(|c| c.value);
                    let obs = observations_from_kpi(kpi, points);
                    (
                        current,
                        if obs.is_empty() {
                            observations_from_check_ins(cis)
                        } else {
                            obs
                        },
                    )
                }
                None => (
                    stride_domain::current_from_check_ins(cis, Some(as_of)).map(|c| c.value),
                    observations_from_check_ins(cis),
                ),
            };
            let assessment = assess(&goal, current, &observations, as_of, thresholds, risk);
            let last = cis.iter().map(|c| c.effective).max();
            let due = match goal.owner {
                Owner::Person(_) => {
                    check_in_due(goal.cadence, goal.state, goal.start, goal.due, last, as_of)
                }
                Owner::Unit(_) => None,
            };
            out.extend(alerts_for(
                &AlertInput {
                    goal: &goal,
                    owner,
                    manager,
                    assessment: &assessment,
                    due,
                    check_ins: cis,
                    as_of,
                },
                risk,
            ));
        }
        out.sort_by(|a, b| (a.recipient, a.kind, &a.cause).cmp(&(b.recipient, b.kind, &b.cause)));
        Ok(out)
    }
}
