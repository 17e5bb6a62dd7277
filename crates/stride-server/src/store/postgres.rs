//! The PostgreSQL backend: migrations from `migrations/postgres` run on
//! connect. Every write transaction starts by locking the one `seq_counter`
//! row, so sequence numbers commit in order even across server processes
//! (sequences alone can commit out of order); pulls read in a repeatable-read
//! snapshot.

use sqlx::postgres::PgPoolOptions;

type Db = sqlx::Postgres;
const BACKEND: Backend = Backend::Postgres;
/// One snapshot for all the statements of a pull.
const READ_SNAPSHOT_SQL: Option<&str> = Some("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");

/// The PostgreSQL store.
pub struct Store {
    pool: sqlx::PgPool,
    write_lock: tokio::sync::Mutex<()>,
}

impl Store {
    /// Connects to `url` and migrates the database.
    ///
    /// # Errors
    /// The database cannot be reached or migrated.
    pub async fn open(url: &str) -> Result<Self> {
        let pool = PgPoolOptions::new().max_connections(8).connect(url).await?;
        sqlx::migrate!("./migrations/postgres").run(&pool).await?;
        let store = Self {
            pool,
            write_lock: tokio::sync::Mutex::new(()),
        };
        store.init().await?;
        tracing::info!("opened PostgreSQL store");
        Ok(store)
    }
}

include!("common.rs");
