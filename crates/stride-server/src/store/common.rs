// Query code shared by both backends. Included into `sqlite.rs` and
// `postgres.rs`, each of which defines `Db`, `BACKEND`, `READ_SNAPSHOT_SQL`
// and `Store { pool, write_lock }`. Only SQL both dialects accept goes here:
// `$n` parameters, `ON CONFLICT … DO UPDATE`, `RETURNING`, no booleans
// (0/1 integers), text timestamps.

use std::collections::{BTreeMap, HashMap, HashSet};

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use serde_json::Value;
use sqlx::Row;
use stride_domain::{KpiId, Period, PeriodKind};
use stride_protocol::{
    kpi_point_id, Access, Change, DeviceId, EntityKind, FieldConflict, Hlc, IngestOutcome,
    KpiPointIn, KpiPointResult, KpiPointsResponse, Op, OpId, OpKind, OpOutcome, OpResult,
    RejectCode, Revoke, Role, Winner, SCHEMA_VERSION,
};
use uuid::Uuid;

use super::{
    ts, Account, Backend, Caller, CursorState, ImportSummary, NewPerson, PullPage, PushedOp, ServerInfo,
    Storage,
};
use crate::error::{Error, Result};
use crate::schema::{self, Class, Field, ScopedBy, Spec, SqlVal, Writers};
use crate::scope::{GoalOwner, OrgSnapshot, PersonNode, UnitNode};

type Conn = <Db as sqlx::Database>::Connection;
type DbRow = <Db as sqlx::Database>::Row;
type Q<'q> = sqlx::query::Query<'q, Db, <Db as sqlx::Database>::Arguments<'q>>;

fn bind<'q>(q: Q<'q>, v: &SqlVal) -> Q<'q> {
    match v {
        SqlVal::Text(s) => q.bind(s.clone()),
        SqlVal::Real(f) => q.bind(*f),
        SqlVal::Int(i) => q.bind(*i),
    }
}

fn get_val(row: &DbRow, idx: usize, class: Class) -> Result<SqlVal> {
    Ok(match class {
        Class::Text => SqlVal::Text(row.try_get::<Option<String>, _>(idx)?),
        Class::Real => SqlVal::Real(row.try_get::<Option<f64>, _>(idx)?),
        Class::Int => SqlVal::Int(row.try_get::<Option<i64>, _>(idx)?),
    })
}

fn uuid_of(s: &str) -> Result<Uuid> {
    Uuid::parse_str(s).map_err(|_| Error::Corrupt(format!("`{s}` is not a UUID")))
}

fn opt_uuid(s: Option<String>) -> Result<Option<Uuid>> {
    s.as_deref().map(uuid_of).transpose()
}

fn id_text(id: Uuid) -> String {
    id.hyphenated().to_string()
}

fn role_of(s: &str) -> Result<Role> {
    s.parse::<Role>().map_err(Error::Corrupt)
}

fn access_of(s: &str) -> Access {
    if s == "write" {
        Access::Write
    } else {
        Access::Read
    }
}

fn reject(code: RejectCode, reason: impl Into<String>) -> OpOutcome {
    OpOutcome::Rejected {
        code,
        reason: reason.into(),
    }
}

fn normalise_email(email: &str) -> String {
    email.trim().to_lowercase()
}

/// Allocates `n` sequence numbers; returns the first.
async fn alloc_seq(conn: &mut Conn, n: i64) -> Result<i64> {
    let last: i64 =
        sqlx::query_scalar("UPDATE seq_counter SET seq = seq + $1 WHERE id = 1 RETURNING seq")
            .bind(n)
            .fetch_one(&mut *conn)
            .await?;
    Ok(last - n + 1)
}

/// Records that a row changed: a fresh `row_seq` in the change log.
async fn touch_row(
    conn: &mut Conn,
    kind: EntityKind,
    id: &str,
    scope_goal: Option<&str>,
) -> Result<i64> {
    let seq = alloc_seq(conn, 1).await?;
    sqlx::query(
        "INSERT INTO change_log (entity, entity_id, row_seq, scope_goal_id) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (entity, entity_id) DO UPDATE SET row_seq = excluded.row_seq, scope_goal_id = excluded.scope_goal_id",
    )
    .bind(kind.as_str())
    .bind(id)
    .bind(seq)
    .bind(scope_goal)
    .execute(&mut *conn)
    .await?;
    Ok(seq)
}

async fn row_seq_of(conn: &mut Conn, kind: EntityKind, id: &str) -> Result<i64> {
    let seq: Option<i64> =
        sqlx::query_scalar("SELECT row_seq FROM change_log WHERE entity = $1 AND entity_id = $2")
            .bind(kind.as_str())
            .bind(id)
            .fetch_optional(&mut *conn)
            .await?;
    Ok(seq.unwrap_or(0))
}

async fn load_snapshot(conn: &mut Conn) -> Result<OrgSnapshot> {
    let mut s = OrgSnapshot::default();
    for row in sqlx::query("SELECT id, manager_id, org_unit_id, role FROM people")
        .fetch_all(&mut *conn)
        .await?
    {
        let id = uuid_of(&row.try_get::<String, _>(0)?)?;
        s.people.insert(
            id,
            PersonNode {
                manager: opt_uuid(row.try_get(1)?)?,
                unit: opt_uuid(row.try_get(2)?)?,
                role: role_of(&row.try_get::<String, _>(3)?)?,
            },
        );
    }
    for row in sqlx::query("SELECT id, parent_id, lead_id FROM org_units")
        .fetch_all(&mut *conn)
        .await?
    {
        let id = uuid_of(&row.try_get::<String, _>(0)?)?;
        s.units.insert(
            id,
            UnitNode {
                parent: opt_uuid(row.try_get(1)?)?,
                lead: opt_uuid(row.try_get(2)?)?,
            },
        );
    }
    for row in sqlx::query("SELECT id, owner_person_id, owner_unit_id FROM goals")
        .fetch_all(&mut *conn)
        .await?
    {
        let id = uuid_of(&row.try_get::<String, _>(0)?)?;
        let owner = match (opt_uuid(row.try_get(1)?)?, opt_uuid(row.try_get(2)?)?) {
            (Some(p), _) => GoalOwner::Person(p),
            (None, Some(u)) => GoalOwner::Unit(u),
            (None, None) => continue,
        };
        s.goals.push((id, owner));
    }
    for row in sqlx::query("SELECT child_id, parent_id FROM alignments WHERE deleted = 0")
        .fetch_all(&mut *conn)
        .await?
    {
        let child = uuid_of(&row.try_get::<String, _>(0)?)?;
        let parent = uuid_of(&row.try_get::<String, _>(1)?)?;
        s.parents.entry(child).or_default().push(parent);
    }
    Ok(s)
}

