//! Domain writes. Each takes the one write path, [`WriteTx`], so a caller
//! groups several writes into one transaction and the sync engine can record
//! every change beside it.

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::QueryBuilder;
use stride_domain::{
    AlignmentEdge, CheckIn, CheckInDraft, CheckInId, Cycle, DataPoint, FieldChange, Goal, GoalId,
    Kpi, OrgUnit, Owner, Person, PersonId, Revision,
};

use stride_protocol::EntityKind;

use crate::error::{Result, StoreError};
use crate::open::WriteTx;
use crate::read::load_goal;

/// SQLite's default limit on bound parameters per statement is 32 766; the
/// batches below stay well under it.
const MAX_PARAMS: usize = 30_000;

/// How long after saving a check-in it can still be taken back.
pub const UNDO_WINDOW_MINUTES: i64 = 15;

pub(crate) fn date(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

pub(crate) fn timestamp(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Micros, true)
}

fn map_domain(e: stride_domain::DomainError) -> StoreError {
    StoreError::Invalid {
        field: e.field(),
        message: e.to_string(),
    }
}

fn map_unique(e: sqlx::Error, what: &str) -> StoreError {
    if let sqlx::Error::Database(db) = &e {
        if db.is_unique_violation() {
            return StoreError::Conflict(format!("{what} already exists"));
        }
        if db.is_foreign_key_violation() {
            return StoreError::Invalid {
                field: None,
                message: format!("{what} refers to something that does not exist"),
            };
        }
    }
    StoreError::Database(e)
}

impl WriteTx {
    /// Inserts org units (parents before children, or all in one call).
    pub async fn insert_org_units(&mut self, units: &[OrgUnit]) -> Result<()> {
        for chunk in units.chunks(MAX_PARAMS / 5) {
            let mut qb =
                QueryBuilder::new("INSERT INTO org_units (id, name, kind, parent_id, lead_id) ");
            qb.push_values(chunk, |mut b, u| {
                b.push_bind(u.id)
                    .push_bind(u.name.trim().to_owned())
                    .push_bind(u.kind)
                    .push_bind(u.parent)
                    .push_bind(u.lead);
            });
            qb.build()
                .execute(self.conn())
                .await
                .map_err(|e| map_unique(e, "an org unit with that id"))?;
        }
        Ok(())
    }

