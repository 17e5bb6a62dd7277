//! The engine's one error type.

use stride_protocol::ErrorCode;
use stride_store::StoreError;

/// Everything that can stop a sync. The outbox is never lost by any of them:
/// ops leave it only when the server answered for them.
#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    /// The local store failed.
    #[error("local database: {0}")]
    Store(#[from] StoreError),
    /// The server could not be reached (or the answer was lost) after retrying.
    #[error("cannot reach the server: {0}")]
    Network(String),
    /// The server answered with an error status.
    #[error("the server answered {status}: {message}")]
    Http {
        /// HTTP status.
        status: u16,
        /// The stable error code, when the body carried one.
        code: Option<ErrorCode>,
        /// The server's sentence.
        message: String,
        /// `Retry-After` seconds, when given.
        retry_after: Option<u64>,
    },
    /// The token is missing, expired or revoked (401): sign in again.
    #[error("not signed in: {0}")]
    Unauthorized(String),
    /// This build's schema is below the server's minimum (426): the outbox is kept.
    #[error("this version of Stride is too old for the server; update it (your unsynced changes are kept): {0}")]
    UpgradeRequired(String),
    /// Sync is not set up for this database.
    #[error("sync is not set up for this database; run a first sync with --server and --email")]
    NotEnabled,
    /// An answer that breaks the protocol (wrong result count, a sequence gap…).
    #[error("unexpected answer from the server: {0}")]
    Protocol(String),
    /// The keychain failed.
    #[error("keychain: {0}")]
    Credentials(String),
    /// Bad input from the caller (a missing email, a different account…).
    #[error("{0}")]
    Input(String),
}

impl SyncError {
    /// Worth retrying after a pause: the network, 5xx, 429.
    #[must_use]
    pub fn is_transient(&self) -> bool {
        match self {
            Self::Network(_) => true,
            Self::Http { status, .. } => *status == 429 || (500..600).contains(status),
            _ => false,
        }
    }

    /// The HTTP status, for a server error.
    #[must_use]
    pub fn status(&self) -> Option<u16> {
        match self {
            Self::Http { status, .. } => Some(*status),
            Self::Unauthorized(_) => Some(401),
            Self::UpgradeRequired(_) => Some(426),
            _ => None,
        }
    }
}

/// Result alias for the engine.
pub type Result<T, E = SyncError> = std::result::Result<T, E>;
