//! Opening, migrating and the one write path.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use sqlx::migrate::Migrator;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::ConnectOptions as _;
use sqlx::{Sqlite, SqlitePool, Transaction};

use crate::error::{Result, StoreError};

static MIGRATOR: Migrator = sqlx::migrate!("./migrations");

/// The schema version this build migrates a database to (the highest migration).
pub const SCHEMA_VERSION: i64 = 6;

/// Row counts shown on the Settings screen and in `stride` output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
pub struct Counts {
    /// Goals of every kind and state.
    pub goals: i64,
    /// People.
    pub people: i64,
}

/// An open local store.
#[derive(Debug, Clone)]
pub struct Store {
    path: PathBuf,
    /// Readers (WAL lets them run beside the writer).
    read: SqlitePool,
    /// The one writer connection: writes are serialised in-process, so a write
    /// transaction never has to upgrade a read lock (no SQLITE_BUSY deadlocks).
    write: SqlitePool,
    /// Bumped by every committed write through this store: what was derived
    /// from the data at one generation is still right at the same one.
    generation: Arc<AtomicU64>,
    /// The alignment map's roll-up, kept between expands (see `cascade.rs`).
    pub(crate) cascade_memo: crate::memo::Memo<crate::cascade::Key, Arc<crate::cascade::Rollup>>,
    /// The last dashboard read (see `memo.rs`).
    pub(crate) dashboard_memo: crate::memo::Memo<crate::memo::Key, crate::queries::Dashboard>,
    /// The last chart-data read.
    pub(crate) chart_memo:
        crate::memo::Memo<crate::memo::Key, (crate::queries::StatusCounts, Vec<f64>)>,
}

/// A write transaction: the only way to change the store.
///
/// Every domain write takes `&mut WriteTx`; the sync engine hooks its outbox in
/// here, so no write can bypass it.
pub struct WriteTx {
    tx: Transaction<'static, Sqlite>,
    generation: Arc<AtomicU64>,
    /// Whether this database syncs (read on first need, then cached).
    pub(crate) sync_on: Option<bool>,
}

impl WriteTx {
    /// The underlying transaction, for the store's own write functions.
    pub(crate) fn conn(&mut self) -> &mut sqlx::SqliteConnection {
        &mut self.tx
    }

    /// Commits every statement of this write at once.
    pub async fn commit(self) -> Result<()> {
        self.tx.commit().await?;
        self.generation.fetch_add(1, Ordering::SeqCst);
        Ok(())
    }

    /// Commits bookkeeping that changes no data anyone reads through the
    /// store (the remembered evaluations): what was derived from the data
    /// stays valid, so the write generation does not move.
    pub(crate) async fn commit_bookkeeping(self) -> Result<()> {
        self.tx.commit().await?;
        Ok(())
    }
}

fn connect_options(path: &Path) -> SqliteConnectOptions {
    SqliteConnectOptions::new()
        .filename(path)
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Normal)
        .foreign_keys(true)
        .busy_timeout(Duration::from_secs(10))
        .pragma("temp_store", "memory")
        // Dashboards over a large organisation scan every goal: a 64 MiB page
        // cache and memory-mapped reads keep those scans off the disk.
        .pragma("cache_size", "-65536")
        .pragma("mmap_size", "268435456")
        // Whole-organisation evaluations legitimately take a second on
        // 100k+ goals; sqlx's default logs each as a WARN with the full SQL.
        // Statements are logged at TRACE, slow ones (over 5 s) at INFO.
        .log_statements(tracing::log::LevelFilter::Trace)
        .log_slow_statements(tracing::log::LevelFilter::Info, Duration::from_secs(5))
}

