//! The HTTP boundary error: every failure becomes a 4xx/5xx with
//! `{code, message}`. Internals are logged, never sent.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use stride_protocol::{ErrorBody, ErrorCode};

use crate::error::Error;

/// An error response.
#[derive(Debug)]
pub struct ApiError {
    /// Stable code (decides the status).
    pub code: ErrorCode,
    /// For people.
    pub message: String,
    /// Seconds for `Retry-After` (429).
    pub retry_after: Option<u64>,
}

impl ApiError {
    /// An error with a code and message.
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
            retry_after: None,
        }
    }
}

impl From<Error> for ApiError {
    fn from(e: Error) -> Self {
        match e {
            Error::NotFound(m) => Self::new(ErrorCode::NotFound, m),
            Error::Invalid(m) => Self::new(ErrorCode::InvalidInput, m),
            Error::AlreadyExists(m) => Self::new(ErrorCode::AlreadyExists, m),
            Error::IdempotencyConflict(_) => {
                Self::new(ErrorCode::IdempotencyConflict, e.to_string())
            }
            Error::DeviceMismatch => Self::new(ErrorCode::DeviceMismatch, e.to_string()),
            Error::ResetRequired(m) => Self::new(ErrorCode::ResetRequired, m),
            Error::InvalidCursor => Self::new(ErrorCode::InvalidCursor, e.to_string()),
            Error::Database(sqlx::Error::PoolTimedOut | sqlx::Error::Io(_)) => {
                tracing::error!(error = %e, "database unavailable");
                Self::new(
                    ErrorCode::Unavailable,
                    "the server cannot reach its database; try again shortly",
                )
            }
            Error::Database(_)
            | Error::Migrate(_)
            | Error::Password(_)
            | Error::Io(_)
            | Error::Corrupt(_) => {
                tracing::error!(error = %e, "request failed");
                Self::new(
                    ErrorCode::Internal,
                    "the server failed; the details are in its log",
                )
            }
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status =
            StatusCode::from_u16(self.code.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let mut resp = (status, Json(ErrorBody::new(self.code, self.message))).into_response();
        if let Some(secs) = self.retry_after {
            if let Ok(v) = HeaderValue::from_str(&secs.to_string()) {
                resp.headers_mut().insert(header::RETRY_AFTER, v);
            }
        }
        resp
    }
}
