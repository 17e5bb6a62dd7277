//! Storage behind one narrow trait, named after the server's operations.
//!
//! Two implementations: [`sqlite`] (the default; one file) and [`postgres`]
//! (for larger organisations), each with its own `migrations/` folder. Their
//! query code is shared text (`common.rs`, included into each backend module
//! with the backend's `Db` type) because the SQL is written in the dialect
//! both accept (`$n` parameters, `ON CONFLICT`, `RETURNING`); what differs
//! (connection options, migrations, isolation) lives in the backend module.
//! The backend is chosen by URL scheme in [`open`].

use std::sync::Arc;

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use stride_protocol::{
    Change, DeviceId, Hlc, KpiPointIn, KpiPointsResponse, Op, OpResult, Revoke, Role,
};
use uuid::Uuid;

use crate::error::Result;

pub mod postgres;
pub mod sqlite;

/// Which database a store uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// One SQLite file.
    Sqlite,
    /// A PostgreSQL database.
    Postgres,
}

/// The signed-in person making a request (from the server's own data).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Caller {
    /// Person id.
    pub person_id: Uuid,
    /// Name.
    pub name: String,
    /// Email.
    pub email: String,
    /// Role.
    pub role: Role,
    /// Bumped when the person's access changes in a way move-in/revoke cannot express.
    pub scope_version: i64,
}

/// An account as sign-in needs it.
#[derive(Debug, Clone)]
pub struct Account {
    /// The person.
    pub caller: Caller,
    /// PHC string of the argon2id hash.
    pub password_hash: String,
    /// Whether the person is active.
    pub active: bool,
}

/// A new person (admin command or CSV import).
#[derive(Debug, Clone)]
pub struct NewPerson {
    /// Display name.
    pub name: String,
    /// Email (stored lower-case).
    pub email: String,
    /// Job title.
    pub title: String,
    /// Role.
    pub role: Role,
    /// Org unit by name (created as a team under the company if missing).
    pub unit: Option<String>,
    /// Manager by email.
    pub manager_email: Option<String>,
}

/// What an import did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ImportSummary {
    /// People added.
    pub created: usize,
    /// People already there, updated.
    pub updated: usize,
}

/// A position in a user's pull stream (the inside of a cursor).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct Position {
    /// Effective sequence of the last item sent.
    pub seq: i64,
    /// Its row sequence (tie-break inside a move-in batch).
    pub row: i64,
}

/// A decoded cursor: the server epoch, the position and the scope version.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct CursorState {
    /// Server epoch (changes when the database is replaced or restored).
    #[serde(rename = "e")]
    pub epoch: String,
    /// Effective sequence.
    #[serde(rename = "s")]
    pub seq: i64,
    /// Row tie-break.
    #[serde(rename = "r")]
    pub row: i64,
    /// The user's scope version.
    #[serde(rename = "v")]
    pub scope_version: i64,
}

/// One page of a pull.
#[derive(Debug, Clone)]
pub struct PullPage {
    /// Changed rows.
    pub changes: Vec<Change>,
    /// Rows that entered the scope.
    pub move_in: Vec<Change>,
    /// Rows that left it.
    pub revoke: Vec<Revoke>,
    /// Where the page ends.
    pub next: CursorState,
    /// More after this page.
    pub has_more: bool,
}

/// Facts about the server's database.
#[derive(Debug, Clone)]
pub struct ServerInfo {
    /// The epoch.
    pub epoch: String,
    /// The latest change sequence.
    pub head_seq: i64,
    /// How many people can sign in.
    pub accounts: i64,
}