impl Store {
    /// Opens (creating if missing) the database at `path` and migrates it to
    /// [`SCHEMA_VERSION`]. When an existing database needs migrating, a
    /// consistent copy is first written beside it as
    /// `<file>.before-v<N>.bak` (see [`Store::backup_path`]).
    #[tracing::instrument(level = "info", skip_all, fields(path = %path.display()))]
    pub async fn open(path: &Path) -> Result<Self> {
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).map_err(|e| StoreError::Invalid {
                field: Some("path".into()),
                message: format!("cannot create the folder {}: {e}", parent.display()),
            })?;
        }
        let options = connect_options(path);
        let write = SqlitePoolOptions::new()
            .max_connections(1)
            .min_connections(1)
            .after_release(foreign_keys_back_on)
            .connect_with(options.clone())
            .await?;

        let applied = applied_version(&write).await?;
        let known = MIGRATOR.iter().map(|m| m.version).max().unwrap_or(0);
        if applied > known {
            return Err(StoreError::TooNew {
                path: path.to_owned(),
                found: applied,
                known,
            });
        }
        if applied > 0 && applied < known {
            let backup = Self::backup_path(path, known);
            tracing::info!(from = applied, to = known, backup = %backup.display(), "backing up before migrating");
            backup_into(&write, &backup)
                .await
                .map_err(|source| StoreError::Backup {
                    path: path.to_owned(),
                    source,
                })?;
        }
        MIGRATOR.run(&write).await?;
        if applied < known {
            tracing::info!(from = applied, to = known, "database migrated");
        }

        let read = SqlitePoolOptions::new()
            .max_connections(4)
            .connect_with(options.read_only(true))
            .await?;
        Ok(Self {
            path: path.to_owned(),
            read,
            write,
            generation: Arc::new(AtomicU64::new(0)),
            cascade_memo: crate::memo::Memo::default(),
            dashboard_memo: crate::memo::Memo::default(),
            chart_memo: crate::memo::Memo::default(),
        })
    }

    /// Where the pre-migration copy of `db` goes when migrating it to `version`.
    #[must_use]
    pub fn backup_path(db: &Path, version: i64) -> PathBuf {
        let mut name = db.file_name().map(|n| n.to_os_string()).unwrap_or_default();
        name.push(format!(".before-v{version}.bak"));
        db.with_file_name(name)
    }

    /// The database file.
    #[must_use]
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The pool for read queries.
    #[must_use]
    pub fn reader(&self) -> &SqlitePool {
        &self.read
    }

    /// Starts a write; nothing is visible to readers until [`WriteTx::commit`].
    pub async fn begin_write(&self) -> Result<WriteTx> {
        let tx = self.write.begin().await?;
        Ok(WriteTx {
            tx,
            generation: self.generation.clone(),
            sync_on: None,
        })
    }

    /// Starts a write with a custom `BEGIN` statement (see `begin_sync_apply`).
    pub(crate) async fn begin_write_with(&self, begin: &'static str) -> Result<WriteTx> {
        let tx = self.write.begin_with(begin).await?;
        Ok(WriteTx {
            tx,
            generation: self.generation.clone(),
            sync_on: None,
        })
    }

    /// The key of a kept read on `as_of` for `cycle` at the current generation.
    pub(crate) fn memo_key(
        &self,
        as_of: chrono::NaiveDate,
        thresholds: &stride_domain::StatusThresholds,
        cycle: Option<stride_domain::CycleId>,
    ) -> crate::memo::Key {
        crate::memo::key(as_of, thresholds, cycle, self.generation())
    }

    /// How many writes this store has committed since it was opened.
    #[must_use]
    pub fn generation(&self) -> u64 {
        self.generation.load(Ordering::SeqCst)
    }

    /// The highest migration applied to this database.
    pub async fn schema_version(&self) -> Result<i64> {
        applied_version(&self.read).await
    }

    /// How many goals and people the database holds.
    pub async fn counts(&self) -> Result<Counts> {
        let (goals, people): (i64, i64) =
            sqlx::query_as("SELECT (SELECT count(*) FROM goals), (SELECT count(*) FROM people)")
                .fetch_one(&self.read)
                .await?;
        Ok(Counts { goals, people })
    }

    /// Reads a value from the `meta` table.
    pub async fn meta(&self, key: &str) -> Result<Option<String>> {
        Ok(sqlx::query_scalar("SELECT value FROM meta WHERE key = ?")
            .bind(key)
            .fetch_optional(&self.read)
            .await?)
    }

    /// Writes a value into the `meta` table.
    pub async fn set_meta(tx: &mut WriteTx, key: &str, value: &str) -> Result<()> {
        sqlx::query("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value")
            .bind(key)
            .bind(value)
            .execute(tx.conn())
            .await?;
        Ok(())
    }

    /// Checkpoints the WAL and closes every connection.
    pub async fn close(self) {
        if let Err(e) = sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
            .execute(&self.write)
            .await
        {
            tracing::warn!(error = %e, "WAL checkpoint on close failed");
        }
        self.read.close().await;
        self.write.close().await;
    }
}

type ReleaseFuture<'c> =
    std::pin::Pin<Box<dyn std::future::Future<Output = Result<bool, sqlx::Error>> + Send + 'c>>;

/// Runs whenever the writer connection goes back to its pool: foreign keys are
/// enforced again after a pull page applied without them (a no-op otherwise).
fn foreign_keys_back_on(
    conn: &mut sqlx::SqliteConnection,
    _meta: sqlx::pool::PoolConnectionMetadata,
) -> ReleaseFuture<'_> {
    Box::pin(async move {
        sqlx::query("PRAGMA foreign_keys = ON")
            .execute(&mut *conn)
            .await?;
        Ok(true)
    })
}

async fn applied_version(pool: &SqlitePool) -> Result<i64> {
    let has_table: bool = sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_sqlx_migrations')",
    )
    .fetch_one(pool)
    .await?;
    if !has_table {
        return Ok(0);
    }
    let v: Option<i64> =
        sqlx::query_scalar("SELECT max(version) FROM _sqlx_migrations WHERE success = 1")
            .fetch_one(pool)
            .await?;
    Ok(v.unwrap_or(0))
}

async fn backup_into(pool: &SqlitePool, backup: &Path) -> std::result::Result<(), sqlx::Error> {
    if backup.exists() {
        let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%S");
        let mut name = backup
            .file_name()
            .map(|n| n.to_os_string())
            .unwrap_or_default();
        name.push(format!(".{stamp}"));
        let older = backup.with_file_name(name);
        std::fs::rename(backup, &older).map_err(sqlx::Error::Io)?;
    }
    // VACUUM INTO writes a transactionally consistent copy, WAL included.
    let target = backup.to_string_lossy().into_owned();
    sqlx::query("VACUUM INTO ?")
        .bind(target)
        .execute(pool)
        .await?;
    Ok(())
}
