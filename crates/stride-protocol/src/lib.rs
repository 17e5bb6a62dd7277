//! Stride's sync protocol: the versioned wire types shared by the server
//! (`stride-server`) and the client engine, plus the hybrid logical clock.
//!
//! Nothing here performs IO. Every request and response body of the HTTP API
//! is a type in this crate; the server and client serialise exactly these.
//!
//! - [`hlc`]: the packed 64-bit hybrid logical clock and its tick/receive steps
//! - [`ids`]: device and op ids (UUIDv7) and the deterministic ids of natural keys
//! - [`auth`]: sign-in and the signed-in user
//! - [`push`]: batches of ops and one result per op
//! - [`pull`]: cursor pages of changes, move-ins and revokes
//! - [`error`]: the error body and its stable codes
//! - [`kpi`]: the KPI ingest body
#![forbid(unsafe_code)]

pub mod auth;
pub mod entity;
pub mod error;
pub mod hlc;
pub mod ids;
pub mod kpi;
pub mod pull;
pub mod push;

pub use auth::{Role, SignInRequest, SignInResponse, UserInfo};
pub use entity::{Access, EntityKind};
pub use error::{ErrorBody, ErrorCode};
pub use hlc::Hlc;
pub use ids::{alignment_id, kpi_point_id, DeviceId, OpId};
pub use kpi::{IngestOutcome, KpiPointIn, KpiPointResult, KpiPointsRequest, KpiPointsResponse};
pub use pull::{Change, Cursor, PullRequest, PullResponse, Revoke};
pub use push::{
    FieldConflict, FieldValue, Op, OpKind, OpOutcome, OpResult, PushRequest, PushResponse,
    RejectCode, Winner,
};

/// The version of this wire protocol (the `/api/v1` prefix).
pub const PROTOCOL_VERSION: u32 = 1;

/// The synced schema version this build writes into every op.
pub const SCHEMA_VERSION: u32 = 1;

/// The oldest op schema version a server of this build accepts (older → 426).
pub const MIN_SCHEMA_VERSION: u32 = 1;

/// The largest request body the server accepts, in bytes (larger → 413).
pub const MAX_BODY_BYTES: usize = 1024 * 1024;

/// The most ops one push may carry (more → 413).
pub const MAX_OPS_PER_PUSH: usize = 1000;

/// The largest pull page; larger `limit`s are clamped to it.
pub const MAX_PULL_LIMIT: u32 = 1000;

/// The pull page size when the request names none.
pub const DEFAULT_PULL_LIMIT: u32 = 500;

/// How far (ms) a pushed clock may run ahead of the server before it is re-stamped.
pub const MAX_DRIFT_MS: i64 = 60_000;