/// Recomputes the materialised scope of `users` (all when `None`) and writes
/// the difference: new or changed rows get a fresh `since_seq` (move-in),
/// removed rows a revoke event.
async fn refresh_scope(conn: &mut Conn, users: Option<Vec<Uuid>>) -> Result<()> {
    let snap = load_snapshot(conn).await?;
    let users = users.unwrap_or_else(|| snap.people.keys().copied().collect());
    for user in users {
        let uid = id_text(user);
        if snap
            .people
            .get(&user)
            .is_some_and(|p| p.role.sees_everything())
        {
            sqlx::query("DELETE FROM sync_scope WHERE user_id = $1")
                .bind(&uid)
                .execute(&mut *conn)
                .await?;
            continue;
        }
        let desired: HashMap<String, Access> = snap
            .scope_for(user)
            .into_iter()
            .map(|(g, a)| (id_text(g), a))
            .collect();
        let existing: HashMap<String, String> =
            sqlx::query("SELECT goal_id, access FROM sync_scope WHERE user_id = $1")
                .bind(&uid)
                .fetch_all(&mut *conn)
                .await?
                .into_iter()
                .map(|r| Ok((r.try_get::<String, _>(0)?, r.try_get::<String, _>(1)?)))
                .collect::<Result<_>>()?;
        let mut upserts: Vec<(&String, Access)> = desired
            .iter()
            .filter(|(g, a)| existing.get(*g).map(String::as_str) != Some(a.as_str()))
            .map(|(g, a)| (g, *a))
            .collect();
        upserts.sort();
        let mut removals: Vec<&String> = existing.keys().filter(|g| !desired.contains_key(*g)).collect();
        removals.sort();
        let n = upserts.len() + removals.len();
        if n == 0 {
            continue;
        }
        let mut next = alloc_seq(conn, i64::try_from(n).unwrap_or(i64::MAX)).await?;
        for (goal, access) in upserts {
            sqlx::query(
                "INSERT INTO sync_scope (user_id, goal_id, access, since_seq) VALUES ($1, $2, $3, $4) \
                 ON CONFLICT (user_id, goal_id) DO UPDATE SET access = excluded.access, since_seq = excluded.since_seq",
            )
            .bind(&uid)
            .bind(goal)
            .bind(access.as_str())
            .bind(next)
            .execute(&mut *conn)
            .await?;
            next += 1;
        }
        for goal in removals {
            sqlx::query("DELETE FROM sync_scope WHERE user_id = $1 AND goal_id = $2")
                .bind(&uid)
                .bind(goal)
                .execute(&mut *conn)
                .await?;
            sqlx::query("INSERT INTO sync_revoke (user_id, goal_id, seq) VALUES ($1, $2, $3)")
                .bind(&uid)
                .bind(goal)
                .bind(next)
                .execute(&mut *conn)
                .await?;
            next += 1;
        }
    }
    Ok(())
}

/// Users (not seeing everything) who currently have `goal` in scope.
async fn users_seeing(conn: &mut Conn, goal: &str) -> Result<Vec<Uuid>> {
    let ids: Vec<String> = sqlx::query_scalar("SELECT user_id FROM sync_scope WHERE goal_id = $1")
        .bind(goal)
        .fetch_all(&mut *conn)
        .await?;
    ids.iter().map(|s| uuid_of(s)).collect()
}

async fn goal_access(conn: &mut Conn, caller: &Caller, goal: &str) -> Result<Option<Access>> {
    if caller.role.sees_everything() {
        let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM goals WHERE id = $1")
            .bind(goal)
            .fetch_one(&mut *conn)
            .await?;
        return Ok((n > 0).then_some(Access::Write));
    }
    let a: Option<String> =
        sqlx::query_scalar("SELECT access FROM sync_scope WHERE user_id = $1 AND goal_id = $2")
            .bind(id_text(caller.person_id))
            .bind(goal)
            .fetch_optional(&mut *conn)
            .await?;
    Ok(a.as_deref().map(access_of))
}

/// `Ok(())` if the caller may write `goal`, else the rejection.
async fn require_write(
    conn: &mut Conn,
    caller: &Caller,
    goal: &str,
) -> Result<std::result::Result<(), OpOutcome>> {
    Ok(match goal_access(conn, caller, goal).await? {
        Some(Access::Write) => Ok(()),
        Some(Access::Read) => Err(reject(
            RejectCode::Forbidden,
            format!("goal {goal}: you can see this goal but not change it"),
        )),
        None => Err(reject(RejectCode::NotFound, format!("goal {goal}: no such goal"))),
    })
}

/// Whether the caller may create a goal for `owner` (themselves, a report, a unit they lead).
async fn may_own(
    conn: &mut Conn,
    caller: &Caller,
    owner: GoalOwner,
) -> Result<std::result::Result<(), OpOutcome>> {
    let (sql, start, field) = match owner {
        GoalOwner::Person(p) => ("SELECT manager_id, id FROM people WHERE id = $1", p, "owner_person_id"),
        GoalOwner::Unit(u) => ("SELECT parent_id, lead_id FROM org_units WHERE id = $1", u, "owner_unit_id"),
    };
    let mut cur = Some(start);
    let mut seen = HashSet::new();
    let mut first = true;
    while let Some(id) = cur {
        if !seen.insert(id) {
            break;
        }
        let row = sqlx::query(sql)
            .bind(id_text(id))
            .fetch_optional(&mut *conn)
            .await?;
        let Some(row) = row else {
            if first {
                return Ok(Err(reject(
                    RejectCode::InvalidValue,
                    format!("{field}: no such {}", if matches!(owner, GoalOwner::Person(_)) { "person" } else { "org unit" }),
                )));
            }
            break;
        };
        first = false;
        let up = opt_uuid(row.try_get(0)?)?;
        let who = opt_uuid(row.try_get(1)?)?;
        if who == Some(caller.person_id) || caller.role.sees_everything() {
            return Ok(Ok(()));
        }
        cur = up;
    }
    Ok(Err(reject(
        RejectCode::Forbidden,
        format!("{field}: you can create goals only for yourself, your reports and units you lead"),
    )))
}

async fn load_row(conn: &mut Conn, spec: &Spec, id: &str) -> Result<Option<Vec<SqlVal>>> {
    let sql = format!("SELECT {} FROM {} WHERE id = $1", spec.column_list(), spec.table);
    let row = sqlx::query(&sql).bind(id).fetch_optional(&mut *conn).await?;
    row.map(|r| {
        spec.fields
            .iter()
            .enumerate()
            .map(|(i, f)| get_val(&r, i, f.ty.class()))
            .collect()
    })
    .transpose()
}

fn text_of(v: &SqlVal) -> Option<&str> {
    match v {
        SqlVal::Text(Some(s)) => Some(s),
        _ => None,
    }
}

/// The goal that scopes a row, from its values in spec order.
fn scope_goal_of(spec: &Spec, id: &str, vals: &[SqlVal]) -> Option<String> {
    match spec.scoped_by {
        ScopedBy::Everyone => None,
        ScopedBy::OwnId => Some(id.to_owned()),
        ScopedBy::Column(c) => spec
            .fields
            .iter()
            .position(|f| f.name == c)
            .and_then(|i| vals.get(i))
            .and_then(text_of)
            .map(str::to_owned),
    }
}

struct Clock {
    hlc: i64,
    op: String,
    person: Option<String>,
}

async fn load_clocks(conn: &mut Conn, kind: EntityKind, id: &str) -> Result<HashMap<String, Clock>> {
    let rows = sqlx::query(
        "SELECT field, hlc, op_id, person_id FROM field_clock WHERE entity = $1 AND entity_id = $2",
    )
    .bind(kind.as_str())
    .bind(id)
    .fetch_all(&mut *conn)
    .await?;
    rows.into_iter()
        .map(|r| {
            Ok((
                r.try_get::<String, _>(0)?,
                Clock {
                    hlc: r.try_get(1)?,
                    op: r.try_get(2)?,
                    person: r.try_get(3)?,
                },
            ))
        })
        .collect()
}

struct Write<'a> {
    kind: EntityKind,
    id: &'a str,
    hlc: Hlc,
    op: &'a str,
    person: Option<&'a str>,
    now: &'a str,
}