/// The server's storage. Every method is one transaction.
#[async_trait]
pub trait Storage: Send + Sync + 'static {
    /// Which backend.
    fn backend(&self) -> Backend;

    /// Epoch, head sequence, account count.
    async fn info(&self) -> Result<ServerInfo>;

    /// Adds a person (and an account when `password_hash` is given).
    async fn create_person(
        &self,
        person: NewPerson,
        password_hash: Option<String>,
        now: DateTime<Utc>,
    ) -> Result<Uuid>;

    /// Sets (or clears) a person's manager.
    async fn set_manager(&self, email: &str, manager_email: Option<&str>) -> Result<()>;

    /// Moves a person to an org unit by name (created if missing), or to none.
    async fn set_unit(&self, email: &str, unit: Option<&str>) -> Result<()>;

    /// Makes a person the lead of an org unit (or clears the lead).
    async fn set_unit_lead(&self, unit: &str, email: Option<&str>) -> Result<()>;

    /// Adds or updates people from an import, managers resolved after all rows exist.
    async fn import_people(&self, people: Vec<NewPerson>) -> Result<ImportSummary>;

    /// Sets a person's password and revokes their sessions.
    async fn set_password(
        &self,
        email: &str,
        password_hash: String,
        now: DateTime<Utc>,
    ) -> Result<()>;

    /// The account with this email, if any.
    async fn account_by_email(&self, email: &str) -> Result<Option<Account>>;

    /// Stores a session (by token hash).
    async fn create_session(
        &self,
        person: Uuid,
        token_hash: &str,
        now: DateTime<Utc>,
        expires_at: DateTime<Utc>,
    ) -> Result<()>;

    /// The person behind a live session token hash.
    async fn caller_for_token(
        &self,
        token_hash: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<Caller>>;

    /// Revokes a session; false if it was not live.
    async fn revoke_session(&self, token_hash: &str, now: DateTime<Utc>) -> Result<bool>;

    /// Stores a new integration API key (by hash) under a unique name.
    async fn issue_api_key(&self, name: &str, key_hash: &str, now: DateTime<Utc>) -> Result<Uuid>;

    /// Revokes the API key with this name; false if none was live.
    async fn revoke_api_key(&self, name: &str, now: DateTime<Utc>) -> Result<bool>;

    /// Whether a key hash belongs to a live API key.
    async fn api_key_valid(&self, key_hash: &str) -> Result<bool>;

    /// Binds a device to the caller on first sight; `DeviceMismatch` if it is someone else's.
    async fn bind_device(
        &self,
        caller: &Caller,
        device: DeviceId,
        now: DateTime<Utc>,
    ) -> Result<()>;

    /// Applies a push request's ops in order in one transaction, each
    /// idempotent per op id, ordered per device, authorised and merged; an
    /// error rolls back the whole request, which the client retries.
    async fn apply_ops(
        &self,
        caller: &Caller,
        device: DeviceId,
        ops: &[PushedOp<'_>],
        now: DateTime<Utc>,
    ) -> Result<Vec<OpResult>>;

    /// One page of the caller's pull stream after `cursor`.
    async fn pull(
        &self,
        caller: &Caller,
        cursor: Option<CursorState>,
        limit: u32,
    ) -> Result<PullPage>;

    /// Records KPI values, one per period (idempotent per KPI and period).
    async fn ingest_kpi_points(
        &self,
        kpi_key: &str,
        points: &[KpiPointIn],
        hlc: Hlc,
        now: DateTime<Utc>,
    ) -> Result<KpiPointsResponse>;
}

/// A shared store.
pub type DynStore = Arc<dyn Storage>;

/// One op of a push request with what the handler worked out for it.
#[derive(Debug, Clone)]
pub struct PushedOp<'a> {
    /// The op as sent.
    pub op: &'a Op,
    /// The hash of its payload (idempotency: the same op id with another
    /// payload is refused).
    pub payload_hash: String,
    /// The clock it is merged at (the op's, bounded by the server's).
    pub effective_hlc: Hlc,
}

/// Opens (creating and migrating) the store at `url`: `postgres://…` or
/// `postgresql://…` for PostgreSQL; `sqlite:PATH` or a plain path for SQLite.
///
/// # Errors
/// Connection or migration failures.
pub async fn open(url: &str) -> Result<DynStore> {
    if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        Ok(Arc::new(postgres::Store::open(url).await?))
    } else {
        let path = url
            .strip_prefix("sqlite://")
            .or_else(|| url.strip_prefix("sqlite:"))
            .unwrap_or(url);
        Ok(Arc::new(
            sqlite::Store::open(std::path::Path::new(path)).await?,
        ))
    }
}

/// RFC 3339 text with microseconds in UTC (sorts as time).
pub(crate) fn ts(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%dT%H:%M:%S%.6fZ").to_string()
}