    /// Sets an org unit's lead.
    pub async fn set_unit_lead(
        &mut self,
        unit: stride_domain::OrgUnitId,
        lead: Option<PersonId>,
    ) -> Result<()> {
        let done = sqlx::query("UPDATE org_units SET lead_id = ? WHERE id = ?")
            .bind(lead)
            .bind(unit)
            .execute(self.conn())
            .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::not_found(format!("org unit {unit}")));
        }
        Ok(())
    }

    /// Inserts people (validated; managers before reports, or all in one call).
    pub async fn insert_people(&mut self, people: &[Person]) -> Result<()> {
        for p in people {
            p.validate().map_err(map_domain)?;
        }
        for chunk in people.chunks(MAX_PARAMS / 9) {
            let mut qb = QueryBuilder::new(
                "INSERT INTO people (id, name, email, title, org_unit_id, manager_id, hire_date, active, role) ",
            );
            qb.push_values(chunk, |mut b, p| {
                b.push_bind(p.id)
                    .push_bind(p.name.trim().to_owned())
                    .push_bind(p.email.trim().to_owned())
                    .push_bind(p.title.clone())
                    .push_bind(p.org_unit)
                    .push_bind(p.manager)
                    .push_bind(date(p.hire_date))
                    .push_bind(p.active)
                    .push_bind(p.role);
            });
            qb.build()
                .execute(self.conn())
                .await
                .map_err(|e| map_unique(e, "a person with that email"))?;
        }
        Ok(())
    }

    /// Inserts a cycle.
    pub async fn insert_cycle(&mut self, cycle: &Cycle) -> Result<()> {
        cycle.validate().map_err(map_domain)?;
        sqlx::query(
            "INSERT INTO cycles (id, name, start_date, end_date, state) VALUES (?, ?, ?, ?, ?)",
        )
        .bind(cycle.id)
        .bind(cycle.name.trim())
        .bind(date(cycle.start))
        .bind(date(cycle.end))
        .bind(cycle.state)
        .execute(self.conn())
        .await
        .map_err(|e| map_unique(e, &format!("a cycle named {}", cycle.name)))?;
        Ok(())
    }

    /// Inserts goals (already valid by construction) with their checkpoints.
    pub async fn insert_goals(
        &mut self,
        goals: &[Goal],
        created_by: Option<PersonId>,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let now = timestamp(now);
        for chunk in goals.chunks(MAX_PARAMS / 26) {
            let mut qb = QueryBuilder::new(
                "INSERT INTO goals (id, kind, owner_person_id, owner_unit_id, statement, title, method, category, \
                 metric_name, unit_kind, unit_label, direction, baseline, target, band_low, band_high, start_date, \
                 due_date, cycle_id, weight, cadence, state, kpi_id, created_by, created_at, updated_at) ",
            );
            qb.push_values(chunk, |mut b, g| {
                let (person, unit) = match g.owner {
                    Owner::Person(p) => (Some(p), None),
                    Owner::Unit(u) => (None, Some(u)),
                };
                b.push_bind(g.id)
                    .push_bind(g.kind)
                    .push_bind(person)
                    .push_bind(unit)
                    .push_bind(g.statement.clone())
                    .push_bind(g.title.clone())
                    .push_bind(g.method.clone())
                    .push_bind(g.category)
                    .push_bind(g.metric_name.clone())
                    .push_bind(g.unit)
                    .push_bind(g.unit_label.clone())
                    .push_bind(g.direction)
                    .push_bind(g.baseline)
                    .push_bind(g.target)
                    .push_bind(g.band_low)
                    .push_bind(g.band_high)
                    .push_bind(date(g.start))
                    .push_bind(date(g.due))
                    .push_bind(g.cycle)
                    .push_bind(g.weight)
                    .push_bind(g.cadence.to_string())
                    .push_bind(g.state)
                    .push_bind(g.kpi)
                    .push_bind(created_by)
                    .push_bind(now.clone())
                    .push_bind(now.clone());
            });
            qb.build()
                .execute(self.conn())
                .await
                .map_err(|e| map_unique(e, "a goal with that id"))?;
        }
        let checkpoints: Vec<(GoalId, &stride_domain::Checkpoint)> = goals
            .iter()
            .flat_map(|g| g.checkpoints.iter().map(move |c| (g.id, c)))
            .collect();
        for chunk in checkpoints.chunks(MAX_PARAMS / 4) {
            let mut qb = QueryBuilder::new(
                "INSERT INTO goal_checkpoints (goal_id, date, expected_value, label) ",
            );
            qb.push_values(chunk, |mut b, (id, c)| {
                b.push_bind(*id)
                    .push_bind(date(c.date))
                    .push_bind(c.expected)
                    .push_bind(c.label.clone());
            });
            qb.build().execute(self.conn()).await?;
        }
        for g in goals {
            self.record_create(EntityKind::Goal, g.id.as_uuid()).await?;
        }
        Ok(())
    }

    /// Aligns `child` under `parent` with a weight. Refuses an edge that
    /// would close a cycle, naming the path.
    pub async fn align(&mut self, edge: AlignmentEdge) -> Result<()> {
        edge.validate().map_err(map_domain)?;
        for id in [edge.child, edge.parent] {
            let exists: bool =
                sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM goals WHERE id = ?)")
                    .bind(id)
                    .fetch_one(self.conn())
                    .await?;
            if !exists {
                return Err(StoreError::not_found(format!("goal {id}")));
            }
        }
        // Is the child already an ancestor of the parent? Then the edge closes a cycle.
        let path: Option<String> = sqlx::query_scalar(
            "WITH RECURSIVE up(id, path) AS ( \
                SELECT ?1, ?1 \
                UNION \
                SELECT a.parent_id, up.path || ' → ' || a.parent_id FROM alignments a JOIN up ON a.child_id = up.id \
             ) SELECT path FROM up WHERE id = ?2 LIMIT 1",
        )
        .bind(edge.parent)
        .bind(edge.child)
        .fetch_optional(self.conn())
        .await?;
        if let Some(path) = path {
            return Err(StoreError::Conflict(format!(
                "aligning goal {} under goal {} would create a cycle: {} already leads up to {}",
                edge.child, edge.parent, path, edge.child
            )));
        }
        let before: Option<f64> = sqlx::query_scalar(
            "SELECT weight FROM alignments WHERE child_id = ? AND parent_id = ?",
        )
        .bind(edge.child)
        .bind(edge.parent)
        .fetch_optional(self.conn())
        .await?;
        sqlx::query(
            "INSERT INTO alignments (child_id, parent_id, weight) VALUES (?, ?, ?) \
             ON CONFLICT (child_id, parent_id) DO UPDATE SET weight = excluded.weight",
        )
        .bind(edge.child)
        .bind(edge.parent)
        .bind(edge.weight)
        .execute(self.conn())
        .await?;
        #[allow(clippy::float_cmp)] // an unchanged weight is bit-for-bit the stored one
        if before != Some(edge.weight) {
            self.record_alignment(edge.child, edge.parent, edge.weight, before.is_some())
                .await?;
        }
        Ok(())
    }

    /// Inserts many alignment edges at once, without the per-edge cycle
    /// check: for bulk loads whose edges were checked as a whole with
    /// `AlignmentGraph::from_edges`.
    pub async fn insert_alignments_checked(&mut self, edges: &[AlignmentEdge]) -> Result<()> {
        for chunk in edges.chunks(MAX_PARAMS / 3) {
            let mut qb = QueryBuilder::new("INSERT INTO alignments (child_id, parent_id, weight) ");
            qb.push_values(chunk, |mut b, e| {
                b.push_bind(e.child).push_bind(e.parent).push_bind(e.weight);
            });
            qb.build().execute(self.conn()).await?;
        }
        for e in edges {
            self.record_alignment(e.child, e.parent, e.weight, false)
                .await?;
        }
        Ok(())
    }

    /// Records a check-in on a goal (validated against the goal).
    pub async fn add_check_in(
        &mut self,
        draft: CheckInDraft,
        now: DateTime<Utc>,
    ) -> Result<CheckIn> {
        let goal = load_goal(self.conn(), draft.goal).await?;
        let check_in = CheckIn::new(draft, &goal, now).map_err(map_domain)?;
        self.insert_check_ins(std::slice::from_ref(&check_in))
            .await?;
        sqlx::query("UPDATE goals SET updated_at = ? WHERE id = ?")
            .bind(timestamp(now))
            .bind(goal.id)
            .execute(self.conn())
            .await?;
        Ok(check_in)
    }

    /// Takes back a check-in just made (the toast's Undo): only the newest
    /// check-in of its goal, only within [`UNDO_WINDOW_MINUTES`] of saving
    /// it — later, history stays append-only and a correcting check-in is
    /// the way. Returns the goal it belonged to.
    ///
    /// # Errors
    /// `NotFound` for an unknown check-in; `Conflict` when a newer check-in
    /// exists or the window has passed.
    pub async fn undo_check_in(&mut self, id: CheckInId, now: DateTime<Utc>) -> Result<GoalId> {
        let row: Option<(GoalId, String)> =
            sqlx::query_as("SELECT goal_id, created_at FROM checkins WHERE id = ?")
                .bind(id)
                .fetch_optional(self.conn())
                .await?;
        let Some((goal, created_at)) = row else {
            return Err(StoreError::not_found(format!("check-in {id}")));
        };
        let created = DateTime::parse_from_rfc3339(&created_at)
            .map(|t| t.with_timezone(&Utc))
            .map_err(|e| {
                StoreError::invalid("created_at", format!("bad stored time {created_at}: {e}"))
            })?;
        if now - created > chrono::Duration::minutes(UNDO_WINDOW_MINUTES) {
            return Err(StoreError::Conflict(format!(
                "This check-in was saved more than {UNDO_WINDOW_MINUTES} minutes ago; add a correcting check-in instead."
            )));
        }
        let newer: bool = sqlx::query_scalar(
            "SELECT EXISTS (SELECT 1 FROM checkins c, checkins me WHERE me.id = ?1 \
               AND c.goal_id = me.goal_id AND c.id <> me.id AND c.created_at > me.created_at)",
        )
        .bind(id)
        .fetch_one(self.conn())
        .await?;
        if newer {
            return Err(StoreError::Conflict(
                "A newer check-in exists on this goal; only the latest can be undone.".into(),
            ));
        }
        sqlx::query("DELETE FROM checkins WHERE id = ?")
            .bind(id)
            .execute(self.conn())
            .await?;
        self.record_check_in_deleted(id.as_uuid()).await?;
        sqlx::query("UPDATE goals SET updated_at = ? WHERE id = ?")
            .bind(timestamp(now))
            .bind(goal)
            .execute(self.conn())
            .await?;
        Ok(goal)
    }

    /// Inserts already-validated check-ins (bulk loads).
    pub async fn insert_check_ins(&mut self, check_ins: &[CheckIn]) -> Result<()> {
        for chunk in check_ins.chunks(MAX_PARAMS / 10) {
            let mut qb = QueryBuilder::new(
                "INSERT INTO checkins (id, goal_id, value, done, confidence, note, blockers, effective_date, author_id, created_at) ",
            );
            qb.push_values(chunk, |mut b, c| {
                b.push_bind(c.id)
                    .push_bind(c.goal)
                    .push_bind(c.value)
                    .push_bind(c.done)
                    .push_bind(c.confidence.map(|c| i64::from(c.get())))
                    .push_bind(c.note.clone())
                    .push_bind(c.blockers.clone())
                    .push_bind(date(c.effective))
                    .push_bind(c.author)
                    .push_bind(timestamp(c.created_at));
            });
            qb.build()
                .execute(self.conn())
                .await
                .map_err(|e| map_unique(e, "a check-in with that id"))?;
        }
        for c in check_ins {
            self.record_create(EntityKind::CheckIn, c.id.as_uuid())
                .await?;
        }
        Ok(())
    }

    /// Revises a goal: applies `changes` through the domain (so the result is
    /// a valid goal), writes the new row and one append-only revision per
    /// changed field. Returns the revised goal.
    pub async fn revise_goal(
        &mut self,
        goal: GoalId,
        changes: &[FieldChange],
        author: PersonId,
        reason: &str,
        now: DateTime<Utc>,
    ) -> Result<(Goal, Vec<Revision>)> {
        let current = load_goal(self.conn(), goal).await?;
        let (revised, revisions) =
            stride_domain::revise(&current, changes, author, now, reason).map_err(map_domain)?;
        let before = self.goal_json_if_synced(goal).await?;
        self.replace_goal_row(&revised, now).await?;
        self.record_goal_update(goal, before).await?;
        self.insert_revisions(&revisions).await?;
        Ok((revised, revisions))
    }

    /// Inserts revision records (bulk loads; `revise_goal` for edits).
    pub async fn insert_revisions(&mut self, revisions: &[Revision]) -> Result<()> {
        for chunk in revisions.chunks(MAX_PARAMS / 8) {
            let mut qb = QueryBuilder::new(
                "INSERT INTO revisions (id, goal_id, field, old_value, new_value, author_id, at, reason) ",
            );
            qb.push_values(chunk, |mut b, r| {
                b.push_bind(r.id)
                    .push_bind(r.goal)
                    .push_bind(r.field.as_str())
                    .push_bind(r.old_value.clone())
                    .push_bind(r.new_value.clone())
                    .push_bind(r.author)
                    .push_bind(timestamp(r.at))
                    .push_bind(r.reason.clone());
            });
            qb.build().execute(self.conn()).await?;
        }
        for r in revisions {
            self.record_create(EntityKind::Revision, r.id.as_uuid())
                .await?;
        }
        Ok(())
    }

    async fn replace_goal_row(&mut self, g: &Goal, now: DateTime<Utc>) -> Result<()> {
        let (person, unit) = match g.owner {
            Owner::Person(p) => (Some(p), None),
            Owner::Unit(u) => (None, Some(u)),
        };
        sqlx::query(
            "UPDATE goals SET kind = ?, owner_person_id = ?, owner_unit_id = ?, statement = ?, title = ?, method = ?, \
             category = ?, metric_name = ?, unit_kind = ?, unit_label = ?, direction = ?, baseline = ?, target = ?, \
             band_low = ?, band_high = ?, start_date = ?, due_date = ?, cycle_id = ?, weight = ?, cadence = ?, \
             state = ?, kpi_id = ?, updated_at = ? WHERE id = ?",
        )
        .bind(g.kind)
        .bind(person)
        .bind(unit)
        .bind(&g.statement)
        .bind(&g.title)
        .bind(&g.method)
        .bind(g.category)
        .bind(&g.metric_name)
        .bind(g.unit)
        .bind(&g.unit_label)
        .bind(g.direction)
        .bind(g.baseline)
        .bind(g.target)
        .bind(g.band_low)
        .bind(g.band_high)
        .bind(date(g.start))
        .bind(date(g.due))
        .bind(g.cycle)
        .bind(g.weight)
        .bind(g.cadence.to_string())
        .bind(g.state)
        .bind(g.kpi)
        .bind(timestamp(now))
        .bind(g.id)
        .execute(self.conn())
        .await
        .map_err(|e| map_unique(e, "that goal"))?;
        sqlx::query("DELETE FROM goal_checkpoints WHERE goal_id = ?")
            .bind(g.id)
            .execute(self.conn())
            .await?;
        for c in &g.checkpoints {
            sqlx::query("INSERT INTO goal_checkpoints (goal_id, date, expected_value, label) VALUES (?, ?, ?, ?)")
                .bind(g.id)
                .bind(date(c.date))
                .bind(c.expected)
                .bind(&c.label)
                .execute(self.conn())
                .await?;
        }
        Ok(())
    }

    /// Inserts a KPI.
    pub async fn insert_kpi(&mut self, kpi: &Kpi) -> Result<()> {
        kpi.validate().map_err(map_domain)?;
        sqlx::query("INSERT INTO kpis (id, key, name, unit_kind, unit_label, direction, period_kind) VALUES (?, ?, ?, ?, ?, ?, ?)")
            .bind(kpi.id)
            .bind(&kpi.key)
            .bind(&kpi.name)
            .bind(kpi.unit)
            .bind(&kpi.unit_label)
            .bind(kpi.direction)
            .bind(kpi.period)
            .execute(self.conn())
            .await
            .map_err(|e| map_unique(e, &format!("a KPI with key {}", kpi.key)))?;
        Ok(())
    }

    /// Records data points; one per (KPI, period): a second value for the
    /// same period replaces the first (idempotent ingest).
    pub async fn upsert_data_points(&mut self, points: &[DataPoint]) -> Result<()> {
        for chunk in points.chunks(MAX_PARAMS / 4) {
            let mut qb = QueryBuilder::new(
                "INSERT INTO kpi_points (id, kpi_id, period_start, value, recorded_at) ",
            );
            qb.push_values(chunk, |mut b, p| {
                b.push_bind(p.id)
                    .push_bind(p.kpi)
                    .push_bind(date(p.period.start()))
                    .push_bind(p.value)
                    .push_bind(timestamp(p.recorded_at));
            });
            qb.push(
                " ON CONFLICT (kpi_id, period_start) DO UPDATE SET value = excluded.value, recorded_at = excluded.recorded_at",
            );
            qb.build()
                .execute(self.conn())
                .await
                .map_err(|e| map_unique(e, "that data point's KPI"))?;
        }
        Ok(())
    }
}
