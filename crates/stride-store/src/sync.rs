//! The store's side of sync (shared/design/sync.md): the outbox written in the
//! same transaction as every synced domain write, the persisted hybrid logical
//! clock, per-field clocks, and the steps the sync engine (`stride-sync`) runs
//! inside a [`WriteTx`]: acknowledge or reject pushed ops, apply pulled pages,
//! re-apply pending ops at the head, reset for a re-download.
//!
//! Sync is enabled for a database when [`WriteTx::enable_sync`] has written its
//! device row. Before that, domain writes record nothing.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde_json::{Map, Value};
use sqlx::Row;
use stride_domain::{GoalId, PersonId};
use stride_protocol::{
    alignment_id, Change, Cursor, DeviceId, EntityKind, FieldConflict, FieldValue, Hlc, Op, OpId,
    OpKind, Revoke, Winner,
};
use uuid::Uuid;

use crate::error::{Result, StoreError};
use crate::open::{Store, WriteTx};
use crate::write::timestamp;

/// Who this database syncs as, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyncIdentity {
    /// This installation's device id (UUIDv7, one per database).
    pub device_id: DeviceId,
    /// The server's base URL.
    pub server_url: String,
    /// The signed-in person (the server's person id).
    pub user_id: PersonId,
    /// Their email.
    pub email: String,
}

/// The sync bookkeeping of a database.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyncState {
    /// Device, server and account.
    pub identity: SyncIdentity,
    /// The sequence number the next local op gets.
    pub next_seq: u64,
    /// The persisted hybrid logical clock.
    pub hlc: Hlc,
    /// Where the last pull ended (none: download everything).
    pub cursor: Option<Cursor>,
    /// When a sync last reached the server's head.
    pub last_sync_at: Option<String>,
}

/// A pushed op the server refused, kept until someone deals with it.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct AttentionItem {
    /// The op.
    pub op_id: String,
    /// Which kind of row.
    pub entity: String,
    /// The row.
    pub entity_id: String,
    /// `create` or `update`.
    pub kind: String,
    /// The fields the op carried (`{name: {value, base_hlc}}`).
    pub fields: Value,
    /// The server's reason code.
    pub code: String,
    /// The reason in words.
    pub reason: String,
    /// When the rejection arrived.
    pub rejected_at: String,
}

/// A concurrent overwrite of one field.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct ConflictRecord {
    /// The conflict's id (the server's).
    pub id: String,
    /// Kind of row.
    pub entity: String,
    /// The row.
    pub entity_id: String,
    /// The field.
    pub field: String,
    /// The goal it belongs to, when known.
    pub goal_id: Option<String>,
    /// The value that was kept.
    pub winner_value: Value,
    /// Its clock.
    pub winner_hlc: i64,
    /// Who wrote it, when known.
    pub winner_person: Option<String>,
    /// The value that was superseded (kept in history).
    pub loser_value: Value,
    /// Its clock.
    pub loser_hlc: i64,
    /// Who wrote it, when known.
    pub loser_person: Option<String>,
    /// When the server recorded it.
    pub created_at: String,
}

/// Counts for a sync status line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
pub struct SyncCounts {
    /// Ops waiting to be pushed.
    pub pending: i64,
    /// Rejected ops not dismissed.
    pub needs_attention: i64,
    /// Conflicts not dismissed.
    pub conflicts: i64,
}

/// The synced columns of each local table, in the server's field names.
struct Local {
    kind: EntityKind,
    table: &'static str,
    cols: &'static [&'static str],
    key: Key,
    /// Rows never change after creation (append-only) — an upsert leaves them.
    append_only: bool,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Key {
    Id,
    /// alignments: (child_id, parent_id); the wire id is `alignment_id`.
    Pair,
    /// kpi_points: (kpi_id, period_start) with a unique id.
    KpiPeriod,
}

const GOAL_COLS: &[&str] = &[
    "kind",
    "owner_person_id",
    "owner_unit_id",
    "statement",
    "title",
    "method",
    "category",
    "metric_name",
    "unit_kind",
    "unit_label",
    "direction",
    "baseline",
    "target",
    "band_low",
    "band_high",
    "start_date",
    "due_date",
    "cycle_id",
    "weight",
    "cadence",
    "state",
    "kpi_id",
    "created_by",
    "created_at",
    "updated_at",
];

