//! The inbox: alerts and reminders raised once per cause and recipient,
//! then seen, snoozed or dismissed; and the scheduler's tick.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sqlx::QueryBuilder;
use stride_domain::alerts::{Alert, AlertKind};
use stride_domain::risk::RiskThresholds;
use stride_domain::{GoalId, PersonId, StatusThresholds};

use crate::error::{Result, StoreError};
use crate::open::{Store, WriteTx};
use crate::read::parse_date;
use crate::write::date;

/// Where an inbox item stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum AlertState {
    /// Not looked at yet.
    New,
    /// Looked at.
    Seen,
    /// Hidden until a date.
    Snoozed,
    /// Done with.
    Dismissed,
}

impl AlertState {
    fn as_str(self) -> &'static str {
        match self {
            Self::New => "new",
            Self::Seen => "seen",
            Self::Snoozed => "snoozed",
            Self::Dismissed => "dismissed",
        }
    }
}

/// One item of a person's inbox.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct InboxItem {
    /// The alert's id.
    pub id: String,
    /// The goal it is about.
    pub goal: GoalId,
    /// The goal's title.
    pub goal_title: String,
    /// What kind.
    pub kind: AlertKind,
    /// The reason in words.
    pub reason: String,
    /// When it was raised.
    pub raised_on: NaiveDate,
    /// New or seen (snoozed items come back on their date).
    pub state: AlertState,
}

/// An inbox row: id, goal, goal title, kind, reason, raised on, state.
type ItemRow = (String, GoalId, String, AlertKind, String, String, String);

/// An inbox row as an item; a snoozed item whose day has come reads as seen.
fn item_from_row(
    (id, goal, goal_title, kind, reason, raised_on, state): ItemRow,
) -> Result<InboxItem> {
    Ok(InboxItem {
        id,
        goal,
        goal_title,
        kind,
        reason,
        raised_on: parse_date(&raised_on)?,
        state: if state == "new" {
            AlertState::New
        } else {
            AlertState::Seen
        },
    })
}

/// What one scheduler tick did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TickReport {
    /// Alerts the rules produced for the day.
    pub considered: usize,
    /// Of those, the ones new to the inbox.
    pub raised: usize,
}

impl WriteTx {
    /// Adds alerts to the inbox; one per (cause, recipient): a cause already
    /// there is left as it is (whatever its state). Returns how many are new.
    pub async fn raise_alerts(&mut self, alerts: &[Alert], raised_on: NaiveDate) -> Result<usize> {
        let mut added = 0;
        for chunk in alerts.chunks(3000) {
            let mut qb = QueryBuilder::new(
                "INSERT INTO alerts (id, goal_id, kind, recipient_id, cause, reason, raised_on) ",
            );
            qb.push_values(chunk, |mut b, a| {
                b.push_bind(uuid::Uuid::now_v7().to_string())
                    .push_bind(a.goal)
                    .push_bind(a.kind)
                    .push_bind(a.recipient)
                    .push_bind(a.cause.clone())
                    .push_bind(a.reason.clone())
                    .push_bind(date(raised_on));
            });
            qb.push(" ON CONFLICT (cause, recipient_id) DO NOTHING");
            let done = qb.build().execute(self.conn()).await?;
            added += usize::try_from(done.rows_affected()).unwrap_or(usize::MAX);
        }
        Ok(added)
    }

    /// Marks an inbox item seen, dismissed, or snoozed until a date.
    pub async fn set_alert_state(
        &mut self,
        id: &str,
        state: AlertState,
        snoozed_until: Option<NaiveDate>,
    ) -> Result<()> {
        if state == AlertState::Snoozed && snoozed_until.is_none() {
            return Err(StoreError::invalid(
                "snoozedUntil",
                "Choose the day the alert comes back.",
            ));
        }
        let done = sqlx::query("UPDATE alerts SET state = ?, snoozed_until = ? WHERE id = ?")
            .bind(state.as_str())
            .bind(
                snoozed_until
                    .filter(|_| state == AlertState::Snoozed)
                    .map(date),
            )
            .bind(id)
            .execute(self.conn())
            .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::not_found(format!("alert {id}")));
        }
        Ok(())
    }
}

impl Store {
    /// One scheduler tick for `as_of`: computes the day's alerts and
    /// reminders and adds the new ones to the inbox. A tick that repeats a
    /// day — after a restart, or many ticks in one day — adds nothing; a
    /// tick after days asleep adds what that day calls for, once.
    pub async fn tick(&self, as_of: NaiveDate) -> Result<TickReport> {
        let alerts = self
            .alerts_on(
                as_of,
                &StatusThresholds::default(),
                &RiskThresholds::default(),
            )
            .await?;
        let mut tx = self.begin_write().await?;
        let raised = tx.raise_alerts(&alerts, as_of).await?;
        tx.commit().await?;
        Ok(TickReport {
            considered: alerts.len(),
            raised,
        })
    }

    /// A person's inbox on `as_of`: new and seen items, and snoozed ones
    /// whose day has come; newest first.
    pub async fn inbox(
        &self,
        person: PersonId,
        as_of: NaiveDate,
        limit: u32,
    ) -> Result<Vec<InboxItem>> {
        let rows: Vec<ItemRow> = sqlx::query_as(
            "SELECT a.id, a.goal_id, g.title, a.kind, a.reason, a.raised_on, \
               CASE WHEN a.state = 'snoozed' THEN 'seen' ELSE a.state END \
             FROM alerts a JOIN goals g ON g.id = a.goal_id \
             WHERE a.recipient_id = ?1 AND (a.state IN ('new', 'seen') OR (a.state = 'snoozed' AND a.snoozed_until <= ?2)) \
             ORDER BY a.raised_on DESC, a.kind, g.title LIMIT ?3",
        )
        .bind(person)
        .bind(date(as_of))
        .bind(i64::from(limit))
        .fetch_all(self.reader())
        .await?;
        rows.into_iter().map(item_from_row).collect()
    }
}

impl Store {
    /// A person's new inbox items the operating system has not announced
    /// yet (never snoozed, seen or dismissed), newest first.
    pub async fn to_notify(&self, person: PersonId, limit: u32) -> Result<Vec<InboxItem>> {
        let rows: Vec<ItemRow> = sqlx::query_as(
            "SELECT a.id, a.goal_id, g.title, a.kind, a.reason, a.raised_on, a.state \
             FROM alerts a JOIN goals g ON g.id = a.goal_id \
             WHERE a.recipient_id = ?1 AND a.notified_at IS NULL AND a.state = 'new' \
             ORDER BY a.raised_on DESC, a.kind, g.title LIMIT ?2",
        )
        .bind(person)
        .bind(i64::from(limit))
        .fetch_all(self.reader())
        .await?;
        rows.into_iter().map(item_from_row).collect()
    }
}

impl WriteTx {
    /// Stamps every unannounced item of `person` as announced at `now` (the
    /// scheduler announces a summary, not each one, so all are covered).
    /// Returns how many were stamped.
    pub async fn mark_notified(
        &mut self,
        person: PersonId,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<u64> {
        let done = sqlx::query(
            "UPDATE alerts SET notified_at = ?1 WHERE recipient_id = ?2 AND notified_at IS NULL",
        )
        .bind(crate::write::timestamp(now))
        .bind(person)
        .execute(self.conn())
        .await?;
        Ok(done.rows_affected())
    }
}
