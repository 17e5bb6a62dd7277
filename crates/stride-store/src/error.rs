//! The store's one error type.

use std::path::PathBuf;

/// Everything that can go wrong in the local store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// A row the caller named does not exist.
    #[error("{what} not found")]
    NotFound {
        /// What was looked for, e.g. "goal 0190…".
        what: String,
    },
    /// Input rejected by a domain rule or a constraint; names the field when known.
    #[error("{message}")]
    Invalid {
        /// The offending field, when one can be named.
        field: Option<String>,
        /// A human sentence.
        message: String,
    },
    /// The write conflicts with existing data (a unique key, an alignment cycle, …).
    #[error("{0}")]
    Conflict(String),
    /// The file was written by a newer Stride whose migrations this build does not know.
    #[error("the database {path} was written by a newer version of Stride (schema {found}, this build knows {known}); update Stride to open it")]
    TooNew {
        /// The database file.
        path: PathBuf,
        /// Highest migration version found in the file.
        found: i64,
        /// Highest migration version this build ships.
        known: i64,
    },
    /// The safety copy taken before migrating could not be written.
    #[error("could not back up {path} before migrating it: {source}")]
    Backup {
        /// The database file.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: sqlx::Error,
    },
    /// A migration failed; the database was left as it was before it (each runs in a transaction).
    #[error("database migration failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    /// Any other database error.
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
}

impl StoreError {
    /// Shorthand for [`StoreError::NotFound`].
    pub fn not_found(what: impl Into<String>) -> Self {
        Self::NotFound { what: what.into() }
    }

    /// Shorthand for [`StoreError::Invalid`] naming a field.
    pub fn invalid(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self::Invalid {
            field: Some(field.into()),
            message: message.into(),
        }
    }
}

/// Result alias for the store.
pub type Result<T, E = StoreError> = std::result::Result<T, E>;