static LOCALS: &[Local] = &[
    Local {
        kind: EntityKind::OrgUnit,
        table: "org_units",
        cols: &["name", "kind", "parent_id", "lead_id"],
        key: Key::Id,
        append_only: false,
    },
    Local {
        kind: EntityKind::Person,
        table: "people",
        cols: &[
            "name",
            "email",
            "title",
            "org_unit_id",
            "manager_id",
            "hire_date",
            "active",
            "role",
        ],
        key: Key::Id,
        append_only: false,
    },
    Local {
        kind: EntityKind::Cycle,
        table: "cycles",
        cols: &["name", "start_date", "end_date", "state"],
        key: Key::Id,
        append_only: false,
    },
    Local {
        kind: EntityKind::Kpi,
        table: "kpis",
        cols: &[
            "key",
            "name",
            "unit_kind",
            "unit_label",
            "direction",
            "period_kind",
            "org_unit_id",
        ],
        key: Key::Id,
        append_only: false,
    },
    Local {
        kind: EntityKind::KpiPoint,
        table: "kpi_points",
        cols: &["kpi_id", "period_start", "value", "recorded_at"],
        key: Key::KpiPeriod,
        append_only: false,
    },
    Local {
        kind: EntityKind::Goal,
        table: "goals",
        cols: GOAL_COLS,
        key: Key::Id,
        append_only: false,
    },
    Local {
        kind: EntityKind::Alignment,
        table: "alignments",
        cols: &["child_id", "parent_id", "weight"],
        key: Key::Pair,
        append_only: false,
    },
    Local {
        kind: EntityKind::CheckIn,
        table: "checkins",
        cols: &[
            "goal_id",
            "value",
            "done",
            "confidence",
            "note",
            "blockers",
            "effective_date",
            "author_id",
            "created_at",
        ],
        key: Key::Id,
        append_only: true,
    },
    Local {
        kind: EntityKind::Revision,
        table: "revisions",
        cols: &[
            "goal_id",
            "field",
            "old_value",
            "new_value",
            "author_id",
            "at",
            "reason",
        ],
        key: Key::Id,
        append_only: true,
    },
    Local {
        kind: EntityKind::Conflict,
        table: "conflicts",
        cols: &[
            "entity",
            "entity_id",
            "field",
            "goal_id",
            "winner_value",
            "winner_hlc",
            "winner_op",
            "winner_person",
            "loser_value",
            "loser_hlc",
            "loser_op",
            "loser_person",
            "created_at",
        ],
        key: Key::Id,
        append_only: false,
    },
];

fn local(kind: EntityKind) -> &'static Local {
    // Every kind has an entry (a test checks it); fall back to goals defensively.
    LOCALS.iter().find(|l| l.kind == kind).unwrap_or(&LOCALS[5])
}

/// The SQL expression reading column `col` of `kind` from the JSON row bound as `?1`.
fn expr(kind: EntityKind, col: &str) -> String {
    match (kind, col) {
        // The server's `admin` reaches as far as the local `hr_admin`.
        (EntityKind::Person, "role") => {
            "CASE json_extract(?1, '$.role') WHEN 'admin' THEN 'hr_admin' ELSE json_extract(?1, '$.role') END".into()
        }
        (EntityKind::Person | EntityKind::CheckIn, "active" | "done") => {
            format!("coalesce(json_extract(?1, '$.{col}'), 0)")
        }
        (EntityKind::Conflict, "winner_value" | "loser_value") => format!("?1 -> '$.{col}'"),
        (_, "title" | "note" | "blockers" | "statement" | "method" | "metric_name" | "unit_label" | "reason") => {
            format!("coalesce(json_extract(?1, '$.{col}'), '')")
        }
        (_, "weight") => format!("coalesce(json_extract(?1, '$.{col}'), 1.0)"),
        _ => format!("json_extract(?1, '$.{col}')"),
    }
}

/// The SQL reading a local row as the JSON object sent in an op (`?1` = the key).
fn row_json_sql(kind: EntityKind) -> Option<&'static str> {
    Some(match kind {
        EntityKind::Goal => {
            "SELECT json_object('kind', kind, 'owner_person_id', owner_person_id, 'owner_unit_id', owner_unit_id, \
             'statement', statement, 'title', title, 'method', method, 'category', category, 'metric_name', metric_name, \
             'unit_kind', unit_kind, 'unit_label', unit_label, 'direction', direction, 'baseline', baseline, \
             'target', target, 'band_low', band_low, 'band_high', band_high, 'start_date', start_date, \
             'due_date', due_date, 'cycle_id', cycle_id, 'weight', weight, 'cadence', cadence, 'state', state, \
             'kpi_id', kpi_id, 'checkpoints', json((SELECT json_group_array(json_object('date', c.date, \
             'expected_value', c.expected_value, 'label', c.label)) FROM (SELECT * FROM goal_checkpoints \
             WHERE goal_id = goals.id ORDER BY date) c)), 'created_at', created_at, 'updated_at', updated_at) \
             FROM goals WHERE id = ?1"
        }
        EntityKind::CheckIn => {
            "SELECT json_object('goal_id', goal_id, 'value', value, 'done', json(CASE WHEN done THEN 'true' ELSE 'false' END), \
             'confidence', confidence, 'note', note, 'blockers', blockers, 'effective_date', effective_date, \
             'created_at', created_at) FROM checkins WHERE id = ?1"
        }
        EntityKind::Revision => {
            "SELECT json_object('goal_id', goal_id, 'field', field, 'old_value', old_value, 'new_value', new_value, \
             'at', at, 'reason', reason) FROM revisions WHERE id = ?1"
        }
        _ => return None,
    })
}

fn hlc_of(v: i64) -> Result<Hlc> {
    Hlc::from_packed(v).map_err(|e| StoreError::invalid("hlc", e.to_string()))
}

fn parse_uuid(s: &str, what: &str) -> Result<Uuid> {
    Uuid::parse_str(s).map_err(|e| StoreError::invalid(what, format!("{what}: {e}")))
}

