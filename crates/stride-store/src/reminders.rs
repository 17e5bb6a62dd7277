//! Check-ins due on a date, for the reminder scheduler and `stride reminders due`.

use chrono::NaiveDate;
use serde::Serialize;
use sqlx::Row;
use stride_domain::reminders::{check_in_due, CheckInDue};
use stride_domain::{Cadence, GoalId, PersonId};

use crate::error::{Result, StoreError};
use crate::open::Store;
use crate::read::parse_date;
use crate::write::date;

/// A goal whose owner should check in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DueReminder {
    /// The goal.
    pub goal: GoalId,
    /// Its title.
    pub title: String,
    /// Who checks in.
    pub owner: PersonId,
    /// Their name.
    pub owner_name: String,
    /// Their manager, told from the second missed check-in on.
    pub manager: Option<PersonId>,
    /// The manager's name.
    pub manager_name: Option<String>,
    /// The goal's cadence (`weekly`, `biweekly`, `monthly`, `custom:N`).
    pub cadence: String,
    /// The latest check-in up to the date.
    pub last_check_in: Option<NaiveDate>,
    /// Since when, how many missed, escalated or not.
    pub due: CheckInDue,
}

impl Store {
    /// Active person-owned goals due for a check-in on `as_of` (see
    /// `stride_domain::reminders`). SQL keeps only goals whose shortest
    /// possible cadence has elapsed; the exact calendar rule runs per goal.
    pub async fn check_ins_due(&self, as_of: NaiveDate) -> Result<Vec<DueReminder>> {
        let rows = sqlx::query(
            "SELECT g.id, g.title, g.cadence, g.state, g.start_date, g.due_date, p.id AS owner, p.name AS owner_name, \
               m.id AS manager, m.name AS manager_name, \
               (SELECT max(c.effective_date) FROM checkins c WHERE c.goal_id = g.id AND c.effective_date <= ?1) AS last \
             FROM goals g JOIN people p ON p.id = g.owner_person_id LEFT JOIN people m ON m.id = p.manager_id \
             WHERE g.state = 'active' AND g.start_date <= ?1 AND p.active = 1 \
               AND date(coalesce((SELECT max(c.effective_date) FROM checkins c WHERE c.goal_id = g.id AND c.effective_date <= ?1), g.start_date), \
                        '+' || (CASE g.cadence WHEN 'weekly' THEN 7 WHEN 'biweekly' THEN 14 WHEN 'monthly' THEN 28 \
                                ELSE CAST(substr(g.cadence, 8) AS INTEGER) END) || ' days') <= ?1 \
             ORDER BY p.name, g.due_date, g.title, g.id",
        )
        .bind(date(as_of))
        .fetch_all(self.reader())
        .await?;
        let mut out = Vec::new();
        for r in rows {
            let cadence_text: String = r.try_get("cadence")?;
            let cadence: Cadence = cadence_text.parse().map_err(|e| StoreError::Invalid {
                field: None,
                message: format!("the database holds an invalid cadence: {e}"),
            })?;
            let last: Option<String> = r.try_get("last")?;
            let last = last.as_deref().map(parse_date).transpose()?;
            let start = parse_date(r.try_get("start_date")?)?;
            let due_date = parse_date(r.try_get("due_date")?)?;
            if let Some(due) =
                check_in_due(cadence, r.try_get("state")?, start, due_date, last, as_of)
            {
                out.push(DueReminder {
                    goal: r.try_get("id")?,
                    title: r.try_get("title")?,
                    owner: r.try_get("owner")?,
                    owner_name: r.try_get("owner_name")?,
                    manager: r.try_get("manager")?,
                    manager_name: r.try_get("manager_name")?,
                    cadence: cadence_text,
                    last_check_in: last,
                    due,
                });
            }
        }
        Ok(out)
    }
}
