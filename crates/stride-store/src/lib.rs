//! Stride's local store: one SQLite file, opened in WAL mode with foreign keys,
//! migrated on open (after a backup copy of an existing file), and written to
//! through one write path ([`WriteTx`]) so that the sync engine can add its
//! outbox and per-field clocks in the same transaction as every domain write.
#![forbid(unsafe_code)]

mod alerts;
mod browse;
mod cascade;
pub mod demo;
mod digest;
mod error;
mod eval;
mod history;
mod inbox;
mod memo;
mod open;
mod queries;
mod read;
mod reminders;
mod sync;
mod team;
mod write;

pub use browse::{OwnerChoice, PersonHit, UnitHit};
pub use cascade::{CascadeHit, CascadeLevel, CascadeRow, MAX_PATHS};
pub use error::{Result, StoreError};
pub use history::{PastGoal, PastRelation, SameMetric};
pub use inbox::{AlertState, InboxItem, TickReport};
pub use open::{Counts, Store, WriteTx, SCHEMA_VERSION};
pub use queries::{
    bench_statements, BenchStatement, Cascade, CascadeNode, CycleStatus, Dashboard, GoalDetail,
    GoalLink, GoalScope, GoalSummary, KpiSeries, StatusCounts, UnitStatus,
};
pub use reminders::DueReminder;
/// The sqlx version the store is built on (for callers that inspect errors).
pub use sqlx;
pub use sync::{AttentionItem, ConflictRecord, SyncCounts, SyncIdentity, SyncState};
pub use team::{AlignmentProblems, InactiveParent, OpposingSiblings, TeamMember};
pub use write::UNDO_WINDOW_MINUTES;