impl Store {
    /// The sync bookkeeping, or `None` when sync is not enabled for this database.
    pub async fn sync_state(&self) -> Result<Option<SyncState>> {
        let row = sqlx::query(
            "SELECT device_id, server_url, user_id, email, next_seq, hlc, cursor, last_sync_at FROM sync_device WHERE id = 1",
        )
        .fetch_optional(self.reader())
        .await?;
        let Some(r) = row else { return Ok(None) };
        let device: String = r.try_get(0)?;
        let user: String = r.try_get(2)?;
        let next_seq: i64 = r.try_get(4)?;
        Ok(Some(SyncState {
            identity: SyncIdentity {
                device_id: DeviceId(parse_uuid(&device, "device_id")?),
                server_url: r.try_get(1)?,
                user_id: PersonId::from_uuid(parse_uuid(&user, "user_id")?),
                email: r.try_get(3)?,
            },
            next_seq: u64::try_from(next_seq).unwrap_or(1),
            hlc: hlc_of(r.try_get(5)?)?,
            cursor: r.try_get::<Option<String>, _>(6)?.map(Cursor),
            last_sync_at: r.try_get(7)?,
        }))
    }

    /// Up to `limit` pending ops in device order (the next push batch).
    pub async fn outbox(&self, limit: usize) -> Result<Vec<Op>> {
        let rows = sqlx::query(
            "SELECT op_id, device_seq, hlc, schema_version, entity, entity_id, kind, fields \
             FROM sync_outbox ORDER BY device_seq LIMIT ?",
        )
        .bind(i64::try_from(limit).unwrap_or(i64::MAX))
        .fetch_all(self.reader())
        .await?;
        rows.iter().map(op_from_row).collect()
    }

    /// Pending ops, rejected ops and open conflicts.
    pub async fn sync_counts(&self) -> Result<SyncCounts> {
        let (pending, needs_attention, conflicts): (i64, i64, i64) = sqlx::query_as(
            "SELECT (SELECT count(*) FROM sync_outbox), \
                    (SELECT count(*) FROM sync_attention WHERE dismissed_at IS NULL), \
                    (SELECT count(*) FROM conflicts WHERE dismissed_at IS NULL)",
        )
        .fetch_one(self.reader())
        .await?;
        Ok(SyncCounts {
            pending,
            needs_attention,
            conflicts,
        })
    }

    /// Rejected ops not yet dismissed, oldest first.
    pub async fn needs_attention(&self) -> Result<Vec<AttentionItem>> {
        let rows = sqlx::query(
            "SELECT op_id, entity, entity_id, kind, fields, code, reason, rejected_at FROM sync_attention \
             WHERE dismissed_at IS NULL ORDER BY device_seq",
        )
        .fetch_all(self.reader())
        .await?;
        rows.iter()
            .map(|r| {
                let fields: String = r.try_get(4)?;
                Ok(AttentionItem {
                    op_id: r.try_get(0)?,
                    entity: r.try_get(1)?,
                    entity_id: r.try_get(2)?,
                    kind: r.try_get(3)?,
                    fields: serde_json::from_str(&fields).unwrap_or(Value::Null),
                    code: r.try_get(5)?,
                    reason: r.try_get(6)?,
                    rejected_at: r.try_get(7)?,
                })
            })
            .collect()
    }

    /// Conflicts not yet dismissed, newest first.
    pub async fn conflicts(&self) -> Result<Vec<ConflictRecord>> {
        let rows = sqlx::query(
            "SELECT id, entity, entity_id, field, goal_id, winner_value, winner_hlc, winner_person, \
             loser_value, loser_hlc, loser_person, created_at FROM conflicts WHERE dismissed_at IS NULL \
             ORDER BY created_at DESC, id",
        )
        .fetch_all(self.reader())
        .await?;
        let json = |s: Option<String>| {
            s.and_then(|s| serde_json::from_str(&s).ok())
                .unwrap_or(Value::Null)
        };
        rows.iter()
            .map(|r| {
                Ok(ConflictRecord {
                    id: r.try_get(0)?,
                    entity: r.try_get(1)?,
                    entity_id: r.try_get(2)?,
                    field: r.try_get(3)?,
                    goal_id: r.try_get(4)?,
                    winner_value: json(r.try_get(5)?),
                    winner_hlc: r.try_get(6)?,
                    winner_person: r.try_get(7)?,
                    loser_value: json(r.try_get(8)?),
                    loser_hlc: r.try_get(9)?,
                    loser_person: r.try_get(10)?,
                    created_at: r.try_get(11)?,
                })
            })
            .collect()
    }

    /// The local clock of one synced field (the `base_hlc` of its next edit).
    pub async fn field_clock(
        &self,
        entity: EntityKind,
        id: Uuid,
        field: &str,
    ) -> Result<Option<Hlc>> {
        let v: Option<i64> = sqlx::query_scalar(
            "SELECT hlc FROM sync_field_clock WHERE entity = ? AND entity_id = ? AND field = ?",
        )
        .bind(entity.as_str())
        .bind(id.hyphenated().to_string())
        .bind(field)
        .fetch_optional(self.reader())
        .await?;
        v.map(hlc_of).transpose()
    }

    /// Starts the write that applies one pulled page. Foreign keys are not
    /// enforced inside it: a page may name a row that arrives on a later page
    /// (one change-log entry per row means a person updated after their goal
    /// was created sorts after it). Deletes of tombstoned and revoked goals
    /// remove their dependent rows explicitly. Enforcement is back on for the
    /// next write (the writer pool re-enables it whenever the connection is
    /// released).
    pub async fn begin_sync_apply(&self) -> Result<WriteTx> {
        self.begin_write_with("PRAGMA foreign_keys = OFF; BEGIN IMMEDIATE")
            .await
    }
}