async fn set_clock(conn: &mut Conn, w: &Write<'_>, field: &str) -> Result<()> {
    sqlx::query(
        "INSERT INTO field_clock (entity, entity_id, field, hlc, op_id, person_id) VALUES ($1, $2, $3, $4, $5, $6) \
         ON CONFLICT (entity, entity_id, field) DO UPDATE SET hlc = excluded.hlc, op_id = excluded.op_id, person_id = excluded.person_id",
    )
    .bind(w.kind.as_str())
    .bind(w.id)
    .bind(field)
    .bind(w.hlc.packed())
    .bind(w.op)
    .bind(w.person)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

async fn add_history(conn: &mut Conn, w: &Write<'_>, field: &Field, v: &SqlVal, won: bool) -> Result<()> {
    let value = serde_json::to_string(&field.ty.to_json(v)).ok();
    sqlx::query(
        "INSERT INTO field_history (id, entity, entity_id, field, value, hlc, op_id, person_id, won, server_time) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
    )
    .bind(id_text(Uuid::now_v7()))
    .bind(w.kind.as_str())
    .bind(w.id)
    .bind(field.name)
    .bind(value)
    .bind(w.hlc.packed())
    .bind(w.op)
    .bind(w.person)
    .bind(i64::from(won))
    .bind(w.now)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// A validated field of an op.
struct Incoming {
    field: &'static Field,
    value: SqlVal,
    base: Option<Hlc>,
}

impl Store {
    /// Creates the epoch on a new database.
    async fn init(&self) -> Result<()> {
        let _guard = self.write_lock.lock().await;
        sqlx::query("INSERT INTO server_meta (key, value) VALUES ('epoch', $1) ON CONFLICT (key) DO NOTHING")
            .bind(id_text(Uuid::now_v7()))
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Starts a write transaction: in-process lock, then the counter row lock.
    async fn begin_write(
        &self,
    ) -> Result<(tokio::sync::MutexGuard<'_, ()>, sqlx::Transaction<'_, Db>)> {
        let guard = self.write_lock.lock().await;
        let mut tx = self.pool.begin().await?;
        sqlx::query("UPDATE seq_counter SET seq = seq WHERE id = 1")
            .execute(&mut *tx)
            .await?;
        Ok((guard, tx))
    }

    async fn person_id_by_email(conn: &mut Conn, email: &str) -> Result<Uuid> {
        let id: Option<String> = sqlx::query_scalar("SELECT id FROM people WHERE email = $1")
            .bind(normalise_email(email))
            .fetch_optional(&mut *conn)
            .await?;
        match id {
            Some(id) => uuid_of(&id),
            None => Err(Error::NotFound(format!("no person with email {}", email.trim()))),
        }
    }

    /// The company unit, created on first need.
    async fn root_unit(conn: &mut Conn) -> Result<String> {
        let id: Option<String> = sqlx::query_scalar(
            "SELECT id FROM org_units WHERE kind = 'company' AND parent_id IS NULL ORDER BY id LIMIT 1",
        )
        .fetch_optional(&mut *conn)
        .await?;
        if let Some(id) = id {
            return Ok(id);
        }
        let id = id_text(Uuid::now_v7());
        sqlx::query("INSERT INTO org_units (id, name, kind) VALUES ($1, 'Organisation', 'company')")
            .bind(&id)
            .execute(&mut *conn)
            .await?;
        touch_row(conn, EntityKind::OrgUnit, &id, None).await?;
        Ok(id)
    }

    /// The unit with this name (case-insensitive), created as a team under the company.
    async fn ensure_unit(conn: &mut Conn, name: &str) -> Result<String> {
        let name = name.trim();
        if name.is_empty() {
            return Err(Error::Invalid("unit: must not be empty".into()));
        }
        let id: Option<String> =
            sqlx::query_scalar("SELECT id FROM org_units WHERE lower(name) = lower($1) ORDER BY id LIMIT 1")
                .bind(name)
                .fetch_optional(&mut *conn)
                .await?;
        if let Some(id) = id {
            return Ok(id);
        }
        let root = Self::root_unit(conn).await?;
        let id = id_text(Uuid::now_v7());
        sqlx::query("INSERT INTO org_units (id, name, kind, parent_id) VALUES ($1, $2, 'team', $3)")
            .bind(&id)
            .bind(name)
            .bind(&root)
            .execute(&mut *conn)
            .await?;
        touch_row(conn, EntityKind::OrgUnit, &id, None).await?;
        Ok(id)
    }

    async fn upsert_person(conn: &mut Conn, p: &NewPerson) -> Result<(Uuid, bool)> {
        let email = normalise_email(&p.email);
        if p.name.trim().is_empty() {
            return Err(Error::Invalid("name: must not be empty".into()));
        }
        if !email.contains('@') {
            return Err(Error::Invalid(format!("email: `{email}` is not an email address")));
        }
        let unit = match &p.unit {
            Some(u) if !u.trim().is_empty() => Some(Self::ensure_unit(conn, u).await?),
            _ => None,
        };
        let existing: Option<String> = sqlx::query_scalar("SELECT id FROM people WHERE email = $1")
            .bind(&email)
            .fetch_optional(&mut *conn)
            .await?;
        let (id, created) = if let Some(id) = existing {
            sqlx::query("UPDATE people SET name = $2, title = $3, org_unit_id = COALESCE($4, org_unit_id) WHERE id = $1")
                .bind(&id)
                .bind(p.name.trim())
                .bind(p.title.trim())
                .bind(&unit)
                .execute(&mut *conn)
                .await?;
            (uuid_of(&id)?, false)
        } else {
            let id = Uuid::now_v7();
            sqlx::query(
                "INSERT INTO people (id, name, email, title, org_unit_id, active, role) VALUES ($1, $2, $3, $4, $5, 1, $6)",
            )
            .bind(id_text(id))
            .bind(p.name.trim())
            .bind(&email)
            .bind(p.title.trim())
            .bind(&unit)
            .bind(p.role.as_str())
            .execute(&mut *conn)
            .await?;
            (id, true)
        };
        touch_row(conn, EntityKind::Person, &id_text(id), None).await?;
        Ok((id, created))
    }

    async fn set_manager_in(conn: &mut Conn, person: Uuid, manager: Option<Uuid>) -> Result<()> {
        if let Some(m) = manager {
            // Refuse cycles: walk up from the new manager.
            let mut cur = Some(m);
            let mut seen = HashSet::new();
            while let Some(id) = cur {
                if id == person {
                    return Err(Error::Invalid(
                        "manager: that would make a person their own (indirect) manager".into(),
                    ));
                }
                if !seen.insert(id) {
                    break;
                }
                let up: Option<Option<String>> =
                    sqlx::query_scalar("SELECT manager_id FROM people WHERE id = $1")
                        .bind(id_text(id))
                        .fetch_optional(&mut *conn)
                        .await?;
                cur = opt_uuid(up.flatten())?;
            }
        }
        sqlx::query("UPDATE people SET manager_id = $2 WHERE id = $1")
            .bind(id_text(person))
            .bind(manager.map(id_text))
            .execute(&mut *conn)
            .await?;
        touch_row(conn, EntityKind::Person, &id_text(person), None).await?;
        Ok(())
    }

    /// Authorises, validates and merges one op. Runs inside the op's transaction.
    #[allow(clippy::too_many_lines)]
    async fn merge(
        conn: &mut Conn,
        caller: &Caller,
        op: &Op,
        hlc: Hlc,
        now: &str,
    ) -> Result<OpOutcome> {
        let spec = schema::spec(op.entity);
        match spec.writers {
            Writers::Server => {
                return Ok(reject(
                    RejectCode::ReadOnly,
                    format!("{}: managed on the server; changes through sync are not accepted", op.entity),
                ))
            }
            Writers::Admins if !caller.role.sees_everything() => {
                return Ok(reject(
                    RejectCode::Forbidden,
                    format!("{}: only HR admins can change this", op.entity),
                ))
            }
            _ => {}
        }
        let id = id_text(op.entity_id);
        let person = id_text(caller.person_id);
        let op_id = op.op_id.to_string();
        let w = Write {
            kind: op.entity,
            id: &id,
            hlc,
            op: &op_id,
            person: Some(&person),
            now,
        };

        let mut incoming = Vec::with_capacity(op.fields.len());
        for (name, fv) in &op.fields {
            let Some(field) = spec.field(name) else {
                return Ok(reject(
                    RejectCode::UnknownField,
                    format!("{name}: {} has no such field", op.entity),
                ));
            };
            if field.server_set {
                continue; // set from the signed-in user, never from the payload
            }
            match field.ty.to_sql(&fv.value) {
                Ok(value) => incoming.push(Incoming {
                    field,
                    value,
                    base: fv.base_hlc,
                }),
                Err(why) => return Ok(reject(RejectCode::InvalidValue, format!("{name}: {why}"))),
            }
        }

        let existing = load_row(conn, spec, &id).await?;
        let Some(current) = existing else {
            if op.kind == OpKind::Update {
                return Ok(reject(RejectCode::NotFound, format!("{} {id}: no such row", op.entity)));
            }
            return Self::create(conn, caller, spec, &w, incoming).await;
        };

        // The row exists: fixed fields must not change.
        for inc in &incoming {
            if inc.field.mutable {
                continue;
            }
            let idx = spec.fields.iter().position(|f| f.name == inc.field.name);
            let same = idx.and_then(|i| current.get(i)) == Some(&inc.value);
            if !same {
                return Ok(if op.kind == OpKind::Create {
                    reject(
                        RejectCode::AlreadyExists,
                        format!("{}: {} {id} already exists with another value", inc.field.name, op.entity),
                    )
                } else {
                    reject(
                        RejectCode::ImmutableField,
                        format!("{}: cannot change through sync", inc.field.name),
                    )
                });
            }
        }
        let scope_goal = scope_goal_of(spec, &id, &current);
        if spec.writers == Writers::GoalScoped {
            let goal = scope_goal.clone().unwrap_or_default();
            if let Err(r) = require_write(conn, caller, &goal).await? {
                return Ok(r);
            }
        }

        let clocks = load_clocks(conn, op.entity, &id).await?;
        let mut sets: Vec<(&'static Field, SqlVal)> = Vec::new();
        let mut conflicts = Vec::new();
        // Fields whose value was already the pushed one but whose clock moved:
        // a later write of the same value is still the last write, or an
        // earlier concurrent write arriving after it would win.
        let mut clock_moved = false;
        for inc in incoming.into_iter().filter(|i| i.field.mutable) {
            let Some(idx) = spec.fields.iter().position(|f| f.name == inc.field.name) else {
                continue;
            };
            let cur_val = current.get(idx).cloned().unwrap_or(inc.field.ty.class().null());
            let cur_clock = clocks.get(inc.field.name);
            let wins = cur_clock.is_none_or(|c| (hlc.packed(), op_id.as_str()) > (c.hlc, c.op.as_str()));
            if cur_val == inc.value {
                if wins {
                    set_clock(conn, &w, inc.field.name).await?;
                    clock_moved = true;
                }
                continue;
            }
            let saw_current = cur_clock.is_none_or(|c| inc.base.map(Hlc::packed) == Some(c.hlc));
            add_history(conn, &w, inc.field, &inc.value, wins).await?;
            // `updated_at` is bookkeeping: merged by LWW like any field, but two
            // edits touching it is not a disagreement anyone needs to see.
            let noted = inc.field.name != "updated_at";
            if let Some(c) = cur_clock.filter(|_| noted && (!saw_current || !wins)) {
                let conflict_id = Uuid::now_v7();
                let their_hlc = Hlc::from_packed(c.hlc).unwrap_or(Hlc::ZERO);
                let (mine, theirs) = (inc.field.ty.to_json(&inc.value), inc.field.ty.to_json(&cur_val));
                let ((wv, wh, wo, wp), (lv, lh, lo, lp)) = if wins {
                    ((&mine, hlc.packed(), op_id.as_str(), Some(person.as_str())), (&theirs, c.hlc, c.op.as_str(), c.person.as_deref()))
                } else {
                    ((&theirs, c.hlc, c.op.as_str(), c.person.as_deref()), (&mine, hlc.packed(), op_id.as_str(), Some(person.as_str())))
                };
                sqlx::query(
                    "INSERT INTO conflicts (id, entity, entity_id, field, goal_id, winner_value, winner_hlc, winner_op, \
                     winner_person, loser_value, loser_hlc, loser_op, loser_person, created_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)",
                )
                .bind(id_text(conflict_id))
                .bind(op.entity.as_str())
                .bind(&id)
                .bind(inc.field.name)
                .bind(scope_goal.as_deref())
                .bind(wv.to_string())
                .bind(wh)
                .bind(wo)
                .bind(wp)
                .bind(lv.to_string())
                .bind(lh)
                .bind(lo)
                .bind(lp)
                .bind(now)
                .execute(&mut *conn)
                .await?;
                touch_row(conn, EntityKind::Conflict, &id_text(conflict_id), scope_goal.as_deref()).await?;
                tracing::info!(entity = %op.entity, id = %id, field = inc.field.name, mine_won = wins, "conflict recorded");
                conflicts.push(FieldConflict {
                    conflict_id,
                    field: inc.field.name.to_owned(),
                    winner: if wins { Winner::Mine } else { Winner::Theirs },
                    their_value: theirs,
                    their_hlc,
                });
            }
            if wins {
                set_clock(conn, &w, inc.field.name).await?;
                sets.push((inc.field, inc.value));
            }
        }

        let seq = if sets.is_empty() && !clock_moved {
            row_seq_of(conn, op.entity, &id).await?
        } else if sets.is_empty() {
            // Only clocks moved: other devices pull the row for its clocks.
            touch_row(conn, op.entity, &id, scope_goal.as_deref()).await?
        } else {
            let assignments: Vec<String> = sets
                .iter()
                .enumerate()
                .map(|(i, (f, _))| format!("{} = ${}", f.name, i + 2))
                .collect();
            let sql = format!("UPDATE {} SET {} WHERE id = $1", spec.table, assignments.join(", "));
            let mut q = sqlx::query(&sql).bind(&id);
            for (_, v) in &sets {
                q = bind(q, v);
            }
            q.execute(&mut *conn).await?;
            let seq = touch_row(conn, op.entity, &id, scope_goal.as_deref()).await?;
            if op.entity == EntityKind::Alignment && sets.iter().any(|(f, _)| f.name == "deleted") {
                if let Some(child) = &scope_goal {
                    let users = users_seeing(conn, child).await?;
                    refresh_scope(conn, Some(users)).await?;
                }
            }
            seq
        };
        Ok(if !conflicts.is_empty() {
            OpOutcome::Conflict { seq, hlc, conflicts }
        } else if sets.is_empty() {
            OpOutcome::Duplicate { seq }
        } else {
            OpOutcome::Applied { seq, hlc }
        })
    }

    /// Inserts a new row after the create-specific checks.
    async fn create(
        conn: &mut Conn,
        caller: &Caller,
        spec: &Spec,
        w: &Write<'_>,
        incoming: Vec<Incoming>,
    ) -> Result<OpOutcome> {
        for f in spec.fields.iter().filter(|f| f.required && !f.server_set) {
            if !incoming.iter().any(|i| i.field.name == f.name) {
                return Ok(reject(RejectCode::MissingField, format!("{}: required", f.name)));
            }
        }
        let value_of = |name: &str| {
            incoming
                .iter()
                .find(|i| i.field.name == name)
                .and_then(|i| text_of(&i.value))
                .map(str::to_owned)
        };
        let mut snapshot_owner = None;
        match spec.kind {
            EntityKind::Goal => {
                let owner = match (value_of("owner_person_id"), value_of("owner_unit_id")) {
                    (Some(p), None) => GoalOwner::Person(uuid_of(&p)?),
                    (None, Some(u)) => GoalOwner::Unit(uuid_of(&u)?),
                    _ => {
                        return Ok(reject(
                            RejectCode::InvalidValue,
                            "owner: give exactly one of owner_person_id and owner_unit_id",
                        ))
                    }
                };
                if let Err(r) = may_own(conn, caller, owner).await? {
                    return Ok(r);
                }
                snapshot_owner = Some(owner);
            }
            EntityKind::CheckIn | EntityKind::Revision => {
                let goal = value_of("goal_id").unwrap_or_default();
                if let Err(r) = require_write(conn, caller, &goal).await? {
                    return Ok(r);
                }
            }
            EntityKind::Alignment => {
                let child = value_of("child_id").unwrap_or_default();
                let parent = value_of("parent_id").unwrap_or_default();
                let (c, p) = (uuid_of(&child)?, uuid_of(&parent)?);
                if stride_protocol::alignment_id(stride_domain::GoalId::from_uuid(c), stride_domain::GoalId::from_uuid(p))
                    .hyphenated()
                    .to_string()
                    != w.id
                {
                    return Ok(reject(
                        RejectCode::InvalidValue,
                        "id: an alignment's id is alignment_id(child, parent)",
                    ));
                }
                if child == parent {
                    return Ok(reject(RejectCode::InvalidValue, "parent_id: a goal cannot align to itself"));
                }
                if let Err(r) = require_write(conn, caller, &child).await? {
                    return Ok(r);
                }
                if goal_access(conn, caller, &parent).await?.is_none() {
                    return Ok(reject(RejectCode::NotFound, format!("parent_id: goal {parent}: no such goal")));
                }
                // Refuse cycles: the parent must not already sit below the child.
                let snap = load_snapshot(conn).await?;
                let mut stack = vec![p];
                let mut seen = HashSet::new();
                while let Some(g) = stack.pop() {
                    if g == c {
                        return Ok(reject(RejectCode::InvalidValue, "parent_id: that alignment would make a cycle"));
                    }
                    if seen.insert(g) {
                        stack.extend(snap.parents.get(&g).into_iter().flatten().copied());
                    }
                }
            }
            _ => {}
        }

        let mut cols: Vec<&str> = vec!["id"];
        let mut vals: Vec<SqlVal> = vec![SqlVal::Text(Some(w.id.to_owned()))];
        for inc in &incoming {
            cols.push(inc.field.name);
            vals.push(inc.value.clone());
        }
        for f in spec.fields.iter().filter(|f| f.server_set) {
            cols.push(f.name);
            vals.push(SqlVal::Text(w.person.map(str::to_owned)));
        }
        let placeholders: Vec<String> = (1..=cols.len()).map(|i| format!("${i}")).collect();
        let sql = format!(
            "INSERT INTO {} ({}) VALUES ({})",
            spec.table,
            cols.join(", "),
            placeholders.join(", ")
        );
        let mut q = sqlx::query(&sql);
        for v in &vals {
            q = bind(q, v);
        }
        if let Err(e) = q.execute(&mut *conn).await {
            // A uniqueness rule other than the id (e.g. a KPI key, an alignment pair).
            if let sqlx::Error::Database(db) = &e {
                if db.is_unique_violation() || db.is_check_violation() {
                    return Ok(reject(RejectCode::AlreadyExists, format!("{}: {}", spec.kind, db.message())));
                }
            }
            return Err(e.into());
        }
        for inc in &incoming {
            set_clock(conn, w, inc.field.name).await?;
            if inc.field.mutable {
                add_history(conn, w, inc.field, &inc.value, true).await?;
            }
        }
        let row_vals: Vec<SqlVal> = spec
            .fields
            .iter()
            .map(|f| {
                cols.iter()
                    .position(|c| *c == f.name)
                    .and_then(|i| vals.get(i).cloned())
                    .unwrap_or(f.ty.class().null())
            })
            .collect();
        let scope_goal = scope_goal_of(spec, w.id, &row_vals);
        let seq = touch_row(conn, spec.kind, w.id, scope_goal.as_deref()).await?;
        if let Some(owner) = snapshot_owner {
            let snap = load_snapshot(conn).await?;
            for (user, access) in snap.viewers_of_new_goal(owner) {
                sqlx::query(
                    "INSERT INTO sync_scope (user_id, goal_id, access, since_seq) VALUES ($1, $2, $3, $4) \
                     ON CONFLICT (user_id, goal_id) DO NOTHING",
                )
                .bind(id_text(user))
                .bind(w.id)
                .bind(access.as_str())
                .bind(seq)
                .execute(&mut *conn)
                .await?;
            }
        }
        if spec.kind == EntityKind::Alignment {
            if let Some(child) = &scope_goal {
                let users = users_seeing(conn, child).await?;
                refresh_scope(conn, Some(users)).await?;
            }
        }
        Ok(OpOutcome::Applied { seq, hlc: w.hlc })
    }

    /// Loads full rows for pull items of one kind.
    async fn load_changes(
        conn: &mut Conn,
        kind: EntityKind,
        ids: &[String],
    ) -> Result<HashMap<String, (serde_json::Map<String, Value>, BTreeMap<String, Hlc>, bool)>> {
        let spec = schema::spec(kind);
        let mut out = HashMap::new();
        for chunk in ids.chunks(500) {
            let ph: Vec<String> = (1..=chunk.len()).map(|i| format!("${i}")).collect();
            let sql = format!(
                "SELECT id, {} FROM {} WHERE id IN ({})",
                spec.column_list(),
                spec.table,
                ph.join(", ")
            );
            let mut q = sqlx::query(&sql);
            for id in chunk {
                q = q.bind(id.clone());
            }
            for r in q.fetch_all(&mut *conn).await? {
                let id: String = r.try_get(0)?;
                let mut row = serde_json::Map::new();
                row.insert("id".into(), Value::String(id.clone()));
                for (i, f) in spec.fields.iter().enumerate() {
                    let v = get_val(&r, i + 1, f.ty.class())?;
                    row.insert(f.name.into(), f.ty.to_json(&v));
                }
                let deleted = spec.has_deleted() && row.get("deleted") == Some(&Value::Bool(true));
                out.insert(id, (row, BTreeMap::new(), deleted));
            }
            let ph2: Vec<String> = (2..=chunk.len() + 1).map(|i| format!("${i}")).collect();
            let sql = format!(
                "SELECT entity_id, field, hlc FROM field_clock WHERE entity = $1 AND entity_id IN ({})",
                ph2.join(", ")
            );
            let mut q = sqlx::query(&sql).bind(kind.as_str());
            for id in chunk {
                q = q.bind(id.clone());
            }
            for r in q.fetch_all(&mut *conn).await? {
                let id: String = r.try_get(0)?;
                let field: String = r.try_get(1)?;
                let hlc = Hlc::from_packed(r.try_get(2)?).map_err(|e| Error::Corrupt(e.to_string()))?;
                if let Some(entry) = out.get_mut(&id) {
                    entry.1.insert(field, hlc);
                }
            }
        }
        Ok(out)
    }
}

/// One item of a pull stream before its row is loaded.
struct Item {
    kind: EntityKind,
    id: String,
    eff: i64,
    row: i64,
    access: Access,
    move_in: bool,
    revoke: bool,
}

#[async_trait]
impl Storage for Store {
    fn backend(&self) -> Backend {
        BACKEND
    }

    async fn info(&self) -> Result<ServerInfo> {
        let epoch: String = sqlx::query_scalar("SELECT value FROM server_meta WHERE key = 'epoch'")
            .fetch_one(&self.pool)
            .await?;
        let head_seq: i64 = sqlx::query_scalar("SELECT seq FROM seq_counter WHERE id = 1")
            .fetch_one(&self.pool)
            .await?;
        let accounts: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM accounts")
            .fetch_one(&self.pool)
            .await?;
        Ok(ServerInfo {
            epoch,
            head_seq,
            accounts,
        })
    }

    async fn create_person(
        &self,
        person: NewPerson,
        password_hash: Option<String>,
        now: DateTime<Utc>,
    ) -> Result<Uuid> {
        let (_g, mut tx) = self.begin_write().await?;
        let email = normalise_email(&person.email);
        let exists: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM people WHERE email = $1")
            .bind(&email)
            .fetch_one(&mut *tx)
            .await?;
        if exists > 0 {
            return Err(Error::AlreadyExists(format!("email: {email} is already in use")));
        }
        let (id, _) = Self::upsert_person(&mut tx, &person).await?;
        if let Some(m) = &person.manager_email {
            let manager = Self::person_id_by_email(&mut tx, m).await?;
            Self::set_manager_in(&mut tx, id, Some(manager)).await?;
        }
        if let Some(hash) = password_hash {
            sqlx::query("INSERT INTO accounts (person_id, password_hash, updated_at) VALUES ($1, $2, $3)")
                .bind(id_text(id))
                .bind(hash)
                .bind(ts(now))
                .execute(&mut *tx)
                .await?;
        }
        refresh_scope(&mut tx, None).await?;
        tx.commit().await?;
        Ok(id)
    }

    async fn set_manager(&self, email: &str, manager_email: Option<&str>) -> Result<()> {
        let (_g, mut tx) = self.begin_write().await?;
        let person = Self::person_id_by_email(&mut tx, email).await?;
        let manager = match manager_email {
            Some(m) => Some(Self::person_id_by_email(&mut tx, m).await?),
            None => None,
        };
        Self::set_manager_in(&mut tx, person, manager).await?;
        refresh_scope(&mut tx, None).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn set_unit(&self, email: &str, unit: Option<&str>) -> Result<()> {
        let (_g, mut tx) = self.begin_write().await?;
        let person = Self::person_id_by_email(&mut tx, email).await?;
        let unit = match unit {
            Some(u) => Some(Self::ensure_unit(&mut tx, u).await?),
            None => None,
        };
        sqlx::query("UPDATE people SET org_unit_id = $2 WHERE id = $1")
            .bind(id_text(person))
            .bind(unit)
            .execute(&mut *tx)
            .await?;
        touch_row(&mut tx, EntityKind::Person, &id_text(person), None).await?;
        refresh_scope(&mut tx, None).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn set_unit_lead(&self, unit: &str, email: Option<&str>) -> Result<()> {
        let (_g, mut tx) = self.begin_write().await?;
        let unit_id = Self::ensure_unit(&mut tx, unit).await?;
        let lead = match email {
            Some(e) => Some(id_text(Self::person_id_by_email(&mut tx, e).await?)),
            None => None,
        };
        sqlx::query("UPDATE org_units SET lead_id = $2 WHERE id = $1")
            .bind(&unit_id)
            .bind(lead)
            .execute(&mut *tx)
            .await?;
        touch_row(&mut tx, EntityKind::OrgUnit, &unit_id, None).await?;
        refresh_scope(&mut tx, None).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn import_people(&self, people: Vec<NewPerson>) -> Result<ImportSummary> {
        let (_g, mut tx) = self.begin_write().await?;
        let mut summary = ImportSummary::default();
        let mut ids = Vec::with_capacity(people.len());
        for (i, p) in people.iter().enumerate() {
            let (id, created) = Self::upsert_person(&mut tx, p)
                .await
                .map_err(|e| Error::Invalid(format!("row {}: {e}", i + 1)))?;
            if created {
                summary.created += 1;
            } else {
                summary.updated += 1;
            }
            ids.push(id);
        }
        for (i, (p, id)) in people.iter().zip(&ids).enumerate() {
            if let Some(m) = p.manager_email.as_deref().filter(|m| !m.trim().is_empty()) {
                let manager = Self::person_id_by_email(&mut tx, m)
                    .await
                    .map_err(|e| Error::Invalid(format!("row {}: manager: {e}", i + 1)))?;
                Self::set_manager_in(&mut tx, *id, Some(manager))
                    .await
                    .map_err(|e| Error::Invalid(format!("row {}: {e}", i + 1)))?;
            }
        }
        refresh_scope(&mut tx, None).await?;
        tx.commit().await?;
        Ok(summary)
    }

    async fn set_password(&self, email: &str, password_hash: String, now: DateTime<Utc>) -> Result<()> {
        let (_g, mut tx) = self.begin_write().await?;
        let person = id_text(Self::person_id_by_email(&mut tx, email).await?);
        sqlx::query(
            "INSERT INTO accounts (person_id, password_hash, updated_at) VALUES ($1, $2, $3) \
             ON CONFLICT (person_id) DO UPDATE SET password_hash = excluded.password_hash, updated_at = excluded.updated_at",
        )
        .bind(&person)
        .bind(password_hash)
        .bind(ts(now))
        .execute(&mut *tx)
        .await?;
        sqlx::query("UPDATE sessions SET revoked_at = $2 WHERE person_id = $1 AND revoked_at IS NULL")
            .bind(&person)
            .bind(ts(now))
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    async fn account_by_email(&self, email: &str) -> Result<Option<Account>> {
        let row = sqlx::query(
            "SELECT p.id, p.name, p.email, p.role, a.scope_version, a.password_hash, p.active \
             FROM people p JOIN accounts a ON a.person_id = p.id WHERE p.email = $1",
        )
        .bind(normalise_email(email))
        .fetch_optional(&self.pool)
        .await?;
        row.map(|r| {
            Ok(Account {
                caller: Caller {
                    person_id: uuid_of(&r.try_get::<String, _>(0)?)?,
                    name: r.try_get(1)?,
                    email: r.try_get(2)?,
                    role: role_of(&r.try_get::<String, _>(3)?)?,
                    scope_version: r.try_get(4)?,
                },
                password_hash: r.try_get(5)?,
                active: r.try_get::<i64, _>(6)? != 0,
            })
        })
        .transpose()
    }

    async fn create_session(
        &self,
        person: Uuid,
        token_hash: &str,
        now: DateTime<Utc>,
        expires_at: DateTime<Utc>,
    ) -> Result<()> {
        let _g = self.write_lock.lock().await;
        sqlx::query("INSERT INTO sessions (token_hash, person_id, created_at, expires_at) VALUES ($1, $2, $3, $4)")
            .bind(token_hash)
            .bind(id_text(person))
            .bind(ts(now))
            .bind(ts(expires_at))
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    async fn caller_for_token(&self, token_hash: &str, now: DateTime<Utc>) -> Result<Option<Caller>> {
        let row = sqlx::query(
            "SELECT p.id, p.name, p.email, p.role, a.scope_version FROM sessions s \
             JOIN people p ON p.id = s.person_id JOIN accounts a ON a.person_id = p.id \
             WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > $2 AND p.active = 1",
        )
        .bind(token_hash)
        .bind(ts(now))
        .fetch_optional(&self.pool)
        .await?;
        row.map(|r| {
            Ok(Caller {
                person_id: uuid_of(&r.try_get::<String, _>(0)?)?,
                name: r.try_get(1)?,
                email: r.try_get(2)?,
                role: role_of(&r.try_get::<String, _>(3)?)?,
                scope_version: r.try_get(4)?,
            })
        })
        .transpose()
    }

    async fn revoke_session(&self, token_hash: &str, now: DateTime<Utc>) -> Result<bool> {
        let _g = self.write_lock.lock().await;
        let done = sqlx::query("UPDATE sessions SET revoked_at = $2 WHERE token_hash = $1 AND revoked_at IS NULL")
            .bind(token_hash)
            .bind(ts(now))
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected() > 0)
    }

    async fn issue_api_key(&self, name: &str, key_hash: &str, now: DateTime<Utc>) -> Result<Uuid> {
        let name = name.trim();
        if name.is_empty() {
            return Err(Error::Invalid("name: must not be empty".into()));
        }
        let _g = self.write_lock.lock().await;
        let id = Uuid::now_v7();
        let result = sqlx::query("INSERT INTO api_keys (id, name, key_hash, created_at) VALUES ($1, $2, $3, $4)")
            .bind(id_text(id))
            .bind(name)
            .bind(key_hash)
            .bind(ts(now))
            .execute(&self.pool)
            .await;
        match result {
            Ok(_) => Ok(id),
            Err(sqlx::Error::Database(db)) if db.is_unique_violation() => Err(Error::AlreadyExists(format!(
                "name: an API key named `{name}` exists (revoke it first or pick another name)"
            ))),
            Err(e) => Err(e.into()),
        }
    }

    async fn revoke_api_key(&self, name: &str, now: DateTime<Utc>) -> Result<bool> {
        let _g = self.write_lock.lock().await;
        let done = sqlx::query("UPDATE api_keys SET revoked_at = $2 WHERE name = $1 AND revoked_at IS NULL")
            .bind(name.trim())
            .bind(ts(now))
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected() > 0)
    }

    async fn api_key_valid(&self, key_hash: &str) -> Result<bool> {
        let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM api_keys WHERE key_hash = $1 AND revoked_at IS NULL")
            .bind(key_hash)
            .fetch_one(&self.pool)
            .await?;
        Ok(n > 0)
    }

    async fn bind_device(&self, caller: &Caller, device: DeviceId, now: DateTime<Utc>) -> Result<()> {
        let (_g, mut tx) = self.begin_write().await?;
        let owner: Option<String> = sqlx::query_scalar("SELECT person_id FROM sync_device WHERE device_id = $1")
            .bind(device.to_string())
            .fetch_optional(&mut *tx)
            .await?;
        match owner {
            Some(p) if p == id_text(caller.person_id) => {}
            Some(_) => return Err(Error::DeviceMismatch),
            None => {
                sqlx::query(
                    "INSERT INTO sync_device (device_id, person_id, first_seen, last_seen) VALUES ($1, $2, $3, $3)",
                )
                .bind(device.to_string())
                .bind(id_text(caller.person_id))
                .bind(ts(now))
                .execute(&mut *tx)
                .await?;
            }
        }
        tx.commit().await?;
        Ok(())
    }

    async fn apply_ops(
        &self,
        caller: &Caller,
        device: DeviceId,
        ops: &[PushedOp<'_>],
        now: DateTime<Utc>,
    ) -> Result<Vec<OpResult>> {
        // One transaction for the whole request: every op still gets its own
        // idempotency record and sequence step, but the commit (and the
        // SQLite driver's worker round trips around it) is paid once.
        let (_g, mut tx) = self.begin_write().await?;
        let mut results = Vec::with_capacity(ops.len());
        for p in ops {
            results.push(apply_op_in(&mut tx, caller, device, p.op, &p.payload_hash, p.effective_hlc, now).await?);
        }
        tx.commit().await?;
        Ok(results)
    }

    #[allow(clippy::too_many_lines)]
    async fn pull(&self, caller: &Caller, cursor: Option<CursorState>, limit: u32) -> Result<PullPage> {
        let mut tx = self.pool.begin().await?;
        if let Some(sql) = READ_SNAPSHOT_SQL {
            sqlx::query(sql).execute(&mut *tx).await?;
        }
        let epoch: String = sqlx::query_scalar("SELECT value FROM server_meta WHERE key = 'epoch'")
            .fetch_one(&mut *tx)
            .await?;
        let head: i64 = sqlx::query_scalar("SELECT seq FROM seq_counter WHERE id = 1")
            .fetch_one(&mut *tx)
            .await?;
        let scope_version: i64 = sqlx::query_scalar("SELECT scope_version FROM accounts WHERE person_id = $1")
            .bind(id_text(caller.person_id))
            .fetch_optional(&mut *tx)
            .await?
            .unwrap_or(caller.scope_version);
        let (seq, row) = match &cursor {
            None => (0, 0),
            Some(c) => {
                if c.epoch != epoch {
                    return Err(Error::ResetRequired(
                        "the server's data was replaced or restored: push your outbox, then download again".into(),
                    ));
                }
                if c.seq > head {
                    return Err(Error::ResetRequired(
                        "the cursor is ahead of the server (restored from a backup?): push your outbox, then download again".into(),
                    ));
                }
                if c.scope_version != scope_version {
                    return Err(Error::ResetRequired(
                        "your access changed: push your outbox, then download again".into(),
                    ));
                }
                (c.seq, c.row)
            }
        };
        let fetch = i64::from(limit) + 1;
        let uid = id_text(caller.person_id);
        let mut items: Vec<Item> = Vec::new();
        if caller.role.sees_everything() {
            let rows = sqlx::query(
                "SELECT entity, entity_id, row_seq FROM change_log WHERE row_seq > $1 ORDER BY row_seq LIMIT $2",
            )
            .bind(seq)
            .bind(fetch)
            .fetch_all(&mut *tx)
            .await?;
            for r in rows {
                let kind: EntityKind = r
                    .try_get::<String, _>(0)?
                    .parse()
                    .map_err(|e: stride_protocol::entity::UnknownEntity| Error::Corrupt(e.to_string()))?;
                let row_seq: i64 = r.try_get(2)?;
                let access = if schema::spec(kind).writers == Writers::Server {
                    Access::Read
                } else {
                    Access::Write
                };
                items.push(Item {
                    kind,
                    id: r.try_get(1)?,
                    eff: row_seq,
                    row: row_seq,
                    access,
                    move_in: false,
                    revoke: false,
                });
            }
        } else {
            let rows = sqlx::query(
                "SELECT entity, entity_id, row_seq, eff, access, since_seq FROM ( \
                   SELECT c.entity AS entity, c.entity_id AS entity_id, c.row_seq AS row_seq, \
                          CASE WHEN s.since_seq > c.row_seq THEN s.since_seq ELSE c.row_seq END AS eff, \
                          s.access AS access, s.since_seq AS since_seq \
                   FROM change_log c LEFT JOIN sync_scope s ON s.user_id = $1 AND s.goal_id = c.scope_goal_id \
                   WHERE c.scope_goal_id IS NULL OR s.goal_id IS NOT NULL \
                 ) t WHERE eff > $2 OR (eff = $2 AND row_seq > $3) ORDER BY eff, row_seq LIMIT $4",
            )
            .bind(&uid)
            .bind(seq)
            .bind(row)
            .bind(fetch)
            .fetch_all(&mut *tx)
            .await?;
            for r in rows {
                let kind: EntityKind = r
                    .try_get::<String, _>(0)?
                    .parse()
                    .map_err(|e: stride_protocol::entity::UnknownEntity| Error::Corrupt(e.to_string()))?;
                let row_seq: i64 = r.try_get(2)?;
                let since: Option<i64> = r.try_get(5)?;
                let access = r.try_get::<Option<String>, _>(4)?.as_deref().map_or(Access::Read, access_of);
                items.push(Item {
                    kind,
                    id: r.try_get(1)?,
                    eff: r.try_get(3)?,
                    row: row_seq,
                    access,
                    move_in: since.is_some_and(|s| s > row_seq),
                    revoke: false,
                });
            }
            let revokes = sqlx::query(
                "SELECT goal_id, seq FROM sync_revoke WHERE user_id = $1 AND seq > $2 ORDER BY seq LIMIT $3",
            )
            .bind(&uid)
            .bind(seq)
            .bind(fetch)
            .fetch_all(&mut *tx)
            .await?;
            for r in revokes {
                items.push(Item {
                    kind: EntityKind::Goal,
                    id: r.try_get(0)?,
                    eff: r.try_get(1)?,
                    row: 0,
                    access: Access::Read,
                    move_in: false,
                    revoke: true,
                });
            }
            items.sort_by_key(|i| (i.eff, i.row));
        }
        let limit = usize::try_from(limit).unwrap_or(usize::MAX);
        let has_more = items.len() > limit;
        items.truncate(limit);

        let mut by_kind: HashMap<EntityKind, Vec<String>> = HashMap::new();
        for i in items.iter().filter(|i| !i.revoke) {
            by_kind.entry(i.kind).or_default().push(i.id.clone());
        }
        let mut rows = HashMap::new();
        for (kind, ids) in by_kind {
            for (id, v) in Self::load_changes(&mut tx, kind, &ids).await? {
                rows.insert((kind, id), v);
            }
        }
        tx.commit().await?;

        let mut page = PullPage {
            changes: Vec::new(),
            move_in: Vec::new(),
            revoke: Vec::new(),
            next: CursorState {
                epoch,
                seq,
                row,
                scope_version,
            },
            has_more,
        };
        for item in items {
            page.next.seq = item.eff;
            page.next.row = item.row;
            let id = uuid_of(&item.id)?;
            if item.revoke {
                page.revoke.push(Revoke {
                    entity: item.kind,
                    id,
                    seq: item.eff,
                });
                continue;
            }
            let Some((row, clocks, deleted)) = rows.remove(&(item.kind, item.id)) else {
                continue; // a change-log entry without a row: nothing to send
            };
            let change = Change {
                entity: item.kind,
                id,
                seq: item.eff,
                access: item.access,
                deleted,
                row,
                clocks,
            };
            if item.move_in {
                page.move_in.push(change);
            } else {
                page.changes.push(change);
            }
        }
        Ok(page)
    }

    async fn ingest_kpi_points(
        &self,
        kpi_key: &str,
        points: &[KpiPointIn],
        hlc: Hlc,
        now: DateTime<Utc>,
    ) -> Result<KpiPointsResponse> {
        let (_g, mut tx) = self.begin_write().await?;
        let kpi = sqlx::query("SELECT id, period_kind FROM kpis WHERE key = $1")
            .bind(kpi_key)
            .fetch_optional(&mut *tx)
            .await?;
        let Some(kpi) = kpi else {
            return Err(Error::NotFound(format!("no KPI with key `{}`", kpi_key.chars().take(64).collect::<String>())));
        };
        let kpi_id = KpiId::from_uuid(uuid_of(&kpi.try_get::<String, _>(0)?)?);
        let kind: PeriodKind = kpi
            .try_get::<String, _>(1)?
            .parse()
            .map_err(|e: stride_domain::DomainError| Error::Corrupt(e.to_string()))?;
        for (i, p) in points.iter().enumerate() {
            if !p.value.is_finite() {
                return Err(Error::Invalid(format!("points[{i}].value: must be a finite number")));
            }
            Period::new(kind, p.period_start)
                .map_err(|e| Error::Invalid(format!("points[{i}].period_start: {e}")))?;
        }
        let now_s = ts(now);
        let mut results = Vec::with_capacity(points.len());
        for p in points {
            let id = kpi_point_id(kpi_id, p.period_start);
            let id_s = id.to_string();
            let op_id = OpId::new().to_string();
            let w = Write {
                kind: EntityKind::KpiPoint,
                id: &id_s,
                hlc,
                op: &op_id,
                person: None,
                now: &now_s,
            };
            let current: Option<f64> = sqlx::query_scalar("SELECT value FROM kpi_points WHERE id = $1")
                .bind(&id_s)
                .fetch_optional(&mut *tx)
                .await?;
            let outcome = match current {
                Some(v) if v == p.value => IngestOutcome::Unchanged,
                Some(_) => {
                    sqlx::query("UPDATE kpi_points SET value = $2, recorded_at = $3 WHERE id = $1")
                        .bind(&id_s)
                        .bind(p.value)
                        .bind(&now_s)
                        .execute(&mut *tx)
                        .await?;
                    IngestOutcome::Updated
                }
                None => {
                    sqlx::query(
                        "INSERT INTO kpi_points (id, kpi_id, period_start, value, recorded_at) VALUES ($1, $2, $3, $4, $5)",
                    )
                    .bind(&id_s)
                    .bind(kpi_id.to_string())
                    .bind(p.period_start.format("%Y-%m-%d").to_string())
                    .bind(p.value)
                    .bind(&now_s)
                    .execute(&mut *tx)
                    .await?;
                    for f in ["kpi_id", "period_start"] {
                        set_clock(&mut tx, &w, f).await?;
                    }
                    IngestOutcome::Created
                }
            };
            if outcome != IngestOutcome::Unchanged {
                let spec = schema::spec(EntityKind::KpiPoint);
                for f in ["value", "recorded_at"] {
                    set_clock(&mut tx, &w, f).await?;
                }
                if let Some(field) = spec.field("value") {
                    add_history(&mut tx, &w, field, &SqlVal::Real(Some(p.value)), true).await?;
                }
                touch_row(&mut tx, EntityKind::KpiPoint, &id_s, None).await?;
            }
            results.push(KpiPointResult {
                id,
                period_start: p.period_start,
                outcome,
            });
        }
        tx.commit().await?;
        Ok(KpiPointsResponse { kpi_id, results })
    }
}

/// Applies one pushed op inside the caller's transaction: idempotency,
/// device order, authorisation and merge.
async fn apply_op_in(
    conn: &mut Conn,
    caller: &Caller,
    device: DeviceId,
    op: &Op,
    payload_hash: &str,
    effective_hlc: Hlc,
    now: DateTime<Utc>,
) -> Result<OpResult> {
    let op_id = op.op_id.to_string();
    let stored = sqlx::query("SELECT payload_hash, result, person_id FROM sync_applied_op WHERE op_id = $1")
        .bind(&op_id)
        .fetch_optional(&mut *conn)
        .await?;
    if let Some(row) = stored {
        let hash: String = row.try_get(0)?;
        let owner: String = row.try_get(2)?;
        // Another user's op id is never replayed to this caller.
        if hash != payload_hash || owner != id_text(caller.person_id) {
            return Err(Error::IdempotencyConflict(op.op_id));
        }
        let result: String = row.try_get(1)?;
        let outcome: OpOutcome =
            serde_json::from_str(&result).map_err(|e| Error::Corrupt(e.to_string()))?;
        return Ok(OpResult {
            op_id: op.op_id,
            replayed: true,
            outcome,
        });
    }
    let last: Option<i64> =
        sqlx::query_scalar("SELECT last_seq FROM sync_device WHERE device_id = $1 AND person_id = $2")
            .bind(device.to_string())
            .bind(id_text(caller.person_id))
            .fetch_optional(&mut *conn)
            .await?;
    let Some(last) = last else {
        return Err(Error::DeviceMismatch);
    };
    let seq = i64::try_from(op.device_seq).unwrap_or(i64::MAX);
    let unstored = |outcome| OpResult {
        op_id: op.op_id,
        replayed: false,
        outcome,
    };
    if seq <= last {
        return Ok(unstored(reject(
            RejectCode::SeqReused,
            format!("device_seq: {seq} was already used by another op on this device (next is {})", last + 1),
        )));
    }
    if seq > last + 1 {
        return Ok(unstored(OpOutcome::Gap {
            expected_seq: u64::try_from(last + 1).unwrap_or(0),
        }));
    }
    let now_s = ts(now);
    let outcome = if op.schema_version > SCHEMA_VERSION {
        reject(
            RejectCode::UnsupportedSchema,
            format!("schema_version: {} is newer than this server's {SCHEMA_VERSION}", op.schema_version),
        )
    } else {
        Store::merge(&mut *conn, caller, op, effective_hlc, &now_s).await?
    };
    let result = serde_json::to_string(&outcome).map_err(|e| Error::Corrupt(e.to_string()))?;
    sqlx::query(
        "INSERT INTO sync_applied_op (op_id, device_id, person_id, payload_hash, result, applied_at) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(&op_id)
    .bind(device.to_string())
    .bind(id_text(caller.person_id))
    .bind(payload_hash)
    .bind(result)
    .bind(&now_s)
    .execute(&mut *conn)
    .await?;
    sqlx::query("UPDATE sync_device SET last_seq = $2, last_seen = $3 WHERE device_id = $1")
        .bind(device.to_string())
        .bind(seq)
        .bind(&now_s)
        .execute(&mut *conn)
        .await?;
    Ok(unstored(outcome))
}

