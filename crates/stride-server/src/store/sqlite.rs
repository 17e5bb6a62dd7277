//! The SQLite backend (the default): one file, WAL, foreign keys on, a busy
//! timeout, migrations from `migrations/sqlite` run on open. Writes are
//! serialised in-process by a mutex (SQLite has one writer anyway), so
//! sequence numbers commit in order.

use std::path::Path;
use std::time::Duration;

use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};

type Db = sqlx::Sqlite;
const BACKEND: Backend = Backend::Sqlite;
/// SQLite read transactions are snapshots already (WAL).
const READ_SNAPSHOT_SQL: Option<&str> = None;

/// The SQLite store.
pub struct Store {
    pool: sqlx::SqlitePool,
    write_lock: tokio::sync::Mutex<()>,
}

impl Store {
    /// Opens (creating if missing) and migrates the database file at `path`.
    ///
    /// # Errors
    /// The file cannot be opened or migrated.
    pub async fn open(path: &Path) -> Result<Self> {
        let options = SqliteConnectOptions::new()
            .filename(path)
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(10));
        let pool = SqlitePoolOptions::new()
            .max_connections(4)
            .connect_with(options)
            .await?;
        sqlx::migrate!("./migrations/sqlite").run(&pool).await?;
        let store = Self {
            pool,
            write_lock: tokio::sync::Mutex::new(()),
        };
        store.init().await?;
        tracing::info!(path = %path.display(), "opened SQLite store");
        Ok(store)
    }
}

include!("common.rs");
