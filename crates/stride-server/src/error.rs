//! The library's error type. The HTTP layer maps it to `{code, message}`
//! (`http::error`); storage internals are logged there, never sent.

use stride_protocol::OpId;

/// Everything that can go wrong in the server library.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A database error (connection, constraint, query).
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    /// A migration failed or the database is newer than this build.
    #[error("database migration failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    /// A named thing does not exist.
    #[error("{0}")]
    NotFound(String),
    /// Input that is well-formed but not acceptable; the message names the field.
    #[error("{0}")]
    Invalid(String),
    /// A uniqueness rule (e.g. an email already in use).
    #[error("{0}")]
    AlreadyExists(String),
    /// The same op id arrived before with a different payload.
    #[error("op {0} was pushed before with a different payload")]
    IdempotencyConflict(OpId),
    /// The device id is bound to another user.
    #[error("this device is registered to another user")]
    DeviceMismatch,
    /// The cursor is from another epoch, scope or the future: re-download.
    #[error("{0}")]
    ResetRequired(String),
    /// The cursor does not decode.
    #[error("the cursor is not one this server issued")]
    InvalidCursor,
    /// Password hashing failed.
    #[error("password hashing failed: {0}")]
    Password(String),
    /// A file could not be read or written.
    #[error("{0}")]
    Io(#[from] std::io::Error),
    /// Stored data that does not decode (a bug or a hand-edited database).
    #[error("corrupt stored data: {0}")]
    Corrupt(String),
}

/// The library's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