fn op_from_row(r: &sqlx::sqlite::SqliteRow) -> Result<Op> {
    let op_id: String = r.try_get(0)?;
    let seq: i64 = r.try_get(1)?;
    let schema: i64 = r.try_get(3)?;
    let entity: String = r.try_get(4)?;
    let entity_id: String = r.try_get(5)?;
    let kind: String = r.try_get(6)?;
    let fields: String = r.try_get(7)?;
    Ok(Op {
        op_id: OpId(parse_uuid(&op_id, "op_id")?),
        device_seq: u64::try_from(seq).unwrap_or(0),
        hlc: hlc_of(r.try_get(2)?)?,
        schema_version: u32::try_from(schema).unwrap_or(0),
        entity: entity
            .parse()
            .map_err(|e: stride_protocol::entity::UnknownEntity| {
                StoreError::invalid("entity", e.to_string())
            })?,
        entity_id: parse_uuid(&entity_id, "entity_id")?,
        kind: if kind == "create" {
            OpKind::Create
        } else {
            OpKind::Update
        },
        fields: serde_json::from_str(&fields)
            .map_err(|e| StoreError::invalid("fields", format!("outbox fields: {e}")))?,
    })
}

impl WriteTx {
    /// Whether this database syncs (its device row exists); read once per write.
    pub(crate) async fn sync_enabled(&mut self) -> Result<bool> {
        if let Some(on) = self.sync_on {
            return Ok(on);
        }
        let on: bool = sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM sync_device)")
            .fetch_one(self.conn())
            .await?;
        self.sync_on = Some(on);
        Ok(on)
    }

    /// Turns sync on for this database: from now on every synced write also
    /// writes its outbox row. Refuses a second, different identity (a database
    /// syncs with one account on one server).
    pub async fn enable_sync(&mut self, identity: &SyncIdentity, now: DateTime<Utc>) -> Result<()> {
        let existing: Option<(String, String)> =
            sqlx::query_as("SELECT server_url, user_id FROM sync_device WHERE id = 1")
                .fetch_optional(self.conn())
                .await?;
        if let Some((url, user)) = existing {
            if url == identity.server_url && user == identity.user_id.to_string() {
                return Ok(());
            }
            return Err(StoreError::Conflict(format!(
                "this database already syncs as {user} with {url}; use a new database for another account or server"
            )));
        }
        sqlx::query(
            "INSERT INTO sync_device (id, device_id, server_url, user_id, email, created_at) VALUES (1, ?, ?, ?, ?, ?)",
        )
        .bind(identity.device_id.to_string())
        .bind(&identity.server_url)
        .bind(identity.user_id.to_string())
        .bind(&identity.email)
        .bind(timestamp(now))
        .execute(self.conn())
        .await?;
        self.sync_on = Some(true);
        Ok(())
    }

    /// Reads a local row as the JSON object an op carries.
    async fn row_json(&mut self, kind: EntityKind, id: Uuid) -> Result<Option<Map<String, Value>>> {
        let Some(sql) = row_json_sql(kind) else {
            return Ok(None);
        };
        let text: Option<String> = sqlx::query_scalar(sql)
            .bind(id.hyphenated().to_string())
            .fetch_optional(self.conn())
            .await?;
        Ok(text
            .and_then(|t| serde_json::from_str::<Value>(&t).ok())
            .and_then(|v| match v {
                Value::Object(m) => Some(m),
                _ => None,
            }))
    }

    /// The JSON of a goal row when sync is on (the "before" of a revision).
    pub(crate) async fn goal_json_if_synced(
        &mut self,
        id: GoalId,
    ) -> Result<Option<Map<String, Value>>> {
        if !self.sync_enabled().await? {
            return Ok(None);
        }
        self.row_json(EntityKind::Goal, id.as_uuid()).await
    }

    /// Records the creation of a row already written (goal, check-in, revision).
    pub(crate) async fn record_create(&mut self, kind: EntityKind, id: Uuid) -> Result<()> {
        if !self.sync_enabled().await? {
            return Ok(());
        }
        let Some(row) = self.row_json(kind, id).await? else {
            return Err(StoreError::not_found(format!("{kind} {id}")));
        };
        self.record_op(kind, id, OpKind::Create, row).await
    }

    /// Records a goal update: the fields that differ between `before` and now
    /// (`updated_at` is local bookkeeping and never makes a field conflict).
    pub(crate) async fn record_goal_update(
        &mut self,
        id: GoalId,
        before: Option<Map<String, Value>>,
    ) -> Result<()> {
        let Some(before) = before else { return Ok(()) };
        let Some(after) = self.row_json(EntityKind::Goal, id.as_uuid()).await? else {
            return Err(StoreError::not_found(format!("goal {id}")));
        };
        let changed: Map<String, Value> = after
            .into_iter()
            .filter(|(k, v)| k != "updated_at" && before.get(k) != Some(v))
            .collect();
        self.record_op(EntityKind::Goal, id.as_uuid(), OpKind::Update, changed)
            .await
    }

    /// Records an alignment create or weight change.
    pub(crate) async fn record_alignment(
        &mut self,
        child: GoalId,
        parent: GoalId,
        weight: f64,
        existed: bool,
    ) -> Result<()> {
        if !self.sync_enabled().await? {
            return Ok(());
        }
        let mut fields = Map::new();
        fields.insert("child_id".into(), Value::String(child.to_string()));
        fields.insert("parent_id".into(), Value::String(parent.to_string()));
        fields.insert("weight".into(), serde_json::json!(weight));
        let kind = if existed {
            OpKind::Update
        } else {
            OpKind::Create
        };
        self.record_op(
            EntityKind::Alignment,
            alignment_id(child, parent),
            kind,
            fields,
        )
        .await
    }

    /// Records a tombstone (`deleted: true`) for a check-in taken back.
    pub(crate) async fn record_check_in_deleted(&mut self, id: Uuid) -> Result<()> {
        if !self.sync_enabled().await? {
            return Ok(());
        }
        let mut fields = Map::new();
        fields.insert("deleted".into(), Value::Bool(true));
        self.record_op(EntityKind::CheckIn, id, OpKind::Update, fields)
            .await
    }

    /// Appends one op to the outbox: next device sequence, a fresh clock, and
    /// each field's `base_hlc` (the clock of the value being replaced).
    async fn record_op(
        &mut self,
        kind: EntityKind,
        id: Uuid,
        op_kind: OpKind,
        values: Map<String, Value>,
    ) -> Result<()> {
        if values.is_empty() {
            return Ok(());
        }
        let (next_seq, hlc): (i64, i64) =
            sqlx::query_as("SELECT next_seq, hlc FROM sync_device WHERE id = 1")
                .fetch_one(self.conn())
                .await?;
        let now = Utc::now();
        let hlc = hlc_of(hlc)?.tick(now.timestamp_millis());
        let id_text = id.hyphenated().to_string();
        let mut fields: BTreeMap<String, FieldValue> = BTreeMap::new();
        for (name, value) in values {
            let base: Option<i64> = sqlx::query_scalar(
                "SELECT hlc FROM sync_field_clock WHERE entity = ? AND entity_id = ? AND field = ?",
            )
            .bind(kind.as_str())
            .bind(&id_text)
            .bind(&name)
            .fetch_optional(self.conn())
            .await?;
            fields.insert(
                name,
                FieldValue {
                    value,
                    base_hlc: base.map(hlc_of).transpose()?,
                },
            );
        }
        let op_id = OpId::new();
        let fields_json = serde_json::to_string(&fields)
            .map_err(|e| StoreError::invalid("fields", e.to_string()))?;
        sqlx::query(
            "INSERT INTO sync_outbox (device_seq, op_id, hlc, schema_version, entity, entity_id, kind, fields, created_at) \
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(next_seq)
        .bind(op_id.to_string())
        .bind(hlc.packed())
        .bind(i64::from(stride_protocol::SCHEMA_VERSION))
        .bind(kind.as_str())
        .bind(&id_text)
        .bind(match op_kind {
            OpKind::Create => "create",
            OpKind::Update => "update",
        })
        .bind(fields_json)
        .bind(timestamp(now))
        .execute(self.conn())
        .await?;
        sqlx::query("UPDATE sync_device SET next_seq = next_seq + 1, hlc = ? WHERE id = 1")
            .bind(hlc.packed())
            .execute(self.conn())
            .await?;
        for name in fields.keys() {
            self.set_field_clock(kind, &id_text, name, hlc).await?;
        }
        Ok(())
    }

    async fn set_field_clock(
        &mut self,
        kind: EntityKind,
        id: &str,
        field: &str,
        hlc: Hlc,
    ) -> Result<()> {
        sqlx::query(
            "INSERT INTO sync_field_clock (entity, entity_id, field, hlc) VALUES (?, ?, ?, ?) \
             ON CONFLICT (entity, entity_id, field) DO UPDATE SET hlc = excluded.hlc",
        )
        .bind(kind.as_str())
        .bind(id)
        .bind(field)
        .bind(hlc.packed())
        .execute(self.conn())
        .await?;
        Ok(())
    }

    async fn outbox_op(&mut self, op_id: OpId) -> Result<Option<Op>> {
        let row = sqlx::query(
            "SELECT op_id, device_seq, hlc, schema_version, entity, entity_id, kind, fields \
             FROM sync_outbox WHERE op_id = ?",
        )
        .bind(op_id.to_string())
        .fetch_optional(self.conn())
        .await?;
        row.as_ref().map(op_from_row).transpose()
    }

    /// The server applied (or already held) an op: it leaves the outbox. When
    /// the server stored it under another clock (re-stamped), the fields this
    /// op last wrote take that clock. Returns false for an op no longer pending.
    pub async fn ack_op(&mut self, op_id: OpId, effective: Option<Hlc>) -> Result<bool> {
        let Some(op) = self.outbox_op(op_id).await? else {
            return Ok(false);
        };
        if let Some(eff) = effective.filter(|e| *e != op.hlc) {
            for field in op.fields.keys() {
                sqlx::query(
                    "UPDATE sync_field_clock SET hlc = ? WHERE entity = ? AND entity_id = ? AND field = ? AND hlc = ?",
                )
                .bind(eff.packed())
                .bind(op.entity.as_str())
                .bind(op.entity_id.hyphenated().to_string())
                .bind(field)
                .bind(op.hlc.packed())
                .execute(self.conn())
                .await?;
            }
        }
        sqlx::query("DELETE FROM sync_outbox WHERE op_id = ?")
            .bind(op_id.to_string())
            .execute(self.conn())
            .await?;
        Ok(true)
    }

    /// The server refused an op: it moves from the outbox to "needs attention"
    /// with the reason — never silently dropped.
    pub async fn reject_op(
        &mut self,
        op_id: OpId,
        code: &str,
        reason: &str,
        now: DateTime<Utc>,
    ) -> Result<bool> {
        let done = sqlx::query(
            "INSERT INTO sync_attention (op_id, device_seq, hlc, entity, entity_id, kind, fields, code, reason, rejected_at) \
             SELECT op_id, device_seq, hlc, entity, entity_id, kind, fields, ?, ?, ? FROM sync_outbox WHERE op_id = ? \
             ON CONFLICT (op_id) DO NOTHING",
        )
        .bind(code)
        .bind(reason)
        .bind(timestamp(now))
        .bind(op_id.to_string())
        .execute(self.conn())
        .await?;
        sqlx::query("DELETE FROM sync_outbox WHERE op_id = ?")
            .bind(op_id.to_string())
            .execute(self.conn())
            .await?;
        Ok(done.rows_affected() > 0)
    }

    /// Closes a conflict (the kept value stays; the conflict stays on record).
    pub async fn dismiss_conflict(&mut self, id: &str, now: DateTime<Utc>) -> Result<bool> {
        let done = sqlx::query(
            "UPDATE conflicts SET dismissed_at = ? WHERE id = ? AND dismissed_at IS NULL",
        )
        .bind(timestamp(now))
        .bind(id)
        .execute(self.conn())
        .await?;
        Ok(done.rows_affected() > 0)
    }

    /// Marks a needs-attention item as dealt with.
    pub async fn dismiss_attention(&mut self, op_id: &str, now: DateTime<Utc>) -> Result<bool> {
        let done = sqlx::query(
            "UPDATE sync_attention SET dismissed_at = ? WHERE op_id = ? AND dismissed_at IS NULL",
        )
        .bind(timestamp(now))
        .bind(op_id)
        .execute(self.conn())
        .await?;
        Ok(done.rows_affected() > 0)
    }

    /// Records a conflict the push result reported (the pull later brings the
    /// server's full row under the same id).
    pub async fn record_push_conflict(
        &mut self,
        op: &Op,
        effective: Hlc,
        conflict: &FieldConflict,
        me: PersonId,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let mine = op
            .fields
            .get(&conflict.field)
            .map_or(Value::Null, |f| f.value.clone());
        let me = me.to_string();
        let op_id = op.op_id.to_string();
        let (mine_side, their_side) = (
            (
                mine.to_string(),
                effective.packed(),
                op_id.as_str(),
                Some(me.as_str()),
            ),
            (
                conflict.their_value.to_string(),
                conflict.their_hlc.packed(),
                "",
                None,
            ),
        );
        let (w, l) = match conflict.winner {
            Winner::Mine => (mine_side, their_side),
            Winner::Theirs => (their_side, mine_side),
        };
        let goal = (op.entity == EntityKind::Goal).then(|| op.entity_id.hyphenated().to_string());
        sqlx::query(
            "INSERT INTO conflicts (id, entity, entity_id, field, goal_id, winner_value, winner_hlc, winner_op, winner_person, \
             loser_value, loser_hlc, loser_op, loser_person, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) \
             ON CONFLICT (id) DO NOTHING",
        )
        .bind(conflict.conflict_id.hyphenated().to_string())
        .bind(op.entity.as_str())
        .bind(op.entity_id.hyphenated().to_string())
        .bind(&conflict.field)
        .bind(goal)
        .bind(w.0)
        .bind(w.1)
        .bind(w.2)
        .bind(w.3)
        .bind(l.0)
        .bind(l.1)
        .bind(l.2)
        .bind(l.3)
        .bind(timestamp(now))
        .execute(self.conn())
        .await?;
        Ok(())
    }

    /// Runs the HLC receive step on a clock seen from the server and persists it.
    pub async fn receive_hlc(&mut self, remote: Hlc, now_ms: i64) -> Result<Hlc> {
        let cur: i64 = sqlx::query_scalar("SELECT hlc FROM sync_device WHERE id = 1")
            .fetch_one(self.conn())
            .await?;
        let next = hlc_of(cur)?.receive(remote, now_ms);
        sqlx::query("UPDATE sync_device SET hlc = ? WHERE id = 1")
            .bind(next.packed())
            .execute(self.conn())
            .await?;
        Ok(next)
    }

    /// Stores where the pull got to (and, at the head, when).
    pub async fn set_cursor(
        &mut self,
        cursor: Option<&Cursor>,
        at_head: Option<DateTime<Utc>>,
    ) -> Result<()> {
        sqlx::query("UPDATE sync_device SET cursor = ?, last_sync_at = coalesce(?, last_sync_at) WHERE id = 1")
            .bind(cursor.map(|c| c.0.clone()))
            .bind(at_head.map(timestamp))
            .execute(self.conn())
            .await?;
        Ok(())
    }

    /// Applies one pulled row: upsert (or remove, for a tombstone), its field
    /// clocks and the caller's access.
    pub async fn apply_change(&mut self, change: &Change) -> Result<()> {
        let id = change.id.hyphenated().to_string();
        let mut row = change.row.clone();
        row.remove("id");
        if change.deleted {
            self.delete_local(change.entity, change.id, Some(&row))
                .await?;
        } else if !self.row_exists(change.entity, change.id, &row).await? {
            self.upsert_row(change.entity, &id, &row).await?;
        } else if !local(change.entity).append_only {
            self.update_fields(change.entity, change.id, &row).await?;
        }
        for (field, hlc) in &change.clocks {
            self.set_field_clock(change.entity, &id, field, *hlc)
                .await?;
        }
        if change.entity == EntityKind::Goal && !change.deleted {
            sqlx::query(
                "INSERT INTO sync_row_access (entity, entity_id, access) VALUES ('goal', ?, ?) \
                 ON CONFLICT (entity, entity_id) DO UPDATE SET access = excluded.access",
            )
            .bind(&id)
            .bind(change.access.as_str())
            .execute(self.conn())
            .await?;
        }
        Ok(())
    }

    /// Applies a revoke: the row (for a goal, with everything hanging off it) leaves.
    pub async fn apply_revoke(&mut self, revoke: &Revoke) -> Result<()> {
        self.delete_local(revoke.entity, revoke.id, None).await
    }

    async fn upsert_row(
        &mut self,
        kind: EntityKind,
        id: &str,
        row: &Map<String, Value>,
    ) -> Result<()> {
        let l = local(kind);
        let json = Value::Object(row.clone()).to_string();
        let exprs: Vec<String> = l.cols.iter().map(|c| expr(kind, c)).collect();
        let sets: Vec<String> = l
            .cols
            .iter()
            .map(|c| format!("{c} = excluded.{c}"))
            .collect();
        let sql = match l.key {
            Key::Id => format!(
                "INSERT INTO {t} (id, {cols}) VALUES (?2, {exprs}) ON CONFLICT (id) DO {action}",
                t = l.table,
                cols = l.cols.join(", "),
                exprs = exprs.join(", "),
                action = if l.append_only {
                    "NOTHING".to_owned()
                } else {
                    format!("UPDATE SET {}", sets.join(", "))
                },
            ),
            Key::Pair => format!(
                "INSERT INTO alignments ({cols}) VALUES ({exprs}) \
                 ON CONFLICT (child_id, parent_id) DO UPDATE SET weight = excluded.weight",
                cols = l.cols.join(", "),
                exprs = exprs.join(", "),
            ),
            Key::KpiPeriod => format!(
                "INSERT INTO kpi_points (id, {cols}) VALUES (?2, {exprs}) \
                 ON CONFLICT (kpi_id, period_start) DO UPDATE SET id = excluded.id, value = excluded.value, \
                 recorded_at = excluded.recorded_at",
                cols = l.cols.join(", "),
                exprs = exprs.join(", "),
            ),
        };
        sqlx::query(&sql)
            .bind(&json)
            .bind(id)
            .execute(self.conn())
            .await?;
        if kind == EntityKind::Goal && row.contains_key("checkpoints") {
            self.replace_checkpoints(id, &json).await?;
        }
        Ok(())
    }

    async fn replace_checkpoints(&mut self, goal: &str, json: &str) -> Result<()> {
        sqlx::query("DELETE FROM goal_checkpoints WHERE goal_id = ?")
            .bind(goal)
            .execute(self.conn())
            .await?;
        sqlx::query(
            "INSERT INTO goal_checkpoints (goal_id, date, expected_value, label) \
             SELECT ?2, json_extract(value, '$.date'), json_extract(value, '$.expected_value'), \
                    coalesce(json_extract(value, '$.label'), '') \
             FROM json_each(?1, '$.checkpoints') WHERE json_type(?1, '$.checkpoints') = 'array' \
             ON CONFLICT (goal_id, date) DO UPDATE SET expected_value = excluded.expected_value, label = excluded.label",
        )
        .bind(json)
        .bind(goal)
        .execute(self.conn())
        .await?;
        Ok(())
    }

    /// Sets the given fields of an existing row (a pending update re-applied).
    async fn update_fields(
        &mut self,
        kind: EntityKind,
        id: Uuid,
        fields: &Map<String, Value>,
    ) -> Result<()> {
        let l = local(kind);
        let json = Value::Object(fields.clone()).to_string();
        let sets: Vec<String> = l
            .cols
            .iter()
            .filter(|c| fields.contains_key(**c))
            .map(|c| format!("{c} = {}", expr(kind, c)))
            .collect();
        if !sets.is_empty() {
            let (where_sql, key) = match l.key {
                Key::Pair => (
                    "child_id = json_extract(?1, '$.child_id') AND parent_id = json_extract(?1, '$.parent_id')",
                    String::new(),
                ),
                _ => ("id = ?2", id.hyphenated().to_string()),
            };
            let sql = format!(
                "UPDATE {} SET {} WHERE {where_sql}",
                l.table,
                sets.join(", ")
            );
            let mut q = sqlx::query(&sql).bind(&json);
            if !key.is_empty() {
                q = q.bind(key);
            }
            q.execute(self.conn()).await?;
        }
        if kind == EntityKind::Goal && fields.contains_key("checkpoints") {
            self.replace_checkpoints(&id.hyphenated().to_string(), &json)
                .await?;
        }
        Ok(())
    }

    async fn row_exists(
        &mut self,
        kind: EntityKind,
        id: Uuid,
        fields: &Map<String, Value>,
    ) -> Result<bool> {
        let l = local(kind);
        let exists: bool = if l.key == Key::Pair {
            sqlx::query_scalar(
                "SELECT EXISTS (SELECT 1 FROM alignments WHERE child_id = json_extract(?1, '$.child_id') \
                 AND parent_id = json_extract(?1, '$.parent_id'))",
            )
            .bind(Value::Object(fields.clone()).to_string())
            .fetch_one(self.conn())
            .await?
        } else {
            sqlx::query_scalar(&format!(
                "SELECT EXISTS (SELECT 1 FROM {} WHERE id = ?)",
                l.table
            ))
            .bind(id.hyphenated().to_string())
            .fetch_one(self.conn())
            .await?
        };
        Ok(exists)
    }

    /// Removes a row locally. A goal takes its check-ins, revisions,
    /// alignments, checkpoints, alerts and conflicts with it (explicitly: the
    /// pull applies with foreign keys off). `row` names an alignment's pair;
    /// without it the pair is found by its id.
    async fn delete_local(
        &mut self,
        kind: EntityKind,
        id: Uuid,
        row: Option<&Map<String, Value>>,
    ) -> Result<()> {
        let id_text = id.hyphenated().to_string();
        match kind {
            EntityKind::Goal => {
                for sql in [
                    "DELETE FROM checkins WHERE goal_id = ?1",
                    "DELETE FROM revisions WHERE goal_id = ?1",
                    "DELETE FROM alignments WHERE child_id = ?1 OR parent_id = ?1",
                    "DELETE FROM goal_checkpoints WHERE goal_id = ?1",
                    "DELETE FROM alerts WHERE goal_id = ?1",
                    "DELETE FROM conflicts WHERE goal_id = ?1",
                    "DELETE FROM sync_row_access WHERE entity = 'goal' AND entity_id = ?1",
                    "DELETE FROM goals WHERE id = ?1",
                ] {
                    sqlx::query(sql).bind(&id_text).execute(self.conn()).await?;
                }
            }
            EntityKind::Alignment => {
                let pair = match row.and_then(|r| {
                    Some((r.get("child_id")?.as_str()?, r.get("parent_id")?.as_str()?))
                }) {
                    Some((c, p)) => Some((c.to_owned(), p.to_owned())),
                    None => self.alignment_pair(id).await?,
                };
                if let Some((c, p)) = pair {
                    sqlx::query("DELETE FROM alignments WHERE child_id = ? AND parent_id = ?")
                        .bind(c)
                        .bind(p)
                        .execute(self.conn())
                        .await?;
                }
            }
            EntityKind::KpiPoint => {
                sqlx::query("DELETE FROM kpi_points WHERE id = ?")
                    .bind(&id_text)
                    .execute(self.conn())
                    .await?;
            }
            other => {
                let sql = format!("DELETE FROM {} WHERE id = ?", local(other).table);
                sqlx::query(&sql)
                    .bind(&id_text)
                    .execute(self.conn())
                    .await?;
            }
        }
        Ok(())
    }

    async fn alignment_pair(&mut self, id: Uuid) -> Result<Option<(String, String)>> {
        let edges: Vec<(GoalId, GoalId)> =
            sqlx::query_as("SELECT child_id, parent_id FROM alignments")
                .fetch_all(self.conn())
                .await?;
        Ok(edges
            .into_iter()
            .find(|(c, p)| alignment_id(*c, *p) == id)
            .map(|(c, p)| (c.to_string(), p.to_string())))
    }

    /// Re-applies every pending op on top of the pulled state (run when a pull
    /// reaches the head, so the person keeps seeing their own unpushed edits).
    /// Returns how many ops were re-applied.
    pub async fn reapply_pending(&mut self) -> Result<usize> {
        let rows = sqlx::query(
            "SELECT op_id, device_seq, hlc, schema_version, entity, entity_id, kind, fields \
             FROM sync_outbox ORDER BY device_seq",
        )
        .fetch_all(self.conn())
        .await?;
        let ops: Vec<Op> = rows.iter().map(op_from_row).collect::<Result<_>>()?;
        for op in &ops {
            let values: Map<String, Value> = op
                .fields
                .iter()
                .map(|(k, f)| (k.clone(), f.value.clone()))
                .collect();
            let id_text = op.entity_id.hyphenated().to_string();
            if values.get("deleted") == Some(&Value::Bool(true)) {
                self.delete_local(op.entity, op.entity_id, Some(&values))
                    .await?;
            } else if self.row_exists(op.entity, op.entity_id, &values).await? {
                if !local(op.entity).append_only {
                    self.update_fields(op.entity, op.entity_id, &values).await?;
                }
            } else if op.kind == OpKind::Create {
                self.upsert_row(op.entity, &id_text, &values).await?;
            }
            for field in op.fields.keys() {
                self.set_field_clock(op.entity, &id_text, field, op.hlc)
                    .await?;
            }
        }
        Ok(ops.len())
    }

    /// Before a re-download (410 `reset_required`): removes every synced row,
    /// their clocks and the cursor. Pending ops stay in the outbox and are
    /// re-applied when the new download reaches the head.
    pub async fn reset_synced_rows(&mut self) -> Result<()> {
        for sql in [
            "DELETE FROM alerts",
            "DELETE FROM conflicts",
            "DELETE FROM checkins",
            "DELETE FROM revisions",
            "DELETE FROM alignments",
            "DELETE FROM goal_checkpoints",
            "DELETE FROM goals",
            "DELETE FROM kpi_points",
            "DELETE FROM kpis",
            "DELETE FROM cycles",
            "DELETE FROM people",
            "DELETE FROM org_units",
            "DELETE FROM sync_field_clock",
            "DELETE FROM sync_row_access",
            "UPDATE sync_device SET cursor = NULL WHERE id = 1",
        ] {
            sqlx::query(sql).execute(self.conn()).await?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_entity_has_a_local_table() {
        for kind in EntityKind::ALL {
            assert_eq!(local(*kind).kind, *kind, "{kind}");
        }
    }
}
